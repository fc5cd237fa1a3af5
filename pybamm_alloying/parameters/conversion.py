"""Shell functions and derived values of the conversion-alloying sets (docs/theory.md §13).

The shell is the converted composite M + A2O: it holds c_conv of locked carrier and the
alloy's carrier as a solid solution, so its OCP is the alloy's closed-form OCP
(:mod:`pybamm_alloying.parameters.functions`) of the alloy stoichiometry
y = (θ - θ_conv) / (1 - θ_conv), θ_conv = c_conv / c_max. Below y = 0 (a shell
drained under the locked carrier) it rises by a wall of height A over a width w with the
slope S it has at y = 0, then continues with a small slope s, so it stays finite,
nearly C1 and strictly decreasing::

    U(θ) = U_alloy(max(y, 0)) + A (1 - exp(-d/w)) + s d,   d = max(-y, 0),
    S = a + b0/ε + b1/(1 + ε) = -U_alloy'(0),   w = A / S,   A = 0.6 V,   s = 0.01 V

The wall stops a delithiation at the cut-off (1.5 V vs Li in a half cell; the full cell's
lower cut-off is the OCV with the anode at y = 0) before the locked carrier is drawn on.
It is bounded because PyBaMM starts its potentials from U at the *mean* initial
stoichiometry, which for a pristine oxide particle lies far below θ_conv: a linear
continuation (~70 V there) overflowed exp(F U / RT) in the initial-condition solve, and
a 4.4 V start failed its line search.

The exchange current sees only the alloy's sites, j0 = k0 c_e^0.5 (c_s - c_conv)^0.5
(c_max - c_s)^0.5 (regularised), so it vanishes where the alloy is empty and a
delithiation ends there by polarisation (the conversion is not reversed).
"""

import pybamm

from ..prefixes import NEGATIVE as N
from ..validation import check_number
from . import functions
from .design import CONVERSION_CONCENTRATION, shell_ocp_coefficients, voltage_window
from .records import ParameterRecord, derived

#: Height A [V] of the OCP's wall below the alloy's empty end, and its slope s [V] beyond.
WALL_HEIGHT = 0.6
WALL_SLOPE = 0.01
MAXIMUM_CONCENTRATION = "Maximum concentration in negative electrode [mol.m-3]"

#: The shell's closed forms of a conversion set, replacing the alloy sets' ones.
CONVERSION_FUNCTIONS = {
    "Negative electrode OCP [V]": "conversion_shell_ocp",
    "Negative electrode lithiation OCP [V]": "conversion_shell_ocp_lithiation",
    "Negative electrode delithiation OCP [V]": "conversion_shell_ocp_delithiation",
    "Negative electrode exchange-current density [A.m-2]": "conversion_exchange_current_density",
}


def alloy_stoichiometry(sto, prefix=""):
    """y = (θ - θ_conv) / (1 - θ_conv): the alloy's share of its own capacity.

    ``prefix`` is the phase prefix of the values' names in a composite electrode
    (``"Secondary: "``), as in :func:`~pybamm_alloying.parameters.functions.shell_ocp`.
    """
    sto_conv = pybamm.Parameter(prefix + CONVERSION_CONCENTRATION) / pybamm.Parameter(
        prefix + MAXIMUM_CONCENTRATION
    )
    return (sto - sto_conv) / (1 - sto_conv)


def _empty_slope(prefix):
    """S = -U_alloy'(0) = a + b0/ε + b1/(1 + ε) of the mean alloy OCP [V]."""
    e = functions.OCP_EPSILON
    return (
        pybamm.Parameter(prefix + functions.OCP_LINEAR)
        + pybamm.Parameter(prefix + functions.OCP_LOG_EMPTY) / e
        + pybamm.Parameter(prefix + functions.OCP_LOG_FULL) / (1 + e)
    )


def _on_alloy(branch, sto, T, prefix):
    y = alloy_stoichiometry(sto, prefix)
    drained = pybamm.maximum(-y, 0)
    width = WALL_HEIGHT / _empty_slope(prefix)
    wall = WALL_HEIGHT * (1 - pybamm.exp(-drained / width)) + WALL_SLOPE * drained
    return branch(pybamm.maximum(y, 0), T, prefix) + wall


def conversion_shell_ocp(sto, T=None, prefix=""):
    """Mean shell OCP [V]: the alloy's :func:`~.functions.shell_ocp` of y (module docstring)."""
    return _on_alloy(functions.shell_ocp, sto, T, prefix)


def conversion_shell_ocp_lithiation(sto, T=None, prefix=""):
    """Lithiation branch: the alloy's lithiation branch of y."""
    return _on_alloy(functions.shell_ocp_lithiation, sto, T, prefix)


def conversion_shell_ocp_delithiation(sto, T=None, prefix=""):
    """Delithiation branch: the alloy's delithiation branch of y."""
    return _on_alloy(functions.shell_ocp_delithiation, sto, T, prefix)


def conversion_exchange_current_density(c_e, c_s_surf, c_s_max, T, prefix=""):
    """j0 = k0 exp(E_a/R (1/T_ref - 1/T)) c_e^0.5 (c_s - c_conv)^0.5 (c_max - c_s)^0.5, each
    square root regularised as in
    :func:`~pybamm_alloying.parameters.functions.regularised_exchange_current_density`
    (r = 1e-6 of c_alloy): a delithiation drains the alloy's surface to c_conv, and with
    the plain square root the next lithiation failed at its first step (IDA_CONV_FAIL on
    the infinite slope at c_s = c_conv)."""
    c_conv = pybamm.Parameter(prefix + CONVERSION_CONCENTRATION)
    return functions.exchange_current_density(
        c_e, c_s_surf - c_conv, c_s_max - c_conv, T, prefix, regularisation=1e-6
    )


def conversion_basis(v: dict) -> list[ParameterRecord]:
    """c_conv = x_conv rho / M (host basis), checked in (0, c_eq): the front's shell holds
    the locked carrier and a little alloy carrier."""
    name = N + "conversion carriers per host atom"
    shell = v[N + "shell carriers per host atom"]
    check_number(name, v[name], 0, shell, hint=f": below '{N}shell carriers per host atom'")
    per_volume = v[N + "host density [kg.m-3]"] / v[N + "host molar mass [kg.mol-1]"]
    return [
        derived(CONVERSION_CONCENTRATION, v[name] * per_volume, "x_conv rho / M (locked in A2O)")
    ]


def conversion_ocp_coefficients(v: dict, points: dict) -> list[ParameterRecord]:
    """The alloy OCP fitted in y, with U(y_eq) = U_conv at the front's composition
    y_eq = (c_eq - c_conv) / (c_max - c_conv)."""
    return shell_ocp_coefficients(v, points, offset=v[CONVERSION_CONCENTRATION])


def conversion_voltage_window(v: dict, partner: str) -> list[ParameterRecord]:
    """The cut-offs of :func:`~.design.voltage_window`: the formed cell's window, the
    discharged anode at sto_conv = c_conv / c_max (its alloy empty, the locked carrier
    kept), the charged one at y = 1/(N/P), the discharged cathode short of its
    full-discharge stoichiometry by the carrier locked in A2O."""
    return voltage_window(v, partner)
