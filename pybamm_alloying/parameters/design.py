"""Values every couple derives the same way from its file's data (host basis, cell design).

Each derived value is returned as a :class:`ParameterRecord` whose source states the
formula, so the documentation tables show how it follows from the sourced inputs.
"""

import pybamm

from ..prefixes import NEGATIVE as N
from ..submodels.alloy_parameters import parameter_float
from ..validation import ParameterError
from .functions import (
    EQUILIBRIUM_STOICHIOMETRY,
    OCP_LINEAR,
    OCP_LOG_EMPTY,
    OCP_LOG_FULL,
    TWO_PHASE_POTENTIAL,
    fit_ocp,
)
from .records import ParameterRecord, derived

FARADAY = pybamm.constants.F.value


def host_basis(v: dict) -> list[ParameterRecord]:
    """Concentrations per m3 of unlithiated host: c = x rho / M."""
    per_volume = v[N + "host density [kg.m-3]"] / v[N + "host molar mass [kg.mol-1]"]
    molar_volume = 1 / per_volume
    return [
        derived(
            "Maximum concentration in negative electrode [mol.m-3]",
            v[N + "carriers per host atom"] * per_volume,
            "x rho / M (final phase, host basis)",
        ),
        derived(
            N + "shell equilibrium concentration [mol.m-3]",
            v[N + "shell carriers per host atom"] * per_volume,
            "x_eq rho / M",
        ),
        derived(
            N + "core concentration [mol.m-3]",
            v[N + "core carriers per host atom"] * per_volume,
            "x_core rho / M",
        ),
        derived(N + "host molar volume [m3.mol-1]", molar_volume, "M / rho"),
        derived(
            N + "shell molar volume [m3.mol-1]",
            v[N + "volume expansion ratio"] * molar_volume,
            "beta M / rho, per mol of host atoms in the fully lithiated phase",
        ),
    ]


def carrier_per_area(v: dict, domain: str, window: float = 1.0) -> float:
    """Carrier an electrode holds per unit area over a stoichiometry window [mol.m-2]."""
    Domain = domain.capitalize()
    return (
        v[f"Maximum concentration in {domain} electrode [mol.m-3]"]
        * v[f"{Domain} electrode active material volume fraction"]
        * v[f"{Domain} electrode thickness [m]"]
        * window
    )


def capacity_Ah(v: dict, carrier_per_area_: float) -> float:
    """Charge of ``carrier_per_area_`` [mol.m-2] over the electrode area [A.h]."""
    return carrier_per_area_ * v["Electrode width [m]"] * v["Electrode height [m]"] * FARADAY / 3600


def cell_capacity(v: dict, cathode: float, formed: bool = False) -> list[ParameterRecord]:
    """Nominal capacity (``cathode`` [mol.m-2] of carrier cycled) and a 1C charge as the
    default current. ``formed``: a conversion set's, the cathode's window less the
    carrier locked in A2O on formation (:func:`electrode_design`)."""
    nominal = capacity_Ah(v, cathode)
    rule = "cathode-limited (N/P > 1): c_max,p eps_p L_p window F A / 3600"
    if formed:
        rule = (
            "the formed cell's reversible capacity, Q_rev,a / (N/P) = Q_c - Q_lock: the "
            "cathode's window (c_max,p eps_p L_p window F A / 3600) less the carrier "
            "locked in A2O on formation"
        )
    return [
        derived("Nominal cell capacity [A.h]", nominal, rule),
        derived(
            "Current function [A]",
            -nominal,
            "a 1C charge: the cell is assembled discharged, so the partner's discharge "
            "current would stop at once",
        ),
    ]


#: The anode's recipe: the dry solids by mass (file values ``"... mass fraction"``) and
#: their densities; the active material's is the host density.
RECIPE = ("active material", "conductive carbon", "binder")
_DENSITY = {
    "active material": N + "host density [kg.m-3]",
    "conductive carbon": N + "conductive carbon density [kg.m-3]",
    "binder": N + "binder density [kg.m-3]",
}
#: Names of the recipe's values (file and derived) that belong to the electrode, not to
#: one active phase (a composite anode does not inherit them from its alloy couple).
RECIPE_KEYS = (
    *(f"{N}{part} mass fraction" for part in RECIPE),
    *(_DENSITY[part] for part in RECIPE[1:]),
    *(f"{N}{part} volume fraction" for part in RECIPE[1:]),
    N + "porosity at full lithiation",
    N + "minimum porosity at full lithiation",
)


