"""The translation catalogue for user-facing text (English and Simplified Chinese), one module per page or stage.

Each module holds a ``TEXT`` dict ``{key: {"en": ..., "zh": ...}}`` whose keys start with the module's name
(``conformance.rules.title`` lives in ``conformance.py``; page titles ``page.*`` live in ``nav.py``). This package
merges them into one ``TEXT`` and renders a key with :func:`t`. No code outside the catalogue branches on the
language: a difference between languages is a catalogue entry.
"""

from __future__ import annotations

from typing import Literal

from o2c.i18n import (
    automation,
    backlog,
    cli,
    columns,
    common,
    compare,
    conformance,
    cycle_times,
    data,
    engine_pages,
    engines,
    filters,
    kpis,
    monitoring,
    nav,
    order_explorer,
    overview,
    partners,
    people,
    presentation,
    process_map,
    refresh,
    replay,
    report,
    reports,
    rework,
    root_causes,
    sidebar,
    stack,
    story,
    validation,
    variants,
    what_if,
)

Language = Literal["en", "zh"]
LANGUAGES: dict[Language, str] = {"en": "English", "zh": "简体中文"}

PARTS = (
    common,
    nav,
    sidebar,
    filters,
    stack,
    columns,
    data,
    validation,
    overview,
    process_map,
    replay,
    variants,
    rework,
    cycle_times,
    order_explorer,
    conformance,
    compare,
    root_causes,
    people,
    partners,
    automation,
    what_if,
    backlog,
    kpis,
    monitoring,
    story,
    presentation,
    reports,
    report,
    cli,
    refresh,
    engines,
    engine_pages,
)


def _merge() -> dict[str, dict[Language, str]]:
    """All parts' entries in one dict; a key defined twice is a programming error."""
    merged: dict[str, dict[Language, str]] = {}
    for part in PARTS:
        twice = merged.keys() & part.TEXT.keys()
        if twice:
            raise ValueError(f"o2c.i18n.{part.__name__.rsplit('.', 1)[-1]} redefines {sorted(twice)}")
        merged.update(part.TEXT)
    return merged


TEXT: dict[str, dict[Language, str]] = _merge()


def t(key: str, lang: Language = "en", **values: object) -> str:
    """The text for ``key`` in ``lang`` (English when missing), formatted with ``values``.

    An unknown key raises KeyError.
    """
    entry = TEXT[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text
