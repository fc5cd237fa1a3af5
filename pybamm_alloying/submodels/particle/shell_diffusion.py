"""Shell diffusion on a front-fixed (Landau-transformed) mesh (docs/theory.md section 3).

With ``xi = (r - s) / (R - s)``, ``rho = r / R = sigma + xi (1 - sigma)`` and the
Jacobian ``J = rho^m (1 - sigma)``, shell diffusion in arbitrary-Lagrangian-Eulerian
conservation form reads::

    d(J c)/dt = -d/dxi G,
    G = rho^m [ -D / (R^2 (1 - sigma)) dc/dxi - (d sigma/dt) (1 - xi) c ]

(the second term carries the carrier across the moving mesh) with the interface
(Robin) and surface conditions::

    D/(R (1 - sigma)) dc/dxi = N_r  at xi = 0,      ... = N_in  at xi = 1.

The states are the shell's excess content ``w = Jbar (c - c_eq)`` per cell (measured
from the stress-free two-phase equilibrium c_eq, with ``Jbar`` the cell average of J)
and the core fraction ``q``. The particle's carrier content, ``c_core q + c_eq (1 - q) +
(m+1) int_0^1 w dxi``, is linear in the states (the cell averages of J sum to (1 -
q)/(m+1) exactly); the finite-volume flux differences telescope and the Stefan
condition makes the flux at xi = 0 exactly balance the growth of the core, so the
discrete scheme and the time integrator conserve carrier to round-off. Measuring the
shell from c_eq, in units of the shell's diffusion drop (``_excess_scale``), lets the
solver resolve the small deviations that drive a diffusion-controlled front.
"""

import pybamm

from .base_shrinking_core import BaseShrinkingCore


