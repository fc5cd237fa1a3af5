"""Closed-form material functions shared by every anode couple.

Each function has PyBaMM's signature and reads its coefficients as parameters, so one
piece of code serves all couples; :mod:`pybamm_alloying.parameters.loader` derives the
coefficients from each file's data.

Shell OCP (mean branch), smooth, finite and strictly decreasing on [0, 1]::

    U(θ) = U_2φ - a (θ - θ_eq) - b0 [ln(θ + ε) - ln(θ_eq + ε)]
                               + b1 [ln(1 - θ + ε) - ln(1 - θ_eq + ε)]

with a, b0, b1 >= 0 fitted to the couple's tabulated OCP (``[ocp_points]``) under the
constraint U(θ_eq) = U_2φ, θ_eq = c_eq / c_max, and ε = 1e-3 (keeps U finite at the
ends). The two one-sided logarithms let the empty and the full end rise and fall
independently, as measured OCPs do. Hysteresis: the lithiation and delithiation branches are U -/+ h(θ)/2 with
h(θ) = h0 4 (θ + ε)(1 - θ + ε) / (1 + 2ε)^2, largest mid-range and closing at the ends
as measured for a-LixSi (Verbrugge et al. 2016); its slope is bounded (``|h'| <= 4 h0``),
so the branches stay monotonic wherever ``|U'| > 2 h0`` (checked by the loader). Diffusivity, interface rate constant
and exchange current follow Arrhenius laws about T_ref = 298.15 K, as PyBaMM's own sets
write them: X(T) = X_ref exp(E_a/R (1/T_ref - 1/T)).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

import numpy as np
import pybamm

from ..models.esoh import shell_stoichiometry
from ..prefixes import NEGATIVE as PREFIX

OCP_EPSILON = 1e-3
T_REF = 298.15

TWO_PHASE_POTENTIAL = PREFIX + "two-phase potential [V]"
OCP_LINEAR = PREFIX + "OCP linear coefficient [V]"
OCP_LOG_EMPTY = PREFIX + "OCP low-stoichiometry logarithmic coefficient [V]"
OCP_LOG_FULL = PREFIX + "OCP high-stoichiometry logarithmic coefficient [V]"
OCP_HYSTERESIS = PREFIX + "OCP hysteresis [V]"
EQUILIBRIUM_STOICHIOMETRY = PREFIX + "shell equilibrium stoichiometry"
REFERENCE_DIFFUSIVITY = "Negative particle reference diffusivity [m2.s-1]"
DIFFUSIVITY_ACTIVATION = "Negative particle diffusivity activation energy [J.mol-1]"
RATE_CONSTANT = PREFIX + "exchange-current rate constant [A.m-2.(m3.mol-1)^1.5]"
RATE_ACTIVATION = PREFIX + "exchange-current activation energy [J.mol-1]"
REFERENCE_INTERFACE_RATE = PREFIX + "reference interface rate constant [m.s-1]"
INTERFACE_RATE_ACTIVATION = PREFIX + "interface rate constant activation energy [J.mol-1]"


def _ocp_basis(sto, log):
    """The three decreasing basis functions of the shell OCP, for numpy or pybamm."""
    e = OCP_EPSILON
    return [sto, log(sto + e), -log(1 - sto + e)]


def _arrhenius(activation_energy, T):
    return pybamm.exp(activation_energy / pybamm.constants.R * (1 / T_REF - 1 / T))


def fit_ocp(points, sto_eq: float, two_phase_potential: float) -> tuple[float, ...]:
    """Non-negative (a, b0, b1) that best fit ``points`` [(θ, U)] with U(θ_eq) = U_2φ."""
    from scipy.optimize import nnls

    sto, U = np.asarray(points, dtype=float).T
    columns = np.column_stack(
        [-(f - f_eq) for f, f_eq in zip(_ocp_basis(sto, np.log), _ocp_basis(sto_eq, np.log))]
    )
    coefficients, _ = nnls(columns, U - two_phase_potential)
    return tuple(float(c) for c in coefficients)


def shell_ocp(sto, T=None, prefix=""):
    """Mean (equilibrium) shell OCP [V]; equals U_2φ at the shell equilibrium stoichiometry.

    ``prefix`` is the phase prefix of the coefficients' names in a composite electrode
    (``"Secondary: "``); see :func:`phase_functions`.
    """
    sto_eq = pybamm.Parameter(prefix + EQUILIBRIUM_STOICHIOMETRY)
    coefficients = [pybamm.Parameter(prefix + n) for n in (OCP_LINEAR, OCP_LOG_EMPTY, OCP_LOG_FULL)]
    basis = zip(_ocp_basis(sto, pybamm.log), _ocp_basis(sto_eq, pybamm.log))
    return pybamm.Parameter(prefix + TWO_PHASE_POTENTIAL) - sum(
        c * (f - f_eq) for c, (f, f_eq) in zip(coefficients, basis)
    )


def _hysteresis(sto, prefix):
    e = OCP_EPSILON
    shape = 4 * (sto + e) * (1 - sto + e) / (1 + 2 * e) ** 2
    return pybamm.Parameter(prefix + OCP_HYSTERESIS) * shape


def shell_ocp_lithiation(sto, T=None, prefix=""):
    """Lithiation (sodiation) branch: the mean OCP minus half the hysteresis."""
    return shell_ocp(sto, T, prefix) - _hysteresis(sto, prefix) / 2


def shell_ocp_delithiation(sto, T=None, prefix=""):
    """Delithiation (desodiation) branch: the mean OCP plus half the hysteresis."""
    return shell_ocp(sto, T, prefix) + _hysteresis(sto, prefix) / 2


def shell_diffusivity(sto, T, prefix=""):
    """D(T) = D_ref exp(E_a/R (1/T_ref - 1/T)), independent of composition."""
    return pybamm.Parameter(prefix + REFERENCE_DIFFUSIVITY) * _arrhenius(
        pybamm.Parameter(prefix + DIFFUSIVITY_ACTIVATION), T
    )


def interface_rate_constant(T, prefix=""):
    """k_i(T) = k_i,ref exp(E_a/R (1/T_ref - 1/T)), the front reaction's rate constant."""
    return pybamm.Parameter(prefix + REFERENCE_INTERFACE_RATE) * _arrhenius(
        pybamm.Parameter(prefix + INTERFACE_RATE_ACTIVATION), T
    )


