"""A held bad-input corpus for the command line (issue 23): each invocation with its
expected exit code.

The exit-2 and help/version cases run in-process through ``pybamm_alloying.cli.main``
with every way to start a solve replaced by a tripwire: they must be refused in the
check phase (milliseconds, nothing solved), print one error line naming the argument
and no traceback, and write nothing into ``--out``. A handful run the real program in a
subprocess: ``python -m pybamm_alloying`` itself, a physical outcome (an arrested front,
exit 0), a failed first step (exit 1), a time limit (exit 1) and Ctrl-C (exit 130).
"""

import json
import re
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pybamm
import pytest

from pybamm_alloying import cli

LONG = "x" * 256  # one path component over NAME_MAX

#: (command line, exit code, what the error line must name). ``{out}`` is a fresh
#: directory that must stay unwritten; ``{file}`` an existing regular file; a writing
#: command without ``--out`` gets ``--out {out}``.
CORPUS = [
    # -- cycle: counts, rates, names, options, time limit ------------------------------
    ("cycle --cycles 0", 2, "--cycles"),
    ("cycle --cycles -1", 2, "--cycles"),
    ("cycle --cycles nan", 2, "--cycles"),
    ("cycle --cycles inf", 2, "--cycles"),
    ("cycle --cycles 1.5", 2, "--cycles"),
    ("cycle --cycles abc", 2, "--cycles"),
    ("cycle --cycles 100000000", 2, "--cycles"),
    ("cycle --cycles 10001", 2, "--cycles"),
    ("cycle --save-at-cycles 0", 2, "--save-at-cycles"),
    ("cycle --save-at-cycles nan", 2, "--save-at-cycles"),
    ("cycle --save-at-cycles 100000", 2, "--save-at-cycles"),
    ("cycle --rate fast", 2, "--rate"),
    ("cycle --rate 0C", 2, "--rate"),
    ("cycle --rate C/0", 2, "--rate"),
    ("cycle --rate -1C", 2, "--rate"),
    ("cycle --rate nan", 2, "--rate"),
    ("cycle --rate inf", 2, "--rate"),
    ("cycle --rate 1e3C", 2, "--rate"),
    ("cycle --rate 2000C", 2, "--rate"),
    ("cycle --rate C/1000", 2, "--rate"),
    ("cycle --protocol gitt --rate 2C", 2, "--rate"),
    ("cycle --protocol formation_C10 --rate 1C", 2, "--rate"),
    ("cycle --protocol rate_test --cycles 2", 2, "--cycles"),
    ("cycle --protocol nope", 2, "--protocol"),
    ("cycle --parameter-set LiXx", 2, "--parameter-set"),
    (
        "cycle --parameter-set LiSi_graphite_NMC811 --sei-transport film --particle quasi-steady",
        2,
        "--sei-transport",
    ),
    ("cycle --parameter-set LiGe_graphite_NMC811 --protocol gitt --rate 1C", 2, "--rate"),
    ("cycle --particle fickian", 2, "--particle"),
    ("cycle --geometry cube", 2, "--geometry"),
    ("cycle --stress elastic", 2, "--stress"),
    ("cycle --fracture index", 2, "--fracture"),
    ("cycle --fracture crack", 2, "--fracture"),
    ("cycle --sei-transport film --particle quasi-steady", 2, "--sei-transport"),
    ("cycle --plating-cut-off maybe", 2, "--plating-cut-off"),
    ("cycle --time-limit 0", 2, "--time-limit"),
    ("cycle --time-limit -5", 2, "--time-limit"),
    ("cycle --time-limit nan", 2, "--time-limit"),
    ("cycle --time-limit inf", 2, "--time-limit"),
    ("cycle --time-limit -inf", 2, "--time-limit"),
    ("cycle --time-limit 1e7", 2, "--time-limit"),
    ("cycle --time-limit soon", 2, "--time-limit"),
    ("cycle --bogus", 2, "--bogus"),
    # -- --out on every writing command: refused before anything runs ------------------
    ("cycle --out ''", 2, "--out"),
    ("cycle --out '   '", 2, "--out"),
    ("cycle --out /dev/null", 2, "--out"),
    ("cycle --out {file}", 2, "--out"),
    ("cycle --out {file}/sub", 2, "--out"),
    ("cycle --out {out}/" + LONG, 2, "--out"),
    ("cycle --out /proc", 2, "--out"),
    ("cycle --out /proc/no/such", 2, "--out"),
    ("lithiate --out /dev/null", 2, "--out"),
    ("lithiate --out {file}", 2, "--out"),
    ("lithiate --out ''", 2, "--out"),
    ("lithiate --out {out}/" + LONG, 2, "--out"),
    ("regime --out /dev/null", 2, "--out"),
    ("regime --out {file}", 2, "--out"),
    ("regime --out ''", 2, "--out"),
    ("rate-limit --out /dev/null", 2, "--out"),
    ("rate-limit --out {file}", 2, "--out"),
    ("compare --out /dev/null", 2, "--out"),
    ("compare --out {file}", 2, "--out"),
    ("compare --composite --out ''", 2, "--out"),
    ("docs --out /dev/null", 2, "--out"),
    ("docs --out {file}", 2, "--out"),
    ("docs --out ''", 2, "--out"),
    # -- lithiate: the held potential, the size, the options ---------------------------
    ("lithiate --potential nan", 2, "--potential"),
    ("lithiate --potential inf", 2, "--potential"),
    ("lithiate --potential -inf", 2, "--potential"),
    ("lithiate --potential -1", 2, "--potential"),
    ("lithiate --potential -0.001", 2, "--potential"),
    ("lithiate --potential 0.144", 2, "--potential"),  # Li-Si's two-phase potential
    ("lithiate --potential 0.6", 2, "--potential"),
    ("lithiate --potential 1e300", 2, "--potential"),
    ("lithiate --potential low", 2, "--potential"),
    ("lithiate --parameter-set NaSn_NVPF --potential 0.53", 2, "--potential"),
    ("lithiate --parameter-set LiP_NMC811 --potential 0.95", 2, "--potential"),
    ("lithiate --radius nan", 2, "--radius"),
    ("lithiate --radius inf", 2, "--radius"),
    ("lithiate --radius -inf", 2, "--radius"),
    ("lithiate --radius 0", 2, "--radius"),
    ("lithiate --radius -1", 2, "--radius"),
    ("lithiate --radius 1e-12", 2, "--radius"),
    ("lithiate --radius 1", 2, "--radius"),
    ("lithiate --radius 2e-3", 2, "--radius"),
    ("lithiate --radius big", 2, "--radius"),
    ("lithiate --geometry cube", 2, "--geometry"),
    ("lithiate --stress elastic", 2, "--stress"),
    ("lithiate --sei-transport yes", 2, "--sei-transport"),
    ("lithiate --parameter-set LiSi_graphite_NMC811", 2, "--parameter-set"),
    ("lithiate --time-limit 0", 2, "--time-limit"),
    ("lithiate --time-limit inf", 2, "--time-limit"),
    # -- rate-limit: tolerance, threshold, radius, cell --------------------------------
    ("rate-limit --tolerance 1e-300", 2, "--tolerance"),
    ("rate-limit --tolerance 1e-7", 2, "--tolerance"),
    ("rate-limit --tolerance inf", 2, "--tolerance"),
    ("rate-limit --tolerance nan", 2, "--tolerance"),
    ("rate-limit --tolerance 0", 2, "--tolerance"),
    ("rate-limit --tolerance -0.1", 2, "--tolerance"),
    ("rate-limit --tolerance 0.6", 2, "--tolerance"),
    ("rate-limit --threshold 2", 2, "--threshold"),
    ("rate-limit --threshold 0", 2, "--threshold"),
    ("rate-limit --threshold 1", 2, "--threshold"),
    ("rate-limit --threshold nan", 2, "--threshold"),
    ("rate-limit --threshold inf", 2, "--threshold"),
    ("rate-limit --threshold -0.5", 2, "--threshold"),
    ("rate-limit --radius -1", 2, "--radius"),
    ("rate-limit --radius nan", 2, "--radius"),
    ("rate-limit --radius inf", 2, "--radius"),
    ("rate-limit --radius 1e-12", 2, "--radius"),
    ("rate-limit --radius 1", 2, "--radius"),
    ("rate-limit --cell quarter", 2, "--cell"),
    ("rate-limit --parameter-set LiXx", 2, "--parameter-set"),
    ("rate-limit --parameter-set LiSi_graphite_NMC811", 2, "--parameter-set"),
    ("rate-limit --parameter-set", 2, "--parameter-set"),
    ("rate-limit --time-limit -5", 2, "--time-limit"),
    ("rate-limit --time-limit inf", 2, "--time-limit"),
    # -- compare ----------------------------------------------------------------------
    ("compare --fraction 0.1", 2, "--fraction"),
    ("compare --parameter-set LiSi_NMC811 --fraction 0 0.2", 2, "--fraction"),
    ("compare --composite --fraction 1.2", 2, "--fraction"),
    ("compare --composite --fraction 1", 2, "--fraction"),
    ("compare --composite --fraction -0.1", 2, "--fraction"),
    ("compare --composite --fraction nan", 2, "--fraction"),
    ("compare --composite --fraction inf", 2, "--fraction"),
    ("compare --composite --fraction", 2, "--fraction"),
    ("compare --composite --parameter-set LiSi_NMC811", 2, "--parameter-set"),
    ("compare --parameter-set LiSi_graphite_NMC811", 2, "--parameter-set"),
    ("compare --parameter-set LiXx", 2, "--parameter-set"),
    ("compare --time-limit 0", 2, "--time-limit"),
    ("compare --time-limit inf", 2, "--time-limit"),
    # -- regime, docs, list, the program ------------------------------------------------
    ("regime --sweep-set LiXx", 2, "--sweep-set"),
    ("regime --sweep-set LiSi_graphite_NMC811", 2, "--sweep-set"),
    ("list extra", 2, "extra"),
    ("", 2, "command"),
    ("frobnicate", 2, "frobnicate"),
    ("--bogus", 2, "command"),  # argparse names the missing command first
    ("list --bogus", 2, "--bogus"),
    # -- exit 0 without a solve ---------------------------------------------------------
    ("--help", 0, None),
    ("--version", 0, None),
    ("cycle --help", 0, None),
    ("lithiate --help", 0, None),
    ("rate-limit --help", 0, None),
    ("compare --help", 0, None),
    ("regime --help", 0, None),
    ("list --help", 0, None),
    ("docs --help", 0, None),
    ("formation --help", 0, None),
    # -- formation and the conversion sets in the study commands -----------------------
    ("formation", 2, "NAME"),
    ("formation LiXx", 2, "NAME"),
    ("formation LiSnO2_NMC811 --rates C/0", 2, "--rates"),
    ("formation LiSnO2_NMC811 --rates fast", 2, "--rates"),
    ("formation LiSnO2_NMC811 --cell quarter", 2, "--cell"),
    ("formation LiSnO2_NMC811 --particle quasi-steady", 2, "--particle"),
    ("formation LiSn_NMC811 --particle conversion", 2, "--particle"),
    ("formation LiSnO2_NMC811 --time-limit 0", 2, "--time-limit"),
    ("rate-limit --parameter-set LiSnO2_NMC811 --cell half", 2, "cell must be 'full'"),
    ("compare --parameter-set LiSnO2_NMC811 --particle quasi-steady", 2, "--particle"),
]

