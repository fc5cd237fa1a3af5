"""What the alloy DFN, SPM and SPMe share: the shrinking-core alloy electrode in a cell."""

import pybamm

from ..geometry import ShellMeshDefaults, shell_mesh_defaults
from ..submodels.active_material import ShapedActiveMaterial
from ..submodels.carrier_metal import CarrierMetalPotential
from ..submodels.fracture import FractureActiveMaterialLoss, ShellFracture
from ..submodels.interface_equilibrium import interface_equilibrium
from ..submodels.particle import PARTICLE_SUBMODELS
from ..submodels.sei_transport import SEIFilmTransport
from ..submodels.swelling import AlloySwelling, AlloySwellingTotals
from ..validation import OptionCompatibilityError
from .checks import ParameterChecks
from .esoh import AlloyESOH
from .options import (
    IDAKLUOnly,
    check_cell_options,
    film_option,
    solver_settings,
    split_options,
)


class AlloyCell(ParameterChecks, AlloyESOH, IDAKLUOnly):
    """Mixin for a PyBaMM lithium-ion model whose alloy electrode has shrinking-core
    particles: put it before the PyBaMM model in the bases (:class:`~pybamm_alloying.DFN`,
    :class:`~pybamm_alloying.SPM`, :class:`~pybamm_alloying.SPMe`).

    It takes the alloy options out of the options (:func:`~.options.split_options`),
    replaces the alloy electrode's particle, plating, mechanics and active-material
    submodels, and adds the shell domains to the default geometry, mesh and spatial
    methods. PyBaMM's ``x_average`` attribute of the model (true in the SPM and SPMe)
    is passed to every alloy submodel: one front per electrode there, one per x-node in
    the DFN (docs/theory.md section 12).
    """

    #: PyBaMM options this model sets unless the user does.
    pybamm_option_defaults: dict = {}

    def __init__(self, options=None, name="Shrinking-core alloy model", build=True):
        pybamm_options, self.alloy_options = split_options(options)
        pybamm_options = {**self.pybamm_option_defaults, **pybamm_options}
        check_cell_options(pybamm_options, self.alloy_options)
        super().__init__(pybamm_options, name=name, build=build)

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
            submodel_kwargs = {"phase": phase, "geometry": geometry, "x_average": self.x_average}
            chosen = getattr(getattr(self.options, domain), phase)["particle"]
            if chosen != "Fickian diffusion":
                raise OptionCompatibilityError(
                    f"option 'particle' must be 'Fickian diffusion' (the default) for the "
                    f"alloy {phase} phase, not {chosen!r}: the shrinking core replaces it"
                )
            self.submodels[f"{domain} {phase} particle"] = particle(
                self.param, domain, self.options, **submodel_kwargs
            )
            if film:
                self.submodels[f"{domain} {phase} SEI transport"] = SEIFilmTransport(
                    self.param, domain, self.options, **submodel_kwargs
                )
            mechanics_kwargs = {**submodel_kwargs, "particle": self.alloy_options["alloy particle"]}
            self.submodels[f"{domain} {phase} interface equilibrium"] = interface_equilibrium(
                self.alloy_options["alloy stress"],
                self.param,
                domain,
                self.options,
                **mechanics_kwargs,
            )
            if self.alloy_options["alloy fracture"] != "none":
                self.submodels[f"{domain} {phase} fracture"] = ShellFracture(
                    self.param, domain, self.options, **mechanics_kwargs
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
        """PyBaMM's mechanics slot of each alloy phase holds :class:`AlloySwelling`; the
        electrode's totals are :class:`AlloySwellingTotals`."""
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
                self.param, domain, self.options, phase
            )
        self.submodels[f"{domain} alloy swelling totals"] = AlloySwellingTotals(
            self.param, domain, self.options, alloy_phases=tuple(self.alloy_phases)
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
                    self.param, self.alloy_domain, self.options, phase, geometry, self.x_average
                )
            )

    def _shell_defaults(self) -> ShellMeshDefaults:
        return shell_mesh_defaults(
            ((self.alloy_domain, phase_name) for _, phase_name in self.alloy_phases),
            self.alloy_options["alloy particle"],
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
        return {**super().default_geometry, **self._shell_defaults().geometry}

    @property
    def default_var_pts(self):
        return {**super().default_var_pts, **self._shell_defaults().var_pts}

    @property
    def default_submesh_types(self):
        return {**super().default_submesh_types, **self._shell_defaults().submesh_types}

    @property
    def default_spatial_methods(self):
        return {**super().default_spatial_methods, **self._shell_defaults().spatial_methods}
