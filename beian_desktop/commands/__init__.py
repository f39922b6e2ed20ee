"""Subcommands of the ``beian-desktop`` CLI; each module exposes ``register(subparsers)``."""
