"""Parameter files of the alloying-anode cells (one TOML file per set)."""
