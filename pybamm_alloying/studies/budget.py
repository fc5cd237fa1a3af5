"""Voltage budget of anode lithiation: which loss a charge spends its voltage window on.

The alloy electrode lithiates on a full cell's charge (voltage rising to the upper
cut-off) or a half cell's discharge (voltage falling to the lower one); ``s`` = +1 or -1
orients every term so that a loss is positive. PyBaMM splits the cell voltage as (its
``set_voltage_variables``)::

    V = OCV_bulk + eta_particle + eta_reaction + eta_e,concentration + eta_e,ohmic
          + delta_phi_s

each x-averaged. For a two-phase particle PyBaMM's bulk OCP, U(c_bar), is not its
equilibrium: a particle whose mean content c_bar lies below the interface equilibrium
c_eq (``"... equilibrium interface concentration [mol.m-3]"``, c_eq^sigma with stress)
rests at the plateau U(c_eq); above it, single-phase, at U(c_bar). With c_A = max(c_bar,
c_eq), the equilibrium voltage OCV_eq uses xav U(c_A) for the alloy, and the alloy's
particle concentration overpotential splits through its own OCP U (each concentration
term is a difference of U, i.e. a concentration drop times the OCP slope)::

    anode interface reaction = xav[U(c_A) - U(c_B)]      (the front's drive, c_int - c_eq)
    anode shell diffusion    = xav[U(c_B) - U(c_shell)]  (the drop across the shell)
    anode SEI film           = xav[U(c_shell) - U(c_o)]  (the "film" option's drop)
                               + xav eta_SEI (PyBaMM's "SEI film resistance", if on)
    anode charge transfer    = -xav eta_r,anode           (Butler-Volmer at the surface)

with c_B = c_int while two-phase (c_bar < c_eq) and c_bar once single-phase (no front:
the whole drop c_bar -> c_shell is the shell's). The cell and counter-electrode terms
are PyBaMM's: electrolyte concentration and ohmic, solid-phase ohmic (times s), and the
cathode's particle concentration and charge-transfer overpotentials (full cell) or the
metal's interface reaction overpotential (half cell). Their sum is the voltage budget
s (V - OCV_eq), up to PyBaMM's x-averaging of a non-uniform electrode.

A charge ends at the cell's voltage cut-off, or at 0 V vs the carrier metal (the alloy
plating cut-off, :data:`~pybamm_alloying.submodels.carrier_metal.PLATING_EVENT`). In
the second case the budget is the alloy's own: where its potential vs the metal first
reaches 0 V, U(c_A) - U_M = interface + shell + film + charge transfer, the four anode
terms taken there, the film without eta_SEI (U_M = phi_s - phi_e + eta_SEI leaves it out;
the electrolyte and the cathode do not enter, and their terms are NaN). The
limiting mechanism is the largest term of the budget that ended the charge.
"""

from dataclasses import dataclass

import numpy as np
import pybamm

from ..submodels.carrier_metal import PLATING_EVENT, carrier_metal_potential_names

ANODE_TERMS = (
    "anode shell diffusion",
    "anode interface reaction",
    "anode SEI film",
    "anode charge transfer",
)
CELL_TERMS = ("electrolyte concentration", "electrolyte ohmic", "solid-phase ohmic")
#: Counter-electrode terms: the cathode of a full cell, the metal of a half cell.
COUNTER_TERMS = {
    "full": ("cathode particle", "cathode charge transfer"),
    "half": ("metal charge transfer",),
}
#: The only mechanism that makes a rate limit diffusion-limited.
SHELL_DIFFUSION = "anode shell diffusion"
#: Model variables added by :func:`add_budget_variables`.
EQUILIBRIUM_VOLTAGE = "Lithiation equilibrium voltage [V]"
ANODE_EQUILIBRIUM = "Anode equilibrium potential [V]"


def _loss(term: str) -> str:
    return f"{term.capitalize()} loss [V]"


def _x_averaged(term: str) -> str:
    return f"X-averaged {term} loss [V]"


def terms(cell: str) -> tuple[str, ...]:
    """Names of the budget's terms for a ``"full"`` or ``"half"`` cell."""
    return ANODE_TERMS + CELL_TERMS + COUNTER_TERMS[cell]


