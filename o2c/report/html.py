"""The HTML report: one self-contained, printable page (inline CSS and SVG, no request leaves the file).

Trend charts are small SVG line charts drawn here; the process map is Graphviz's SVG when the ``dot`` program is
installed, else its busiest paths as a table with a note. Every user string goes through ``escape_html``.
"""

from __future__ import annotations

import math
import re
import shutil
from collections.abc import Callable, Sequence
from typing import SupportsFloat, cast

import numpy as np
import pandas as pd

from o2c.discover.dot import process_map_dot
from o2c.discover.process_map import detailed_map
from o2c.export import escape_html
from o2c.format import format_duration
from o2c.i18n import Language, t
from o2c.improve.settings import Settings
from o2c.log.eventlog import LogView
from o2c.monitor.kpis import CATALOGUE
from o2c.monitor.monitoring import STILL_OPEN, open_share
from o2c.report.content import (
    ReportContent,
    is_missing,
    kpi_note,
    kpi_text,
    not_applicable_text,
    report_content,
    violation_header,
)

MAP_PATH_SHARE = 0.3  # as the Process map page opens: the main flow plus the strongest detours
VIOLATIONS_PER_RULE = 3
# The violation columns worth a printed page: the order, its account, the rule, when and why.
VIOLATION_COLUMNS = ("Order Number", "Account", "Rule", "When (UTC)", "Details")
Cell = Callable[[object], str]


def html_report(
    view: LogView, settings: Settings = Settings(), lang: Language = "en", filter_text: str = "", source_name: str = ""
) -> str:
    """The HTML report of the selected orders: header, KPI cards with formulas, trends, process map, variants,
    bottlenecks, violations and the improvement backlog."""
    return html_from_content(report_content(view, settings, lang, filter_text, source_name), view)


def html_from_content(content: ReportContent, view: LogView) -> str:
    """The HTML report of already computed content; ``view`` gives the process map."""
    lang = content.lang
    sections = [
        _section("kpis", t("report.section.kpis", lang), _kpi_cards(content)),
        _section("trends", t("report.section.trends", lang), _trends(content), t("report.trends.note", lang)),
        _section("map", t("report.section.map", lang), *_process_map(view, lang)),
        _section(
            "variants",
            t("report.section.variants", lang),
            _variants(content),
            t("report.variants.note", lang, shown=len(content.variants), total=content.n_variants),
        ),
        _section(
            "bottlenecks",
            t("report.section.bottlenecks", lang),
            _bottlenecks(content),
            t("report.bottlenecks.note", lang, shown=len(content.bottlenecks), total=content.n_transitions),
        ),
        _section("violations", t("report.section.violations", lang), _violations(content)),
        _section("backlog", t("report.section.backlog", lang), _backlog(content), t("report.backlog.note", lang)),
    ]
    title = escape_html(t("report.title", lang))
    return (
        f'<!DOCTYPE html>\n<html lang="{t("report.html_lang", lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{title}</title>\n'
        f"<style>{_CSS}</style>\n</head>\n<body>\n<main>\n{_header(content)}\n"
        + "\n".join(sections)
        + f"\n<footer>{escape_html(t('report.footer', lang))}</footer>\n</main>\n</body>\n</html>\n"
    )


# --- sections ----------------------------------------------------------------------------------------------------


def _header(content: ReportContent) -> str:
    lang = content.lang
    dates = (
        "–"
        if content.start is None
        else t("report.dates.value", lang, start=f"{content.start:%Y-%m-%d}", end=f"{content.end:%Y-%m-%d}")
    )
    rows = [
        (t("report.source", lang), content.source_name or "–"),
        (t("report.filters", lang), content.filter_text),
        ("", t("report.size", lang, orders=content.orders, events=content.events)),
        (t("report.dates", lang), dates),
        (t("report.generated", lang), content.generated.strftime("%Y-%m-%d %H:%M UTC")),
    ]
    items = "".join(f"<dt>{escape_html(label)}</dt><dd>{escape_html(value)}</dd>" for label, value in rows)
    return f'<header><h1>{escape_html(t("report.title", lang))}</h1><dl class="meta">{items}</dl></header>'


