"""Fracture of the lithiated shell during lithiation (docs/fracture.md).

The rigid-plastic shell of :mod:`~pybamm_alloying.submodels.stress` flows with
sigma_t - sigma_r = +k (sphere k = sigma_Y, nanowire k = 2 sigma_Y / sqrt 3) and a
free outer surface r = b, so its hoop stress is

    sigma_t(r) = k [1 - m ln(b / r)],     a <= r <= b,

tensile (+k at the surface) in an outer layer. A film's shell is at compressive yield
(-sigma_Y): no lithiation fracture. Following Zhao, Pharr, Vlassak & Suo (2010,
doi:10.1063/1.3492617; 2011, doi:10.1063/1.3525990) the energy release rate of a
pre-existing crack scales as G = Z k^2 h / E with h a length of the body, and fracture is
averted while G < Gamma for every crack. Here the crack is a straight-fronted surface
crack of depth d (a meridional crack of the sphere, an axial crack of the wire; plane
strain), loaded by the hoop stress linearised at the surface,
sigma_t ~ k (1 - m x / b) at depth x = b - r (an upper bound of the log profile). For
the edge crack of a half-plane under crack-face pressure sigma_0 (x / d)^n,
K = sigma_0 sqrt(pi d) F_n with F_0 = 1.1215, F_1 = 0.6820 (Tada, Paris & Irwin,
The Stress Analysis of Cracks Handbook), so

    K(d) = k sqrt(pi d) [F_0 - F_1 m d / b],    G(d) = (1 - nu^2) K(d)^2 / E_shell.

The worst flaw, d* = min(F_0 b / (3 F_1 m), b - a), maximises G (the crack stays in the
shell); for a thick shell G(d*) = 0.9626 (1 - nu^2) k^2 (b/m) / E_shell. The fracture
index is G / Gamma, Gamma the shell's fracture energy.
"""

import numpy as np
import pybamm

from ..geometry import geometry_exponent
from .active_material import ShapedSurfaceArea
from .alloy_parameters import AlloyParameters
from .naming import AlloyVariableNames
from .particle.base_shrinking_core import BaseShrinkingCore
from .stress import ShellMechanics, flow_stress, outer_radius_ratio

#: Edge crack in a half-plane, crack-face pressure sigma_0 (x/d)^n: K = sigma_0 sqrt(pi d) F_n
#: (Tada, Paris & Irwin 2000; checked against the Hartranft-Sih weight function, 1.1222 and
#: 0.6844, in tests/submodels/test_fracture.py).
EDGE_CRACK_F0 = 1.1215
EDGE_CRACK_F1 = 0.6820

#: Relaxation time [s] of the running minimum's catch-up term min(q - Q, 0) / tau
#: (:meth:`ShellFracture.set_rhs`): it closes any lead of q below Q within ~tau.
MEMORY_TIME = 1.0

#: Width of the gate of the running minimum's rate term, g_w (Q + q_min): Q follows dq/dt
#: in full while q <= Q and not at all once q >= Q + g_w (Q + q_min), linearly between.
MEMORY_GATE = 1e-3

#: Width of the smooth step from intact to fractured in the running maximum of the index:
#: fractured = (1 + tanh((M - 1) / w)) / 2.
FRACTURED_WIDTH = 0.01


def _minimum(x, y):
    if isinstance(x, pybamm.Symbol) or isinstance(y, pybamm.Symbol):
        return pybamm.minimum(x, y)
    return np.minimum(x, y)


def worst_flaw_depth(core_radius, outer_radius, geometry: str):
    """d* [m]: depth of the surface crack with the largest release rate, in the shell
    (0 for a film, whose shell is compressive)."""
    m = geometry_exponent(geometry)
    if m == 0:
        return 0 * core_radius
    d_free = EDGE_CRACK_F0 * outer_radius / (3 * EDGE_CRACK_F1 * m)
    return _minimum(d_free, outer_radius - core_radius)


def energy_release_rate(sigma, beta_s, radius, yield_strength, modulus, poisson, geometry: str):
    """G [J.m-2] of the worst surface crack in the shell (module docstring).

    ``sigma`` is the core radius ratio a/R, ``beta_s`` the shell's volume ratio, ``radius``
    R [m]. 0 for a film (its shell is compressive). Works on floats, numpy arrays and
    PyBaMM symbols alike.
    """
    m = geometry_exponent(geometry)
    if m == 0:
        return 0 * sigma
    b = radius * outer_radius_ratio(sigma, beta_s, m)
    d = worst_flaw_depth(sigma * radius, b, geometry)
    k = flow_stress(yield_strength, geometry)
    K_squared = k**2 * np.pi * d * (EDGE_CRACK_F0 - EDGE_CRACK_F1 * m * d / b) ** 2
    return (1 - poisson**2) * K_squared / modulus


def fractured_fraction(maximum_index):
    """Smooth step 0 -> 1 at a running-maximum index of 1 (width FRACTURED_WIDTH)."""
    step = (maximum_index - 1) / FRACTURED_WIDTH
    if isinstance(step, pybamm.Symbol):
        return (1 + pybamm.tanh(step)) / 2
    return (1 + np.tanh(step)) / 2


