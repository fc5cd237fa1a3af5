"""PyBaMM's variable naming for the alloy submodels: one helper for all of them."""

import pybamm


class AlloyVariableNames:
    """Mixin for PyBaMM submodels: ``"{Domain} {phase}{quantity}"`` and its x-average.

    Needs the submodel's ``domain`` and ``phase_name`` (``""``, ``"primary "`` or
    ``"secondary "``), e.g. ``"Negative core radius [m]"``.
    """

    def _var(self, quantity: str) -> str:
        return f"{self.domain.capitalize()} {self.phase_name}{quantity}"

    def _xav(self, quantity: str) -> str:
        return f"X-averaged {self.domain} {self.phase_name}{quantity}"

    def _publish(self, variables: dict, per_x: dict) -> dict:
        """Add each per-x quantity and its x-average to ``variables``."""
        for quantity, value in per_x.items():
            variables[self._var(quantity)] = value
            variables[self._xav(quantity)] = pybamm.x_average(value)
        return variables
