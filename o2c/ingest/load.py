"""From uploaded bytes to an event log plus one validation report: the path behind the Data page and the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from o2c.errors import Term, UploadError
from o2c.ingest.history import history_events, history_shape
from o2c.ingest.read import MAX_UPLOAD_BYTES, RawTable, read_upload
from o2c.ingest.recognise import ColumnGuess, case_attribute_headers, guess_columns
from o2c.ingest.salesforce.convert import recognise_object
from o2c.ingest.timestamps import DateOrder, parse_timestamps
from o2c.ingest.validate import Issue, ValidationReport, issue, issue_for_rows
from o2c.log.columns import (
    DATE_ORDER_COLUMNS,
    EVENT_COLUMNS,
    NUMERIC_ORDER_COLUMNS,
    ORDER_ALIASES,
    normalise_header,
)
from o2c.log.eventlog import EventLog, build_event_log, event_order, unique_categorical

# Above this share of unreadable timestamps the format is probably misread: block instead of dropping rows.
UNPARSEABLE_BLOCK_SHARE = 0.05
EARLIEST_PLAUSIBLE = pd.Timestamp("2000-01-01", tz="UTC")
_OPTIONAL_EVENT_COLUMNS = tuple(c.name for c in EVENT_COLUMNS if not c.required)
# The XES standard names say which column they are as plainly as the template's own names.
_XES_NAMES = ("caseconceptname", "conceptname", "timetimestamp", "orgresource", "orgrole", "orggroup")
_TEXT_ATTRIBUTE_LIMIT = 100_000  # distinct values; beyond this an "attribute" is an id, not a category


@dataclass(frozen=True)
class LoadOptions:
    """Choices the user can make on the Data page; the defaults suit most files."""

    columns: dict[str, str] | None = None  # template column -> header, overriding the guess
    timezone: str = "UTC"
    date_order: DateOrder = "auto"


@dataclass(frozen=True)
class LoadResult:
    """The log (None when an error blocks it), the report, and how the columns were recognised."""

    log: EventLog | None
    report: ValidationReport
    headers: list[str] = field(default_factory=list)
    guess: ColumnGuess = field(default_factory=lambda: ColumnGuess({}))
    columns: dict[str, str] = field(default_factory=dict)


def load_event_log(
    data: bytes,
    filename: str,
    options: LoadOptions = LoadOptions(),
    now: pd.Timestamp | None = None,
    max_bytes: int | None = MAX_UPLOAD_BYTES,
) -> LoadResult:
    """Read, recognise, validate and build. Never raises for bad input: problems go into the report.

    ``max_bytes`` limits the file size (the upload limit by default; None for a file read from disk by the CLI).
    """
    try:
        raw = read_upload(data, filename, max_bytes)
    except UploadError as error:
        return LoadResult(None, ValidationReport.of([Issue("error", "file", error.key, error.values, sheet="File")]))
    now = now if now is not None else pd.Timestamp.now(tz="UTC")
    raw_events = raw.events
    headers = [str(c) for c in raw_events.frame.columns]
    issues: list[Issue | None] = []
    shape = history_shape(headers)
    if shape is not None:
        raw_events = history_events(raw_events, shape)
        headers = [str(c) for c in raw_events.frame.columns]
        issues.append(
            issue(
                "info",
                "history_shape",
                "validation.history_shape.report" if shape.kind == "report" else "validation.history_shape.export",
                field=shape.field,
                new_value=shape.new_value,
            )
        )
    guess = guess_columns(headers)
    columns = {**guess.columns, **(options.columns or {})}
    columns = {name: header for name, header in columns.items() if header in headers}

    missing = [name for name in ("case_id", "activity", "timestamp") if name not in columns]
    salesforce_object = recognise_object(headers) if "activity" in missing else None
    if salesforce_object is not None:  # an object's records, not events: the converter makes events of them
        issues.append(issue("error", "salesforce_export", "validation.salesforce_export", object=salesforce_object))
    elif missing:
        issues.append(_missing_columns_issue(missing, headers, raw_events.source))
    if missing:
        return LoadResult(None, ValidationReport.of(issues), headers, guess, columns)
    issues.append(_columns_used_issue(columns))
    if raw_events.frame.empty:
        issues.append(issue("error", "no_rows", "validation.no_rows", source=raw_events.source))
        return LoadResult(None, ValidationReport.of(issues), headers, guess, columns)
    events, order, event_issues = _clean_events(raw_events, columns, options, now)
    issues += event_issues
    attribute_headers = case_attribute_headers(headers, columns)
    orders, order_issues = _orders_table(raw.orders, raw_events, events, order, attribute_headers, options)
    issues += order_issues
    if events.empty:
        issues.append(issue("error", "no_events", "validation.no_events"))
    report = ValidationReport.of(issues)
    if not report.ok:
        return LoadResult(None, report, headers, guess, columns)
    # Handing the events over in case and time order spares build_event_log its own sort.
    log = build_event_log(events if order is None else events.take(order), orders)
    single = log.cases["n_events"].to_numpy() == 1
    if single.any():
        report = ValidationReport.of(
            [
                *report.issues,
                issue(
                    "warning",
                    "single_event",
                    "validation.single_event",
                    count=int(single.sum()),
                    examples=tuple(log.cases["case_id"][single].head(3)),
                ),
            ]
        )
    return LoadResult(log, report, headers, guess, columns)


def _columns_used_issue(columns: dict[str, str]) -> Issue | None:
    """Which header became which template column, when any header is not the column's own name."""
    renamed = [
        (name, header)
        for name, header in columns.items()
        if normalise_header(header) not in (normalise_header(name), *_XES_NAMES)
    ]
    if not renamed:
        return None
    return issue("info", "columns_used", "validation.columns_used", pairs="; ".join(f"{h} → {n}" for n, h in renamed))


