"""Parameter checks on PyBaMM's own path: a hand-built :class:`pybamm.Simulation`.

PyBaMM hands a model its parameter values only inside
:meth:`pybamm.ParameterValues.process_model`, which every route to a solve goes
through (``Simulation.build``, each step of ``Simulation`` with an experiment, a direct
``parameter_values.process_model(model)``). It touches the model twice there:

1. first, before it processes any symbol, it sets ``model.fixed_input_parameters`` on
   the model it is about to process (a copy unless ``inplace``);
2. last, after the equations are processed and before any mesh, discretisation or
   solve, it attaches itself: ``model.symbol_processor.parameter_values = values``.

:class:`ParameterChecks` runs :func:`~pybamm_alloying.validation.check_model_values`
(the rules of :func:`~pybamm_alloying.validate`) at (1): it records what the unprocessed
equations read (names for the missing- and misspelled-name rules, and the voltages of
an experiment step's termination events) and checks the values of the
``ParameterValues`` whose ``process_model`` is running (found on the call stack,
:func:`values_being_processed`), before PyBaMM substitutes a NaN (its "Parameter ...
not found") or divides by a zero radius. Where that object cannot be found, a
:class:`CheckingSymbolProcessor` runs the same check at (2). The shell's mesh points
are checked as the mesh is built (:class:`~pybamm_alloying.geometry.ShellSubMesh`).
"""

import inspect
import re

import pybamm

from ..validation import check_model_values

#: PyBaMM's name of an experiment step's voltage termination event
#: (``pybamm.step.VoltageTermination.get_event_name``): ``"Voltage > 4.2 [V] [experiment]"``.
TERMINATION_EVENT = re.compile(r"^Voltage [<>] (?P<value>[-+0-9.eE]+) \[V\] \[experiment\]$")

#: The parameter that PyBaMM sets to the voltage a ``pybamm.step.Voltage`` holds.
HELD_VOLTAGE = "Voltage function [V]"


def termination_voltages(events) -> dict[str, float]:
    """{label: voltage [V]} of the experiment termination events among ``events``."""
    voltages = {}
    for event in events:
        match = TERMINATION_EVENT.match(event.name)
        if match:
            voltages[f"voltage of experiment event {event.name!r} [V]"] = float(match["value"])
    return voltages


class CheckingSymbolProcessor(pybamm.SymbolProcessor):
    """PyBaMM's symbol processor that checks the parameter values it is given.

    ``model`` is the model being processed, ``read`` the parameter names its
    unprocessed equations read, ``voltages`` its experiment termination voltages
    ({label: value [V]}). Setting :attr:`parameter_values` (PyBaMM's last act in
    ``ParameterValues.process_model``) first runs
    :func:`~pybamm_alloying.validation.check_model_values`, with the voltage a
    ``pybamm.step.Voltage`` holds (:data:`HELD_VOLTAGE`) added to ``voltages``.
    """

    def __init__(self, model: pybamm.BaseModel, read: set[str], voltages: dict[str, float]):
        super().__init__()
        self._checked = (model, read, voltages)

    @property
    def parameter_values(self) -> pybamm.ParameterValues | None:
        return pybamm.SymbolProcessor.parameter_values.fget(self)

    @parameter_values.setter
    def parameter_values(self, parameter_values: pybamm.ParameterValues) -> None:
        check_processed_values(parameter_values, *self._checked)
        pybamm.SymbolProcessor.parameter_values.fset(self, parameter_values)


def check_processed_values(values: pybamm.ParameterValues, model, read, voltages) -> None:
    """:func:`~pybamm_alloying.validation.check_model_values` of ``values`` for ``model``,
    with the voltage a ``pybamm.step.Voltage`` holds (:data:`HELD_VOLTAGE`) added to the
    protocol's ``voltages``."""
    held = values.get(HELD_VOLTAGE)
    if isinstance(held, int | float):
        voltages = {**voltages, HELD_VOLTAGE: held}
    check_model_values(values, model, read, voltages)


def values_being_processed(depth: int = 8) -> pybamm.ParameterValues | None:
    """The :class:`pybamm.ParameterValues` whose ``process_model`` is on the call stack
    (PyBaMM sets ``fixed_input_parameters`` from inside it), or None."""
    frame = inspect.currentframe().f_back
    for _ in range(depth):
        if frame is None:
            return None
        owner = frame.f_locals.get("self")
        if frame.f_code.co_name == "process_model" and isinstance(owner, pybamm.ParameterValues):
            return owner
        frame = frame.f_back
    return None


class ParameterChecks:
    """Mixin of the alloy models: PyBaMM's parameter processing checks the values.

    A model built with this mixin among its bases refuses, when
    :meth:`pybamm.ParameterValues.process_model` processes it (and so before any mesh,
    discretisation or solve), the values :func:`~pybamm_alloying.validate` refuses:
    out-of-range alloy values (a negative radius, c_eq >= c_max, ...), a misspelled
    name, a half cell's values in a full-cell model, cut-offs or an experiment step's
    voltages outside the cell's open-circuit window. See the module docstring for the
    two points of PyBaMM's processing it hooks into, and what it cannot see.
    """

    @property
    def fixed_input_parameters(self) -> set[pybamm.Symbol]:
        return pybamm.BaseModel.fixed_input_parameters.fget(self)

    @fixed_input_parameters.setter
    def fixed_input_parameters(self, fixed_input_parameters: set[pybamm.Symbol]) -> None:
        """PyBaMM sets this as it starts to process the model's parameters: record what
        the unprocessed model reads in a :class:`CheckingSymbolProcessor`. A model that
        is already processed (or discretised) has nothing left to check."""
        pybamm.BaseModel.fixed_input_parameters.fset(self, fixed_input_parameters)
        processor = self.symbol_processor
        used = processor.parameter_values is not None or processor.discretisation is not None
        if self.is_parameterised or used:
            return
        read = set(self.get_parameter_info())
        voltages = termination_voltages(self.events)
        values = values_being_processed()
        if values is not None:  # before PyBaMM substitutes a NaN or divides by a zero
            check_processed_values(values, self, read, voltages)
            return
        self._symbol_processor = CheckingSymbolProcessor(self, read, voltages)
