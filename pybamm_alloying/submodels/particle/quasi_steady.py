"""Quasi-steady shell: the shell PDE replaced by its quasi-steady profile.

If shell diffusion is fast next to the motion of the front (Stefan number
``|c - c_eq| / (c_eq - c_core) << 1`` and shell diffusion time ``(R - s)^2 / D`` short
next to the conversion time), the shell profile is the steady solution of
``r^-m d/dr (r^m D dc/dr) = a`` with a uniform filling rate ``a`` and both flux
conditions ``D c'(s) = N_r``, ``D c'(R) = N_in``. In ``rho = r/R``, ``sigma = s/R``::

    c(rho) = c_int + (R/D) [ a_hat psi(rho) + sigma^m N_r phi(rho) ]
    a_hat  = (m+1) (N_in - sigma^m N_r) / (1 - sigma^(m+1))
    phi(rho) = int_sigma^rho x^-m dx,   psi(rho) = ((rho^2 - sigma^2)/2 - sigma^(m+1) phi) / (m+1)

The states are measured from the stress-free two-phase equilibrium c_eq, in the unit of
the shell's diffusion drop (``_excess_scale``, which follows the Damkohler number), as in
the full variant: the particle's
excess carrier ``W = c_bar - c_core q - c_eq (1 - q)`` (``dW/dt = (m+1) N_in / R -
(c_core - c_eq) dq/dt``, so ``c_bar`` is linear in the states and its balance ``dc_bar/dt
= (m+1) N_in / R`` is exact) and the core fraction ``q``; ``c_int - c_eq`` and ``c_surf -
c_eq`` are algebraic: the profile must hold the shell's excess ``W / (1 - q)`` on average
and give ``c_surf`` at rho = 1. Two ODEs and two algebraic equations per x-node. States
held as concentrations (~c_max) would be resolved only to c_max times the relative
tolerance, 0.02 mol/m3 for Li-Sn, above the c_int - c_eq that drives a restarting front:
the drive then flips sign from step to step and IDA takes ~1e-6 s steps (docs/theory.md
section 4).
"""

import pybamm

from ...geometry import radial_integral
from .base_shrinking_core import BaseShrinkingCore


class QuasiSteadyShell(BaseShrinkingCore):
    """Shrinking core with a quasi-steady shell profile (``"quasi-steady"``)."""

    citation_keys = BaseShrinkingCore.citation_keys + ("Levenspiel1999",)

    def get_fundamental_variables(self):
        c_eq, c_core = self.alloy.c_eq, self.alloy.c_core
        scale = self._excess_scale()

        def electrode_variable(name):
            return pybamm.Variable(
                self._local(self._var(name)), domains=self._electrode_domains(), scale=scale
            )

        excess = electrode_variable("particle excess carrier content [mol.m-3]")
        x_int = electrode_variable("interface excess concentration [mol.m-3]")
        x_surf = electrode_variable("surface excess concentration [mol.m-3]")
        q = self._core_fraction_variable()
        variables = self._publish(
            {},
            {
                "particle excess carrier content [mol.m-3]": excess,
                "interface excess concentration [mol.m-3]": x_int,
                "surface excess concentration [mol.m-3]": x_surf,
                "interface concentration [mol.m-3]": c_eq + x_int,
                "unconverted fraction": q,
            },
        )
        # the mean and surface concentrations under PyBaMM's names (the full family
        # follows in get_coupled_variables, once the profile is known)
        c_bar = c_core * q + c_eq * (1 - q) + excess
        variables[self._mean_concentration_name()] = c_bar
        return self._publish(variables, {"particle surface concentration [mol.m-3]": c_eq + x_surf})

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
        Psi = (((1 - sigma ** (m + 3)) / (m + 3) - sigma**2 * (1 - q) / (m + 1)) / 2 - q * Phi) / (
            m + 1
        )
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
        m, R = self.m, self._radius()
        T, c_eq = self._inputs(variables)
        c_bar, q, c_int, c_surf = self._states(variables)
        sigma = q ** (1 / (m + 1))
        D = self.phase_param.D(c_surf, T)
        x_int = self._get(variables, "interface excess concentration [mol.m-3]")
        N_drive = self.alloy.k_i(T) * (x_int - (c_eq - self.alloy.c_eq))
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
        variables.update(self._concentration_variables(c_shell, c_bar, c_int, c_surf, q))
        variables.update(self._front_variables(q, c_int, c_eq, N_r, sigma_dot, D, T, c_bar))
        return self._publish(variables, {"shell concentration [mol.m-3]": c_shell})

    def _states(self, variables):
        return (
            self._mean_concentration(variables),
            self._get(variables, "unconverted fraction"),
            self._get(variables, "interface concentration [mol.m-3]"),
            self._get(variables, "particle surface concentration [mol.m-3]"),
        )

    def _excess_states(self, variables):
        """W, x_int = c_int - c_eq and x_surf = c_surf - c_eq (stress-free c_eq)."""
        return tuple(
            self._get(variables, name)
            for name in (
                "particle excess carrier content [mol.m-3]",
                "interface excess concentration [mol.m-3]",
                "surface excess concentration [mol.m-3]",
            )
        )

    def set_rhs(self, variables):
        _, q, _, _ = self._states(variables)
        excess, _, _ = self._excess_states(variables)
        N_in = self._carrier_flux(variables)
        R = self._radius()
        sigma_dot = self._get(variables, "front velocity [m.s-1]") / -R
        q_dot = self.core_fraction_rate(q ** (1 / (self.m + 1)), sigma_dot)
        self.rhs = {
            excess: (self.m + 1) * N_in / R - (self.alloy.c_core - self.alloy.c_eq) * q_dot,
            q: q_dot,
        }

    def set_algebraic(self, variables):
        """The profile holds the shell's excess W / (1 - q) and reaches c_surf at rho = 1."""
        m, R = self.m, self._radius()
        _, q, _, c_surf = self._states(variables)
        excess, x_int, x_surf = self._excess_states(variables)
        T, _ = self._inputs(variables)
        N_in = self._carrier_flux(variables)
        N_r = self._get(variables, "interface reaction flux [mol.m-2.s-1]")
        sigma = q ** (1 / (m + 1))
        R_over_D = R / self.phase_param.D(c_surf, T)
        a_hat = self._filling_rate(q, N_in, N_r)
        Phi, Psi = self._shell_integrals(sigma)
        # both residuals in terms of the mean shell excess, which stays well-conditioned
        # as the shell thins (q -> 1)
        mean_shell = x_int + (m + 1) * R_over_D * (a_hat * Psi + sigma**m * N_r * Phi) / (1 - q)
        surface = x_int + self._profile(1, sigma, a_hat, N_r, R_over_D)
        scale = self._excess_scale()
        self.algebraic = {
            x_int: (mean_shell - excess / (1 - q)) / scale,
            x_surf: (x_surf - surface) / scale,
        }

    def set_initial_conditions(self, variables):
        _, q, _, _ = self._states(variables)
        excess, x_int, x_surf = self._excess_states(variables)
        q0, c_shell0 = self.initial_state()
        x0 = c_shell0 - self.alloy.c_eq
        self.initial_conditions = {q: q0, excess: x0 * (1 - q0), x_int: x0, x_surf: x0}