def solid_volume_shares(v: dict) -> dict[str, float]:
    """Volume share of each part of the dry solids, from the recipe's mass fractions w_k
    and densities rho_k: s_k = (w_k / rho_k) / sum_j (w_j / rho_j)."""
    mass = {part: v[f"{N}{part} mass fraction"] for part in RECIPE}
    if min(mass.values()) < 0 or abs(sum(mass.values()) - 1) > 1e-9:
        raise ParameterError(
            "the electrode recipe's mass fractions", mass, "non-negative and summing to 1"
        )
    volume = {part: mass[part] / v[_DENSITY[part]] for part in RECIPE}
    return {part: vol / sum(volume.values()) for part, vol in volume.items()}


def swollen_porosity(v: dict, porosity: float, active_share: float) -> float:
    """Porosity of the fully lithiated electrode (docs/theory.md section 10):
    (eps_0 - (1 - f) e) / (1 + f e), e = (1 - eps_0) s_a (beta - 1) the solid growth."""
    f = v[N + "swelling thickness fraction"]
    growth = (1 - porosity) * active_share * (v[N + "volume expansion ratio"] - 1)
    return (porosity - (1 - f) * growth) / (1 + f * growth)


def minimum_porosity(v: dict, active_share: float) -> float:
    """Lowest pristine porosity whose fully lithiated electrode keeps the set's minimum
    porosity eps_min: :func:`swollen_porosity` = eps_min solved for eps_0,
    eps_0 = 1 - (1 - eps_min) / (1 + k (1 - f + f eps_min)), k = s_a (beta - 1)."""
    f = v[N + "swelling thickness fraction"]
    eps_min = v[N + "minimum porosity at full lithiation"]
    k = active_share * (v[N + "volume expansion ratio"] - 1)
    return 1 - (1 - eps_min) / (1 + k * (1 - f + f * eps_min))


def _check_porosity(v: dict, shares: dict) -> None:
    """The pristine porosity must leave room for the expansion (:func:`minimum_porosity`)."""
    porosity, lowest = v[N + "porosity"], minimum_porosity(v, shares["active material"])
    if not lowest <= porosity < 1:
        raise ParameterError(
            N + "porosity",
            porosity,
            f"in [{lowest:.4f}, 1)",
            f": the fully lithiated electrode must keep '{N}minimum porosity at full "
            f"lithiation' = {v[N + 'minimum porosity at full lithiation']:g} with the "
            f"recipe's active share {shares['active material']:.3f} of the solid volume, "
            f"volume expansion ratio {v[N + 'volume expansion ratio']:g} and '{N}swelling "
            f"thickness fraction' = {v[N + 'swelling thickness fraction']:g} "
            "(docs/theory.md section 10)",
        )


def _recipe_records(v: dict) -> list[ParameterRecord]:
    """Volume fractions of the electrode's parts: (1 - porosity) x their solid share."""
    shares = solid_volume_shares(v)
    _check_porosity(v, shares)
    solid = 1 - v[N + "porosity"]
    rule = (
        "(1 - porosity) x the {}'s share of the solid volume, (w / rho) / sum(w / rho) "
        "over the recipe's active material, conductive carbon and binder"
    )
    records = [
        derived(f"{N}{part} volume fraction", solid * shares[part], rule.format(part))
        for part in RECIPE
    ]
    swollen = swollen_porosity(v, v[N + "porosity"], shares["active material"])
    return records + [
        derived(
            N + "porosity at full lithiation",
            swollen,
            "(porosity - (1 - f) e) / (1 + f e), e = eps_s (beta - 1), f the swelling "
            "thickness fraction (docs/theory.md section 10); at least the set's minimum",
        )
    ]


#: Carrier per m3 of pristine oxide that a conversion set's front locks in A2O
#: (:mod:`~pybamm_alloying.parameters.conversion`); an alloy set has none.
CONVERSION_CONCENTRATION = N + "conversion concentration [mol.m-3]"