def _anode_losses(model) -> tuple[dict, pybamm.Symbol]:
    """Per-x anode loss terms [V] and the alloy's equilibrium potential U(c_A)."""
    a = model.alloy_domain
    A, v = a.capitalize(), model.variables
    phase = getattr(model.shell_param, a[0]).prim
    T = v[f"{A} electrode temperature [K]"]

    def U(c):
        return phase.U(c / phase.c_max, T)

    c_bar = v[f"R-averaged {a} particle concentration [mol.m-3]"]
    c_eq = v[f"{A} equilibrium interface concentration [mol.m-3]"]
    c_int = v[f"{A} interface concentration [mol.m-3]"]
    c_surface = v[f"{A} particle surface concentration [mol.m-3]"]  # c_o with the film
    c_shell = v.get(f"{A} shell surface concentration [mol.m-3]", c_surface)
    two_phase = c_bar < c_eq
    c_A = pybamm.maximum(c_bar, c_eq)
    c_B = two_phase * c_int + (1 - two_phase) * c_bar
    losses = {
        "anode shell diffusion": U(c_B) - U(c_shell),
        "anode interface reaction": U(c_A) - U(c_B),
        "anode SEI film": U(c_shell)
        - U(c_surface)
        + v[f"{A} electrode SEI film overpotential [V]"],
        "anode charge transfer": -v[f"{A} electrode reaction overpotential [V]"],
    }
    return losses, U(c_A)


def add_budget_variables(model) -> None:
    """Add the budget's terms to ``model`` (a :class:`pybamm_alloying.DFN` with one
    alloy phase, before it is discretised): per x and x-averaged for the anode, the
    alloy's equilibrium potential and :data:`EQUILIBRIUM_VOLTAGE`."""
    v, half = model.variables, model.alloy_domain == "positive"
    s = -1 if half else 1
    anode, U_A = _anode_losses(model)
    cell = {
        "electrolyte concentration": s * v["X-averaged concentration overpotential [V]"],
        "electrolyte ohmic": s * v["X-averaged electrolyte ohmic losses [V]"],
        "solid-phase ohmic": s * v["X-averaged solid phase ohmic losses [V]"],
    }
    if half:
        metal = v["Lithium metal interface reaction overpotential [V]"]
        counter = {"metal charge transfer": metal}
    else:
        counter = {
            "cathode particle": v["Positive particle concentration overpotential [V]"],
            "cathode charge transfer": v[
                "X-averaged positive electrode reaction overpotential [V]"
            ],
        }
    bulk = v[f"{model.alloy_domain.capitalize()} electrode bulk open-circuit potential [V]"]
    kappa = 1 if half else -1  # sign of the alloy's OCP in the cell's OCV
    for term, loss in anode.items():
        v[_loss(term)] = loss
        v[_x_averaged(term)] = pybamm.x_average(loss)
    v.update({_loss(term): loss for term, loss in {**cell, **counter}.items()})
    v[ANODE_EQUILIBRIUM] = U_A
    ocv = v["Bulk open-circuit voltage [V]"]
    v[EQUILIBRIUM_VOLTAGE] = ocv + kappa * (pybamm.x_average(U_A) - bulk)


@dataclass(frozen=True)
class LithiationBudget:
    """The budget at the end of one charge: ``losses`` [V] by term (NaN: not in this
    budget), their ``total`` (the window they share) and the event that ``ended`` it."""

    losses: dict
    total: float
    ended: str

    @property
    def mechanism(self) -> str:
        """The largest term."""
        return max((t for t in self.losses if np.isfinite(self.losses[t])), key=self.losses.get)

    def as_row(self) -> dict:
        return {
            "limiting mechanism": self.mechanism,
            "charge ended by": self.ended,
            **{f"{term} loss [V]": value for term, value in self.losses.items()},
            "budget total [V]": self.total,
        }


def lithiation_budget(end: pybamm.Solution, termination: str, model, cell: str) -> LithiationBudget:
    """The budget in ``end``, the last state of a solve of ``model`` (which has
    :func:`add_budget_variables`) that ended by ``termination`` (PyBaMM's
    ``Solution.termination``); the alloy's own at the plating cut-off."""
    ended = termination.removeprefix("event: ")

    def last(name):
        return np.ravel(end[name].entries)

    if ended != PLATING_EVENT:
        s = -1 if cell == "half" else 1
        names = {t: _x_averaged(t) if t in ANODE_TERMS else _loss(t) for t in terms(cell)}
        losses = {t: float(last(name)[-1]) for t, name in names.items()}
        total = s * float(last("Voltage [V]")[-1] - last(EQUILIBRIUM_VOLTAGE)[-1])
        return LithiationBudget(losses, total, ended)
    return _plating_budget(last, model.alloy_domain, cell, ended)


def _plating_budget(last, domain: str, cell: str, ended: str) -> LithiationBudget:
    """The alloy's budget where its potential vs the carrier metal is lowest."""
    potential = last(carrier_metal_potential_names(domain)["per x"])
    where = int(np.argmin(potential))
    losses = {t: float(last(_loss(t))[where]) if t in ANODE_TERMS else np.nan for t in terms(cell)}
    eta_sei = last(f"{domain.capitalize()} electrode SEI film overpotential [V]")
    losses["anode SEI film"] -= float(eta_sei[where])
    return LithiationBudget(losses, float(last(ANODE_EQUILIBRIUM)[where] - potential[where]), ended)
