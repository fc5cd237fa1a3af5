"""A single shrinking-core particle, held at a potential, a composition or a flux."""

import pybamm
from scipy.optimize import brentq

from ..geometry import shell_mesh_defaults
from ..submodels.fracture import ShellFracture
from ..submodels.interface_equilibrium import interface_equilibrium
from ..submodels.particle import PARTICLE_SUBMODELS
from ..submodels.stress import SATURATION_MARGIN
from ..submodels.surface_drive import HeldSEIFilm, SurfaceDrive
from ..validation import OptionCompatibilityError, check_number
from .checks import ParameterChecks
from .options import IDAKLUOnly, film_option, solver_settings, split_options

DOMAIN = "negative"


class ParticleLithiation(ParameterChecks, IDAKLUOnly, pybamm.BaseModel):
    """One alloy particle (sphere, nanowire or film) and its moving front.

    The particle submodels are the same classes the full-cell :class:`DFN` uses,
    driven by :class:`~pybamm_alloying.submodels.surface_drive.SurfaceDrive` instead of
    an electrolyte. Parameters are read from the negative-electrode entries of a
    parameter set (``pybamm.ParameterValues("LiSi_NMC811")`` by default) plus

    * ``"Particle surface concentration [mol.m-3]"`` (``drive="potentiostatic"``; use
      :func:`surface_concentration` to convert a potential vs the carrier metal), or
    * ``"Particle surface flux [mol.m-2.s-1]"`` (``drive="galvanostatic"``).

    Outputs include ``"Negative shell thickness [m]"`` (the lithiated-layer thickness
    L), ``"Negative lithiated fraction"``, ``"Negative core radius [m]"`` and the shell
    profile ``"Negative shell concentration [mol.m-3]"`` on the Landau coordinate.

    Parameters
    ----------
    options : dict, optional
        ``"alloy particle"`` (``"full"`` or ``"quasi-steady"``), ``"alloy geometry"``
        (``"spherical"``, ``"cylindrical"`` or ``"planar"``, default here), ``"alloy
        stress"``, ``"alloy SEI transport"`` (a film between the held composition and
        the shell, potentiostatic drive only) and ``"alloy fracture"`` (``"index"``
        only: a lone particle has no active material to lose), as for :class:`DFN`.
    drive : str, optional
        ``"potentiostatic"`` (default) or ``"galvanostatic"``.
    """

    def __init__(self, options=None, drive="potentiostatic", name="Alloy particle lithiation"):
        super().__init__(name=name)
        options = {"alloy geometry": "planar", **(options or {})}
        pybamm_options, self.alloy_options = split_options(options)
        battery_options = pybamm.BatteryModelOptions(pybamm_options)
        self.param = pybamm.LithiumIonParameters(battery_options)
        particle = PARTICLE_SUBMODELS[self.alloy_options["alloy particle"]]
        geometry = self.alloy_options["alloy geometry"]
        shell = {"geometry": geometry, "particle": self.alloy_options["alloy particle"]}
        self.submodels = {
            "drive": SurfaceDrive(
                self.param, DOMAIN, battery_options, drive, film=film_option(self.alloy_options)
            ),
            "interface equilibrium": interface_equilibrium(
                self.alloy_options["alloy stress"],
                self.param,
                DOMAIN,
                battery_options,
                **shell,
            ),
            "particle": particle(self.param, DOMAIN, battery_options, geometry=geometry),
        }
        if film_option(self.alloy_options):
            self.submodels["SEI film"] = HeldSEIFilm(
                self.param, DOMAIN, battery_options, geometry=geometry
            )
        fracture = self.alloy_options["alloy fracture"]
        if fracture not in ("none", "index"):
            raise OptionCompatibilityError(
                f"option 'alloy fracture' must be 'none' or 'index' for a single particle, "
                f"not {fracture!r} (loss of active material needs an electrode: use DFN)"
            )
        if fracture == "index":
            self.submodels["fracture"] = ShellFracture(self.param, DOMAIN, battery_options, **shell)
        self.build_model()
        self.variables["Time [s]"] = pybamm.t

    def _shell_defaults(self):
        return shell_mesh_defaults([(DOMAIN, "")], self.alloy_options["alloy particle"])

    @property
    def default_geometry(self):
        battery = pybamm.battery_geometry()
        geometry = {
            key: battery[key]
            for key in ("negative electrode", "negative particle", "current collector")
        }
        return {**geometry, **self._shell_defaults().geometry}

    @property
    def default_var_pts(self):
        return {"x_n": 1, "r_n": 4, **self._shell_defaults().var_pts}

    @property
    def default_submesh_types(self):
        return {
            "negative electrode": pybamm.Uniform1DSubMesh,
            "negative particle": pybamm.Uniform1DSubMesh,
            "current collector": pybamm.SubMesh0D,
            **self._shell_defaults().submesh_types,
        }

    @property
    def default_spatial_methods(self):
        return {
            "negative electrode": pybamm.FiniteVolume(),
            "negative particle": pybamm.FiniteVolume(),
            "current collector": pybamm.ZeroDimensionalSpatialMethod(),
            **self._shell_defaults().spatial_methods,
        }

    @property
    def default_parameter_values(self):
        return pybamm.ParameterValues("LiSi_NMC811")

    @property
    def default_solver(self):
        """IDAKLU with the tolerances of :attr:`pybamm_alloying.DFN.default_solver`."""
        return pybamm.IDAKLUSolver(**solver_settings(self.alloy_options))


def surface_concentration(parameter_values, potential: float, domain: str = DOMAIN) -> float:
    """Shell composition c_ext [mol.m-3] whose OCP equals ``potential`` [V].

    Solves U(c_ext / c_max) = potential on the electrode OCP of ``parameter_values``
    at the reference temperature. A potential at or below the OCP of the full shell
    (e.g. 0 V vs the carrier metal) pins the surface at the full composition, c_max (1 -
    :data:`~pybamm_alloying.submodels.stress.SATURATION_MARGIN`): the shell cannot hold
    more. Raises ``ValueError`` naming the window if the potential lies above the OCP of
    the empty shell.
    """
    check_number("potential [V]", potential)
    phase = pybamm.LithiumIonParameters().domain_params[domain].prim
    c_max = parameter_values.evaluate(phase.c_max)
    T_ref = parameter_values.evaluate(pybamm.LithiumIonParameters().T_ref)

    def U(sto: float) -> float:
        return float(parameter_values.evaluate(phase.U(pybamm.Scalar(sto), T_ref)))

    lo, hi = 1e-6, 1 - SATURATION_MARGIN
    U_lo, U_hi = U(lo), U(hi)
    if potential >= U_lo:
        raise ValueError(
            f"potential must lie below the OCP of the empty {domain} shell, "
            f"{U_lo:.4f} V (full shell: {U_hi:.4f} V), not {potential} V"
        )
    if potential <= U_hi:
        return c_max * hi
    return c_max * brentq(lambda sto: U(sto) - potential, lo, hi, xtol=1e-12)
