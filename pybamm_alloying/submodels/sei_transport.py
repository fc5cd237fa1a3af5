"""Carrier transport through an SEI film in series with the particle (docs/theory.md section 11).

The carrier crosses a film of thickness L_SEI in which it diffuses with D_SEI. The film
stores nothing (quasi-steady: its diffusion time L_SEI^2/D_SEI is seconds or less), so
the flux that the electrolyte reaction delivers at its outer side crosses it whole::

    N_in = k_f (c_o - c_surf),      k_f = D_SEI / L_SEI

with c_o the carrier concentration at the film's outer side and c_surf = c(R) the shell's
surface, both in shell units (partition coefficient 1). The electrolyte reaction
(Butler-Volmer) now happens at the outer side: the open-circuit potential and the
exchange current read c_o. c_o cannot exceed c_max, which caps the flux at the limiting
value k_f (c_max - c_surf) ~ D_SEI/L_SEI.

PyBaMM's ``"SEI film resistance"`` option is different physics: an ohmic drop
j L_SEI / sigma_SEI in the reaction overpotential, linear in the current and without a
limit, for a film that conducts ions but does not hold up their diffusion. This film is
a diffusion barrier: its drop is a concentration drop (a potential drop through the
OCP), and it has a limiting current. Both may be on together.
"""

import pybamm

from ..geometry import geometry_exponent, radial_integral
from .alloy_parameters import AlloyParameters, film_rate_constant
from .naming import AlloyVariableNames
from .particle.base_shrinking_core import BaseShrinkingCore


