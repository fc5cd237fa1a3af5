"""BPX export and import: a round trip keeps what the model reads; the file follows BPX."""

import json

import numpy as np
import pybamm
import pytest

import pybamm_alloying as pa
from pybamm_alloying.validation import ArgumentError

bpx = pytest.importorskip("bpx")

SHIPPED = "LiSi_NMC811"
C_EQ_NAME = "Negative electrode shell equilibrium concentration [mol.m-3]"


def _compared_keys(name: str) -> list[str]:
    """Every key the DFN reads and every value this project supplies for ``name``
    (the shell functions read their coefficients inside the function)."""
    read = set(pa.DFN().get_parameter_info())
    return sorted(read | {record.name for record in pa.parameter_records(name)})


def _round_trip(tmp_path, name: str) -> pybamm.ParameterValues:
    path = pa.parameters.to_bpx(name, tmp_path / f"{name}.json")
    return pa.parameters.from_bpx(path)


@pytest.mark.parametrize("name", [SHIPPED, "NaSn_NVPF"])
def test_bpx_round_trip_gives_identical_values_but_the_tabulated_ones(tmp_path, name):
    """Every value the model reads comes back identical (numbers to rounding, the
    alloy's closed forms as the same functions), except the partner's functions that
    BPX can only carry as tables or in its own form (bpx.TABULATED)."""
    original, back = pybamm.ParameterValues(name), _round_trip(tmp_path, name)
    differing = []
    for key in _compared_keys(name):
        a, b = original[key], back[key]
        same = a is b or (
            isinstance(a, int | float)
            and isinstance(b, int | float)
            and b == pytest.approx(a, rel=1e-12)
        )
        if not same:
            differing.append(key)
    assert set(differing) <= set(pa.parameters.bpx.TABULATED)


def test_bpx_tables_follow_the_partners_functions(tmp_path):
    """Chen2020's functions come back as tables or in BPX's Arrhenius form: the
    exchange current (BPX's own form) exactly, the electrolyte functions to 1e-4 and
    the positive OCP to 1e-3 (linear between the table's points)."""
    original, back = pybamm.ParameterValues(SHIPPED), _round_trip(tmp_path, SHIPPED)
    param = pybamm.LithiumIonParameters()
    T, c_e = pybamm.Scalar(308.0), pybamm.Vector(np.linspace(200, 2000, 7))
    c_max = original["Maximum concentration in positive electrode [mol.m-3]"]
    sto = pybamm.Vector(np.linspace(0.05, 0.95, 37))
    for symbol, rel in (
        (param.p.prim.j0(c_e, 0.4 * c_max, T), 1e-9),
        (param.kappa_e(c_e, T), 1e-4),
        (param.D_e(c_e, T), 1e-4),
        (param.p.prim.U(sto, pybamm.Scalar(298.15)), 1e-3),
    ):
        assert back.evaluate(symbol) == pytest.approx(original.evaluate(symbol), rel=rel)


def test_bpx_file_follows_the_schema_and_keeps_the_alloy_user_defined(tmp_path):
    """The file passes the bpx package's own schema; standard values sit in BPX's
    fields and the shrinking-core values in "User-defined"."""
    path = pa.parameters.to_bpx(SHIPPED, tmp_path / "cell.json")
    parsed = bpx.parse_bpx_file(str(path))
    original = pybamm.ParameterValues(SHIPPED)
    negative = parsed.parameterisation.negative_electrode
    assert negative.particle_radius == original["Negative particle radius [m]"]
    user = dict(parsed.parameterisation.user_defined)
    assert user[C_EQ_NAME] == original[C_EQ_NAME]
    assert "Negative particle radius [m]" not in user


def test_bpx_round_trip_solves_to_the_same_voltage(tmp_path):
    """A 1C charge of 600 s on the round-tripped set follows the original's voltage."""
    voltages = []
    for values in (pybamm.ParameterValues(SHIPPED), _round_trip(tmp_path, SHIPPED)):
        values["Current function [A]"] = -values["Nominal cell capacity [A.h]"]
        solution = pybamm.Simulation(pa.DFN(), parameter_values=values).solve([0, 600])
        voltages.append(solution["Voltage [V]"](np.linspace(0, 600, 13)))
    assert np.max(np.abs(voltages[1] - voltages[0])) < 1e-4


def test_a_bpx_file_without_the_alloy_is_refused(tmp_path):
    document = pa.parameters.bpx.bpx_document(SHIPPED)
    del document["Parameterisation"]["User-defined"][pa.parameters.functions.TWO_PHASE_POTENTIAL]
    path = tmp_path / "plain.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ArgumentError, match="an alloy cell's"):
        pa.parameters.from_bpx(path)
    with pytest.raises(ArgumentError, match="an existing JSON file"):
        pa.parameters.from_bpx(tmp_path / "absent.json")


@pytest.mark.parametrize(
    "values",
    [pa.load_half_cell(SHIPPED), pa.parameters.load_composite_set("LiSi_graphite_NMC811")],
    ids=["half cell", "composite"],
)
def test_what_bpx_does_not_map_is_refused(values):
    with pytest.raises(ArgumentError, match="one shrinking-core negative electrode"):
        pa.parameters.bpx.bpx_document(values)
