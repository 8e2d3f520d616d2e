"""Per-dataset session slots: values that belong to one loaded dataset and are ignored once another is loaded.

A slot is a dict in ``st.session_state`` with the ``digest`` of the dataset it belongs to next to its values,
e.g. ``{"digest": ..., "rules": RuleSet, "problems": [...]}``.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

import streamlit as st

from o2c.log.eventlog import LogView
from ui.keys import Key


def loaded_digest() -> str:
    """The content digest of the loaded dataset, "" when nothing is loaded."""
    current = st.session_state.get(Key.DATASET)
    return current.digest if current is not None else ""


def analysis_key() -> str:
    """What results computed in this session depend on besides the filters: the loaded dataset and the user's
    corrections to its activity mapping. Caches of such results are keyed by it."""
    corrections = slot_value(Key.ACTIVITY_MAP, "overrides") or {}
    return loaded_digest() + (":" + repr(sorted(corrections.items(), key=str)) if corrections else "")


def selection_key(view: LogView) -> str:
    """Names a selection of orders of the loaded dataset for caches shared across sessions: the analysis key,
    a token of the view's log and the case mask. The token tells apart logs built from the same upload: a
    trimmed log (which can have the same case mask as the log it was cut from) and a pseudonymised one (whose
    results must never reach a session showing real names, nor the reverse)."""
    token = view.log.memo("cache_token", lambda: secrets.token_hex(16))
    mask = hashlib.sha256(view.case_mask.tobytes()).hexdigest()
    return f"{analysis_key()}:{token}:{mask}"


def slot(key: str) -> dict[str, Any] | None:
    """The slot under ``key`` when it belongs to the loaded dataset, else None."""
    stored = st.session_state.get(key)
    digest = loaded_digest()
    if not stored or not digest or stored.get("digest") != digest:
        return None
    return stored


def slot_value(key: str, field: str) -> Any:
    """One value of the slot under ``key`` when it belongs to the loaded dataset, else None."""
    found = slot(key)
    return found.get(field) if found else None


def put_slot(key: str, digest: str | None = None, **values: Any) -> None:
    """Store ``values`` under ``key`` for the dataset with ``digest`` (default: the loaded one)."""
    st.session_state[key] = {"digest": loaded_digest() if digest is None else digest, **values}
