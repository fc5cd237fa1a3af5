"""Options of the alloying models that PyBaMM's option set does not have."""

import pybamm

from ..geometry import GEOMETRY_EXPONENT

#: Allowed values of each alloy option; the first is the default.
ALLOY_OPTIONS = {
    "alloy particle": ("full", "quasi-steady"),
    "alloy geometry": tuple(GEOMETRY_EXPONENT),
    "alloy phases": ("all", "primary", "secondary"),
    "alloy stress": ("none", "plastic"),
    "alloy SEI transport": ("none", "film"),
}


#: Relative tolerance of the default solver when ``"alloy stress"`` is on (see
#: :attr:`pybamm_alloying.DFN.default_solver`).
STRESS_RTOL = 1e-6


def split_options(options: dict | None) -> tuple[dict, dict]:
    """Split user options into (PyBaMM options, validated alloy options)."""
    pybamm_options = dict(options or {})
    alloy = {}
    for key, allowed in ALLOY_OPTIONS.items():
        value = pybamm_options.pop(key, allowed[0])
        if value not in allowed:
            raise pybamm.OptionError(
                f"option {key!r} must be one of {list(allowed)}, not {value!r}"
            )
        alloy[key] = value
    return pybamm_options, alloy


def film_option(alloy_options: dict) -> bool:
    """True if the SEI diffusion film is on; it needs the resolved shell (``"full"``)."""
    if alloy_options["alloy SEI transport"] == "none":
        return False
    if alloy_options["alloy particle"] != "full":
        raise pybamm.OptionError(
            "option 'alloy SEI transport': 'film' needs 'alloy particle': 'full', "
            f"not {alloy_options['alloy particle']!r}"
        )
    return True
