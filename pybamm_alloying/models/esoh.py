"""Electrode state of health (eSOH) of a two-phase alloy electrode (docs/theory.md section 7).

PyBaMM's eSOH (Mohtat et al. 2019, doi:10.1149/2.1181906jes) and its ``initial_soc``
solve the cell's balance with the electrode OCP as a function of the electrode's mean
carrier content x = c_bar / c_max (its "stoichiometry"), read through
``model.param.n.prim.U(x, T, branch)``. For a Fickian electrode at rest the surface and
the mean content agree, so U(x) is the surface OCP. A shrinking-core particle at rest is
not uniform: while a core remains, the shell sits at the two-phase composition c_eq
whatever the content, and only the front position q moves. Its content-potential map is
the shell OCP composed with the rest state of ``BaseShrinkingCore.initial_state``::

    U_eq(x) = U_shell(theta(x))
    theta(x) = min(theta_lo(x), theta_eq) + max(theta_hi(x), theta_eq) - theta_eq
    theta_lo(x) = (x - theta_core q_max) / (1 - q_max)       residual shell emptying, x < x_lo
    theta_hi(x) = (x - theta_core q_min) / (1 - q_min)       shell filling past the plateau, x > x_hi
    x_lo = theta_core q_max + theta_eq (1 - q_max),   x_hi = theta_core q_min + theta_eq (1 - q_min)

with theta = c/c_max, q_max = (1 - delta)^(m+1): the plateau U_shell(theta_eq) for
x_lo <= x <= x_hi (a core at c_core beside a shell at c_eq), the single-phase shell
branches outside it. theta(x) is continuous and non-decreasing, so U_eq is continuous and
non-increasing, strictly decreasing off the plateau. Either hysteresis branch of the shell
OCP composes the same way (U_eq,b(x) = U_shell,b(theta(x))), so PyBaMM's choice of branch
(lithiation at 100 %, delithiation at 0 %) carries over unchanged.

The plateau is flat, and PyBaMM's balance stays well posed on it: its Jacobian in x is
-U_p' Q_n/Q_p - U_eq', and the cathode's U_p' < 0 keeps it non-zero where U_eq' = 0.
:class:`AlloyEquilibriumParameters` hands PyBaMM this map through ``model.param``, so
PyBaMM's own :class:`pybamm.lithium_ion.ElectrodeSOHSolver` computes the summary
variables and ``initial_soc``; the submodels keep the shell OCP
(:attr:`AlloyESOH.shell_param`).
"""

import pybamm
from pybamm.parameters.lithium_ion_parameters import ParticleLithiumIonParameters

from ..geometry import geometry_exponent
from ..submodels.alloy_parameters import AlloyParameters

#: Attribute of PyBaMM's DomainLithiumIonParameters that holds each phase.
PHASE_ATTRIBUTES = {"primary": "prim", "secondary": "sec"}


def shell_stoichiometry(x, alloy: AlloyParameters, m: int):
    """Shell stoichiometry theta(x) of an alloy particle at rest holding the mean content x.

    ``alloy`` gives c_eq, c_core, c_max, q_min and delta; ``m`` is the radial exponent
    (2 sphere, 1 cylinder, 0 planar). The piecewise-linear map of the module docstring
    (docs/theory.md section 7), the rest state of ``BaseShrinkingCore.initial_state``.
    """
    theta_eq = alloy.c_eq / alloy.c_max
    theta_core = alloy.c_core / alloy.c_max
    q_max = (1 - alloy.delta) ** (m + 1)
    theta_lo = (x - theta_core * q_max) / (1 - q_max)
    theta_hi = (x - theta_core * alloy.q_min) / (1 - alloy.q_min)
    return pybamm.minimum(theta_lo, theta_eq) + pybamm.maximum(theta_hi, theta_eq) - theta_eq


class EquilibriumPhaseParameters(ParticleLithiumIonParameters):
    """PyBaMM's parameters of an alloy phase whose OCP is the content-potential map.

    ``U(x, T, lithiation)`` is the shell OCP at :func:`shell_stoichiometry` (x) on the
    requested branch: the phase's potential at rest as a function of its mean content,
    the quantity PyBaMM's eSOH balances. Everything else is PyBaMM's.
    """

    def __init__(self, phase, domain_param, m: int):
        super().__init__(phase, domain_param)
        self.m = m

    def U(self, sto, T, lithiation=None):
        """U_shell(theta(x), T) on the ``lithiation`` branch (docs/theory.md section 7)."""
        theta = shell_stoichiometry(sto, AlloyParameters(self), self.m)
        return super().U(theta, T, lithiation)