class ShellDiffusion(BaseShrinkingCore):
    """Shrinking core with a resolved shell concentration profile (``"full"``)."""

    citation_keys = BaseShrinkingCore.citation_keys + ("Landau1950",)

    def get_fundamental_variables(self):
        domain = self.domain
        w = pybamm.Variable(
            self._var("shell excess carrier content [mol.m-3]"),
            domain=self.shell,
            auxiliary_domains={
                "secondary": f"{domain} electrode",
                "tertiary": "current collector",
            },
            scale=self._excess_scale(),
        )
        q = self._core_fraction_variable()
        xi, _ = self._shell_coordinates()
        c_ref, c_core = self.alloy.c_eq, self.alloy.c_core
        excess = w / self._cell_jacobian(q ** (1 / (self.m + 1)))
        c = c_ref + excess
        c_bar = c_core * q + c_ref * (1 - q) + (self.m + 1) * pybamm.Integral(w, xi)

        variables = self._get_standard_concentration_variables(
            c, c_s_rav=c_bar, c_s_av=pybamm.x_average(c_bar), c_s_surf=pybamm.surf(c)
        )
        variables.update(
            {
                self._var("shell excess carrier content [mol.m-3]"): w,
                self._var("shell concentration [mol.m-3]"): c,
                self._var("shell surface concentration [mol.m-3]"): pybamm.surf(c),
                self._var("shell excess concentration [mol.m-3]"): excess,
                self._var("unconverted fraction"): q,
            }
        )
        return variables

    def _cell_jacobian(self, sigma):
        """Cell average of J = rho^m (1 - sigma): Jbar = div(rho_e^(m+1) / (m+1)) on xi.

        ``int J dxi = int rho^m drho``, so the cell averages are differences of
        rho^(m+1)/(m+1) at the cell edges and sum to (1 - sigma^(m+1))/(m+1) exactly.
        """
        return pybamm.div(self._edge_radius(sigma) ** (self.m + 1) / (self.m + 1))

    def _edge_radius(self, sigma):
        """rho = sigma + xi (1 - sigma) on the shell's cell edges."""
        _, xi_e = self._shell_coordinates()
        sigma_e = self._to_shell_edges(sigma)
        return sigma_e + xi_e * (1 - sigma_e)

    def _reaction_flux(self, excess, x_int, c_eq, D_int, sigma, T):
        """k_i (c_b - c_eq) with the interface value c_b eliminated by the Robin condition.

        The quadratic through c_b at xi = 0 and the first two nodes c_1, c_2 (at h/2 and
        3h/2) has the interface gradient (9 c_1 - c_2 - 8 c_b) / (3h); equating the
        diffusive flux D/((1 - sigma) R) times it to k_i (c_b - c_eq) gives::

            N = (9 c_1 - c_2 - 8 c_eq) / (8/k_i + 3 h (1 - sigma) R / D)

        the interface reaction and the half cell of shell in series. With c_2 = 3 c_1 -
        2 c_int (c_int the linear extrapolation) and h = 2 xi_1 this is ``(3 c_1 + c_int
        - 4 c_eq) / (4/k_i + 3 xi_1 (1 - sigma) R / D)``. In the ICR limit it is k_i
        (c_b - c_eq); in the DCR limit (k_i -> infinity) it is the Dirichlet flux of c_b
        = c_eq, driven by c_1 - c_eq ~ N h R / D rather than by the vanishing c_int -
        c_eq ~ N / k_i, which no solver tolerance resolves. It is evaluated on the
        excess over the stress-free c_eq, so no digits are lost to the ~c_max offset.
        """
        xi, _ = self._shell_coordinates()
        x_1 = pybamm.EvaluateAt(excess, 0)
        x_eq = c_eq - self.alloy.c_eq
        xi_1 = pybamm.EvaluateAt(xi, 0)
        R = self.phase_param.R
        resistance = 4 / self.alloy.k_i(T) + 3 * xi_1 * (1 - sigma) * R / D_int
        return (3 * x_1 + x_int - 4 * x_eq) / resistance

    def get_coupled_variables(self, variables):
        T, c_eq = self._inputs(variables)
        N_in = self._carrier_flux(variables)
        q = variables[self._var("unconverted fraction")]
        c = variables[self._var("shell concentration [mol.m-3]")]
        excess = variables[self._var("shell excess concentration [mol.m-3]")]
        sigma = q ** (1 / (self.m + 1))
        x_int = pybamm.boundary_value(excess, "left")
        c_int = self.alloy.c_eq + x_int

        D = self.phase_param.D(c, self._to_shell(T))
        D_int = pybamm.boundary_value(D, "left")
        D_surf = pybamm.surf(D)
        N_drive = self._reaction_flux(excess, x_int, c_eq, D_int, sigma, T)
        sigma_dot, N_r = self.front_kinetics(sigma, c_int, c_eq, N_drive)

        _, xi_e = self._shell_coordinates()
        R_e = self._to_shell_edges(self.phase_param.R)
        sigma_e = self._to_shell_edges(sigma)
        rho_e = self._edge_radius(sigma)
        G = (
            -(rho_e**self.m / (R_e**2 * (1 - sigma_e))) * (D * pybamm.grad(excess))
            - rho_e**self.m * self._to_shell_edges(sigma_dot) * (1 - xi_e) * excess
        )

        R = self.phase_param.R
        c_bar = variables[
            f"R-averaged {self.domain} {self.phase_name}particle concentration [mol.m-3]"
        ]
        variables.update(self._front_variables(q, c_int, c_eq, N_r, sigma_dot, D_surf, T, c_bar))
        variables.update(
            {
                self._var("shell rhs [mol.m-3.s-1]"): -pybamm.div(G),
                self._var("core fraction rhs [s-1]"): self.core_fraction_rate(sigma, sigma_dot),
                self._var("shell interface bc [mol.m-3]"): (1 - sigma) * R * N_r / D_int,
                self._var("shell surface bc [mol.m-3]"): (1 - sigma) * R * N_in / D_surf,
            }
        )
        return variables

    def set_rhs(self, variables):
        w = variables[self._var("shell excess carrier content [mol.m-3]")]
        q = variables[self._var("unconverted fraction")]
        self.rhs = {
            w: variables[self._var("shell rhs [mol.m-3.s-1]")],
            q: variables[self._var("core fraction rhs [s-1]")],
        }

    def set_boundary_conditions(self, variables):
        excess = variables[self._var("shell excess concentration [mol.m-3]")]
        self.boundary_conditions = {
            excess: {
                "left": (variables[self._var("shell interface bc [mol.m-3]")], "Neumann"),
                "right": (variables[self._var("shell surface bc [mol.m-3]")], "Neumann"),
            }
        }

    def set_initial_conditions(self, variables):
        """A uniform shell: w0 = Jbar0 (c_shell0 - c_eq), so the particle holds exactly
        c_core q0 + c_shell0 (1 - q0), PyBaMM's initial concentration."""
        w = variables[self._var("shell excess carrier content [mol.m-3]")]
        q = variables[self._var("unconverted fraction")]
        q0, c_shell0 = self.initial_state()
        J0 = self._cell_jacobian(q0 ** (1 / (self.m + 1)))
        self.initial_conditions = {
            w: J0 * self._to_shell(c_shell0 - self.alloy.c_eq),
            q: q0,
        }
