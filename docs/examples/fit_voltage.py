"""Fit k_i, D and the SEI diffusivity of a Li-Si cell to a GITT voltage curve (SciPy).

The "measured" curve is the model's own, made with known values and 0.5 mV of Gaussian
noise, so the fit can be checked against the truth (docs/fitting.md). Run:

    python docs/examples/fit_voltage.py

About 20 s: the DFN is built once with the three parameters as inputs, and each trial is
an IDAKLU re-solve (~0.1 s).
"""

import numpy as np
import pybamm

import pybamm_alloying as pa

#: Values that make the synthetic data: the SEI film, the shell and the interface each
#: take 15-50 % of the series resistance, so all three leave a mark on the voltage.
TRUTH = {"diffusivity": 4e-18, "interface rate constant": 1.5e-10, "SEI diffusivity": 7.5e-19}
#: Four C/3 lithiation pulses of 6 min and 20 min rests, sampled every 10 s.
GITT = pybamm.Experiment(
    ["Charge at C/3 for 6 minutes or until 4.2 V", "Rest for 20 minutes"] * 4, period="10 seconds"
)


def main() -> pa.VoltageCurveFit:
    curve = pa.VoltageCurve("LiSi_NMC811", GITT, initial_soc=0.3)
    t = np.arange(5.0, 4 * 26 * 60, 10.0)
    voltage = curve.voltage(TRUTH, t) + 5e-4 * np.random.default_rng(0).standard_normal(t.size)
    guess = {"diffusivity": 8e-18, "interface rate constant": 7.5e-11, "SEI diffusivity": 1.3e-18}
    fit = pa.fit_voltage_curve(curve, t, voltage, guess)
    print(f"{'parameter':<25}{'true':>11}{'fitted':>11}{'95 % interval':>26}")
    for name, p in fit.parameters.items():
        interval = f"[{p.ci95[0]:.3g}, {p.ci95[1]:.3g}]"
        print(f"{name:<25}{TRUTH[name]:>11.3g}{p.value:>11.3g}{interval:>26}")
    print(f"residual standard deviation {1e3 * fit.residual_std:.3f} mV, {fit.points} samples")
    print("correlation of the ln parameters:\n", np.round(fit.correlation, 2))
    return fit


if __name__ == "__main__":
    main()
