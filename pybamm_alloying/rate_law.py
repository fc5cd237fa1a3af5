"""Rate law of a moving front: L - L0 = A t^n, the exponent and the regime it implies."""

from dataclasses import dataclass

import numpy as np
from scipy import stats

#: Exponent bounds that name the controlling step (docs/theory.md section 8).
ICR_MIN_EXPONENT = 0.8
DCR_MAX_EXPONENT = 0.6


@dataclass(frozen=True)
class RateLaw:
    """Result of :func:`fit_rate_law`.

    ``n`` is the exponent of L - L0 = A t^n, ``n_ci95`` the half-width of its 95 %
    confidence interval, ``r_squared`` the fit quality in log-log space, ``regime``
    "ICR" (interface-controlled, n >= 0.8), "DCR" (diffusion-controlled, n <= 0.6) or
    "mixed".
    """

    n: float
    n_ci95: float
    prefactor: float
    r_squared: float
    regime: str


def fit_rate_law(t, L, fit_range: tuple[float, float] = (0.05, 0.95)) -> RateLaw:
    """Fit L(t) - L(0) = A t^n in log-log space.

    Only points whose growth L - L(0) lies within ``fit_range`` of the final growth are
    used, which drops the start-up transient and the stop at full conversion.

    Parameters
    ----------
    t, L : array_like
        Times [s] (starting at the start of growth) and front positions (shell
        thickness, any length unit), same length.
    fit_range : (float, float)
        Fractions of the total growth that bound the fitted window.
    """
    t = np.asarray(t, dtype=float)
    growth = np.asarray(L, dtype=float) - float(L[0])
    if t.shape != growth.shape or t.ndim != 1:
        raise ValueError("t and L must be 1-D arrays of the same length")
    lo, hi = fit_range
    if not 0 < lo < hi <= 1:
        raise ValueError(f"fit_range must satisfy 0 < lo < hi <= 1, not {fit_range}")
    total = growth.max()
    if total <= 0:
        raise ValueError("the front did not advance (L never exceeds L[0])")
    keep = (t > t[0]) & (growth >= lo * total) & (growth <= hi * total)
    if keep.sum() < 3:
        raise ValueError(
            f"only {keep.sum()} points lie in fit_range {fit_range}; at least 3 needed"
        )
    fit = stats.linregress(np.log(t[keep] - t[0]), np.log(growth[keep]))
    ci95 = stats.t.ppf(0.975, keep.sum() - 2) * fit.stderr
    if fit.slope >= ICR_MIN_EXPONENT:
        regime = "ICR"
    elif fit.slope <= DCR_MAX_EXPONENT:
        regime = "DCR"
    else:
        regime = "mixed"
    return RateLaw(fit.slope, ci95, float(np.exp(fit.intercept)), fit.rvalue**2, regime)
