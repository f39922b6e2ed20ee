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


def __getattr__(name: str) -> str:
    """``__version__`` is read on first use (``importlib.metadata`` costs about 20 ms at start-up, before the window)."""
    if name == "__version__":
        value = globals()["__version__"] = _version()
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
