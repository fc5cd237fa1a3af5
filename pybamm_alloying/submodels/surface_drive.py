"""What drives a lone particle: a held surface composition or a held flux.

The single-particle model has no electrolyte; this submodel gives the particle the
two inputs a full cell would (temperature and interfacial current density).
"""

import pybamm

#: Surface exchange rate of the potentiostatic drive, as k_s R / D. At 1e4 the surface
#: sits within 1e-4 of the held composition relative to the drop across the shell.
SURFACE_STIFFNESS = 1e4

SURFACE_FLUX = "Particle surface flux [mol.m-2.s-1]"
SURFACE_CONCENTRATION = "Particle surface concentration [mol.m-3]"


class SurfaceDrive(pybamm.BaseSubModel):
    """Isothermal particle (at the initial temperature) held at a surface composition or a surface flux.

    * ``"potentiostatic"``: the surface is held at c_ext = ``"Particle surface
      concentration [mol.m-3]"`` through a surface exchange
      N_in = k_s (c_ext - c(R)) with k_s = 1e4 D(c_ext)/R, a Dirichlet condition to
      1e-4. A held potential V maps to c_ext through the shell OCP (U(c_ext) = V).
    * ``"galvanostatic"``: N_in = ``"Particle surface flux [mol.m-2.s-1]"`` (> 0
      lithiates).
    """

    def __init__(self, param, domain, options, mode):
        super().__init__(param, domain, options=options)
        if mode not in ("potentiostatic", "galvanostatic"):
            raise pybamm.OptionError(
                f"drive must be 'potentiostatic' or 'galvanostatic', not {mode!r}"
            )
        self.mode = mode

    def _on_electrode(self, symbol):
        return pybamm.FullBroadcast(symbol, f"{self.domain} electrode", "current collector")

    def get_fundamental_variables(self):
        domain, Domain = self.domain_Domain
        T = self._on_electrode(self.param.T_init)
        return {
            f"{Domain} electrode temperature [K]": T,
            f"X-averaged {domain} electrode temperature [K]": pybamm.x_average(T),
        }

    def get_coupled_variables(self, variables):
        domain, Domain = self.domain_Domain
        phase_param = self.param.domain_params[domain].prim
        if self.mode == "galvanostatic":
            N_in = self._on_electrode(pybamm.Parameter(SURFACE_FLUX))
        else:
            c_ext = pybamm.Parameter(SURFACE_CONCENTRATION)
            T = variables[f"{Domain} electrode temperature [K]"]
            k_s = SURFACE_STIFFNESS * phase_param.D(c_ext, T) / phase_param.R
            c_surf = variables[f"{Domain} particle surface concentration [mol.m-3]"]
            N_in = k_s * (c_ext - c_surf)
        j = -self.param.F * N_in
        variables.update(
            {
                f"{Domain} electrode interfacial current density [A.m-2]": j,
                f"X-averaged {domain} electrode interfacial current density [A.m-2]": (
                    pybamm.x_average(j)
                ),
                f"{Domain} particle surface flux [mol.m-2.s-1]": N_in,
            }
        )
        return variables
