"""The model collection this package advertises to the PyBaMM model zoo.

``pybamm-model-zoo`` finds third-party models through the ``pybamm_zoo_models`` entry
point: it imports the package named there and reads every ``<slug>/model.toml`` in it.
Here that is ``alloying_dfn/``: the manifest of :class:`pybamm_alloying.DFN` with the
README, CITATION.bib, example and tests the zoo's contract asks of a model folder.
"""
