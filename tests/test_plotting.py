"""Files are written whole or not at all."""

import pytest

from pybamm_alloying.plotting import write_atomically


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    def fail(path):
        with open(path, "w") as f:
            f.write("half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_atomically(tmp_path / "data.csv", fail)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_keeps_the_previous_file(tmp_path):
    target = tmp_path / "data.csv"
    target.write_text("old")

    def fail(path):
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        write_atomically(target, fail)
    assert target.read_text() == "old" and len(list(tmp_path.iterdir())) == 1
