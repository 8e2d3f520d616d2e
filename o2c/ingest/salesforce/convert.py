"""Salesforce exports (Data Loader, Bulk API, report exports, live extraction) -> the template's Events and Orders.

``convert_exports({"Order.csv": bytes, ...})`` recognises each file's object from its columns, turns Order dates,
OrderHistory changes, Tasks, invoices and payments into candidate events, names them with the Mapping rules,
and builds one row per order with account, owner, opportunity, line and invoice attributes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from o2c.errors import Note
from o2c.ingest.history import lookup_id_rows
from o2c.ingest.salesforce.coverage import coverage_notes, unplaced_status_notes
from o2c.ingest.salesforce.exports import read_export
from o2c.ingest.salesforce.ids import normalise_ids
from o2c.ingest.salesforce.mapping import DEFAULT_RULES, MappingRule, apply_rules
from o2c.ingest.timestamps import DateOrder, parse_timestamps

OBJECTS = (
    "Order",
    "OrderItem",
    "OrderHistory",
    "Task",
    "Account",
    "Opportunity",
    "User",
    "blng__Invoice__c",
    "blng__Payment__c",
    "Invoice",
    "Payment",
    "PaymentLineInvoice",
)
_FAMILY = {
    "blng__Invoice__c": "Invoice",
    "Invoice": "Invoice",
    "blng__Payment__c": "Payment",
    "PaymentLineInvoice": "Payment",
    "Payment": "Payment",
}
_CANDIDATE_COLUMNS = (
    "case_id",
    "source_object",
    "family",
    "source_field",
    "old_value",
    "new_value",
    "timestamp",
    "resource",
    "resource_id",
    "document_id",
    "event_amount",
    "comment",
)


@dataclass(frozen=True)
class ConversionResult:
    """Events and Orders frames in template columns, the problems found, and which object each file was."""

    events: pd.DataFrame
    orders: pd.DataFrame
    problems: list[Note] = field(default_factory=list)
    recognised: dict[str, str] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)  # what was found and lacked, status values without a step


def recognise_object(columns: list[str]) -> str | None:
    """The Salesforce object an export is from, judged by its columns (API names, any case)."""
    c = {str(name).strip().lower() for name in columns}
    checks: tuple[tuple[str, bool], ...] = (
        ("OrderHistory", {"field", "newvalue"} <= c and bool({"orderid", "id", "ordernumber"} & c)),
        ("blng__Invoice__c", "blng__order__c" in c or "blng__invoicedate__c" in c),
        ("blng__Payment__c", "blng__paymentdate__c" in c or {"blng__amount__c", "blng__invoice__c"} <= c),
        ("PaymentLineInvoice", {"paymentid", "invoiceid"} <= c),
        ("Invoice", "referenceentityid" in c or {"documentnumber", "invoicedate"} <= c),
        ("Payment", "paymentnumber" in c or {"amount", "date", "paymentgroupid"} <= c),
        ("OrderItem", "orderid" in c and bool({"orderitemnumber", "quantity", "unitprice", "product2id"} & c)),
        ("Task", "subject" in c and bool({"whatid", "tasksubtype", "completeddatetime", "activitydate"} & c)),
        ("Opportunity", "stagename" in c),
        ("Order", "ordernumber" in c or {"effectivedate", "accountid", "status"} <= c),
        (
            "User",
            "username" in c
            or ("name" in c and bool({"department", "title", "userrole.name", "profile.name", "timezonesidkey"} & c)),
        ),
        ("Account", "name" in c and bool({"industry", "accountnumber", "type", "billingcountry", "rating"} & c)),
    )
    return next((name for name, matched in checks if matched), None)


def convert_exports(
    files: dict[str, bytes],
    mapping: list[MappingRule] | tuple[MappingRule, ...] | None = None,
    *,
    timezone: str = "UTC",
    date_order: DateOrder = "auto",
) -> ConversionResult:
    """Build the Events and Orders frames from export files (name -> bytes).

    ``timezone`` and ``date_order`` apply to report exports, whose dates are in the exporting user's locale and
    time zone; API exports carry UTC offsets and are read exactly.
    """
    frames: dict[str, pd.DataFrame] = {}
    problems: list[Note] = []
    recognised: dict[str, str] = {}
    for name, data in files.items():
        try:
            frame = read_export(data, name)
        except Exception as error:  # noqa: BLE001 - csv/calamine raise many types; report, do not crash
            problems.append(Note.of("validation.convert.unreadable", name=name, error=type(error).__name__))
            continue
        kind = recognise_object(list(frame.columns)) or _object_from_name(name)
        if kind is None:
            problems.append(Note.of("validation.convert.unknown_object", name=name, objects=", ".join(OBJECTS)))
            continue
        recognised[name] = kind
        frames[kind] = pd.concat([frames[kind], frame], ignore_index=True) if kind in frames else frame
    if "Order" not in frames and "OrderHistory" not in frames:
        problems.append(Note.of("validation.convert.no_orders"))
    return _Converter(frames, list(mapping or DEFAULT_RULES), timezone, date_order, problems).run(recognised)


def _object_from_name(filename: str) -> str | None:
    stem = re.sub(r"(\.csv|\.xlsx|\.txt)$", "", filename.rsplit("/", 1)[-1], flags=re.IGNORECASE).lower()
    return next((o for o in sorted(OBJECTS, key=len, reverse=True) if stem == o.lower()), None)


def _column(frame: pd.DataFrame, *names: str) -> pd.Series:
    """The first present column among ``names`` (case-insensitive), as text with None for blanks."""
    lower = {str(c).lower(): c for c in frame.columns}
    for name in names:
        if name.lower() in lower:
            values = frame[lower[name.lower()]]
            text = values.astype("string").str.strip()
            return values.astype(object).where((text.notna() & (text != "")).to_numpy(dtype=bool), None)
    return pd.Series([None] * len(frame), index=frame.index, dtype=object)


def _ids(frame: pd.DataFrame, *names: str) -> pd.Series:
    return normalise_ids(_column(frame, *names).map(lambda v: str(v).strip(), na_action="ignore"))


def _amount(values: pd.Series) -> pd.Series:
    """Numbers from API values or report text: ``USD 1,250.50``, ``12.500,00`` (decimal comma), ``800,5``."""
    text = values.astype("string").str.strip().str.replace(r"^[A-Z]{3}\s+", "", regex=True)
    decimal_comma = text.str.contains(r",\d{1,2}$", regex=True).fillna(False)
    text = text.where(~decimal_comma, text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False))
    text = text.str.replace(",", "", regex=False)
    return pd.to_numeric(text, errors="coerce")


class _Converter:
    def __init__(
        self,
        frames: dict[str, pd.DataFrame],
        rules: list[MappingRule],
        timezone: str,
        date_order: DateOrder,
        problems: list[Note],
    ) -> None:
        self.frames, self.rules, self.timezone, self.date_order, self.problems = (
            frames,
            rules,
            timezone,
            date_order,
            problems,
        )
        order = frames.get("Order", pd.DataFrame())
        number = _column(order, "OrderNumber")
        self.order_ids = _ids(order, "Id").fillna(number)  # report exports may carry only the order number
        self.number_to_id = {str(n).strip(): i for n, i in zip(number, self.order_ids) if n is not None and i}
        self.users = self._table("User", "Name", "Title", "UserRole.Name", "Department")
        self.invoice_order: dict[str, str] = {}
        for kind in ("blng__Invoice__c", "Invoice"):
            invoices = frames.get(kind)
            if invoices is not None:
                links = self._cases(_column(invoices, "blng__Order__c", "ReferenceEntityId"))
                self.invoice_order.update({i: o for i, o in zip(_ids(invoices, "Id"), links) if i and o})

    def _table(self, kind: str, *columns: str) -> dict[str, dict[str, object]]:
        frame = self.frames.get(kind)
        if frame is None:
            return {}
        values = {c: _column(frame, c).tolist() for c in columns}
        return {key: {c: values[c][i] for c in columns} for i, key in enumerate(_ids(frame, "Id")) if key}

    def _cases(self, values: pd.Series) -> pd.Series:
        """Order Ids (15 -> 18) or order numbers -> 18-character order Ids where known."""
        ids = normalise_ids(values.map(lambda v: str(v).strip(), na_action="ignore"))
        return ids.map(lambda v: self.number_to_id.get(v, v), na_action="ignore")

    def run(self, recognised: dict[str, str]) -> ConversionResult:
        parts = [
            self._order_candidates(),
            self._history_candidates(),
            self._task_candidates(),
            self._invoice_candidates(),
            self._payment_candidates(),
        ]
        candidates = pd.concat(
            [p for p in parts if len(p)] or [pd.DataFrame(columns=_CANDIDATE_COLUMNS)], ignore_index=True
        )
        events = self._events(candidates)
        notes = [*coverage_notes(self.frames), *unplaced_status_notes(events)]
        return ConversionResult(events, self._orders(events), self.problems, recognised, notes)

    # candidate events, one family at a time
    def _frame(self, frame: pd.DataFrame, **columns: pd.Series | str | None) -> pd.DataFrame:
        out = pd.DataFrame(index=frame.index)
        for name in _CANDIDATE_COLUMNS:
            value = columns.get(name)
            out[name] = value
        return out

    def _order_candidates(self) -> pd.DataFrame:
        order = self.frames.get("Order")
        if order is None:
            return pd.DataFrame()
        made = []
        for field_name, person, person_id in (
            ("CreatedDate", "CreatedBy.Name", "CreatedById"),
            ("ActivatedDate", "ActivatedBy.Name", "ActivatedById"),
        ):
            made.append(
                self._frame(
                    order,
                    case_id=self.order_ids,
                    source_object="Order",
                    family="Order",
                    source_field=field_name,
                    new_value=_column(order, "Status"),
                    timestamp=_column(order, field_name),
                    resource=_column(order, person),
                    resource_id=_ids(order, person_id),
                )
            )
        return pd.concat(made, ignore_index=True)

    def _history_candidates(self) -> pd.DataFrame:
        history = self.frames.get("OrderHistory")
        if history is None:
            return pd.DataFrame()
        case = self._cases(_column(history, "OrderId", "Id", "OrderNumber"))
        out = self._frame(
            history,
            case_id=case,
            source_object="OrderHistory",
            family="OrderHistory",
            source_field=_column(history, "Field"),
            old_value=_column(history, "OldValue"),
            new_value=_column(history, "NewValue"),
            timestamp=_column(history, "CreatedDate"),
            resource=_column(history, "CreatedBy.Name"),
            resource_id=_ids(history, "CreatedById"),
        )
        data_type = _column(history, "DataType")
        return out[
            ~lookup_id_rows(
                out["case_id"],
                out["source_field"],
                out["timestamp"],
                out["old_value"],
                out["new_value"],
                data_type if data_type.notna().any() else None,
            )
        ]

    def _task_candidates(self) -> pd.DataFrame:
        task = self.frames.get("Task")
        if task is None:
            return pd.DataFrame()
        what = _ids(task, "WhatId")
        case = what.map(lambda w: self.invoice_order.get(w, self.number_to_id.get(w, w)), na_action="ignore")
        known = set(self.invoice_order.values()) | set(self.order_ids.dropna())
        related = case.map(lambda c: str(c).startswith("801") or c in known, na_action="ignore")
        case = case.where(related.fillna(False).astype(bool), None)
        return self._frame(
            task,
            case_id=case,
            source_object="Task",
            family="Task",
            source_field="Subject",
            new_value=_column(task, "Subject"),
            timestamp=_column(task, "CompletedDateTime").fillna(_column(task, "CreatedDate")),
            resource=_column(task, "Owner.Name"),
            resource_id=_ids(task, "OwnerId"),
            comment=_column(task, "Description"),
        )

    def _invoice_candidates(self) -> pd.DataFrame:
        made = []
        for kind in ("blng__Invoice__c", "Invoice"):
            invoices = self.frames.get(kind)
            if invoices is None:
                continue
            case = self._cases(_column(invoices, "blng__Order__c", "ReferenceEntityId"))
            common = dict(
                case_id=case,
                source_object=kind,
                family="Invoice",
                document_id=_column(invoices, "Name", "DocumentNumber", "InvoiceNumber"),
                event_amount=_amount(_column(invoices, "blng__TotalAmount__c", "TotalAmountWithTax", "TotalAmount")),
                resource=_column(invoices, "CreatedBy.Name"),
                resource_id=_ids(invoices, "CreatedById"),
            )
            made.append(
                self._frame(invoices, source_field="CreatedDate", timestamp=_column(invoices, "CreatedDate"), **common)
            )
            made.append(
                self._frame(
                    invoices,
                    source_field="Status",
                    new_value=_column(invoices, "blng__InvoiceStatus__c", "Status"),
                    timestamp=_column(invoices, "LastModifiedDate"),
                    **common,
                )
            )
        return pd.concat(made, ignore_index=True) if made else pd.DataFrame()

    def _payment_candidates(self) -> pd.DataFrame:
        made = []
        payments = self.frames.get("blng__Payment__c")
        if payments is not None:
            via_invoice = _ids(payments, "blng__Invoice__c").map(self.invoice_order.get, na_action="ignore")
            case = self._cases(_column(payments, "blng__Invoice__r.blng__Order__c")).fillna(via_invoice)
            made.append(
                self._frame(
                    payments,
                    case_id=case,
                    source_object="blng__Payment__c",
                    family="Payment",
                    source_field="PaymentDate",
                    timestamp=_column(payments, "blng__PaymentDate__c").fillna(_column(payments, "CreatedDate")),
                    document_id=_column(payments, "Name"),
                    event_amount=_amount(_column(payments, "blng__Amount__c")),
                    resource=_column(payments, "CreatedBy.Name"),
                    resource_id=_ids(payments, "CreatedById"),
                )
            )
        lines = self.frames.get("PaymentLineInvoice")
        if lines is not None:
            numbers = {}
            if "Payment" in self.frames:
                standard = self.frames["Payment"]
                numbers = dict(zip(_ids(standard, "Id"), _column(standard, "PaymentNumber")))
            case = _ids(lines, "InvoiceId").map(self.invoice_order.get, na_action="ignore")
            made.append(
                self._frame(
                    lines,
                    case_id=case,
                    source_object="Payment",
                    family="Payment",
                    source_field="PaymentDate",
                    timestamp=_column(lines, "AppliedDate", "Date", "CreatedDate"),
                    document_id=_ids(lines, "PaymentId").map(numbers.get, na_action="ignore"),
                    event_amount=_amount(_column(lines, "Amount")),
                )
            )
        elif "Payment" in self.frames:
            self.problems.append(Note.of("validation.convert.payment_lines"))
        return pd.concat(made, ignore_index=True) if made else pd.DataFrame()

    # from candidates to events
    def _events(self, candidates: pd.DataFrame) -> pd.DataFrame:
        candidates = candidates[candidates["case_id"].notna()].reset_index(drop=True)
        candidates["activity"] = apply_rules(candidates, self.rules)
        candidates = candidates[candidates["activity"].notna() & candidates["timestamp"].notna()]
        candidates = candidates.reset_index(drop=True)
        parsed = parse_timestamps(candidates["timestamp"], timezone=self.timezone, date_order=self.date_order)
        if parsed.unparseable.any():
            bad = candidates["timestamp"][parsed.unparseable]
            self.problems.append(
                Note.of("validation.convert.bad_dates", count=int(parsed.unparseable.sum()), example=bad.iloc[0])
            )
        candidates["timestamp"] = parsed.values.to_numpy()
        candidates = candidates[~parsed.unparseable & ~parsed.empty].reset_index(drop=True)
        candidates = _without_duplicate_milestones(candidates)
        self._fill_people(candidates)
        events = pd.DataFrame(
            {
                "case_id": candidates["case_id"].astype(str),
                "activity": candidates["activity"].astype(str),
                "timestamp": pd.to_datetime(candidates["timestamp"], utc=True),
                "resource": candidates["resource"],
                "role": candidates["role"],
                "department": candidates["department"],
                "document_id": candidates["document_id"],
                "event_amount": pd.to_numeric(candidates["event_amount"], errors="coerce"),
                "source_object": candidates["source_object"],
                "source_field": candidates["source_field"],
                "old_value": candidates["old_value"],
                "new_value": candidates["new_value"],
                "comment": candidates["comment"],
            }
        )
        return events.sort_values(["case_id", "timestamp"], kind="stable").reset_index(drop=True)

    def _fill_people(self, candidates: pd.DataFrame) -> None:
        users = self.users
        by_name = {str(u["Name"]): u for u in users.values() if u.get("Name")}
        ids = candidates["resource_id"]
        candidates["resource"] = candidates["resource"].fillna(
            ids.map(lambda i: (users.get(i) or {}).get("Name"), na_action="ignore")
        )
        if candidates["resource"].isna().any() and not users:
            candidates["resource"] = candidates["resource"].fillna(ids)
        user = (
            candidates["resource_id"]
            .map(users.get, na_action="ignore")
            .fillna(candidates["resource"].map(lambda n: by_name.get(str(n)), na_action="ignore"))
        )
        candidates["role"] = user.map(lambda u: u.get("UserRole.Name") or u.get("Title"), na_action="ignore")
        candidates["department"] = user.map(lambda u: u.get("Department"), na_action="ignore")

    def _orders(self, events: pd.DataFrame) -> pd.DataFrame:
        case_ids = pd.Series(events["case_id"].unique(), dtype=object)
        orders = pd.DataFrame({"case_id": case_ids})
        order = self.frames.get("Order")
        if order is not None and len(order):
            source = pd.DataFrame(
                {
                    "case_id": self.order_ids,
                    "order_number": _column(order, "OrderNumber"),
                    "account_id": _ids(order, "AccountId"),
                    "account_name": _column(order, "Account.Name"),
                    "owner": _column(order, "Owner.Name"),
                    "owner_id": _ids(order, "OwnerId"),
                    "order_type": _column(order, "Type"),
                    "order_date": _column(order, "EffectiveDate"),
                    "order_amount": _amount(_column(order, "TotalAmount")),
                    "currency": _column(order, "CurrencyIsoCode"),
                    "opportunity_id": _ids(order, "OpportunityId"),
                    "current_status": _column(order, "Status"),
                    "sales_channel": _column(order, "Sales_Channel__c", "SalesChannel.SalesChannelName"),
                    "country": _column(order, "ShippingCountry", "BillingCountry"),
                    "industry": _column(order, "Account.Industry"),
                }
            ).drop_duplicates("case_id")
            orders = orders.merge(source, on="case_id", how="left")
            self._account_opportunity_owner(orders)
            orders = orders.drop(columns=["owner_id"])
            orders["order_date"] = _dates(orders["order_date"])
        self._lines_and_invoices(orders)
        return orders.dropna(axis=1, how="all")

    def _account_opportunity_owner(self, orders: pd.DataFrame) -> None:
        accounts = self._table("Account", "Name", "Industry", "Type", "BillingCountry")
        account = orders["account_id"].map(accounts.get, na_action="ignore")
        for column, key in (("account_name", "Name"), ("industry", "Industry"), ("country", "BillingCountry")):
            orders[column] = orders[column].fillna(account.map(lambda a, k=key: a.get(k), na_action="ignore"))
        opportunities = self._table("Opportunity", "LeadSource")
        channel = orders["opportunity_id"].map(
            lambda o: (opportunities.get(o) or {}).get("LeadSource"), na_action="ignore"
        )
        orders["sales_channel"] = (
            orders["sales_channel"].fillna(channel).fillna(account.map(lambda a: a.get("Type"), na_action="ignore"))
        )
        orders["owner"] = orders["owner"].fillna(
            orders["owner_id"].map(lambda u: (self.users.get(u) or {}).get("Name"), na_action="ignore")
        )

    def _lines_and_invoices(self, orders: pd.DataFrame) -> None:
        items = self.frames.get("OrderItem")
        if items is not None:
            counts = self._cases(_column(items, "OrderId")).value_counts()
            orders["number_of_lines"] = orders["case_id"].map(counts).astype("Int64")
        for kind in ("blng__Invoice__c", "Invoice"):
            invoices = self.frames.get(kind)
            if invoices is None:
                continue
            first = (
                pd.DataFrame(
                    {
                        "case_id": self._cases(_column(invoices, "blng__Order__c", "ReferenceEntityId")),
                        "invoice_number": _column(invoices, "Name", "DocumentNumber", "InvoiceNumber"),
                        "invoice_date": _dates(_column(invoices, "blng__InvoiceDate__c", "InvoiceDate")),
                        "invoice_due_date": _dates(_column(invoices, "blng__DueDate__c", "DueDate")),
                        "invoice_amount": _amount(_column(invoices, "blng__TotalAmount__c", "TotalAmountWithTax")),
                        "payment_status": _column(invoices, "blng__PaymentStatus__c"),
                    }
                )
                .dropna(subset=["case_id"])
                .sort_values("invoice_date")
                .drop_duplicates("case_id")
                .set_index("case_id")
            )
            if first.empty or orders.empty:
                continue
            for column in first.columns:
                values = orders["case_id"].map(first[column])
                orders[column] = orders[column].fillna(values) if column in orders else values


def _dates(values: pd.Series) -> pd.Series:
    parsed = parse_timestamps(values.reset_index(drop=True)).values
    return pd.Series(parsed.dt.date.to_numpy(), index=values.index).where(parsed.notna().to_numpy(), None)


def _without_duplicate_milestones(candidates: pd.DataFrame) -> pd.DataFrame:
    """Order.CreatedDate / ActivatedDate and their OrderHistory rows describe the same events: keep one."""
    from_order = (candidates["family"] == "Order").to_numpy()
    key = candidates["case_id"].astype(str) + "|" + candidates["activity"].astype(str)
    elsewhere = set(key[~from_order])
    duplicate = from_order & key.isin(elsewhere).to_numpy()
    kept = candidates[~duplicate]
    create = (kept["activity"] == "Create Sales Order").to_numpy()
    first_create = kept[create].sort_values("timestamp", kind="stable").drop_duplicates("case_id")
    return pd.concat([kept[~create], first_create]).sort_index().reset_index(drop=True)
