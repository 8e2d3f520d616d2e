"""One order-to-cash activity vocabulary: the O2C steps as *roles*, and the mapping of a log's raw activity names
to them.

Every analysis that needs a particular step (payments for created-to-paid, shipping for the shipping rules, the
kind of work for automation) asks for a role, never for a literal name, so logs in Chinese, German or with an
org's own Salesforce status labels give the same answers as the English template.

Matching (``match_role``): an exact synonym first, then the normalised text (case, spaces, punctuation and
full-width characters ignored), then, for cancellations only, a cancel word anywhere in the name, and for changes
"Change <field>" (as field history names them). A name nothing matches keeps no role and is listed as unmatched;
names are never changed. A log's mapping (``ActivityMap``) is computed once and kept on the log;
``with_activity_map`` gives a log whose mapping the user corrected.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

import pandas as pd

from o2c.errors import FixableError
from o2c.export import to_csv_bytes
from o2c.log.activities import CANCEL_WORDS
from o2c.log.eventlog import EventLog

Kind = Literal["clerical", "physical", "customer", "partner", "system"]
KINDS: tuple[Kind, ...] = ("clerical", "physical", "customer", "partner", "system")
# Work done by customers, carriers or in the warehouse: booking it faster saves nothing, so it is never an
# automation candidate, and the waiting before customer and partner steps is theirs, not ours.
NOT_AUTOMATABLE: frozenset[Kind] = frozenset({"physical", "customer", "partner"})
EXTERNAL: frozenset[Kind] = frozenset({"customer", "partner"})


@dataclass(frozen=True)
class Role:
    """One O2C step: ``key``, its English ``name`` (the template's), Chinese ``name_zh``, ``kind`` of work and
    the other names it goes by (Salesforce picklist values, org labels, other languages)."""

    key: str
    name: str
    name_zh: str
    kind: Kind
    synonyms: tuple[str, ...] = ()

    def label(self, lang: str = "en") -> str:
        """The role's name in ``lang`` (English for a language the vocabulary does not have)."""
        return {"en": self.name, "zh": self.name_zh}.get(lang, self.name)

    @property
    def names(self) -> tuple[str, ...]:
        """Every name of the role: key, English and Chinese name, synonyms."""
        return (self.key, self.name, self.name_zh, *self.synonyms)


ROLES: tuple[Role, ...] = (
    Role(
        "order_created",
        "Create Sales Order",
        "创建销售订单",
        "clerical",
        (
            "Order Created",
            "Create Order",
            # SAP SD: an order line is the case, so its creation is the order's.
            "Line Creation",
            "Order Creation",
            "Create Sales Order Item",
            "Sales Order Created",
            "Created",
            "Created.",
            "New",
            "New Order",
            "Draft",
            "Order Draft",
            "Place Order",
            "Order Placed",
            "Auftrag angelegt",
            "Auftrag erstellt",
            "Bestellung angelegt",
            "Kundenauftrag angelegt",
            "创建订单",
            "订单创建",
            "下单",
            "新建订单",
            "草稿",
        ),
    ),
    Role(
        "credit_check_started",
        "Credit Check Started",
        "信用检查开始",
        "clerical",
        (
            "Credit Review",
            "Credit Check",
            "Credit Hold",
            "On Hold",
            "In Credit Review",
            "Pending Credit Check",
            # SAP SD's credit block: the order waits for the credit check.
            "Document blocked for credit",
            "Blocked for Credit",
            "Credit Block Set",
            "Kreditprüfung",
            "Kreditprüfung gestartet",
            "Bonitätsprüfung",
            "信用审核",
            "信用检查",
            "信用冻结",
            "冻结",
        ),
    ),
    Role(
        "credit_check_passed",
        "Credit Check Passed",
        "信用检查通过",
        "clerical",
        (
            "Credit Approved",
            "Credit OK",
            "Credit Released",
            "Credit Check OK",
            "Credit Check Approved",
            "Document released for credit",
            "Released for Credit",
            "Credit Block Removed",
            "Kreditprüfung bestanden",
            "Kreditprüfung erfolgreich",
            "Bonitätsprüfung bestanden",
            "Kredit freigegeben",
            "信用审核通过",
            "信用检查已通过",
        ),
    ),
    Role(
        "credit_check_failed",
        "Credit Check Failed",
        "信用检查未通过",
        "clerical",
        (
            "Credit Rejected",
            "Credit Declined",
            "Credit Blocked",
            "Credit Check Rejected",
            "Kreditprüfung nicht bestanden",
            "Kreditprüfung fehlgeschlagen",
            "Kreditsperre",
            "信用检查失败",
            "信用审核未通过",
        ),
    ),
    Role(
        "approval",
        "Order Approved",
        "订单审批通过",
        "clerical",
        (
            "Approved",
            "Approval",
            "Manager Approval",
            "Discount Approved",
            "Auftrag genehmigt",
            "Genehmigt",
            "审批通过",
            "订单审批",
            "已审批",
        ),
    ),
    Role(
        "activation",
        "Order Activated",
        "订单激活",
        "clerical",
        ("Activated", "Order Activation", "Activate Order", "Auftrag aktiviert", "Aktiviert", "激活订单", "已激活"),
    ),
    Role(
        "confirmation",
        "Order Confirmation Sent",
        "发送订单确认",
        "clerical",
        (
            "Order Confirmed",
            "Confirmed",
            "Confirm Order",
            "Confirmation Sent",
            "Auftragsbestätigung versendet",
            "Auftragsbestätigung gesendet",
            "Auftrag bestätigt",
            "订单确认",
            "确认订单",
            "已确认",
        ),
    ),
    Role(
        "change",
        "Order Changed",
        "订单变更",
        "clerical",
        (
            "Changed",
            "Order Modified",
            "Change Order",
            "Order Updated",
            # SAP SD's header, delivery and billing blocks and schedule-line changes: holds and changes.
            "Header Block Set",
            "Header Block Removed",
            "Delivery Block",
            "Delivery Block Set",
            "Delivery Block Removed",
            "Billing Block Set",
            "Billing Block Removed",
            "Sched.Line Changed Delivery Date",
            "Schedule Line Changed",
            "Auftrag geändert",
            "Auftragsänderung",
            "修改订单",
            "订单修改",
        ),
    ),
    Role(
        "allocation",
        "Inventory Allocated",
        "库存分配",
        "clerical",
        (
            "Allocated",
            "Stock Reserved",
            "Reserved",
            "Inventory Reserved",
            # SAP SD's delivery document: stock assigned for picking, before the goods leave.
            "Delivery",
            "Delivery Created",
            "Create Delivery",
            "Outbound Delivery Created",
            "Ware reserviert",
            "Bestand reserviert",
            "分配库存",
            "库存预留",
        ),
    ),
    Role(
        "pick",
        "Picked",
        "拣货",
        "physical",
        ("Pick", "Picking", "Pick Item", "Pick Items", "Goods Picked", "Kommissioniert", "Kommissionierung", "已拣货"),
    ),
    Role(
        "ship",
        "Shipped",
        "发货",
        "physical",
        (
            "Ship",
            "Shipment",
            "Goods Issued",
            "Goods Issue",
            "Good Issue",
            "Post Goods Issue",
            "Goods Issue Posted",
            "Send Package",
            "Dispatched",
            "Versandt",
            "Versendet",
            "Ware versendet",
            "Warenausgang",
            "已发货",
        ),
    ),
    Role(
        "deliver",
        "Delivered",
        "已交付",
        "partner",
        (
            "Package Delivered",
            "Goods Delivered",
            "Delivery Confirmed",
            "Geliefert",
            "Zugestellt",
            "Lieferung erfolgt",
            "Ware zugestellt",
            "已送达",
            "交付",
            "已签收",
        ),
    ),
    Role(
        "invoice_created",
        "Invoice Created",
        "创建发票",
        "clerical",
        (
            "Invoiced",
            "Create Invoice",
            "Invoice",
            "Billed",
            "Billing Document",
            "Billing Document Created",
            "Create Billing Document",
            "Rechnung erstellt",
            "Faktura erstellt",
            "Fakturiert",
            "开具发票",
            "开票",
            "已开票",
        ),
    ),
    Role(
        "invoice_sent",
        "Invoice Sent",
        "发送发票",
        "clerical",
        (
            "Send Invoice",
            "Invoice Posted",
            "Invoice Mailed",
            "Rechnung versendet",
            "Rechnung verschickt",
            "Rechnung gesendet",
            "寄送发票",
            "发票已发送",
        ),
    ),
    Role(
        "reminder",
        "Payment Reminder Sent",
        "发送付款提醒",
        "clerical",
        (
            "Reminder Sent",
            "Payment Reminder",
            "Send Reminder",
            "Dunning",
            "Dunning Letter Sent",
            "Zahlungserinnerung versendet",
            "Mahnung versendet",
            "Mahnung",
            "催款",
            "付款提醒",
        ),
    ),
    Role(
        "payment_received",
        "Payment Received",
        "收到付款",
        "customer",
        (
            "Paid",
            "Payment",
            "Pay Order",
            "Receive Payment",
            "Payment Posted",
            "Cash Received",
            "Clearing",
            "Payment Clearing",
            "Cleared",
            "Zahlung eingegangen",
            "Zahlungseingang",
            "Bezahlt",
            "已付款",
            "付款已收到",
            "回款",
        ),
    ),
    Role(
        "cancellation",
        "Order Cancelled",
        "订单取消",
        "clerical",
        (
            "Cancelled",
            "Canceled",
            "Cancel Order",
            "Order Canceled",
            "Storniert",
            "Auftrag storniert",
            "已取消",
            "取消订单",
        ),
    ),
    Role(
        "return",
        "Return Received",
        "收到退货",
        "customer",
        ("Returned", "Return", "Goods Returned", "Retoure", "Retoure eingegangen", "退货", "已退货"),
    ),
    Role(
        "credit_memo",
        "Credit Memo Created",
        "创建贷项通知单",
        "clerical",
        ("Credit Memo", "Credit Note", "Refund", "Refunded", "Gutschrift", "Gutschrift erstellt", "贷项通知单", "退款"),
    ),
    Role(
        "closed",
        "Order Closed",
        "订单关闭",
        "system",
        ("Closed", "Completed", "Complete", "Fulfilled", "Abgeschlossen", "已关闭", "已完成"),
    ),
)
ROLE_BY_KEY: dict[str, Role] = {role.key: role for role in ROLES}


_BY_NAME: dict[str, Role] = {role.name: role for role in ROLES}


def step_label(name: str, lang: str = "en") -> str:
    """A role's name in ``lang`` when ``name`` is a role's English name (as KPIs name what they miss), else
    ``name`` as it is."""
    role = _BY_NAME.get(name)
    return role.label(lang) if role else name


def normalise(name: str) -> str:
    """``name`` without case, spaces, punctuation or full-width forms: 'Credit-Check  PASSED' -> 'creditcheckpassed'."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", name).casefold())


_EXACT: dict[str, str] = {name: role.key for role in ROLES for name in role.names}
_NORMALISED: dict[str, str] = {normalise(name): role.key for role in ROLES for name in role.names}
_FIELD_PREFIXES = ("orderstatus", "status")


def match_role(name: str) -> str | None:
    """The role key of an activity name (see the module docstring), None when nothing matches."""
    if name in _EXACT:
        return _EXACT[name]
    key = normalise(name)
    if key in _NORMALISED:
        return _NORMALISED[key]
    # Exports that prefix the status field's name to its value ("Order Status Credit Review").
    for prefix in _FIELD_PREFIXES:
        if key.startswith(prefix) and key[len(prefix) :] in _NORMALISED:
            return _NORMALISED[key[len(prefix) :]]
    if key and any(word in key for word in CANCEL_WORDS + ("storn",)):
        return "cancellation"
    # Salesforce field history names other tracked fields' changes "Change <field>" ("Change Owner").
    if key.startswith("change") and len(key) > len("change"):
        return "change"
    return None


@dataclass(frozen=True)
class ActivityMap:
    """Raw activity name -> role key (None: unmatched), in the log's activity order; hashable."""

    pairs: tuple[tuple[str, str | None], ...]

    @classmethod
    def match(cls, names: Iterable[str], overrides: Mapping[str, str | None] | None = None) -> ActivityMap:
        """Each name matched to its role, with ``overrides`` (name -> role key or None) taking precedence."""
        overrides = overrides or {}
        return cls(tuple((name, overrides[name] if name in overrides else match_role(name)) for name in names))

    @cached_property
    def roles(self) -> dict[str, str | None]:
        """Raw name -> role key."""
        return dict(self.pairs)

    @property
    def unmatched(self) -> list[str]:
        """The names with no role, in log order."""
        return [name for name, role in self.pairs if role is None]


def activity_map(log: EventLog) -> ActivityMap:
    """The activity mapping of ``log`` (matched automatically unless ``with_activity_map`` set it); kept on it."""
    return log.memo("activity_map", lambda: ActivityMap.match(log.activity_names))


def with_activity_map(log: EventLog, overrides: Mapping[str, str | None]) -> EventLog:
    """The same events with the mapping corrected by ``overrides`` (raw name -> role key, None to leave a name
    without a role). A new log object, so nothing computed with the old mapping is reused."""
    fresh = dataclasses.replace(log)
    mapping = ActivityMap.match(log.activity_names, overrides)
    fresh.memo("activity_map", lambda: mapping)
    return fresh


def activity_roles(log: EventLog) -> tuple[str | None, ...]:
    """The role key of each activity code of ``log`` (None where unmatched)."""
    mapping = activity_map(log).roles
    return tuple(mapping.get(name) for name in log.activity_names)


def codes_of_role(log: EventLog, role: str) -> list[int]:
    """Activity codes of ``log`` that play ``role`` (a role key), ascending."""
    return [code for code, key in enumerate(activity_roles(log)) if key == role]


def first_name_of_role(log: EventLog, role: str) -> str | None:
    """The first activity of ``log`` that plays ``role`` (None when none does)."""
    codes = codes_of_role(log, role)
    return log.activity_names[codes[0]] if codes else None


def kind_of(log: EventLog, name: str) -> Kind | None:
    """The kind of work of an activity of ``log`` (by its role), None when it has no role."""
    code = log.activity_code(name)
    role = activity_roles(log)[code] if code is not None else match_role(name)
    return ROLE_BY_KEY[role].kind if role is not None else None


def resolve(log: EventLog, name: str) -> list[int]:
    """Codes of the activities a name refers to, as rules and scenarios name steps: a name that is a role (its
    key, English or Chinese name or a synonym) means every activity of that role; otherwise the activity of that
    name (case ignored). Empty when the log has neither."""
    return resolve_in(log.activity_names, activity_roles(log), name)


def resolve_in(names: Sequence[str], roles: Sequence[str | None], name: str) -> list[int]:
    """``resolve`` over activities held elsewhere (e.g. in a database): their names and role keys by code."""
    role = match_role(name.strip())
    if role is not None and role in roles:
        return [code for code, key in enumerate(roles) if key == role]
    wanted = name.strip().casefold()
    return [code for code, own in enumerate(names) if own.casefold() == wanted]


def mapping_records(log: EventLog, counts: Mapping[str, int] | None = None) -> list[dict]:
    """``analyze --json``'s ``activity_map``: per raw name its ``role`` (key or None), the role's ``kind`` and
    ``events`` (from ``counts`` when given, else all events of the log)."""
    if counts is None:
        import numpy as np  # noqa: PLC0415 - only needed without counts

        totals = np.bincount(log.activity, minlength=len(log.activity_names))
        counts = {name: int(totals[code]) for code, name in enumerate(log.activity_names)}
    return [
        {
            "activity": name,
            "role": role,
            "kind": ROLE_BY_KEY[role].kind if role else None,
            "events": int(counts.get(name, 0)),
        }
        for name, role in activity_map(log).pairs
    ]


def activity_map_csv(log: EventLog) -> bytes:
    """The mapping of ``log`` as the CSV ``read_activity_map`` reads (activity, role, plus the events and the
    role's names for people editing it): formula-safe, UTF-8 with a BOM so Excel shows Chinese names."""
    rows = mapping_records(log)
    return to_csv_bytes(
        pd.DataFrame(
            {
                "activity": [r["activity"] for r in rows],
                "role": [r["role"] or "" for r in rows],
                "events": [r["events"] for r in rows],
                "role_name": [ROLE_BY_KEY[r["role"]].name if r["role"] else "" for r in rows],
                "role_name_zh": [ROLE_BY_KEY[r["role"]].name_zh if r["role"] else "" for r in rows],
            }
        )
    )


def read_activity_map(data: bytes, filename: str = "activity map") -> dict[str, str | None]:
    """Overrides from a CSV with columns ``activity,role``: the role may be a key, a role's name or a synonym;
    empty, "none" or "ignore" leaves the activity without a role. Raises ``FixableError`` on an unknown role
    or missing columns."""
    text = data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    fields = {(f or "").strip().casefold(): f for f in (rows[0].keys() if rows else [])}
    if not rows or "activity" not in fields or "role" not in fields:
        raise FixableError("validation.activity_map.columns", filename=filename)
    pairs = [
        (number, row.get(fields["activity"]) or "", row.get(fields["role"]) or "") for number, row in enumerate(rows, 2)
    ]
    return roles_from_pairs(pairs, filename)


def roles_from_pairs(
    pairs: Iterable[tuple[int, object, object]], filename: str, blank_is_automatic: bool = False
) -> dict[str, str | None]:
    """Overrides from (row number, activity, role) rows: a role given as key, name or synonym; "none", "ignore"
    or "-" (and a blank role, unless ``blank_is_automatic``) leave the activity without a role. Raises
    ``FixableError`` naming the row of an unknown role."""
    overrides: dict[str, str | None] = {}
    for number, activity, wanted_cell in pairs:
        name, wanted = str(activity or "").strip(), str(wanted_cell or "").strip()
        if not name or (blank_is_automatic and not wanted):
            continue
        if wanted.casefold() in ("", "none", "ignore", "-"):
            overrides[name] = None
            continue
        role = wanted if wanted in ROLE_BY_KEY else match_role(wanted)
        if role is None:
            raise FixableError(
                "validation.activity_map.role",
                filename=filename,
                row=number,
                role=repr(wanted),
                roles=", ".join(ROLE_BY_KEY),
            )
        overrides[name] = role
    return overrides
