"""``python -m o2c monitor FILE|DATASET``: the scheduled half of the Monitoring page. It computes the KPI catalogue
for every order and for each configured segment, saves one snapshot per segment to a workspace, checks the
targets, compares with the previous run, writes the report, and can notify a webhook or write a summary to mail.

Exit code: 0 when every target holds, 1 when any is breached (one ``BREACH`` line each on stdout), 2 on an error
(unreadable input or configuration, a store or webhook that fails).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sqlite3
import sys
import tomllib
import urllib.error
import urllib.request
from dataclasses import dataclass, field, replace
from pathlib import Path

from o2c.cli.columns import ColumnUsageError, add_column_options, load_with_columns
from o2c.cli.inputs import exists, mapped_log, read_input
from o2c.cli.report import FORMATS
from o2c.conform.rules import DEFAULT_RULES, read_rules_sheet
from o2c.errors import FixableError, SnapshotStoreError
from o2c.i18n import LANGUAGES, Language, t
from o2c.improve.cost import read_cost_sheet
from o2c.improve.settings import Settings
from o2c.ingest.salesforce.dataset import is_dataset, read_state
from o2c.log.eventlog import EventLog
from o2c.log.filters import Filters
from o2c.monitor.kpis import KPIS
from o2c.monitor.monitoring import format_delta, format_value
from o2c.monitor.runs import ALL, previous_run, save_run
from o2c.monitor.snapshots import SnapshotStore, compare_snapshots, snapshot_from_view, workspace_path
from o2c.monitor.targets import Check, Target, check_targets, parse_target


class JobError(Exception):
    """A configuration or input the job cannot run with (exit code 2); the message says what to change."""


@dataclass
class Job:
    """What one run does, from the TOML file and the command line (the command line wins)."""

    targets: list[Target] = field(default_factory=list)
    segments: list[str] = field(default_factory=list)
    workspace: str | None = None
    store: Path | None = None
    report: Path | None = None
    summary: Path | None = None
    webhook: str | None = None
    lang: Language = "en"


def add_command(commands: argparse._SubParsersAction) -> None:
    """The ``monitor`` subcommand and its options."""
    monitor = commands.add_parser("monitor", help="check KPI targets, save snapshots, write the report (for cron/CI)")
    monitor.add_argument("file", type=Path, help="xlsx, csv, parquet, xes, or a dataset folder (extract --incremental)")
    monitor.add_argument("--config", type=Path, default=None, metavar="FILE.toml", help="targets, segments, workspace")
    monitor.add_argument(
        "--target", action="append", default=[], metavar="KPI<=VALUE", help="e.g. late_payment_rate<=0.10 (repeatable)"
    )
    monitor.add_argument(
        "--segment",
        action="append",
        default=[],
        metavar="ATTRIBUTE[=VALUE]",
        help="also check each value of an attribute (sales_channel) or one value (sales_channel=Online)",
    )
    monitor.add_argument("--workspace", default=None, help="Monitoring page workspace to save the snapshots in")
    monitor.add_argument("--store", type=Path, default=None, help="snapshot file instead of a workspace")
    monitor.add_argument("--report", type=Path, default=None, metavar="FILE", help="report.html or report.xlsx")
    monitor.add_argument("--summary", type=Path, default=None, metavar="FILE", help="plain-text summary to mail")
    monitor.add_argument("--webhook", default=None, metavar="URL", help="POST the result as JSON to this URL")
    monitor.add_argument("--lang", choices=list(LANGUAGES), default=None, help="report language (default en)")
    monitor.add_argument("--timezone", default="UTC", help="time zone of times without an offset (default UTC)")
    monitor.add_argument("--date-order", choices=["auto", "day-first", "month-first"], default="auto")
    monitor.add_argument("--activity-map", type=Path, default=None, metavar="MAP.csv", help="activity,role CSV")
    add_column_options(monitor)


def run(args: argparse.Namespace) -> int:
    """Run the job; returns the exit code."""
    try:
        job = job_from(args)
        log, settings, name = _load(args)
        segments = segment_filters(log, job.segments)
    except (JobError, FixableError, ColumnUsageError, OSError) as error:
        print(f"python -m o2c monitor: error: {_text(error)}", file=sys.stderr)
        return 2
    store = SnapshotStore(workspace_path(job.workspace) if job.workspace else job.store)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    checks: list[Check] = []
    changes: list[str] = []
    try:
        for segment, filters in segments.items():
            view = filters.apply(log)
            snapshot = replace(  # one time for the whole run: the page groups a run's segments by it
                snapshot_from_view(view, settings, f"{segment} · {now:%Y-%m-%d %H:%M}", name, job.lang, filters),
                created_at=now,
            )
            found = check_targets(segment, snapshot.kpis, job.targets)
            checks += found
            before = previous_run(store, segment)
            save_run(store, snapshot, segment, found)
            if before is not None:
                changes += _worse(segment, before, snapshot, job.lang)
    except (SnapshotStoreError, sqlite3.Error, OSError) as error:
        print(f"python -m o2c monitor: error: {store.path}: {error}", file=sys.stderr)
        return 2
    breaches = [c for c in checks if c.breached]
    for check in breaches:
        print(check.line(lang=job.lang))
    held = len(checks) - len(breaches)
    print(t("refresh.job.done", job.lang, held=held, total=len(checks), path=store.path), file=sys.stderr)
    text = summary_text(name, now, log, checks, changes, job, _refreshed(args.file))
    try:
        if job.report:
            _write_report(job, log, settings, name)
        if job.summary:
            job.summary.write_text(text, encoding="utf-8")
        if job.webhook:
            notify(job.webhook, payload(name, now, checks, text, job))
    except (OSError, urllib.error.URLError, JobError) as error:
        print(f"python -m o2c monitor: error: {_text(error)}", file=sys.stderr)
        return 2
    return 1 if breaches else 0


def job_from(args: argparse.Namespace) -> Job:
    """The run's settings: the TOML file's, then the command line's on top (targets and segments add up)."""
    config: dict = {}
    if args.config is not None:
        try:
            config = tomllib.loads(args.config.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise JobError(f"{args.config}: {error}") from error
    base = args.config.parent if args.config is not None else Path()
    texts = [*_strings(config, "targets"), *args.target]
    try:
        targets = [parse_target(text) for text in texts]
    except ValueError as error:
        raise JobError(str(error)) from error
    if not targets:
        raise JobError("no targets: give --target KPI<=VALUE or targets = [...] in the --config file")
    lang = args.lang or config.get("lang", "en")
    if lang not in LANGUAGES:
        raise JobError(f"lang {lang!r}: one of {', '.join(LANGUAGES)}")
    return Job(
        targets=targets,
        segments=[*_strings(config, "segments"), *args.segment],
        workspace=args.workspace or config.get("workspace"),
        store=args.store or (base / config["store"] if config.get("store") else None),
        report=args.report or (base / config["report"] if config.get("report") else None),
        summary=args.summary or (base / config["summary"] if config.get("summary") else None),
        webhook=args.webhook or config.get("webhook"),
        lang=lang,
    )


def segment_filters(log: EventLog, segments: list[str]) -> dict[str, Filters]:
    """The orders of each segment: "all", then one per attribute value asked for."""
    found = {ALL: Filters()}
    for segment in segments:
        attribute, _, value = (part.strip() for part in segment.partition("="))
        if attribute not in log.case_attribute_names():
            names = ", ".join(log.case_attribute_names())
            raise JobError(f"segment {segment!r}: no order attribute {attribute!r} (attributes: {names})")
        values = [value] if value else sorted(str(v) for v in log.cases[attribute].dropna().unique())
        for item in values:
            found[f"{attribute}={item}"] = Filters({attribute: (item,)})
    return found


def summary_text(
    name: str,
    now: dt.datetime,
    log: EventLog,
    checks: list[Check],
    changes: list[str],
    job: Job,
    refreshed: str | None,
) -> str:
    """The run as plain text ready to mail, in the job's language."""
    lang = job.lang
    breaches = [c for c in checks if c.breached]
    start, end = log.case_start_ns.min(), log.case_end_ns.max()
    data = t("refresh.job.data", lang, orders=log.n_cases, start=_day(start), end=_day(end))
    lines = [
        t("refresh.job.title", lang, source=name, time=f"{now:%Y-%m-%d %H:%M}"),
        data + (t("refresh.job.refreshed", lang, time=refreshed) if refreshed else ""),
        "",
        t("refresh.job.targets", lang, breached=len(breaches), held=len(checks) - len(breaches)),
        *(f"  {check.line(lang=lang)}" for check in sorted(checks, key=lambda c: not c.breached)),
    ]
    if changes:
        lines += ["", t("refresh.job.worse", lang), *(f"  {line}" for line in changes)]
    if job.report:
        lines += ["", t("refresh.job.report", lang, path=job.report)]
    return "\n".join(lines) + "\n"


def payload(name: str, now: dt.datetime, checks: list[Check], text: str, job: Job) -> dict:
    """The webhook's JSON body; ``text`` is the summary (Slack and Teams incoming webhooks show it as is)."""
    return {
        "status": "breached" if any(c.breached for c in checks) else "ok",
        "source": name,
        "run_at": now.isoformat(),
        "checks": [
            {
                "segment": c.segment,
                "kpi": c.target.kpi,
                "target": c.target.text,
                "value": c.value,
                "holds": c.holds,
                "missing": c.missing,
            }
            for c in checks
        ],
        "report": str(job.report) if job.report else None,
        "text": text,
    }


def notify(url: str, body: dict) -> None:
    """POST ``body`` as JSON; raises ``JobError`` when the server does not answer 2xx."""
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    if not 200 <= status < 300:
        raise JobError(f"webhook {url} answered {status}")


def _load(args: argparse.Namespace) -> tuple[EventLog, Settings, str]:
    if not exists(args.file):
        raise JobError(f"no such file or dataset folder: {args.file}")
    data, name = read_input(args.file)
    result = load_with_columns(args, data, name)
    if result.log is None:
        problems = "; ".join(f"{i['message']} Fix: {i['fix']}" for i in result.report.to_records())
        raise JobError(f"{args.file} cannot be analysed: {problems}")
    log = mapped_log(result.log, args.activity_map, data, name)
    rules, _ = read_rules_sheet(data, name)
    costs, _ = read_cost_sheet(data, name)
    return log, Settings(rules=rules if rules is not None else DEFAULT_RULES, costs=costs), name


def _worse(segment: str, before, after, lang: Language) -> list[str]:
    table = compare_snapshots(before, after)
    lines = []
    for row in table[table["verdict"] == "worse"].itertuples():
        unit = KPIS[row.key].unit
        lines.append(
            t(
                "refresh.job.worse_line",
                lang,
                segment=segment,
                kpi=row.key,
                value=format_value(row.b, unit, after.currency),
                change=format_delta(row.delta, row.pct_change, unit, after.currency, lang),
                time=f"{before.created_at:%Y-%m-%d %H:%M}",
            )
        )
    return lines


def _write_report(job: Job, log: EventLog, settings: Settings, name: str) -> None:
    assert job.report is not None
    fmt = FORMATS.get(job.report.suffix.lower())
    if fmt is None:
        raise JobError(f"--report {job.report}: write .html or .xlsx")
    view = log.view()
    text = Filters().describe(view.n_cases, log.n_cases, job.lang)
    if fmt == "html":
        from o2c.report.html import html_report  # noqa: PLC0415 - one renderer per run

        job.report.write_text(html_report(view, settings, job.lang, text, name), encoding="utf-8")
    else:
        from o2c.report.xlsx import excel_report  # noqa: PLC0415

        job.report.write_bytes(excel_report(view, settings, job.lang, text, name))


def _refreshed(path: Path) -> str | None:
    return read_state(path).refreshed_at if is_dataset(path) else None


def _strings(config: dict, key: str) -> list[str]:
    value = config.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise JobError(f"{key} in the config file must be a list of strings")
    return list(value)


def _day(ns: int) -> str:
    return f"{dt.datetime.fromtimestamp(int(ns) / 1e9, dt.UTC):%Y-%m-%d}"


def _text(error: BaseException) -> str:
    if isinstance(error, FixableError):
        return f"{error.message} {error.fix}"
    return str(error)
