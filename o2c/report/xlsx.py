"""The Excel report: one workbook formatted for reading, one sheet per section, numbers finance can compute with.

Durations are numbers of days and shares are fractions shown as percentages, so every value stays a number.
Every cell is formula-safe: text passes through ``neutralise`` and is stored as text.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from o2c.export import neutralise, neutralise_formulas
from o2c.i18n import Language, t
from o2c.improve.settings import Settings
from o2c.log.eventlog import LogView
from o2c.monitor.kpis import CATALOGUE
from o2c.monitor.monitoring import open_share
from o2c.report.content import (
    VIOLATIONS_PER_RULE,
    ReportContent,
    is_missing,
    kpi_note,
    kpi_number,
    not_applicable_text,
    report_content,
    unit_label,
    violation_header,
)

PERCENT = "0.0%"
DAYS = "#,##0.0"
COUNT = "#,##0"
MONEY = "#,##0.00"
MONTH = "yyyy-mm"
STAMP = "yyyy-mm-dd hh:mm"
_UNIT_FORMATS = {"orders": COUNT, "seconds": DAYS, "share": PERCENT, "money": MONEY}

_NAVY = "1F3A5F"
_TITLE = Font(bold=True, size=16, color=_NAVY)
_SUBTITLE = Font(bold=True, size=12, color=_NAVY)
_LABEL_INLINE = InlineFont(b=True, color="555555")
_NOTE = Font(italic=True, color="666666")
_HEADER = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="2F5D8A")
_BAND_FILL = PatternFill("solid", fgColor="F2F6FA")
_RULE = Border(bottom=Side(style="thin", color="B7C4D1"))
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")


@dataclass(frozen=True)
class Column:
    """One column of a table: the frame's column, its header, number format and width (characters)."""

    key: str
    header: str
    number_format: str | None = None
    width: float = 14
    wrap: bool = False


def excel_report(
    view: LogView, settings: Settings = Settings(), lang: Language = "en", filter_text: str = "", source_name: str = ""
) -> bytes:
    """The Excel report of the selected orders: sheets Summary, Trends, Variants, Bottlenecks, Violations and
    Backlog (names translated), each with a title block and a bold frozen header."""
    return excel_from_content(report_content(view, settings, lang, filter_text, source_name))


