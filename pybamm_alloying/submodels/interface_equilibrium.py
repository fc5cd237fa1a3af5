"""Equilibrium shell composition at the moving interface.

The particle submodels read ``"{Domain} {phase}equilibrium interface concentration
[mol.m-3]"`` (c_eq^sigma in docs/theory.md section 10) from one of these submodels, chosen by
the ``"alloy stress"`` option: without stress it is the two-phase equilibrium
composition c_eq, a parameter; :class:`~pybamm_alloying.submodels.stress.PlasticShellStress`
raises it with the stress penalty.
"""

import pybamm

from .alloy_parameters import AlloyParameters
from .naming import AlloyVariableNames
from .stress import PlasticShellStress


class NoStressInterface(AlloyVariableNames, pybamm.BaseSubModel):
    """Stress-free interface: c_eq^sigma = c_eq (docs/theory.md section 2)."""

    def __init__(self, param, domain, options, phase="primary", x_average=False):
        super().__init__(param, domain, options=options, phase=phase)
        self.x_average = x_average
        self.alloy = AlloyParameters(self.phase_param)

    def get_fundamental_variables(self):
        c_eq = pybamm.FullBroadcast(self.alloy.c_eq, broadcast_domains=self._electrode_domains())
        return self._publish({}, {"equilibrium interface concentration [mol.m-3]": c_eq})


def interface_equilibrium(
    stress: str,
    param,
    domain,
    options,
    phase="primary",
    geometry="spherical",
    x_average=False,
    particle="full",
):
    """The interface-equilibrium submodel of the ``"alloy stress"`` option value ``stress``
    (x-averaged with ``x_average``, as the particle; ``particle`` the ``"alloy
    particle"`` option value, whose shell the stress loads)."""
    if stress == "plastic":
        return PlasticShellStress(
            param,
            domain,
            options,
            phase=phase,
            geometry=geometry,
            x_average=x_average,
            particle=particle,
        )
    return NoStressInterface(param, domain, options, phase=phase, x_average=x_average)
