"""Automation potential: which resources are systems, which orders ran without a person, and which activities
are the best candidates to automate next.

**Which resources are systems** (``default_system_resources``; the user can correct the list): a resource is a
system when the role it mostly acts in or the department it mostly belongs to looks like one (role "System",
"Integration", "Bot", "Automation", "Interface", "API" ...; department "IT", "Integration(s)", "Systems"), or when
its own name does (whole words such as "Automation", "Gateway", "Integration", "Interface", "Bot", "Robot",
"RPA", "API", "Flow", "Workflow", "Batch", "Scheduler", "EDI", "System", "RFC", "Job", or "B2B Commerce",
underscores separating words; in Chinese 系统, 接口, 机器人, 自动), or when its user type does (``user_type``:
"Robot", "AutomatedProcess", SAP's "System" or "Communication" users ...). In the sample, the system users have
role "System" and department "IT"; in an SAP log, the role "System Automatic Job" or the user type "Robot".

**Touchless orders** (``touchless_orders``): every event with a known resource was done by a system, and at
least one event has a known resource (an order with no resource at all shows nothing either way).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from o2c.improve.cost import CostTable, repeated_executions
from o2c.log.eventlog import EventLog, LogView
from o2c.log.vocabulary import NOT_AUTOMATABLE, ROLE_BY_KEY, activity_roles

_SYSTEM_ROLES = re.compile(
    r"\b(system|systems|integration|integrations|interface|bot|robot|rpa|automation|automatic|"
    r"automated|api|technical user|integration user|batch|background job)\b|系统|接口|机器人|自动",
    re.IGNORECASE,
)
_SYSTEM_DEPARTMENTS = re.compile(
    r"^\s*(it|i\.t\.|integration|integrations|systems|information technology)\s*$"
    r"|信息技术|系统",
    re.IGNORECASE,
)
_SYSTEM_NAMES = re.compile(
    r"\b(automation|automated|gateway|integration|interface|bot|robot|rpa|api|flow|"
    r"workflow|batch|scheduler|edi|system|b2b commerce|rfc|job|daemon)\b|系统|接口|机器人|自动",
    re.IGNORECASE,
)
# User types of systems: Salesforce's AutomatedProcess, SAP's System/Communication/Service users, Robot.
_SYSTEM_USER_TYPES = re.compile(
    r"\b(robot|bot|rpa|system|technical|automated ?process|automated|communication|service|batch|integration|"
    r"interface|machine)\b|系统|机器人|自动",
    re.IGNORECASE,
)


def resource_codes(log: EventLog, attribute: str = "resource") -> tuple[np.ndarray, list[str]] | None:
    """Per event the code of its ``attribute`` value (-1 when unknown) and the values; None without the column.
    Kept on the log."""

    def build() -> tuple[np.ndarray, list[str]] | None:
        values = log.event_attributes.get(attribute)
        if values is None:
            return None
        categorical = values if isinstance(values, pd.Categorical) else pd.Categorical(values)
        return (np.asarray(categorical.codes, dtype=np.int64), [str(c) for c in categorical.categories])

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


def looks_like_system(
    name: str, role: str | None = None, department: str | None = None, user_type: str | None = None
) -> bool:
    """The heuristic of the module docstring for one resource."""
    return bool(
        (role and _SYSTEM_ROLES.search(role))
        or (department and _SYSTEM_DEPARTMENTS.search(department))
        or (user_type and _SYSTEM_USER_TYPES.search(user_type))
        # "BATCH_JOB", "RFC_USER": underscores separate words in user names.
        or _SYSTEM_NAMES.search(name.replace("_", " "))
    )


def default_system_resources(log: EventLog) -> tuple[str, ...]:
    """The resources of ``log`` that look like systems or integrations (see the module docstring), sorted;
    empty without a resource column. Kept on the log."""
    return log.memo("default_system_resources", lambda: _system_resources(log))


def _system_resources(log: EventLog) -> tuple[str, ...]:
    found = resource_codes(log)
    if found is None:
        return ()
    codes, names = found
    roles = _main_value(log, "role", codes, len(names))
    departments = _main_value(log, "department", codes, len(names))
    user_types = _main_value(log, "user_type", codes, len(names))
    return tuple(
        sorted(
            name
            for name, role, department, user_type in zip(names, roles, departments, user_types)
            if looks_like_system(name, role, department, user_type)
        )
    )


def system_events(log: EventLog, systems: Iterable[str]) -> tuple[np.ndarray, np.ndarray] | None:
    """Per event: (done by a system, done by a known resource that is not a system); None without resources.
    Kept on the log for the recent system lists."""
    key = frozenset(systems)
    cache: dict[frozenset[str], tuple[np.ndarray, np.ndarray] | None] = log.memo("system_events", dict)
    if key not in cache:
        if len(cache) >= 8:  # each change of the list is a new key: keep the recent ones
            cache.pop(next(iter(cache)))
        cache[key] = _system_events(log, key)
    return cache[key]


def _system_events(log: EventLog, systems: frozenset[str]) -> tuple[np.ndarray, np.ndarray] | None:
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
    system's, and at least one is known). None when the log has no resource column. Kept on the log."""
    key = frozenset(systems)
    cache: dict[frozenset[str], np.ndarray | None] = log.memo("touchless_orders", dict)
    if key not in cache:
        if len(cache) >= 8:
            cache.pop(next(iter(cache)))
        events = system_events(log, key)
        if events is None:
            cache[key] = None
        else:
            by_system, by_person = events
            people = np.bincount(log.case, weights=by_person, minlength=log.n_cases)
            machines = np.bincount(log.case, weights=by_system, minlength=log.n_cases)
            cache[key] = (people == 0) & (machines > 0)
    return cache[key]


