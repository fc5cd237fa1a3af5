"""Values every couple derives the same way from its file's data (host basis, cell design).

Each derived value is returned as a :class:`ParameterRecord` whose source states the
formula, so the documentation tables show how it follows from the sourced inputs.
"""

import numpy as np
import pybamm

from .functions import (
    EQUILIBRIUM_STOICHIOMETRY,
    OCP_LINEAR,
    OCP_LOG_EMPTY,
    OCP_LOG_FULL,
    TWO_PHASE_POTENTIAL,
    fit_ocp,
)
from .records import ParameterRecord

FARADAY = pybamm.constants.F.value
N = "Negative electrode "


def _derived(name: str, value, formula: str) -> ParameterRecord:
    return ParameterRecord(name, value, f"derived: {formula}", "C")


def host_basis(v: dict) -> list[ParameterRecord]:
    """Concentrations per m3 of unlithiated host: c = x rho / M."""
    per_volume = v[N + "host density [kg.m-3]"] / v[N + "host molar mass [kg.mol-1]"]
    molar_volume = 1 / per_volume
    return [
        _derived(
            "Maximum concentration in negative electrode [mol.m-3]",
            v[N + "carriers per host atom"] * per_volume,
            "x rho / M (final phase, host basis)",
        ),
        _derived(
            N + "shell equilibrium concentration [mol.m-3]",
            v[N + "shell carriers per host atom"] * per_volume,
            "x_eq rho / M",
        ),
        _derived(
            N + "core concentration [mol.m-3]",
            v[N + "core carriers per host atom"] * per_volume,
            "x_core rho / M",
        ),
        _derived(N + "host molar volume [m3.mol-1]", molar_volume, "M / rho"),
        _derived(
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


def cell_capacity(v: dict, cathode: float) -> list[ParameterRecord]:
    """Nominal capacity (the cathode's window, ``cathode`` [mol.m-2]) and a 1C charge as
    the default current."""
    nominal = capacity_Ah(v, cathode)
    return [
        _derived(
            "Nominal cell capacity [A.h]",
            nominal,
            "cathode-limited (N/P > 1): c_max,p eps_p L_p window F A / 3600",
        ),
        _derived(
            "Current function [A]",
            -nominal,
            "a 1C charge: the cell is assembled discharged, so the partner's discharge "
            "current would stop at once",
        ),
    ]


def electrode_design(v: dict) -> list[ParameterRecord]:
    """Active fraction leaving room for expansion and thickness for the N/P ratio."""
    f = v[N + "swelling thickness fraction"]
    eps_min = v[N + "porosity at full lithiation"]
    eps_s = (v[N + "porosity"] - eps_min) / (
        (v[N + "volume expansion ratio"] - 1) * (1 - f + f * eps_min)
    )
    window = (
        v["Positive electrode stoichiometry at full discharge"]
        - v["Positive electrode stoichiometry at full charge"]
    )
    cathode = carrier_per_area(v, "positive", window)
    c_max = v["Maximum concentration in negative electrode [mol.m-3]"]
    return [
        _derived(
            N + "active material volume fraction",
            eps_s,
            "(porosity - porosity at full lithiation) / ((beta - 1) (1 - f + f "
            "porosity at full lithiation)), f the swelling thickness fraction: the "
            "swollen electrode keeps the set minimum porosity (docs/theory.md section 10)",
        ),
        _derived(
            N + "thickness [m]",
            v["N/P capacity ratio"] * cathode / (eps_s * c_max),
            "N/P x (cathode carrier over its stoichiometry window) / (eps_s c_max)",
        ),
        *cell_capacity(v, cathode),
        _derived(
            "Initial concentration in negative electrode [mol.m-3]",
            v["Initial negative electrode stoichiometry"] * c_max,
            "initial stoichiometry x c_max",
        ),
        _derived(
            "Initial concentration in positive electrode [mol.m-3]",
            v["Positive electrode stoichiometry at full discharge"]
            * v["Maximum concentration in positive electrode [mol.m-3]"],
            "cell assembled discharged: cathode at its full-discharge stoichiometry",
        ),
    ]


def shell_ocp_coefficients(v: dict, points: dict) -> list[ParameterRecord]:
    """Fit the closed-form shell OCP to the file's tabulated points and check it."""
    sto_eq = (
        v[N + "shell equilibrium concentration [mol.m-3]"]
        / v["Maximum concentration in negative electrode [mol.m-3]"]
    )
    coefficients = fit_ocp(
        list(zip(points["stoichiometry"], points["potential"])), sto_eq, v[TWO_PHASE_POTENTIAL]
    )
    source = f"least-squares fit (a, b >= 0) to the tabulated OCP: {points['source']}"
    names = (OCP_LINEAR, OCP_LOG_EMPTY, OCP_LOG_FULL)
    return [_derived(EQUILIBRIUM_STOICHIOMETRY, sto_eq, "c_eq / c_max")] + [
        _derived(n, c, source) for n, c in zip(names, coefficients)
    ]


#: Polarisation allowance of the cut-offs beyond the window's open-circuit voltages [V],
#: per partner cathode. NVPF is flat to within 11 mV of its charged end (4.173 V at
#: x = 0.25, 4.184 V at 0.217), so a cut-off at the bare OCV stops a C/20 charge 4 %
#: short (Na-Sn); 20 mV reaches the end, and on the steep ends of NVPF it moves the
#: stoichiometry by well under 1 %. NMC811's ends slope, so it needs none.
CUT_OFF_ALLOWANCE = {"Chen2020": 0.0, "Chayambuka2022": 0.02}


def voltage_window(v: dict, partner: str) -> list[ParameterRecord]:
    """Cut-offs at the open-circuit voltage of the design window's ends.

    Full charge: cathode at its charged stoichiometry, anode at sto_0 + 1/(N/P);
    full discharge: cathode at its discharged stoichiometry, anode back at sto_0. The
    partner's own cut-offs belong to its graphite or hard-carbon anode; an alloy sits
    0.1-0.9 V higher, which would push the cathode out of its window. A flat cathode
    end gets a polarisation allowance (:data:`CUT_OFF_ALLOWANCE`).
    """
    values = pybamm.ParameterValues(v)
    param = pybamm.LithiumIonParameters()
    T = values["Reference temperature [K]"]

    def ocv(sto_p, sto_n):
        U_p = param.p.prim.U(pybamm.Scalar(sto_p), T)
        U_n = param.n.prim.U(pybamm.Scalar(sto_n), T)
        return float(np.ravel(values.evaluate(U_p - U_n))[0])

    sto_n0 = v["Initial negative electrode stoichiometry"]
    charged = ocv(
        v["Positive electrode stoichiometry at full charge"],
        sto_n0 + 1 / v["N/P capacity ratio"],
    )
    discharged = ocv(v["Positive electrode stoichiometry at full discharge"], sto_n0)
    rule = "open-circuit voltage (mean OCPs) at the {} end of the design window"
    allowance = CUT_OFF_ALLOWANCE[partner]
    cut_off = rule + f" {{}} {1000 * allowance:g} mV polarisation allowance ({partner})"
    upper = round(charged + allowance, 3)
    lower = round(discharged - allowance, 3)
    return [
        _derived("Upper voltage cut-off [V]", upper, cut_off.format("charged", "plus")),
        _derived("Lower voltage cut-off [V]", lower, cut_off.format("discharged", "minus")),
        _derived("Open-circuit voltage at 100% SOC [V]", round(charged, 3), rule.format("charged")),
        _derived("Open-circuit voltage at 0% SOC [V]", round(discharged, 3), rule.format("discharged")),
    ]
