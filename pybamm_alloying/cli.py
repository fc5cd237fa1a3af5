"""Command line: ``pybamm-alloying compare`` (the main job), ``lithiate``, ``cycle``,
``rate-limit``, ``regime``, ``list`` and ``docs``, each with ``--help`` and ``--out DIR``.

Exit codes: 0 success, 1 the simulation failed or stopped before the last cycle,
2 bad command-line input (reported before any solve).
"""

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pybamm

from .models.options import ALLOY_OPTIONS
from .parameters import composite_names, couple_names, list_couples, write_parameter_docs
from .plotting import (
    plot_capacity_per_cycle,
    plot_composite,
    plot_cycling,
    plot_dqdv,
    plot_discharge_curves,
    plot_energy_and_swelling,
    plot_front,
    plot_ragone,
    plot_rate_capability,
    plot_regime_map,
    plot_size_map,
    plot_size_sweep,
    plot_voltage_capacity,
    save_figure,
    write_atomically,
)
from .models import ParticleLithiation, surface_concentration
from .rate_law import fit_rate_law
from .regime import conversion_time, regime_from_parameters, regime_from_solution, size_sweep
from .studies import protocol_names, run_cycling
from .studies.cycling import TIMESERIES_CYCLES
from .studies.composite import FRACTIONS, composite_study, lithiation_curve
from .studies.critical_sizes import critical_sizes, size_map
from .studies.design import compare_anodes
from .studies.parallel import clear_checkpoint
from .studies.rate_limit import check_inputs, rate_limit_table
from .studies.protocols import read_protocol


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be an integer >= 1, not {text}")
    return value


def _command(commands, name: str, out: Path = Path("results"), **kwargs) -> argparse.ArgumentParser:
    """A subcommand with the ``--out DIR`` every writing command takes."""
    command = commands.add_parser(name, **kwargs)
    command.add_argument("--out", type=Path, default=out, help=f"output directory (default: {out})")
    return command