def _missing_columns_issue(missing: list[str], headers: list[str], source: Term) -> Issue:
    accepted = {c.name: c.aliases[:6] for c in EVENT_COLUMNS}
    hints = "; ".join(f"{name}: {', '.join((name, *accepted[name]))}" for name in missing)
    return issue(
        "error",
        "missing_column",
        "validation.missing_column",
        count=len(missing),
        examples=tuple(headers[:8]),
        source=source,
        columns=", ".join(missing),
        hints=hints,
    )


def _clean_events(
    raw: RawTable, columns: dict[str, str], options: LoadOptions, now: pd.Timestamp
) -> tuple[pd.DataFrame, np.ndarray | None, list[Issue | None]]:
    """The usable events in upload order, their order by case and time (``event_order``) and the issues."""
    frame = raw.frame
    rows = raw.row_numbers()
    case_raw = frame[columns["case_id"]]
    activity_raw = frame[columns["activity"]]
    case_id = _clean_text(case_raw)
    activity = _clean_text(activity_raw)
    parsed = parse_timestamps(frame[columns["timestamp"]], timezone=options.timezone, date_order=options.date_order)
    issues: list[Issue | None] = []
    empty_case = case_id.isna().to_numpy()
    empty_activity = activity.isna().to_numpy()
    issues.append(
        issue_for_rows("warning", "empty_case_id", "validation.empty_case_id", mask=empty_case, row_numbers=rows)
    )
    issues.append(
        issue_for_rows(
            "warning",
            "empty_activity",
            "validation.empty_activity",
            mask=empty_activity & ~empty_case,
            row_numbers=rows,
        )
    )
    issues.append(
        issue_for_rows(
            "warning",
            "empty_timestamp",
            "validation.empty_timestamp",
            mask=parsed.empty & ~empty_case,
            row_numbers=rows,
        )
    )
    unparseable_share = parsed.unparseable.sum() / max(len(frame), 1)
    blocking = unparseable_share > UNPARSEABLE_BLOCK_SHARE
    issues.append(
        issue_for_rows(
            "error" if blocking else "warning",
            "bad_timestamp",
            "validation.bad_timestamp.blocking" if blocking else "validation.bad_timestamp",
            mask=parsed.unparseable,
            row_numbers=rows,
            values=frame[columns["timestamp"]],
        )
    )
    if parsed.ambiguous:
        issues.append(issue("warning", "ambiguous_date_order", "validation.ambiguous_date_order"))
    elif parsed.date_order != "auto":
        issues.append(
            issue("info", "date_order", "validation.date_order", order=Term(f"data.date_order.{parsed.date_order}"))
        )
    if parsed.date_only:
        issues.append(issue("info", "date_precision", "validation.date_precision"))

    keep = ~(empty_case | empty_activity | parsed.empty | parsed.unparseable)
    events = pd.DataFrame({"case_id": case_id, "activity": activity, "timestamp": parsed.values, "row": rows})
    for name in _OPTIONAL_EVENT_COLUMNS:
        if name in columns:
            values = frame[columns[name]].reset_index(drop=True)
            events[name] = pd.to_numeric(values, errors="coerce") if name == "event_amount" else _clean_text(values)
    if not keep.all():
        events = events[keep]

    timestamps = events["timestamp"]
    future = (timestamps > now + pd.Timedelta(days=1)).to_numpy()
    ancient = (timestamps < EARLIEST_PLAUSIBLE).to_numpy()
    event_rows = events["row"].to_numpy()
    issues.append(
        issue_for_rows(
            "warning",
            "future_timestamp",
            "validation.future_timestamp",
            mask=future,
            row_numbers=event_rows,
            values=timestamps,
        )
    )
    issues.append(
        issue_for_rows(
            "warning",
            "old_timestamp",
            "validation.old_timestamp",
            mask=ancient,
            row_numbers=event_rows,
            values=timestamps,
        )
    )

    order = event_order(events["case_id"].cat.codes.to_numpy(), events["timestamp"].array.asi8)
    duplicate = _exact_duplicates(events.drop(columns="row"), order)
    issues.append(
        issue_for_rows(
            "warning",
            "duplicate_event",
            "validation.duplicate_event",
            mask=duplicate,
            row_numbers=event_rows,
            values=events["case_id"],
        )
    )
    if duplicate.any():
        events = events[~duplicate]
        if order is not None:
            order = (np.cumsum(~duplicate) - 1)[order[~duplicate[order]]]
    return events.reset_index(drop=True), order, issues


