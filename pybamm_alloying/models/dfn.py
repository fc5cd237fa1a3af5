"""Doyle-Fuller-Newman model whose alloy electrode has shrinking-core particles."""

import pybamm

from .base import AlloyCell


class DFN(AlloyCell, pybamm.lithium_ion.DFN):
    """PyBaMM's DFN with a two-phase shrinking-core particle in the alloy electrode.

    The alloy electrode is the negative electrode of a full cell, or the working
    electrode of a half cell (``{"working electrode": "positive"}``, where PyBaMM puts
    it in the positive slot). All PyBaMM options apply, plus:

    * ``"alloy particle"``: ``"full"`` (shell diffusion on a front-fixed mesh, default)
      or ``"quasi-steady"`` (quasi-steady shell profile, ODEs and algebraic equations
      only; valid while shell diffusion is fast next to front motion).
    * ``"alloy geometry"``: ``"spherical"`` (default), ``"cylindrical"`` (nanowires)
      or ``"planar"`` (films; R is the half-thickness).
    * ``"alloy stress"``: ``"none"`` (default) or ``"plastic"`` (stress at the moving
      interface raises its equilibrium: self-limiting lithiation).
    * ``"alloy SEI transport"``: ``"none"`` (default) or ``"film"`` (the carrier diffuses
      through an SEI film in series with the particle; ``"full"`` particle only).
    * ``"alloy fracture"``: ``"none"`` (default), ``"index"`` (the shell's fracture
      energy release rate and index, docs/fracture.md) or ``"loss of active material"``
      (fractured particles lose active material); needs ``"alloy stress": "plastic"``.
    * ``"alloy plating cut-off"``: ``"true"`` (default) or ``"false"``. The alloy
      electrode's potential vs the carrier metal, ``"{Domain} electrode potential vs
      carrier metal [V]"`` (phi_s - phi_e + eta_SEI, PyBaMM's plating reference), is
      always published; with ``"true"`` a charge that drives it to 0 V stops there
      (termination event ``"Anode potential below 0 V vs carrier metal"``). With
      PyBaMM's ``"lithium plating"`` option on the alloy electrode there is no event:
      the metal plates below 0 V (docs/plating.md).
    * ``"alloy phases"``: which phases of the alloy electrode are shrinking cores,
      ``"all"`` (default), ``"primary"`` or ``"secondary"``; with PyBaMM's
      ``"particle phases": ("2", "1")`` and ``"secondary"``, a graphite primary phase
      keeps PyBaMM's Fickian particle beside a Si secondary phase (parameters
      prefixed ``"Secondary: "``).

    PyBaMM's electrode-SOH (eSOH) summary variables and ``initial_soc`` see the alloy
    phase's content-potential map (:mod:`pybamm_alloying.models.esoh`, docs/theory.md
    section 7); for a composite alloy electrode use
    :func:`pybamm_alloying.set_initial_state` instead of ``initial_soc``.

    Examples
    --------
    >>> import pybamm, pybamm_alloying
    >>> model = pybamm_alloying.DFN({"alloy particle": "quasi-steady"})
    >>> sim = pybamm.Simulation(model, parameter_values=pybamm.ParameterValues("LiSi_NMC811"))
    """

    def __init__(self, options=None, name="Shrinking-core alloy DFN", build=True):
        super().__init__(options, name=name, build=build)
