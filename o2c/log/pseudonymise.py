"""Stable pseudonyms for accounts, people and free-text comments, for workshops and sharing.

A pseudonym is an HMAC-SHA256 of the value under a key made per upload: the same value always gets the same
pseudonym within one upload (so counts, maps and filters stay correct), and without the key it cannot be
reversed or matched across uploads. Only categorical categories are replaced, so the cost is one hash per
distinct value, not per event.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import secrets

import numpy as np
import pandas as pd

from o2c.log.eventlog import EventLog

# column -> pseudonym prefix; people share one prefix so a resource and an owner who are the same person match.
EVENT_COLUMNS: dict[str, str] = {"resource": "Person", "comment": "Comment", "resource_id": "Person"}
CASE_COLUMNS: dict[str, str] = {"account_name": "Account", "account_id": "Account", "owner": "Person"}
_START_HEX = 10  # 40 bits: collisions are unlikely below a million distinct values; we lengthen when they occur


def new_key() -> bytes:
    """A fresh random key for one upload; keep it only in the session."""
    return secrets.token_bytes(32)


def pseudonym(value: str, prefix: str, key: bytes, length: int = _START_HEX) -> str:
    """``"<prefix> <hex>"`` for a value; the same value, prefix and key always give the same text.

    >>> pseudonym("Acme GmbH", "Account", b"k") == pseudonym("Acme GmbH", "Account", b"k")
    True
    """
    digest = hmac.new(key, f"{prefix}\x00{value}".encode(), hashlib.sha256).hexdigest()
    return f"{prefix} {digest[:length]}"


def pseudonymise_log(log: EventLog, key: bytes) -> EventLog:
    """A copy of ``log`` with accounts, people and comments replaced by pseudonyms (other data unchanged)."""
    attributes = dict(log.event_attributes)
    for name, prefix in EVENT_COLUMNS.items():
        if name in attributes:
            attributes[name] = _pseudonymised(attributes[name], prefix, key)
    cases = log.cases.copy()
    for name, prefix in CASE_COLUMNS.items():
        if name in cases.columns:
            cases[name] = _pseudonymised(cases[name], prefix, key)
    return dataclasses.replace(log, cases=cases, event_attributes=attributes)


def _pseudonymised(values: pd.Categorical | pd.Series | np.ndarray, prefix: str, key: bytes) -> pd.Categorical:
    if isinstance(values, pd.Series):
        values = values.array if isinstance(values.dtype, pd.CategoricalDtype) else pd.Categorical(values)
    elif not isinstance(values, pd.Categorical):
        values = pd.Categorical(values)
    categories = [str(c) for c in values.categories]
    length = _START_HEX
    while True:
        renamed = [pseudonym(c, prefix, key, length) for c in categories]
        if len(set(renamed)) == len(renamed):
            break
        length += 4
    return pd.Categorical.from_codes(values.codes, categories=renamed)
