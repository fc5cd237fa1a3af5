"""Submodels of the alloy electrode, in PyBaMM's submodel pattern (docs/theory.md,
docs/code_map.md).

* ``particle``: the shrinking-core particle (:class:`~.particle.ShellDiffusion`, the
  resolved shell; :class:`~.particle.QuasiSteadyShell`), on
  :class:`~.particle.BaseShrinkingCore`;
* ``alloy_parameters``: the alloy's parameters as symbols
  (:class:`~.alloy_parameters.AlloyParameters`) and as one set's numbers
  (:class:`~.alloy_parameters.EvaluatedParticle`);
* ``interface_equilibrium`` and ``stress``: the front's equilibrium composition,
  unstressed or with the shell's plastic stress penalty;
* ``sei_transport``: the SEI diffusion film in series with the particle;
  ``surface_drive``: the held surface of the single-particle model;
* ``swelling``, ``fracture``, ``active_material``, ``carrier_metal``: electrode
  swelling, shell fracture and its loss of active material, the shape's active
  material, the potential vs the carrier metal;
* ``naming``: PyBaMM's variable names for all of them.

The front kinetics are spread over four places: the front's speed from the flux balance
(``BaseShrinkingCore.front_kinetics``, docs/theory.md §4), the interface reaction flux
(``ShellDiffusion._reaction_flux``), the equilibrium it drives towards
(``interface_equilibrium.py``, ``stress.py``) and the rate constant k_i(T)
(``parameters/functions.py``, ``interface_rate_constant``).
"""

from .alloy_parameters import (
    AlloyParameters,
    EvaluatedParticle,
    negative_alloy_parameters,
    parameter_float,
)

__all__ = ["AlloyParameters", "EvaluatedParticle", "negative_alloy_parameters", "parameter_float"]
