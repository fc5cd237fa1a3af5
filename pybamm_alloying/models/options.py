"""Options of the alloying models that PyBaMM's option set does not have."""

import pybamm

from ..geometry import GEOMETRY_EXPONENT
from ..validation import OptionCompatibilityError

#: Allowed values of each alloy option; the first is the default.
ALLOY_OPTIONS = {
    "alloy particle": ("full", "quasi-steady"),
    "alloy geometry": tuple(GEOMETRY_EXPONENT),
    "alloy phases": ("all", "primary", "secondary"),
    "alloy stress": ("none", "plastic"),
    "alloy SEI transport": ("none", "film"),
    "alloy fracture": ("none", "index", "loss of active material"),
    # DFN only: stop at 0 V vs the carrier metal unless PyBaMM's plating is on
    # (submodels/carrier_metal.py)
    "alloy plating cut-off": ("true", "false"),
}


#: Relative tolerance of the default solver when ``"alloy stress"`` is on (see
#: :attr:`pybamm_alloying.DFN.default_solver`).
STRESS_RTOL = 1e-6
#: Most IDAKLU steps per output interval (PyBaMM's default 1e5). A C/20 step of a
#: shipped cell takes ~1e3; a stalled front takes them all, storing every state.
MAX_SOLVER_STEPS = 20000


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
    check_fracture_option(alloy)
    return pybamm_options, alloy


def check_fracture_option(alloy_options: dict) -> None:
    """``"alloy fracture"`` reads the plastic shell's stress field: it needs
    ``"alloy stress": "plastic"`` (:class:`OptionCompatibilityError` otherwise)."""
    fracture = alloy_options["alloy fracture"]
    if fracture != "none" and alloy_options["alloy stress"] != "plastic":
        raise OptionCompatibilityError(
            f"option 'alloy fracture': {fracture!r} needs 'alloy stress': 'plastic' (the "
            f"fracture index comes from the plastic shell's stress), not "
            f"{alloy_options['alloy stress']!r}"
        )


def film_option(alloy_options: dict) -> bool:
    """True if the SEI diffusion film is on; it needs the resolved shell (``"full"``)."""
    if alloy_options["alloy SEI transport"] == "none":
        return False
    if alloy_options["alloy particle"] != "full":
        raise OptionCompatibilityError(
            "option 'alloy SEI transport': 'film' needs 'alloy particle': 'full', "
            f"not {alloy_options['alloy particle']!r}"
        )
    return True


def check_cell_options(pybamm_options: dict, alloy_options: dict) -> None:
    """Reject full-cell option combinations the alloy electrode does not support.

    Raises :class:`~pybamm_alloying.validation.OptionCompatibilityError` for
    ``"particle size": "distribution"`` on the alloy electrode (the shrinking core has
    one particle size per x; PyBaMM's build fails), ``"heat of mixing": "true"`` (it
    needs a concentration field on r, which the front-fixed shell does not provide) and
    ``"alloy SEI transport": "film"`` with ``"alloy geometry": "planar"`` (the DFN's
    initial-condition solve fails at t = 0, even at C/10; spheres and nanowires run).
    """
    options = pybamm.BatteryModelOptions(pybamm_options)
    domain = "positive" if options["working electrode"] == "positive" else "negative"
    if getattr(options, domain)["particle size"] == "distribution":
        raise OptionCompatibilityError(
            f"option 'particle size' must be 'single' for the alloy ({domain}) electrode, "
            "not 'distribution': the shrinking core has one particle size per x"
        )
    if options["heat of mixing"] != "false":
        raise OptionCompatibilityError(
            "option 'heat of mixing' must be 'false' with a shrinking-core alloy electrode, "
            f"not {options['heat of mixing']!r}: it needs a concentration field on r"
        )
    if alloy_options["alloy SEI transport"] == "film" and alloy_options["alloy geometry"] == "planar":
        raise OptionCompatibilityError(
            "option 'alloy SEI transport': 'film' needs 'alloy geometry' 'spherical' or "
            "'cylindrical' in a cell, not 'planar' (the cell fails at t = 0)"
        )