# ---------------------------------------------------------------------------------------------- candidates

CANDIDATE_COLUMNS = (
    "activity",
    "score",
    "executions",
    "orders_share",
    "per_order",
    "person_share",
    "system_share",
    "predecessor",
    "predecessor_share",
    "role",
    "role_share",
    "person_executions",
    "minutes",
    "person_hours",
    "cost",
    "person_cost",
    "kind",
)


@dataclass(frozen=True, eq=False)
class _Cells:
    """Per event, for one list of systems: ``step`` = ((activity * (n + 1) + the previous activity in the order,
    n for its first event) * 3 + who) * 2 + (first execution of the activity in the order), with who 0 for an
    unknown resource, 1 a system, 2 a person; ``role`` = activity * width + the role (the resource without a
    role column) of people's events with a known one, ``n * width`` for the others. One count of each over the
    selected events gives every number of the candidates table."""

    step: np.ndarray
    role: np.ndarray
    width: int
    roles: list[str]


def _cells(log: EventLog, systems: frozenset[str]) -> _Cells:
    cache: dict[frozenset[str], _Cells] = log.memo("automation_cells", dict)
    if systems not in cache:
        if len(cache) >= 2:  # about 4 bytes per event each: keep the current list and the one before
            cache.pop(next(iter(cache)))
        cache[systems] = _build_cells(log, systems)
    return cache[systems]


def _build_cells(log: EventLog, systems: frozenset[str]) -> _Cells:
    # Built in place in 32 bits where the codes fit: each fresh array of a 1M-order log costs page faults.
    n = len(log.activity_names)
    events = system_events(log, systems)
    # the previous activity; n for a first event
    step: np.ndarray = np.full(log.n_events, n, dtype=_dtype(n * (n + 1) * 6))
    same = np.flatnonzero(log.case[1:] == log.case[:-1]) + 1
    step[same] = log.activity[same - 1]
    step += log.activity.astype(step.dtype) * (n + 1)
    step *= 3
    if events is not None:
        np.add(step, 1, out=step, where=events[0])  # a system
        np.add(step, 2, out=step, where=events[1])  # a person
    step *= 2
    step += ~repeated_executions(log)
    found = resource_codes(log, "role") or resource_codes(log, "resource")
    codes, roles = found if found is not None else (np.full(log.n_events, -1, dtype=np.int64), [])
    width = max(len(roles), 1)
    role: np.ndarray = log.activity.astype(_dtype(n * width + 1)) * width
    role += codes
    role[(codes < 0) if events is None else (codes < 0) | ~events[1]] = n * width  # only people's known roles
    return _Cells(_compact(step, n * (n + 1) * 6), _compact(role, n * width + 1), width, roles)


def _dtype(n_keys: int) -> type:
    return np.int32 if n_keys < 1 << 31 else np.int64


def _compact(keys: np.ndarray, n_keys: int) -> np.ndarray:
    """Keys below ``n_keys`` in 16 bits when they fit: half the memory, and quicker to count."""
    return keys.astype(np.uint16 if n_keys <= 1 << 16 else np.int32 if n_keys < 1 << 31 else np.int64)


