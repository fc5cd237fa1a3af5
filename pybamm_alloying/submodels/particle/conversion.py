"""Conversion-alloying particle on the shrinking core (docs/theory.md section 13).

An oxide M_xO_y (SnO2, SiO, Sb2O3) first converts, M_xO_y + 2y A -> x M + y A2O, then its
metal alloys, M + z A <-> A_zM. The slots of :class:`ShellDiffusion` are read anew:

* core (r < s): the pristine oxide, c_core = 0;
* shell (s < r < R): the converted composite M + A2O, which holds c_conv of carrier
  locked in A2O and the alloy's carrier as a solid solution, c in [c_conv, c_max],
  c_max = c_conv + c_alloy (host basis: per m3 of pristine oxide);
* front (r = s): the conversion reaction, with the Stefan condition and Robin pair of
  the shrinking core (docs/theory.md sections 2-3) and c_eq where the shell OCP
  U_alloy((c - c_conv)/c_alloy) equals the conversion potential.

The conversion is irreversible: the front's outward (delithiation) branch is removed,
so a delithiating shell meets a no-flux wall at the front and gives back only the
alloy's carrier::

    d sigma/dt = -s(N) f_lith N / (R max(c_int - c_core, c_eq - c_core))

with the branch switch s(N) and the inner stop f_lith of
:class:`~pybamm_alloying.submodels.particle.BaseShrinkingCore`. The carrier locked in
A2O, c_conv (1 - q), and the alloy's, c_bar - c_conv (1 - q), are published.

References: Huang et al. 2010 (doi:10.1126/science.1195628: one reaction front in a
SnO2 nanowire, Sn/LixSn nanocrystals in amorphous Li2O behind it); Courtney & Dahn
1997 (J. Electrochem. Soc. 144, 2045: SnO2 converts irreversibly, then Sn alloys).
"""

import pybamm

from .shell_diffusion import ShellDiffusion


class ConversionShell(ShellDiffusion):
    """Shrinking core whose front is an irreversible conversion (``"conversion"``)."""

    citation_keys = ShellDiffusion.citation_keys + ("Huang2010",)

    @property
    def c_conv(self):
        """c_conv [mol.m-3]: carrier locked in A2O per m3 of converted oxide."""
        return pybamm.Parameter(
            f"{self.alloy.prefix}{self.domain.capitalize()} electrode "
            "conversion concentration [mol.m-3]"
        )

    def front_kinetics(self, sigma, c_int, c_eq, N_drive):
        """Inward-only front: d sigma/dt = -s(N) f_lith N / (R max(c_int - c_core, c_eq -
        c_core)), N_r = -R (d sigma/dt)(c_int - c_core) (Stefan condition, exact).

        s(N) is zero for N <= 0, so the front never moves outward: the conversion
        carrier is not returned (docs/theory.md section 13). The return term of the
        base class still brings a front carried past 1 - delta back.
        """
        c_core, delta = self.alloy.c_core, self.alloy.delta
        mobility = self._branch(N_drive) * self._inner_stop_mobility(sigma - self.sigma_min)
        sigma_dot = -mobility * N_drive / (
            self._radius() * pybamm.maximum(c_int - c_core, c_eq - c_core)
        ) - self._outer_return_rate() * self._rounded_positive(sigma - (1 - delta))
        return sigma_dot, -self._radius() * sigma_dot * (c_int - c_core)

    def get_coupled_variables(self, variables):
        variables = super().get_coupled_variables(variables)
        q = self._get(variables, "unconverted fraction")
        locked = self.c_conv * (1 - q)
        return self._publish(
            variables,
            {
                "locked carrier concentration [mol.m-3]": locked,
                "alloy carrier concentration [mol.m-3]": self._mean_concentration(variables)
                - locked,
            },
        )
