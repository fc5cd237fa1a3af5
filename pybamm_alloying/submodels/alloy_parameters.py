"""Parameters of the shrinking-core particle that PyBaMM's own parameter classes lack.

Names follow PyBaMM's form, with the phase prefix of composite electrodes
(``"Primary: "``) where PyBaMM puts it, e.g.
``"Negative electrode interface rate constant [m.s-1]"``.
"""

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