def _section(key: str, heading: str, body: str, note: str = "") -> str:
    caption = f'<p class="note">{escape_html(note)}</p>' if note else ""
    return f'<section id="{key}"><h2>{escape_html(heading)}</h2>{caption}{body}</section>'


def _kpi_cards(content: ReportContent) -> str:
    lang = content.lang
    cards = []
    for value in content.kpis:
        missing = value.missing is not None or value.value is None
        judged = "" if missing or value.kpi.aggregate == "count" else t("report.kpi.judged", lang, orders=value.judged)
        shown = kpi_note(value, lang) if missing else kpi_text(value, lang, content.currency)
        cards.append(
            f'<div class="card{" missing" if missing else ""}" data-kpi="{value.kpi.key}">'
            f'<div class="kpi-name">{escape_html(value.label(lang))}</div>'
            f'<div class="kpi-value">{escape_html(shown)}</div>'
            f'<div class="kpi-judged">{escape_html(judged)}</div>'
            f'<div class="kpi-formula">{escape_html(value.kpi.formula(lang))}</div></div>'
        )
    return f'<div class="cards">{"".join(cards)}</div>'


def _trends(content: ReportContent) -> str:
    trend = content.trend
    if trend.empty:
        return ""
    months = pd.DatetimeIndex(trend["period"]).strftime("%Y-%m").tolist()
    # Months whose orders are still partly open will change (slow payers are missing): drawn hollow, and the
    # figure in each chart's corner is the latest settled month.
    unsettled = (open_share(trend) >= STILL_OPEN).to_numpy()
    charts = []
    for kpi in CATALOGUE:
        if kpi.key not in trend or trend[kpi.key].isna().all():
            continue
        values = trend[kpi.key].to_numpy(dtype=float)
        text = _unit_text(kpi.unit, content.currency)
        settled = values[~np.isnan(values) & ~unsettled]
        latest = settled[-1] if settled.size else values[~np.isnan(values)][-1]
        charts.append(
            f'<figure class="chart"><figcaption><span>{escape_html(kpi.name(content.lang))}</span>'
            f"<b>{escape_html(text(latest))}</b></figcaption>"
            f"{line_chart(months, values, text, bars=kpi.unit == 'orders', unsettled=unsettled)}</figure>"
        )
    settled_months = [m for m, u in zip(months, unsettled) if not u]
    note = (
        t(
            "report.trend.unsettled",
            content.lang,
            share=STILL_OPEN,
            month=settled_months[-1] if settled_months else months[-1],
        )
        if unsettled.any()
        else ""
    )
    return (f'<p class="note">{escape_html(note)}</p>' if note else "") + f'<div class="charts">{"".join(charts)}</div>'


def _process_map(view: LogView, lang: Language) -> tuple[str, str]:
    """The map's body and its note: Graphviz SVG, or the busiest paths as a table when ``dot`` is missing."""
    shown, full = detailed_map(view, 1.0, MAP_PATH_SHARE, statistics=("median",))
    note = t(
        "report.map.note",
        lang,
        activities=len(shown.activities),
        all_activities=len(full.activities),
        paths=len(shown.edges),
        all_paths=len(full.edges),
    )
    svg = render_svg(process_map_dot(shown, "events", lang)) if shutil.which("dot") else None
    if svg is not None:
        return f'<figure class="map">{svg}</figure>', note
    edges = full.edges[(full.edges["source"] >= 0) & (full.edges["target"] >= 0)]
    edges = edges.sort_values(["count", "source", "target"], ascending=[False, True, True]).head(15)
    names = view.log.activity_names
    table = pd.DataFrame(
        {
            "source": [names[s] for s in edges["source"]],
            "target": [names[s] for s in edges["target"]],
            "count": edges["count"].to_numpy(),
            "median": edges["median_seconds"].to_numpy(),
        }
    )
    body = _table(
        table,
        [
            ("source", t("report.col.source", lang), _text),
            ("target", t("report.col.target", lang), _text),
            ("count", t("report.col.count", lang), _count),
            ("median", t("report.col.median_days", lang), _days),
        ],
    )
    fallback = t("report.map.failed" if shutil.which("dot") else "report.map.fallback", lang)
    return f'<p class="fallback">{escape_html(fallback)}</p>{body}', note


