"""Command line: ``pybamm-alloying compare`` (the main job), ``lithiate``, ``cycle``,
``rate-limit``, ``regime``, ``list`` and ``docs``, each with ``--help`` and ``--out DIR``;
``python -m pybamm_alloying`` is the same program (docs/cli.md).

:func:`main` runs in two phases. The *check* phase reads every argument (argparse
``type=`` functions of :mod:`pybamm_alloying.cli_checks`: finite, in range, capped),
checks what needs the parameter set (the protocol, the model options, the held
potential), then creates ``--out`` and proves it writable; anything wrong ends it with
the usage, one line ``argument --name: ...`` and exit code 2. Nothing is solved before
it ends. The *run* phase then solves and writes; its outcome is 0 (done, including a
physical outcome such as an arrested front) or 1 (a solve failed, a cycle did not
finish, a case failed or ran out of time), with one line on stderr for a failure.
The solving commands (``cycle``, ``lithiate``, ``rate-limit``, ``compare``) run in a
child process: ``--time-limit`` stops it, and Ctrl-C ends it at once (exit 130, one
line, the sweeps' finished cases kept in ``--out/.checkpoint/``).

Exit codes: 0 success, 1 the simulation failed or stopped before its end, 2 bad
command-line input (reported before any solve), 130 interrupted (Ctrl-C).
"""

import argparse
import importlib.metadata
import json
import logging
import multiprocessing
import os
import re
import signal
import sys
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pybamm

from . import cli_checks as checks
from .files import write_csv
from .models import ParticleLithiation, surface_concentration
from .models.options import ALLOY_OPTIONS
from .parameters import (
    composite_metadata,
    composite_names,
    couple_names,
    list_couples,
    write_parameter_docs,
)
from .plotting import (
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
    write_atomically,
)
from .rate_law import fit_rate_law
from .regime import conversion_time, regime_from_parameters, regime_from_solution, size_sweep
from .studies import protocol_names, run_cycling
from .studies.anode_comparison import compare_anodes
from .studies.composite import FRACTIONS, composite_study, lithiation_curve
from .studies.critical_sizes import critical_sizes, size_map
from .studies.cycling import TIMESERIES_CYCLES, cycling_cell
from .studies.parallel import clear_checkpoint
from .studies.protocols import load_protocol, read_protocol
from .studies.rate_limit import check_inputs, rate_limit_table
from .studies.self_limiting import ARREST_TOLERANCE, FULL_LITHIATION, arrest_fraction
from .validation import ValidationError, validate

