"""Parameter sets from files: a TOML in the shipped schema, and BPX."""

import importlib.resources

import pybamm
import pytest

import pybamm_alloying as pa
from pybamm_alloying.validation import ArgumentError, ParameterError, UnknownNameError

SHIPPED = "LiSi_NMC811"
C_EQ_NAME = "Negative electrode shell equilibrium concentration [mol.m-3]"


def _shipped_text(name: str = SHIPPED) -> str:
    resource = importlib.resources.files("pybamm_alloying.parameter_sets") / f"{name}.toml"
    return resource.read_text(encoding="utf-8")


def _same_values(a: pybamm.ParameterValues, b: pybamm.ParameterValues) -> None:
    """Every key of both, and every value equal (numbers, data, the same functions)."""
    assert sorted(a.keys()) == sorted(b.keys())
    for key in a.keys():
        assert a[key] == b[key] or str(a[key]) == str(b[key]), key


@pytest.mark.parametrize("name", [SHIPPED, "NaSn_NVPF"])
def test_a_shipped_file_loaded_by_path_gives_the_same_values(tmp_path, name):
    """A copy of a shipped file, loaded by its path, gives what PyBaMM gets by name."""
    path = tmp_path / f"{name}.toml"
    path.write_text(_shipped_text(name), encoding="utf-8")
    for given in (path, str(path)):
        values = pybamm.ParameterValues(pa.load_parameter_set(given))
        _same_values(values, pybamm.ParameterValues(name))


def test_a_file_takes_overrides_like_a_shipped_set(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(_shipped_text(), encoding="utf-8")
    by_path = pa.load_parameter_set(path, {"N/P capacity ratio": 1.3})
    by_name = pa.load_parameter_set(SHIPPED, {"N/P capacity ratio": 1.3})
    _same_values(pybamm.ParameterValues(by_path), pybamm.ParameterValues(by_name))


def _edited(tmp_path, old: str, new: str):
    text = _shipped_text()
    assert old in text
    path = tmp_path / "edited.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "old, new, error, named",
    [
        ('partner = "Chen2020"', 'partner = "Chen2021"', UnknownNameError, "did you mean"),
        ('partner = "Chen2020"\n', "", ParameterError, "field 'partner'"),
        ('carrier = "Li"', 'carrier = "K"', UnknownNameError, "carrier"),
        ('chemistry = "lithium_ion"', 'chemistry = "sodium_ion"', ParameterError, "'lithium_ion'"),
        ("value = 0.0280855\n", 'value = "heavy"\n', ParameterError, "host molar mass"),
        (
            'source = "standard atomic weight of Si (IUPAC)"',
            'source = ""',
            ParameterError,
            "source",
        ),
        (
            "value = 0.0280855",
            'value = 0.0280855\nfunction = "math:exp"',
            ParameterError,
            "exactly one",
        ),
        ("value = 0.0280855", 'function = "math:nothing"', ParameterError, "naming a callable"),
        ('tag = "C"', 'tag = "X"', UnknownNameError, "tag"),
        (
            "value = 2329.0",
            "value = -2329.0",
            ParameterError,
            "host density [kg.m-3] must be finite and > 0",
        ),
        ('name = "LiSi_NMC811"', "name = [", ArgumentError, "valid TOML"),
    ],
)
def test_a_bad_file_gives_a_named_error(tmp_path, old, new, error, named):
    """Schema errors name the file's field or entry; range errors are the shipped sets'."""
    with pytest.raises(error) as raised:
        pa.load_parameter_set(_edited(tmp_path, old, new))
    assert named in str(raised.value)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(ArgumentError, match="an existing TOML file"):
        pa.load_parameter_set(tmp_path / "absent.toml")