def locked_share(v: dict) -> float:
    """r = (c_conv - c_0) / (c_max - c_conv): the carrier the cathode must supply to the
    anode's A2O on formation, per unit of the anode's reversible (alloy) capacity. c_0 =
    sto_0 c_max is what the pristine anode already holds (its residual shell); 0 for an
    alloy set (no c_conv)."""
    c_conv = v.get(CONVERSION_CONCENTRATION)
    if c_conv is None:
        return 0.0
    c_max = v["Maximum concentration in negative electrode [mol.m-3]"]
    return (c_conv - v["Initial negative electrode stoichiometry"] * c_max) / (c_max - c_conv)


def design_window(v: dict) -> tuple[float, float]:
    """(discharged, charged) anode stoichiometry of the formed cell: an alloy from sto_0
    to sto_0 + 1/(N/P); a conversion set from sto_conv = c_conv / c_max (alloy empty,
    y = 0) to sto_conv + (1 - sto_conv)/(N/P) (y = 1/(N/P)), by :func:`electrode_design`."""
    np_ratio = v["N/P capacity ratio"]
    c_conv = v.get(CONVERSION_CONCENTRATION)
    if c_conv is None:
        sto_0 = v["Initial negative electrode stoichiometry"]
        return sto_0, sto_0 + 1 / np_ratio
    sto_conv = c_conv / v["Maximum concentration in negative electrode [mol.m-3]"]
    return sto_conv, sto_conv + (1 - sto_conv) / np_ratio


def electrode_design(v: dict) -> list[ParameterRecord]:
    """Volume fractions from the electrode recipe at the pristine porosity (checked
    against the swelling allowance) and the thickness for the N/P ratio.

    The cathode is the partner's (Q_c over its stoichiometry window). The N/P ratio
    counts the anode's reversible capacity Q_rev,a = eps_s (c_max - c_conv) L F A, and
    the cathode also supplies the carrier locked in A2O on formation, Q_lock = r Q_rev,a
    (:func:`locked_share`): Q_c = Q_rev,a / (N/P) + Q_lock, so
    L = Q_c / (eps_s (c_max - c_conv) (1/(N/P) + r)) and the formed cell's reversible
    capacity is Q_c - Q_lock = Q_rev,a / (N/P) (the nominal capacity). An alloy set has
    c_conv = 0 and r = 0: L = (N/P) Q_c / (eps_s c_max).
    """
    recipe = _recipe_records(v)
    eps_s = recipe[0].value
    window = (
        v["Positive electrode stoichiometry at full discharge"]
        - v["Positive electrode stoichiometry at full charge"]
    )
    cathode = carrier_per_area(v, "positive", window)
    c_max = v["Maximum concentration in negative electrode [mol.m-3]"]
    c_rev = c_max - v.get(CONVERSION_CONCENTRATION, 0.0)
    share = locked_share(v)
    thickness_rule = "N/P x (cathode carrier over its stoichiometry window) / (eps_s c_max)"
    if share:
        thickness_rule = (
            "Q_c / (eps_s (c_max - c_conv) (1/(N/P) + r)), r = (c_conv - c_0) / (c_max - "
            "c_conv): the N/P ratio counts the reversible (alloy) capacity and the cathode "
            "also supplies the carrier locked in A2O"
        )
    reversible = cathode / (1 + v["N/P capacity ratio"] * share)
    return [
        *recipe,
        derived(
            N + "thickness [m]",
            cathode / (eps_s * c_rev * (1 / v["N/P capacity ratio"] + share)),
            thickness_rule,
        ),
        *cell_capacity(v, reversible, formed=bool(share)),
        derived(
            "Initial concentration in negative electrode [mol.m-3]",
            v["Initial negative electrode stoichiometry"] * c_max,
            "initial stoichiometry x c_max",
        ),
        derived(
            "Initial concentration in positive electrode [mol.m-3]",
            v["Positive electrode stoichiometry at full discharge"]
            * v["Maximum concentration in positive electrode [mol.m-3]"],
            "cell assembled discharged: cathode at its full-discharge stoichiometry",
        ),
    ]


def formed_cathode_stoichiometry(v: dict) -> float:
    """The cathode's stoichiometry at the formed cell's discharged end: its full-discharge
    one less the carrier locked in A2O, sto_dis - (sto_dis - sto_chg) Q_lock / Q_c with
    Q_lock / Q_c = (N/P) r / (1 + (N/P) r) (:func:`electrode_design`); sto_dis for an
    alloy set."""
    discharged = v["Positive electrode stoichiometry at full discharge"]
    window = discharged - v["Positive electrode stoichiometry at full charge"]
    locked = v["N/P capacity ratio"] * locked_share(v)
    return discharged - window * locked / (1 + locked)


