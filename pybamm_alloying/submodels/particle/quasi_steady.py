"""Quasi-steady shell: the shell PDE replaced by its quasi-steady profile.

If shell diffusion is fast next to the motion of the front (Stefan number
``|c - c_eq| / (c_eq - c_core) << 1`` and shell diffusion time ``(R - s)^2 / D`` short
next to the conversion time), the shell profile is the steady solution of
``r^-m d/dr (r^m D dc/dr) = a`` with a uniform filling rate ``a`` and both flux
conditions ``D c'(s) = N_r``, ``D c'(R) = N_in``. In ``rho = r/R``, ``sigma = s/R``::

    c(rho) = c_int + (R/D) [ a_hat psi(rho) + sigma^m N_r phi(rho) ]
    a_hat  = (m+1) (N_in - sigma^m N_r) / (1 - sigma^(m+1))
    phi(rho) = int_sigma^rho x^-m dx,   psi(rho) = ((rho^2 - sigma^2)/2 - sigma^(m+1) phi) / (m+1)

The states are the particle's mean concentration ``c_bar`` (``dc_bar/dt = (m+1) N_in /
R``, exact carrier balance) and the core fraction ``q``; ``c_int`` and ``c_surf`` are
algebraic: the profile must hold the shell's carrier ``(c_bar - c_core q) / (m+1)``
and give ``c_surf`` at rho = 1. Two ODEs and two algebraic equations per x-node.
"""

import pybamm

from ...geometry import radial_integral
from .base_shrinking_core import BaseShrinkingCore


