"""Doyle-Fuller-Newman model whose alloy electrode has shrinking-core particles."""

import pybamm

from ..geometry import shell_mesh_defaults
from ..submodels.active_material import ShapedActiveMaterial
from ..submodels.carrier_metal import CarrierMetalPotential
from ..submodels.fracture import FractureActiveMaterialLoss, ShellFracture
from ..submodels.interface_equilibrium import interface_equilibrium
from ..submodels.particle import PARTICLE_SUBMODELS
from ..submodels.sei_transport import SEIFilmTransport
from ..submodels.swelling import AlloySwelling
from ..validation import OptionCompatibilityError
from .checks import ParameterChecks
from .options import (
    IDAKLUOnly,
    check_cell_options,
    film_option,
    solver_settings,
    split_options,
)


class DFN(ParameterChecks, IDAKLUOnly, pybamm.lithium_ion.DFN):
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

    The electrode-SOH summary variables (eSOH) are switched off: PyBaMM's eSOH solver
    inverts the OCP of a Fickian electrode, which the two-phase plateau makes
    ill-posed. All other summary variables are kept.

    Examples
    --------
    >>> import pybamm, pybamm_alloying
    >>> model = pybamm_alloying.DFN({"alloy particle": "quasi-steady"})
    >>> sim = pybamm.Simulation(model, parameter_values=pybamm.ParameterValues("LiSi_NMC811"))
    """

    def __init__(self, options=None, name="Shrinking-core alloy DFN", build=True):
        pybamm_options, self.alloy_options = split_options(options)
        check_cell_options(pybamm_options, self.alloy_options)
        super().__init__(pybamm_options, name=name, build=build)
        self.calc_esoh = False

    @property
    def alloy_domain(self) -> str:
        """Electrode that holds the alloy: "negative", or "positive" in a half cell."""
        return "positive" if self.options["working electrode"] == "positive" else "negative"

    @property
    def alloy_phases(self) -> list[tuple[str, str]]:
        """(phase, phase_name) of every shrinking-core phase, e.g. [("primary", "")]."""
        phases = self.options.phases[self.alloy_domain]
        chosen = self.alloy_options["alloy phases"]
        if chosen != "all" and chosen not in phases:
            raise OptionCompatibilityError(
                f"option 'alloy phases' is {chosen!r} but the {self.alloy_domain} "
                f"electrode has phases {list(phases)}"
            )
        return [(p, "" if len(phases) == 1 else f"{p} ") for p in phases if chosen in ("all", p)]

    def set_particle_submodel(self):
        super().set_particle_submodel()
        domain = self.alloy_domain
        particle = PARTICLE_SUBMODELS[self.alloy_options["alloy particle"]]
        geometry = self.alloy_options["alloy geometry"]
        film = film_option(self.alloy_options)
        for phase, _ in self.alloy_phases:
            chosen = getattr(getattr(self.options, domain), phase)["particle"]
            if chosen != "Fickian diffusion":
                raise OptionCompatibilityError(
                    f"option 'particle' must be 'Fickian diffusion' (the default) for the "
                    f"alloy {phase} phase, not {chosen!r}: the shrinking core replaces it"
                )
            self.submodels[f"{domain} {phase} particle"] = particle(
                self.param, domain, self.options, phase=phase, geometry=geometry
            )
            if film:
                self.submodels[f"{domain} {phase} SEI transport"] = SEIFilmTransport(
                    self.param, domain, self.options, phase=phase, geometry=geometry
                )
            self.submodels[f"{domain} {phase} interface equilibrium"] = interface_equilibrium(
                self.alloy_options["alloy stress"],
                self.param,
                domain,
                self.options,
                phase=phase,
                geometry=geometry,
            )
            if self.alloy_options["alloy fracture"] != "none":
                self.submodels[f"{domain} {phase} fracture"] = ShellFracture(
                    self.param, domain, self.options, phase=phase, geometry=geometry
                )

    def set_lithium_plating_submodel(self):
        """PyBaMM's plating slots, then the alloy electrode's potential vs the carrier
        metal (:class:`~pybamm_alloying.submodels.carrier_metal.CarrierMetalPotential`).

        Its 0 V termination event is on unless ``"alloy plating cut-off"`` is
        ``"false"`` or PyBaMM's ``"lithium plating"`` is on for a phase of the alloy
        electrode (then the metal plates below 0 V instead, and PyBaMM counts it).
        """
        super().set_lithium_plating_submodel()
        domain = self.alloy_domain
        plating = any(
            getattr(getattr(self.options, domain), phase)["lithium plating"] != "none"
            for phase in self.options.phases[domain]
        )
        cut_off = self.alloy_options["alloy plating cut-off"] == "true" and not plating
        self.submodels[f"{domain} carrier metal potential"] = CarrierMetalPotential(
            self.param, domain, self.options, cut_off=cut_off
        )

    def set_crack_submodel(self):
        """PyBaMM's mechanics slot of each alloy phase holds :class:`AlloySwelling`."""
        super().set_crack_submodel()
        domain = self.alloy_domain
        for phase, _ in self.alloy_phases:
            if getattr(getattr(self.options, domain), phase)["particle mechanics"] != "none":
                raise OptionCompatibilityError(
                    "option 'particle mechanics' must be 'none' for the alloy electrode "
                    "(also implied by 'loss of active material': 'stress-driven'): its "
                    "swelling comes from the shrinking-core particle (AlloySwelling)"
                )
            self.submodels[f"{domain} {phase}particle mechanics"] = AlloySwelling(
                self.param,
                domain,
                self.options,
                phase,
                alloy_phase_names=tuple(name for _, name in self.alloy_phases),
            )

    def set_active_material_submodel(self):
        super().set_active_material_submodel()
        geometry = self.alloy_options["alloy geometry"]
        if self.alloy_options["alloy fracture"] == "loss of active material":
            self._set_fracture_active_material(geometry)
            return
        if geometry == "spherical":
            return
        if getattr(self.options, self.alloy_domain)["loss of active material"] != "none":
            raise OptionCompatibilityError(
                "loss of active material is only available for spherical alloy particles"
            )
        for phase, _ in self.alloy_phases:
            self.submodels[f"{self.alloy_domain} {phase} active material"] = ShapedActiveMaterial(
                self.param, self.alloy_domain, self.options, phase, geometry
            )

    def _set_fracture_active_material(self, geometry):
        """Each alloy phase's active material follows its fracture
        (:class:`~pybamm_alloying.submodels.fracture.FractureActiveMaterialLoss`)."""
        if getattr(self.options, self.alloy_domain)["loss of active material"] != "none":
            raise OptionCompatibilityError(
                "option 'alloy fracture': 'loss of active material' replaces PyBaMM's "
                "'loss of active material' on the alloy electrode; set that to 'none'"
            )
        for phase, _ in self.alloy_phases:
            self.submodels[f"{self.alloy_domain} {phase} active material"] = (
                FractureActiveMaterialLoss(
                    self.param, self.alloy_domain, self.options, phase, geometry
                )
            )

    def _shell_defaults(self):
        return shell_mesh_defaults(
            (self.alloy_domain, phase_name) for _, phase_name in self.alloy_phases
        )

    @property
    def default_parameter_values(self):
        """``LiSi_NMC811``: PyBaMM's own defaults lack the shell's parameters."""
        return pybamm.ParameterValues("LiSi_NMC811")

    @property
    def default_solver(self):
        """PyBaMM's IDAKLU (rtol 1e-4; 1e-6 with stress).

        Stress moves the interface equilibrium c_eq^sigma by up to ~1e4 mol/m3 away
        from c_eq, the reference of the shell states, while a diffusion-controlled
        front is driven by c_1 - c_eq^sigma of ~1e-3 mol/m3 (docs/theory.md section 10):
        at PyBaMM's default 1e-4 the solver cannot resolve that difference. With fracture
        memory IDA's Newton iteration is converged tighter
        (:data:`~pybamm_alloying.models.options.FRACTURE_NEWTON_COEFFICIENT`). A stalled
        solve is bounded by the studies' ``time_limit``
        (:mod:`pybamm_alloying.studies.parallel`), not by a step count: pybammsolvers
        steps IDA one step at a time, so IDA's ``max_num_steps`` never trips.
        """
        return pybamm.IDAKLUSolver(**solver_settings(self.alloy_options))

    @property
    def default_geometry(self):
        return {**super().default_geometry, **self._shell_defaults()[0]}

    @property
    def default_var_pts(self):
        return {**super().default_var_pts, **self._shell_defaults()[1]}

    @property
    def default_submesh_types(self):
        return {**super().default_submesh_types, **self._shell_defaults()[2]}

    @property
    def default_spatial_methods(self):
        return {**super().default_spatial_methods, **self._shell_defaults()[3]}