def shell_ocp_coefficients(v: dict, points: dict, offset: float = 0.0) -> list[ParameterRecord]:
    """Fit the closed-form shell OCP to the file's tabulated points and check it.

    The points' stoichiometry is (c - offset) / (c_max - offset): c / c_max for an
    alloy, the alloy stoichiometry y of a conversion set (offset c_conv,
    :mod:`~pybamm_alloying.parameters.conversion`).
    """
    c_max = v["Maximum concentration in negative electrode [mol.m-3]"]
    sto_eq = (v[N + "shell equilibrium concentration [mol.m-3]"] - offset) / (c_max - offset)
    rule = "(c_eq - c_conv) / (c_max - c_conv)" if offset else "c_eq / c_max"
    coefficients = fit_ocp(
        list(zip(points["stoichiometry"], points["potential"])), sto_eq, v[TWO_PHASE_POTENTIAL]
    )
    source = f"least-squares fit (a, b >= 0) to the tabulated OCP: {points['source']}"
    names = (OCP_LINEAR, OCP_LOG_EMPTY, OCP_LOG_FULL)
    return [derived(EQUILIBRIUM_STOICHIOMETRY, sto_eq, rule)] + [
        derived(n, c, source) for n, c in zip(names, coefficients)
    ]


#: Polarisation allowance of the cut-offs beyond the window's open-circuit voltages [V],
#: per partner cathode. NVPF is flat to within 11 mV of its charged end (4.173 V at
#: x = 0.25, 4.184 V at 0.217), so a cut-off at the bare OCV stops a C/20 charge 4 %
#: short (Na-Sn); 20 mV reaches the end, and on the steep ends of NVPF it moves the
#: stoichiometry by well under 1 %. NMC811's ends slope, so it needs none.
CUT_OFF_ALLOWANCE = {"Chen2020": 0.0, "Chayambuka2022": 0.02}


def voltage_window(v: dict, partner: str) -> list[ParameterRecord]:
    """Cut-offs at the open-circuit voltage of the formed cell's design window's ends.

    Full charge: cathode at its charged stoichiometry, anode at the charged end of
    :func:`design_window`; full discharge: cathode at :func:`formed_cathode_stoichiometry`
    (its full-discharge one, less the carrier a conversion anode locks in A2O), anode at
    the discharged end (sto_0 for an alloy, sto_conv for a conversion set, its alloy empty
    and the locked carrier kept). The partner's own cut-offs belong to its graphite or
    hard-carbon anode; an alloy sits 0.1-0.9 V higher, which would push the cathode out
    of its window. A flat cathode end gets a polarisation allowance
    (:data:`CUT_OFF_ALLOWANCE`).
    """
    values = pybamm.ParameterValues(v)
    param = pybamm.LithiumIonParameters()
    T = values["Reference temperature [K]"]

    def ocv(sto_p, sto_n):
        U_p = param.p.prim.U(pybamm.Scalar(sto_p), T)
        U_n = param.n.prim.U(pybamm.Scalar(sto_n), T)
        return parameter_float(values, U_p - U_n)

    sto_discharged, sto_charged = design_window(v)
    charged = ocv(v["Positive electrode stoichiometry at full charge"], sto_charged)
    discharged = ocv(formed_cathode_stoichiometry(v), sto_discharged)
    rule = "open-circuit voltage (mean OCPs) at the {} end of the design window"
    allowance = CUT_OFF_ALLOWANCE[partner]
    cut_off = rule + f" {{}} {1000 * allowance:g} mV polarisation allowance ({partner})"
    upper = round(charged + allowance, 3)
    lower = round(discharged - allowance, 3)
    return [
        derived("Upper voltage cut-off [V]", upper, cut_off.format("charged", "plus")),
        derived("Lower voltage cut-off [V]", lower, cut_off.format("discharged", "minus")),
        derived("Open-circuit voltage at 100% SOC [V]", round(charged, 3), rule.format("charged")),
        derived(
            "Open-circuit voltage at 0% SOC [V]", round(discharged, 3), rule.format("discharged")
        ),
    ]
