"""Electrode state of health (eSOH) of a two-phase alloy electrode (docs/theory.md section 7).

PyBaMM's eSOH (Mohtat et al. 2019, doi:10.1149/2.1181906jes) and its ``initial_soc``
solve the cell's balance with the electrode OCP as a function of the electrode's mean
carrier content x = c_bar / c_max (its "stoichiometry"), read through
``model.param.n.prim.U(x, T, branch)``. For a Fickian electrode at rest the surface and
the mean content agree, so U(x) is the surface OCP. A shrinking-core particle at rest is
not uniform: while a core remains, the shell sits at the two-phase composition c_eq
whatever the content, and only the front position q moves. Its content-potential map is
the shell OCP composed with the rest state of ``BaseShrinkingCore.initial_state``::

    U_eq(x) = U_shell(theta(x))
    theta(x) = min(theta_lo(x), theta_eq) + max(theta_hi(x), theta_eq) - theta_eq
    theta_lo(x) = (x - theta_core q_max) / (1 - q_max)       residual shell emptying, x < x_lo
    theta_hi(x) = (x - theta_core q_min) / (1 - q_min)       shell filling past the plateau, x > x_hi
    x_lo = theta_core q_max + theta_eq (1 - q_max),   x_hi = theta_core q_min + theta_eq (1 - q_min)

with theta = c/c_max, q_max = (1 - delta)^(m+1): the plateau U_shell(theta_eq) for
x_lo <= x <= x_hi (a core at c_core beside a shell at c_eq), the single-phase shell
branches outside it. theta(x) is continuous and non-decreasing, so U_eq is continuous and
non-increasing, strictly decreasing off the plateau. Either hysteresis branch of the shell
OCP composes the same way (U_eq,b(x) = U_shell,b(theta(x))), so PyBaMM's choice of branch
(lithiation at 100 %, delithiation at 0 %) carries over unchanged.

The plateau is flat, and PyBaMM's balance stays well posed on it: its Jacobian in x is
-U_p' Q_n/Q_p - U_eq', and the cathode's U_p' < 0 keeps it non-zero where U_eq' = 0.
:class:`AlloyEquilibriumParameters` hands PyBaMM this map through ``model.param``, so
PyBaMM's own :class:`pybamm.lithium_ion.ElectrodeSOHSolver` computes the summary
variables and ``initial_soc``; the submodels keep the shell OCP
(:attr:`AlloyESOH.shell_param`).
"""

import pybamm
from pybamm.parameters.lithium_ion_parameters import ParticleLithiumIonParameters

from ..geometry import geometry_exponent
from ..submodels.parameters import AlloyParameters

#: Attribute of PyBaMM's DomainLithiumIonParameters that holds each phase.
PHASE_ATTRIBUTES = {"primary": "prim", "secondary": "sec"}


def shell_stoichiometry(x, alloy: AlloyParameters, m: int):
    """Shell stoichiometry theta(x) of an alloy particle at rest holding the mean content x.

    ``alloy`` gives c_eq, c_core, c_max, q_min and delta; ``m`` is the radial exponent
    (2 sphere, 1 cylinder, 0 planar). The piecewise-linear map of the module docstring
    (docs/theory.md section 7), the rest state of ``BaseShrinkingCore.initial_state``.
    """
    theta_eq = alloy.c_eq / alloy.c_max
    theta_core = alloy.c_core / alloy.c_max
    q_max = (1 - alloy.delta) ** (m + 1)
    theta_lo = (x - theta_core * q_max) / (1 - q_max)
    theta_hi = (x - theta_core * alloy.q_min) / (1 - alloy.q_min)
    return pybamm.minimum(theta_lo, theta_eq) + pybamm.maximum(theta_hi, theta_eq) - theta_eq


class EquilibriumPhaseParameters(ParticleLithiumIonParameters):
    """PyBaMM's parameters of an alloy phase whose OCP is the content-potential map.

    ``U(x, T, lithiation)`` is the shell OCP at :func:`shell_stoichiometry` (x) on the
    requested branch: the phase's potential at rest as a function of its mean content,
    the quantity PyBaMM's eSOH balances. Everything else is PyBaMM's.
    """

    def __init__(self, phase, domain_param, m: int):
        super().__init__(phase, domain_param)
        self.m = m

    def U(self, sto, T, lithiation=None):
        """U_shell(theta(x), T) on the ``lithiation`` branch (docs/theory.md section 7)."""
        theta = shell_stoichiometry(sto, AlloyParameters(self), self.m)
        return super().U(theta, T, lithiation)


class AlloyEquilibriumParameters(pybamm.LithiumIonParameters):
    """PyBaMM's lithium-ion parameters with each alloy phase's OCP as its content map.

    Parameters
    ----------
    options : :class:`pybamm.BatteryModelOptions`
        The model's options.
    phases : iterable of (domain, phase)
        The shrinking-core phases, e.g. ``[("negative", "primary")]``.
    geometry : str
        The ``"alloy geometry"`` option ("spherical", "cylindrical", "planar").
    """

    def __init__(self, options, phases, geometry: str):
        super().__init__(options)
        m = geometry_exponent(geometry)
        for domain, phase in phases:
            domain_param = self.domain_params[domain]
            equilibrium = EquilibriumPhaseParameters(phase, domain_param, m)
            # PyBaMM's initialisation step for a phase (LithiumIonParameters.__init__)
            equilibrium._set_parameters()
            domain_param.phase_params[phase] = equilibrium
            setattr(domain_param, PHASE_ATTRIBUTES[phase], equilibrium)


class AlloyESOH:
    """Mixin for the alloy battery models: PyBaMM's eSOH on the content-potential map.

    Once the submodels are set (with PyBaMM's parameters, whose alloy OCP is the shell
    OCP at the surface), ``param`` becomes :class:`AlloyEquilibriumParameters`. PyBaMM
    reads ``model.param`` for the eSOH summary variables (``calc_esoh``, PyBaMM's
    default: on for a full cell with one phase per electrode) and for ``initial_soc``,
    so both use the map; ``shell_param`` keeps the submodels' parameters. Needs
    ``alloy_domain``, ``alloy_phases`` and ``alloy_options`` (the DFN's).
    """

    def set_submodels(self, build):
        super().set_submodels(build)
        self.shell_param = self.param
        self.param = AlloyEquilibriumParameters(
            self.options,
            [(self.alloy_domain, phase) for phase, _ in self.alloy_phases],
            self.alloy_options["alloy geometry"],
        )