PROG = "pybamm-alloying"
#: Exit codes.
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
#: Where a sweep command keeps its finished cases until the whole table is written: a
#: rerun of the same command resumes from there (studies/parallel.py).
CHECKPOINT = ".checkpoint"
#: Commands whose run phase is a child process (time limit, prompt Ctrl-C).
SOLVING = ("cycle", "lithiate", "rate-limit", "compare")
#: Commands whose sweep keeps finished cases in ``--out/.checkpoint``.
SWEEPS = ("rate-limit", "compare")
#: Model option -> the ``cycle`` / ``lithiate`` flag that sets it.
OPTION_FLAGS = {
    "alloy particle": "--particle",
    "alloy geometry": "--geometry",
    "alloy stress": "--stress",
    "alloy SEI transport": "--sei-transport",
    "alloy fracture": "--fracture",
    "alloy plating cut-off": "--plating-cut-off",
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


def _command(commands, name: str, out: Path | None = Path("results"), **kwargs):
    """A subcommand; with ``out``, the ``--out DIR`` every writing command takes."""
    command = commands.add_parser(name, **kwargs)
    if out is not None:
        command.add_argument(
            "--out",
            type=checks.out_path,
            default=out,
            help=f"output directory, created if missing (default: {out})",
        )
    return command


def _add_time_limit(command: argparse.ArgumentParser, what: str) -> None:
    command.add_argument(
        "--time-limit",
        type=checks.time_limit,
        metavar="SECONDS",
        help=f"stop {what} that runs longer than this, at most {checks.MAX_TIME_LIMIT:g} s "
        "(default: no limit)",
    )


def _add_quiet(command: argparse.ArgumentParser, what: str) -> None:
    command.add_argument("--quiet", action="store_true", help=f"no {what} on stderr")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Full-cell simulations with shrinking-core alloying anodes (PyBaMM plugin). "
        "Exit codes: 0 done, 1 a simulation failed or stopped early, 2 bad input (nothing "
        "run), 130 interrupted.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    commands = parser.add_subparsers(dest="command", required=True)
    cycle = _command(
        commands,
        "cycle",
        help="cycle a full cell: timeseries.csv, cycles.csv and three figures",
        description="Cycle a full cell with a shrinking-core alloy anode. Writes "
        "timeseries.csv (one row per output time), cycles.csv (one row per cycle), "
        "voltage.png (voltage and front depth against time), voltage_capacity.png and "
        "capacity.png (capacity and coulombic efficiency per cycle) into --out. One "
        "progress line per cycle on stderr.",
    )
    cycle.add_argument(
        "--parameter-set",
        default="LiSi_NMC811",
        choices=couple_names() + composite_names(),
        metavar="SET",
        help=f"couple, one of {', '.join(couple_names())} (default: "
        f"LiSi_NMC811), or composite set (graphite + alloy), one of {', '.join(composite_names())}",
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
    for option in (
        "alloy stress",
        "alloy SEI transport",
        "alloy fracture",
        "alloy plating cut-off",
    ):
        cycle.add_argument(
            OPTION_FLAGS[option],
            default=ALLOY_OPTIONS[option][0],
            choices=ALLOY_OPTIONS[option],
            help=f"model option {option!r}",
        )
    _add_time_limit(cycle, "the run")
    _add_quiet(cycle, "progress line per cycle")
    regime = _command(
        commands,
        "regime",
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
    rate = _command(
        commands,
        "rate-limit",
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
    rate.add_argument(
        "--parameter-set",
        nargs="+",
        choices=couple_names(),
        metavar="SET",
        help=f"couples, among {', '.join(couple_names())} (default: all)",
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
    _add_time_limit(rate, "a couple")
    _add_quiet(rate, "progress line per finished couple")
    compare = _command(
        commands,
        "compare",
        help="anode comparison (the main job): design.csv and figures in --out",
        description="Compare anodes in the same cell design: each couple's cathode, N/P and "
        "porosity rule; stack Wh/kg and Wh/L with current collectors, separator and "
        "electrolyte; swelling; C/10 and 1C capacity; rate-limited C-rate of the charge and "
        "its limiting mechanism (see rate-limit --help). All lithium "
        "couples against NMC811 by default. Writes design.csv, discharge_curves.png, "
        "ragone.png and energy_swelling.png into --out.",
    )
    compare.add_argument(
        "--parameter-set",
        nargs="+",
        choices=couple_names() + composite_names(),
        metavar="SET",
        help=f"couples, among {', '.join(couple_names())} (default: the lithium ones); with "
        f"--composite composite sets, among {', '.join(composite_names())} (default: all)",
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
    _add_time_limit(compare, "a case")
    _add_quiet(compare, "progress line per finished case")
    lithiate = _command(
        commands,
        "lithiate",
        help="hold one particle at a potential: front, rate law and regime",
        description="Lithiate one alloy particle held at --potential [V vs the carrier "
        "metal] for two analytic conversion times; fit L ~ t^n and classify the regime from "
        "the front and from the parameters. A front that stops (self-limiting lithiation "
        "under stress) is a result: reported with where it stopped. Writes lithiation.csv, "
        "summary.json and front.png into --out.",
    )
    lithiate.add_argument(
        "--parameter-set",
        default="LiSi_NMC811",
        choices=couple_names(),
        metavar="SET",
        help=f"couple, one of {', '.join(couple_names())} (default: LiSi_NMC811)",
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
    lithiate.add_argument(
        "--geometry",
        default="planar",
        choices=ALLOY_OPTIONS["alloy geometry"],
        help="planar (default here: the rate law is a film's) or particle shapes",
    )
    lithiate.add_argument("--stress", default="none", choices=ALLOY_OPTIONS["alloy stress"])
    lithiate.add_argument(
        "--sei-transport", default="none", choices=ALLOY_OPTIONS["alloy SEI transport"]
    )
    _add_time_limit(lithiate, "the run")
    _command(
        commands, "list", out=None, help="list the shipped couples, composite sets and protocols"
    )
    _command(
        commands,
        "docs",
        help="write the parameter tables (one per couple) and the couple comparison",
        out=Path("docs"),
    )
    parser.commands = dict(commands.choices)
    return parser


# -- the check phase -------------------------------------------------------------------


def _cycle_options(args) -> dict:
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
        cycling_cell(args.parameter_set, _cycle_options(args))
    except pybamm.OptionError as error:
        raise Refused(_option_flag(error), _one_line(error)) from None
    except ValueError as error:
        raise Refused("--parameter-set", _one_line(error)) from None


def _check_lithiate(args) -> None:
    values = pybamm.ParameterValues(args.parameter_set)
    if args.radius is not None:
        values["Negative particle radius [m]"] = args.radius
    plateau = values["Negative electrode two-phase potential [V]"]
    allowed = (
        f"[0, {plateau:g}) V vs the carrier metal for {args.parameter_set} (below 0 V the "
        f"metal plates; at or above the two-phase potential {plateau:g} V the particle "
        "would not lithiate)"
    )
    if not 0 <= args.potential < plateau:
        raise Refused("--potential", f"must lie in {allowed}, not {args.potential:g}")
    try:
        c_ext = surface_concentration(values, args.potential)
    except ValueError:
        c_ext = -np.inf
    if c_ext <= values["Negative electrode shell equilibrium concentration [mol.m-3]"]:
        raise Refused("--potential", f"must lie in {allowed}, not {args.potential:g}")
    options = {
        "alloy geometry": args.geometry,
        "alloy stress": args.stress,
        "alloy SEI transport": args.sei_transport,
    }
    try:
        model = ParticleLithiation(options)
    except pybamm.OptionError as error:
        raise Refused(_option_flag(error), _one_line(error)) from None
    sei = args.sei_transport == "film"
    values.update(
        {
            "Particle surface concentration [mol.m-3]": c_ext,
            "Initial concentration in negative electrode [mol.m-3]": values[
                "Negative electrode core concentration [mol.m-3]"
            ],
        },
        check_already_exists=False,
    )
    try:
        validate(values, model)
        estimate = regime_from_parameters(
            values, geometry=args.geometry, surface_concentration=c_ext, sei=sei
        )
        t_end = 2 * sum(conversion_time(values, 1.0, c_ext, geometry=args.geometry, sei=sei))
    except ValueError as error:
        raise Refused("--parameter-set", _one_line(error)) from None
    if not (np.isfinite(t_end) and t_end > 0):
        raise Refused("--potential", f"gives a hold of {t_end:g} s; must lie in {allowed}")
    args.prepared = {
        "values": values,
        "options": options,
        "c_ext": c_ext,
        "estimate": estimate,
        "t_end": t_end,
        "sei": sei,
    }


def _check_rate_limit(args) -> None:
    for name in args.parameter_set or couple_names():
        try:
            check_inputs(name, args.radius, args.threshold, args.tolerance, args.cell)
        except ValueError as error:
            raise Refused("", _one_line(error)) from None


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
        return
    if args.fraction is not None:
        raise Refused(
            "--fraction", "alloy mass fractions need --composite (a couple has no graphite to mix)"
        )
    unknown = sorted(set(args.parameter_set or ()) - set(couple_names()))
    if unknown:
        raise Refused("--parameter-set", f"{unknown} are composite sets: add --composite")


CHECKS = {
    "cycle": _check_cycle,
    "lithiate": _check_lithiate,
    "rate-limit": _check_rate_limit,
    "compare": _check_compare,
}


def check(args) -> None:
    """The check phase after parsing: raise :class:`Refused`; ``--out`` last, created."""
    CHECKS.get(args.command, lambda args: None)(args)
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


def _list(args) -> int:
    table = list_couples()[["name", "carrier", "host", "final phase", "capacity [mAh/g]"]]
    estimates = {
        sei: [
            regime_from_parameters(pybamm.ParameterValues(name), sei=sei) for name in table["name"]
        ]
        for sei in (False, True)
    }
    table = table.assign(
        Da=[e.damkohler for e in estimates[False]],
        Bi_SEI=[e.sei_biot for e in estimates[True]],
        **{
            "regime, bare": [e.regime for e in estimates[False]],
            "regime, SEI film": [e.regime for e in estimates[True]],
        },
    )
    print(table.to_string(index=False, float_format="{:.4g}".format))
    print(
        "regime: regime_from_parameters at the default size, without ('bare') and with the "
        "initial SEI film, as 'pybamm-alloying regime' (with film) and 'regime --no-sei' (bare)"
    )
    print(
        "composite sets (graphite + alloy; run with 'cycle --parameter-set NAME' and 'compare --composite'):"
    )
    for name in composite_names():
        print(f"  {name}: {composite_metadata(name)['description']}")
    print("protocols:")
    for name in protocol_names():
        print(f"  {name}: {read_protocol(name)['description']}")
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
            options=_cycle_options(args),
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
    print(result.cycles.to_string(index=False))
    for path in written:
        print(f"wrote {path}")
    if not result.completed:
        print(
            f"{PROG}: only {len(result.cycles)} of {result.requested_cycles} cycles completed: "
            f"{_one_line(result.stop_reason or result.solution.termination)}",
            file=sys.stderr,
        )
        return EXIT_FAILED
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
    )
    written = [
        write_csv(args.out / "rate_limit.csv", table.drop(columns="trials", errors="ignore")),
        save_figure(plot_rate_capability(table, args.threshold), args.out / "rate_capability.png"),
    ]
    print(table.drop(columns="trials", errors="ignore").to_string(index=False))
    for path in written:
        print(f"wrote {path}")
    return _report_failures(table, args.out)


#: File headers of the regime estimate's fields
#: (:class:`~pybamm_alloying.regime.RegimeEstimate`, times in s): a unit in PyBaMM's
#: form, none for a dimensionless quantity (PyBaMM's convention, also for its "C-rate").
REGIME_HEADERS = {
    "radius": "radius [m]",
    "stefan": "Stefan number",
    "film_time": "SEI film time [s]",
    "diffusion_time": "shell diffusion time [s]",
    "interface_time": "interface reaction time [s]",
    "total_time": "conversion time [s]",
    "half_conversion_time": "half conversion time [s]",
    "damkohler": "Damkohler number",
    "sei_biot": "SEI Biot number",
    "exponent": "exponent",
    "regime": "regime",
    "limiting_c_rate": "limiting C-rate",
}


def _estimated(header: str) -> str:
    """``"radius [m]"`` -> ``"radius (parameters) [m]"``: a regime field as estimated
    from the parameters (summary.json, beside what the simulated front gives)."""
    name, bracket, unit = header.partition(" [")
    return f"{name} (parameters){bracket}{unit}"


def _arrest(front: pd.DataFrame) -> dict:
    """Where and when an arrested front stopped."""
    thickness = front["Shell thickness [m]"].to_numpy()
    growth = thickness - thickness[0]
    reached = np.flatnonzero(growth >= (1 - ARREST_TOLERANCE) * growth[-1])[0]
    return {
        "front arrested": True,
        "arrest shell thickness [m]": float(thickness[-1]),
        "arrest lithiated fraction": float(front["Lithiated fraction"].iloc[-1]),
        "arrest time [s]": float(front["Time [s]"].iloc[reached]),
    }


def _plot_arrested(front: pd.DataFrame, arrest: dict):
    """Shell thickness against time (linear axes: an arrested front hardly grows)."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4.5))
    ax.plot(front["Time [s]"], 1e9 * front["Shell thickness [m]"], "k-", label="model")
    ax.axhline(
        1e9 * arrest["arrest shell thickness [m]"],
        color="r",
        ls="--",
        label=f"arrested: {100 * arrest['arrest lithiated fraction']:.3g} % lithiated",
    )
    ax.set(xlabel="Time [s]", ylabel="shell thickness [nm]", title="front arrested (self-limited)")
    ax.legend(loc="best", fontsize="small")
    fig.tight_layout()
    return fig


def _lithiate(args) -> int:
    prepared = args.prepared
    values = prepared["values"]
    t = np.linspace(0, prepared["t_end"], 1000)
    model = ParticleLithiation(prepared["options"])
    solution = pybamm.Simulation(model, parameter_values=values).solve(t[[0, -1]], t_interp=t)
    front = pd.DataFrame(
        {
            "Time [s]": solution.t,
            "Shell thickness [m]": np.ravel(solution["Negative shell thickness [m]"].entries),
            "Lithiated fraction": np.ravel(solution["Negative lithiated fraction"].entries),
        }
    )
    final = float(front["Lithiated fraction"].iloc[-1])
    # two unstressed conversion times: a front short of full lithiation was stopped
    arrested = args.stress != "none" and final < FULL_LITHIATION
    try:
        fit = fit_rate_law(front["Time [s]"], front["Shell thickness [m]"])
    except ValueError:
        if not arrested:
            raise
        fit = None  # the front did not move enough to fit
    summary = {
        "parameter set": args.parameter_set,
        "potential [V]": args.potential,
        "geometry": args.geometry,
        "fitted exponent": None if fit is None else fit.n,
        "exponent 95% half-width": None if fit is None else fit.n_ci95,
        "regime (front)": "arrested (self-limited)" if arrested else regime_from_solution(solution),
        **{_estimated(REGIME_HEADERS[k]): v for k, v in prepared["estimate"].as_series().items()},
        "final lithiated fraction": final,
        "front arrested": False,
    }
    if arrested:
        summary.update(_arrest(front))
        if args.sei_transport == "none":
            summary["closed-form arrest fraction"] = arrest_fraction(
                values, args.potential, args.geometry, values["Negative particle radius [m]"]
            )
    summary = {  # JSON has no infinity: no SEI film gives Bi = inf, written null
        key: None if isinstance(value, float) and not np.isfinite(value) else value
        for key, value in summary.items()
    }
    figure = (
        plot_front(front, fit)
        if fit is not None and not arrested
        else _plot_arrested(front, summary)
    )
    written = [
        write_csv(args.out / "lithiation.csv", front),
        write_atomically(
            args.out / "summary.json",
            lambda path: Path(path).write_text(json.dumps(summary, indent=2, default=float)),
        ),
        save_figure(figure, args.out / "front.png"),
    ]
    for key, value in summary.items():
        print(f"{key}: {value}")
    if arrested:
        where = (
            f"a shell thickness of {1e9 * summary['arrest shell thickness [m]']:.4g} nm, "
            f"{100 * summary['arrest lithiated fraction']:.3g} % lithiated"
        )
        if summary["arrest time [s]"] > 0:
            print(
                f"the front is arrested (self-limited): it stopped at {where}, by t = "
                f"{summary['arrest time [s]']:.4g} s"
            )
        else:
            print(
                f"the front is arrested (self-limited) at its start: it never advanced "
                f"beyond the initial shell, {where}"
            )
    for path in written:
        print(f"wrote {path}")
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
    )
    flat = table.drop(columns=["C/10 discharge"], errors="ignore")
    written = [
        write_csv(args.out / "design.csv", flat),
        save_figure(plot_discharge_curves(table), args.out / "discharge_curves.png"),
        save_figure(plot_ragone(table), args.out / "ragone.png"),
        save_figure(plot_energy_and_swelling(table), args.out / "energy_swelling.png"),
    ]
    columns = [c for c in DESIGN_SUMMARY if c in flat]
    print(flat[columns].to_string(index=False, float_format="{:.4g}".format))
    for path in written:
        print(f"wrote {path}")
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
    columns = [
        c
        for c in (
            "parameter set",
            "alloy mass fraction",
            *DESIGN_SUMMARY[1:],
            "calendered energy density [W.h.L-1]",
        )
        if c in flat
    ]
    print(flat[columns].to_string(index=False, float_format="{:.4g}".format))
    for path in written:
        print(f"wrote {path}")
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


#: Radii of the size sweep [m]: 10 nm to 1 mm, five per decade.
SWEEP_RADII = tuple(float(r) for r in np.logspace(-8, -3, 26))


def _regime(args) -> int:
    sei = not args.no_sei
    table = pd.DataFrame(
        [
            {
                "name": name,
                **regime_from_parameters(pybamm.ParameterValues(name), sei=sei).as_series(),
            }
            for name in couple_names()
        ]
    ).rename(columns=REGIME_HEADERS)
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
    columns = [
        "name",
        "Damkohler number",
        "SEI Biot number",
        "exponent",
        "regime",
        "limiting C-rate",
    ]
    shown = table[columns].rename(columns={"regime": "regime, SEI film" if sei else "regime, bare"})
    print(shown.to_string(index=False, float_format="{:.4g}".format))
    print(sizes.to_string(index=False, float_format="{:.3g}".format))
    for path in written:
        print(f"wrote {path}")
    return EXIT_OK


def _docs(args) -> int:
    for path in write_parameter_docs(args.out):
        print(f"wrote {path}")
    return EXIT_OK


RUNNERS = {
    "cycle": _cycle,
    "lithiate": _lithiate,
    "rate-limit": _rate_limit,
    "compare": _compare,
    "regime": _regime,
    "list": _list,
    "docs": _docs,
}


def run(args) -> int:
    """The run phase of the checked ``args``: 0 or 1, one line on stderr for a failure
    (an error after the checks is a failed run, never bad input)."""
    try:
        return RUNNERS[args.command](args)
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
                getattr(args, "time_limit", None)
                if args.command in ("cycle", "lithiate")
                else None,
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
