"""Parameter sets of alloying-anode cells (data in ``pybamm_alloying/parameter_sets/*.toml``).

Every shipped set is also a module attribute of the same name (``LiSi_NMC811``, ...):
the callables PyBaMM's ``pybamm_parameter_sets`` entry points point to.
"""

from collections.abc import Callable

from .bpx import from_bpx, to_bpx
from .composite import (
    MASS_FRACTION,
    composite_metadata,
    composite_names,
    composite_records,
    load_composite_set,
)
from .loader import (
    borrowed_plating_parameters,
    borrowed_sei_parameters,
    conversion_names,
    couple_names,
    load_half_cell,
    load_parameter_set,
    parameter_records,
    set_metadata,
    set_names,
)
from .records import ParameterRecord
from .report import couple_table, list_couples, write_parameter_docs


def _entry_point(name: str, loader: Callable[[str], dict]) -> Callable[[], dict]:
    def load() -> dict:
        return loader(name)

    load.__name__ = load.__qualname__ = name
    load.__doc__ = f"Parameter set {name} (values and sources: docs/parameters/{name}.md)."
    return load


for _name in set_names():
    globals()[_name] = _entry_point(_name, load_parameter_set)
for _name in composite_names():
    globals()[_name] = _entry_point(_name, load_composite_set)

__all__ = [
    "MASS_FRACTION",
    "ParameterRecord",
    "borrowed_plating_parameters",
    "borrowed_sei_parameters",
    "composite_metadata",
    "from_bpx",
    "composite_names",
    "conversion_names",
    "composite_records",
    "load_composite_set",
    "couple_names",
    "couple_table",
    "list_couples",
    "load_half_cell",
    "load_parameter_set",
    "parameter_records",
    "set_metadata",
    "set_names",
    "to_bpx",
    "write_parameter_docs",
    *set_names(),
    *composite_names(),
]
