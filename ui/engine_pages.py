"""A large source opened through DuckDB or Spark (``O2C_EXPLORER_SOURCES``): the Data page's list, the sidebar
filters, and the Overview, Process map, Variants, Cycle times and Monitoring pages computed by its engine.

Pages call ``engine_page(name)`` first and stop when it returns True; every other page calls
``block_without_memory`` (through ``ui.state.page_view``) and says plainly that it needs the in-memory engine.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from o2c.engines.sources import SourceSpec, configured_sources, spark_master
from o2c.errors import FixableError
from o2c.format import format_duration
from o2c.log.filters import DATE_MODES, PRIMARY_ATTRIBUTES, Filters
from ui.keys import Key, engine_filter, engine_open
from ui.state import language, tr
from ui.text import md

MAX_VARIANT_ROWS = 200
# Counts in the millions with thousands separators (the grid shows 9805005 otherwise), sorted as numbers.
_COUNT = st.column_config.NumberColumn(format="localized")


@st.cache_resource(max_entries=4, show_spinner=False)
def _engine(engine: str, location: str):
    """One prepared engine per source, shared by every session (the preparation reads every event once)."""
    if engine == "duckdb":
        from o2c.engines.duck import DuckDBEngine  # noqa: PLC0415 - duckdb only when a source is opened

        return DuckDBEngine(location)
    from o2c.engines.spark import SparkEngine, spark_session  # noqa: PLC0415 - pyspark only for Spark sources

    return SparkEngine(location, spark_session(spark_master()))


def opened():
    """The open source and its engine, or None."""
    name = st.session_state.get(Key.ENGINE_SOURCE)
    spec = next((s for s in configured_sources() if s.name == name), None)
    if spec is None:
        return None
    return spec, _engine(spec.engine, spec.location)


# --------------------------------------------------------------------------------------------- Data page


def sources_section() -> bool:
    """The configured sources with Open/Close buttons; True when one is open (the page shows nothing else)."""
    sources = configured_sources()
    if not sources:
        return False
    st.subheader(tr("engine_pages.sources"))
    st.caption(tr("engine_pages.sources.help"))
    current = st.session_state.get(Key.ENGINE_SOURCE)
    for spec in sources:
        left, right = st.columns([4, 1])
        left.markdown(tr("engine_pages.source_line", name=md(spec.name), engine=spec.engine))
        if spec.name == current:
            right.button(tr("engine_pages.close"), key=engine_open(spec.name), on_click=_close)
        elif right.button(tr("engine_pages.open"), key=engine_open(spec.name)):
            _open(spec)
    if st.session_state.get(Key.ENGINE_SOURCE) is None:
        return False
    st.success(md(tr("engine_pages.opened", name=st.session_state[Key.ENGINE_SOURCE], engine=_current_engine())))
    return True


def _open(spec: SourceSpec) -> None:
    try:
        with st.spinner(tr("engine_pages.preparing", name=spec.name)):
            _engine(spec.engine, spec.location)
    except FixableError as error:
        st.error(f"{error.message_in(language())} {error.fix_in(language())}")
        return
    st.session_state[Key.ENGINE_SOURCE] = spec.name
    st.session_state[Key.FILTERS] = Filters()
    st.rerun()


def _close() -> None:
    st.session_state[Key.ENGINE_SOURCE] = None
    st.session_state[Key.FILTERS] = Filters()


def _current_engine() -> str:
    found = opened()
    return found[0].engine if found else ""


# --------------------------------------------------------------------------------------------- sidebar


def render_engine_filters() -> bool:
    """The sidebar filters over the open source (attribute values, dates and date mode); False when none is open."""
    found = opened()
    if found is None:
        return False
    _, engine = found
    st.sidebar.subheader(tr("sidebar.filters"))
    attributes: dict[str, tuple[str, ...]] = {}
    for name in PRIMARY_ATTRIBUTES:
        if name in engine.attribute_names():
            attributes[name] = tuple(
                st.sidebar.multiselect(
                    tr(f"filters.{name}"),
                    engine.attribute_values(name),
                    key=engine_filter(name),
                    placeholder=tr("filters.all"),
                )
            )
    span = engine.counts(Filters())
    dates = st.sidebar.date_input(
        tr("filters.dates"),
        value=(),
        min_value=span.start.date() if span.start is not None else None,
        max_value=span.end.date() if span.end is not None else None,
        key=Key.ENGINE_DATES,
    )
    mode = st.sidebar.selectbox(
        tr("filters.date_mode"), DATE_MODES, key=Key.ENGINE_DATE_MODE, format_func=lambda m: tr(f"filters.mode.{m}")
    )
    date_from, date_to = dates if isinstance(dates, tuple) and len(dates) == 2 else (None, None)
    st.sidebar.caption(tr("engine_pages.no_stack"))
    st.session_state[Key.FILTERS] = Filters(attributes, date_from, date_to, mode)
    return True


# --------------------------------------------------------------------------------------------- pages


def block_without_memory(title_key: str) -> None:
    """Stop a page that needs the in-memory engine while a large source is open, saying so."""
    found = opened()
    if found is None:
        return
    st.title(tr(title_key))
    st.info(md(tr("engine_pages.needs_memory", name=found[0].name)), icon=":material/database:")
    st.stop()


def engine_page(page: str) -> bool:
    """Draw ``page`` (overview, process_map, variants, cycle_times, monitoring) from the open source's engine;
    False when no source is open (the page then draws from the in-memory log as usual)."""
    found = opened()
    if found is None:
        return False
    spec, engine = found
    st.title(tr(f"page.{page}"))
    chosen: Filters = st.session_state.get(Key.FILTERS, Filters())
    counts = engine.counts(chosen)
    total = counts.orders if chosen.is_empty else engine.counts(Filters()).orders
    sentence = chosen.describe(counts.orders, total, language())
    st.caption(md(tr("engine_pages.caption", filters=sentence, name=spec.name, engine=spec.engine)))
    if counts.orders == 0:
        st.warning(tr("common.empty"))
        return True
    _PAGES[page](engine, chosen, counts)
    return True


def _overview(engine, chosen: Filters, counts) -> None:
    stats = engine.duration_stats(chosen)
    activities = engine.activity_counts(chosen)
    row = st.columns(4)
    row[0].metric(tr("overview.orders"), f"{counts.orders:,}")
    row[1].metric(tr("overview.events"), f"{counts.events:,}")
    row[2].metric(tr("engine_pages.activities"), f"{len(activities):,}")
    row[3].metric(tr("engine_pages.median"), format_duration(stats.median_seconds))
    st.caption(tr("overview.span") + f": {counts.start:%d %b %Y} – {counts.end:%d %b %Y}")
    st.subheader(tr("engine_pages.per_activity"))
    frame = pd.DataFrame({"activity": list(activities), "events": list(activities.values())})
    st.altair_chart(
        alt.Chart(frame)
        .mark_bar(color="#72b7b2")
        .encode(
            x=alt.X("events:Q", title=tr("overview.events")),
            y=alt.Y("activity:N", sort="-x", title=None, axis=alt.Axis(labelLimit=220, labelOverlap=False)),
            tooltip=[alt.Tooltip("activity:N"), alt.Tooltip("events:Q", format=",")],
        )
        .properties(height=max(160, 24 * len(frame))),
        width="stretch",
    )


def _process_map(engine, chosen: Filters, counts) -> None:
    dfg = engine.dfg(chosen)
    shown = st.slider(tr("engine_pages.paths"), 1, max(len(dfg), 1), min(len(dfg), 25), key=Key.ENGINE_PATHS)
    top = dfg.head(shown)
    # Top to bottom at its own size, as the in-memory map: left to right across the page, 16 activities shrank
    # to unreadable boxes.
    lines = ["digraph { rankdir=TB; node [shape=box, style=rounded, fontsize=11];"]
    for source, target, count, median in top.itertuples(index=False):
        label = f"{count:,}\\n{format_duration(median)}"
        lines.append(f'"{_dot(source)}" -> "{_dot(target)}" [label="{label}", fontsize=9];')
    lines.append("}")
    st.graphviz_chart("\n".join(lines), width="content")
    st.subheader(tr("engine_pages.paths_table"))
    st.dataframe(
        pd.DataFrame(
            {
                tr("engine_pages.from"): dfg["source"],
                tr("engine_pages.to"): dfg["target"],
                tr("engine_pages.count"): dfg["count"],
                tr("engine_pages.median_wait"): [format_duration(m) for m in dfg["median_seconds"]],
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={tr("engine_pages.count"): _COUNT},
    )


def _dot(name: str) -> str:
    return name.replace("\\", "\\\\").replace('"', '\\"')


def _variants(engine, chosen: Filters, counts) -> None:
    table = engine.variant_table(chosen)
    if len(table) > MAX_VARIANT_ROWS:
        st.caption(tr("engine_pages.variants_shown", shown=MAX_VARIANT_ROWS, total=len(table)))
    top = table.head(MAX_VARIANT_ROWS)
    st.dataframe(
        pd.DataFrame(
            {
                tr("engine_pages.orders"): top["orders"],
                tr("engine_pages.share"): [f"{s:.1%}" for s in top["share"]],
                tr("engine_pages.median"): [format_duration(s) for s in top["median_seconds"]],
                tr("engine_pages.p90"): [format_duration(s) for s in top["p90_seconds"]],
                tr("engine_pages.variant"): [" → ".join(a) for a in top["activities"]],
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={tr("engine_pages.orders"): _COUNT},
    )


def _cycle_times(engine, chosen: Filters, counts) -> None:
    stats = engine.duration_stats(chosen)
    row = st.columns(3)
    row[0].metric(tr("engine_pages.median"), format_duration(stats.median_seconds))
    row[1].metric(tr("engine_pages.p90"), format_duration(stats.p90_seconds))
    row[2].metric(tr("engine_pages.mean"), format_duration(stats.mean_seconds))
    histogram = engine.duration_histogram(chosen)
    bins = histogram.bins.assign(
        label=[f"{s:g}–{e:g} {histogram.unit.symbol}" for s, e in zip(histogram.bins["start"], histogram.bins["end"])]
    )
    st.altair_chart(
        alt.Chart(bins)
        .mark_bar(color="#4c78a8")
        .encode(
            x=alt.X("start:Q", title=histogram.unit.symbol, bin="binned"),
            x2="end:Q",
            y=alt.Y("orders:Q", title=tr("engine_pages.orders")),
            tooltip=[alt.Tooltip("label:N", title=""), alt.Tooltip("orders:Q", format=",")],
        )
        .properties(height=280),
        width="stretch",
    )


def _monitoring(engine, chosen: Filters, counts) -> None:
    stats = engine.duration_stats(chosen)
    rework = engine.rework(chosen)
    row = st.columns(4)
    row[0].metric(tr("engine_pages.orders"), f"{counts.orders:,}")
    row[1].metric(tr("engine_pages.median"), format_duration(stats.median_seconds))
    row[2].metric(tr("engine_pages.p90"), format_duration(stats.p90_seconds))
    row[3].metric(tr("engine_pages.rework"), f"{rework.rate:.1%}")
    st.caption(tr("engine_pages.kpis_more"))


_PAGES = {
    "overview": _overview,
    "process_map": _process_map,
    "variants": _variants,
    "cycle_times": _cycle_times,
    "monitoring": _monitoring,
}
