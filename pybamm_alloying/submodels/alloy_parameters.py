"""Parameters of the shrinking-core particle that PyBaMM's own parameter classes lack.

Names follow PyBaMM's form, with the phase prefix of composite electrodes
(``"Primary: "``) where PyBaMM puts it, e.g.
``"Negative electrode interface rate constant [m.s-1]"``. :class:`AlloyParameters` holds
them as PyBaMM symbols (for the submodels); :class:`EvaluatedParticle` holds one set's
numbers (for the closed forms and studies), and :func:`parameter_float` evaluates one.
"""

from functools import cache, cached_property

import numpy as np
import pybamm


class AlloyParameters:
    """The alloy-specific parameters of one electrode phase.

    ``phase_param`` is PyBaMM's :class:`pybamm.ParticleLithiumIonParameters` for the
    electrode phase that holds the alloy; its c_max, diffusivity and radius are reused.
    """

    def __init__(self, phase_param):
        self.phase_param = phase_param
        self.domain = phase_param.domain
        self.prefix = phase_param.phase_prefactor
        self.c_max = phase_param.c_max
        self.c_eq = self._parameter("shell equilibrium concentration [mol.m-3]")
        self.c_core = self._parameter("core concentration [mol.m-3]")
        self.q_min = self._parameter("residual core volume fraction")
        self.delta = self._parameter("residual shell thickness ratio")
        self.beta = self._parameter("volume expansion ratio")
        self.yield_strength = self._parameter("shell yield strength [Pa]")
        self.phi = self._parameter("front compressive fraction")
        self.interface_energy = self._parameter("front interface energy [J.m-2]")
        self.interface_width = self._parameter("front interface width [m]")
        self.shell_modulus = self._parameter("shell Young's modulus [Pa]")
        self.shell_poisson = self._parameter("shell Poisson's ratio")
        self.fracture_energy = self._parameter("shell fracture energy [J.m-2]")
        self.fracture_lam_rate = self._parameter("fracture LAM rate [s-1]")
        self.thickness_fraction = self._parameter("swelling thickness fraction")
        self.D_sei = self._parameter("SEI carrier diffusivity [m2.s-1]")
        self.L_sei_0 = self._parameter("initial SEI film thickness [m]")

    def _name(self, quantity: str) -> str:
        return f"{self.prefix}{self.domain.capitalize()} electrode {quantity}"

    def _parameter(self, quantity: str):
        return pybamm.Parameter(self._name(quantity))

    def k_i(self, T):
        """Interface reaction rate constant k_i(T) [m.s-1]."""
        return pybamm.FunctionParameter(
            self._name("interface rate constant [m.s-1]"), {"Temperature [K]": T}
        )


def film_rate_constant(alloy: AlloyParameters, L_sei):
    """k_f = D_SEI / L_SEI [m.s-1] (docs/theory.md §11)."""
    return alloy.D_sei / L_sei


@cache
def negative_alloy_parameters() -> AlloyParameters:
    """The alloy parameters of a single-phase negative electrode (symbols only: built once)."""
    return AlloyParameters(pybamm.LithiumIonParameters().n.prim)


def parameter_float(parameter_values: pybamm.ParameterValues, symbol, inputs=None) -> float:
    """``symbol`` (a PyBaMM expression of parameters, or a parameter's name) evaluated by
    ``parameter_values`` as one float; ``inputs`` for sets that hold input parameters."""
    if isinstance(symbol, str):
        symbol = pybamm.Parameter(symbol)
    return float(np.asarray(parameter_values.evaluate(symbol, inputs=inputs)).item())


#: The :class:`AlloyParameters` quantities an :class:`EvaluatedParticle` holds as floats.
SCALARS = (
    "c_max",
    "c_eq",
    "c_core",
    "q_min",
    "delta",
    "beta",
    "yield_strength",
    "phi",
    "interface_energy",
    "interface_width",
    "shell_modulus",
    "shell_poisson",
    "fracture_energy",
    "fracture_lam_rate",
    "thickness_fraction",
    "D_sei",
    "L_sei_0",
)


class EvaluatedParticle:
    """One couple's alloy particle as numbers (SI units): the quantities of
    :class:`AlloyParameters` named in :data:`SCALARS` (``particle.c_eq``, ...), evaluated
    from ``parameter_values``, each on first use.

    ``temperature`` [K] defaults to the set's reference temperature, ``radius`` [m] to the
    set's particle radius; ``alloy`` to the negative electrode's single phase. Derived:
    the conversion concentration c_conv = c_eq - c_core, the film rate constant
    k_f = D_SEI / L_SEI,0 and the Damkohler number Da = k_i R / D (docs/theory.md §8, §11).
    """

    def __init__(
        self,
        parameter_values: pybamm.ParameterValues,
        temperature: float | None = None,
        radius: float | None = None,
        alloy: AlloyParameters | None = None,
    ):
        self.parameter_values = parameter_values
        self.alloy = negative_alloy_parameters() if alloy is None else alloy
        self._temperature, self._radius = temperature, radius

    def value(self, symbol) -> float:
        """``symbol`` evaluated by the particle's parameter set (:func:`parameter_float`)."""
        return parameter_float(self.parameter_values, symbol)

    @cached_property
    def temperature(self) -> float:
        """T [K] at which D and k_i are evaluated."""
        if self._temperature is None:
            return float(self.parameter_values["Reference temperature [K]"])
        return float(self._temperature)

    @cached_property
    def radius(self) -> float:
        """R [m]."""
        if self._radius is None:
            return self.value(self.alloy.phase_param.R_typ)
        return float(self._radius)

    def __getattr__(self, quantity: str) -> float:
        """A quantity of :data:`SCALARS` (``particle.c_eq``), evaluated on first use."""
        if quantity not in SCALARS:
            raise AttributeError(f"{type(self).__name__!r} has no attribute {quantity!r}")
        value = self.__dict__[quantity] = self.value(getattr(self.alloy, quantity))
        return value

    @cached_property
    def diffusivity(self) -> float:
        """Shell diffusivity D(c_eq, T) [m2.s-1]."""
        T = pybamm.Scalar(self.temperature)
        return self.value(self.alloy.phase_param.D(self.alloy.c_eq, T))

    @cached_property
    def k_i(self) -> float:
        """Interface rate constant k_i(T) [m.s-1]."""
        return self.value(self.alloy.k_i(pybamm.Scalar(self.temperature)))

    @cached_property
    def k_f(self) -> float:
        """Film rate constant k_f = D_SEI / L_SEI,0 of the initial SEI film [m.s-1]."""
        return self.value(film_rate_constant(self.alloy, self.alloy.L_sei_0))

    @property
    def c_conv(self) -> float:
        """c_eq - c_core [mol.m-3], the carrier the front converts per unit volume."""
        return self.c_eq - self.c_core

    @property
    def damkohler(self) -> float:
        """Da = k_i R / D."""
        return self.k_i * self.radius / self.diffusivity
