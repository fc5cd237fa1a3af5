"""Stress at the moving interface and the stressed interface equilibrium (docs/theory.md section 10).

Rigid-plastic core-shell analysis after Zhao et al. 2012 (doi:10.1149/2.020203jes): the
unreacted core (reference radius a = s, rigid next to the shell's plastic strains)
is loaded hydrostatically, the lithiated shell flows at its yield strength sigma_Y. The
shell forms at c_eq, so its volume per host atom is beta_s = 1 + (beta - 1) c_eq / c_max
times the host's (volume linear in carrier content, beta the full-lithiation ratio),
and the current outer radius is b^(m+1) = a^(m+1) + beta_s (R^(m+1) - a^(m+1)). For the
conversion particle (docs/theory.md section 13) the shell is the converted composite M + A2O,
beta_s = beta_conv + (beta - beta_conv)(c_eq - c_conv)/(c_max - c_conv)
(:func:`shell_volume_ratio`).

Mean stresses at the interface (derivations in docs/theory.md §10), with
L = ln(b/a) and phi the front compressive fraction (0: the reference form, docs/theory.md section 10)::

    sphere    core  -2 sigma_Y L              shell  core + (1 - 2 phi) (2/3) sigma_Y
    cylinder  core  -k L,  k = 2 sigma_Y/√3   shell  core + (1 - 2 phi) k / 2
    film      core  (2/3) sigma_Y (b - a)/a   shell  -(2/3) sigma_Y

The curved front adds a Laplace pressure to the core (docs/theory.md §10, "Size effect"):
an interface of excess energy gamma between the core and the shell, of width delta,
compresses a core of radius a by p_gamma = m gamma / (a + delta) (Young–Laplace; the
width caps it where the core is no larger than the interface). This is the material
length of the mechanics: l = gamma / sigma_Y.

The stress part of the reaction free energy per mole of carrier (docs/theory.md section 10, with
Omega_M / x = 1 / c_eq and Omega_LixM = beta_s Omega_M on the host basis)::

    dmu_sigma = (sigma_m,core - beta_s sigma_m,shell) / c_eq

raises the interface equilibrium to c_eq^sigma, U(c_eq^sigma) = U(c_eq) - dmu_sigma/F on
the shell's mean OCP, kept within the OCP's window [U(1), U(0)]: when the penalty
exceeds what the shell can hold the front stops (self-limiting lithiation, SLD).
"""

import numpy as np
import pybamm

from ..citations import register
from ..geometry import geometry_exponent, natural_log
from .alloy_parameters import AlloyParameters
from .naming import AlloyVariableNames

#: Tangential yield offset (sigma_t - sigma_r) / sigma_Y and the shell's mean-stress
#: offset per unit of it, for the bodies whose shell is pushed outward by the front.
_FLOW = {"spherical": (1.0, 2 / 3), "cylindrical": (2 / np.sqrt(3), 1 / 2)}


def flow_stress(yield_strength, geometry: str):
    """k = sigma_t - sigma_r in the flowing shell [Pa]: sigma_Y for a sphere (von Mises,
    sigma_theta = sigma_phi), 2 sigma_Y / sqrt(3) for a plane-strain wire."""
    return _FLOW[geometry][0] * yield_strength


#: The stressed equilibrium stays below c_max (1 - SATURATION_MARGIN): a shell cannot hold
#: more, so a penalty beyond U(c_eq) - U(full) stops the front; a potentiostatic hold
#: below the OCP window pins the surface at the same composition
#: (:func:`~pybamm_alloying.models.particle_lithiation.surface_concentration`).
SATURATION_MARGIN = 1e-6


def shell_volume_ratio(beta, c_eq, c_max, beta_conv=1, c_conv=0):
    """beta_s [-]: shell volume per host volume at c_eq, linear in carrier content from
    (c_conv, beta_conv) to (c_max, beta),

        beta_s = beta_conv + (beta - beta_conv) (c_eq - c_conv) / (c_max - c_conv).

    An alloy (c_conv = 0, beta_conv = 1): beta_s = 1 + (beta - 1) c_eq / c_max. A
    conversion-alloying oxide (docs/theory.md section 13): its front's shell is the converted
    composite M + A2O, beta_conv = V(M + A2O) / V(oxide), holding c_conv locked in A2O and
    the little alloy carrier c_eq - c_conv."""
    return beta_conv + (beta - beta_conv) * (c_eq - c_conv) / (c_max - c_conv)


def outer_radius_ratio(sigma, beta_s, m: int):
    """b / R of a core of radius ratio sigma inside a shell of volume ratio beta_s."""
    q = sigma ** (m + 1)
    return (q + beta_s * (1 - q)) ** (1 / (m + 1))


def front_laplace_pressure(core_radius, interface_energy, interface_width, geometry: str):
    """p_gamma = m gamma / (a + delta) [Pa]: the curved front's extra compression of the
    core (0 for a film, m = 0). Works on floats, numpy arrays and PyBaMM symbols alike."""
    m = geometry_exponent(geometry)
    return m * interface_energy / (core_radius + interface_width)


def interface_mean_stresses(sigma, beta_s, yield_strength, phi, geometry: str, laplace=0):
    """(core, shell at the interface) mean stresses [Pa] (tension positive).

    ``laplace`` is the front's Laplace pressure (:func:`front_laplace_pressure`): it
    compresses the core and leaves the shell's plastic field as it is. Works on floats,
    numpy arrays and PyBaMM symbols alike.
    """
    m = geometry_exponent(geometry)
    b = outer_radius_ratio(sigma, beta_s, m)
    if geometry == "planar":
        core = (2 / 3) * yield_strength * (b - sigma) / sigma
        return core - laplace, -(2 / 3) * yield_strength + 0 * core  # 0 * core: its shape
    k, offset = _FLOW[geometry]
    core = -m * k * yield_strength * natural_log(b / sigma)
    return core - laplace, core + (1 - 2 * phi) * offset * k * yield_strength


