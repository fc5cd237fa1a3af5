"""Single-particle models (SPM, SPMe) whose alloy electrode has a shrinking-core particle."""

import pybamm

from .base import AlloyCell


class SPM(AlloyCell, pybamm.lithium_ion.SPM):
    """PyBaMM's SPM with one x-averaged shrinking-core particle in the alloy electrode.

    The reaction is uniform across the electrode, so the alloy electrode has a single
    front (docs/theory.md section 12): valid while the electrolyte and the solid
    conduct fast enough that the DFN's fronts stay together. The options are those of
    :class:`~pybamm_alloying.DFN` (``"alloy particle"``, ``"alloy geometry"``,
    ``"alloy stress"``, ``"alloy SEI transport"``, ``"alloy fracture"``, ``"alloy
    plating cut-off"``, ``"alloy phases"``) with PyBaMM's SPM options; the particle,
    stress, film, fracture and swelling states are x-averaged as PyBaMM's own SPM
    particles are, and their outputs are published both x-averaged and broadcast over
    the electrode. eSOH and ``initial_soc`` as in the DFN.

    Examples
    --------
    >>> import pybamm, pybamm_alloying
    >>> model = pybamm_alloying.SPM({"alloy particle": "quasi-steady"})
    >>> sim = pybamm.Simulation(model, parameter_values=pybamm.ParameterValues("LiSi_NMC811"))
    """

    #: PyBaMM's SPM sets this default only for its own class, not for subclasses.
    pybamm_option_defaults = {"x-average side reactions": "true"}

    def __init__(self, options=None, name="Shrinking-core alloy SPM", build=True):
        super().__init__(options, name=name, build=build)


class SPMe(AlloyCell, pybamm.lithium_ion.SPMe):
    """PyBaMM's SPMe (SPM plus electrolyte transport) with one x-averaged shrinking-core
    particle in the alloy electrode; options and limits as :class:`SPM`
    (docs/theory.md section 12).

    Examples
    --------
    >>> import pybamm, pybamm_alloying
    >>> model = pybamm_alloying.SPMe()
    >>> sim = pybamm.Simulation(model, parameter_values=pybamm.ParameterValues("LiGe_NMC811"))
    """

    def __init__(self, options=None, name="Shrinking-core alloy SPMe", build=True):
        super().__init__(options, name=name, build=build)
