"""Command line: ``pybamm-alloying cycle --out DIR``, ``regime --out DIR``, ``list`` and
``docs --out DIR``.

Exit codes: 0 success, 1 the simulation failed or stopped before the last cycle,
2 bad command-line input (reported before any solve).
"""

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pybamm

from .models.options import ALLOY_OPTIONS
from .parameters import couple_names, list_couples, write_parameter_docs
from .plotting import (
    plot_capacity_per_cycle,
    plot_cycling,
    plot_rate_capability,
    plot_regime_map,
    plot_size_sweep,
    plot_voltage_capacity,
    save_figure,
    write_atomically,
)
from .regime import regime_from_parameters, size_sweep
from .studies import protocol_names, run_cycling
from .studies.rate_limit import check_inputs, rate_limit_table
from .studies.protocols import read_protocol


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be an integer >= 1, not {text}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pybamm-alloying",
        description="Full-cell simulations with shrinking-core alloying anodes (PyBaMM plugin).",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    cycle = commands.add_parser(
        "cycle",
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
    for option, flag in (("alloy stress", "--stress"), ("alloy SEI transport", "--sei-transport")):
        cycle.add_argument(
            flag, default=ALLOY_OPTIONS[option][0], choices=ALLOY_OPTIONS[option],
            help=f"model option {option!r}",
        )
    cycle.add_argument("--out", type=Path, default=Path("results"), help="output directory")
    regime = commands.add_parser(
        "regime",
        help="which step limits each couple: regime.csv, regime_map.png and a size sweep",
        description="Characteristic times of the SEI film, shell diffusion and interface "
        "reaction for every shipped couple at its default size (regime.csv), the "
        "Da-Bi_SEI regime map (regime_map.png) and a particle-size sweep of one couple "
        "(size_sweep.csv, size_sweep.png) into --out.",
    )
    regime.add_argument(
        "--sweep-set", default="LiSi_NMC811", choices=couple_names(),
        help="couple of the size sweep",
    )
    regime.add_argument("--no-sei", action="store_true", help="leave the SEI film out")
    regime.add_argument("--out", type=Path, default=Path("results"), help="output directory")
    rate = commands.add_parser(
        "rate-limit",
        help="diffusion-limited C-rate of anode lithiation: rate_limit.csv, rate_capability.png",
        description="Highest C-rate at which anode lithiation still delivers --threshold of "
        "its C/20 capacity, bracketed in log C-rate to --tolerance, for each "
        "--parameter-set (all by default), in parallel. Writes rate_limit.csv and "
        "rate_capability.png into --out.",
    )
    rate.add_argument("--parameter-set", nargs="+", choices=couple_names(), help="couples")
    rate.add_argument("--radius", type=float, help="particle radius [m] (default: each set's)")
    rate.add_argument("--cell", default="full", choices=("full", "half"))
    rate.add_argument("--threshold", type=float, default=0.8)
    rate.add_argument("--tolerance", type=float, default=0.05)
    rate.add_argument("--out", type=Path, default=Path("results"), help="output directory")
    commands.add_parser("list", help="list the shipped couples and protocols")
    docs = commands.add_parser(
        "docs", help="write the parameter tables (one per couple) and the couple comparison"
    )
    docs.add_argument("--out", type=Path, default=Path("docs"), help="output directory")
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
        },
        rate=args.rate,
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
        tolerance=args.tolerance, cell=args.cell,
    )
    args.out.mkdir(parents=True, exist_ok=True)
    written = [
        write_atomically(args.out / "rate_limit.csv", table.drop(columns="trials", errors="ignore").to_csv),
        save_figure(plot_rate_capability(table, args.threshold), args.out / "rate_capability.png"),
    ]
    print(table.drop(columns="trials", errors="ignore").to_string(index=False))
    for path in written:
        print(f"wrote {path}")
    failed = table[table["error"] != ""]
    for _, row in failed.iterrows():
        print(f"pybamm-alloying: {row['case']}: {row['error']}", file=sys.stderr)
    return 1 if len(failed) else 0


#: Radii of the size sweep [m]: 10 nm to 1 mm, five per decade.
SWEEP_RADII = tuple(float(r) for r in np.logspace(-8, -3, 26))


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
    args.out.mkdir(parents=True, exist_ok=True)
    written = [
        write_atomically(args.out / "regime.csv", table.to_csv),
        write_atomically(args.out / "size_sweep.csv", sweep.to_csv),
        save_figure(plot_regime_map(), args.out / "regime_map.png"),
        save_figure(plot_size_sweep(sweep, label), args.out / "size_sweep.png"),
    ]
    columns = ["name", "damkohler", "sei_biot", "exponent", "regime", "limiting_c_rate"]
    print(table[columns].to_string(index=False, float_format="{:.4g}".format))
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
        return _list() if args.command == "list" else _cycle(args)
    except (ValueError, pybamm.OptionError, OSError) as error:
        print(f"pybamm-alloying: {error}", file=sys.stderr)
        return 2
    except pybamm.SolverError as error:
        print(f"pybamm-alloying: the simulation failed: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