def render_svg(dot: str) -> str | None:
    """Graphviz's SVG for ``dot`` made fit to inline: no XML prolog, DOCTYPE or namespace URLs, scaled by CSS;
    None when Graphviz cannot render it."""
    import graphviz  # noqa: PLC0415 - only when a map is drawn

    try:
        svg = graphviz.Source(dot).pipe(format="svg").decode("utf-8")
    except (graphviz.ExecutableNotFound, graphviz.CalledProcessError, OSError):
        return None
    svg = svg[svg.index("<svg") :]
    opening = svg[: svg.index(">") + 1]
    # HTML gives inline <svg> its namespace; width and height in pt would stop the map scaling to the page.
    cleaned = re.sub(r'\s(?:xmlns(?::\w+)?|width|height)="[^"]*"', "", opening)
    cleaned = cleaned.replace("<svg", '<svg class="process-map" role="img"', 1)
    return cleaned + svg[len(opening) :]


def _variants(content: ReportContent) -> str:
    lang = content.lang
    return _table(
        content.variants,
        [
            ("rank", "#", _count),
            ("orders", t("report.col.orders", lang), _count),
            ("share", t("report.col.share", lang), _bar),
            ("median_days", t("report.col.median_days", lang), _days),
            ("p90_days", t("report.col.p90_days", lang), _days),
            ("short_path", t("report.col.path", lang), _text),
        ],
        css={"short_path": "wide"},
    )


def _bottlenecks(content: ReportContent) -> str:
    lang = content.lang
    return _table(
        content.bottlenecks,
        [
            ("source", t("report.col.source", lang), _text),
            ("target", t("report.col.target", lang), _text),
            ("count", t("report.col.count", lang), _count),
            ("total_days", t("report.col.total_days", lang), _days),
            ("share", t("report.col.wait_share", lang), _bar),
            ("median_days", t("report.col.median_days", lang), _days),
            ("p90_days", t("report.col.p90_days", lang), _days),
        ],
    )


def _violations(content: ReportContent) -> str:
    lang = content.lang
    rules = content.rules[content.rules["evaluated"]]
    parts = [
        f"<h3>{escape_html(t('report.violations.rules', lang))}</h3>",
        _table(
            rules,
            [
                ("rule", t("report.col.rule", lang), _text),
                ("severity", t("report.col.severity", lang), lambda value: _severity(value, lang)),
                ("orders", t("report.col.orders", lang), _count),
                ("share", t("report.col.share", lang), _bar),
                ("last", t("report.col.last", lang), _stamp),
                ("description", t("report.col.description", lang), _text),
            ],
            css={"description": "wide", "last": "nowrap"},
        ),
    ]
    skipped = not_applicable_text(content)
    if skipped:
        parts.append(f'<p class="note">{escape_html(skipped)}</p>')
    first = content.violations.groupby("Rule", sort=False).head(VIOLATIONS_PER_RULE)
    if first.empty:
        parts.append(f'<p class="note">{escape_html(t("report.violations.none", lang))}</p>')
    else:
        shown = t(
            "report.violations.first", lang, per_rule=VIOLATIONS_PER_RULE, shown=len(first), total=content.n_violations
        )
        parts.append(f"<h3>{escape_html(shown)}</h3>")
        order = "Order Number" if "Order Number" in first else "Salesforce Order Id"
        columns = [(c, violation_header(c, lang), _text) for c in (order, *VIOLATION_COLUMNS[1:]) if c in first]
        parts.append(
            _table(first, columns, css={"Details": "wide", "When (UTC)": "nowrap", order: "nowrap"}, small=True)
        )
    return "".join(parts)


