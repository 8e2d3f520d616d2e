"""Every error the core raises on purpose, in one hierarchy (``O2CError``): each says what went wrong and what to
do about it, in the user's language. Pages and the CLI catch ``O2CError`` and show it as a message; anything else
is a bug.

A problem is stored as a catalogue key with its values, not as finished text: ``message_in(lang)`` renders
``t(key, lang, **values)`` and ``fix_in(lang)`` renders the key's ``.fix`` entry. ``message`` and ``fix`` are the
English texts (the command line's JSON and the logs stay in English).
"""

from __future__ import annotations

from dataclasses import dataclass

from o2c.i18n import Language, t


@dataclass(frozen=True)
class Term:
    """A catalogue entry used as a value inside another message (e.g. "a PNG image"), rendered in its language."""

    key: str
    values: tuple[tuple[str, object], ...] = ()

    def text(self, lang: Language = "en") -> str:
        """The entry in ``lang``, formatted with ``values``."""
        return render(self.key, self.values, lang)


def render(key: str, values: tuple[tuple[str, object], ...], lang: Language = "en") -> str:
    """``key`` in ``lang`` with ``values``; :class:`Term` values are rendered in the same language."""
    return t(key, lang, **{name: value.text(lang) if isinstance(value, Term) else value for name, value in values})


class Explained:
    """A mixin for problems stored as ``key`` + ``values``: the message is ``key``, the fix ``key + ".fix"``."""

    key: str
    values: tuple[tuple[str, object], ...]

    def message_in(self, lang: Language = "en") -> str:
        """What went wrong, in ``lang``."""
        return render(self.key, self.values, lang)

    def fix_in(self, lang: Language = "en") -> str:
        """What the user can do about it, in ``lang``."""
        return render(self.key + ".fix", self.values, lang)

    @property
    def message(self) -> str:
        """What went wrong, in English."""
        return self.message_in("en")

    @property
    def fix(self) -> str:
        """What the user can do about it, in English."""
        return self.fix_in("en")


class O2CError(Exception):
    """An expected problem with the user's input or environment (never a bug)."""


class FixableError(Explained, O2CError):
    """An error stored as a catalogue ``key`` (the message; ``key.fix`` is the fix) and the ``values`` for both."""

    def __init__(self, key: str, /, **values: object) -> None:
        self.key = key
        self.values = tuple(values.items())
        super().__init__(self.message)


@dataclass(frozen=True)
class Note:
    """A remark without a separate fix (e.g. a file the Salesforce converter skipped): catalogue key + values.

    ``str(note)`` is the English text; ``note.text(lang)`` any language.
    """

    key: str
    values: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, key: str, /, **values: object) -> Note:
        """A note for ``key`` formatted with ``values``."""
        return cls(key, tuple(values.items()))

    def text(self, lang: Language = "en") -> str:
        """The note in ``lang``."""
        return render(self.key, self.values, lang)

    def __str__(self) -> str:
        return self.text("en")


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