def excel_from_content(content: ReportContent) -> bytes:
    """The Excel report of already computed content (the HTML report can share it)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    _summary(workbook.create_sheet(_sheet_name("summary", content.lang)), content)
    _trends(workbook.create_sheet(_sheet_name("trends", content.lang)), content)
    _variants(workbook.create_sheet(_sheet_name("variants", content.lang)), content)
    _bottlenecks(workbook.create_sheet(_sheet_name("bottlenecks", content.lang)), content)
    _violations(workbook.create_sheet(_sheet_name("violations", content.lang)), content)
    _backlog(workbook.create_sheet(_sheet_name("backlog", content.lang)), content)
    for sheet in workbook.worksheets:  # printed: landscape, as wide as the page
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    workbook.properties.title = t("report.title", content.lang)
    workbook.properties.creator = "O2C Explorer"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_name(key: str, lang: Language) -> str:
    return t(f"report.sheet.{key}", lang)[:31]


# --- sheets ----------------------------------------------------------------------------------------------------


def _summary(sheet: Worksheet, content: ReportContent) -> None:
    lang = content.lang
    row = _title_block(sheet, content, t("report.section.kpis", lang), full=True)
    rows = pd.DataFrame(
        {
            "kpi": [v.label(lang) for v in content.kpis],
            "value": [kpi_number(v) for v in content.kpis],
            "unit": [unit_label(v.kpi.unit, lang, content.currency) for v in content.kpis],
            "judged": [v.judged if v.missing is None else None for v in content.kpis],
            "formula": [v.kpi.formula(lang) for v in content.kpis],
            "note": [kpi_note(v, lang) for v in content.kpis],
        }
    )
    columns = [
        Column("kpi", t("report.col.kpi", lang), width=34),
        Column("value", t("report.col.value", lang), width=13),
        Column("unit", t("report.col.unit", lang), width=9),
        Column("judged", t("report.col.judged", lang), COUNT, width=12),
        Column("formula", t("report.col.formula", lang), width=80, wrap=True),
        Column("note", t("report.col.note", lang), width=28, wrap=True),
    ]
    formats = [_UNIT_FORMATS[v.kpi.unit] for v in content.kpis]
    _table(sheet, row, rows, columns, row_formats={"value": formats})


def _trends(sheet: Worksheet, content: ReportContent) -> None:
    lang = content.lang
    row = _title_block(sheet, content, t("report.section.trends", lang), note=t("report.trends.note", lang))
    trend = content.trend.assign(still_open=open_share(content.trend)) if not content.trend.empty else content.trend
    columns = [Column("period", t("report.col.month", lang), MONTH, width=10)]
    if "still_open" in trend:  # months with many open orders will still change
        columns.append(Column("still_open", t("report.col.still_open", lang), _UNIT_FORMATS["share"], width=11))
    for kpi in CATALOGUE:
        if kpi.key in trend:
            header = f"{kpi.name(lang)} ({unit_label(kpi.unit, lang, content.currency)})"
            columns.append(Column(kpi.key, header, _UNIT_FORMATS[kpi.unit], width=13))
    _table(sheet, row, trend, columns, header_height=60)


def _variants(sheet: Worksheet, content: ReportContent) -> None:
    lang = content.lang
    note = t("report.variants.note", lang, shown=len(content.variants), total=content.n_variants)
    row = _title_block(sheet, content, t("report.section.variants", lang), note=note)
    columns = [
        Column("rank", t("report.col.rank", lang), COUNT, width=7),
        Column("orders", t("report.col.orders", lang), COUNT, width=9),
        Column("share", t("report.col.share", lang), PERCENT, width=9),
        Column("cumulative_share", t("report.col.cumulative_share", lang), PERCENT, width=12),
        Column("median_days", t("report.col.median_days", lang), DAYS, width=11),
        Column("p90_days", t("report.col.p90_days", lang), DAYS, width=13),
        Column("steps", t("report.col.steps", lang), COUNT, width=7),
        Column("path", t("report.col.path", lang), width=110, wrap=True),
    ]
    _table(sheet, row, content.variants, columns, header_height=32)


def _bottlenecks(sheet: Worksheet, content: ReportContent) -> None:
    lang = content.lang
    note = t("report.bottlenecks.note", lang, shown=len(content.bottlenecks), total=content.n_transitions)
    row = _title_block(sheet, content, t("report.section.bottlenecks", lang), note=note)
    columns = [
        Column("source", t("report.col.source", lang), width=26),
        Column("target", t("report.col.target", lang), width=26),
        Column("count", t("report.col.count", lang), COUNT, width=9),
        Column("total_days", t("report.col.total_days", lang), DAYS, width=12),
        Column("share", t("report.col.wait_share", lang), PERCENT, width=11),
        Column("median_days", t("report.col.median_days", lang), DAYS, width=11),
        Column("p90_days", t("report.col.p90_days", lang), DAYS, width=13),
    ]
    _table(sheet, row, content.bottlenecks, columns, header_height=32)


def _violations(sheet: Worksheet, content: ReportContent) -> None:
    lang = content.lang
    row = _title_block(sheet, content, t("report.section.violations", lang))
    rules = content.rules[content.rules["evaluated"]]
    # Both tables start with the rule and its severity, so the columns they share keep one width.
    rule_columns = [
        Column("rule", t("report.col.rule", lang), width=30),
        Column("severity", t("report.col.severity", lang), width=11),
        Column("orders", t("report.col.orders", lang), COUNT, width=10),
        Column("share", t("report.col.share", lang), PERCENT, width=10),
        Column("last", t("report.col.last", lang), STAMP, width=17),
        Column("description", t("report.col.description", lang), width=30, wrap=True),
    ]
    _heading(sheet, row, t("report.violations.rules", lang))
    row = _table(sheet, row + 1, rules, rule_columns, freeze=False) + 1
    skipped = not_applicable_text(content)
    if skipped:
        _note(sheet, row, skipped)
        row += 2
    shown = len(content.violations)
    if shown == 0:
        _note(sheet, row, t("report.violations.none", lang))
        return
    _heading(
        sheet,
        row,
        t("report.violations.first", lang, per_rule=VIOLATIONS_PER_RULE, shown=shown, total=content.n_violations),
    )
    first = ["Rule", "Severity", "When (UTC)"]
    names = first + [c for c in content.violations.columns if c not in first and c != "Details"] + ["Details"]
    widths = {"Rule": 30, "Severity": 11, "When (UTC)": 17, "Account": 30, "Details": 80}
    columns = [
        Column(
            name,
            violation_header(name, lang),
            STAMP if name == "When (UTC)" else None,
            width=widths.get(name, 20),
            wrap=name in ("Details", "Account"),
        )
        for name in names
    ]
    violations = content.violations.assign(**{"When (UTC)": pd.to_datetime(content.violations["When (UTC)"])})
    _table(sheet, row + 1, violations, columns, freeze=False, widths=False)


def _backlog(sheet: Worksheet, content: ReportContent) -> None:
    lang = content.lang
    row = _title_block(sheet, content, t("report.section.backlog", lang), note=t("report.backlog.note", lang))
    if content.backlog.empty:
        _note(sheet, row, t("report.backlog.none", lang))
        return
    columns = [
        Column("rank", t("report.col.rank", lang), COUNT, width=7),
        Column("kind", t("report.col.kind", lang), width=14),
        Column("title", t("report.col.title", lang), width=44, wrap=True),
        Column("evidence", t("report.col.evidence", lang), width=80, wrap=True),
        Column("orders", t("report.col.orders", lang), COUNT, width=9),
        Column("gain_days", t("report.col.gain_days", lang), DAYS, width=12),
        Column("gain_cost", t("report.col.gain_cost", lang, currency=content.currency), MONEY, width=12),
    ]
    _table(sheet, row, content.backlog, columns, header_height=32)


# --- building blocks -------------------------------------------------------------------------------------------


def _title_block(sheet: Worksheet, content: ReportContent, section: str, note: str = "", full: bool = False) -> int:
    """The report title, the section, where the data comes from and when; returns the first free row."""
    lang = content.lang
    _put(sheet.cell(1, 1), f"{t('report.title', lang)}: {section}").font = _TITLE
    size = t("report.size", lang, orders=content.orders, events=content.events)
    lines = [(t("report.filters", lang), f"{content.filter_text} ({size})"), (t("report.dates", lang), _dates(content))]
    if full:
        lines = [
            (t("report.source", lang), content.source_name or "–"),
            *lines,
            (t("report.generated", lang), content.generated.strftime("%Y-%m-%d %H:%M UTC")),
        ]
    row = 2
    for label, value in lines:
        # One cell per line, so the text flows over the (narrow) table columns next to it.
        text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
        sheet.cell(row, 1).value = CellRichText(TextBlock(_LABEL_INLINE, f"{label}: "), text)
        row += 1
    if note:
        _note(sheet, row, note)
        row += 1
    return row + 1


def _dates(content: ReportContent) -> str:
    if content.start is None:
        return "–"
    return t("report.dates.value", content.lang, start=f"{content.start:%Y-%m-%d}", end=f"{content.end:%Y-%m-%d}")


def _heading(sheet: Worksheet, row: int, text: str) -> None:
    _put(sheet.cell(row, 1), text).font = _SUBTITLE


def _note(sheet: Worksheet, row: int, text: str) -> None:
    _put(sheet.cell(row, 1), text).font = _NOTE


def _table(
    sheet: Worksheet,
    row: int,
    frame: pd.DataFrame,
    columns: list[Column],
    freeze: bool = True,
    widths: bool = True,
    header_height: float | None = None,
    row_formats: dict[str, list[str]] | None = None,
) -> int:
    """Write ``frame`` (the listed columns) with a styled header at ``row``; returns the row after the table."""
    safe = neutralise_formulas(frame[[c.key for c in columns]].reset_index(drop=True))
    for i, column in enumerate(columns, 1):
        cell = _put(sheet.cell(row, i), column.header)
        cell.font, cell.fill, cell.alignment = _HEADER, _HEADER_FILL, Alignment(wrap_text=True, vertical="center")
        letter = get_column_letter(i)
        if widths or (sheet.column_dimensions[letter].width or 0) < column.width:
            sheet.column_dimensions[letter].width = column.width
    if header_height:
        sheet.row_dimensions[row].height = header_height
    formats = row_formats or {}
    for r, values in enumerate(safe.itertuples(index=False, name=None)):  # report tables: tens to hundreds of rows
        for i, (column, value) in enumerate(zip(columns, values), 1):
            cell = _put(sheet.cell(row + 1 + r, i), value)
            cell.number_format = formats[column.key][r] if column.key in formats else column.number_format or "General"
            cell.alignment = _WRAP if column.wrap else _TOP
            cell.border = _RULE
            if r % 2:
                cell.fill = _BAND_FILL
    if freeze:
        sheet.freeze_panes = sheet.cell(row + 1, 1)
    return row + 1 + len(safe)


def _put(cell, value: object):
    """Set a cell: numbers and dates as themselves (naive UTC), text formula-safe and stored as text."""
    if is_missing(value):
        cell.value = None
        return cell
    if isinstance(value, pd.Timestamp):
        value = (value.tz_convert("UTC").tz_localize(None) if value.tzinfo else value).to_pydatetime()
    elif hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", neutralise(value))
        cell.data_type = "s"  # never a formula, whatever the text
        return cell
    cell.value = value
    return cell