def _dominant(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For a (row, column) count matrix: per row the most frequent column, its count and the row total."""
    top = counts.argmax(axis=1)
    return top, counts[np.arange(counts.shape[0]), top], counts.sum(axis=1)


def automation_candidates(view: LogView, systems: Iterable[str], costs: CostTable) -> pd.DataFrame:
    """The activities of the selected orders ranked by automation potential, best first (``CANDIDATE_COLUMNS``).

    Per activity: ``executions``; ``orders_share`` (share of the selected orders that have it) and ``per_order``
    (executions per order that has it); ``person_share`` / ``system_share`` of the executions with a known
    resource (NaN without a resource column, where all work counts as people's); the dominant ``predecessor``
    (the activity just before it, "" for an order's first event) and ``predecessor_share`` of executions that
    follow it; the most common ``role`` among people's executions and ``role_share`` (the resource stands in
    without a role column); ``person_executions`` and ``person_hours`` = people's executions × the cost
    table's manual ``minutes`` per execution; ``cost`` of all executions and ``person_cost`` of people's.

    ``score`` (0-100, whole numbers) = person share × the mean of four parts in [0, 1]:

    * frequent: ``orders_share`` (the step happens in most orders);
    * rule-like: the mean of ``predecessor_share`` and ``role_share`` (it always comes at the same point and
      one kind of person does it, so it likely follows a fixed rule);
    * effort: ``person_hours`` relative to the activity with the most hours;
    * proven: 1 when systems already do part of it, else 0.

    An activity only systems do scores 0: there is nothing left to automate. So does physical, customer and
    partner work (``kind``, the role's kind of work; "" without a role): picking goods or a customer paying is
    no automation candidate, however often people book it.
    """
    log = view.log
    n = len(log.activity_names)
    mask = view.event_mask
    cells = _cells(log, frozenset(systems))
    # (activity, predecessor, who, first execution?) counts, then summed over what each number does not need.
    # compress() takes the selected events several times faster than a boolean index.
    counts = np.bincount(cells.step.compress(mask), minlength=n * (n + 1) * 6).reshape(n, n + 1, 3, 2)
    executions = counts.sum(axis=(1, 2, 3))
    # Orders with the activity: its first execution in each order (no sort per filter change).
    orders = counts[:, :, :, 1].sum(axis=(1, 2))
    without_resources = resource_codes(log) is None
    if without_resources:
        by_system = np.zeros(executions.size)
        by_person = executions.astype(float)
        known = executions.astype(float)
    else:
        by_system = counts[:, :, 1].sum(axis=(1, 2)).astype(float)
        by_person = counts[:, :, 2].sum(axis=(1, 2)).astype(float)
        known = by_system + by_person
    with np.errstate(invalid="ignore", divide="ignore"):
        system_share = np.where(known > 0, by_system / known, np.nan if without_resources else 0.0)
        person_share = np.where(known > 0, by_person / known, 1.0 if without_resources else 0.0)
        # People's executions: known ones by people, plus the unknown ones in the people's proportion.
        person_executions = executions * person_share

    predecessor, predecessor_count, _ = _dominant(counts.sum(axis=(2, 3)))
    roles = np.bincount(cells.role.compress(mask), minlength=n * cells.width + 1)[:-1].reshape(n, cells.width)
    top_role, top_count, total = _dominant(roles)
    with np.errstate(invalid="ignore", divide="ignore"):
        role_share = np.where(total > 0, top_count / np.maximum(total, 1), np.nan)
    role_names = [cells.roles[top_role[k]] if total[k] else "" for k in range(n)]

    minutes = costs.minutes_per_code(log.activity_names)
    prices = costs.per_code(log.activity_names)
    person_hours = person_executions * minutes / 60
    with np.errstate(invalid="ignore", divide="ignore"):
        orders_share = orders / max(view.n_cases, 1)
        per_order = np.where(orders > 0, executions / np.maximum(orders, 1), np.nan)
        predecessor_share = np.where(executions > 0, predecessor_count / np.maximum(executions, 1), np.nan)
    effort = person_hours / person_hours.max() if person_hours.max() > 0 else np.zeros(n)
    proven = (np.nan_to_num(system_share) > 0).astype(float)
    rule_like = (predecessor_share + np.where(np.isnan(role_share), predecessor_share, role_share)) / 2
    score = 100 * person_share * (orders_share + rule_like + effort + proven) / 4
    kinds = [ROLE_BY_KEY[role].kind if role else "" for role in activity_roles(log)] + [""]
    score = np.where(np.isin(np.asarray(kinds[:n], dtype=object), list(NOT_AUTOMATABLE)), 0.0, score)

    present = np.flatnonzero(executions)
    names = list(log.activity_names) + [""]
    table = pd.DataFrame(
        {
            "activity": [names[k] for k in present],
            "score": np.round(score[present]),
            "executions": executions[present],
            "orders_share": orders_share[present],
            "per_order": per_order[present],
            "person_share": person_share[present],
            "system_share": system_share[present],
            "predecessor": [names[p] for p in predecessor[present]],
            "predecessor_share": predecessor_share[present],
            "role": [role_names[k] for k in present],
            "role_share": role_share[present],
            "person_executions": person_executions[present],
            "minutes": minutes[present],
            "person_hours": person_hours[present],
            "cost": executions[present] * prices[present],
            "person_cost": person_executions[present] * prices[present],
            "kind": [kinds[k] for k in present],
        }
    )
    order = np.lexsort((table["activity"].to_numpy(), -table["person_hours"].to_numpy(), -score[present]))
    return table.iloc[order].reset_index(drop=True)
