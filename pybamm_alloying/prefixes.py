"""The prefixes PyBaMM builds parameter names from, in one place.

An electrode's parameters start with ``"Negative electrode "`` or ``"Positive electrode "``;
a composite electrode's phases add ``"Primary: "`` or ``"Secondary: "`` in front
(``"Secondary: Negative electrode host density [kg.m-3]"``), as in PyBaMM's
``Chen2020_composite``.
"""

#: Prefix of the negative electrode's parameter names.
NEGATIVE = "Negative electrode "
#: Prefix of the positive electrode's parameter names.
POSITIVE = "Positive electrode "
#: Phase prefixes of a composite electrode.
PRIMARY, SECONDARY = "Primary: ", "Secondary: "
#: Phase prefixes (``""``: a single-phase electrode) and the PyBaMM phase each names.
PHASES = {"": "primary", PRIMARY: "primary", SECONDARY: "secondary"}
