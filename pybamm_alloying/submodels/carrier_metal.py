"""The alloy electrode's potential against the carrier metal, and its 0 V cut-off.

A carrier-metal reference electrode (Li or Na, by the set) sitting in the local
electrolyte reads the solid's potential as::

    U_M(x) = phi_s - phi_e + eta_SEI

with PyBaMM's electrolyte potential phi_e, which is measured against that reference
(its OCPs are vs the metal), and eta_SEI the SEI film overpotential (PyBaMM's ``"SEI
film resistance"``; zero unless that option is on). It is the same quantity PyBaMM's
lithium-plating submodel takes as its stripping overpotential
(``pybamm.lithium_plating.Plating``: ``eta_stripping = delta_phi + eta_sei``), so the two
agree; metal plates on the particle surface where U_M < 0. In a composite electrode the
film overpotential of each phase is taken and the lowest surface counts.

Below 0 V the alloy DFN either plates (PyBaMM's ``"lithium plating"`` option on the
alloy electrode) or stops: :data:`PLATING_EVENT`, a termination event at
``min_x U_M = 0`` (DFN option ``"alloy plating cut-off"``, ``"true"`` by default).
"""

import pybamm

#: Name of the termination event at 0 V vs the carrier metal. In a half cell the alloy
#: is PyBaMM's positive (working) electrode; the event keeps the name.
PLATING_EVENT = "Anode potential below 0 V vs carrier metal"


def carrier_metal_potential_names(domain: str) -> dict[str, str]:
    """Names of the three variables, keyed ``"per x"``, ``"X-averaged"``, ``"minimum"``."""
    return {
        "per x": f"{domain.capitalize()} electrode potential vs carrier metal [V]",
        "X-averaged": f"X-averaged {domain} electrode potential vs carrier metal [V]",
        "minimum": f"Minimum {domain} electrode potential vs carrier metal [V]",
    }


class CarrierMetalPotential(pybamm.BaseSubModel):
    """Publishes the electrode's potential vs the carrier metal; optionally stops at 0 V.

    Variables (``domain`` "negative" in a full cell, "positive" in a half cell):
    ``"{Domain} electrode potential vs carrier metal [V]"`` (per x), its X-average and
    ``"Minimum {domain} electrode potential vs carrier metal [V]"`` (min over x).

    Parameters
    ----------
    cut_off : bool
        Add :data:`PLATING_EVENT` (a :class:`pybamm.Event` of type TERMINATION on the
        minimum): an experiment step, or a solve, that drives the electrode to 0 V vs
        the metal ends there and PyBaMM names the event as the termination.
    """

    def __init__(self, param, domain, options, cut_off: bool = True):
        super().__init__(param, domain, options=options)
        self.cut_off = cut_off

    def _phase_names(self) -> list[str]:
        phases = self.options.phases[self.domain]
        return [""] if len(phases) == 1 else [f"{p} " for p in phases]

    def get_coupled_variables(self, variables):
        domain, Domain = self.domain_Domain
        delta_phi = variables[f"{Domain} electrode surface potential difference [V]"]
        films = [
            variables[f"{Domain} electrode {name}SEI film overpotential [V]"]
            for name in self._phase_names()
        ]
        eta_sei = films[0]
        for film in films[1:]:
            eta_sei = pybamm.minimum(eta_sei, film)
        potential = delta_phi + eta_sei
        names = carrier_metal_potential_names(domain)
        variables.update(
            {
                names["per x"]: potential,
                names["X-averaged"]: pybamm.x_average(potential),
                names["minimum"]: pybamm.min(potential),
            }
        )
        return variables

    def add_events_from(self, variables):
        if self.cut_off:
            minimum = variables[carrier_metal_potential_names(self.domain)["minimum"]]
            self.events.append(pybamm.Event(PLATING_EVENT, minimum, pybamm.EventType.TERMINATION))
