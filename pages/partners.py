"""Partners & carriers page: on-time delivery and delivery times per carrier, warehouse or partner account."""

import numpy as np
import pandas as pd
import streamlit as st

from o2c.export import to_csv_bytes
from o2c.format import format_duration
from o2c.i18n import TEXT
from o2c.improve.partners import (
    TARGET_COLUMNS,
    in_scope,
    missing_columns,
    on_time,
    partner_attributes,
    partner_table,
    partner_trend,
    transit_seconds,
)
from o2c.log.attributes import MISSING_LABEL
from o2c.stats import SMALL_GROUP
from ui.keys import Key
from ui.partner_charts import rate_chart, trend_chart
from ui.state import language, page_view, tr

view = page_view("partners.title")
log = view.log
options = partner_attributes(log)
if not options:
    st.info(tr("partners.no_columns"), icon=":material/local_shipping:")
    st.stop()


def attribute_name(name: str) -> str:
    """How a partner attribute reads in the picker: translated when known, else the column name."""
    key = f"partners.attribute.{name}"
    return tr(key) if key in TEXT else name.replace("_", " ").capitalize()


if st.session_state.get(Key.PARTNERS_ATTRIBUTE_SAVED) not in options:
    st.session_state[Key.PARTNERS_ATTRIBUTE_SAVED] = options[0]
controls = st.columns([1.2, 1, 1.5], vertical_alignment="bottom")
# A key per language gives a fresh widget when the option labels change language.
attribute_key = f"partners_attribute_{language()}"
st.session_state.setdefault(attribute_key, st.session_state[Key.PARTNERS_ATTRIBUTE_SAVED])
attribute = controls[0].selectbox(
    tr("partners.attribute"),
    options,
    key=attribute_key,
    format_func=attribute_name,
    on_change=lambda: st.session_state.update({Key.PARTNERS_ATTRIBUTE_SAVED: st.session_state[attribute_key]}),
)
target = controls[1].segmented_control(
    tr("partners.target"),
    list(TARGET_COLUMNS),
    key=Key.PARTNERS_TARGET,
    default="requested",
    required=True,
    format_func=lambda name: tr(f"partners.target.{name}"),
)

missing = missing_columns(log, attribute, target)
if missing:
    st.info(tr("partners.missing", columns=", ".join(missing)), icon=":material/info:")
    st.stop()

overall = on_time(view, target, attribute)
if overall.judged == 0:
    st.info(tr("partners.none"))
    st.stop()
table = partner_table(view, attribute, target)
named = table[table["partner"] != MISSING_LABEL]
reliable = named[~named["small"]]
worst = (reliable if len(reliable) else named).iloc[0] if len(named) else None

metrics = st.columns(4)
metrics[0].metric(
    tr("partners.on_time"),
    f"{overall.rate:.1%}",
    help=tr("partners.on_time.help", judged=overall.judged, low=overall.low, high=overall.high),
)
metrics[1].metric(tr("partners.late"), f"{overall.late:,}")
if worst is not None:
    metrics[2].metric(
        tr("partners.worst"),
        worst["partner"],
        delta_color="off",
        delta_arrow="off",
        delta=tr("partners.worst.delta", rate=worst["on_time_rate"], late=worst["late_share"]),
        help=tr("partners.worst.help", n=SMALL_GROUP),
    )
transit = transit_seconds(log)[in_scope(view, attribute)]
transit = transit[~np.isnan(transit)]
if transit.size:
    metrics[3].metric(
        tr("partners.transit"), format_duration(float(np.median(transit))), help=tr("partners.transit.help")
    )


by_partner, monthly = st.tabs([tr("partners.tab.partners"), tr("partners.tab.trend")])

with by_partner:
    st.caption(tr("partners.chart.hint"))
    chartable = named[named["judged"] > 0]
    if len(chartable):
        st.altair_chart(rate_chart(chartable, overall.rate), width="stretch")
    shown = table.assign(
        partner=table["partner"].where(~table["small"], table["partner"] + " *"),
        on_time_rate=table["on_time_rate"] * 100,
        interval=[
            f"{low:.0%} – {high:.0%}" if pd.notna(low) else "–"
            for low, high in zip(table["rate_low"], table["rate_high"])
        ],
        order_share=table["order_share"] * 100,
        late_share=table["late_share"] * 100,
        transit=table["transit_median_seconds"].map(format_duration),
        delivery=table["delivery_median_seconds"].map(format_duration),
    )
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        key=Key.PARTNERS_TABLE,
        column_order=[
            "partner",
            "orders",
            "judged",
            "on_time_rate",
            "interval",
            "late",
            "order_share",
            "late_share",
            "transit",
            "delivery",
        ],
        column_config={
            "partner": st.column_config.TextColumn(tr("partners.col.partner"), width=180),
            "orders": st.column_config.NumberColumn(tr("partners.col.orders"), format="localized", width=60),
            "judged": st.column_config.NumberColumn(
                tr("partners.col.judged"), format="localized", width=60, help=tr("partners.col.judged.help")
            ),
            "on_time_rate": st.column_config.NumberColumn(tr("partners.col.rate"), format="%.1f%%", width=65),
            "interval": st.column_config.TextColumn(tr("partners.col.interval"), width=95),
            "late": st.column_config.NumberColumn(tr("partners.col.late"), format="localized", width=50),
            "order_share": st.column_config.NumberColumn(tr("partners.col.order_share"), format="%.0f%%", width=65),
            "late_share": st.column_config.ProgressColumn(
                tr("partners.col.late_share"), format="%.0f%%", min_value=0, max_value=100, width=110
            ),
            "transit": st.column_config.TextColumn(
                tr("partners.col.transit"), help=tr("partners.transit.help"), width=80
            ),
            "delivery": st.column_config.TextColumn(
                tr("partners.col.delivery"), width=90, help=tr("partners.col.delivery.help")
            ),
        },
    )
    notes = st.columns([4, 1], vertical_alignment="center")
    if table["small"].any():
        notes[0].caption(tr("partners.small", n=SMALL_GROUP))
    notes[1].download_button(
        tr("partners.download"),
        data=lambda: to_csv_bytes(table),
        file_name=f"on_time_by_{attribute}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key=Key.PARTNERS_DOWNLOAD,
    )

with monthly:
    st.caption(tr("partners.trend.hint"))
    st.altair_chart(trend_chart(partner_trend(view, attribute, target)), width="stretch")
