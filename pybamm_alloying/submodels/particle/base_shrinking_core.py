"""Shared physics of the two-phase shrinking-core particle (model.md sections 2 and 6).

Notation (reference, i.e. unexpanded host, coordinates; m = 2 sphere, 1 cylinder,
0 planar film):

* ``sigma = s / R`` core radius ratio, ``q = sigma**(m+1)`` unconverted (core) volume
  fraction, ``1 - q`` the lithiated fraction.
* ``c_int = c(s+)`` interface and ``c_surf = c(R)`` surface shell concentrations.
* ``N_in = -j / F`` the carrier flux the electrolyte reaction pushes into the particle
  (``j`` is PyBaMM's interfacial current density, positive on delithiation).
* Interface reaction (linear, ICR) with the Stefan condition::

      N_r = k_i (c_int - c_eq) g,      d sigma / dt = -N_r / (R (c_int - c_core))

  The front stops that keep ``sigma`` in ``[sigma_min, 1 - delta]`` act on the
  direction of motion, with N = k_i (c_int - c_eq) the reaction flux before the stops
  (the full model eliminates c_int by the Robin condition, see
  ``ShellDiffusion._reaction_flux``)::

      d sigma/dt = -(1/R) [ f_lith max(N, 0) / max(c_int - c_core, c_eq - c_core)
                            - f_delith max(-N, 0) / (c_eq - c_core) ]
      f_lith   = max(1 - exp(-(sigma - sigma_min) / delta), 0)
      f_delith = max(1 - exp(-(1 - delta - sigma) / delta), 0)

  Inward motion (N > 0, lithiation) is the reference law of model.md slowed by
  ``f_lith`` near the centre; outward motion (N < 0) is the same law times
  ``(c_int - c_core)/(c_eq - c_core)``, slowed by ``f_delith`` near the surface. That
  factor stops the core from re-forming out of a shell that holds no more carrier
  than the core and keeps the velocity finite. The branch follows the sign of N
  exactly (a continuous kink at N = 0, where the velocity vanishes), so it holds
  however small the driving force: in the diffusion-controlled limit c_int - c_eq is
  ~flux/k_i, far below any fixed smoothing width. The mobilities are never negative:
  past a stop the reaction would otherwise run against its driving force.
  ``sigma_min = q_min**(1/(m+1))`` comes from the residual core volume fraction
  ``q_min``; both stops act over the distance
  ``delta R`` whatever the geometry (a width of ``sigma_min`` would be 1e-5 R for a
  film, too sharp for the solver). At a stop the interface becomes a no-flux wall and
  the particle goes on as single-phase shell diffusion. The velocity is computed
  first and N_r = -R (d sigma/dt) (c_int - c_core) from it
  (:meth:`BaseShrinkingCore.front_kinetics`), so the Stefan condition holds exactly
  and an empty particle gives no 0/0.

References: Zhao et al. 2012 (doi:10.1149/2.020203jes), Pharr et al. 2012
(doi:10.1021/nl302841y), Crank 1984 (moving boundary problems).
"""

import pybamm

from ...citations import register
from ...geometry import geometry_exponent, shell_coordinate, shell_domain
from ..naming import AlloyVariableNames
from ..parameters import AlloyParameters