class ShellFracture(ShellMechanics):
    """Fracture index of the lithiated shell and its irreversible memory.

    Needs ``"alloy stress": "plastic"`` (the stress field it reads) and the particle's
    ``"{Domain} {phase}unconverted fraction"``. Publishes per x and x-averaged
    ``"{Domain} {phase}particle fracture energy release rate [J.m-2]"`` (G of the worst
    surface crack), ``"... particle fracture index"`` (G / Gamma), ``"... particle
    worst flaw depth [m]"``, ``"... particle maximum fracture index"`` (the running
    maximum M of the index) and ``"... particle fractured fraction"`` (a smooth step at
    M = 1, 0 before fracture and 1 after; it stays 1 on delithiation).

    The index I(q) falls monotonically with the unconverted fraction q (the shell and the
    worst flaw both grow as the front moves in), so M = I(Q) with Q the running minimum
    of q, the state ``"... particle minimum unconverted fraction"`` (:meth:`set_rhs`).
    """

    citation_keys = ("Zhao2010", "Zhao2011", "Tada2000")

    def get_fundamental_variables(self):
        minimum = pybamm.Variable(
            self._local(self._var("particle minimum unconverted fraction")),
            domains=self._electrode_domains(),
            scale=self.alloy.q_min,
        )
        maximum = self._index(minimum)
        per_x = {
            "particle minimum unconverted fraction": minimum,
            "particle maximum fracture index": maximum,
            "particle fractured fraction": fractured_fraction(maximum),
        }
        return self._publish({}, per_x)

    def _release_rate(self, q):
        """(G [J.m-2], d* [m]) at the unconverted fraction q."""
        alloy = self.alloy
        sigma = q ** (1 / (self.m + 1))
        beta_s = self._shell_volume_ratio()
        R = self._radius()
        G = energy_release_rate(
            sigma,
            beta_s,
            R,
            alloy.yield_strength,
            alloy.shell_modulus,
            alloy.shell_poisson,
            self.shape,
        )
        b = R * outer_radius_ratio(sigma, beta_s, self.m)
        return G, worst_flaw_depth(sigma * R, b, self.shape)

    def _index(self, q):
        """I = G / Gamma at the unconverted fraction q."""
        return self._release_rate(q)[0] / self.alloy.fracture_energy

    def get_coupled_variables(self, variables):
        G, depth = self._release_rate(self._get(variables, "unconverted fraction"))
        per_x = {
            "particle fracture energy release rate [J.m-2]": G,
            "particle fracture index": G / self.alloy.fracture_energy,
            "particle worst flaw depth [m]": depth,
        }
        return self._publish(variables, per_x)

    def set_rhs(self, variables):
        """Running minimum Q of the unconverted fraction q, in rate form:

            dQ/dt = min(dq/dt, 0) g + min(q - Q, 0) / tau,
            g = clip(1 - (q - Q) / (g_w (Q + q_min)), 0, 1),

        dq/dt = (m + 1) sigma^m dsigma/dt from the front velocity, tau =
        :data:`MEMORY_TIME`, g_w = :data:`MEMORY_GATE`. While the front advances Q moves
        with q by the same right-hand side, so the two stay equal step by step and Q stops
        when the front does; on delithiation Q holds. The relaxation form on the index,
        dM/dt = max(I - M, 0)/tau, let a BDF step extrapolate M's rise past the front's
        stop (its right-hand side switches to zero there): a DFN node overshot its index's
        maximum by 29 % (Na-Sb2O3 at C/40).
        """
        minimum = self._get(variables, "particle minimum unconverted fraction")
        q = self._get(variables, "unconverted fraction")
        sigma_dot = -self._get(variables, "front velocity [m.s-1]") / self._radius()
        q_dot = (self.m + 1) * q ** (self.m / (self.m + 1)) * sigma_dot
        lead = q - minimum
        width = MEMORY_GATE * (minimum + self.alloy.q_min)
        gate = pybamm.maximum(pybamm.minimum(1 - lead / width, 1), 0)
        self.rhs = {
            minimum: pybamm.minimum(q_dot, 0) * gate + pybamm.minimum(lead, 0) / MEMORY_TIME
        }

    def set_initial_conditions(self, variables):
        """Q(0) = q(0), the particle's initial core fraction
        (:meth:`BaseShrinkingCore.initial_state`, the same rule), so M(0) is the index of
        the initial state."""
        minimum = self._get(variables, "particle minimum unconverted fraction")
        q0, _ = BaseShrinkingCore.initial_state(self)
        self.initial_conditions = {minimum: q0}


class FractureActiveMaterialLoss(
    ShapedSurfaceArea, AlloyVariableNames, pybamm.active_material.LossActiveMaterial
):
    """PyBaMM's loss of active material driven by the fracture of the alloy shell.

    ``"alloy fracture": "loss of active material"``: fractured particles lose active
    material at ``"{prefix}Negative electrode fracture LAM rate [s-1]"`` (k_LAM),

        d eps_s / dt = -k_LAM f eps_s,   f the fractured fraction of :class:`ShellFracture`,

    with PyBaMM's bookkeeping of the lithium lost with the material
    (``"Loss of lithium due to loss of active material in negative electrode [mol]"``).
    The surface area per volume is (m + 1) eps_s / R for the particle shape.
    """

    def __init__(
        self, param, domain, options, phase="primary", geometry="spherical", x_average=False
    ):
        super().__init__(param, domain, options, x_average=x_average, phase=phase)
        self.alloy = AlloyParameters(self.phase_param)
        self._set_shape(geometry)

    def get_coupled_variables(self, variables):
        """d eps_s/dt per x, or x-averaged (PyBaMM's ``x_average``, then on the current
        collector) from the x-averaged fractured fraction."""
        Domain = self.domain.capitalize()
        eps_s = variables[
            self._local(f"{Domain} electrode {self.phase_name}active material volume fraction")
        ]
        fractured = variables[self._local(f"{Domain} {self.phase_name}particle fractured fraction")]
        deps_dt = -self.alloy.fracture_lam_rate * fractured * eps_s
        variables.update(self._get_standard_active_material_change_variables(deps_dt))
        return variables
