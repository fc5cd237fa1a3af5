"""Cycling protocols (TOML), loadable by name into pybamm.Experiment."""