class SEIFilmTransport(AlloyVariableNames, pybamm.BaseSubModel):
    """Quasi-steady SEI diffusion film (``"alloy SEI transport": "film"``).

    The film's outer concentration c_o is an algebraic state per x, solved from
    ``-j/F = k_f (c_o - c_surf)`` (j depends on c_o through the OCP and the exchange
    current). The state is its log-odds y, c_o = c_max / (1 + exp(-y)): c_o stays
    inside (0, c_max), so the flux never passes the film's limit k_f (c_max - c_surf)
    and the exchange current's (c_max - c_o)^(1/2) stays real; a current above the limit
    has no solution (the voltage cut-off ends the step first). This submodel republishes PyBaMM's ``"{Domain} {phase}particle surface
    concentration [mol.m-3]"`` and ``"... surface stoichiometry"`` as c_o, so PyBaMM's own
    OCP and kinetics submodels see the film's outer side; it must come after the particle
    submodel. L_SEI is ``"Negative electrode initial SEI film thickness [m]"``, or PyBaMM's
    ``"{Domain} {phase}SEI thickness [m]"`` when PyBaMM's ``"SEI"`` option grows the film.
    """

    def __init__(
        self, param, domain, options, phase="primary", geometry="spherical", x_average=False
    ):
        super().__init__(param, domain, options=options, phase=phase)
        self.x_average = x_average
        self.m = geometry_exponent(geometry)
        self.alloy = AlloyParameters(self.phase_param)

    def get_fundamental_variables(self):
        """c_o, and PyBaMM's surface variables pointed at it (read by OCP and kinetics)."""
        y = pybamm.Variable(
            self._local(self._var("SEI outer log-odds")), domains=self._electrode_domains()
        )
        sto = 1 / (1 + pybamm.exp(-y))
        c_o = self.alloy.c_max * sto
        return self._publish(
            {},
            {
                "SEI outer log-odds": y,
                "SEI outer concentration [mol.m-3]": c_o,
                "particle surface concentration [mol.m-3]": c_o,
                "particle surface concentration": sto,
                "particle surface stoichiometry": sto,
            },
        )

    def get_coupled_variables(self, variables):
        c_o = self._get(variables, "SEI outer concentration [mol.m-3]")
        self._check_after_particle(variables, c_o)
        return self._film_outputs(variables, c_o)

    def _check_after_particle(self, variables, c_o) -> None:
        """The film republishes the particle's surface concentration as c_o: a particle
        submodel registered after the film would overwrite it (and PyBaMM's OCP and
        kinetics would skip the film), so that order is refused."""
        surface = self._var("particle surface concentration [mol.m-3]")
        if self._get(variables, "particle surface concentration [mol.m-3]") is not c_o:
            raise pybamm.ModelError(
                f"{type(self).__name__} must be registered after the {self.domain} "
                f"{self.phase_name}particle submodel: {surface!r} is not the film's outer side"
            )

    def _film_outputs(self, variables, c_o):
        """Drop, limiting flux and the film's share of the series resistance per unit
        outer area of the quasi-steady particle (film 1/k_f, shell (R/D) phi(1),
        interface 1/(k_i sigma^m))."""
        c_surf = self._get(variables, "shell surface concentration [mol.m-3]")
        T = variables[self._local(f"{self.domain.capitalize()} electrode temperature [K]")]
        L_sei = self._film_thickness(variables)
        k_f = film_rate_constant(self.alloy, L_sei)
        R = self._radius()
        D_surf = self.phase_param.D(c_surf, T)
        q = self._get(variables, "unconverted fraction")
        sigma = q ** (1 / (self.m + 1))
        resistances = {
            "film": 1 / k_f,
            "shell": R * radial_integral(1, sigma, self.m) / D_surf,
            "interface": 1 / (self.alloy.k_i(T) * sigma**self.m),
        }
        U = self.phase_param.U
        c_max = self.alloy.c_max
        per_x = {
            "SEI film thickness [m]": L_sei,
            "SEI concentration drop [mol.m-3]": c_o - c_surf,
            "SEI transport overpotential [V]": U(c_surf / c_max, T) - U(c_o / c_max, T),
            "SEI limiting flux [mol.m-2.s-1]": k_f * (c_max - c_surf),
            "SEI resistance share": resistances["film"] / sum(resistances.values()),
            "shell resistance share": resistances["shell"] / sum(resistances.values()),
            "interface resistance share": resistances["interface"] / sum(resistances.values()),
            "SEI Biot number": k_f * R / D_surf,
        }
        return self._publish(variables, per_x)

    def _film_thickness(self, variables):
        if getattr(self.options, self.domain)["SEI"] == "none":
            return pybamm.FullBroadcast(
                self.alloy.L_sei_0, broadcast_domains=self._electrode_domains()
            )
        return self._get(variables, "SEI thickness [m]")

    def set_algebraic(self, variables):
        y = self._get(variables, "SEI outer log-odds")
        c_o = self._get(variables, "SEI outer concentration [mol.m-3]")
        c_surf = self._get(variables, "shell surface concentration [mol.m-3]")
        j = variables[
            self._local(
                f"{self.domain.capitalize()} electrode {self.phase_name}"
                "interfacial current density [A.m-2]"
            )
        ]
        k_f = film_rate_constant(self.alloy, self._film_thickness(variables))
        N_in = -j / self.param.F
        self.algebraic = {y: (N_in / k_f - (c_o - c_surf)) / self.alloy.c_max}

    def set_initial_conditions(self, variables):
        """c_o(0) = c_shell0, the particle's initial surface concentration
        (:meth:`BaseShrinkingCore.initial_state`, docs/theory.md section 6): the root of
        the film equation at zero current, the guess from which the DAE solver finds the
        consistent c_o = c_surf + N_in/k_f.

        Not the mean content c_bar0: from the assembled state the core is clipped at
        (1 - delta)^(m+1) and the residual shell holds all of c_bar0 (c_shell0 = 34
        c_bar0 for Li-Si), so a guess at c_bar0 starts the film's residual at 0.33
        where d c_o/dy is only 0.01 c_max: IDA's initialisation of the half cells
        (``"working electrode": "positive"``) failed from there.
        """
        y = self._get(variables, "SEI outer log-odds")
        _, c_shell0 = BaseShrinkingCore.initial_state(self)
        sto = c_shell0 / self.alloy.c_max
        self.initial_conditions = {y: pybamm.log(sto / (1 - sto))}
