"""The buffered conversion-alloying particle against its pure metal (docs/fracture.md,
"The buffered particle"; studies/critical_sizes.py).

Every shipped conversion set whose file names a ``metal`` counterpart joins these tests.
The converted composite M + A2O is the metal's particle with a buffer volume fraction f of
inert A2O: its alloying swells it by 1 + (beta_M - 1)(1 - f) and its shell's yield
strength, modulus and fracture energy are mixtures of the metal's and the buffer's.
"""

import numpy as np
import pybamm
import pytest

import pybamm_alloying as pa
from pybamm_alloying.parameters import set_metadata
from pybamm_alloying.studies.critical_sizes import (
    MIXING_RULES,
    buffer_comparison,
    buffered_names,
    converted_composite_values,
    metal_counterpart,
    mixture,
)
from pybamm_alloying.studies.fracture import critical_fracture_diameter
from pybamm_alloying.studies.self_limiting import HeldParticle
from pybamm_alloying.validation import ArgumentError, ParameterError

NAMES = buffered_names()
#: Diameters [m] of the comparison: a nanoparticle and a micrometre particle.
DIAMETERS = (1e-7, 1e-6)


@pytest.fixture(scope="module")
def comparison():
    table = buffer_comparison(diameters=DIAMETERS)
    return table.set_index(["name", "particle", "diameter [m]"]).sort_index()


