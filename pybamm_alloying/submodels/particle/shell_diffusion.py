"""Shell diffusion on a front-fixed (Landau-transformed) mesh (model.md section 2).

With ``xi = (r - s) / (R - s)``, ``rho = r / R = sigma + xi (1 - sigma)`` and the
Jacobian ``J = rho^m (1 - sigma)``, shell diffusion in arbitrary-Lagrangian-Eulerian
conservation form reads::

    d(J c)/dt = -d/dxi G,
    G = rho^m [ -D / (R^2 (1 - sigma)) dc/dxi - (d sigma/dt) (1 - xi) c ]

(the second term carries the carrier across the moving mesh) with the interface
(Robin) and surface conditions::

    D/(R (1 - sigma)) dc/dxi = N_r  at xi = 0,      ... = N_in  at xi = 1.

The states are ``u = J c`` (the shell content per unit xi) and the core fraction ``q``,
so the particle's carrier content, ``c_core q + (m+1) int_0^1 u dxi``, is linear in the
states: the finite-volume flux differences telescope and the Stefan condition makes
the flux at xi = 0 exactly balance the growth of the core, so the discrete scheme and
the time integrator conserve carrier to round-off.
"""

import pybamm

from .base_shrinking_core import BaseShrinkingCore


class ShellDiffusion(BaseShrinkingCore):
    """Shrinking core with a resolved shell concentration profile (``"full"``)."""

    citation_keys = BaseShrinkingCore.citation_keys + ("Landau1950",)

    def get_fundamental_variables(self):
        domain = self.domain
        c_max = self.alloy.c_max
        u = pybamm.Variable(
            self._var("shell carrier content [mol.m-3]"),
            domain=self.shell,
            auxiliary_domains={
                "secondary": f"{domain} electrode",
                "tertiary": "current collector",
            },
            scale=c_max,
        )
        q = self._core_fraction_variable()
        xi, _ = self._shell_coordinates()
        sigma = q ** (1 / (self.m + 1))
        c = u / self._shell_jacobian(self._to_shell(sigma), xi)
        c_surf = pybamm.surf(c)
        c_bar = self.alloy.c_core * q + (self.m + 1) * pybamm.Integral(u, xi)

        variables = self._get_standard_concentration_variables(
            c, c_s_rav=c_bar, c_s_av=pybamm.x_average(c_bar), c_s_surf=c_surf
        )
        variables.update(
            {
                self._var("shell carrier content [mol.m-3]"): u,
                self._var("shell concentration [mol.m-3]"): c,
                self._var("unconverted fraction"): q,
            }
        )
        return variables

    def _shell_jacobian(self, sigma, xi):
        """J = rho^m (1 - sigma), with rho = sigma + xi (1 - sigma)."""
        rho = sigma + xi * (1 - sigma)
        return rho**self.m * (1 - sigma)

    def get_coupled_variables(self, variables):
        T, c_eq = self._inputs(variables)
        N_in = self._carrier_flux(variables)
        q = variables[self._var("unconverted fraction")]
        c = variables[self._var("shell concentration [mol.m-3]")]
        sigma = q ** (1 / (self.m + 1))
        c_int = pybamm.boundary_value(c, "left")

        D = self.phase_param.D(c, self._to_shell(T))
        D_int = pybamm.boundary_value(D, "left")
        D_surf = pybamm.surf(D)
        sigma_dot, N_r = self.front_kinetics(sigma, c_int, c_eq, T)

        _, xi_e = self._shell_coordinates()
        R_e = self._to_shell_edges(self.phase_param.R)
        sigma_e = self._to_shell_edges(sigma)
        rho_e = sigma_e + xi_e * (1 - sigma_e)
        G = -(rho_e**self.m / (R_e**2 * (1 - sigma_e))) * (
            D * pybamm.grad(c)
        ) - rho_e**self.m * self._to_shell_edges(sigma_dot) * (1 - xi_e) * c

        R = self.phase_param.R
        variables.update(self._front_variables(q, c_int, c_eq, N_r, sigma_dot, D_surf, T))
        variables.update(
            {
                self._var("shell rhs [mol.m-3.s-1]"): -pybamm.div(G),
                self._var("core fraction rhs [s-1]"): self.core_fraction_rate(
                    sigma, sigma_dot
                ),
                self._var("shell interface bc [mol.m-3]"): (1 - sigma)
                * R
                * N_r
                / D_int,
                self._var("shell surface bc [mol.m-3]"): (1 - sigma)
                * R
                * N_in
                / D_surf,
            }
        )
        return variables

    def set_rhs(self, variables):
        u = variables[self._var("shell carrier content [mol.m-3]")]
        q = variables[self._var("unconverted fraction")]
        self.rhs = {
            u: variables[self._var("shell rhs [mol.m-3.s-1]")],
            q: variables[self._var("core fraction rhs [s-1]")],
        }

    def set_boundary_conditions(self, variables):
        c = variables[self._var("shell concentration [mol.m-3]")]
        self.boundary_conditions = {
            c: {
                "left": (variables[self._var("shell interface bc [mol.m-3]")], "Neumann"),
                "right": (variables[self._var("shell surface bc [mol.m-3]")], "Neumann"),
            }
        }

    def set_initial_conditions(self, variables):
        """u0 = J0 c_shell0 scaled so the discrete content is exactly c_core q0 + c_shell0 (1 - q0).

        The scale factor (1 - q0) / ((m+1) Int J0 dxi) is 1 + O(dxi^2); with it the
        particle starts with exactly the carrier PyBaMM's initial concentration gives.
        """
        u = variables[self._var("shell carrier content [mol.m-3]")]
        q = variables[self._var("unconverted fraction")]
        q0, c_shell0 = self.initial_state()
        xi, _ = self._shell_coordinates()
        J0 = self._shell_jacobian(self._to_shell(q0 ** (1 / (self.m + 1))), xi)
        exact = (1 - q0) / ((self.m + 1) * pybamm.Integral(J0, xi))
        self.initial_conditions = {
            u: J0 * self._to_shell(c_shell0 * exact),
            q: q0,
        }
