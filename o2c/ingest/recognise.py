"""Recognising columns: which header of the user's file is which template column."""

from __future__ import annotations

from dataclasses import dataclass, field

from o2c.log.columns import EVENT_ALIASES, ORDER_ALIASES, REQUIRED_EVENT_COLUMNS, normalise_header


@dataclass(frozen=True)
class ColumnGuess:
    """``columns`` maps template column -> the user's header; ``alternatives`` lists other candidates."""

    columns: dict[str, str]
    alternatives: dict[str, list[str]] = field(default_factory=dict)

    def missing_required(self) -> list[str]:
        """Required event columns that no header was recognised as."""
        return [name for name in REQUIRED_EVENT_COLUMNS if name not in self.columns]

    def needs_confirmation(self) -> bool:
        """True when a required column is missing or more than one header could be it."""
        return bool(self.missing_required()) or any(n in self.alternatives for n in REQUIRED_EVENT_COLUMNS)


def guess_columns(headers: list[str], aliases: dict[str, tuple[str, int]] = EVENT_ALIASES) -> ColumnGuess:
    """Match headers to template columns by name, Salesforce API name, report label, XES or Chinese name.

    >>> guess_columns(["case:concept:name", "concept:name", "time:timestamp"]).columns
    {'case_id': 'case:concept:name', 'activity': 'concept:name', 'timestamp': 'time:timestamp'}
    """
    candidates: dict[str, list[tuple[int, int, str]]] = {}
    for position, header in enumerate(headers):
        folded = normalise_header(header)
        match = aliases.get(folded)
        # An event counter ("Event_ID", "event id") numbers events, never orders.
        if match and not (match[0] == "case_id" and folded.startswith("event")):
            name, rank = match
            candidates.setdefault(name, []).append((rank, position, header))
    columns: dict[str, str] = {}
    alternatives: dict[str, list[str]] = {}
    for name, found in candidates.items():
        found.sort()
        columns[name] = found[0][2]
        if len(found) > 1:
            alternatives[name] = [header for _, _, header in found[1:]]
    return ColumnGuess(columns, alternatives)


def case_attribute_headers(headers: list[str], event_columns: dict[str, str]) -> dict[str, str]:
    """Order attributes carried on the events sheet (flat exports, XES ``case:`` columns): name -> header."""
    used = set(event_columns.values())
    found = {
        name: header
        for name, header in guess_columns(headers, ORDER_ALIASES).columns.items()
        if header not in used and name != "case_id"
    }
    for header in headers:
        if header in used or header in found.values() or not header.startswith("case:"):
            continue
        found.setdefault(header.removeprefix("case:"), header)
    return found
