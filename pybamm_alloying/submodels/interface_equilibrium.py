"""Equilibrium shell composition at the moving interface.

The particle submodels read ``"{Domain} {phase}equilibrium interface concentration
[mol.m-3]"`` (c_eq^sigma in docs/theory.md section 10) from one of these submodels, chosen by
the ``"alloy stress"`` option: without stress it is the two-phase equilibrium
composition c_eq, a parameter; :class:`~pybamm_alloying.submodels.stress.PlasticShellStress`
raises it with the stress penalty.
"""

import pybamm

from .alloy_parameters import AlloyParameters
from .stress import PlasticShellStress


class NoStressInterface(pybamm.BaseSubModel):
    """Stress-free interface: c_eq^sigma = c_eq (docs/theory.md section 2)."""

    def __init__(self, param, domain, options, phase="primary"):
        super().__init__(param, domain, options=options, phase=phase)
        self.alloy = AlloyParameters(self.phase_param)

    def get_fundamental_variables(self):
        domain, Domain = self.domain_Domain
        phase_name = self.phase_name
        c_eq = pybamm.FullBroadcast(self.alloy.c_eq, f"{domain} electrode", "current collector")
        return {
            f"{Domain} {phase_name}equilibrium interface concentration [mol.m-3]": c_eq,
            f"X-averaged {domain} {phase_name}equilibrium interface concentration "
            "[mol.m-3]": pybamm.x_average(c_eq),
        }


def interface_equilibrium(
    stress: str, param, domain, options, phase="primary", geometry="spherical"
):
    """The interface-equilibrium submodel of the ``"alloy stress"`` option value ``stress``."""
    if stress == "plastic":
        return PlasticShellStress(param, domain, options, phase=phase, geometry=geometry)
    return NoStressInterface(param, domain, options, phase=phase)
