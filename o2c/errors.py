"""Errors the user can act on: every one says what went wrong and what to do about it."""


class FixableError(Exception):
    """``message`` says what went wrong, ``fix`` what the user can do; both are shown as they are."""

    def __init__(self, message: str, fix: str) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix
