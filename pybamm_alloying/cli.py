"""Command line: ``pybamm-alloying compare`` (the main job), ``lithiate``, ``cycle``,
``formation``, ``rate-limit``, ``regime``, ``list`` and ``docs``, each with ``--help`` and ``--out DIR``;
``python -m pybamm_alloying`` is the same program (docs/cli.md).

:func:`main` runs in two phases. The *check* phase reads every argument (argparse
``type=`` functions of :mod:`pybamm_alloying.cli_checks`: finite, in range, capped),
checks what needs the parameter set (the protocol, the model options, the held
potential), then creates ``--out`` and proves it writable; anything wrong ends it with
the usage, one line ``argument --name: ...`` and exit code 2. Nothing is solved before
it ends. The *run* phase then solves and writes; its outcome is 0 (done, including a
physical outcome such as an arrested front) or 1 (a solve failed, a cycle did not
finish, a case failed or ran out of time), with one line on stderr for a failure.
The solving commands (``cycle``, ``lithiate``, ``formation``, ``rate-limit``, ``compare``) run in a
child process: ``--time-limit`` stops it, and Ctrl-C ends it at once (exit 130, one
line, the sweeps' finished cases kept in ``--out/.checkpoint/``).

Exit codes: 0 success, 1 the simulation failed or stopped before its end, 2 bad
command-line input (reported before any solve), 130 interrupted (Ctrl-C).
"""

import argparse
import importlib.metadata
import logging
import multiprocessing
import os
import re
import signal
import sys
import threading
from pathlib import Path

import pandas as pd
import pybamm

from . import cli_checks as checks
from .files import write_csv, write_json
from .models import DFN
from .models.options import ALLOY_OPTIONS
from .parameters import (
    composite_metadata,
    composite_names,
    conversion_names,
    couple_names,
    list_couples,
    set_names,
    write_parameter_docs,
)
from .plotting import (
    plot_arrested_front,
    plot_capacity_per_cycle,
    plot_composite,
    plot_cycling,
    plot_discharge_curves,
    plot_dqdv,
    plot_energy_and_swelling,
    plot_front,
    plot_ragone,
    plot_rate_capability,
    plot_regime_map,
    plot_size_map,
    plot_size_sweep,
    plot_voltage_capacity,
    save_figure,
)
from .regime import size_sweep
from .studies import protocol_names, run_cycling
from .studies.anode_comparison import compare_anodes
from .studies.composite import FRACTIONS, composite_options, composite_study, lithiation_curve
from .studies.critical_sizes import critical_sizes, size_map
from .studies.cycling import TIMESERIES_CYCLES, cycling_cell, solution_timeseries
from .studies.formation import FORMATION_RATES, cell_options, formation_cell, run_formation
from .studies.lithiation_hold import hold_values, lithiation_hold
from .studies.parallel import clear_checkpoint
from .studies.protocols import load_protocol, read_protocol
from .studies.rate_limit import check_inputs, rate_limit_table
from .studies.regime_table import REGIME_HEADERS, SWEEP_RADII, regime_table
from .validation import ValidationError

PROG = "pybamm-alloying"
#: Exit codes.
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
#: Where a sweep command keeps its finished cases until the whole table is written: a
#: rerun of the same command resumes from there (studies/parallel.py).
CHECKPOINT = ".checkpoint"
#: Commands whose run phase is a child process (time limit, prompt Ctrl-C).
SOLVING = ("cycle", "lithiate", "rate-limit", "compare", "formation")
#: Solving commands whose ``--time-limit`` bounds the whole run (the sweeps' bounds a case).
WHOLE_RUN_LIMIT = ("cycle", "lithiate", "formation")
#: Commands whose sweep keeps finished cases in ``--out/.checkpoint``.
SWEEPS = ("rate-limit", "compare")
#: Model option -> the flag that sets it on every command that builds a model.
OPTION_FLAGS = {
    "alloy particle": "--particle",
    "alloy geometry": "--geometry",
    "alloy stress": "--stress",
    "alloy SEI transport": "--sei-transport",
    "alloy fracture": "--fracture",
    "alloy plating cut-off": "--plating-cut-off",
}
#: Help of the model-option flags that say more than the option's name.
OPTION_HELP = {
    "alloy particle": "shell model: resolved diffusion, its quasi-steady profile, or the "
    "conversion-alloying particle (for a conversion set such as LiSnO2_NMC811)"
}


