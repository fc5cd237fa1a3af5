"""``python -m pybamm_alloying``: the ``pybamm-alloying`` command line (:mod:`pybamm_alloying.cli`)."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
