"""Fitting k_i, D and the SEI diffusivity: recovery from the model's own noisy output."""

import numpy as np
import pybamm
import pytest

import pybamm_alloying as pa
from pybamm_alloying.regime import conversion_time
from pybamm_alloying.validation import ArgumentError, UnknownNameError

N = "Negative electrode "
D_NAME = "Negative particle diffusivity [m2.s-1]"
K_NAME = N + "interface rate constant [m.s-1]"
D_TRUE = 1e-14


def _held_front(Da: float, noise: float = 0.02, seed: int = 0):
    """Planar Li-Si film with Da imposed, held at 0 V from empty: (t, noisy L, values).
    The full model (ParticleLithiation), sampled at 61 times up to 90 % conversion, with
    multiplicative Gaussian noise on L."""
    values = pybamm.ParameterValues("LiSi_NMC811")
    R = values["Negative particle radius [m]"]
    values[D_NAME] = D_TRUE
    values[K_NAME] = Da * D_TRUE / R
    c_ext = pa.surface_concentration(values, 0.0)
    held = values.copy()
    held.update(
        {
            "Particle surface concentration [mol.m-3]": c_ext,
            "Initial concentration in negative electrode [mol.m-3]": values[
                N + "core concentration [mol.m-3]"
            ],
        },
        check_already_exists=False,
    )
    t_end = sum(conversion_time(values, 0.9, c_ext, geometry="planar", sei=False))
    t = np.linspace(0, t_end, 61)
    model = pa.ParticleLithiation({"alloy geometry": "planar"})
    solution = pybamm.Simulation(model, parameter_values=held).solve(t[[0, -1]], t_interp=t)
    L = np.ravel(solution["Negative shell thickness [m]"].entries)
    L = L * (1 + noise * np.random.default_rng(seed).standard_normal(L.size))
    return t, L, values


def test_a_mixed_control_front_gives_k_i_and_d():
    """Da = 2: the interface and the shell each take about half of the time; 2 % noise."""
    t, L, values = _held_front(Da=2.0)
    R = values["Negative particle radius [m]"]
    fit = pa.fit_front_kinetics(t, L, "planar", R, values)
    k_i, D = fit.interface_rate_constant, fit.diffusivity
    assert k_i.identifiable and D.identifiable, fit.explanation
    assert k_i.value == pytest.approx(values[K_NAME], rel=0.05)
    assert D.value == pytest.approx(D_TRUE, rel=0.05)
    assert k_i.ci95[0] < values[K_NAME] < k_i.ci95[1]
    assert D.ci95[0] < D_TRUE < D.ci95[1]
    assert 0.3 < fit.diffusion_share < 0.7
    assert fit.residual_std == pytest.approx(0.02, rel=0.3)  # the noise put in


def test_an_interface_controlled_front_gives_k_i_and_says_d_is_not_identifiable():
    t, L, values = _held_front(Da=1e-3)
    R = values["Negative particle radius [m]"]
    fit = pa.fit_front_kinetics(t, L, "planar", R, values)
    assert fit.interface_rate_constant.identifiable
    assert fit.interface_rate_constant.value == pytest.approx(values[K_NAME], rel=0.05)
    assert not fit.diffusivity.identifiable and fit.diffusivity.ci95[1] == np.inf
    assert fit.diffusion_share < 1e-3
    assert fit.explanation.startswith("D is not identifiable")


BAD_FRONTS = {
    "unsorted": ([0, 2, 1, 3, 4, 5], [1e-9] * 6, r"t \[s\] must be non-negative, strictly"),
    "negative L": ([0, 1, 2, 3, 4, 5], [-1e-9] + [1e-9] * 5, r"L \[m\] must be in \[0, radius\]"),
    "L > radius": ([0, 1, 2, 3, 4, 5], [1e-9] * 5 + [2e-6], r"L \[m\] must be in \[0, radius\]"),
    "too few": ([0, 1, 2, 3], [0, 1e-9, 2e-9, 3e-9], r"points with t > 0 and L > 0 must be at"),
    "shapes": ([0, 1, 2], [0, 1e-9], r"t and L must be 1-D, same length"),
}


@pytest.mark.parametrize("case", BAD_FRONTS)
def test_bad_front_data_is_refused_with_a_named_error(case):
    t, L, message = BAD_FRONTS[case]
    with pytest.raises(ArgumentError, match=message):
        pa.fit_front_kinetics(t, L, "planar", 1e-6, "LiSi_NMC811")


#: Li-Si cell kinetics for the voltage fit, chosen so that the SEI film, the shell and the
#: interface each take 15-50 % of the series resistance (Da = k_i R/D = 2.8, Bi = k_f R/D
#: = 2.8) and a 10 % change of each moves the voltage by 0.9-2 mV on this protocol.
VOLTAGE_TRUTH = {
    "diffusivity": 4e-18,
    "interface rate constant": 1.5e-10,
    "SEI diffusivity": 7.5e-19,
}
#: GITT-like: four C/3 lithiation pulses of 6 min (2 % of capacity each), 20 min rests.
GITT = pybamm.Experiment(
    ["Charge at C/3 for 6 minutes or until 4.2 V", "Rest for 20 minutes"] * 4, period="10 seconds"
)


@pytest.fixture(scope="module")
def voltage_curve():
    return pa.VoltageCurve("LiSi_NMC811", GITT, initial_soc=0.3)


@pytest.mark.parametrize("start", [(2.0, 0.5, 1.7), (0.5, 3.0, 0.6)])
def test_a_gitt_voltage_curve_gives_k_i_d_and_the_sei_diffusivity(voltage_curve, start):
    """The model's own curve with 0.5 mV Gaussian noise, fitted from starts up to 3x off
    (factors on D, k_i, D_SEI): each parameter within 10 % and inside its 95 % interval
    (measured: within 1 % from both)."""
    t = np.arange(5.0, 4 * 26 * 60, 10.0)
    voltage = voltage_curve.voltage(VOLTAGE_TRUTH, t)
    voltage += 5e-4 * np.random.default_rng(0).standard_normal(t.size)
    guess = {p: v * f for (p, v), f in zip(VOLTAGE_TRUTH.items(), start)}
    fit = pa.fit_voltage_curve(voltage_curve, t, voltage, guess)
    for name, true in VOLTAGE_TRUTH.items():
        fitted = fit.parameters[name]
        assert fitted.identifiable
        assert fitted.value == pytest.approx(true, rel=0.1)
        assert fitted.ci95[0] < true < fitted.ci95[1]
    assert fit.residual_std == pytest.approx(5e-4, rel=0.1)  # the noise put in


def test_bad_voltage_fit_input_is_refused_with_a_named_error(voltage_curve):
    t = np.arange(5.0, 100.0, 10.0)
    guess = dict(VOLTAGE_TRUTH)
    with pytest.raises(ArgumentError, match=r"initial_guess keys must be exactly"):
        pa.fit_voltage_curve(voltage_curve, t, np.ones_like(t), {"diffusivity": 1e-17})
    with pytest.raises(
        ArgumentError, match=r"initial_guess\['diffusivity'\] must be finite and > 0"
    ):
        pa.fit_voltage_curve(voltage_curve, t, np.ones_like(t), {**guess, "diffusivity": -1.0})
    with pytest.raises(ArgumentError, match=r"t \[s\] must be non-negative, strictly"):
        pa.fit_voltage_curve(voltage_curve, t[::-1], np.ones_like(t), guess)
    with pytest.raises(UnknownNameError, match=r"did you mean 'diffusivity'"):
        pa.VoltageCurve("LiSi_NMC811", GITT, ("difusivity",))
