"""PyBaMM's variable naming for the alloy submodels: one helper for all of them."""

import pybamm


def x_averaged_name(name: str) -> str:
    """PyBaMM's x-averaged form of a per-x name: ``"Negative core radius [m]"`` ->
    ``"X-averaged negative core radius [m]"``."""
    return f"X-averaged {name[0].lower()}{name[1:]}"


class AlloyVariableNames:
    """Mixin for PyBaMM submodels: ``"{Domain} {phase}{quantity}"`` and its x-average.

    Needs the submodel's ``domain`` and ``phase_name`` (``""``, ``"primary "`` or
    ``"secondary "``), e.g. ``"Negative core radius [m]"``.

    With ``x_average`` true (the SPM and SPMe, as PyBaMM's ``x_average`` particles) the
    submodel works on x-averaged quantities: its states live on the current collector,
    it reads PyBaMM's ``"X-averaged ..."`` inputs, and it publishes each output under its
    x-averaged name and, broadcast over the electrode, under its per-x name, as
    :class:`pybamm.particle.FickianDiffusion` does. Without it the per-x output is the
    quantity and the x-averaged one its :func:`pybamm.x_average`.
    """

    #: Whether the submodel's states and outputs are x-averaged (docs/theory.md section 12).
    x_average: bool = False

    def _var(self, quantity: str) -> str:
        return f"{self.domain.capitalize()} {self.phase_name}{quantity}"

    def _xav(self, quantity: str) -> str:
        return x_averaged_name(self._var(quantity))

    def _local(self, name: str) -> str:
        """The form of the per-x name ``name`` this submodel works on: ``name`` itself,
        or its x-averaged form when ``x_average`` is true."""
        return x_averaged_name(name) if self.x_average else name

    def _get(self, variables: dict, quantity: str):
        """This submodel's working form of ``"{Domain} {phase}{quantity}"``."""
        return variables[self._local(self._var(quantity))]

    def _electrode_domains(self) -> dict:
        """Domains of a state held once per particle: per x on the electrode, or
        x-averaged on the current collector."""
        if self.x_average:
            return {"primary": "current collector"}
        return {"primary": f"{self.domain} electrode", "secondary": "current collector"}

    def _radius(self):
        """The particle radius R [m] in this submodel's working form."""
        R = self.phase_param.R
        return pybamm.x_average(R) if self.x_average else R

    def _over_electrode(self, symbol):
        """An x-averaged symbol broadcast over the electrode (PyBaMM's per-x form of it)."""
        electrode = f"{self.domain} electrode"
        if symbol.domain in ([], ["current collector"]):
            return pybamm.PrimaryBroadcast(symbol, electrode)
        return pybamm.SecondaryBroadcast(symbol, electrode)

    def _publish_names(self, variables: dict, values: dict) -> dict:
        """Add each ``{per-x name: value}`` (value in the working form) under its per-x
        and its x-averaged name."""
        for name, value in values.items():
            if self.x_average:
                variables[x_averaged_name(name)] = value
                variables[name] = self._over_electrode(value)
            else:
                variables[name] = value
                variables[x_averaged_name(name)] = pybamm.x_average(value)
        return variables

    def _publish(self, variables: dict, per_x: dict) -> dict:
        """Add each ``{quantity: value}`` under ``"{Domain} {phase}{quantity}"`` and its
        x-average."""
        return self._publish_names(
            variables, {self._var(quantity): value for quantity, value in per_x.items()}
        )