class ShellMechanics(AlloyVariableNames, pybamm.BaseSubModel):
    """Base of the shell's mechanics submodels (stress, fracture) of one alloy phase in
    ``geometry`` (per x, or x-averaged with ``x_average``) for the ``"alloy particle"``
    option value ``particle``; registers ``citation_keys``."""

    citation_keys: tuple[str, ...] = ()

    def __init__(
        self,
        param,
        domain,
        options,
        phase="primary",
        geometry="spherical",
        x_average=False,
        particle="full",
    ):
        super().__init__(param, domain, options=options, phase=phase)
        self.x_average = x_average
        self.shape = geometry
        self.m = geometry_exponent(geometry)
        self.alloy = AlloyParameters(self.phase_param)
        self.particle = particle
        register(*self.citation_keys)

    def _conversion_parameter(self, quantity: str):
        return pybamm.Parameter(
            f"{self.alloy.prefix}{self.domain.capitalize()} electrode conversion {quantity}"
        )

    def _shell_volume_ratio(self):
        """beta_s of :func:`shell_volume_ratio`: the alloy's, or with ``particle``
        ``"conversion"`` the converted composite's (its parameters ``"... conversion
        volume expansion ratio"`` and ``"... conversion concentration [mol.m-3]"``)."""
        alloy = self.alloy
        if self.particle != "conversion":
            return shell_volume_ratio(alloy.beta, alloy.c_eq, alloy.c_max)
        return shell_volume_ratio(
            alloy.beta,
            alloy.c_eq,
            alloy.c_max,
            self._conversion_parameter("volume expansion ratio"),
            self._conversion_parameter("concentration [mol.m-3]"),
        )


class PlasticShellStress(ShellMechanics):
    """Stressed interface equilibrium c_eq^sigma (``"alloy stress": "plastic"``).

    Sets ``"{Domain} {phase}equilibrium interface concentration [mol.m-3]"``, which the
    particle submodels read in place of c_eq, from the core fraction the particle
    publishes. The shell OCP has no closed inverse, so c_eq^sigma is an algebraic state,
    solved from

        U(c_eq^sigma / c_max) = clip(U(c_eq / c_max) - dmu_sigma / F, U(theta_full), U(0))

    with theta_full = 1 - :data:`SATURATION_MARGIN`. The state is the log vacancy ratio
    v = ln[(1 - theta^sigma) / (1 - theta_eq)] (0 without stress): the solver then
    resolves the composition where the OCP is steepest, near full lithiation, where a
    tolerance on c itself would leave the interface equilibrium millivolts off.
    """

    citation_keys = ("Zhao2012", "McDowell2012", "LiuAtomic2012")

    def get_fundamental_variables(self):
        v = pybamm.Variable(
            self._local(self._var("interface equilibrium log vacancy ratio")),
            domains=self._electrode_domains(),
        )
        return self._publish({}, {"interface equilibrium log vacancy ratio": v})

    def _stressed_stoichiometry(self, variables):
        v = self._get(variables, "interface equilibrium log vacancy ratio")
        theta_eq = self.alloy.c_eq / self.alloy.c_max
        return 1 - (1 - theta_eq) * pybamm.exp(v)

    def get_coupled_variables(self, variables):
        alloy = self.alloy
        q = self._get(variables, "unconverted fraction")
        sigma = q ** (1 / (self.m + 1))
        beta_s = self._shell_volume_ratio()
        laplace = front_laplace_pressure(
            sigma * self._radius(),
            alloy.interface_energy,
            alloy.interface_width,
            self.shape,
        )
        core, shell = interface_mean_stresses(
            sigma, beta_s, alloy.yield_strength, alloy.phi, self.shape, laplace
        )
        dmu = (core - beta_s * shell) / alloy.c_eq
        per_x = {
            "equilibrium interface concentration [mol.m-3]": alloy.c_max
            * self._stressed_stoichiometry(variables),
            "core mean stress [Pa]": core,
            "interface shell mean stress [Pa]": shell,
            "front Laplace pressure [Pa]": laplace,
            "stress chemical potential shift [J.mol-1]": dmu,
            "stress overpotential [V]": dmu / self.param.F,
            "stressed outer radius [m]": self._radius() * outer_radius_ratio(sigma, beta_s, self.m),
        }
        return self._publish(variables, per_x)

    def set_algebraic(self, variables):
        v = self._get(variables, "interface equilibrium log vacancy ratio")
        T = variables[self._local(f"{self.domain.capitalize()} electrode temperature [K]")]
        overpotential = self._get(variables, "stress overpotential [V]")
        U = self.phase_param.U
        empty = U(pybamm.Scalar(0), T)
        full = U(pybamm.Scalar(1 - SATURATION_MARGIN), T)
        target = U(self.alloy.c_eq / self.alloy.c_max, T) - overpotential
        target = pybamm.maximum(pybamm.minimum(target, empty), full)
        self.algebraic = {v: U(self._stressed_stoichiometry(variables), T) - target}

    def set_initial_conditions(self, variables):
        v = self._get(variables, "interface equilibrium log vacancy ratio")
        self.initial_conditions = {v: pybamm.Scalar(0)}
