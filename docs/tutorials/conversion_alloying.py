"""Tutorial: conversion-alloying anodes, SnO2 against Sn and SiOx against Si.

An oxide anode first converts, SnO2 + 4 Li -> Sn + 2 Li2O (SiO: 4 SiO + 4 Li -> 3 Si +
Li4SiO4), then its metal alloys; the Li in the oxide matrix never comes back
(docs/theory.md section 13). For each pair (oxide, metal) this script

* forms each anode in a half cell against Li (two C/20 cycles,
  :func:`pybamm_alloying.studies.formation.run_formation`): first and second cycle
  capacity per gram and coulombic efficiency;
* puts the oxides' full cells against NMC811 beside the metals' in one cell design
  (:func:`pybamm_alloying.studies.anode_comparison.compare_anodes`: the N/P rule with the
  conversion loss, parameters/design.py; a C/10 formation cycle whose loss is compared with
  the Li locked in the matrix, then the formed cell's Wh/kg, Wh/L, swelling);
* compares the interface stress and fracture size of the buffered particle with the
  pure metal's (:func:`pybamm_alloying.studies.critical_sizes.buffer_comparison`, for
  SnO2 and SiO, each against the metal its file names).

Writes ``<set>_half.png`` (voltage against capacity of the two half-cell cycles, one per
set) and ``energy_swelling.png``. About 25 s on two cores (all cases on one process
pool).

    python docs/tutorials/conversion_alloying.py [OUT]   (default: results/tutorials/conversion_alloying)

The same from the command line: ``pybamm-alloying formation LiSnO2_NMC811 --cell half``,
``pybamm-alloying compare --parameter-set LiSnO2_NMC811 LiSn_NMC811``.
"""

import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd
import pybamm

from pybamm_alloying.plotting import plot_energy_and_swelling, plot_voltage_capacity, save_figure
from pybamm_alloying.studies.anode_comparison import compare_anodes
from pybamm_alloying.studies.critical_sizes import buffer_comparison
from pybamm_alloying.studies.cycling import solution_timeseries
from pybamm_alloying.studies.formation import predicted_loss, run_formation

#: (conversion set, its pure metal).
PAIRS = [("LiSnO2_NMC811", "LiSn_NMC811"), ("LiSiO_NMC811", "LiSi_NMC811")]
RATES = ("C/20", "C/20")

DESIGN = [
    "parameter set",
    "nominal capacity [A.h]",
    "C/10 discharge capacity [A.h]",
    "first-cycle coulombic efficiency",
    "specific energy [W.h.kg-1]",
    "charged energy density [W.h.L-1]",
    "cell thickness swelling",
    "anode thickness, fully lithiated [m]",
]
FORMATION = [
    "parameter set",
    "formation charge capacity [A.h]",
    "formation discharge capacity [A.h]",
    "first-cycle coulombic efficiency",
    "formation loss [A.h]",
    "predicted loss [A.h]",
]
STRESS = [
    "name",
    "particle",
    "diameter [m]",
    "buffer volume fraction",
    "shell volume ratio",
    "interface shell mean stress [Pa]",
    "fracture index",
    "critical fracture diameter [m]",
]


def host_mass_g(values) -> float:
    """Mass of the pristine host in a half cell's working electrode [g]: eps_s L A rho."""
    return (
        values["Positive electrode active material volume fraction"]
        * values["Positive electrode thickness [m]"]
        * values["Electrode width [m]"]
        * values["Electrode height [m]"]
        * values["Positive electrode host density [kg.m-3]"]
        * 1000
    )


def half_cell(name: str, out: Path) -> list[dict]:
    """Two C/20 cycles of set ``name`` against Li: one row per cycle, capacities per gram
    of pristine host, and its voltage-capacity figure ``<name>_half.png``."""
    result = run_formation(name, "half", RATES)
    grams = host_mass_g(result.values)
    timeseries = solution_timeseries(result.solution, result.model)
    save_figure(plot_voltage_capacity(timeseries), out / f"{name}_half.png")
    return [
        {
            "set": name,
            "Cycle": cycle["Cycle"],
            "lithiation [mAh/g]": 1000 * cycle["charge in [A.h]"] / grams,
            "delithiation [mAh/g]": 1000 * cycle["charge out [A.h]"] / grams,
            "coulombic efficiency": cycle["coulombic efficiency"],
        }
        for _, cycle in result.cycles.iterrows()
    ]


def with_predicted_loss(design: pd.DataFrame) -> pd.DataFrame:
    """The design table with each conversion set's predicted first-cycle loss, the Li
    its matrix locks (:func:`~pybamm_alloying.studies.formation.predicted_loss`)."""
    loss = [predicted_loss(pybamm.ParameterValues(name)) for name in design["parameter set"]]
    return design.assign(**{"predicted loss [A.h]": loss})


def run(out: Path) -> dict:
    """The whole tutorial: the half cells and the design comparison on two worker
    processes, then the buffer's stress, one figure per set and one of the designs."""
    out.mkdir(parents=True, exist_ok=True)
    names = [name for pair in PAIRS for name in pair]
    with ProcessPoolExecutor(max_workers=2) as pool:
        halves = [pool.submit(half_cell, name, out) for name in names]
        design = with_predicted_loss(compare_anodes(names, executor=pool, rate_limit=False))
        half = pd.DataFrame([row for job in halves for row in job.result()])
    stress = buffer_comparison([oxide for oxide, _ in PAIRS])
    save_figure(plot_energy_and_swelling(design), out / "energy_swelling.png")
    fmt = "{:.4g}".format
    print(half.to_string(index=False, float_format=fmt))
    print(design[[c for c in DESIGN if c in design]].to_string(index=False, float_format=fmt))
    print(design[FORMATION].dropna().to_string(index=False, float_format=fmt))
    print(stress[STRESS].to_string(index=False, float_format=fmt))
    return {"half cells": half, "design": design, "stress": stress}


if __name__ == "__main__":
    result = run(
        Path(sys.argv[1] if len(sys.argv) > 1 else "results/tutorials/conversion_alloying")
    )