def version() -> str:
    """The installed distribution's version."""
    try:
        return importlib.metadata.version("pybamm-alloying")
    except importlib.metadata.PackageNotFoundError:  # a source tree that is not installed
        from . import __version__

        return __version__


class Refused(Exception):
    """Bad input found by the check phase: ``flag`` and the one-line reason."""

    def __init__(self, flag: str, message: str):
        self.flag = flag
        super().__init__(f"argument {flag}: {message}" if flag else message)


def _one_line(error: BaseException | str) -> str:
    return " ".join(str(error).split())


# -- the parser ------------------------------------------------------------------------


def _command(commands, name: str, func, check=None, out: Path | None = Path("results"), **kw):
    """A subcommand that runs ``func(args)`` after ``check(args)``; with ``out``, the
    ``--out DIR`` every writing command takes."""
    command = commands.add_parser(name, **kw)
    command.set_defaults(func=func, check=check)
    if out is not None:
        command.add_argument(
            "--out",
            type=checks.out_path,
            default=out,
            help=f"output directory, created if missing (default: {out})",
        )
    return command


def _add_parameter_set(command, choices, help: str, default=None, many=False) -> None:
    command.add_argument(
        "--parameter-set",
        nargs="+" if many else None,
        default=default,
        choices=choices,
        metavar="SET",
        help=help,
    )


def _add_model_options(command, **defaults) -> None:
    """The flags of every alloy model option (:data:`OPTION_FLAGS`); ``defaults`` by
    option name where the command's differ from the models' (the first allowed value)."""
    group = command.add_argument_group("model options")
    for option, flag in OPTION_FLAGS.items():
        default = defaults.get(option, ALLOY_OPTIONS[option][0])
        group.add_argument(
            flag,
            default=default,
            choices=ALLOY_OPTIONS[option],
            help=f"{OPTION_HELP.get(option, f'model option {option!r}')} (default: {default})",
        )


def _add_run_flags(command, limited: str, progress: str | None = None, **defaults) -> None:
    """The flags of a command that solves: the model options (``defaults`` as in
    :func:`_add_model_options`), ``--time-limit`` on ``limited`` and, with ``progress``,
    ``--quiet``."""
    _add_model_options(command, **defaults)
    command.add_argument(
        "--time-limit",
        type=checks.time_limit,
        metavar="SECONDS",
        help=f"stop {limited} that runs longer than this, at most {checks.MAX_TIME_LIMIT:g} s "
        "(default: no limit)",
    )
    if progress is not None:
        command.add_argument("--quiet", action="store_true", help=f"no {progress} on stderr")


def _cycle_parser(commands) -> None:
    cycle = _command(
        commands,
        "cycle",
        _cycle,
        _check_cycle,
        help="cycle a full cell: timeseries.csv, cycles.csv and three figures",
        description="Cycle a full cell with a shrinking-core alloy anode. Writes "
        "timeseries.csv (one row per output time), cycles.csv (one row per cycle), "
        "voltage.png (voltage and front depth against time), voltage_capacity.png and "
        "capacity.png (capacity and coulombic efficiency per cycle) into --out. One "
        "progress line per cycle on stderr.",
    )
    _add_parameter_set(
        cycle,
        couple_names() + composite_names(),
        f"couple, one of {', '.join(couple_names())} (default: LiSi_NMC811), or composite "
        f"set (graphite + alloy), one of {', '.join(composite_names())}",
        default="LiSi_NMC811",
    )
    cycle.add_argument("--protocol", default="cccv", choices=protocol_names())
    cycle.add_argument(
        "--cycles",
        type=checks.cycle_count,
        help=f"number of cycles, 1 to {checks.MAX_CYCLES} (default: the protocol's)",
    )
    cycle.add_argument(
        "--rate",
        type=checks.c_rate,
        help=f"C-rate of a protocol that has one, {checks.c_rate.allowed}",
    )
    cycle.add_argument(
        "--save-at-cycles",
        type=checks.cycle_count,
        metavar="N",
        help="keep the time series of every N-th cycle (1: all; default: all for up to "
        f"{TIMESERIES_CYCLES} cycles and for gitt, else the first and the last); cycles.csv "
        "has every cycle",
    )
    _add_run_flags(cycle, "the run", "progress line per cycle")