def exchange_current_density(c_e, c_s_surf, c_s_max, T, prefix="", regularisation=0.0):
    """j0 = k0 exp(E_a/R (1/T_ref - 1/T)) c_e^0.5 c_s^0.5 (c_max - c_s)^0.5, as PyBaMM's sets.

    With ``regularisation`` r > 0 each square root of x is written
    x / (max(x, 0) + r c_max)^0.5 (see :func:`regularised_exchange_current_density`).
    """
    k0 = pybamm.Parameter(prefix + RATE_CONSTANT)
    arrhenius = _arrhenius(pybamm.Parameter(prefix + RATE_ACTIVATION), T)
    if not regularisation:
        return k0 * arrhenius * c_e**0.5 * c_s_surf**0.5 * (c_s_max - c_s_surf) ** 0.5
    c_reg = regularisation * c_s_max
    empty = c_s_surf / (pybamm.maximum(c_s_surf, 0) + c_reg) ** 0.5
    full = (c_s_max - c_s_surf) / (pybamm.maximum(c_s_max - c_s_surf, 0) + c_reg) ** 0.5
    return k0 * arrhenius * c_e**0.5 * empty * full


def regularised_exchange_current_density(c_e, c_s_surf, c_s_max, T, prefix=""):
    """:func:`exchange_current_density` with r = 1e-6: the alloy phase of the composite sets.

    Equal to the square roots within r c_max / (2x) (< 0.5 % once x > 1e-4 c_max), but
    linear at x -> 0: an emptying surface decays exponentially instead of reaching zero
    in finite time (the square root's infinite slope). In a composite, graphite's empty
    end drives a delithiated Sn shell empty at 2.5 V; with the plain square root the
    next step then ran without end (IDA steps shrinking, memory growing by GBs). The
    single-phase sets keep the plain form: there, the regularisation stalled Li-Sn's
    rate search instead.
    """
    return exchange_current_density(c_e, c_s_surf, c_s_max, T, prefix, regularisation=1e-6)


@dataclass(frozen=True)
class PhaseFunction:
    """A shared closed form that reads its coefficients under a phase prefix.

    In a composite electrode the alloy is one phase among several, and its coefficients
    are named ``"Secondary: Negative electrode two-phase potential [V]"`` etc.; called
    with PyBaMM's arguments, this forwards them with ``prefix``. Picklable, unlike a
    closure, so parameter sets holding it go to worker processes.
    """

    function: Callable
    prefix: str

    def __call__(self, *args):
        if self.function.__name__ in SHELL_OCPS and is_composite_esoh_content(args[0]):
            args = (composite_rest_stoichiometry(args[0], self.prefix), *args[1:])
        return self.function(*args, prefix=self.prefix)

    @property
    def __name__(self) -> str:
        return self.function.__name__


#: The shell OCPs of a phase (each branch), the functions PyBaMM's eSOH balances.
SHELL_OCPS = ("shell_ocp", "shell_ocp_lithiation", "shell_ocp_delithiation")

#: PyBaMM's composite eSOH unknowns (:class:`pybamm.lithium_ion.ElectrodeSOHComposite`):
#: a negative phase's mean content at 100 %, 0 % and the initial state.
COMPOSITE_ESOH_CONTENT = re.compile(r"x_(100|0|init)_[12]")


def is_composite_esoh_content(sto) -> bool:
    """Whether an OCP argument is one of PyBaMM's composite eSOH unknowns (the mean
    content of a phase, inside the clip to (0, 1) PyBaMM puts on it), not a model's
    surface stoichiometry."""
    while isinstance(sto, pybamm.Maximum | pybamm.Minimum):
        sto = sto.children[0]
    return isinstance(sto, pybamm.Variable) and bool(COMPOSITE_ESOH_CONTENT.fullmatch(sto.name))


def composite_rest_stoichiometry(x, prefix: str):
    """theta(x): the rest shell stoichiometry of a spherical alloy phase holding the mean
    content x (:func:`pybamm_alloying.models.esoh.shell_stoichiometry`, docs/theory.md §7).

    ``Simulation.solve(initial_soc=...)`` on a composite electrode solves PyBaMM's own
    :class:`pybamm.lithium_ion.ElectrodeSOHComposite`, built from PyBaMM's parameters with
    no hook for a model's own: its phase OCP U(x) is called on the phase's mean content x.
    For a shrinking-core phase that is U_shell(theta(x)), which this gives the OCP instead.
    """
    names = {
        "c_eq": "Negative electrode shell equilibrium concentration [mol.m-3]",
        "c_core": "Negative electrode core concentration [mol.m-3]",
        "c_max": "Maximum concentration in negative electrode [mol.m-3]",
        "q_min": "Negative electrode residual core volume fraction",
        "delta": "Negative electrode residual shell thickness ratio",
    }
    phase = SimpleNamespace(**{k: pybamm.Parameter(prefix + n) for k, n in names.items()})
    return shell_stoichiometry(x, phase, 2)