def _exact_duplicates(frame: pd.DataFrame, order: np.ndarray | None) -> np.ndarray:
    """Rows equal to an earlier row in every column.

    Equal rows share their case and timestamp, so in case and time ``order`` they sit in runs of equal
    (case, timestamp); pandas compares only the rows of such runs.
    """
    case = frame["case_id"].cat.codes.to_numpy()
    time = frame["timestamp"].array.asi8
    if order is not None:
        case, time = case[order], time[order]
    tie = (case[1:] == case[:-1]) & (time[1:] == time[:-1])
    in_run = np.zeros(len(frame), dtype=bool)
    in_run[1:] |= tie
    in_run[:-1] |= tie
    candidates = in_run
    if order is not None:
        candidates = np.zeros(len(frame), dtype=bool)
        candidates[order[in_run]] = True
    duplicate = np.zeros(len(frame), dtype=bool)
    if candidates.any():
        duplicate[candidates] = frame[candidates].duplicated().to_numpy()
    return duplicate


def _clean_text(values: pd.Series) -> pd.Series:
    """Categorical text: surrounding spaces removed, empty strings missing, Excel's 100.0 read as '100'.

    The cleaning runs on the distinct values only, so ten million rows cost one factorisation. Categories
    are in order of first appearance.
    """
    codes, uniques = pd.factorize(values.reset_index(drop=True), use_na_sentinel=True)
    if isinstance(uniques, pd.CategoricalIndex):  # categorical input: its values, not another categorical
        uniques = uniques.categories.take(uniques.codes)
    labels = pd.Series(uniques)
    if not pd.api.types.is_string_dtype(labels.dtype) or labels.dtype == object:
        labels = labels.astype(object).map(_whole_number_text).astype(str)
    stripped = labels.str.strip()
    if stripped.eq("").any() or not stripped.equals(labels):
        relabel, categories = pd.factorize(stripped.mask(stripped == ""), use_na_sentinel=True)
        codes = np.append(relabel, -1)[codes]  # code -1 (missing) stays -1
        labels = pd.Series(categories)
    return pd.Series(unique_categorical(codes, pd.Index(labels.array, dtype=str)))


def _whole_number_text(value: object) -> object:
    # Excel stores order numbers typed as numbers as floats: 100 arrives as 100.0.
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value