def _formation_parser(commands) -> None:
    formation = _command(
        commands,
        "formation",
        _formation,
        _check_formation,
        help="formation cycles and the first-cycle loss: formation.csv, timeseries.csv, "
        "formation.png",
        description="Form a cell of any shipped set (NAME): one cycle per --rates (default: "
        f"{' '.join(FORMATION_RATES)}), a CC lithiation of the anode (the full cell's "
        "charge, with a hold at the upper cut-off until C/100; the half cell's discharge to "
        "5 mV) and a CC delithiation to the other cut-off. A conversion-alloying set "
        f"({', '.join(conversion_names())}) converts on its first lithiation and keeps "
        "carrier in its A2O matrix: formation.csv has per cycle the charge in and out, the "
        "coulombic efficiency, the irreversible loss and the loss its conversion "
        "stoichiometry predicts. Writes formation.csv, timeseries.csv and formation.png "
        "(voltage against capacity per cycle) into --out.",
    )
    formation.add_argument(
        "name", choices=set_names(), metavar="NAME", help=f"set, one of {', '.join(set_names())}"
    )
    formation.add_argument(
        "--cell",
        default="full",
        choices=("full", "half"),
        help="the set's full cell, or its anode against the carrier metal (default: full)",
    )
    formation.add_argument(
        "--rates",
        nargs="+",
        type=checks.c_rate,
        default=list(FORMATION_RATES),
        metavar="RATE",
        help=f"C-rate of each formation cycle, {checks.c_rate.allowed} (default: "
        f"{' '.join(FORMATION_RATES)})",
    )
    _add_run_flags(formation, "the run")


def _regime_parser(commands) -> None:
    regime = _command(
        commands,
        "regime",
        _regime,
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
        "--sweep-set",
        default="LiSi_NMC811",
        choices=couple_names(),
        metavar="SET",
        help=f"couple of the size sweep, one of {', '.join(couple_names())} (default: LiSi_NMC811)",
    )
    regime.add_argument("--no-sei", action="store_true", help="leave the SEI film out")


