"""Submodels of the alloy electrode: particle, interface equilibrium, active material."""