WRITING = {"cycle", "lithiate", "rate-limit", "compare", "regime", "docs", "formation"}


def _argv(line: str, out: Path, file: Path) -> list[str]:
    argv = [a.format(out=out, file=file) for a in shlex.split(line)]
    if argv and argv[0] in WRITING and "--out" not in argv and "--help" not in argv:
        argv += ["--out", str(out)]
    return argv


@pytest.fixture
def tripwires(monkeypatch):
    """Every way the CLI could start work fails the test instead."""

    def started(*args, **kwargs):
        raise AssertionError("a solve or run was started for input the check phase must refuse")

    monkeypatch.setattr(cli, "run", started)
    monkeypatch.setattr(cli, "run_in_child", started)
    monkeypatch.setattr(pybamm.Simulation, "solve", started)


def test_the_corpus_is_large_enough():
    codes = [code for _, code, _ in CORPUS]
    assert len(CORPUS) + len(SUBPROCESS_CASES) >= 100
    assert codes.count(2) >= 100


@pytest.mark.parametrize("line, code, named", CORPUS, ids=[c[0] or "(nothing)" for c in CORPUS])
def test_in_process(line, code, named, tmp_path, monkeypatch, capsys, tripwires):
    monkeypatch.chdir(tmp_path)  # a default --out would land here
    out, file = tmp_path / "out", tmp_path / "a-file"
    file.write_text("keep me")
    assert cli.main(_argv(line, out, file)) == code  # tripwires: no solve was started
    stdout, stderr = capsys.readouterr()
    assert "Traceback" not in stderr + stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]  # no --out, no results/
    assert file.read_text() == "keep me"
    if code == 0:
        assert stdout and not stderr
        return
    errors = [line for line in stderr.splitlines() if line.startswith(cli.PROG)]
    assert len(errors) == 1, stderr
    assert named in errors[0]
    assert all(
        line.startswith(("usage:", " ")) for line in stderr.splitlines() if line not in errors
    )


