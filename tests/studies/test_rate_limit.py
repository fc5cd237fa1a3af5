"""Diffusion-limited C-rate: the bracket is right, and diffusion-controlled anodes go faster."""

from concurrent.futures import ProcessPoolExecutor

import pytest

from pybamm_alloying.studies.rate_limit import diffusion_limited_c_rate, rate_limit_table

MICRON_SIZED = 5e-6  # radius [m]: large enough for Si's interface reaction to limit


@pytest.fixture(scope="module")
def li_si():
    return diffusion_limited_c_rate("LiSi_NMC811")


def test_the_limit_passes_the_threshold_and_the_next_step_fails(li_si):
    trials = li_si.trials.set_index("C-rate")["relative capacity"]
    assert trials[li_si.c_rate] >= 0.8 > trials[li_si.failing_rate]
    assert li_si.failing_rate / li_si.c_rate <= 1.05
    assert trials[li_si.c_rate] - 0.8 < 0.05  # the capacity sits at the threshold
    assert len(li_si.trials) < 12
    assert trials[0.05] == 1


def test_diffusion_controlled_anodes_lithiate_faster_than_silicon():
    """Half cells (no cathode kinetics), particles of 10 um: Li-Ge and Na-Sn (DCR) reach
    a higher C-rate than Li-Si (ICR)."""
    limits = {
        name: diffusion_limited_c_rate(name, MICRON_SIZED, cell="half").c_rate
        for name in ("LiSi_NMC811", "LiGe_NMC811", "NaSn_NVPF")
    }
    assert limits["LiGe_NMC811"] > limits["LiSi_NMC811"]
    assert limits["NaSn_NVPF"] > limits["LiSi_NMC811"]


def test_the_executor_gives_the_serial_numbers(li_si):
    with ProcessPoolExecutor(max_workers=2) as pool:
        table = rate_limit_table(["LiSi_NMC811", "NoSuchSet"], executor=pool)
    assert table.loc[0, "diffusion-limited C-rate"] == li_si.c_rate
    assert table.loc[0, "error"] == ""
    assert "parameter_set must be one of" in table.loc[1, "error"]


def test_a_dask_cluster_runs_the_sweep(li_si):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            table = rate_limit_table(["LiSi_NMC811"], executor=client.get_executor())
    assert table.loc[0, "diffusion-limited C-rate"] == li_si.c_rate


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"threshold": 1.2}, "threshold must lie in"),
        ({"tolerance": 0}, "tolerance must be > 0"),
        ({"radius": -1e-6}, "radius must be > 0"),
        ({"cell": "coin"}, "cell must be one of"),
    ],
)
def test_bad_input_is_refused_before_solving(kwargs, message):
    with pytest.raises(ValueError, match=message):
        diffusion_limited_c_rate("LiSi_NMC811", **kwargs)
