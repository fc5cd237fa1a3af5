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
shell from c_eq, in units of the shell's diffusion drop for a diffusion-controlled couple
(``_excess_scale``, which follows the Damkohler number), lets the solver resolve the small
deviations that drive a diffusion-controlled front.
"""

import pybamm

from .base_shrinking_core import BaseShrinkingCore


class ShellDiffusion(BaseShrinkingCore):
    """Shrinking core with a resolved shell concentration profile (``"full"``)."""

    citation_keys = BaseShrinkingCore.citation_keys + ("Landau1950",)

    def get_fundamental_variables(self):
        w = pybamm.Variable(
            self._local(self._var("shell excess carrier content [mol.m-3]")),
            domains=self._shell_domains(),
            scale=self._excess_scale(),
        )
        q = self._core_fraction_variable()
        xi, _ = self._shell_coordinates()
        c_ref, c_core = self.alloy.c_eq, self.alloy.c_core
        excess = w / self._cell_jacobian(q ** (1 / (self.m + 1)))
        c = c_ref + excess
        c_bar = c_core * q + c_ref * (1 - q) + (self.m + 1) * pybamm.Integral(w, xi)
        c_int = c_ref + pybamm.boundary_value(excess, "left")

        variables = self._concentration_variables(c, c_bar, c_int, pybamm.surf(c), q)
        return self._publish(
            variables,
            {
                "shell excess carrier content [mol.m-3]": w,
                "shell concentration [mol.m-3]": c,
                "shell surface concentration [mol.m-3]": pybamm.surf(c),
                "shell excess concentration [mol.m-3]": excess,
                "unconverted fraction": q,
            },
        )

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
        R = self._radius()
        resistance = 4 / self.alloy.k_i(T) + 3 * xi_1 * (1 - sigma) * R / D_int
        return (3 * x_1 + x_int - 4 * x_eq) / resistance

    def get_coupled_variables(self, variables):
        T, c_eq = self._inputs(variables)
        N_in = self._carrier_flux(variables)
        q = self._get(variables, "unconverted fraction")
        c = self._get(variables, "shell concentration [mol.m-3]")
        excess = self._get(variables, "shell excess concentration [mol.m-3]")
        sigma = q ** (1 / (self.m + 1))
        x_int = pybamm.boundary_value(excess, "left")
        c_int = self.alloy.c_eq + x_int

        D = self.phase_param.D(c, self._to_shell(T))
        D_int = pybamm.boundary_value(D, "left")
        D_surf = pybamm.surf(D)
        N_drive = self._reaction_flux(excess, x_int, c_eq, D_int, sigma, T)
        sigma_dot, N_r = self.front_kinetics(sigma, c_int, c_eq, N_drive)

        _, xi_e = self._shell_coordinates()
        R_e = self._to_shell_edges(self._radius())
        sigma_e = self._to_shell_edges(sigma)
        rho_e = self._edge_radius(sigma)
        G = (
            -(rho_e**self.m / (R_e**2 * (1 - sigma_e))) * (D * pybamm.grad(excess))
            - rho_e**self.m * self._to_shell_edges(sigma_dot) * (1 - xi_e) * excess
        )

        R = self._radius()
        c_bar = self._mean_concentration(variables)
        variables.update(self._front_variables(q, c_int, c_eq, N_r, sigma_dot, D_surf, T, c_bar))
        return self._publish(
            variables,
            {
                "shell rhs [mol.m-3.s-1]": -pybamm.div(G),
                "core fraction rhs [s-1]": self.core_fraction_rate(sigma, sigma_dot),
                "shell interface bc [mol.m-3]": (1 - sigma) * R * N_r / D_int,
                "shell surface bc [mol.m-3]": (1 - sigma) * R * N_in / D_surf,
            },
        )

    def set_rhs(self, variables):
        w = self._get(variables, "shell excess carrier content [mol.m-3]")
        q = self._get(variables, "unconverted fraction")
        self.rhs = {
            w: self._get(variables, "shell rhs [mol.m-3.s-1]"),
            q: self._get(variables, "core fraction rhs [s-1]"),
        }

    def set_boundary_conditions(self, variables):
        excess = self._get(variables, "shell excess concentration [mol.m-3]")
        self.boundary_conditions = {
            excess: {
                "left": (self._get(variables, "shell interface bc [mol.m-3]"), "Neumann"),
                "right": (self._get(variables, "shell surface bc [mol.m-3]"), "Neumann"),
            }
        }

    def set_initial_conditions(self, variables):
        """A uniform shell: w0 = Jbar0 (c_shell0 - c_eq), so the particle holds exactly
        c_core q0 + c_shell0 (1 - q0), PyBaMM's initial concentration."""
        w = self._get(variables, "shell excess carrier content [mol.m-3]")
        q = self._get(variables, "unconverted fraction")
        q0, c_shell0 = self.initial_state()
        J0 = self._cell_jacobian(q0 ** (1 / (self.m + 1)))
        self.initial_conditions = {
            w: J0 * self._to_shell(c_shell0 - self.alloy.c_eq),
            q: q0,
        }
