"""The built wheel, not the source tree, ships the code, the data and the entry points."""

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETS = ROOT / "pybamm_alloying" / "parameter_sets"
IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "results", "*.egg-info", "__pycache__", ".pytest_cache"
)

CHECK = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    import pybamm, pybamm_alloying
    site = Path(sys.argv[1]).resolve()
    assert Path(pybamm_alloying.__file__).resolve().is_relative_to(site), pybamm_alloying.__file__
    names = pybamm_alloying.couple_names() + pybamm_alloying.conversion_names()
    assert len(names) == int(sys.argv[2]), names
    for name in names:
        pv = pybamm.ParameterValues(name)
        assert pv["Negative electrode shell equilibrium concentration [mol.m-3]"] > 0
        assert pybamm_alloying.load_half_cell(name)["Lower voltage cut-off [V]"] > 0
    from pybamm_alloying.studies import load_protocol, protocol_names
    assert "cccv" in protocol_names() and load_protocol("cccv").cycles
    assert isinstance(pybamm.Model("alloying_DFN"), pybamm_alloying.DFN)
    print("ok")
    """
)


def _pip(*args):
    subprocess.run([sys.executable, "-m", "pip", *args], check=True, capture_output=True)


def test_installed_wheel_finds_every_parameter_set_by_name(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=IGNORE)
    _pip("wheel", "--no-deps", "--wheel-dir", str(tmp_path / "dist"), str(source))
    (wheel,) = (tmp_path / "dist").glob("pybamm_alloying-*.whl")
    site = tmp_path / "site"
    _pip("install", "--no-deps", "--target", str(site), str(wheel))
    result = subprocess.run(
        [sys.executable, "-c", CHECK, str(site), str(len(list(SETS.glob("*.toml"))))],
        cwd=tmp_path,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "MPLBACKEND": "Agg"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_the_checkout_itself_is_importable():
    """The data live inside the package: from the repository root, without an install,
    ``import pybamm_alloying`` finds the source tree and its sets and protocols."""
    check = (
        "import pybamm_alloying as pa, pathlib, sys; "
        "assert pathlib.Path(pa.__file__).resolve().parent == pathlib.Path(sys.argv[1]).resolve(), pa.__file__; "
        "from pybamm_alloying.studies import protocol_names; "
        "print(len(pa.list_couples()), len(protocol_names()))"
    )
    result = subprocess.run(
        [sys.executable, "-c", check, str(ROOT / "pybamm_alloying")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == [
        str(len(list(SETS.glob("*.toml")))),
        str(len(list((ROOT / "pybamm_alloying" / "experiments").glob("*.toml")))),
    ]
