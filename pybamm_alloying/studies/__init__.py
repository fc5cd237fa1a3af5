"""Studies built on the alloy models (docs/studies.md, the code map in docs/code_map.md).

* ``anode_comparison``: every couple in one cell design, stack energy, swelling, rate
  limit (:func:`compare_anodes`, :func:`design_sweep`; ``pybamm-alloying compare``);
* ``composite``: graphite + alloy anodes against the alloy mass fraction
  (:func:`composite_study`; ``compare --composite``);
* ``rate_limit`` and ``budget``: the rate-limited C-rate of lithiation and the voltage
  budget that names what limits it (:func:`rate_limit_table`,
  :func:`lithiation_rate_limit`, :func:`anode_analytic_c_rate`; ``rate-limit``);
* ``runners``: the model-once, solve-many runners the three above share;
* ``cycling``, ``protocols``, ``memory``: a full cell cycled under a shipped protocol
  (:func:`run_cycling`; ``cycle``);
* ``formation``: the formation cycles and the first-cycle loss of a conversion set, the
  formed state (:func:`run_formation`, :func:`formed_state`; ``formation``);
* ``lithiation_hold``: one particle held at a potential (:func:`lithiation_hold`;
  ``lithiate``); ``regime_table``: the controlling step of every couple
  (:func:`regime_table`; ``regime``);
* ``self_limiting``, ``fracture``, ``critical_sizes``: the stress arrest of a held front
  and the sizes at which particles lithiate fully or fracture; the buffered conversion
  particle against its pure metal (:func:`buffer_comparison`);
* ``front_kinetics``: held fronts against the measured ones;
* ``parallel``: process-pool sweeps with checkpoints and time limits.
"""

from .anode_comparison import compare_anodes, design_sweep
from .composite import composite_study
from .critical_sizes import buffer_comparison, critical_sizes, size_map
from .cycling import CyclingResult, run_cycling
from .formation import FormationResult, FormedState, formed_state, run_formation
from .fracture import critical_fracture_diameter
from .lithiation_hold import LithiationHold, lithiation_hold
from .memory import ReleaseFinishedCycles, detach_state
from .protocols import load_protocol, protocol_names
from .rate_limit import anode_analytic_c_rate, lithiation_rate_limit, rate_limit_table
from .regime_table import regime_table
from .self_limiting import (
    arrest_fraction,
    critical_full_lithiation_diameter,
    self_limiting_lithiation,
)

__all__ = [
    "CyclingResult",
    "FormationResult",
    "FormedState",
    "LithiationHold",
    "ReleaseFinishedCycles",
    "anode_analytic_c_rate",
    "arrest_fraction",
    "buffer_comparison",
    "compare_anodes",
    "composite_study",
    "critical_fracture_diameter",
    "critical_full_lithiation_diameter",
    "critical_sizes",
    "design_sweep",
    "detach_state",
    "formed_state",
    "lithiation_hold",
    "lithiation_rate_limit",
    "load_protocol",
    "protocol_names",
    "rate_limit_table",
    "regime_table",
    "run_cycling",
    "run_formation",
    "self_limiting_lithiation",
    "size_map",
]