def _orders_table(
    raw_orders: RawTable | None,
    raw_events: RawTable,
    events: pd.DataFrame,
    order: np.ndarray | None,
    attribute_headers: dict[str, str],
    options: LoadOptions,
) -> tuple[pd.DataFrame | None, list[Issue | None]]:
    """Case attributes: the Orders sheet when there is one, else attributes carried on the events rows
    (the first row of each order)."""
    issues: list[Issue | None] = []
    from_events = None
    if attribute_headers:
        first = _first_row_per_case(events["case_id"].cat.codes.to_numpy(), order)
        kept_rows = np.searchsorted(raw_events.row_numbers(), events["row"].to_numpy()[first])
        carried = raw_events.frame.iloc[kept_rows][list(attribute_headers.values())]
        carried = carried.set_axis(list(attribute_headers), axis=1).reset_index(drop=True)
        carried.insert(0, "case_id", events["case_id"].iloc[first].to_numpy())
        from_events = carried
    if raw_orders is None:
        return (_typed_attributes(from_events, options, issues, None) if from_events is not None else None), issues

    frame = raw_orders.frame
    headers = [str(c) for c in frame.columns]
    guess = guess_columns(headers, ORDER_ALIASES)
    if "case_id" not in guess.columns:
        issues.append(issue("warning", "orders_no_case_id", "validation.orders_no_case_id", sheet="Orders"))
        return from_events, issues
    rows = raw_orders.row_numbers()
    renamed = {header: name for name, header in guess.columns.items()}
    known = frame[list(renamed)].rename(columns=renamed).reset_index(drop=True)
    extra = [h for h in headers if h not in renamed and not h.startswith("column_")]
    orders = pd.concat([known, frame[extra].reset_index(drop=True)], axis=1)
    orders["case_id"] = _clean_text(orders["case_id"])
    orders["_row"] = rows
    orders = orders[orders["case_id"].notna()]
    duplicated = orders["case_id"].duplicated().to_numpy()
    issues.append(
        issue_for_rows(
            "warning",
            "orders_duplicate",
            "validation.orders_duplicate",
            mask=duplicated,
            row_numbers=orders["_row"].to_numpy(),
            values=orders["case_id"],
            sheet="Orders",
        )
    )
    orders = orders[~duplicated]
    event_cases = pd.Index(events["case_id"].unique())
    no_events = ~orders["case_id"].isin(event_cases).to_numpy()
    issues.append(
        issue_for_rows(
            "warning",
            "orders_without_events",
            "validation.orders_without_events",
            mask=no_events,
            row_numbers=orders["_row"].to_numpy(),
            values=orders["case_id"],
            sheet="Orders",
        )
    )
    missing = ~pd.Series(event_cases).isin(orders["case_id"]).to_numpy()
    if missing.any():
        examples = tuple(event_cases[missing][:3])
        issues.append(
            issue(
                "warning",
                "events_without_order",
                "validation.events_without_order",
                count=int(missing.sum()),
                examples=examples,
            )
        )
    orders = _typed_attributes(orders, options, issues, "Orders")
    if from_events is not None:  # the Orders sheet wins; events-sheet attributes fill its gaps
        orders = (
            orders.set_index("case_id")
            .combine_first(_typed_attributes(from_events, options, [], None).set_index("case_id"))
            .reset_index()
        )
    return orders, issues


def _first_row_per_case(case: np.ndarray, order: np.ndarray | None) -> np.ndarray:
    """Positions of each case's first row, ascending; ``order`` sorts the rows by case (None: they are)."""
    order = np.arange(case.size) if order is None else order
    grouped = case[order]
    starts = np.flatnonzero(np.concatenate(([True], grouped[1:] != grouped[:-1]))) if case.size else order
    return np.sort(np.minimum.reduceat(order, starts)) if case.size else order


def _typed_attributes(
    orders: pd.DataFrame, options: LoadOptions, issues: list[Issue | None], sheet: str | None
) -> pd.DataFrame:
    """Dates to datetimes, amounts to numbers, everything else to categorical text."""
    typed = {"case_id": orders["case_id"].to_numpy(dtype=object)}
    rows = orders["_row"].to_numpy() if "_row" in orders else np.arange(len(orders)) + 2
    for name in orders.columns.drop(["case_id", "_row"], errors="ignore"):
        values = orders[name].reset_index(drop=True)
        if name in DATE_ORDER_COLUMNS:
            parsed = parse_timestamps(values, timezone=options.timezone, date_order=options.date_order)
            # .array keeps the datetimes; .to_numpy() would box each one (an all-empty column keeps its old dtype)
            typed[name] = parsed.values.array if parsed.values.notna().any() else parsed.values.to_numpy()
            if sheet:
                issues.append(_bad_values_issue(name, parsed.unparseable, sheet, values, rows))
        elif name in NUMERIC_ORDER_COLUMNS or pd.api.types.is_numeric_dtype(values.dtype):
            numbers = pd.to_numeric(values, errors="coerce")
            typed[name] = numbers.to_numpy(dtype=float)
            if sheet:
                bad = (numbers.isna() & values.notna()).to_numpy()
                issues.append(_bad_values_issue(name, bad, sheet, values, rows))
        else:
            text = _clean_text(values)
            if text.nunique() <= _TEXT_ATTRIBUTE_LIMIT:
                typed[name] = pd.Categorical(text)
    return pd.DataFrame(typed)


def _bad_values_issue(column: str, mask: np.ndarray, sheet: str, values: pd.Series, rows: np.ndarray) -> Issue | None:
    return issue_for_rows(
        "warning",
        f"bad_{column}",
        "validation.bad_value",
        mask=mask & values.notna().to_numpy(),
        row_numbers=rows,
        values=values,
        sheet=sheet,
        column=column,
    )
