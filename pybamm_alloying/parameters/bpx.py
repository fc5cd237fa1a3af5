"""BPX export and import of the alloy cells (docs/parameters.md, "BPX").

:func:`to_bpx` writes a set in the Battery Parameter eXchange schema
(https://bpxstandard.com, version 1.1, model ``"DFN"``): the cell, electrolyte,
electrodes and separator in BPX's own fields, their functions as BPX tables at the
reference temperature, and in BPX's ``"User-defined"`` section every value that those
fields cannot carry exactly: the alloy's shrinking-core values (c_eq, c_core, residual
fractions, expansion, OCP coefficients, ...) and the cell values that BPX only holds in
another form (electrode width and height: BPX has their product; the Bruggeman
coefficients: BPX has the transport efficiency; initial concentrations: BPX has the
stoichiometry limits). :func:`from_bpx` reads such a file through PyBaMM's
:meth:`pybamm.ParameterValues.create_from_bpx` (which adds the ``"User-defined"``
values by name) and restores the alloy's closed-form functions
(:data:`~pybamm_alloying.parameters.loader.SHARED_FUNCTIONS`), whose coefficients
travel as ``"User-defined"`` numbers. Needs the ``bpx`` package (extra ``[bpx]``).

BPX cannot carry a Python function of two variables: the partner's functions
(:data:`TABULATED`: positive OCP, exchange current, electrolyte conductivity and
diffusivity) come back as PyBaMM's interpolants of the exported tables (linear between
:data:`TABLE_POINTS` points) or, for an exchange current of BPX's form, as BPX's
Arrhenius form with the rate constant and activation energy measured from the
function; a temperature dependence of a tabulated function is lost (BPX tables are
taken at the reference temperature).
"""

import copy
import json
import os
from pathlib import Path

import numpy as np
import pybamm

from ..validation import (
    REGIONS,
    ArgumentError,
    check_values,
    half_cell_name,
    known_names,
)
from . import functions
from .loader import SHARED_FUNCTIONS, load_parameter_set

#: Points of each exported table (stoichiometry or electrolyte concentration).
TABLE_POINTS = 501

#: Stoichiometries of the OCP and particle diffusivity tables (the closed interval a
#: particle can reach, less 1e-3 at each end, as the checks' grid).
STOICHIOMETRY_TABLE = np.linspace(1e-3, 1 - 1e-3, TABLE_POINTS)

#: Electrolyte concentrations of the electrolyte tables [mol.m-3].
ELECTROLYTE_GRID = np.linspace(0.0, 4000.0, TABLE_POINTS)

#: Relative difference below which a value read back from BPX's own fields counts as
#: carried (PyBaMM's import recomputes some of them: a floating-point rounding).
CARRIED_RTOL = 1e-12

#: Functions of a partner set that BPX carries only as a table or in its own form.
TABULATED = (
    "Positive electrode OCP [V]",
    "Positive electrode exchange-current density [A.m-2]",
    "Positive particle diffusivity [m2.s-1]",
    "Electrolyte conductivity [S.m-1]",
    "Electrolyte diffusivity [m2.s-1]",
)

_PARAM = pybamm.LithiumIonParameters()


def _table(x: np.ndarray, y) -> dict:
    return {
        "x": [float(v) for v in x],
        "y": [float(v) for v in np.broadcast_to(np.ravel(y), x.shape)],
    }


def _sto_table(values, symbol) -> dict:
    """BPX table over the stoichiometry grid of ``symbol(sto)`` at the reference T."""
    sto = STOICHIOMETRY_TABLE
    return _table(sto, values.evaluate(symbol(pybamm.Vector(sto))))


def _rate_constant(values, domain_param, c_e0: float, T_ref: float) -> tuple[float, float]:
    """(BPX reaction rate constant [mol.m-2.s-1], activation energy [J.mol-1]) of the
    exchange current j0 = F k_norm sqrt(c_e/c_e0 · θ(1 - θ)) exp(E_a/R (1/T_ref - 1/T)),
    measured at half-full particles at T_ref and T_ref + 10 K."""
    phase = domain_param.prim
    c_max = values.evaluate(phase.c_max)

    def j0(T):
        return float(np.ravel(values.evaluate(phase.j0(c_e0, 0.5 * c_max, pybamm.Scalar(T))))[0])

    F, R = pybamm.constants.F.value, pybamm.constants.R.value
    T_hot = T_ref + 10.0
    activation = R * np.log(j0(T_hot) / j0(T_ref)) / (1 / T_ref - 1 / T_hot)
    return j0(T_ref) / (0.5 * F), float(activation)


