"""`beian-desktop validate` subcommand(s). (Placeholder: implemented by its issue.)"""


def register(sub) -> None:
    pass
