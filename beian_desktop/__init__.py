"""Beian Desktop (备案接入助手): an offline desktop assistant for ICP access filings at Alibaba Cloud."""


def _version() -> str:
    """The one version, ``pyproject.toml``'s, read from the installed metadata (the frozen app bundles the metadata).
    Run from a checkout that was never installed, it is read from ``pyproject.toml`` itself."""
    from importlib import metadata

    try:
        return metadata.version("beian-desktop")
    except metadata.PackageNotFoundError:
        import tomllib
        from pathlib import Path

        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        try:
            return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
        except (OSError, KeyError, tomllib.TOMLDecodeError):
            return "0+unknown"


__version__ = _version()