def _electrode(values, domain: str, sto_limits: tuple[float, float], c_e0: float) -> dict:
    """BPX ``"Negative/Positive electrode"`` section of ``values``."""
    Domain = domain.capitalize()
    domain_param = _PARAM.domain_params[domain]
    phase = domain_param.prim
    T = pybamm.Scalar(values["Reference temperature [K]"])
    c_max = values[f"Maximum concentration in {domain} electrode [mol.m-3]"]
    radius = values[f"{Domain} particle radius [m]"]
    porosity = values[f"{Domain} electrode porosity"]
    brugg = values[f"{Domain} electrode Bruggeman coefficient (electrolyte)"]
    k_norm, activation = _rate_constant(values, domain_param, c_e0, T.value)
    return {
        "Particle radius [m]": radius,
        "Thickness [m]": values[f"{Domain} electrode thickness [m]"],
        "Diffusivity [m2.s-1]": _sto_table(values, lambda sto: phase.D(sto * c_max, T)),
        "OCP [V]": _sto_table(values, lambda sto: phase.U(sto, T)),
        "Conductivity [S.m-1]": values[f"{Domain} electrode conductivity [S.m-1]"],
        "Surface area per unit volume [m-1]": 3
        * values[f"{Domain} electrode active material volume fraction"]
        / radius,
        "Porosity": porosity,
        "Transport efficiency": porosity**brugg,
        "Reaction rate constant [mol.m-2.s-1]": k_norm,
        "Reaction rate constant activation energy [J.mol-1]": activation,
        "Minimum stoichiometry": min(sto_limits),
        "Maximum stoichiometry": max(sto_limits),
        "Maximum concentration [mol.m-3]": c_max,
    }


def _negative_limits(values) -> tuple[float, float]:
    """The alloy's stoichiometry at discharge (assembled) and full charge (the design
    rule's sto_0 + 1/(N/P), ``parameters/design.py``)."""
    sto_0 = values["Initial negative electrode stoichiometry"]
    return sto_0, sto_0 + 1 / values["N/P capacity ratio"]


def _cell_size(values) -> dict:
    """BPX's external surface area and volume: the set's (``"Cell cooling surface area
    [m2]"``, ``"Cell volume [m3]"``) or, where it has none (the Na sets' partner),
    estimate: one electrode pair's stack, both faces of the electrode area and the area
    times the three layers' thickness. PyBaMM's BPX import needs both; the isothermal
    model reads neither."""
    area = values["Electrode width [m]"] * values["Electrode height [m]"]
    stack = sum(values[f"{part} thickness [m]"] for part in REGIONS)
    return {
        "External surface area [m2]": values.get("Cell cooling surface area [m2]", 2 * area),
        "Volume [m3]": values.get("Cell volume [m3]", area * stack),
    }


def _standard_sections(values, title: str) -> dict:
    """BPX's header and parameterisation of ``values`` without ``"User-defined"``."""
    c_e0 = values["Initial concentration in electrolyte [mol.m-3]"]
    T = values["Reference temperature [K]"]
    c_e = pybamm.Vector(ELECTROLYTE_GRID)
    positive = (
        values["Positive electrode stoichiometry at full charge"],
        values["Positive electrode stoichiometry at full discharge"],
    )
    brugg = values["Separator Bruggeman coefficient (electrolyte)"]
    return {
        "Header": {"BPX": "1.1", "Title": title, "Model": "DFN"},
        "State": {
            "Initial conditions": {
                "Initial temperature [K]": values["Initial temperature [K]"],
                "Initial electrolyte concentration [mol.m-3]": c_e0,
            },
            "Thermal environment": {"Ambient temperature [K]": values["Ambient temperature [K]"]},
        },
        "Parameterisation": {
            "Cell": {
                "Electrode area [m2]": values["Electrode width [m]"]
                * values["Electrode height [m]"],
                **_cell_size(values),
                "Number of electrode pairs connected in parallel to make a cell": int(
                    values["Number of electrodes connected in parallel to make a cell"]
                ),
                "Nominal cell capacity [A.h]": values["Nominal cell capacity [A.h]"],
                "Lower voltage cut-off [V]": values["Lower voltage cut-off [V]"],
                "Upper voltage cut-off [V]": values["Upper voltage cut-off [V]"],
                "Reference temperature [K]": T,
            },
            "Electrolyte": {
                "Cation transference number": values["Cation transference number"],
                "Conductivity [S.m-1]": _table(
                    ELECTROLYTE_GRID, values.evaluate(_PARAM.kappa_e(c_e, T))
                ),
                "Diffusivity [m2.s-1]": _table(
                    ELECTROLYTE_GRID, values.evaluate(_PARAM.D_e(c_e, T))
                ),
            },
            "Negative electrode": _electrode(values, "negative", _negative_limits(values), c_e0),
            "Positive electrode": _electrode(values, "positive", positive, c_e0),
            "Separator": {
                "Thickness [m]": values["Separator thickness [m]"],
                "Porosity": values["Separator porosity"],
                "Transport efficiency": values["Separator porosity"] ** brugg,
            },
        },
    }


