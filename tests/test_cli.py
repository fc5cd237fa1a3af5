"""Command line: Unix habits (help, exit codes, stderr) and files a user can trust."""

import json
import re
import subprocess
import sys

import numpy as np
import pandas as pd
import pybamm
import pytest

import pybamm_alloying as pa
from pybamm_alloying.parameters import composite_names
from pybamm_alloying.regime import film_exponent


def _run(*args, cwd=None):
    """The console entry point's module in a fresh process, in ``cwd``."""
    return subprocess.run(
        [sys.executable, "-m", "pybamm_alloying.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
    )


#: PyBaMM's form of a unit at the end of a header: "[A.h]", "[W.h.kg-1]", "[mol.m-3]".
UNIT = re.compile(r" \[[A-Za-z0-9.%-]+\]$")
#: PyBaMM's convention: a header without a unit names a dimensionless quantity (a
#: fraction, efficiency, number, exponent, index, C-rate, swelling ratio, porosity) or a
#: count or label (cycle, step, solves); "(parameters)": estimated from the parameters.
DIMENSIONLESS = re.compile(
    r"(fraction|efficiency|number|exponent|index|C-rate|swelling|porosity|half-width|"
    r"^Cycle|^Step|^solves)( \(parameters\))?$"
)


def assert_units(table: pd.DataFrame | dict) -> None:
    """Every numeric column (or JSON value) of ``table`` has a unit or names a
    dimensionless quantity; no unnamed (index) column."""
    if isinstance(table, dict):
        numeric = [
            k for k, v in table.items() if isinstance(v, int | float) and not isinstance(v, bool)
        ]
    else:
        assert not any(c.startswith("Unnamed") for c in table), list(table)
        numeric = [
            c for c in table.select_dtypes("number") if table[c].notna().any()
        ]  # not an empty text column
    assert numeric
    assert [c for c in numeric if not (UNIT.search(c) or DIMENSIONLESS.search(c))] == []


def test_help_exits_zero_and_names_the_commands(tmp_path):
    result = _run("--help", cwd=tmp_path)
    assert result.returncode == 0
    for command in ("cycle", "compare", "rate-limit", "regime", "list", "docs"):
        assert command in result.stdout


def test_list_names_the_shipped_sets_and_protocols(tmp_path):
    result = _run("list", cwd=tmp_path)
    assert result.returncode == 0
    assert "LiSi_NMC811" in result.stdout and "rate_test" in result.stdout
    assert (
        "composite sets (graphite + alloy; run with 'cycle --parameter-set NAME' and 'compare --composite')"
        in result.stdout
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (["cycle", "--cycles", "0"], "--cycles: must be an integer >= 1"),
        (["cycle", "--particle", "fickian"], "--particle: invalid choice"),
        (["cycle", "--parameter-set", "LiXx"], "--parameter-set: invalid choice"),
        (["cycle", "--rate", "fast"], "rate must be a C-rate like"),
        (["cycle", "--save-at-cycles", "0"], "--save-at-cycles: must be an integer >= 1"),
    ],
)
def test_bad_input_exits_2_with_a_message_and_no_files(tmp_path, args, message):
    result = _run(*args, "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert not (tmp_path / "out").exists()


def test_cycle_writes_csv_and_plot(tmp_path):
    out = tmp_path / "results"
    result = _run(
        "cycle", "--cycles", "1", "--particle", "quasi-steady", "--out", str(out), cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("cycle 1/1 (")  # the progress line, one per cycle
    assert sorted(p.name for p in out.iterdir()) == [
        "capacity.png", "cycles.csv", "timeseries.csv", "voltage.png", "voltage_capacity.png",
    ]  # fmt: skip
    series = pd.read_csv(out / "timeseries.csv")
    assert list(series)[:3] == ["Time [h]", "Cycle", "Step"]  # no index column
    assert_units(series)
    pv = pybamm.ParameterValues("LiSi_NMC811")
    low, high = pv["Lower voltage cut-off [V]"], pv["Upper voltage cut-off [V]"]
    assert series["Voltage [V]"].between(low - 1e-6, high + 1e-6).all()
    cycles = pd.read_csv(out / "cycles.csv")
    assert len(cycles) == 1 and cycles["Discharge capacity [A.h]"].iloc[0] > 4
    assert list(cycles)[0] == "Cycle"
    assert_units(cycles)
    assert (out / "voltage.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cycle_runs_a_composite_set(tmp_path):
    """C/2 CC on graphite + Li-Si: the composite study's model, the alloy's columns
    named by its phase."""
    out = tmp_path / "composite"
    result = _run(
        "cycle", "--parameter-set", "LiSi_graphite_NMC811", "--protocol", "cc", "--rate", "C/2",
        "--cycles", "1", "--quiet", "--out", str(out), cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    cycles = pd.read_csv(out / "cycles.csv")
    assert cycles["Discharge capacity [A.h]"].iloc[0] > 0
    assert cycles["Secondary: Maximum front depth [m]"].iloc[0] > 0
    assert "Secondary: Front depth [m]" in pd.read_csv(out / "timeseries.csv")
    assert_units(cycles)


def test_regime_writes_the_map_and_a_size_sweep_that_reaches_diffusion_control(tmp_path):
    out = tmp_path / "regime"
    result = _run("regime", "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "critical_sizes.csv", "regime.csv", "regime_map.png", "size_map.csv", "size_map.png",
        "size_sweep.csv", "size_sweep.png",
    ]  # fmt: skip
    tables = {p.name: pd.read_csv(p) for p in out.glob("*.csv")}
    for table in tables.values():
        assert_units(table)
    sizes = tables["critical_sizes.csv"].set_index(["name", "geometry"])
    assert len(sizes) == 18  # nine couples, sphere and wire
    si_sphere = sizes.loc[("LiSi_NMC811", "spherical")]
    # below the full-lithiation size a 0 V hold converts the sphere (size_map's own rows)
    size_map = pd.read_csv(out / "size_map.csv")
    si = size_map[(size_map["name"] == "LiSi_NMC811") & (size_map["geometry"] == "spherical")]
    full = si["diameter [m]"] < si_sphere["critical full-lithiation diameter [m]"]
    assert (si.loc[full, "arrest fraction"] > 0.95).all()
    assert (si.loc[~full, "arrest fraction"] <= 0.95).all()
    broken = si["diameter [m]"] >= si_sphere["critical fracture diameter [m]"]
    assert (si.loc[broken, "fracture index"] >= 1 - 1e-9).all()
    assert (si.loc[~broken, "fracture index"] < 1).all()
    table = pd.read_csv(out / "regime.csv")
    assert len(table) == 9
    # at small Stefan number a film's exponent is the quasi-steady one, set by
    # H = 1/(1/Da + 1/Bi) alone (Li-Si, Na-Sb); the table carries each couple's St
    small = table["Stefan number"] < 0.1
    H = 1 / (1 / table["Damkohler number"] + 1 / table["SEI Biot number"])
    assert small.sum() >= 2
    np.testing.assert_allclose(
        table.loc[small, "exponent"], [film_exponent(h) for h in H[small]], atol=5e-3
    )
    sweep = pd.read_csv(out / "size_sweep.csv")
    assert sweep["regime"].iloc[0] == "ICR" and sweep["regime"].iloc[-1] == "DCR"
    assert list(sweep)[:2] == ["radius [m]", "Stefan number"]
    assert sweep["conversion time [s]"].is_monotonic_increasing


def test_cycle_with_stress_and_sei_film_options(tmp_path):
    result = _run("cycle", "--stress", "elastic", "--out", str(tmp_path / "o"), cwd=tmp_path)
    assert result.returncode == 2 and "--stress: invalid choice" in result.stderr


def test_rate_limit_writes_its_table_and_plot(tmp_path):
    out = tmp_path / "rate"
    result = _run("rate-limit", "--parameter-set", "LiSi_NMC811", "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["rate_capability.png", "rate_limit.csv"]
    table = pd.read_csv(out / "rate_limit.csv")
    assert_units(table)
    row = table.loc[0]
    assert row["failing C-rate"] / row["rate-limited C-rate"] <= 1.05
    # the file names the largest term of the budget it writes, and those terms add up
    losses = row[[c for c in table if c.endswith(" loss [V]")]].dropna()
    assert row["limiting mechanism"] == losses.idxmax().removesuffix(" loss [V]")
    assert losses.sum() == pytest.approx(row["budget total [V]"], abs=1e-5)
    assert (
        not any("diffusion-limited" in c for c in table)
        or row["limiting mechanism"] == "anode shell diffusion"
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (["rate-limit", "--threshold", "2"], "--threshold: must lie in (0, 1), not 2"),
        (["rate-limit", "--radius", "-1"], "--radius: must lie in [1e-09, 0.001] m, not -1"),
        (["rate-limit", "--tolerance", "1e-300"], "--tolerance: must lie in [1e-06, 0.5]"),
        (["regime", "--sweep-set", "LiXx"], "--sweep-set: invalid choice"),
        (
            ["compare", "--composite", "--fraction", "1.2"],
            "--fraction: must lie in [0, 1), not 1.2",
        ),
        (["compare", "--fraction", "0.2"], "--fraction: alloy mass fractions need --composite"),
        (
            ["compare", "--composite", "--parameter-set", "LiSi_NMC811"],
            "with --composite, --parameter-set takes",
        ),
        (
            ["compare", "--parameter-set", "LiSi_graphite_NMC811"],
            "are composite sets: add --composite",
        ),
        (["compare", "--time-limit", "0"], "--time-limit: must lie in (0, 1e+06] s, not 0"),
        (["rate-limit", "--time-limit", "-5"], "--time-limit: must lie in (0, 1e+06] s, not -5"),
        (
            ["cycle", "--time-limit", "inf"],
            "--time-limit: must be a finite number in (0, 1e+06] s, not 'inf'",
        ),
        (["lithiate", "--potential", "nan"], "--potential: must be a finite potential"),
        (
            ["lithiate", "--potential", "-1"],
            "--potential: must lie in [0, 0.144) V vs the carrier metal",
        ),
    ],
)
def test_study_commands_refuse_bad_input_before_solving(tmp_path, args, message):
    result = _run(*args, "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 2 and message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_compare_writes_the_design_table_and_figures(tmp_path):
    out = tmp_path / "cmp"
    result = _run("compare", "--parameter-set", "LiSi_NMC811", "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "design.csv", "discharge_curves.png", "energy_swelling.png", "ragone.png",
    ]  # fmt: skip
    table = pd.read_csv(out / "design.csv")
    assert_units(table)
    row = table.loc[0]
    assert row["specific energy [W.h.kg-1]"] > 0
    assert pd.isna(row["error"])  # empty: the case ran
    # the C-rate is named by what limits it: the largest term of the charge's budget
    losses = row[[c for c in table if c.endswith(" loss [V]")]].dropna()
    assert row["limiting mechanism"] == losses.idxmax().removesuffix(" loss [V]")
    assert row["limiting mechanism"] in result.stdout
    assert (
        not any("diffusion-limited" in c for c in table)
        or row["limiting mechanism"] == "anode shell diffusion"
    )


def test_compare_composite_writes_the_fraction_table_and_figures(tmp_path):
    out = tmp_path / "composite"
    result = _run(
        "compare", "--composite", "--parameter-set", "LiGe_graphite_NMC811", "--fraction", "0", "0.2",
        "--no-rate-limit", "--out", str(out), cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["composite.csv", "composite.png", "dqdv.png"]
    assert_units(pd.read_csv(out / "composite.csv"))
    table = pd.read_csv(out / "composite.csv").set_index("alloy mass fraction")
    assert table.loc[0.2, "alloy volume fraction"] > 0 == table.loc[0.0, "alloy volume fraction"]
    assert table.loc[0.2, "cell thickness swelling"] > table.loc[0.0, "cell thickness swelling"]


def test_lithiate_writes_the_front_and_agrees_on_the_regime(tmp_path):
    out = tmp_path / "lit"
    result = _run("lithiate", "--parameter-set", "LiGe_NMC811", "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["front.png", "lithiation.csv", "summary.json"]
    summary = json.loads((out / "summary.json").read_text())
    assert summary["regime (front)"] == summary["regime (parameters)"] == "DCR"
    assert (
        summary["radius (parameters) [m]"] > 0 and summary["conversion time (parameters) [s]"] > 0
    )
    assert_units(summary)
    assert_units(pd.read_csv(out / "lithiation.csv"))
    assert summary["fitted exponent"] == pytest.approx(0.5, abs=0.05)


def test_lithiate_refuses_a_potential_above_the_plateau(tmp_path):
    result = _run("lithiate", "--potential", "0.6", "--out", str(tmp_path / "o"), cwd=tmp_path)
    assert result.returncode == 2 and "would not lithiate" in result.stderr
    assert not (tmp_path / "o").exists()


def test_docs_writes_the_parameter_tables(tmp_path):
    out = tmp_path / "docs"
    result = _run("docs", "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (out / "couples.md").exists()
    shipped = pa.couple_names() + pa.conversion_names() + composite_names()
    assert sorted(p.stem for p in (out / "parameters").glob("*.md")) == sorted(shipped)


def test_version_and_python_m_are_the_console_script(tmp_path):
    import importlib.metadata

    result = _run("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert (
        result.stdout.strip() == f"pybamm-alloying {importlib.metadata.version('pybamm-alloying')}"
    )
    same = subprocess.run(
        [sys.executable, "-m", "pybamm_alloying", "--help"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert same.returncode == 0 and same.stdout == _run("--help", cwd=tmp_path).stdout


def test_out_is_refused_before_the_solve_that_it_would_lose(tmp_path, monkeypatch, capsys):
    """An existing file as --out: the old CLI solved first and then exited 2, results
    lost. Now the check phase refuses it and no run starts."""
    from pybamm_alloying import cli

    def started(*args, **kwargs):
        raise AssertionError("the solve started before --out was checked")

    monkeypatch.setattr(cli, "run_in_child", started)
    monkeypatch.setattr(pybamm.Simulation, "solve", started)
    target = tmp_path / "summary.json"
    target.write_text("{}")
    for command in (["lithiate"], ["cycle", "--cycles", "1"], ["compare"], ["rate-limit"]):
        assert cli.main([*command, "--out", str(target)]) == 2
        assert "argument --out:" in capsys.readouterr().err
    assert target.read_text() == "{}"


def test_out_exists_and_is_writable_when_the_run_starts(tmp_path, monkeypatch):
    from pybamm_alloying import cli

    seen = []
    monkeypatch.setattr(
        cli, "run_in_child", lambda args, seconds: seen.append(args.out.is_dir()) or 0
    )
    out = tmp_path / "a" / "b"
    assert cli.main(["lithiate", "--out", str(out)]) == 0
    assert seen == [True] and list(out.iterdir()) == []  # the write probe left nothing


def test_an_error_after_the_solve_is_a_failed_run_not_bad_input(tmp_path, monkeypatch, capfd):
    """exit 1 with one line, never 2 (the input was checked); the run is a child process."""
    from pybamm_alloying import cli

    def late(*args):
        raise ValueError("the front did not advance (L never exceeds L[0])")

    monkeypatch.setattr(cli, "lithiation_hold", late)
    assert cli.main(["lithiate", "--out", str(tmp_path / "o")]) == 1
    err = capfd.readouterr().err
    assert err.splitlines() == [
        "pybamm-alloying: lithiate failed: ValueError: the front did not advance (L never exceeds L[0])"
    ]


def test_list_and_regime_use_one_classification(capsys):
    """list's two regime columns are regime_from_parameters with and without the SEI
    film, what `regime` and `regime --no-sei` write."""
    from pybamm_alloying import cli
    from pybamm_alloying.regime import regime_from_parameters

    assert cli.main(["list"]) == 0
    rows = {line.split()[0]: line.split() for line in capsys.readouterr().out.splitlines()}
    for name in cli.couple_names():
        values = pybamm.ParameterValues(name)
        bare, film = rows[name][-2:]
        assert bare == regime_from_parameters(values, sei=False).regime
        assert film == regime_from_parameters(values, sei=True).regime
    for name in cli.composite_names():
        assert name + ":" in rows