def _positive_seconds(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be a time > 0 [s], not {text}")
    return value


def _add_time_limit(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--time-limit", type=_positive_seconds, metavar="SECONDS",
        help="stop and report a case that runs longer than this (default: no limit)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pybamm-alloying",
        description="Full-cell simulations with shrinking-core alloying anodes (PyBaMM plugin).",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    cycle = _command(
        commands, "cycle",
        help="cycle a full cell: timeseries.csv, cycles.csv and three figures",
        description="Cycle a full cell with a shrinking-core alloy anode. Writes "
        "timeseries.csv (one row per output time), cycles.csv (one row per cycle), "
        "voltage.png (voltage and front depth against time), voltage_capacity.png and "
        "capacity.png (capacity and coulombic efficiency per cycle) into --out.",
    )
    cycle.add_argument("--parameter-set", default="LiSi_NMC811", choices=couple_names())
    cycle.add_argument("--protocol", default="cccv", choices=protocol_names())
    cycle.add_argument(
        "--cycles", type=_positive_int, help="number of cycles (default: the protocol's)"
    )
    cycle.add_argument("--rate", help="C-rate of a protocol that has one, e.g. 2C or C/5")
    cycle.add_argument(
        "--save-at-cycles", type=_positive_int, metavar="N",
        help="keep the time series of every N-th cycle (1: all; default: all for up to "
        f"{TIMESERIES_CYCLES} cycles, else the first and the last); cycles.csv has every cycle",
    )
    cycle.add_argument(
        "--particle",
        default=ALLOY_OPTIONS["alloy particle"][0],
        choices=ALLOY_OPTIONS["alloy particle"],
        help="shell model: resolved diffusion or its quasi-steady profile",
    )
    cycle.add_argument(
        "--geometry",
        default=ALLOY_OPTIONS["alloy geometry"][0],
        choices=ALLOY_OPTIONS["alloy geometry"],
    )
    for option, flag in (
        ("alloy stress", "--stress"),
        ("alloy SEI transport", "--sei-transport"),
        ("alloy fracture", "--fracture"),
        ("alloy plating cut-off", "--plating-cut-off"),
    ):
        cycle.add_argument(
            flag, default=ALLOY_OPTIONS[option][0], choices=ALLOY_OPTIONS[option],
            help=f"model option {option!r}",
        )
    regime = _command(
        commands, "regime",
        help="which step limits each couple: regime.csv, regime_map.png, a size sweep and "
        "critical sizes",
        description="Characteristic times of the SEI film, shell diffusion and interface "
        "reaction for every shipped couple at its default size (regime.csv), the "
        "Da-Bi_SEI regime map (regime_map.png), a particle-size sweep of one couple "
        "(size_sweep.csv, size_sweep.png), and per couple and geometry the critical "
        "diameters for full lithiation and for fracture at 0 V vs the carrier metal "
        "(critical_sizes.csv) with the size map behind them (size_map.csv, "
        "size_map.png) into --out.",
    )
    regime.add_argument(
        "--sweep-set", default="LiSi_NMC811", choices=couple_names(),
        help="couple of the size sweep",
    )
    regime.add_argument("--no-sei", action="store_true", help="leave the SEI film out")
    rate = _command(
        commands, "rate-limit",
        help="rate-limited C-rate of anode lithiation and what limits it: rate_limit.csv, "
        "rate_capability.png",
        description="Highest C-rate at which anode lithiation still delivers --threshold of "
        "its C/20 capacity, bracketed in log C-rate to --tolerance, for each "
        "--parameter-set (all by default), in parallel; the limiting mechanism (the largest "
        "loss of the voltage budget at the end of that charge: anode shell diffusion, "
        "interface reaction, SEI film or charge transfer, electrolyte, solid, cathode or "
        "metal counter electrode), the budget's terms [V] and the anode particle's analytic "
        "C-rate. Writes rate_limit.csv and rate_capability.png into --out.",
    )
    rate.add_argument("--parameter-set", nargs="+", choices=couple_names(), help="couples")
    rate.add_argument("--radius", type=float, help="particle radius [m] (default: each set's)")
    rate.add_argument("--cell", default="full", choices=("full", "half"))
    rate.add_argument("--threshold", type=float, default=0.8)
    rate.add_argument("--tolerance", type=float, default=0.05)
    _add_time_limit(rate)
    compare = _command(
        commands, "compare",
        help="anode comparison (the main job): design.csv and figures in --out",
        description="Compare anodes in the same cell design: each couple's cathode, N/P and "
        "porosity rule; stack Wh/kg and Wh/L with current collectors, separator and "
        "electrolyte; swelling; C/10 and 1C capacity; rate-limited C-rate of the charge and "
        "its limiting mechanism (see rate-limit --help). All lithium "
        "couples against NMC811 by default. Writes design.csv, discharge_curves.png, "
        "ragone.png and energy_swelling.png into --out.",
    )
    compare.add_argument(
        "--parameter-set", nargs="+", choices=couple_names() + composite_names(),
        help="couples (with --composite: composite sets)",
    )
    compare.add_argument("--no-rate-limit", action="store_true", help="skip the C-rate search")
    compare.add_argument(
        "--composite", action="store_true",
        help="graphite + alloy composite anodes versus alloy mass fraction instead: "
        "composite.csv, composite.png and dqdv.png",
    )
    compare.add_argument(
        "--fraction", nargs="+", type=_fraction, default=list(FRACTIONS),
        help="alloy mass fractions of --composite (default: 0 0.05 0.1 0.2 0.3)",
    )
    _add_time_limit(compare)
    lithiate = _command(
        commands, "lithiate",
        help="hold one particle at a potential: front, rate law and regime",
        description="Lithiate one alloy particle held at --potential [V vs the carrier "
        "metal] for two analytic conversion times; fit L ~ t^n and classify the regime from "
        "the front and from the parameters. Writes lithiation.csv, summary.json and "
        "front.png into --out.",
    )
    lithiate.add_argument("--parameter-set", default="LiSi_NMC811", choices=couple_names())
    lithiate.add_argument("--potential", type=float, default=0.05, help="held potential [V]")
    lithiate.add_argument("--radius", type=float, help="radius / half-thickness [m]")
    lithiate.add_argument(
        "--geometry", default="planar", choices=ALLOY_OPTIONS["alloy geometry"],
        help="planar (default here: the rate law is a film's) or particle shapes",
    )
    lithiate.add_argument("--stress", default="none", choices=ALLOY_OPTIONS["alloy stress"])
    lithiate.add_argument(
        "--sei-transport", default="none", choices=ALLOY_OPTIONS["alloy SEI transport"]
    )
    commands.add_parser("list", help="list the shipped couples and protocols")
    _command(
        commands, "docs",
        help="write the parameter tables (one per couple) and the couple comparison",
        out=Path("docs"),
    )
    return parser


def _list() -> int:
    columns = ["name", "carrier", "host", "final phase", "capacity [mAh/g]", "Da", "regime"]
    print(list_couples()[columns].to_string(index=False, float_format="{:.4g}".format))
    print("protocols:")
    for name in protocol_names():
        print(f"  {name}: {read_protocol(name)['description']}")
    return 0


def _cycle(args: argparse.Namespace) -> int:
    result = run_cycling(
        args.parameter_set,
        args.protocol,
        args.cycles,
        options={
            "alloy particle": args.particle,
            "alloy geometry": args.geometry,
            "alloy stress": args.stress,
            "alloy SEI transport": args.sei_transport,
            "alloy fracture": args.fracture,
            "alloy plating cut-off": args.plating_cut_off,
        },
        rate=args.rate,
        save_at_cycles=args.save_at_cycles,
    )
    args.out.mkdir(parents=True, exist_ok=True)
    written = [
        write_atomically(args.out / "timeseries.csv", result.timeseries.to_csv),
        write_atomically(args.out / "cycles.csv", result.cycles.to_csv),
        save_figure(plot_cycling(result.timeseries), args.out / "voltage.png"),
        save_figure(
            plot_voltage_capacity(result.timeseries), args.out / "voltage_capacity.png"
        ),
        save_figure(plot_capacity_per_cycle(result.cycles), args.out / "capacity.png"),
    ]
    print(result.cycles.to_string(index=False))
    for path in written:
        print(f"wrote {path}")
    if not result.completed:
        print(
            f"pybamm-alloying: only {len(result.cycles)} of {result.requested_cycles} "
            "cycles completed",
            file=sys.stderr,
        )
        return 1
    return 0


def _rate_limit(args: argparse.Namespace) -> int:
    for name in args.parameter_set or couple_names():  # before any solve
        check_inputs(name, args.radius, args.threshold, args.tolerance, args.cell)
    table = rate_limit_table(
        args.parameter_set, args.radius, threshold=args.threshold,
        tolerance=args.tolerance, cell=args.cell, progress=True, checkpoint=args.out / CHECKPOINT,
        time_limit=args.time_limit,
    )
    args.out.mkdir(parents=True, exist_ok=True)
    written = [
        write_atomically(args.out / "rate_limit.csv", table.drop(columns="trials", errors="ignore").to_csv),
        save_figure(plot_rate_capability(table, args.threshold), args.out / "rate_capability.png"),
    ]
    print(table.drop(columns="trials", errors="ignore").to_string(index=False))
    for path in written:
        print(f"wrote {path}")
    return _report_failures(table, args.out)


def _lithiate(args: argparse.Namespace) -> int:
    if args.radius is not None and not args.radius > 0:
        raise ValueError(f"--radius must be > 0 [m], not {args.radius}")
    values = pybamm.ParameterValues(args.parameter_set)
    if args.radius is not None:
        values["Negative particle radius [m]"] = args.radius
    c_ext = surface_concentration(values, args.potential)
    if c_ext <= values["Negative electrode shell equilibrium concentration [mol.m-3]"]:
        raise ValueError(
            f"--potential {args.potential} V lies above the two-phase potential: the particle "
            "would not lithiate"
        )
    sei = args.sei_transport == "film"
    estimate = regime_from_parameters(
        values, geometry=args.geometry, surface_concentration=c_ext, sei=sei
    )
    values.update(
        {
            "Particle surface concentration [mol.m-3]": c_ext,
            "Initial concentration in negative electrode [mol.m-3]": values[
                "Negative electrode core concentration [mol.m-3]"
            ],
        },
        check_already_exists=False,
    )
    model = ParticleLithiation({
        "alloy geometry": args.geometry, "alloy stress": args.stress,
        "alloy SEI transport": args.sei_transport,
    })
    t = np.linspace(0, 2 * sum(conversion_time(values, 1.0, c_ext, geometry=args.geometry, sei=sei)), 1000)
    solution = pybamm.Simulation(model, parameter_values=values).solve(t[[0, -1]], t_interp=t)
    front = pd.DataFrame({
        "Time [s]": solution.t,
        "Shell thickness [m]": np.ravel(solution["Negative shell thickness [m]"].entries),
        "Lithiated fraction": np.ravel(solution["Negative lithiated fraction"].entries),
    })
    fit = fit_rate_law(front["Time [s]"], front["Shell thickness [m]"])
    summary = {
        "parameter set": args.parameter_set, "potential [V]": args.potential,
        "geometry": args.geometry, "fitted exponent": fit.n, "exponent 95% half-width": fit.n_ci95,
        "regime (front)": regime_from_solution(solution),
        **{f"{k} (parameters)": v for k, v in estimate.as_series().items()},
        "final lithiated fraction": float(front["Lithiated fraction"].iloc[-1]),
    }
    summary = {  # JSON has no infinity: no SEI film gives Bi = inf, written null
        key: None if isinstance(value, float) and not np.isfinite(value) else value
        for key, value in summary.items()
    }
    args.out.mkdir(parents=True, exist_ok=True)
    written = [
        write_atomically(args.out / "lithiation.csv", front.to_csv),
        write_atomically(
            args.out / "summary.json",
            lambda path: Path(path).write_text(json.dumps(summary, indent=2, default=float)),
        ),
        save_figure(plot_front(front, fit), args.out / "front.png"),
    ]
    for key, value in summary.items():
        print(f"{key}: {value}")
    for path in written:
        print(f"wrote {path}")
    return 0


def _compare(args: argparse.Namespace) -> int:
    if args.composite:
        return _compare_composites(args)
    unknown = sorted(set(args.parameter_set or ()) - set(couple_names()))
    if unknown:
        raise ValueError(f"{unknown} are composite sets: add --composite")
    table = compare_anodes(
        args.parameter_set, rate_limit=not args.no_rate_limit, progress=True,
        checkpoint=args.out / CHECKPOINT, time_limit=args.time_limit,
    )
    args.out.mkdir(parents=True, exist_ok=True)
    flat = table.drop(columns=["C/10 discharge"], errors="ignore")
    written = [
        write_atomically(args.out / "design.csv", flat.to_csv),
        save_figure(plot_discharge_curves(table), args.out / "discharge_curves.png"),
        save_figure(plot_ragone(table), args.out / "ragone.png"),
        save_figure(plot_energy_and_swelling(table), args.out / "energy_swelling.png"),
    ]
    columns = [c for c in DESIGN_SUMMARY if c in flat]
    print(flat[columns].to_string(index=False, float_format="{:.4g}".format))
    for path in written:
        print(f"wrote {path}")
    return _report_failures(table, args.out)


def _compare_composites(args: argparse.Namespace) -> int:
    names = args.parameter_set or composite_names()
    unknown = sorted(set(names) - set(composite_names()))
    if unknown:
        raise ValueError(f"with --composite, --parameter-set takes {composite_names()}, not {unknown}")
    table = composite_study(
        names, args.fraction, rate_limit=not args.no_rate_limit, progress=True,
        checkpoint=args.out / CHECKPOINT, time_limit=args.time_limit,
    )
    curves = lithiation_curve(names[0], sorted({0.0, max(args.fraction)}))
    args.out.mkdir(parents=True, exist_ok=True)
    flat = table.drop(columns=["C/10 discharge"], errors="ignore")
    label = names[0].split("_")[0]
    written = [
        write_atomically(args.out / "composite.csv", flat.to_csv),
        save_figure(plot_composite(table), args.out / "composite.png"),
        save_figure(
            plot_dqdv({f"{label}, {100 * w:g} wt%": frame for w, frame in curves.items()}),
            args.out / "dqdv.png",
        ),
    ]
    incomplete = flat["incomplete"].fillna("") != "" if "incomplete" in flat else []
    for _, row in flat[incomplete].iterrows():
        print(f"pybamm-alloying: {row['case']}: incomplete: {row['incomplete']}", file=sys.stderr)
    columns = [c for c in ("parameter set", "alloy mass fraction", *DESIGN_SUMMARY[1:], "calendered energy density [W.h.L-1]") if c in flat]
    print(flat[columns].to_string(index=False, float_format="{:.4g}".format))
    for path in written:
        print(f"wrote {path}")
    return _report_failures(table, args.out)


def _fraction(text: str) -> float:
    value = float(text)
    if not 0 <= value < 1:
        raise argparse.ArgumentTypeError(f"alloy mass fraction must lie in [0, 1), not {text}")
    return value


#: Where a sweep command keeps its finished cases until the whole table is written: a
#: rerun of the same command resumes from there (studies/parallel.py).
CHECKPOINT = ".checkpoint"


def _report_failures(table: pd.DataFrame, out: Path) -> int:
    """Failed cases on stderr, exit code 1 if any; otherwise the checkpoint goes."""
    failed = table[table["error"] != ""]
    for _, row in failed.iterrows():
        print(f"pybamm-alloying: {row['case']}: {row['error']}", file=sys.stderr)
    if len(failed):
        print(f"pybamm-alloying: rerun the command to retry them (finished cases are kept in {out / CHECKPOINT})", file=sys.stderr)
        return 1
    clear_checkpoint(out / CHECKPOINT)
    return 0


#: Columns of the comparison printed on the terminal.
DESIGN_SUMMARY = (
    "parameter set", "specific energy [W.h.kg-1]", "charged energy density [W.h.L-1]",
    "cell thickness swelling", "average voltage [V]", "1C discharge capacity [A.h]",
    "rate-limited C-rate", "limiting mechanism",
)


#: Radii of the size sweep [m]: 10 nm to 1 mm, five per decade.
SWEEP_RADII = tuple(float(r) for r in np.logspace(-8, -3, 26))


def _csv_without_index(frame: pd.DataFrame):
    """A writer for :func:`write_atomically`: the table as CSV, no index column."""
    return lambda path: frame.to_csv(path, index=False)


def _regime(args: argparse.Namespace) -> int:
    sei = not args.no_sei
    table = pd.DataFrame(
        [
            {"name": name, **regime_from_parameters(pybamm.ParameterValues(name), sei=sei).as_series()}
            for name in couple_names()
        ]
    )
    sweep = size_sweep(pybamm.ParameterValues(args.sweep_set), SWEEP_RADII, sei=sei)
    label = args.sweep_set + ("" if sei else " (no SEI film)")
    sizes, size_table = critical_sizes(), size_map()
    args.out.mkdir(parents=True, exist_ok=True)
    written = [
        write_atomically(args.out / "regime.csv", table.to_csv),
        write_atomically(args.out / "size_sweep.csv", sweep.to_csv),
        write_atomically(args.out / "critical_sizes.csv", _csv_without_index(sizes)),
        write_atomically(args.out / "size_map.csv", _csv_without_index(size_table)),
        save_figure(plot_regime_map(), args.out / "regime_map.png"),
        save_figure(plot_size_sweep(sweep, label), args.out / "size_sweep.png"),
        save_figure(plot_size_map(size_table), args.out / "size_map.png"),
    ]
    columns = ["name", "damkohler", "sei_biot", "exponent", "regime", "limiting_c_rate"]
    print(table[columns].to_string(index=False, float_format="{:.4g}".format))
    print(sizes.to_string(index=False, float_format="{:.3g}".format))
    for path in written:
        print(f"wrote {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "docs":
            for path in write_parameter_docs(args.out):
                print(f"wrote {path}")
            return 0
        if args.command == "regime":
            return _regime(args)
        if args.command == "rate-limit":
            return _rate_limit(args)
        if args.command == "compare":
            return _compare(args)
        if args.command == "lithiate":
            return _lithiate(args)
        return _list() if args.command == "list" else _cycle(args)
    except (ValueError, pybamm.OptionError, OSError) as error:
        print(f"pybamm-alloying: {error}", file=sys.stderr)
        return 2
    except pybamm.SolverError as error:
        print(f"pybamm-alloying: the simulation failed: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