def _carried(imported: pybamm.ParameterValues, key: str, value) -> bool:
    """True if PyBaMM's import of BPX's own fields gives ``value`` for ``key``."""
    if key not in imported.keys():
        return False
    back = imported[key]
    return isinstance(back, int | float) and np.isclose(back, value, rtol=CARRIED_RTOL, atol=0)


def _user_defined(values, standard: dict) -> dict:
    """Every number of ``values`` that BPX's own fields do not carry (:func:`_carried`)."""
    imported = _import(copy.deepcopy(standard))
    return {
        key: float(value)
        for key, value in values.items()
        if isinstance(value, int | float | np.floating)
        and not isinstance(value, bool)
        and not _carried(imported, key, value)
    }


def _check_exportable(values) -> None:
    """Rule: ``values`` are a full cell with one shrinking-core phase in the negative
    electrode (not a half cell, not a composite): what :func:`_standard_sections` maps."""
    keys = values.keys()
    phased = any(key.startswith(("Primary: ", "Secondary: ")) for key in keys)
    half = half_cell_name(functions.TWO_PHASE_POTENTIAL) in keys
    if functions.TWO_PHASE_POTENTIAL not in keys or phased or half:
        raise ArgumentError(
            "name_or_values",
            "a half cell, a composite or not an alloy cell",
            "a full cell with one shrinking-core negative electrode (a shipped couple, "
            "its file or load_parameter_set's values)",
        )


def bpx_document(name_or_values, title: str | None = None) -> dict:
    """The BPX document (a JSON-ready dict) of a shipped set's name, a parameter file's
    path or a full cell's values (a dict or :class:`pybamm.ParameterValues`)."""
    if isinstance(name_or_values, str | os.PathLike):
        title = title or str(name_or_values)
        name_or_values = load_parameter_set(name_or_values)
    check_values(name_or_values, "name_or_values")
    values = pybamm.ParameterValues(
        {k: v for k, v in name_or_values.items() if k not in ("chemistry", "citations")}
    )
    _check_exportable(values)
    document = _standard_sections(values, title or "pybamm-alloying cell")
    document["Parameterisation"]["User-defined"] = _user_defined(values, document)
    return document


def to_bpx(name_or_values, path: str | os.PathLike) -> Path:
    """Write the BPX file of ``name_or_values`` (:func:`bpx_document`) to ``path``."""
    path = Path(path)
    path.write_text(json.dumps(bpx_document(name_or_values), indent=2), encoding="utf-8")
    return path


def _import(document: dict) -> pybamm.ParameterValues:
    """PyBaMM's import of a BPX document (its warnings about defaulted State fields are
    expected: the alloy sets give no BPX State)."""
    import warnings

    try:
        import bpx  # noqa: F401  (PyBaMM's BPX import needs it)
    except ImportError:
        raise ImportError(
            "BPX files need the bpx package: pip install 'pybamm-alloying[bpx]'"
        ) from None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return pybamm.ParameterValues.create_from_bpx_obj(document)


def from_bpx(path: str | os.PathLike) -> pybamm.ParameterValues:
    """The alloy cell of the BPX file at ``path``: PyBaMM's import plus the alloy's
    closed-form functions; :class:`~pybamm_alloying.validation.ArgumentError` if the
    file's ``"User-defined"`` section lacks the shell's values (not an alloy cell)."""
    path = Path(path)
    if not path.is_file():
        raise ArgumentError("BPX file", str(path), "an existing JSON file")
    document = json.loads(path.read_text(encoding="utf-8"))
    user = document.get("Parameterisation", {}).get("User-defined", {})
    if functions.TWO_PHASE_POTENTIAL not in user:
        raise ArgumentError(
            "BPX file",
            str(path),
            f"an alloy cell's, with {functions.TWO_PHASE_POTENTIAL!r} among its "
            "'User-defined' values (written by pybamm_alloying.parameters.to_bpx)",
        )
    imported = _import(document)
    # BPX's own names that PyBaMM's import keeps beside the PyBaMM names it derives
    # from them (and the section's "description", as None) are left out: no model
    # reads them, and the models' checks would take them for misspellings
    values = pybamm.ParameterValues({k: v for k, v in imported.items() if k in known_names()})
    # PyBaMM seeds the initial concentrations from the stoichiometry limits after it
    # adds the "User-defined" values: the set's own come back here
    numbers = {k: v for k, v in user.items() if isinstance(v, int | float)}
    values.update({**numbers, **{k: getattr(functions, f) for k, f in SHARED_FUNCTIONS.items()}})
    return values
