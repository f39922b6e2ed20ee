"""`beian-desktop documents` subcommand(s). (Placeholder: implemented by its issue.)"""


def register(sub) -> None:
    pass