@pytest.mark.parametrize(
    "name, metal",
    [
        ("LiSnO2_NMC811", "LiSn_NMC811"),
        ("LiSiO_NMC811", "LiSi_NMC811"),
        ("NaSb2O3_NVPF", "NaSb_NVPF"),
    ],
)
def test_every_conversion_set_names_its_metal(name, metal):
    """Each shipped conversion set is buffered: its file names the pure-metal couple of
    its own carrier, so the tests below run on all of them."""
    assert sorted(NAMES) == sorted(pa.conversion_names())
    assert metal_counterpart(name) == metal
    assert set_metadata(name)["carrier"] == set_metadata(metal)["carrier"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("diameter", DIAMETERS)
def test_the_buffer_lowers_the_interface_stress_at_the_same_size(comparison, name, diameter):
    """Front at a/R = 0.5: the converted composite's core and shell are less compressed
    than the pure metal's (tension positive, both negative here)."""
    metal = comparison.loc[(name, "metal", diameter)]
    buffered = comparison.loc[(name, "converted composite", diameter)]
    assert metal["core mean stress [Pa]"] < buffered["core mean stress [Pa]"] < 0
    assert (
        metal["interface shell mean stress [Pa]"] < buffered["interface shell mean stress [Pa]"] < 0
    )


@pytest.mark.parametrize("name", NAMES)
def test_the_buffer_raises_the_critical_fracture_diameter(comparison, name):
    """The composite's shell fractures at a larger size than the pure metal's, and its
    index at each size is lower."""
    metal = comparison.xs((name, "metal"))
    buffered = comparison.xs((name, "converted composite"))
    critical = "critical fracture diameter [m]"
    assert buffered[critical].iloc[0] > metal[critical].iloc[0]
    assert np.all(buffered["fracture index"].to_numpy() < metal["fracture index"].to_numpy())


@pytest.mark.parametrize("name", NAMES)
def test_stress_and_fracture_size_are_monotonic_in_the_buffer_fraction(name):
    """More buffer, less swelling and a softer-flowing, stiffer shell: the core's
    compression falls and the critical fracture diameter rises with f; as f -> 0 both
    tend to the pure metal's (f = 1e-6: within 1e-5)."""
    fractions = (1e-6, 0.2, 0.4, 0.6, 0.8)
    core, critical = [], []
    for fraction in fractions:
        values = converted_composite_values(name, fraction)
        core.append(float(HeldParticle(values).interface_stresses(0.125, 5e-7)[0]))
        critical.append(critical_fracture_diameter(values))
    assert np.all(np.diff(core) > 0)
    assert np.all(np.diff(critical) > 0)
    metal = pybamm.ParameterValues(metal_counterpart(name))
    metal_core = float(HeldParticle(metal).interface_stresses(0.125, 5e-7)[0])
    assert core[0] == pytest.approx(metal_core, rel=1e-5)
    assert critical[0] == pytest.approx(critical_fracture_diameter(metal), rel=1e-4)


@pytest.mark.parametrize("name", NAMES)
def test_the_composite_swells_as_its_metal_share(name):
    """Volumes add: the oxide's full swelling over its converted composite's,
    beta / beta_conv, is the composite's alloy swelling 1 + (beta_M - 1)(1 - f) (within
    1 %: the oxide set's final alloy phase may differ slightly from the metal set's)."""
    conversion = pybamm.ParameterValues(name)
    beta = conversion["Negative electrode volume expansion ratio"]
    beta_conv = conversion["Negative electrode conversion volume expansion ratio"]
    composite = converted_composite_values(name)
    assert beta / beta_conv == pytest.approx(
        composite["Negative electrode volume expansion ratio"], rel=1e-2
    )


@pytest.mark.parametrize("name", NAMES)
def test_the_set_shell_is_the_mixture_of_its_metal_and_buffer(name):
    """The conversion set's shell mechanics (what the cell's stress and fracture models
    read) are the mixing rules applied to its metal's shell and its buffer (rel 1e-3,
    the file's four digits)."""
    conversion = pybamm.ParameterValues(name)
    metal = pybamm.ParameterValues(metal_counterpart(name))
    fraction = conversion["Negative electrode buffer volume fraction"]
    for quantity, rule in MIXING_RULES.items():
        expected = mixture(
            metal[f"Negative electrode shell {quantity}"],
            conversion[f"Negative electrode buffer {quantity}"],
            fraction,
            rule,
        )
        assert conversion[f"Negative electrode shell {quantity}"] == pytest.approx(
            expected, rel=1e-3
        ), quantity


def test_mixture_bounds():
    """The Hill value lies between the Reuss and Voigt bounds; both rules give the
    metal's value at f = 0 and the buffer's at f = 1."""
    assert mixture(28.6, 150.0, 0.0, "hill") == pytest.approx(28.6)
    assert mixture(28.6, 150.0, 1.0, "voigt") == pytest.approx(150.0)
    hill = mixture(28.6, 150.0, 0.5, "hill")
    assert 1 / (0.5 / 28.6 + 0.5 / 150.0) < hill < mixture(28.6, 150.0, 0.5, "voigt")


def test_a_buffer_fraction_of_one_is_refused():
    with pytest.raises(ArgumentError, match="buffer volume fraction"):
        converted_composite_values("LiSnO2_NMC811", 1.0)


@pytest.mark.parametrize("factor, fractures", [(0.85, False), (1.15, True)])
def test_single_conversion_particle_fractures_where_the_closed_form_says(factor, fractures):
    """Li-SnO2 spheres 15 % below and above the conversion front's critical size, held at
    0 V with "alloy stress" and "alloy fracture" on the conversion particle: the model's
    running-maximum index is below / above 1, and its core mean stress is the closed
    form's at the model's own front position (rel 1e-9)."""
    pv = pybamm.ParameterValues("LiSnO2_NMC811")
    radius = factor * critical_fracture_diameter(pv) / 2
    held = HeldParticle(pv)
    pv.update(
        {
            "Negative particle radius [m]": radius,
            "Particle surface concentration [mol.m-3]": pa.surface_concentration(pv, 0.0),
        },
        check_already_exists=False,
    )
    model = pa.ParticleLithiation(
        {
            "alloy particle": "conversion",
            "alloy stress": "plastic",
            "alloy geometry": "spherical",
            "alloy fracture": "index",
        }
    )
    solution = pybamm.Simulation(model, parameter_values=pv).solve([0, 1e5])
    final = solution["Negative particle maximum fracture index"].entries.ravel()[-1]
    assert bool(final >= 1) == fractures
    q = solution["Negative unconverted fraction"].entries.ravel()
    core = solution["Negative core mean stress [Pa]"].entries.ravel()
    middle = len(q) // 3
    expected, _ = held.interface_stresses(q[middle], radius)
    assert core[middle] == pytest.approx(float(expected), rel=1e-9)


def test_a_conversion_ratio_beyond_full_lithiation_is_refused_before_any_solve():
    """beta_conv must lie in (1, beta]: the converted composite swells the oxide, at most
    to the fully lithiated volume (ParameterError naming the parameter)."""
    values = pybamm.ParameterValues("LiSnO2_NMC811")
    values.update({"Negative electrode conversion volume expansion ratio": 4.5})
    with pytest.raises(ParameterError, match="conversion volume expansion ratio"):
        HeldParticle(values)