def test_list_shows_couples_composites_and_one_regime_vocabulary(capsys, monkeypatch):
    monkeypatch.setattr(pybamm.Simulation, "solve", None)  # list solves nothing
    assert cli.main(["list"]) == 0
    stdout = capsys.readouterr().out
    for name in (*cli.couple_names(), *cli.composite_names()):
        assert name in stdout
    assert "regime, bare" in stdout and "regime, SEI film" in stdout


# -- real runs: the program itself, outcomes after a solve -----------------------------


def _program(*args, cwd, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "pybamm_alloying", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        **kwargs,
    )


def test_python_m_version(tmp_path):
    result = _program("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"pybamm-alloying {cli.version()}"


def test_python_m_help_is_the_console_script(tmp_path):
    result = _program("--help", cwd=tmp_path)
    assert result.returncode == 0 and not result.stderr
    assert result.stdout.startswith("usage: pybamm-alloying ")
    for command in (
        "cycle",
        "compare",
        "formation",
        "rate-limit",
        "lithiate",
        "regime",
        "list",
        "docs",
    ):
        assert command in result.stdout


def test_an_arrested_front_is_a_result(tmp_path):
    """Plastic stress at the defaults (Li-Si film at 50 mV) stops the front at its start
    shell: written and exit 0, not "bad input" after the solve."""
    out = tmp_path / "held"
    result = _program("lithiate", "--stress", "plastic", "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["front.png", "lithiation.csv", "summary.json"]
    assert "the front is arrested (self-limited)" in result.stdout
    summary = json.loads((out / "summary.json").read_text())
    assert summary["front arrested"] is True
    assert summary["regime (front)"] == "arrested (self-limited)"
    assert summary["arrest lithiated fraction"] < 0.95
    assert summary["arrest shell thickness [m]"] > 0


def test_a_first_step_that_cannot_run_exits_1_in_one_line(tmp_path):
    out = tmp_path / "c"
    result = _program(
        "cycle",
        "--protocol",
        "cc",
        "--cycles",
        "1",
        "--rate",
        "1000C",
        "--quiet",
        "--out",
        str(out),
        cwd=tmp_path,
    )
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert "the first step (Charge at 1000C" in result.stderr and "did not run" in result.stderr
    assert list(out.iterdir()) == []


def test_cycle_time_limit_stops_the_run(tmp_path):
    out = tmp_path / "c"
    start = time.monotonic()
    result = _program(
        "cycle", "--cycles", "500", "--quiet", "--time-limit", "1", "--out", str(out), cwd=tmp_path
    )
    assert result.returncode == 1
    assert time.monotonic() - start < 20
    assert result.stderr.splitlines() == [
        "pybamm-alloying: cycle stopped: it ran longer than --time-limit 1 s; nothing was written"
    ]


PROGRESS = re.compile(r"^cycle \d+/\d+ \(.* elapsed\)$")


def test_ctrl_c_during_cycle_exits_130_with_one_line(tmp_path):
    out = tmp_path / "c"
    process = subprocess.Popen(
        [sys.executable, "-m", "pybamm_alloying", "cycle", "--cycles", "500", "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        first = process.stderr.readline()  # the first cycle's progress: the solve runs
        assert PROGRESS.match(first.strip()), first
        time.sleep(0.3)
        process.send_signal(signal.SIGINT)
        stdout, rest = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130
    lines = [line for line in rest.splitlines() if not PROGRESS.match(line)]
    assert lines == [
        "pybamm-alloying: interrupted; nothing was written (cycle writes its files when the run ends)"
    ]
    assert "Traceback" not in rest and not stdout
    assert list(out.iterdir()) == []


SUBPROCESS_CASES = [
    test_python_m_version,
    test_python_m_help_is_the_console_script,
    test_an_arrested_front_is_a_result,
    test_a_first_step_that_cannot_run_exits_1_in_one_line,
    test_cycle_time_limit_stops_the_run,
    test_ctrl_c_during_cycle_exits_130_with_one_line,
]