class BaseShrinkingCore(AlloyVariableNames, pybamm.particle.BaseParticle):
    """Base class of the shrinking-core particle submodels.

    Parameters
    ----------
    param : :class:`pybamm.LithiumIonParameters`
        Model parameters.
    domain : str
        ``"negative"`` or ``"positive"`` (the alloy sits in the positive slot of a
        half cell).
    options : dict
        PyBaMM battery-model options.
    phase : str, optional
        ``"primary"`` or ``"secondary"`` phase of the electrode.
    geometry : str, optional
        ``"spherical"`` (default), ``"cylindrical"`` (nanowire) or ``"planar"``
        (film, R = half-thickness).
    """

    #: Keys of :data:`pybamm_alloying.citations.CITATIONS` registered on use.
    citation_keys: tuple[str, ...] = ("Zhao2012", "Pharr2012", "Crank1984")

    def __init__(self, param, domain, options, phase="primary", geometry="spherical"):
        super().__init__(param, domain, options, phase)
        self.shape = geometry
        self.m = geometry_exponent(geometry)
        self.alloy = AlloyParameters(self.phase_param)
        self.shell = shell_domain(domain, self.phase_name)
        register(*self.citation_keys)

    # --- names ---------------------------------------------------------------
    def _shell_coordinates(self):
        return (
            shell_coordinate(self.domain, self.phase_name),
            shell_coordinate(self.domain, self.phase_name, edges=True),
        )

    def _to_shell(self, symbol):
        """Broadcast an electrode-domain symbol onto the shell nodes."""
        return pybamm.PrimaryBroadcast(symbol, self.shell)

    def _to_shell_edges(self, symbol):
        """Broadcast an electrode-domain symbol onto the shell edges."""
        return pybamm.PrimaryBroadcastToEdges(symbol, self.shell)

    # --- state variables -----------------------------------------------------
    def _core_fraction_variable(self):
        """q = (s/R)^(m+1): the unconverted volume fraction, a state on the electrode.

        Scaled by q_min: the solver's absolute tolerance then resolves the residual core
        (the lithiation stop at q ~ q_min), while the relative tolerance governs q ~ 1.
        """
        return pybamm.Variable(
            self._var("unconverted fraction"),
            domain=f"{self.domain} electrode",
            auxiliary_domains={"secondary": "current collector"},
            scale=self.alloy.q_min,
        )

    def _excess_scale(self):
        """Scale of the carrier held above the two-phase equilibrium c_eq [mol.m-3].

        The drop N_1C R / D across a full-radius shell at the 1C flux N_1C = c_max R /
        ((m+1) 3600 s) (the flux that fills the particle in an hour), kept within
        [1e-4, 1] c_max. The shell states are measured from c_eq in this unit, so the
        solver's tolerances resolve the deviations that drive a diffusion-controlled
        front (a small fraction of it) instead of c_max times the relative tolerance;
        the floor keeps the scaled states below PyBaMM's ``max_y_value`` (1e5).
        """
        c_max, R = self.alloy.c_max, self.phase_param.R_typ
        D = self.phase_param.D(self.alloy.c_eq, self.param.T_ref)
        drop = c_max * R**2 / ((self.m + 1) * 3600 * D)
        return pybamm.maximum(pybamm.minimum(drop, c_max), 1e-4 * c_max)

    # --- physics -------------------------------------------------------------
    @property
    def sigma_min(self):
        return self.alloy.q_min ** (1 / (self.m + 1))

    def front_kinetics(self, sigma, c_int, c_eq, N_drive):
        """Front velocity d sigma/dt [s-1] and the flux N_r it consumes [mol.m-2.s-1].

        ``N_drive`` is the interface reaction flux k_i (c_int - c_eq) before the stops,
        computed by the caller so that the solver resolves it (see
        :meth:`ShellDiffusion._reaction_flux`); its sign picks the branch.
        Inward (N_drive > 0): ``-f_lith N_drive / (R (c_int - c_core))``; outward
        (N_drive < 0): ``-f_delith N_drive / (R (c_eq - c_core))``, the same law times
        (c_int - c_core)/(c_eq - c_core). ``N_r = -R (d sigma/dt) (c_int - c_core)``
        (Stefan condition, exact by construction). The inward denominator is floored at
        c_eq - c_core, which it exceeds whenever it is used, so an empty particle gives
        no 0/0.
        """
        c_core, delta = self.alloy.c_core, self.alloy.delta
        R = self.phase_param.R
        f_lith = self._stop_mobility(sigma - self.sigma_min)
        f_delith = self._stop_mobility(1 - delta - sigma)
        inward = (
            f_lith
            * pybamm.maximum(N_drive, 0)
            / pybamm.maximum(c_int - c_core, c_eq - c_core)
        )
        outward = f_delith * pybamm.maximum(-N_drive, 0) / (c_eq - c_core)
        sigma_dot = -(inward - outward) / R
        return sigma_dot, -R * sigma_dot * (c_int - c_core)

    def _stop_mobility(self, distance):
        """f = 1 - exp(-d/delta) for the distance d >= 0 to a stop, 0 beyond it.

        Never negative: past a stop (where the integrator may land by its tolerance) a
        negative mobility would run the reaction against its driving force, and with a
        large k_i that feeds on itself (the shell it drains drives it harder).
        """
        return pybamm.maximum(1 - pybamm.exp(-distance / self.alloy.delta), 0)

    def core_fraction_rate(self, sigma, sigma_dot):
        """dq/dt for q = sigma^(m+1)."""
        return (self.m + 1) * sigma**self.m * sigma_dot

    def initial_state(self):
        """Initial (q, shell concentration) from PyBaMM's initial concentration.

        The mean carrier content c_bar0 = r_average(c_init) is split into a core at
        c_core and a uniform shell: q0 = (c_eq - c_bar0) / (c_eq - c_core), clipped to
        [q_min, (1 - delta)^(m+1)], and c_shell0 = (c_bar0 - c_core q0) / (1 - q0), so
        the particle holds exactly c_bar0 whatever the clipping (the full variant
        rescales its discrete shell content to keep this exact). ``initial_soc``
        therefore sets the front position.
        """
        c_bar0 = pybamm.r_average(self.phase_param.c_init)
        c_eq, c_core = self.alloy.c_eq, self.alloy.c_core
        q_max = (1 - self.alloy.delta) ** (self.m + 1)
        q0 = (c_eq - c_bar0) / (c_eq - c_core)
        q0 = pybamm.maximum(pybamm.minimum(q0, q_max), self.alloy.q_min)
        c_shell0 = (c_bar0 - c_core * q0) / (1 - q0)
        return q0, c_shell0

    # --- inputs from the rest of the model -----------------------------------
    def _inputs(self, variables):
        """Temperature and the interface equilibrium c_eq on the electrode."""
        T = variables[f"{self.domain.capitalize()} electrode temperature [K]"]
        c_eq = variables[self._var("equilibrium interface concentration [mol.m-3]")]
        return T, c_eq

    def _carrier_flux(self, variables):
        """N_in = -j/F, the carrier flux the electrolyte reaction pushes in."""
        j = variables[
            f"{self.domain.capitalize()} electrode {self.phase_name}"
            "interfacial current density [A.m-2]"
        ]
        return -j / self.param.F

    # --- outputs -------------------------------------------------------------
    def _front_variables(self, q, c_int, c_eq, N_r, sigma_dot, D_surf, T, c_bar):
        """Shrinking-core and swelling variables per x and x-averaged, in PyBaMM's naming.

        Swelling: the particle's volume is linear in its carrier content (Vegard), V /
        V_host = 1 + (beta - 1) c_bar / c_max, so it is beta V_host when full; the body
        grows along its m + 1 radial directions, R_out = R (V / V_host)^(1/(m+1)).
        """
        R = self.phase_param.R
        sigma = q ** (1 / (self.m + 1))
        swelling = 1 + (self.alloy.beta - 1) * c_bar / self.alloy.c_max
        per_x = {
            "core radius [m]": sigma * R,
            "shell thickness [m]": (1 - sigma) * R,
            "core radius ratio": sigma,
            "lithiated fraction": 1 - q,
            "front velocity [m.s-1]": -sigma_dot * R,
            "interface concentration [mol.m-3]": c_int,
            "interface reaction flux [mol.m-2.s-1]": N_r,
            "Damkohler number": self.alloy.k_i(T) * R / D_surf,
            "particle volume change": swelling - 1,
            "particle outer radius [m]": R * swelling ** (1 / (self.m + 1)),
            "unconverted fraction": q,
        }
        return self._publish({}, per_x)
