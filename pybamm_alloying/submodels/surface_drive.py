"""What drives a lone particle: a held surface composition or a held flux.

The single-particle model has no electrolyte; this submodel gives the particle the
two inputs a full cell would (temperature and interfacial current density).
"""

import pybamm

from .alloy_parameters import AlloyParameters, film_rate_constant
from .sei_transport import SEIFilmTransport

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
      lithiates). A held flux ignores what the particle can take, so two termination
      events stop the solve when the surface reaches c_max (``"Particle surface
      saturated"``: a flux above what the front absorbs, k_i (c_max - c_eq), piles
      carrier into the shell) or 0 (``"Particle surface emptied"``), where a full cell's
      kinetics would have sent the voltage to its cut-off.

    With ``film=True`` an SEI film (docs/theory.md section 11) sits between the held composition and
    the shell: the exchange coefficient becomes 1/(1/k_s + L_SEI/D_SEI), so the film's
    k_f = D_SEI/L_SEI caps the flux at k_f (c_ext - c_surf).
    """

    def __init__(self, param, domain, options, mode, film=False):
        super().__init__(param, domain, options=options)
        if mode not in ("potentiostatic", "galvanostatic"):
            raise pybamm.OptionError(
                f"drive must be 'potentiostatic' or 'galvanostatic', not {mode!r}"
            )
        if film and mode != "potentiostatic":
            raise pybamm.OptionError(
                "option 'alloy SEI transport': 'film' needs the potentiostatic drive: a "
                "held flux crosses the film whatever it is"
            )
        self.mode = mode
        self.film = film

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
            if self.film:  # the SEI film in series: 1/k = 1/k_s + L_SEI/D_SEI
                alloy = AlloyParameters(phase_param)
                k_s = 1 / (1 / k_s + 1 / film_rate_constant(alloy, alloy.L_sei_0))
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

    def add_events_from(self, variables):
        if self.mode != "galvanostatic":
            return  # a held composition c_ext lies in [0, c_max] already
        Domain = self.domain.capitalize()
        c_surf = variables[f"{Domain} particle surface concentration [mol.m-3]"]
        c_max = self.param.domain_params[self.domain].prim.c_max
        self.events += [
            pybamm.Event("Particle surface saturated", pybamm.min(c_max - c_surf)),
            pybamm.Event("Particle surface emptied", pybamm.min(c_surf)),
        ]


class HeldSEIFilm(SEIFilmTransport):
    """The film of a single particle held at a composition (``ParticleLithiation``).

    :class:`SurfaceDrive` puts the film's
    resistance in series with its surface exchange; here the film's outer side is the
    held composition c_ext, and this class adds the film's outputs only.
    """

    def get_fundamental_variables(self):
        return {}

    def get_coupled_variables(self, variables):
        c_ext = pybamm.Parameter(SURFACE_CONCENTRATION)
        c_o = pybamm.FullBroadcast(c_ext, f"{self.domain} electrode", "current collector")
        variables[self._var("SEI outer concentration [mol.m-3]")] = c_o
        return self._film_outputs(variables, c_o)

    def set_algebraic(self, variables):
        pass

    def set_initial_conditions(self, variables):
        pass
