"""Shared physics of the two-phase shrinking-core particle (docs/theory.md sections 2, 4 and 6).

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

      d sigma/dt = -M N / (R max(c_int - c_core, c_eq - c_core)) - K g(sigma - 1 + delta)
      M = f_lith f_delith + s(N) f_lith (1 - f_delith) + s(-N) f_delith (1 - f_lith)
      s(x) = 1 - exp(-(max(x, 0)/w)^2),   w = 1e-3 k_i c_drop
      f_lith   = 1 - exp(-g(sigma - sigma_min) / delta),  g: max(d, 0) rounded over [0, delta/50]
      f_delith = 1 - exp(-(max(1 - delta - sigma, 0) / (3 delta))^2)
      K = k_i c_drop / (R delta (c_eq - c_core))   (returns a front carried past 1 - delta)

  Inward motion (N > 0, lithiation) is the reference law (docs/theory.md section 2) slowed by
  ``f_lith`` near the centre; outward motion (N < 0) is the same law times
  ``(c_int - c_core)/(c_eq - c_core)``, slowed by ``f_delith`` near the surface. That
  factor stops the core from re-forming out of a shell that holds no more carrier
  than the core and keeps the velocity finite. M passes from f_delith to f_lith
  smoothly over a drive c_int - c_eq of 1e-3 of the 1C shell drop c_drop
  (``BaseShrinkingCore._shell_drop``; docs/theory.md section 4: an exact switch on
  the sign of N left a slope jump that stalled IDA where a parked front restarts); at
  a stop M vanishes on that stop's branch for any N, and away from the
  stops M = 1. The mobilities are never negative:
  past a stop the reaction would otherwise run against its driving force.
  ``sigma_min = q_min**(1/(m+1))`` comes from the residual core volume fraction
  ``q_min``; both stops act over a distance of order ``delta R`` whatever the geometry
  (a width of ``sigma_min`` would be 1e-5 R for a film, too sharp for the solver): the
  inner one nearly exponentially, so a lithiated front parks, the outer one as a Gaussian with
  zero slope at the stop, so a delithiating front carried there by a large drive meets
  no kink (``_inner_stop_mobility``, ``_outer_stop_mobility``). At a stop the interface becomes a no-flux wall and
  the particle goes on as single-phase shell diffusion. The velocity is computed
  first and N_r = -R (d sigma/dt) (c_int - c_core) from it
  (:meth:`BaseShrinkingCore.front_kinetics`), so the Stefan condition holds exactly
  and an empty particle gives no 0/0.

References: Zhao et al. 2012 (doi:10.1149/2.020203jes), Pharr et al. 2012
(doi:10.1021/nl302841y), Crank 1984 (moving boundary problems).
"""

import pybamm

from ...citations import register
from ...geometry import geometry_exponent, particle_coordinate, shell_coordinate, shell_domain
from ..alloy_parameters import AlloyParameters
from ..naming import AlloyVariableNames

