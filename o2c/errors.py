"""Every error the core raises on purpose, in one hierarchy: each says what went wrong and what to do about it.

Pages and the CLI catch ``O2CError`` and show it as a message; anything else is a bug.
"""


class O2CError(Exception):
    """An expected problem with the user's input or environment (never a bug)."""


class FixableError(O2CError):
    """``message`` says what went wrong, ``fix`` what the user can do; both are shown as they are."""

    def __init__(self, message: str, fix: str) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix


class UploadError(FixableError):
    """A file that cannot be read at all; ``message`` says why, ``fix`` what the user can do."""


class ExtractError(FixableError):
    """Extraction from Salesforce cannot go on; ``message`` says why, ``fix`` what to do."""


class ModelError(O2CError, ValueError):
    """A reference model that cannot be used; ``key`` is the i18n key of the message."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class SnapshotStoreError(O2CError):
    """The snapshot file cannot be used (written by a newer version of the app, or not a snapshot store)."""
