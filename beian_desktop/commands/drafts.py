"""`beian-desktop drafts` subcommand(s). (Placeholder: implemented by its issue.)"""


def register(sub) -> None:
    pass