#: Width of the smooth change of branch at N = 0, as a fraction of k_i times the excess
#: scale (``BaseShrinkingCore._branch``).
BRANCH_WIDTH = 1e-3
#: Half-width of the rounding of max(d, 0) at a front stop, in units of delta
#: (``BaseShrinkingCore._rounded_positive``).
STOP_ROUNDING = 0.01
#: Width of the outer stop's mobility in units of delta
#: (``BaseShrinkingCore._outer_stop_mobility``).
STOP_WIDTH = 3.0


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
    x_average : bool, optional
        One x-averaged particle per electrode (the SPM and SPMe) instead of one per
        x-node (docs/theory.md section 12); see
        :class:`~pybamm_alloying.submodels.naming.AlloyVariableNames`.
    """

    #: Keys of :data:`pybamm_alloying.citations.CITATIONS` registered on use.
    citation_keys: tuple[str, ...] = ("Zhao2012", "Pharr2012", "Crank1984")

    def __init__(
        self, param, domain, options, phase="primary", geometry="spherical", x_average=False
    ):
        super().__init__(param, domain, options, phase)
        self.x_average = x_average
        self.shape = geometry
        self.m = geometry_exponent(geometry)
        self.alloy = AlloyParameters(self.phase_param)
        self.shell = shell_domain(domain, self.phase_name)
        register(*self.citation_keys)

    # --- names ---------------------------------------------------------------
    def _shell_coordinates(self):
        return (
            shell_coordinate(self.domain, self.phase_name, x_average=self.x_average),
            shell_coordinate(self.domain, self.phase_name, edges=True, x_average=self.x_average),
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
            self._local(self._var("unconverted fraction")),
            domains=self._electrode_domains(),
            scale=self.alloy.q_min,
        )

    def _shell_domains(self) -> dict:
        """Domains of a shell field: the shell, then those of :meth:`_electrode_domains`."""
        levels = ("primary", "secondary", "tertiary")
        return dict(zip(levels, [self.shell, *self._electrode_domains().values()], strict=False))

    def _shell_drop(self):
        """The drop N_1C R / D across a full-radius shell at the 1C flux N_1C = c_max R /
        ((m+1) 3600 s) (the flux that fills the particle in an hour), kept within [1e-4,
        1] c_max [mol.m-3]: the scale of the stops' branch width and return rate
        (``_branch``, ``_outer_return_rate``) and, for a diffusion-controlled couple, of
        the shell states (``_excess_scale``)."""
        c_max, R = self.alloy.c_max, self.phase_param.R_typ
        D = self.phase_param.D(self.alloy.c_eq, self.param.T_ref)
        drop = c_max * R**2 / ((self.m + 1) * 3600 * D)
        return pybamm.maximum(pybamm.minimum(drop, c_max), 1e-4 * c_max)

    def _excess_scale(self):
        """Scale of the shell states, the carrier held above the two-phase equilibrium
        c_eq [mol.m-3] (docs/theory.md section 4, "Tolerance scaling").

        A geometric blend, weighted by the couple's Damkohler number Da = k_i R / D, of
        the shell drop (``_shell_drop``) and of c_max::

            c_scale = drop^(1 - phi) c_max^phi,   phi = max(1 - Da, 0),

        kept within [1e-4, 1] c_max. phi is, to first order in Da, the share 1 / (1 + Da)
        of the interface reaction in the resistance 1/k_i + R/D that drives the front, cut
        at Da = 1 so that every couple with Da >= 1 keeps the drop exactly. A
        diffusion-controlled front (Da >> 1) moves at the flux of the small excess c_1 -
        c_eq ~ N h R / D at the first shell node, so the shell states are measured in units
        of the drop and the solver's tolerances resolve that excess. An
        interface-controlled front (Da << 1) is driven by c_int - c_eq = N / k_i, which the
        carrier balance and the fast shell relax; the shell then needs no finer resolution
        than PyBaMM's Fickian particle (scale c_max). The floor keeps the scaled states
        below PyBaMM's ``max_y_value`` (1e5).
        """
        c_max, R = self.alloy.c_max, self.phase_param.R_typ
        D = self.phase_param.D(self.alloy.c_eq, self.param.T_ref)
        phi = pybamm.maximum(1 - self.alloy.k_i(self.param.T_ref) * R / D, 0)
        blend = self._shell_drop() ** (1 - phi) * c_max**phi
        return pybamm.maximum(pybamm.minimum(blend, c_max), 1e-4 * c_max)

    # --- physics -------------------------------------------------------------
    @property
    def sigma_min(self):
        return self.alloy.q_min ** (1 / (self.m + 1))

    def front_kinetics(self, sigma, c_int, c_eq, N_drive):
        """Front velocity d sigma/dt [s-1] and the flux N_r it consumes [mol.m-2.s-1].

        ``N_drive`` is the interface reaction flux k_i (c_int - c_eq) before the stops,
        computed by the caller so that the solver resolves it (see
        :meth:`ShellDiffusion._reaction_flux`); its sign picks the branch.
        ``-M N_drive / (R max(c_int - c_core, c_eq - c_core))`` with the mobility M of
        the module docstring: inward (N_drive >> w) ``-f_lith N_drive / (R (c_int -
        c_core))``, outward (N_drive << -w) ``-f_delith N_drive / (R (c_eq - c_core))``,
        the same law times (c_int - c_core)/(c_eq - c_core). ``N_r = -R (d sigma/dt)
        (c_int - c_core)`` (Stefan condition, exact by construction). The denominator is
        floored at c_eq - c_core, so an empty particle gives no 0/0.
        """
        c_core, delta = self.alloy.c_core, self.alloy.delta
        R = self._radius()
        f_lith = self._inner_stop_mobility(sigma - self.sigma_min)
        f_delith = self._outer_stop_mobility(1 - delta - sigma)
        mobility = (
            f_lith * f_delith
            + self._branch(N_drive) * f_lith * (1 - f_delith)
            + self._branch(-N_drive) * f_delith * (1 - f_lith)
        )
        sigma_dot = -mobility * N_drive / (
            R * pybamm.maximum(c_int - c_core, c_eq - c_core)
        ) - self._outer_return_rate() * self._rounded_positive(sigma - (1 - delta))
        return sigma_dot, -R * sigma_dot * (c_int - c_core)

    def _branch(self, N):
        """s = 1 - exp(-(max(N, 0)/w)^2): 0 for N <= 0, 1 for N >> w, zero slope at 0.

        w = BRANCH_WIDTH k_i c_drop: the switch spans a thousandth of the 1C shell drop
        c_drop (``_shell_drop``) in the drive x = c_int - c_eq, N = k_i x, at most 1e-3 of
        the drop or 1e-7 c_max (the floor): a lag of the front behind equilibrium that no
        OCP can show. For a diffusion-controlled couple c_drop is the shell states' scale,
        so w is a thousand units of the solver's resolution of x (IDAKLU's default
        absolute tolerance, 1e-6, on the scaled states); an interface-controlled couple's
        states are scaled more loosely (``_excess_scale``), and w scaled with them to
        1e-3 c_max failed the lumped-thermal Li-Si CV hold (docs/theory.md section 4,
        "Tolerance scaling"). A width below the resolution is an exact
        switch to the solver: with w = 1e-3 min(N_1C, k_i c_scale) the quasi-steady
        Li-Ge, Li-Sb and Li-Sn cells failed where a front restarted from the residual
        core (docs/theory.md section 4).
        """
        width = BRANCH_WIDTH * self.alloy.k_i(self.param.T_ref) * self._shell_drop()
        return 1 - pybamm.exp(-((pybamm.maximum(N, 0) / width) ** 2))

    def _rounded_positive(self, distance):
        """max(d, 0) rounded over [0, 2 d_s], d_s = STOP_ROUNDING delta: d^2/(4 d_s)
        there, d - d_s beyond, exactly 0 for d <= 0 (C1: no kink at 0)."""
        blend = STOP_ROUNDING * self.alloy.delta
        rounded = pybamm.minimum(pybamm.maximum(distance, 0), 2 * blend)
        return rounded**2 / (4 * blend) + pybamm.maximum(distance - 2 * blend, 0)

    def _inner_stop_mobility(self, distance):
        """f_lith = 1 - exp(-g(d)/delta) for the distance d to the residual core, with g
        the rounded positive part (``_rounded_positive``).

        Never negative, so no reaction runs against its drive past the stop; nearly
        exponential, so a lithiated front parks at sigma_min; C1 at the stop, where BDF
        overshoot parks the fronts (docs/theory.md section 4: why each of these, and the
        scan that set STOP_ROUNDING).
        """
        return 1 - pybamm.exp(-self._rounded_positive(distance) / self.alloy.delta)

    def _outer_return_rate(self):
        """K [s-1] of the return of a front carried past the outer stop,
        d sigma/dt = -K g(sigma - (1 - delta)): the rate of a front driven by k_i c_drop
        across delta R, K = k_i(T_ref) c_drop / (R delta (c_eq - c_core)), with c_drop
        the 1C shell drop (``_shell_drop``).

        Past the stop the mobility is zero; without the return the rate law is flat
        there, and a BDF step of order > 1 extrapolates a fast front through the stop
        (docs/theory.md section 4). Zero inside the particle's range; the Stefan
        condition keeps the carrier.
        """
        alloy = self.alloy
        return (
            alloy.k_i(self.param.T_ref)
            * self._shell_drop()
            / (self.phase_param.R_typ * alloy.delta * (alloy.c_eq - alloy.c_core))
        )

    def _outer_stop_mobility(self, distance):
        """f_delith = 1 - exp(-(d/(STOP_WIDTH delta))^2) for the distance d to the
        residual shell, 0 beyond it.

        Zero slope at the stop: a delithiating front carried there by a large drive (k_i
        (c_eq - c_int) >> the flux it takes, as when a fast couple's residual shell
        drains) otherwise meets a velocity slope k_i |c_int - c_eq| / (delta R (c_eq -
        c_core)) on one side and 0 on the other, and IDA failed on that kink at the end
        of Li-Sn's C/20 discharge after a CV hold (docs/theory.md section 4).
        """
        width = STOP_WIDTH * self.alloy.delta
        return 1 - pybamm.exp(-((pybamm.maximum(distance, 0) / width) ** 2))

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
        if self.x_average:
            c_bar0 = pybamm.x_average(c_bar0)
        c_eq, c_core = self.alloy.c_eq, self.alloy.c_core
        q_max = (1 - self.alloy.delta) ** (self.m + 1)
        q0 = (c_eq - c_bar0) / (c_eq - c_core)
        q0 = pybamm.maximum(pybamm.minimum(q0, q_max), self.alloy.q_min)
        c_shell0 = (c_bar0 - c_core * q0) / (1 - q0)
        return q0, c_shell0

    # --- inputs from the rest of the model -----------------------------------
    def _inputs(self, variables):
        """Temperature and the interface equilibrium c_eq on the electrode."""
        T = variables[self._local(f"{self.domain.capitalize()} electrode temperature [K]")]
        c_eq = self._get(variables, "equilibrium interface concentration [mol.m-3]")
        return T, c_eq

    def _carrier_flux(self, variables):
        """N_in = -j/F, the carrier flux the electrolyte reaction pushes in."""
        j = variables[
            self._local(
                f"{self.domain.capitalize()} electrode {self.phase_name}"
                "interfacial current density [A.m-2]"
            )
        ]
        return -j / self.param.F

    def _mean_concentration_name(self) -> str:
        """PyBaMM's name of c_bar: the R-averaged concentration, x-averaged its Average."""
        form = "Average" if self.x_average else "R-averaged"
        return f"{form} {self.domain} {self.phase_name}particle concentration [mol.m-3]"

    def _mean_concentration(self, variables):
        """c_bar [mol.m-3], the particle's mean concentration (working form)."""
        return variables[self._mean_concentration_name()]

    # --- outputs -------------------------------------------------------------
    def _front_variables(self, q, c_int, c_eq, N_r, sigma_dot, D_surf, T, c_bar):
        """Shrinking-core and swelling variables per x and x-averaged, in PyBaMM's naming.

        Swelling: the particle's volume is linear in its carrier content (Vegard), V /
        V_host = 1 + (beta - 1) c_bar / c_max, so it is beta V_host when full; the body
        grows along its m + 1 radial directions, R_out = R (V / V_host)^(1/(m+1)).
        """
        R = self._radius()
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

    def _concentration_variables(self, c_shell, c_bar, c_int, c_surf, q):
        """PyBaMM's particle-concentration family, with ``"{Domain} particle
        concentration [mol.m-3]"`` on PyBaMM's particle domain (:meth:`_particle_profile`)
        and the exact mean c_bar and surface c_surf of the shrinking core."""
        c_r = self._particle_profile(c_shell, c_int, c_surf, q ** (1 / (self.m + 1)))
        if self.x_average:
            return self._get_standard_concentration_variables(
                self._over_electrode(c_r),
                c_s_xav=c_r,
                c_s_rav=self._over_electrode(c_bar),
                c_s_av=c_bar,
                c_s_surf=self._over_electrode(c_surf),
            )
        return self._get_standard_concentration_variables(
            c_r, c_s_rav=c_bar, c_s_av=pybamm.x_average(c_bar), c_s_surf=c_surf
        )

    def _particle_profile(self, c_shell, c_int, c_surf, sigma):
        """The concentration on PyBaMM's particle domain, r in [0, R_typ] (docs/theory.md
        section 7): c_core in the core, r < s; in the shell the piecewise-linear
        interpolant in xi = (r/R - sigma)/(1 - sigma) through c_int at xi = 0, the shell
        node values at xi_k = (k - 1/2) h and c_surf at xi = 1.

        The interpolation runs on (particle, shell) nodes: the hat weight of shell node k
        at a particle node, w_k = max(0, min((xi - xi_k^-)/(xi_k - xi_k^-), (xi_k^+ -
        xi)/(xi_k^+ - xi_k))) with neighbours xi_k^- = max(xi_k - h, 0), xi_k^+ =
        min(xi_k + h, 1), summed over the shell by PyBaMM's finite-volume integral (each
        cell weighs h), plus the end hats of c_int and c_surf; the weights sum to 1. h is
        twice the first shell node (uniform shell mesh, as ``ShellDiffusion._reaction_flux``
        assumes). A display quantity: no equation reads it.
        """
        particle = f"{self.domain} {self.phase_name}particle"
        xi_shell, _ = self._shell_coordinates()
        h = 2 * pybamm.EvaluateAt(xi_shell, 0)

        def landau(over_shell, on_nodes):
            r = particle_coordinate(self.domain, self.phase_name, self.x_average, over_shell)
            sig = on_nodes(sigma)
            return (r / self.phase_param.R_typ - sig) / (1 - sig)

        def on_particle(symbol):
            return pybamm.PrimaryBroadcast(symbol, particle)

        def on_grid(symbol):
            return on_particle(self._to_shell(symbol))

        # hat weights on (particle, shell) nodes, summed over the shell
        xi = pybamm.maximum(pybamm.minimum(landau(True, on_grid), 1), 0)
        xi_k, h_k = on_particle(xi_shell), on_grid(h)
        below, above = pybamm.maximum(xi_k - h_k, 0), pybamm.minimum(xi_k + h_k, 1)
        hat = pybamm.maximum(
            pybamm.minimum((xi - below) / (xi_k - below), (above - xi) / (above - xi_k)), 0
        )
        inner = pybamm.Integral(hat * on_particle(c_shell), xi_shell) / on_particle(h)
        # the end hats and the core, on the particle nodes
        xi_r = landau(False, on_particle)
        in_core = xi_r < 0
        xi_r = pybamm.maximum(pybamm.minimum(xi_r, 1), 0)
        h_r = on_particle(h)
        ends = on_particle(c_int) * pybamm.maximum(1 - 2 * xi_r / h_r, 0) + on_particle(
            c_surf
        ) * pybamm.maximum(1 - 2 * (1 - xi_r) / h_r, 0)
        return in_core * self.alloy.c_core + (1 - in_core) * (inner + ends)