class AlloyEquilibriumParameters(pybamm.LithiumIonParameters):
    """PyBaMM's lithium-ion parameters with each alloy phase's OCP as its content map.

    Parameters
    ----------
    options : :class:`pybamm.BatteryModelOptions`
        The model's options.
    phases : iterable of (domain, phase)
        The shrinking-core phases, e.g. ``[("negative", "primary")]``.
    geometry : str
        The ``"alloy geometry"`` option ("spherical", "cylindrical", "planar").
    """

    def __init__(self, options, phases, geometry: str):
        super().__init__(options)
        m = geometry_exponent(geometry)
        for domain, phase in phases:
            domain_param = self.domain_params[domain]
            equilibrium = EquilibriumPhaseParameters(phase, domain_param, m)
            # PyBaMM's initialisation step for a phase (LithiumIonParameters.__init__)
            equilibrium._set_parameters()
            domain_param.phase_params[phase] = equilibrium
            setattr(domain_param, PHASE_ATTRIBUTES[phase], equilibrium)


class AlloyESOH:
    """Mixin for the alloy battery models: PyBaMM's eSOH on the content-potential map.

    Once the submodels are set (with PyBaMM's parameters, whose alloy OCP is the shell
    OCP at the surface), ``param`` becomes :class:`AlloyEquilibriumParameters`. PyBaMM
    reads ``model.param`` for the eSOH summary variables (``calc_esoh``, PyBaMM's
    default: on for a full cell with one phase per electrode) and for ``initial_soc``,
    so both use the map; ``shell_param`` keeps the submodels' parameters. Needs
    ``alloy_domain``, ``alloy_phases`` and ``alloy_options`` (the DFN's).
    """

    def set_submodels(self, build):
        super().set_submodels(build)
        self.shell_param = self.param
        self.param = AlloyEquilibriumParameters(
            self.options,
            [(self.alloy_domain, phase) for phase, _ in self.alloy_phases],
            self.alloy_options["alloy geometry"],
        )


#: The stoichiometry names of PyBaMM's composite eSOH ("x_100_2" etc.): letter by electrode,
#: suffix by phase, at 100 %, 0 % and the initial state.
ESOH_LETTERS = {"negative": "x", "positive": "y"}
ESOH_SUFFIXES = {"primary": "1", "secondary": "2"}
ESOH_STATES = ("100", "0", "init")
OCP_BRANCHES = (None, "lithiation", "delithiation")


class AlloyElectrodeSOHComposite(pybamm.lithium_ion.ElectrodeSOHComposite):
    """PyBaMM's composite-electrode eSOH with each alloy phase on its content-potential map.

    PyBaMM's :class:`pybamm.lithium_ion.ElectrodeSOHComposite` (equal OCPs of the phases,
    the cell's voltage limits and its lithium, on the charge branch at 100 % and the
    discharge branch at 0 %) builds its equations from its own parameters. Every shell
    OCP ``U(z, T, branch)`` of an alloy phase in them, z its stoichiometry variables, is
    replaced by :meth:`EquilibriumPhaseParameters.U` (docs/theory.md section 7); nothing
    else changes.

    Parameters
    ----------
    options : :class:`pybamm.BatteryModelOptions`
        The battery model's options.
    phases : iterable of (domain, phase)
        The shrinking-core phases.
    geometry : str
        The ``"alloy geometry"`` option.
    direction, initialization_method
        As :class:`pybamm.lithium_ion.ElectrodeSOHComposite`.
    """

    def __init__(self, options, phases, geometry, direction=None, initialization_method="SOC"):
        super().__init__(options, direction, initialization_method=initialization_method)
        phases = list(phases)
        shell = pybamm.LithiumIonParameters(options)
        equilibrium = AlloyEquilibriumParameters(options, phases, geometry)
        mapping = {}
        for domain, phase in phases:
            shell_phase = shell.domain_params[domain].phase_params[phase]
            equilibrium_phase = equilibrium.domain_params[domain].phase_params[phase]
            for state in ESOH_STATES:
                z = pybamm.Variable(
                    f"{ESOH_LETTERS[domain]}_{state}_{ESOH_SUFFIXES[phase]}", bounds=(0, 1)
                )
                for T in (shell.T_ref, shell.T_init):
                    for branch in OCP_BRANCHES:
                        mapping[shell_phase.U(z, T, branch)] = equilibrium_phase.U(z, T, branch)
        algebraic = {z: pybamm.replace(eq, mapping) for z, eq in self.algebraic.items()}
        if all(algebraic[z] is eq for z, eq in self.algebraic.items()):
            raise pybamm.ModelError(
                "no alloy OCP U(z, T, branch) found in PyBaMM's ElectrodeSOHComposite "
                f"equations for the phases {phases}: its form has changed"
            )
        self.algebraic = algebraic


