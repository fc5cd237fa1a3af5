"""Electrode swelling from the alloy particles' carrier content (docs/theory.md section 10).

Each particle's volume is linear in its carrier content, V / V_host = 1 + (beta - 1)
c_bar / c_max (published by the particle submodel as ``"... particle volume change"``).
Per unit pristine electrode volume the solid then grows by
e = eps_s (beta - 1) c_bar / c_max. A fraction f (``"swelling thickness fraction"``) of
that growth thickens the electrode (held laterally by the current collector), the rest
fills pores::

    thickness change  dL = n L f [x_av(e) - x_av(e_0)]        (e_0: the initial state)
    porosity          eps(x) = (eps_0 - (1 - f) e) / (1 + f e)

with n the number of electrodes in parallel, as in PyBaMM's own swelling model (whose
rule is f = 1). The electrolyte still sees the pristine porosity: swelling is an
output, as in PyBaMM's ``"particle mechanics": "swelling only"``.
"""

import pybamm

from .alloy_parameters import AlloyParameters


class AlloySwelling(pybamm.particle_mechanics.NoMechanics):
    """Swelling of the alloy electrode: PyBaMM's mechanics slot, no cracking.

    Replaces the ``"particle mechanics"`` submodel of each alloy phase. Publishes, in
    PyBaMM's names, ``"{Domain} electrode {phase}thickness change [m]"`` and the
    phase's solid volume growth; :class:`AlloySwellingTotals` sums the phases.
    """

    def __init__(self, param, domain, options, phase="primary"):
        super().__init__(param, domain, options, phase)
        self.alloy = AlloyParameters(self.phase_param)
        pybamm.citations.register("Ai2019")  # PyBaMM's swelling rule (f = 1)

    def _solid_growth(self, variables, volume_change):
        eps_s = variables[
            f"{self.domain.capitalize()} electrode {self.phase_name}active material volume fraction"
        ]
        return eps_s * volume_change

    def get_coupled_variables(self, variables):
        variables = super().get_coupled_variables(variables)
        domain, Domain = self.domain_Domain
        phase_name = self.phase_name
        volume_change = variables[f"{Domain} {phase_name}particle volume change"]
        growth = self._solid_growth(variables, volume_change)
        c_init = pybamm.r_average(self.phase_param.c_init)
        growth_0 = self._solid_growth(variables, (self.alloy.beta - 1) * c_init / self.alloy.c_max)
        f = self.alloy.thickness_fraction
        thickness_change = (
            self.param.n_electrodes_parallel
            * self.domain_param.L
            * f
            * (pybamm.x_average(growth) - pybamm.x_average(growth_0))
        )
        variables.update(
            {
                f"{Domain} electrode {phase_name}thickness change [m]": thickness_change,
                f"{Domain} electrode {phase_name}solid volume growth": growth,
            }
        )
        return variables


class AlloySwellingTotals(pybamm.BaseSubModel):
    """The alloy electrode's swelling totals over its alloy phases (PyBaMM keeps totals
    in their own submodels, e.g. ``pybamm.active_material.Total``).

    Sums each phase's ``"{Domain} electrode {phase}thickness change [m]"`` and solid
    volume growth e from :class:`AlloySwelling` and publishes ``"{Domain} electrode
    thickness change [m]"``, ``"Cell thickness change [m]"`` (the other electrode taken
    as rigid) and ``"{Domain} electrode swollen porosity"``
    eps = (eps_0 - (1 - f) e) / (1 + f e), with f the swelling thickness fraction of the
    first alloy phase (docs/theory.md §10).
    """

    def __init__(self, param, domain, options, alloy_phases=(("primary", ""),)):
        super().__init__(param, domain, options=options)
        first = self.domain_param.phase_params[alloy_phases[0][0]]
        self.alloy = AlloyParameters(first)
        self.phase_names = tuple(name for _, name in alloy_phases)

    def get_coupled_variables(self, variables):
        domain, Domain = self.domain_Domain
        phases = self.phase_names
        thickness_change = sum(
            variables[f"{Domain} electrode {p}thickness change [m]"] for p in phases
        )
        growth = sum(variables[f"{Domain} electrode {p}solid volume growth"] for p in phases)
        f = self.alloy.thickness_fraction
        porosity = (self.domain_param.epsilon_init - (1 - f) * growth) / (1 + f * growth)
        variables.update(
            {
                f"{Domain} electrode thickness change [m]": thickness_change,
                "Cell thickness change [m]": thickness_change,
                f"{Domain} electrode swollen porosity": porosity,
                f"X-averaged {domain} electrode swollen porosity": pybamm.x_average(porosity),
            }
        )
        return variables
