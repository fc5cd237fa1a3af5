"""Options of the alloying models that PyBaMM's option set does not have."""

import pybamm

from ..geometry import GEOMETRY_EXPONENT
from ..validation import OptionCompatibilityError, suggestion

#: Allowed values of each alloy option; the first is the default.
ALLOY_OPTIONS = {
    # "conversion": a conversion-alloying oxide (submodels/particle/conversion.py)
    "alloy particle": ("full", "quasi-steady", "conversion"),
    "alloy geometry": tuple(GEOMETRY_EXPONENT),
    "alloy phases": ("all", "primary", "secondary"),
    "alloy stress": ("none", "plastic"),
    "alloy SEI transport": ("none", "film"),
    "alloy fracture": ("none", "index", "loss of active material"),
    # cells (DFN, SPM, SPMe): stop at 0 V vs the carrier metal unless PyBaMM's plating is on
    # (submodels/carrier_metal.py)
    "alloy plating cut-off": ("true", "false"),
}


#: Relative tolerance of the default solver when ``"alloy stress"`` is on (see
#: :attr:`pybamm_alloying.DFN.default_solver`).
STRESS_RTOL = 1e-6
#: IDA's Newton convergence coefficient (PyBaMM's default 0.33) with the fracture memory on.
#: The running maximum M of the fracture index has dM/dt = max(I - M, 0)/tau: its Jacobian
#: entry jumps from -1/tau (M tracking a rising index) to 0 (M held). IDA keeps the Jacobian
#: of the tracking branch while M is held, so its Newton update shrinks by ~tau/h and is
#: accepted unconverged; at order 5 M then drifts with the predictor (+0.8 % over 3e4 s
#: of a 200 nm Li-Si sphere held at its arrest). 1e-3 forces the corrector to converge:
#: drift 2e-8, and no more steps (582 against 813).
FRACTURE_NEWTON_COEFFICIENT = 1e-3


def solver_settings(alloy_options: dict) -> dict:
    """IDAKLU keyword arguments for these options: rtol 1e-6 with stress
    (:data:`STRESS_RTOL`), the Newton coefficient with fracture memory."""
    settings = {"options": {}}
    if alloy_options["alloy stress"] != "none":
        settings["rtol"] = STRESS_RTOL
    if alloy_options["alloy fracture"] != "none":
        settings["options"]["nonlinear_convergence_coefficient"] = FRACTURE_NEWTON_COEFFICIENT
    return settings


def split_options(options: dict | None) -> tuple[dict, dict]:
    """Split user options into (PyBaMM options, validated alloy options)."""
    if options is not None and not isinstance(options, dict):
        raise pybamm.OptionError(
            f"options must be a dict of option names to values, not {options!r}"
        )
    unknown = [
        key for key in options or {} if str(key).startswith("alloy") and key not in ALLOY_OPTIONS
    ]
    if unknown:
        raise pybamm.OptionError(
            f"option {unknown[0]!r} is not an alloy option: must be one of "
            f"{list(ALLOY_OPTIONS)}{suggestion(unknown[0], ALLOY_OPTIONS)}"
        )
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
    if (
        alloy_options["alloy SEI transport"] == "film"
        and alloy_options["alloy geometry"] == "planar"
    ):
        raise OptionCompatibilityError(
            "option 'alloy SEI transport': 'film' needs 'alloy geometry' 'spherical' or "
            "'cylindrical' in a cell, not 'planar' (the cell fails at t = 0)"
        )


class IDAKLUOnly:
    """Refuses PyBaMM's CasADi DAE solver with a message that points to IDAKLU
    (docs/reliability.md, "Thermal models and solvers": CasadiSolver fails or stalls on
    these models).

    PyBaMM gives a model no hook to refuse a solver, so the refusal sits on
    ``casadi_rhs``: the one attribute that only :class:`pybamm.CasadiSolver` reads (when
    it starts to integrate, before its first step). IDAKLU, with any root method, never
    reads it.
    """

    @property
    def casadi_rhs(self):
        raise pybamm.SolverError(
            f"{self.name} is not solved with pybamm.CasadiSolver (deprecated in PyBaMM 26; "
            "its 'fast' modes fail at the first step and 'safe' in the first CC-CV cycle): "
            "use pybamm.IDAKLUSolver, the model's default_solver"
        )

    @casadi_rhs.setter
    def casadi_rhs(self, value):
        self._casadi_rhs = value
