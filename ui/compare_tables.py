"""The Compare page's tables: the key figures, paths, variants and rework of group A against group B."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from o2c.discover.rework import activity_families
from o2c.discover.variants import short_path
from o2c.format import format_duration, signed_duration, signed_points
from o2c.improve.compare import Comparison, path_label
from o2c.log.eventlog import EventLog
from o2c.log.index import variant_index
from ui.keys import Key
from ui.state import language, tr

TABLE_ROWS = 12


def points(share: float) -> str:
    """A difference of shares in percentage points."""
    return tr("compare.points", value=signed_points(share))


def yes_no(flag: object) -> str:
    """Whether a difference is more than noise: yes, no, or "–" when untested."""
    if flag is None or pd.isna(flag):
        return "–"
    return tr("compare.yes") if flag else tr("compare.no")


def kpi_rows(comparison: Comparison) -> tuple[pd.DataFrame, list[str]]:
    """The key figures as display text, and the notes on figures the data cannot give."""
    rows, notes = [], []
    for key, row in comparison.kpis.iterrows():
        label = tr(f"compare.kpi.{key}")
        if row["note"]:
            notes.append(tr(row["note"], kpi=label, name=row["note_arg"]))
            rows.append({"measure": label, "a": "–", "b": "–", "difference": "–", "interval": "", "noise": "–"})
            continue
        interval = ""
        if row["unit"] == "orders":
            a, b = f"{int(row['a']):,}", f"{int(row['b']):,}"
            difference = f"{int(row['difference']):+,}".replace("-", "−")
        elif row["unit"] == "seconds":
            a, b, difference = format_duration(row["a"]), format_duration(row["b"]), signed_duration(row["difference"])
            if not pd.isna(row["low"]):
                interval = f"{signed_duration(row['low'])} … {signed_duration(row['high'])}"
        else:
            a, b, difference = f"{row['a']:.1%}", f"{row['b']:.1%}", points(row["difference"])
            if not pd.isna(row["low"]):
                interval = tr("compare.points", value=f"{signed_points(row['low'])} … {signed_points(row['high'])}")
        rows.append(
            {
                "measure": label,
                "a": a,
                "b": b,
                "difference": difference,
                "interval": interval,
                "noise": yes_no(row["significant"]),
            }
        )
    return pd.DataFrame(rows), notes


def share_columns() -> dict[str, st.column_config.Column]:
    """Column settings of the share of A, of B, their difference and whether it is noise."""
    number = st.column_config.NumberColumn
    return {
        "share_a": number(tr("compare.col.share_a"), format="%.1f%%", width=75),
        "share_b": number(tr("compare.col.share_b"), format="%.1f%%", width=75),
        "points": number(tr("compare.col.points"), format="%+.1f", width=95),
        "noise": st.column_config.TextColumn(tr("compare.col.noise"), help=tr("compare.col.noise.help"), width=105),
    }


def as_percent(table: pd.DataFrame) -> pd.DataFrame:
    """A table of shares (0 to 1) with its shares in percent and its differences in points."""
    return table.assign(
        share_a=table["share_a"] * 100,
        share_b=table["share_b"] * 100,
        points=table["difference"] * 100,
        noise=table["significant"].map(yes_no),
    )


def more_rows_note(total: int) -> None:
    """Say how many rows a table cut to ``TABLE_ROWS`` has in all."""
    if total > TABLE_ROWS:
        st.caption(tr("compare.more_rows", shown=TABLE_ROWS, total=total))


def kpis_section(comparison: Comparison) -> None:
    """The key figures of A and B with their difference, its interval and whether it is noise."""
    st.subheader(tr("compare.kpis"), anchor="compare-kpis")
    kpis, notes = kpi_rows(comparison)
    text = st.column_config.TextColumn
    st.dataframe(
        kpis,
        hide_index=True,
        width="stretch",
        key=Key.CMP_KPIS,
        column_config={
            "measure": text(tr("compare.col.measure"), width=210),
            "a": text("A", width=90),
            "b": text("B", width=90),
            "difference": text(tr("compare.col.difference"), width=90),
            "interval": text(tr("compare.col.interval"), help=tr("compare.col.interval.help"), width=170),
            "noise": text(tr("compare.col.noise"), help=tr("compare.col.noise.help"), width=120),
        },
    )
    notes += [] if comparison.kpis.loc["adherence", "note"] else [tr("compare.kpi.adherence.help")]
    st.caption(" ".join(notes))


def paths_section(comparison: Comparison, log: EventLog) -> None:
    """The paths whose share or wait differs most."""
    st.subheader(tr("compare.paths"), anchor="compare-paths")
    st.caption(tr("compare.paths.hint"))
    paths = comparison.paths.sort_values("score", ascending=False, kind="stable").head(TABLE_ROWS)
    paths = as_percent(paths).assign(
        path=[path_label(log, s, t, language()) for s, t in zip(paths["source"], paths["target"])],
        wait_a=paths["median_a"].map(format_duration),
        wait_b=paths["median_b"].map(format_duration),
        wait_noise=[
            yes_no(None if pd.isna(p) else flag) for p, flag in zip(paths["wait_p"], paths["wait_significant"])
        ],
    )
    text = st.column_config.TextColumn
    st.dataframe(
        paths,
        hide_index=True,
        width="stretch",
        key=Key.CMP_PATHS,
        column_order=["path", "share_a", "share_b", "points", "noise", "wait_a", "wait_b", "wait_noise"],
        column_config={
            "path": text(tr("compare.col.path"), width=280),
            **share_columns(),
            "wait_a": text(tr("compare.col.wait_a"), width=90),
            "wait_b": text(tr("compare.col.wait_b"), width=90),
            "wait_noise": text(tr("compare.col.wait_noise"), width=100, help=tr("compare.col.wait_noise.help")),
        },
    )
    more_rows_note(len(comparison.paths))


def variants_section(comparison: Comparison, log: EventLog) -> None:
    """The variants whose share differs most, each told against the most common one."""
    st.subheader(tr("compare.variants"), anchor="compare-variants")
    st.caption(tr("compare.variants.hint"))
    sequences = variant_index(log).sequences
    variants = comparison.variants.head(TABLE_ROWS)
    reference = sequences[int(comparison.variants.loc[comparison.variants["rank"].idxmin(), "code"])]
    families = activity_families(log.activity_names)
    variants = as_percent(variants).assign(
        path=[short_path(sequences[c], reference, families, tr("variants.without")) for c in variants["code"]],
        only=variants["only"].str.upper(),
    )
    st.dataframe(
        variants,
        hide_index=True,
        width="stretch",
        key=Key.CMP_VARIANTS,
        column_order=["rank", "share_a", "share_b", "points", "noise", "only", "path"],
        column_config={
            "rank": st.column_config.NumberColumn("#", width=45),
            **share_columns(),
            "only": st.column_config.TextColumn(tr("compare.col.only"), width=70),
            "path": st.column_config.TextColumn(tr("compare.col.path"), width=700),
        },
    )
    more_rows_note(len(comparison.variants))


def rework_section(comparison: Comparison) -> None:
    """The activities repeated more often in one group."""
    st.subheader(tr("compare.rework"), anchor="compare-rework")
    if comparison.rework.empty:
        st.caption(tr("compare.rework.none"))
        return
    st.caption(tr("compare.rework.hint"))
    st.dataframe(
        as_percent(comparison.rework.head(TABLE_ROWS)),
        hide_index=True,
        width="stretch",
        key=Key.CMP_REWORK,
        column_order=["activity", "share_a", "share_b", "points", "noise"],
        column_config={
            "activity": st.column_config.TextColumn(tr("compare.col.activity"), width=330),
            **share_columns(),
        },
    )
    more_rows_note(len(comparison.rework))