class QuasiSteadyShell(BaseShrinkingCore):
    """Shrinking core with a quasi-steady shell profile (``"quasi-steady"``)."""

    citation_keys = BaseShrinkingCore.citation_keys + ("Levenspiel1999",)

    def get_fundamental_variables(self):
        domain, Domain = self.domain_Domain
        phase_name = self.phase_name
        c_max = self.alloy.c_max

        def electrode_variable(name):
            return pybamm.Variable(
                name,
                domain=f"{domain} electrode",
                auxiliary_domains={"secondary": "current collector"},
                scale=c_max,
            )

        c_bar = electrode_variable(
            f"R-averaged {domain} {phase_name}particle concentration [mol.m-3]"
        )
        c_int = electrode_variable(self._var("interface concentration [mol.m-3]"))
        c_surf = electrode_variable(
            f"{Domain} {phase_name}particle surface concentration [mol.m-3]"
        )
        return {
            c_bar.name: c_bar,
            c_int.name: c_int,
            c_surf.name: c_surf,
            self._var("unconverted fraction"): self._core_fraction_variable(),
        }

    def _phi(self, rho, sigma):
        """phi(rho) = int_sigma^rho x^-m dx."""
        return radial_integral(rho, sigma, self.m)

    def _psi(self, rho, sigma):
        m = self.m
        return ((rho**2 - sigma**2) / 2 - sigma ** (m + 1) * self._phi(rho, sigma)) / (m + 1)

    def _shell_integrals(self, sigma):
        """Int_sigma^1 phi rho^m and int_sigma^1 psi rho^m (integration by parts)."""
        m, q = self.m, sigma ** (self.m + 1)
        Phi = self._phi(1, sigma) / (m + 1) - (1 - sigma**2) / (2 * (m + 1))
        Psi = (
            ((1 - sigma ** (m + 3)) / (m + 3) - sigma**2 * (1 - q) / (m + 1)) / 2
            - q * Phi
        ) / (m + 1)
        return Phi, Psi

    def _profile(self, rho, sigma, a_hat, N_r, R_over_D):
        """c(rho) - c_int of the quasi-steady shell."""
        return R_over_D * (
            a_hat * self._psi(rho, sigma) + sigma**self.m * N_r * self._phi(rho, sigma)
        )

    def _filling_rate(self, q, N_in, N_r):
        """a_hat = (m+1) (N_in - sigma^m N_r) / (1 - q), from the shell's carrier balance."""
        m = self.m
        return (m + 1) * (N_in - q ** (m / (m + 1)) * N_r) / (1 - q)

    def get_coupled_variables(self, variables):
        """Front kinetics and the displayed profile, from the states alone.

        The surface concentration feeds the OCP and so the interfacial current: nothing
        here may depend on j. The profile shown is the one through c_int and c_surf.
        """
        m, R = self.m, self.phase_param.R
        T, c_eq = self._inputs(variables)
        c_bar, q, c_int, c_surf = self._states(variables)
        sigma = q ** (1 / (m + 1))
        D = self.phase_param.D(c_surf, T)
        N_drive = self.alloy.k_i(T) * (c_int - c_eq)
        sigma_dot, N_r = self.front_kinetics(sigma, c_int, c_eq, N_drive)
        a_hat = ((c_surf - c_int) * D / R - sigma**m * N_r * self._phi(1, sigma)) / self._psi(
            1, sigma
        )

        xi, _ = self._shell_coordinates()
        sigma_sh = self._to_shell(sigma)
        c_shell = self._to_shell(c_int) + self._profile(
            sigma_sh + xi * (1 - sigma_sh),
            sigma_sh,
            self._to_shell(a_hat),
            self._to_shell(N_r),
            self._to_shell(R / D),
        )
        variables.update(
            self._get_standard_concentration_variables(
                c_shell, c_s_rav=c_bar, c_s_av=pybamm.x_average(c_bar), c_s_surf=c_surf
            )
        )
        variables.update(self._front_variables(q, c_int, c_eq, N_r, sigma_dot, D, T, c_bar))
        variables[self._var("shell concentration [mol.m-3]")] = c_shell
        return variables

    def _states(self, variables):
        domain, Domain = self.domain_Domain
        phase_name = self.phase_name
        return (
            variables[f"R-averaged {domain} {phase_name}particle concentration [mol.m-3]"],
            variables[self._var("unconverted fraction")],
            variables[self._var("interface concentration [mol.m-3]")],
            variables[f"{Domain} {phase_name}particle surface concentration [mol.m-3]"],
        )

    def set_rhs(self, variables):
        c_bar, q, _, _ = self._states(variables)
        N_in = self._carrier_flux(variables)
        sigma_dot = variables[self._var("front velocity [m.s-1]")] / -self.phase_param.R
        self.rhs = {
            c_bar: (self.m + 1) * N_in / self.phase_param.R,
            q: self.core_fraction_rate(q ** (1 / (self.m + 1)), sigma_dot),
        }

    def set_algebraic(self, variables):
        """The profile holds the shell's carrier and reaches c_surf at the surface."""
        m, R = self.m, self.phase_param.R
        c_bar, q, c_int, c_surf = self._states(variables)
        T, _ = self._inputs(variables)
        N_in = self._carrier_flux(variables)
        N_r = variables[self._var("interface reaction flux [mol.m-2.s-1]")]
        sigma = q ** (1 / (m + 1))
        R_over_D = R / self.phase_param.D(c_surf, T)
        a_hat = self._filling_rate(q, N_in, N_r)
        Phi, Psi = self._shell_integrals(sigma)
        # both residuals in terms of the mean shell concentration, which stays
        # well-conditioned as the shell thins (q -> 1)
        mean_shell = c_int + (m + 1) * R_over_D * (
            a_hat * Psi + sigma**m * N_r * Phi
        ) / (1 - q)
        surface = c_int + self._profile(1, sigma, a_hat, N_r, R_over_D)
        c_max = self.alloy.c_max
        self.algebraic = {
            c_int: (mean_shell - (c_bar - self.alloy.c_core * q) / (1 - q)) / c_max,
            c_surf: (c_surf - surface) / c_max,
        }

    def set_initial_conditions(self, variables):
        c_bar, q, c_int, c_surf = self._states(variables)
        q0, c_shell0 = self.initial_state()
        self.initial_conditions = {
            c_bar: pybamm.r_average(self.phase_param.c_init),
            q: q0,
            c_int: c_shell0,
            c_surf: c_shell0,
        }