def _composite_simulation(initial_value, parameter_values, model, direction):
    """A Simulation of :class:`AlloyElectrodeSOHComposite` for ``model``'s alloy phases."""
    voltage = isinstance(initial_value, str) and initial_value.strip().endswith("V")
    esoh_model = AlloyElectrodeSOHComposite(
        model.options,
        [(model.alloy_domain, phase) for phase, _ in model.alloy_phases],
        model.alloy_options["alloy geometry"],
        direction,
        initialization_method="voltage" if voltage else "SOC",
    )
    return pybamm.Simulation(
        esoh_model, parameter_values=parameter_values, solver=esoh_model.default_solver
    )


def composite_stoichiometries(
    initial_value, parameter_values, model, direction=None, inputs=None, esoh_sim=None
) -> dict:
    """Stoichiometries of a composite cell from :class:`AlloyElectrodeSOHComposite`.

    The keys are PyBaMM's: ``"x_100_1"``, ``"x_0_1"``, ``"x_init_1"``, ``"y_100_1"``, ...
    (1 primary, 2 secondary phase), the mean content of each phase at 100 %, 0 % and at
    ``initial_value`` (a state of charge, or a voltage ``"3.7 V"``). The eSOH capacity is
    sum_i Q_n,i (x_100_i - x_0_i). PyBaMM's fallback, which rebuilds its own model on a
    failure, is off: a failure raises.
    """
    esoh_sim = esoh_sim or _composite_simulation(initial_value, parameter_values, model, direction)
    return pybamm.lithium_ion.get_initial_stoichiometries_composite(
        initial_value,
        parameter_values,
        direction=direction,
        param=model.param,
        options=model.options,
        inputs=inputs,
        try_split_solve=False,
        esoh_sim=esoh_sim,
    )


def set_initial_state(initial_value, parameter_values, model, direction=None, inputs=None):
    """Parameter values whose initial concentrations put ``model``'s cell at ``initial_value``.

    ``initial_value`` is a state of charge (float in [0, 1]) or a voltage (``"3.7 V"``), as
    PyBaMM's :func:`pybamm.lithium_ion.set_initial_state`, which this calls with the
    model's content-potential map. With one phase per electrode that is what
    ``Simulation.solve(initial_soc=...)`` does already. For a composite alloy electrode
    PyBaMM's own path builds its eSOH model from its own parameters, where the alloy
    phase's OCP functions read the map of a spherical phase
    (:func:`pybamm_alloying.parameters.functions.composite_rest_stoichiometry`); this takes
    the model's geometry: it solves
    :class:`AlloyElectrodeSOHComposite` (:func:`composite_stoichiometries`, which raises
    rather than fall back to PyBaMM's model) and hands it to PyBaMM, which writes the
    initial concentrations and hysteresis states (docs/theory.md section 7).
    """
    kwargs = {"direction": direction, "param": model.param, "options": model.options}
    if not pybamm.lithium_ion.check_if_composite(model.options, model.alloy_domain):
        return pybamm.lithium_ion.set_initial_state(
            initial_value, parameter_values, inplace=False, inputs=inputs, **kwargs
        )
    esoh = _composite_simulation(initial_value, parameter_values, model, direction)
    composite_stoichiometries(initial_value, parameter_values, model, direction, inputs, esoh)
    return pybamm.lithium_ion.set_initial_state(
        initial_value, parameter_values, inplace=False, inputs=inputs, esoh_solver=esoh, **kwargs
    )
