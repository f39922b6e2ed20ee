"""`beian-desktop photo` subcommand(s). (Placeholder: implemented by its issue.)"""


def register(sub) -> None:
    pass
