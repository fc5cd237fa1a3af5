"""The TOML data files shipped inside the package (parameter sets and protocols)."""

import importlib.resources
import tomllib


def toml_names(package: str) -> list[str]:
    """Names (without ``.toml``) of the TOML files in ``package``, sorted."""
    files = importlib.resources.files(package).iterdir()
    return sorted(f.name.removesuffix(".toml") for f in files if f.name.endswith(".toml"))


def read_toml(package: str, name: str, kind: str) -> dict:
    """Contents of ``{name}.toml`` in ``package``; ``ValueError`` lists the shipped ``kind``s."""
    resource = importlib.resources.files(package) / f"{name}.toml"
    if not resource.is_file():
        raise ValueError(f"unknown {kind} {name!r}; shipped: {', '.join(toml_names(package))}")
    return tomllib.loads(resource.read_text(encoding="utf-8"))
