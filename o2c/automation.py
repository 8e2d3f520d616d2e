"""Automation potential: which resources are systems, which orders ran without a person, and which activities
are the best candidates to automate next.

**Which resources are systems** (``default_system_resources``; the user can correct the list): a resource is a
system when the role it mostly acts in or the department it mostly belongs to looks like one (role "System",
"Integration", "Bot", "Automation", "Interface", "API" ...; department "IT", "Integration(s)", "Systems"), or when
its own name does (whole words such as "Automation", "Gateway", "Integration", "Interface", "Bot", "Robot",
"RPA", "API", "Flow", "Workflow", "Batch", "Scheduler", "EDI", "System", or the names "B2B Commerce" / "Salesforce
Flow"; Chinese 系统, 接口, 机器人, 自动). In the sample, the system users have role "System" and department "IT".

**Touchless orders** (``touchless_orders``): every event with a known resource was done by a system, and at
least one event has a known resource (an order with no resource at all shows nothing either way).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from o2c.eventlog import EventLog

_SYSTEM_ROLES = re.compile(r"\b(system|systems|integration|integrations|interface|bot|robot|rpa|automation|"
                           r"automated|api|technical user|integration user)\b|系统|接口|机器人|自动", re.IGNORECASE)
_SYSTEM_DEPARTMENTS = re.compile(r"^\s*(it|i\.t\.|integration|integrations|systems|information technology)\s*$"
                                 r"|信息技术|系统", re.IGNORECASE)
_SYSTEM_NAMES = re.compile(r"\b(automation|automated|gateway|integration|interface|bot|robot|rpa|api|flow|"
                           r"workflow|batch|scheduler|edi|system|b2b commerce)\b|系统|接口|机器人|自动",
                           re.IGNORECASE)


def resource_codes(log: EventLog, attribute: str = "resource") -> tuple[np.ndarray, list[str]] | None:
    """Per event the code of its ``attribute`` value (-1 when unknown) and the values; None without the column.
    Kept on the log."""
    def build() -> tuple[np.ndarray, list[str]] | None:
        values = log.event_attributes.get(attribute)
        if values is None:
            return None
        categorical = values if isinstance(values, pd.Categorical) else pd.Categorical(values)
        return (np.asarray(categorical.codes, dtype=np.int64),
                [str(c) for c in categorical.categories])
    return log.memo(f"attribute_codes:{attribute}", build)


def _main_value(log: EventLog, attribute: str, resources: np.ndarray, n_resources: int) -> list[str | None]:
    """Per resource code: the ``attribute`` value it has on most of its events (None when never known)."""
    found = resource_codes(log, attribute)
    if found is None:
        return [None] * n_resources
    codes, labels = found
    known = (resources >= 0) & (codes >= 0)
    width = max(len(labels), 1)
    counts = np.bincount(resources[known] * width + codes[known], minlength=n_resources * width)
    counts = counts.reshape(n_resources, width)
    top = counts.argmax(axis=1)
    return [labels[top[r]] if counts[r, top[r]] else None for r in range(n_resources)]


def looks_like_system(name: str, role: str | None = None, department: str | None = None) -> bool:
    """The heuristic of the module docstring for one resource."""
    return bool((role and _SYSTEM_ROLES.search(role))
                or (department and _SYSTEM_DEPARTMENTS.search(department))
                or _SYSTEM_NAMES.search(name))


def default_system_resources(log: EventLog) -> tuple[str, ...]:
    """The resources of ``log`` that look like systems or integrations (see the module docstring), sorted;
    empty without a resource column."""
    found = resource_codes(log)
    if found is None:
        return ()
    codes, names = found
    roles = _main_value(log, "role", codes, len(names))
    departments = _main_value(log, "department", codes, len(names))
    return tuple(sorted(name for name, role, department in zip(names, roles, departments)
                        if looks_like_system(name, role, department)))


def system_events(log: EventLog, systems: Iterable[str]) -> tuple[np.ndarray, np.ndarray] | None:
    """Per event: (done by a system, done by a known resource that is not a system); None without resources."""
    found = resource_codes(log)
    if found is None:
        return None
    codes, names = found
    is_system = np.isin(np.asarray(names, dtype=object), np.asarray(list(systems), dtype=object))
    known = codes >= 0
    by_system = known & is_system[np.maximum(codes, 0)] if names else np.zeros(codes.size, dtype=bool)
    return by_system, known & ~by_system


def touchless_orders(log: EventLog, systems: Iterable[str]) -> np.ndarray | None:
    """Bool over all cases of ``log``: only systems worked on the order (every event with a known resource is a
    system's, and at least one is known). None when the log has no resource column."""
    events = system_events(log, systems)
    if events is None:
        return None
    by_system, by_person = events
    people = np.bincount(log.case, weights=by_person, minlength=log.n_cases)
    machines = np.bincount(log.case, weights=by_system, minlength=log.n_cases)
    return (people == 0) & (machines > 0)