def _rate_limit_parser(commands) -> None:
    rate = _command(
        commands,
        "rate-limit",
        _rate_limit,
        _check_rate_limit,
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
    _add_parameter_set(
        rate,
        couple_names() + conversion_names(),
        f"couples, among {', '.join(couple_names())} (default: all), or conversion sets, "
        f"among {', '.join(conversion_names())} (their formed full cell)",
        many=True,
    )
    rate.add_argument(
        "--radius",
        type=checks.radius,
        help=f"particle radius, {checks.radius.allowed} (default: each set's)",
    )
    rate.add_argument("--cell", default="full", choices=("full", "half"))
    rate.add_argument(
        "--threshold",
        type=checks.threshold,
        default=0.8,
        help=f"capacity share that passes, {checks.threshold.allowed} (default: 0.8)",
    )
    rate.add_argument(
        "--tolerance",
        type=checks.tolerance,
        default=0.05,
        help=f"relative width of the final C-rate bracket, {checks.tolerance.allowed} "
        "(default: 0.05)",
    )
    _add_run_flags(rate, "a couple", "progress line per finished couple")


def _compare_parser(commands) -> None:
    compare = _command(
        commands,
        "compare",
        _compare,
        _check_compare,
        help="anode comparison (the main job): design.csv and figures in --out",
        description="Compare anodes in the same cell design: each couple's cathode, N/P and "
        "porosity rule; stack Wh/kg and Wh/L with current collectors, separator and "
        "electrolyte; swelling; C/10 and 1C capacity; rate-limited C-rate of the charge and "
        "its limiting mechanism (see rate-limit --help). All lithium "
        "couples against NMC811 by default. Writes design.csv, discharge_curves.png, "
        "ragone.png and energy_swelling.png into --out.",
    )
    _add_parameter_set(
        compare,
        couple_names() + conversion_names() + composite_names(),
        f"couples, among {', '.join(couple_names())} (default: the lithium ones), and "
        f"conversion sets, among {', '.join(conversion_names())} (their formed cell, after "
        "the conversion loss; only when named); with --composite composite sets, among "
        f"{', '.join(composite_names())} (default: all)",
        many=True,
    )
    compare.add_argument("--no-rate-limit", action="store_true", help="skip the C-rate search")
    compare.add_argument(
        "--composite",
        action="store_true",
        help="graphite + alloy composite anodes versus alloy mass fraction instead: "
        "composite.csv, composite.png and dqdv.png",
    )
    compare.add_argument(
        "--fraction",
        nargs="+",
        type=checks.fraction,
        help="alloy mass fractions of --composite, each in [0, 1) (default: "
        f"{' '.join(f'{f:g}' for f in FRACTIONS)})",
    )
    _add_run_flags(compare, "a case", "progress line per finished case")


def _lithiate_parser(commands) -> None:
    lithiate = _command(
        commands,
        "lithiate",
        _lithiate,
        _check_lithiate,
        help="hold one particle at a potential: front, rate law and regime",
        description="Lithiate one alloy particle held at --potential [V vs the carrier "
        "metal] for two analytic conversion times; fit L ~ t^n and classify the regime from "
        "the front and from the parameters. A front that stops (self-limiting lithiation "
        "under stress) is a result: reported with where it stopped. Writes lithiation.csv, "
        "summary.json and front.png into --out. The geometry is planar by default here: "
        "the rate law is a film's.",
    )
    _add_parameter_set(
        lithiate,
        couple_names(),
        f"couple, one of {', '.join(couple_names())} (default: LiSi_NMC811)",
        default="LiSi_NMC811",
    )
    lithiate.add_argument(
        "--potential",
        type=checks.potential,
        default=0.05,
        help="held potential [V vs the carrier metal], in [0, the couple's two-phase "
        "potential) (default: 0.05)",
    )
    lithiate.add_argument(
        "--radius",
        type=checks.radius,
        help=f"radius / half-thickness, {checks.radius.allowed} (default: the set's)",
    )
    _add_run_flags(lithiate, "the run", **{"alloy geometry": "planar"})


def build_parser() -> argparse.ArgumentParser:
    """The program's parser: one builder per command, each command's ``func`` and
    ``check`` in its defaults."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Full-cell simulations with shrinking-core alloying anodes (PyBaMM plugin). "
        "Exit codes: 0 done, 1 a simulation failed or stopped early, 2 bad input (nothing "
        "run), 130 interrupted.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    commands = parser.add_subparsers(dest="command", required=True)
    for builder in (
        _cycle_parser,
        _formation_parser,
        _regime_parser,
        _rate_limit_parser,
        _compare_parser,
        _lithiate_parser,
    ):
        builder(commands)
    _command(
        commands,
        "list",
        _list,
        out=None,
        help="list the shipped couples, composite sets and protocols",
    )
    _command(
        commands,
        "docs",
        _docs,
        out=Path("docs"),
        help="write the parameter tables (one per couple) and the couple comparison",
    )
    parser.commands = dict(commands.choices)
    return parser


# -- the check phase -------------------------------------------------------------------


def model_options(args) -> dict:
    """The alloy model options of a command's flags."""
    return {
        option: getattr(args, flag[2:].replace("-", "_")) for option, flag in OPTION_FLAGS.items()
    }


def _option_flag(error: Exception) -> str:
    """The flag of the first alloy option a model-option error names."""
    text = str(error)
    named = [
        (text.find(f"'{option}'"), flag)
        for option, flag in OPTION_FLAGS.items()
        if f"'{option}'" in text
    ]
    return min(named)[1] if named else "options"


def _check_options(options: dict) -> None:
    """The options build a model (:class:`~pybamm_alloying.DFN`), or :class:`Refused`."""
    try:
        DFN(options)
    except pybamm.OptionError as error:
        raise Refused(_option_flag(error), _one_line(error)) from None


def _check_cycle(args) -> None:
    """The protocol with the set's cut-offs (quick), then the cell: its options and
    parameter values, with the cut-offs against the open circuit
    (:func:`~pybamm_alloying.studies.cycling.cycling_cell`)."""
    values = pybamm.ParameterValues(args.parameter_set)
    try:
        load_protocol(
            args.protocol,
            args.cycles,
            values["Lower voltage cut-off [V]"],
            values["Upper voltage cut-off [V]"],
            args.rate,
        )
    except ValidationError as error:
        flags = {"cycles": "--cycles", "rate": "--rate", "cycles and rate": "--cycles/--rate"}
        raise Refused(flags.get(error.name, "--protocol"), _one_line(error)) from None
    try:
        cycling_cell(args.parameter_set, model_options(args))
    except pybamm.OptionError as error:
        raise Refused(_option_flag(error), _one_line(error)) from None
    except ValueError as error:
        raise Refused("--parameter-set", _one_line(error)) from None


def _check_lithiate(args) -> None:
    """The held potential, the options and the values (:func:`hold_values`); no solve."""
    try:
        hold_values(args.parameter_set, args.potential, args.radius, model_options(args))
    except pybamm.OptionError as error:
        raise Refused(_option_flag(error), _one_line(error)) from None
    except ValidationError as error:
        if error.name == "potential":
            raise Refused("--potential", f"must lie {error.allowed}, not {error.value:g}") from None
        raise Refused("--parameter-set", _one_line(error)) from None
    except ValueError as error:
        raise Refused("--parameter-set", _one_line(error)) from None


def _check_formation(args) -> None:
    """The cell's options and parameter values (:func:`formation_cell`); no solve."""
    if args.particle == "conversion" and args.name not in conversion_names():
        raise Refused(
            "--particle",
            f"'conversion' needs a conversion set ({', '.join(conversion_names())}), not "
            f"{args.name!r}",
        )
    try:
        formation_cell(args.name, args.cell, model_options(args))
    except pybamm.OptionError as error:
        raise Refused(_option_flag(error), _one_line(error)) from None
    except ValueError as error:
        raise Refused("NAME", _one_line(error)) from None


def _check_rate_limit(args) -> None:
    for name in args.parameter_set or couple_names():
        try:
            check_inputs(name, args.radius, args.threshold, args.tolerance, args.cell)
        except ValueError as error:
            raise Refused("", _one_line(error)) from None
    _check_options(model_options(args))
    _check_conversion_options(args)


def _check_compare(args) -> None:
    if args.composite:
        names = args.parameter_set or composite_names()
        unknown = sorted(set(names) - set(composite_names()))
        if unknown:
            raise Refused(
                "--parameter-set",
                f"with --composite, --parameter-set takes {composite_names()}, not {unknown}",
            )
        args.fraction = list(FRACTIONS) if args.fraction is None else args.fraction
        for name in names:
            _check_options({**model_options(args), **composite_options(name)})
        return
    if args.fraction is not None:
        raise Refused(
            "--fraction", "alloy mass fractions need --composite (a couple has no graphite to mix)"
        )
    unknown = sorted(set(args.parameter_set or ()) - set(couple_names() + conversion_names()))
    if unknown:
        raise Refused("--parameter-set", f"{unknown} are composite sets: add --composite")
    _check_options(model_options(args))
    _check_conversion_options(args)


def _check_conversion_options(args) -> None:
    """A named conversion set runs its own particle (:func:`cell_options`), or :class:`Refused`."""
    for name in set(args.parameter_set or ()) & set(conversion_names()):
        try:
            cell_options(name, "full", model_options(args))
        except pybamm.OptionError as error:
            raise Refused("--particle", _one_line(error)) from None


def check(args) -> None:
    """The check phase after parsing: raise :class:`Refused`; ``--out`` last, created."""
    if args.check is not None:
        args.check(args)
    if getattr(args, "out", None) is not None:
        try:
            checks.prepare_out(args.out)
        except ValueError as error:
            raise Refused("--out", str(error)) from None


# -- the run phase ---------------------------------------------------------------------


class _CycleProgress(logging.Filter):
    """On PyBaMM's logger (at NOTICE): each cycle's start as one line on stderr,
    PyBaMM's other notices dropped, its warnings and errors let through."""

    START = re.compile(r"^Cycle (\d+)/(\d+) \((.*) elapsed\)")

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.WARNING - 1:
            return True
        match = self.START.match(record.getMessage())
        if match:
            done, total, elapsed = match.groups()
            print(f"cycle {done}/{total} ({elapsed} elapsed)", file=sys.stderr, flush=True)
        return False


def _show(written: list[Path], *lines: str) -> None:
    """The command's output: ``lines`` (tables, results), then one ``wrote PATH`` per file."""
    for line in lines:
        print(line)
    for path in written:
        print(f"wrote {path}")


def _table(frame: pd.DataFrame, digits: int = 4) -> str:
    return frame.to_string(index=False, float_format=f"{{:.{digits}g}}".format)


def _list(args) -> int:
    columns = ["name", "kind", "carrier", "host", "final phase", "capacity [mAh/g]"]
    table = list_couples()[columns]
    bare, film = (regime_table(sei=sei, names=table["name"]) for sei in (False, True))
    table = table.assign(
        Da=bare["Damkohler number"].to_numpy(),
        Bi_SEI=film["SEI Biot number"].to_numpy(),
        **{
            "regime, bare": bare["regime"].to_numpy(),
            "regime, SEI film": film["regime"].to_numpy(),
        },
    )
    _show(
        [],
        _table(table),
        "regime: regime_from_parameters at the default size, without ('bare') and with the "
        "initial SEI film, as 'pybamm-alloying regime' (with film) and 'regime --no-sei' (bare)",
        "composite sets (graphite + alloy; run with 'cycle --parameter-set NAME' and 'compare "
        "--composite'):",
        *(f"  {name}: {composite_metadata(name)['description']}" for name in composite_names()),
        "protocols:",
        *(f"  {name}: {read_protocol(name)['description']}" for name in protocol_names()),
    )
    return EXIT_OK


def _cycle(args) -> int:
    logger, level = pybamm.logger, pybamm.logger.level
    progress = None if args.quiet else _CycleProgress()
    if progress is not None:
        logger.addFilter(progress)
        logger.setLevel(min(level, pybamm.logger.getEffectiveLevel(), logging.WARNING - 5))
    try:
        result = run_cycling(
            args.parameter_set,
            args.protocol,
            args.cycles,
            options=model_options(args),
            rate=args.rate,
            save_at_cycles=args.save_at_cycles,
        )
    finally:
        if progress is not None:
            logger.removeFilter(progress)
            logger.setLevel(level)
    written = [
        write_csv(args.out / "timeseries.csv", result.timeseries),
        write_csv(args.out / "cycles.csv", result.cycles),
        save_figure(plot_cycling(result.timeseries), args.out / "voltage.png"),
        save_figure(plot_voltage_capacity(result.timeseries), args.out / "voltage_capacity.png"),
        save_figure(plot_capacity_per_cycle(result.cycles), args.out / "capacity.png"),
    ]
    _show(written, result.cycles.to_string(index=False))
    if not result.completed:
        print(
            f"{PROG}: only {len(result.cycles)} of {result.requested_cycles} cycles completed: "
            f"{_one_line(result.stop_reason or result.solution.termination)}",
            file=sys.stderr,
        )
        return EXIT_FAILED
    return EXIT_OK


def _formation(args) -> int:
    result = run_formation(args.name, args.cell, args.rates, model_options(args))
    timeseries = solution_timeseries(result.solution, result.model)
    written = [
        write_csv(args.out / "formation.csv", result.cycles),
        write_csv(args.out / "timeseries.csv", timeseries),
        save_figure(plot_voltage_capacity(timeseries), args.out / "formation.png"),
    ]
    nominal = result.values["Nominal cell capacity [A.h]"]
    _show(
        written,
        _table(result.cycles, 6),
        f"nominal capacity {nominal:.6g} A.h ({'the formed reversible capacity' if args.cell == 'full' else 'the first lithiation'})",
    )
    return EXIT_OK


def _rate_limit(args) -> int:
    table = rate_limit_table(
        args.parameter_set,
        args.radius,
        threshold=args.threshold,
        tolerance=args.tolerance,
        cell=args.cell,
        progress=not args.quiet,
        checkpoint=args.out / CHECKPOINT,
        time_limit=args.time_limit,
        options=model_options(args),
    )
    flat = table.drop(columns="trials", errors="ignore")
    written = [
        write_csv(args.out / "rate_limit.csv", flat),
        save_figure(plot_rate_capability(table, args.threshold), args.out / "rate_capability.png"),
    ]
    _show(written, flat.to_string(index=False))
    return _report_failures(table, args.out)


def _arrest_line(summary: dict) -> str:
    """Where and when an arrested front stopped, in words."""
    where = (
        f"a shell thickness of {1e9 * summary['arrest shell thickness [m]']:.4g} nm, "
        f"{100 * summary['arrest lithiated fraction']:.3g} % lithiated"
    )
    if summary["arrest time [s]"] > 0:
        return (
            f"the front is arrested (self-limited): it stopped at {where}, by t = "
            f"{summary['arrest time [s]']:.4g} s"
        )
    return (
        "the front is arrested (self-limited) at its start: it never advanced beyond the "
        f"initial shell, {where}"
    )


def _lithiate(args) -> int:
    hold = lithiation_hold(args.parameter_set, args.potential, args.radius, model_options(args))
    summary = hold.summary
    figure = (
        plot_arrested_front(hold.front, summary)
        if hold.fit is None or hold.arrested
        else plot_front(hold.front, hold.fit)
    )
    written = [
        write_csv(args.out / "lithiation.csv", hold.front),
        write_json(args.out / "summary.json", summary),
        save_figure(figure, args.out / "front.png"),
    ]
    lines = [f"{key}: {value}" for key, value in summary.items()]
    _show(written, *lines, *([_arrest_line(summary)] if hold.arrested else []))
    return EXIT_OK


def _compare(args) -> int:
    if args.composite:
        return _compare_composites(args)
    table = compare_anodes(
        args.parameter_set,
        rate_limit=not args.no_rate_limit,
        progress=not args.quiet,
        checkpoint=args.out / CHECKPOINT,
        time_limit=args.time_limit,
        options=model_options(args),
    )
    flat = table.drop(columns=["C/10 discharge"], errors="ignore")
    written = [
        write_csv(args.out / "design.csv", flat),
        save_figure(plot_discharge_curves(table), args.out / "discharge_curves.png"),
        save_figure(plot_ragone(table), args.out / "ragone.png"),
        save_figure(plot_energy_and_swelling(table), args.out / "energy_swelling.png"),
    ]
    _show(written, _table(flat[[c for c in DESIGN_SUMMARY if c in flat]]))
    return _report_failures(table, args.out)


def _compare_composites(args) -> int:
    names = args.parameter_set or composite_names()
    table = composite_study(
        names,
        args.fraction,
        rate_limit=not args.no_rate_limit,
        progress=not args.quiet,
        checkpoint=args.out / CHECKPOINT,
        time_limit=args.time_limit,
        options=model_options(args),
    )
    curves = lithiation_curve(names[0], sorted({0.0, max(args.fraction)}))
    flat = table.drop(columns=["C/10 discharge"], errors="ignore")
    label = names[0].split("_")[0]
    written = [
        write_csv(args.out / "composite.csv", flat),
        save_figure(plot_composite(table), args.out / "composite.png"),
        save_figure(
            plot_dqdv({f"{label}, {100 * w:g} wt%": frame for w, frame in curves.items()}),
            args.out / "dqdv.png",
        ),
    ]
    incomplete = flat["incomplete"].fillna("") != "" if "incomplete" in flat else []
    for _, row in flat[incomplete].iterrows():
        print(f"{PROG}: {row['case']}: incomplete: {_one_line(row['incomplete'])}", file=sys.stderr)
    shown = ("parameter set", "alloy mass fraction", *DESIGN_SUMMARY[1:], CALENDERED)
    _show(written, _table(flat[[c for c in shown if c in flat]]))
    return _report_failures(table, args.out)


def _report_failures(table: pd.DataFrame, out: Path) -> int:
    """Failed cases on stderr, exit code 1 if any; otherwise the checkpoint goes."""
    failed = table[table["error"] != ""]
    for _, row in failed.iterrows():
        print(f"{PROG}: {row['case']}: {_one_line(row['error'])}", file=sys.stderr)
    if len(failed):
        print(
            f"{PROG}: rerun the command to retry them (finished cases are kept in {out / CHECKPOINT})",
            file=sys.stderr,
        )
        return EXIT_FAILED
    clear_checkpoint(out / CHECKPOINT)
    return EXIT_OK


#: Columns of the comparison printed on the terminal.
DESIGN_SUMMARY = (
    "parameter set",
    "specific energy [W.h.kg-1]",
    "charged energy density [W.h.L-1]",
    "cell thickness swelling",
    "average voltage [V]",
    "1C discharge capacity [A.h]",
    "rate-limited C-rate",
    "limiting mechanism",
)
#: The composite comparison's extra column on the terminal.
CALENDERED = "calendered energy density [W.h.L-1]"
#: Columns of the regime table printed on the terminal.
REGIME_SUMMARY = (
    "name",
    "Damkohler number",
    "SEI Biot number",
    "exponent",
    "regime",
    "limiting C-rate",
)


def _regime(args) -> int:
    sei = not args.no_sei
    table = regime_table(sei=sei)
    sweep = size_sweep(pybamm.ParameterValues(args.sweep_set), SWEEP_RADII, sei=sei)
    label = args.sweep_set + ("" if sei else " (no SEI film)")
    sizes, size_table = critical_sizes(), size_map()
    written = [
        write_csv(args.out / "regime.csv", table),
        write_csv(args.out / "size_sweep.csv", sweep.rename(columns=REGIME_HEADERS)),
        write_csv(args.out / "critical_sizes.csv", sizes),
        write_csv(args.out / "size_map.csv", size_table),
        save_figure(plot_regime_map(), args.out / "regime_map.png"),
        save_figure(plot_size_sweep(sweep, label), args.out / "size_sweep.png"),
        save_figure(plot_size_map(size_table), args.out / "size_map.png"),
    ]
    regime = {"regime": "regime, SEI film" if sei else "regime, bare"}
    _show(written, _table(table[list(REGIME_SUMMARY)].rename(columns=regime)), _table(sizes, 3))
    return EXIT_OK


def _docs(args) -> int:
    _show(write_parameter_docs(args.out))
    return EXIT_OK


def run(args) -> int:
    """The run phase of the checked ``args``: 0 or 1, one line on stderr for a failure
    (an error after the checks is a failed run, never bad input)."""
    try:
        return args.func(args)
    except pybamm.SolverError as error:
        print(f"{PROG}: the simulation failed: {_one_line(error)}", file=sys.stderr)
    except Exception as error:  # reported in one line: the input was checked
        print(
            f"{PROG}: {args.command} failed: {type(error).__name__}: {_one_line(error)}",
            file=sys.stderr,
        )
    return EXIT_FAILED


class CommandTimeout(TimeoutError):
    """A command's run phase exceeded its ``--time-limit``."""


def _child(args, sender) -> None:
    """The run phase in its own process group, deaf to the terminal's Ctrl-C (the parent
    stops the whole group); its exit code sent back."""
    try:
        os.setpgid(0, 0)
    except OSError:
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        code = run(args)
    except BaseException as error:  # SystemExit and the like: still one line
        print(
            f"{PROG}: {args.command} failed: {type(error).__name__}: {_one_line(error)}",
            file=sys.stderr,
        )
        code = EXIT_FAILED
    sys.stdout.flush()
    sys.stderr.flush()
    sender.send(code)
    sender.close()


def _stop(process) -> None:
    """Kill the child's process group (its workers and their cases with it)."""
    for kill in (lambda: os.killpg(process.pid, signal.SIGKILL), process.kill):
        try:
            kill()
        except (OSError, AttributeError):
            pass


def run_in_child(args, seconds: float | None = None) -> int:
    """:func:`run` in a child process: its exit code; :class:`CommandTimeout` after
    ``seconds``; on KeyboardInterrupt the child's group is killed and it propagates."""
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    receiver, sender = context.Pipe(duplex=False)
    sys.stdout.flush()
    sys.stderr.flush()
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main_thread else None
    try:  # no Ctrl-C between the start and the child's own process group
        process = context.Process(target=_child, args=(args, sender), name=f"{PROG} {args.command}")
        process.start()
        try:
            os.setpgid(process.pid, process.pid)
        except OSError:
            pass
    finally:
        if main_thread:
            signal.signal(signal.SIGINT, previous)
    sender.close()
    finished = False
    try:
        if not receiver.poll(seconds):
            raise CommandTimeout(seconds)
        try:
            code = receiver.recv()
            finished = True
            return code
        except EOFError:
            process.join()
            print(
                f"{PROG}: {args.command} failed: its process ended without a result "
                f"(exit code {process.exitcode})",
                file=sys.stderr,
            )
            return EXIT_FAILED
    finally:
        receiver.close()
        if not finished:
            _stop(process)
        process.join()


def _interrupted(args) -> str:
    if args is not None and args.command in SWEEPS:
        return (
            f"{PROG}: interrupted; the finished cases are kept in {args.out / CHECKPOINT}: "
            "rerun the same command to resume"
        )
    if args is not None and args.command in SOLVING:
        return f"{PROG}: interrupted; nothing was written ({args.command} writes its files when the run ends)"
    return f"{PROG}: interrupted"


def main(argv: list[str] | None = None) -> int:
    """The program: parse and check (exit 2, nothing run), then run (exit 0 or 1);
    130 after Ctrl-C."""
    args = None
    try:
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
            check(args)
        except Refused as error:
            parser.commands[args.command].print_usage(sys.stderr)
            print(f"{PROG} {args.command}: error: {error}", file=sys.stderr)
            return EXIT_USAGE
        except SystemExit as error:  # argparse: --help, --version (0) or a bad argument (2)
            return error.code if isinstance(error.code, int) else EXIT_USAGE
        if args.command not in SOLVING:
            return run(args)
        try:
            return run_in_child(
                args,
                getattr(args, "time_limit", None) if args.command in WHOLE_RUN_LIMIT else None,
            )
        except CommandTimeout:
            print(
                f"{PROG}: {args.command} stopped: it ran longer than --time-limit "
                f"{args.time_limit:g} s; nothing was written",
                file=sys.stderr,
            )
            return EXIT_FAILED
    except KeyboardInterrupt:
        print(_interrupted(args), file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # e.g. `pybamm-alloying list | head -1`
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except OSError:
            pass
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
