"""Live extraction from a Salesforce org with simple-salesforce: SOQL per object, paginated, incremental.

``extract_exports`` returns one CSV per object with API-name headers (the Bulk API layout), so the result goes
through the same ``convert_exports`` as files a user downloads. Optional objects (Salesforce Billing, standard
invoices) are skipped when the org does not have them; fields the org lacks are left out and reported.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from o2c.errors import ExtractError
from o2c.ingest.salesforce.bulk import BulkOptions, bulk_frame, count_records, needs_count, use_bulk

DEFAULT_API_VERSION = "59.0"
# Environment variables (also read from a .env file); the process environment wins over the file.
ENV_VARIABLES = (
    "SF_USERNAME",
    "SF_PASSWORD",
    "SF_SECURITY_TOKEN",
    "SF_DOMAIN",
    "SF_CONSUMER_KEY",
    "SF_PRIVATE_KEY_FILE",
    "SF_INSTANCE_URL",
    "SF_ACCESS_TOKEN",
    "SF_API_VERSION",
)


@dataclass(frozen=True)
class ObjectQuery:
    """What to read from one object: fields (first ones required), the change-date field, a fixed filter."""

    name: str
    fields: tuple[str, ...]
    required: int = 1
    changed_field: str | None = "SystemModstamp"
    where: str = ""
    optional: bool = False


QUERIES: tuple[ObjectQuery, ...] = (
    ObjectQuery(
        "Order",
        (
            "Id",
            "OrderNumber",
            "AccountId",
            "Account.Name",
            "OwnerId",
            "Owner.Name",
            "Status",
            "Type",
            "EffectiveDate",
            "CreatedDate",
            "CreatedById",
            "CreatedBy.Name",
            "ActivatedDate",
            "ActivatedById",
            "ActivatedBy.Name",
            "TotalAmount",
            "OpportunityId",
            "ShippingCountry",
            "BillingCountry",
            "CurrencyIsoCode",
        ),
        required=2,
    ),
    ObjectQuery(
        "OrderHistory",
        ("Id", "OrderId", "Field", "OldValue", "NewValue", "CreatedDate", "CreatedById", "CreatedBy.Name", "DataType"),
        required=6,
        changed_field="CreatedDate",
    ),
    ObjectQuery("OrderItem", ("Id", "OrderId", "OrderItemNumber", "Quantity", "UnitPrice", "TotalPrice"), 2),
    ObjectQuery(
        "Task",
        (
            "Id",
            "WhatId",
            "Subject",
            "TaskSubtype",
            "Status",
            "CompletedDateTime",
            "CreatedDate",
            "OwnerId",
            "Owner.Name",
            "Description",
        ),
        required=3,
        where="What.Type IN ('Order', 'blng__Invoice__c', 'Invoice')",
    ),
    ObjectQuery("Account", ("Id", "Name", "Type", "Industry", "BillingCountry"), 2, changed_field=None),
    ObjectQuery("Opportunity", ("Id", "Name", "StageName", "LeadSource", "AccountId"), 3, changed_field=None),
    ObjectQuery("User", ("Id", "Name", "Username", "Department", "Title", "UserRole.Name"), 2, changed_field=None),
    ObjectQuery(
        "blng__Invoice__c",
        (
            "Id",
            "Name",
            "blng__Order__c",
            "blng__InvoiceDate__c",
            "blng__DueDate__c",
            "blng__InvoiceStatus__c",
            "blng__PaymentStatus__c",
            "blng__TotalAmount__c",
            "CreatedDate",
            "CreatedById",
            "LastModifiedDate",
        ),
        3,
        optional=True,
    ),
    ObjectQuery(
        "blng__Payment__c",
        ("Id", "Name", "blng__Invoice__c", "blng__Amount__c", "blng__PaymentDate__c", "CreatedDate", "CreatedById"),
        3,
        optional=True,
    ),
    ObjectQuery(
        "Invoice",
        (
            "Id",
            "DocumentNumber",
            "ReferenceEntityId",
            "InvoiceDate",
            "DueDate",
            "Status",
            "TotalAmountWithTax",
            "CreatedDate",
            "CreatedById",
            "LastModifiedDate",
        ),
        3,
        optional=True,
    ),
    ObjectQuery("Payment", ("Id", "PaymentNumber", "Amount", "Date", "Status"), 2, optional=True),
    ObjectQuery(
        "PaymentLineInvoice", ("Id", "PaymentId", "InvoiceId", "Amount", "AppliedDate", "CreatedDate"), 3, optional=True
    ),
)

Progress = Callable[[str, int, int, int], None]  # (object, records so far, objects done, objects in total)


@dataclass(frozen=True)
class ExtractResult:
    """One CSV per object that had data (name -> bytes), record counts, and notes about skipped parts."""

    files: dict[str, bytes]
    counts: dict[str, int]
    problems: list[str] = field(default_factory=list)
    methods: dict[str, str] = field(default_factory=dict)  # object -> "bulk" or "rest"


def read_dotenv(path: Path) -> dict[str, str]:
    """``KEY=value`` lines of a .env file (comments, blank lines and ``export`` prefixes allowed)."""
    if not path.is_file():
        return {}
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip().removeprefix("export ").strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        values[key.strip()] = value.strip().strip("'\"")
    return values


def credentials_from_env(
    environ: Mapping[str, str] | None = None, dotenv: Path | None = Path(".env")
) -> dict[str, str]:
    """The SF_* settings from a .env file, overridden by the environment; empty values are dropped."""
    environ = os.environ if environ is None else environ
    merged = {**(read_dotenv(dotenv) if dotenv else {}), **{k: environ[k] for k in ENV_VARIABLES if k in environ}}
    return {k: v for k, v in merged.items() if k in ENV_VARIABLES and v}


def connect(credentials: Mapping[str, str], session=None):
    """A logged-in ``simple_salesforce.Salesforce``: access token, JWT bearer, or username + password + token."""
    from simple_salesforce import Salesforce  # noqa: PLC0415 - only extraction needs it
    from simple_salesforce.exceptions import SalesforceAuthenticationFailed, SalesforceError  # noqa: PLC0415

    c = dict(credentials)
    common = {"version": c.get("SF_API_VERSION", DEFAULT_API_VERSION), "session": session}
    try:
        if c.get("SF_ACCESS_TOKEN") and c.get("SF_INSTANCE_URL"):
            return Salesforce(instance_url=c["SF_INSTANCE_URL"], session_id=c["SF_ACCESS_TOKEN"], **common)
        if c.get("SF_USERNAME") and c.get("SF_CONSUMER_KEY") and c.get("SF_PRIVATE_KEY_FILE"):
            return Salesforce(
                username=c["SF_USERNAME"],
                consumer_key=c["SF_CONSUMER_KEY"],
                privatekey_file=c["SF_PRIVATE_KEY_FILE"],
                domain=c.get("SF_DOMAIN"),
                **common,
            )
        if c.get("SF_USERNAME") and c.get("SF_PASSWORD"):
            return Salesforce(
                username=c["SF_USERNAME"],
                password=c["SF_PASSWORD"],
                security_token=c.get("SF_SECURITY_TOKEN", ""),
                domain=c.get("SF_DOMAIN"),
                **common,
            )
    except SalesforceAuthenticationFailed as error:
        raise _credentials_error(str(error)) from error
    except SalesforceError as error:
        raise ExtractError("validation.extract.login_failed", status=error.status) from error
    except OSError as error:  # requests' connection errors are OSErrors
        raise ExtractError("validation.extract.unreachable", error=error) from error
    raise ExtractError("validation.extract.no_credentials")


def _credentials_error(detail: str) -> ExtractError:
    return ExtractError("validation.extract.refused", detail=detail)


def soql(
    query: ObjectQuery, fields: Iterable[str], since: dt.date | dt.datetime | None, after: dt.datetime | None = None
) -> str:
    """The SOQL for one object; ``since`` keeps records changed on or after it, ``after`` those changed strictly
    later (an incremental refresh's watermark), both on the object's change-date field."""
    conditions = [query.where] if query.where else []
    for bound, operator in ((since, ">="), (after, ">")):
        if bound is not None and query.changed_field:
            conditions.append(f"{query.changed_field} {operator} {_soql_time(bound)}")
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    return f"SELECT {', '.join(fields)} FROM {query.name}{where}"


def _soql_time(bound: dt.date | dt.datetime) -> str:
    moment = bound if isinstance(bound, dt.datetime) else dt.datetime.combine(bound, dt.time())
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return f"{moment:%Y-%m-%dT%H:%M:%S}Z"


def extract_exports(
    sf,
    since: dt.date | dt.datetime | None = None,
    queries: tuple[ObjectQuery, ...] = QUERIES,
    progress: Progress | None = None,
    bulk: BulkOptions | None = None,
    watermarks: Mapping[str, dt.datetime] | None = None,
) -> ExtractResult:
    """Read every object (all pages) into CSV bytes; raises ``ExtractError`` for credential or permission errors.

    Large objects go through Bulk API 2.0 as ``bulk`` says; ``watermarks`` (object -> time) keep only records
    changed after that time (an incremental refresh)."""
    files: dict[str, bytes] = {}
    counts: dict[str, int] = {}
    methods: dict[str, str] = {}
    problems: list[str] = []
    bulk = bulk or BulkOptions()
    for done, query in enumerate(queries):
        after = (watermarks or {}).get(query.name)
        pulled = _records(
            sf,
            query,
            (since, after),
            problems,
            lambda n, q=query.name, d=done: progress and progress(q, n, d, len(queries)),
            bulk,
        )
        if pulled is not None:
            records, methods[query.name] = pulled
            counts[query.name] = len(records)
            if len(records):
                files[f"{query.name}.csv"] = _csv(records)
        if progress:
            progress(query.name, counts.get(query.name, 0), done + 1, len(queries))
    return ExtractResult(files, counts, problems, methods)


def _records(
    sf, query: ObjectQuery, bounds, problems: list[str], tick, bulk: BulkOptions
) -> tuple[pd.DataFrame, str] | None:
    from simple_salesforce.exceptions import (  # noqa: PLC0415
        SalesforceExpiredSession,
        SalesforceMalformedRequest,
        SalesforceRefusedRequest,
        SalesforceResourceNotFound,
    )

    fields = list(query.fields)
    if query.changed_field and query.changed_field not in fields:  # the refresh's watermark is read from it
        fields.append(query.changed_field)
    deleted = query.name == "Task"
    while True:
        records: list[dict] = []
        text = soql(query, fields, *bounds)
        try:
            count = count_records(sf, text) if needs_count(query.name, bulk) else None
            if use_bulk(query.name, count, bulk):
                return bulk_frame(sf, query.name, text, bulk, deleted, tick), "bulk"
            for record in sf.query_all_iter(text, include_deleted=deleted):
                records.append(_flatten(record))
                if len(records) % 2000 == 0:
                    tick(len(records))
            return pd.DataFrame.from_records(records), "rest"
        except SalesforceExpiredSession as error:
            raise _credentials_error(_error_text(error)) from error
        except (SalesforceRefusedRequest, SalesforceResourceNotFound) as error:
            if query.optional:
                problems.append(f"{query.name}: not readable ({_error_text(error)}); skipped.")
                return None
            raise ExtractError(
                "validation.extract.no_permission", object=query.name, error=_error_text(error)
            ) from error
        except SalesforceMalformedRequest as error:
            code, text = _error_code(error), _error_text(error)
            missing = re.search(r"No such column '([^']+)'", text)
            if code == "INVALID_FIELD" and missing:
                name = missing.group(1)
                gone = [f for f in fields if f == name or f.split(".")[0] == name]
                if not gone or any(f not in query.fields or query.fields.index(f) < query.required for f in gone):
                    raise ExtractError("validation.extract.no_field", object=query.name, field=name) from error
                fields = [f for f in fields if f not in gone]
                problems.append(f"{query.name}: field {name} does not exist in this org (or is hidden); left out.")
                continue
            if code == "INVALID_TYPE" and query.optional:
                problems.append(f"{query.name}: not in this org; skipped.")
                return None
            raise ExtractError("validation.extract.rejected", object=query.name, error=text) from error


def _error_code(error) -> str:
    content = error.content
    if isinstance(content, list) and content and isinstance(content[0], dict):
        return str(content[0].get("errorCode", ""))
    return ""


def _error_text(error) -> str:
    content = error.content
    if isinstance(content, list) and content and isinstance(content[0], dict):
        return f"{content[0].get('errorCode', '')}: {content[0].get('message', '')}"
    return str(content)[:300]


def _flatten(record: Mapping, prefix: str = "") -> dict:
    """A REST record without ``attributes``, relationships as dotted names (``Account.Name``)."""
    flat = {}
    for key, value in record.items():
        if key == "attributes":
            continue
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def _csv(records: pd.DataFrame) -> bytes:
    buffer = io.StringIO()
    records.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode()
