"""Command line: ``pybamm-alloying cycle --out DIR``, ``list`` and ``docs --out DIR``.

Exit codes: 0 success, 1 the simulation failed or stopped before the last cycle,
2 bad command-line input (reported before any solve).
"""

import argparse
import sys
from pathlib import Path

import pybamm

from .models.options import ALLOY_OPTIONS
from .parameters import couple_names, list_couples, write_parameter_docs
from .plotting import plot_cycling, save_figure, write_atomically
from .studies import protocol_names, run_cycling
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
        help="cycle a full cell and write timeseries.csv, cycles.csv and voltage.png",
        description="Cycle a full cell with a shrinking-core alloy anode. Writes "
        "timeseries.csv (one row per output time), cycles.csv (one row per cycle) and "
        "voltage.png into --out.",
    )
    cycle.add_argument("--parameter-set", default="LiSi_NMC811", choices=couple_names())
    cycle.add_argument("--protocol", default="cccv_1C", choices=protocol_names())
    cycle.add_argument(
        "--cycles", type=_positive_int, help="number of cycles (default: the protocol's)"
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
    cycle.add_argument("--out", type=Path, default=Path("results"), help="output directory")
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
    args.out.mkdir(parents=True, exist_ok=True)
    result = run_cycling(
        args.parameter_set,
        args.protocol,
        args.cycles,
        {"alloy particle": args.particle, "alloy geometry": args.geometry},
    )
    written = [
        write_atomically(args.out / "timeseries.csv", result.timeseries.to_csv),
        write_atomically(args.out / "cycles.csv", result.cycles.to_csv),
        save_figure(plot_cycling(result.timeseries), args.out / "voltage.png"),
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


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "docs":
            for path in write_parameter_docs(args.out):
                print(f"wrote {path}")
            return 0
        return _list() if args.command == "list" else _cycle(args)
    except (ValueError, pybamm.OptionError, OSError) as error:
        print(f"pybamm-alloying: {error}", file=sys.stderr)
        return 2
    except pybamm.SolverError as error:
        print(f"pybamm-alloying: the simulation failed: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