def _backlog(content: ReportContent) -> str:
    lang = content.lang
    if content.backlog.empty:
        return f'<p class="note">{escape_html(t("report.backlog.none", lang))}</p>'
    return _table(
        content.backlog,
        [
            ("rank", "#", _count),
            ("kind", t("report.col.kind", lang), _text),
            ("title", t("report.col.title", lang), _strong),
            ("evidence", t("report.col.evidence", lang), _text),
            ("orders", t("report.col.orders", lang), _count),
            ("gain_days", t("report.col.gain_days", lang), _count),
            ("gain_cost", t("report.col.gain_cost", lang, currency=content.currency), _money),
        ],
        css={"evidence": "wide", "title": "title"},
    )


# --- tables ------------------------------------------------------------------------------------------------------


def _table(
    frame: pd.DataFrame,
    columns: Sequence[tuple[str, str, Cell]],
    css: dict[str, str] | None = None,
    small: bool = False,
) -> str:
    """An HTML table of ``frame``'s listed columns: (key, header, cell formatter returning escaped HTML); ``css``
    gives some columns a class ("wide", "nowrap", "title"); number columns are right-aligned."""
    css = css or {}
    numeric = {key for key, _, cell in columns if cell in _NUMERIC}
    head = "".join(
        f"<th{' class=num' if key in numeric else ''}>{escape_html(header)}</th>" for key, header, _ in columns
    )
    rows = []
    for record in frame[[key for key, _, _ in columns]].itertuples(index=False, name=None):  # report rows: tens
        cells = []
        for (key, _, cell), value in zip(columns, record):
            style = "num" if key in numeric else css.get(key, "")
            cells.append(f"<td{f' class={style}' if style else ''}>{cell(value)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f"<table{' class=small' if small else ''}><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _text(value: object) -> str:
    return "" if is_missing(value) else escape_html(value)


def _strong(value: object) -> str:
    return f"<strong>{_text(value)}</strong>"


def _number(value: object) -> float:
    """A cell of a numeric column (a missing one is handled before)."""
    return float(cast(SupportsFloat, value))


def _count(value: object) -> str:
    return "–" if is_missing(value) else f"{_number(value):,.0f}"


def _days(value: object) -> str:
    return "–" if is_missing(value) else f"{_number(value):,.1f}"


def _money(value: object) -> str:
    return "–" if is_missing(value) else f"{_number(value):,.0f}"


def _bar(value: object) -> str:
    if is_missing(value):
        return "–"
    share = _number(value)
    return f'<span class="bar" style="width:{min(max(share, 0), 1) * 60:.0f}px"></span>{share:.1%}'


def _stamp(value: object) -> str:
    return "–" if is_missing(value) else escape_html(f"{pd.Timestamp(value):%Y-%m-%d %H:%M}")


def _severity(value: object, lang: Language = "en") -> str:
    """A rule's severity in ``lang``, coloured by its level (the CSS class keeps the level's key)."""
    text = _text(value)
    if text not in ("high", "medium", "low"):
        return text
    return f'<span class="sev sev-{text}">{escape_html(t(f"conformance.severity.{text}", lang))}</span>'


_NUMERIC = (_count, _days, _money, _bar)


# --- charts ------------------------------------------------------------------------------------------------------


def _unit_text(unit: str, currency: str) -> Callable[[float], str]:
    """How a trend value reads: orders as counts, durations (in days) as the app writes them, shares in %."""
    if unit == "orders":
        return lambda v: f"{v:,.0f}"
    if unit == "seconds":
        return lambda v: format_duration(v * 86_400)
    if unit == "share":
        return lambda v: f"{v:.0%}" if v in (0, 1) else f"{v:.1%}"
    return lambda v: f"{v:,.2f} {currency}"


def line_chart(
    labels: Sequence[str],
    values: np.ndarray,
    text: Callable[[float], str],
    bars: bool = False,
    width: int = 300,
    height: int = 120,
    unsettled: np.ndarray | None = None,
) -> str:
    """A small inline SVG chart of ``values`` over ``labels`` (gaps at NaN): a line with points, or bars; the
    lowest and highest value on the left, the first and last label below. ``unsettled`` points (values that
    will still change) are drawn hollow and joined by dashes."""
    left, right, top, bottom = 46, 8, 8, 18
    plot_w, plot_h = width - left - right, height - top - bottom
    unsettled = np.zeros(len(values), dtype=bool) if unsettled is None else unsettled
    known = values[~np.isnan(values)]
    low, high = (0.0, float(known.max())) if bars else (float(known.min()), float(known.max()))
    if high - low < 1e-12:  # a flat line: give it room without crossing zero for values that cannot
        pad = abs(high) * 0.1 or 1.0
        low, high = (0.0, max(high, 1.0)) if bars else (max(low - pad, 0.0) if low >= 0 else low - pad, high + pad)
    n = len(values)
    step = plot_w / max(n, 1)

    def x(i: int) -> float:
        return left + step * (i + 0.5)

    def y(v: float) -> float:
        return top + plot_h * (1 - (v - low) / (high - low))

    def title(i: int) -> str:
        return f"<title>{escape_html(labels[i])}: {escape_html(text(values[i]))}</title>"

    parts = [
        f'<svg class="spark" viewBox="0 0 {width} {height}" role="img">',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" class="axis"/>',
        f'<line x1="{left}" y1="{top}" x2="{width - right}" y2="{top}" class="grid"/>',
        f'<text x="{left - 4}" y="{top + 4}" class="ylab">{escape_html(text(high))}</text>',
        f'<text x="{left - 4}" y="{top + plot_h}" class="ylab">{escape_html(text(low))}</text>',
        f'<text x="{left}" y="{height - 4}" class="xlab">{escape_html(labels[0])}</text>',
        f'<text x="{width - right}" y="{height - 4}" class="xlab end">{escape_html(labels[-1])}</text>',
    ]
    if bars:
        for i, v in enumerate(values):
            if not math.isnan(v):
                kind = "barmark open" if unsettled[i] else "barmark"
                parts.append(
                    f'<rect x="{x(i) - step * 0.35:.1f}" y="{y(v):.1f}" width="{step * 0.7:.1f}" '
                    f'height="{top + plot_h - y(v):.1f}" class="{kind}">{title(i)}</rect>'
                )
        return "".join(parts) + "</svg>"
    for i in range(n - 1):  # one segment per month, so a segment into an unsettled month can be dashed
        if not (math.isnan(values[i]) or math.isnan(values[i + 1])):
            kind = "line open" if unsettled[i] or unsettled[i + 1] else "line"
            parts.append(
                f'<line x1="{x(i):.1f}" y1="{y(values[i]):.1f}" x2="{x(i + 1):.1f}" '
                f'y2="{y(values[i + 1]):.1f}" class="{kind}"/>'
            )
    parts += [
        f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="2.2" class="{"dot open" if unsettled[i] else "dot"}">'
        f"{title(i)}</circle>"
        for i, v in enumerate(values)
        if not math.isnan(v)
    ]
    return "".join(parts) + "</svg>"


_CSS = """
:root { --ink: #1f2933; --muted: #5f6b7a; --line: #d9e0e8; --accent: #2f5d8a; --soft: #f3f6f9; }
* { box-sizing: border-box; }
body { margin: 0; background: #eef1f4; color: var(--ink); print-color-adjust: exact; -webkit-print-color-adjust: exact;
  font: 13px/1.45 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "PingFang SC", "Microsoft YaHei",
  "Noto Sans CJK SC", sans-serif; }
main { max-width: 210mm; margin: 16px auto; background: white; padding: 14mm 13mm; box-shadow: 0 1px 4px #0002; }
h1 { font-size: 24px; margin: 0 0 8px; color: var(--accent); }
h2 { font-size: 17px; margin: 26px 0 4px; padding-bottom: 3px; border-bottom: 2px solid var(--accent);
  color: var(--accent); break-after: avoid; }
h3 { font-size: 13px; margin: 14px 0 4px; break-after: avoid; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 1px 12px; margin: 0; color: var(--muted); }
.meta dt { font-weight: 600; } .meta dd { margin: 0; color: var(--ink); }
.note { color: var(--muted); margin: 2px 0 8px; font-size: 12px; }
.cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 8px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; break-inside: avoid; }
.card.missing { background: var(--soft); }
.kpi-name { font-weight: 600; font-size: 12px; }
.kpi-value { font-size: 21px; font-weight: 650; color: var(--accent); margin: 1px 0; }
.card.missing .kpi-value { font-size: 13px; color: #a05a00; font-weight: 500; }
.kpi-judged { font-size: 11px; color: var(--muted); min-height: 1em; }
.kpi-formula { font-size: 11px; color: var(--muted); margin-top: 4px; }
.charts { display: grid; grid-template-columns: repeat(3, 1fr); gap: 8px; }
.chart { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 6px 8px 2px; break-inside: avoid; }
.chart figcaption { display: flex; justify-content: space-between; gap: 6px; font-size: 11.5px; font-weight: 600; }
.chart figcaption b { color: var(--accent); white-space: nowrap; }
.spark { width: 100%; height: auto; display: block; }
.spark .axis { stroke: #9aa5b1; stroke-width: 1; } .spark .grid { stroke: #e6ebf0; stroke-dasharray: 3 3; }
.spark .line { fill: none; stroke: var(--accent); stroke-width: 1.8; } .spark .dot { fill: var(--accent); }
.spark .barmark { fill: #8fb0d3; } .spark .barmark.open { fill: #d6e2ef; }
.spark .line.open { stroke-dasharray: 3 3; } .spark .dot.open { fill: white; stroke: var(--accent); stroke-width: 1.2; }
.spark text { font-size: 9.5px; fill: var(--muted); } .spark .ylab { text-anchor: end; }
.spark .xlab.end { text-anchor: end; }
.map { margin: 4px 0; text-align: center; }
.process-map { max-width: 100%; max-height: 235mm; width: auto; height: auto; }
.fallback { background: #fff6e5; border-left: 3px solid #d08c00; padding: 6px 10px; }
table { width: 100%; border-collapse: collapse; margin: 4px 0 8px; font-size: 12px; }
table.small { font-size: 11px; }
th { text-align: left; background: var(--soft); color: var(--muted); font-weight: 600; padding: 5px 6px;
  border-bottom: 1px solid var(--line); }
td { padding: 4px 6px; border-bottom: 1px solid #edf0f3; vertical-align: top; }
tr { break-inside: avoid; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; position: relative; }
th.num { white-space: normal; }
td.wide { width: 42%; } td.nowrap { white-space: nowrap; } td.title { min-width: 150px; }
.bar { display: inline-block; height: 8px; background: #b9cde2; margin-right: 6px;
  vertical-align: middle; border-radius: 2px; }
.sev { padding: 0 6px; border-radius: 8px; font-size: 11px; }
.sev-high { background: #fde2e1; color: #a12622; } .sev-medium { background: #fff0d6; color: #8a5a00; }
.sev-low { background: #e7f1e9; color: #2f6b3b; }
footer { margin-top: 24px; color: var(--muted); font-size: 11px; border-top: 1px solid var(--line); padding-top: 6px; }
@page { size: A4; margin: 12mm; }
@media print {
  body { background: white; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  #map { break-before: page; }
  section { break-inside: auto; }
}
"""
