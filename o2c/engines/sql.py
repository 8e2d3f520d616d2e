"""What DuckDB and Spark SQL share: the tables prepared once per source and one query per result.

Prepared once (``prepare``): ``ev`` (one row per usable event with its position in the order, the next activity
and the wait to it, and the order's filter columns), ``cases`` (one row per order: first and last time, events,
first and last activity, variant code, rework flag, attributes) and ``repeats`` (order x activity done more than
once). Events are cleaned as on upload: text trimmed, empty case, activity or time dropped, exact duplicates
dropped, ties in time kept in file order. A filter change then runs a few ``GROUP BY`` queries with the filters'
``WHERE`` (``where.py``); only aggregates come back.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from o2c.discover.cycle_times import DurationStats, Histogram, nice_step
from o2c.engines.base import DFG_COLUMNS, VARIANT_COLUMNS, Counts, ReworkCounts, sorted_counts
from o2c.engines.where import Context, Where, where_clause
from o2c.errors import FixableError
from o2c.format import time_unit
from o2c.ingest.recognise import case_attribute_headers, guess_columns
from o2c.log.columns import EVENT_COLUMNS
from o2c.log.filters import Filters
from o2c.log.index import variant_id
from o2c.log.stack.syntax import EVENT_ATTRIBUTES
from o2c.log.vocabulary import ActivityMap

SEPARATOR = "\x1f"  # between the activities of a variant, as o2c.discover.variants.variant_id joins them
_OPTIONAL_EVENT_COLUMNS = tuple(c.name for c in EVENT_COLUMNS if not c.required)
# The event attributes the stack's people filters read from SQL; carrying every text column through the events
# would make the preparation about 40% slower, for filters few use (they are refused with a clear error).
_PEOPLE_EVENT_COLUMNS = EVENT_ATTRIBUTES
# Above this share of unreadable timestamps the format is misread: block, as the upload does.
UNPARSEABLE_BLOCK_SHARE = 0.05
BAND_CACHE = 64  # percentile bands kept per engine (a few per filter change)
STACK_CACHE = 8  # filter stacks whose orders are kept as tables


@dataclass(frozen=True)
class Source:
    """The raw relation (SQL text: a table, view or table function), its column names, and the two columns
    that give each row's place in the file (``f`` file name or '', ``r`` row within it)."""

    relation: str
    headers: list[str]


class SqlEngine:
    """The engine protocol over a SQL connection; subclasses supply the dialect and the connection."""

    name = "sql"

    # --- dialect: overridden by the DuckDB and Spark engines -----------------------------------------------
    def quantile(self, column: str, q: float) -> str:
        """Exact quantile with linear interpolation (numpy's default)."""
        raise NotImplementedError

    def epoch_us(self, expression: str) -> str:
        """Microseconds since the epoch (UTC) of a timestamp expression, NULL when it cannot be read."""
        raise NotImplementedError

    def sequence(self) -> str:
        """The activities of a group in ``pos`` order, joined with ``SEPARATOR``."""
        raise NotImplementedError

    def first_by(self, column: str, place: str) -> str:
        """``column`` of the row with the smallest ``place`` (a ``pair``) in the group; NULL places are skipped."""
        raise NotImplementedError

    def pair(self, f: str, r: str) -> str:
        """A comparable place in the files from the file (``f``) and the row in it (``r``)."""
        raise NotImplementedError

    def sequence_key(self) -> str:
        """An aggregate over an order's ``steps`` that is equal for equal activity sequences (and, but for a
        negligible chance, different for different ones)."""
        return self.sequence()

    def row_code(self) -> str:
        """A distinct integer per row of the query it is in (the order code ``cc``)."""
        raise NotImplementedError

    def ident(self, name: str) -> str:
        """A quoted identifier."""
        raise NotImplementedError

    def text(self, column: str) -> str:
        """A column as trimmed text, NULL when empty."""
        raise NotImplementedError

    def materialize(self, name: str, select: str, params: Sequence[object] = ()) -> None:
        """Keep the result of ``select`` (with ``?`` parameters) as table ``name``."""
        raise NotImplementedError

    def forget(self, name: str) -> None:
        """Drop a table ``materialize`` made after the preparation."""
        raise NotImplementedError

    def register(self, name: str, frame: pd.DataFrame) -> None:
        """A small pandas frame as table ``name``."""
        raise NotImplementedError

    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        """Rows of a query with ``?`` parameters."""
        raise NotImplementedError

    # --- preparation ------------------------------------------------------------------------------------------
    def prepare(self, source: Source) -> None:
        """Recognise the columns, clean the events and build the tables of the module docstring."""
        self._bands: dict[tuple, tuple[float, float] | None] = {}
        self._stacks: dict[tuple, str] = {}  # filter stack -> table of the orders it keeps
        self._kept = 0
        self._lock = threading.Lock()  # the app shares one engine between sessions
        guess = guess_columns(source.headers)
        missing = guess.missing_required()
        if missing:
            raise FixableError("engines.missing_columns", columns=", ".join(missing), headers=", ".join(source.headers))
        columns = guess.columns
        attributes = case_attribute_headers(source.headers, columns)
        event_columns = [name for name in _OPTIONAL_EVENT_COLUMNS if name in columns]
        self.attributes = {name: f"a_{i}" for i, name in enumerate(attributes)}
        # Event attributes for the stack's people filters (None: no SQL form).
        self.event_attributes = {
            name: f"e_{i}" if name in _PEOPLE_EVENT_COLUMNS else None for i, name in enumerate(event_columns)
        }
        cleaned = [
            f"{self.text(self.ident(columns['case_id']))} AS case_id",
            f"{self.text(self.ident(columns['activity']))} AS activity",
            f"{self.epoch_us(self.ident(columns['timestamp']))} AS ts_us",
            f"{self.text(self.ident(columns['timestamp']))} IS NULL AS ts_empty",
            f"{self.pair('f', 'r')} AS place",
            *(f"{self.text(self.ident(columns[name]))} AS e_{i}" for i, name in enumerate(event_columns)),
            # Attributes are trimmed once per order (in case_first), not once per event.
            *(f"{self.ident(header)} AS {self.attributes[name]}" for name, header in attributes.items()),
        ]
        self.materialize("clean", f"SELECT {', '.join(cleaned)} FROM {source.relation}")
        self._check_timestamps()
        attribute_cols = list(self.attributes.values())
        key = ["case_id", "activity", "ts_us", *(f"e_{i}" for i in range(len(event_columns)))]
        usable = "case_id IS NOT NULL AND activity IS NOT NULL AND ts_us IS NOT NULL"
        # Exact duplicates (every event column equal) keep their first row; the window then puts each order's
        # events in time order, ties in file order, as the upload does.
        event_cols = [column for column in self.event_attributes.values() if column is not None]
        self.materialize(
            "steps",
            f"""SELECT case_id, activity, ts_us, place, row_number() OVER w AS pos,
                       lead(activity) OVER w AS next_act, (lead(ts_us) OVER w) - ts_us AS wait_us
                       {"".join(f", {c}" for c in event_cols)}
                FROM (SELECT {", ".join(key)}, min(place) AS place FROM clean
                      WHERE {usable} GROUP BY {", ".join(key)}) d
                WINDOW w AS (PARTITION BY case_id ORDER BY ts_us, place)""",
        )
        # Codes in order of first appearance in the file, as the upload numbers cases and activities; the
        # order attributes come from each order's first usable row, as on upload.
        kept = f"CASE WHEN {usable} THEN place END"
        firsts = "".join(f", {self.text(self.first_by(c, kept))} AS {c}" for c in attribute_cols)
        self.materialize(
            "case_first",
            f"SELECT case_id, min(place) AS first_place{firsts} FROM clean WHERE case_id IS NOT NULL GROUP BY case_id",
        )
        rows = self.query("SELECT activity, min(place) FROM clean WHERE activity IS NOT NULL GROUP BY activity")
        rows.sort(key=lambda row: row[1])
        self.activity_rank = {row[0]: rank for rank, row in enumerate(rows)}
        self.activity_names = [row[0] for row in rows]
        # Events carry activity codes: grouping a hundred million small integers is several times faster than text.
        self.register("acodes", pd.DataFrame({"activity": self.activity_names, "code": range(len(rows))}))
        self.materialize(
            "repeats0", "SELECT case_id, activity FROM steps GROUP BY case_id, activity HAVING count(*) > 1"
        )
        self.materialize(
            "cases0",
            f"""SELECT case_id, min(ts_us) AS start_us, max(ts_us) AS end_us, count(*) AS n_events,
                       max(CASE WHEN pos = 1 THEN activity END) AS first_act,
                       max(CASE WHEN next_act IS NULL THEN activity END) AS last_act,
                       {self.sequence_key()} AS variant
                FROM steps GROUP BY case_id""",
        )
        self._number_variants()
        filter_cols = ", ".join(["c.cc", "c.start_us", "c.end_us", "c.vcode", *(f"c.{c}" for c in attribute_cols)])
        attributes_select = "".join(f", cf.{c}" for c in attribute_cols)
        self.materialize(
            "cases",
            f"""SELECT c0.*, {self.row_code()} AS cc, v.vcode, (c0.end_us - c0.start_us) / 1e6 AS duration_s,
                       CASE WHEN c0.case_id IN (SELECT case_id FROM repeats0) THEN 1 ELSE 0 END AS reworked
                       {attributes_select}
                FROM cases0 c0 JOIN vmap v ON c0.variant = v.variant JOIN case_first cf ON c0.case_id = cf.case_id""",
        )
        self.materialize(
            "ev",
            f"""SELECT a.code AS act, n.code AS nxt, s.wait_us, s.pos, s.ts_us{"".join(f", s.{c}" for c in event_cols)},
                       {filter_cols}
                FROM steps s JOIN cases c ON s.case_id = c.case_id JOIN acodes a ON s.activity = a.activity
                LEFT JOIN acodes n ON s.next_act = n.activity""",
        )
        self.materialize(
            "repeats",
            f"""SELECT s.case_id, s.activity, {filter_cols}
                FROM repeats0 s JOIN cases c ON s.case_id = c.case_id""",
        )
        self.drop(["clean", "steps", "cases0", "case_first", "repeats0"])

    def drop(self, names: list[str]) -> None:
        """Forget intermediate tables."""

    def _check_timestamps(self) -> None:
        rows = self.query("SELECT count(*), sum(CASE WHEN ts_us IS NULL AND NOT ts_empty THEN 1 ELSE 0 END) FROM clean")
        total, unreadable = rows[0]
        if total == 0:
            raise FixableError("engines.no_rows")
        if (unreadable or 0) / total > UNPARSEABLE_BLOCK_SHARE:
            raise FixableError("engines.bad_timestamps", count=int(unreadable), total=int(total))

    def _number_variants(self) -> None:
        """Variant codes in order of first appearance (the orders' first rows in file order), as in memory; the
        activity sequences and ids are built for one order per variant only."""
        rows = self.query(
            f"""SELECT c.variant, min(cf.first_place), {self.first_by("c.case_id", "cf.first_place")} FROM cases0 c
                JOIN case_first cf ON c.case_id = cf.case_id GROUP BY c.variant"""
        )
        rows.sort(key=lambda row: row[1])
        keys = [row[0] for row in rows]
        examples = [row[2] for row in rows]
        self.register("examples", pd.DataFrame({"case_id": examples}))
        sequences = dict(
            self.query(
                f"SELECT case_id, {self.sequence()} FROM steps WHERE case_id IN (SELECT case_id FROM examples) "
                "GROUP BY case_id"
            )
        )
        self.sequences = [tuple(sequences[case].split(SEPARATOR)) for case in examples]
        self.variant_ids = [variant_id(s) for s in self.sequences]
        self.context = Context(
            dict(self.attributes),
            {vid: code for code, vid in enumerate(self.variant_ids)},
            ActivityMap.match(self.activity_names),
            dict(self.event_attributes),
        )
        self.register("vmap", pd.DataFrame({"variant": keys, "vcode": list(range(len(keys)))}))

    # --- results ----------------------------------------------------------------------------------------------
    def _where(self, filters: Filters) -> Where:
        return where_clause(filters, self.context, self.name, self._band, self._remember)

    def _remember(self, stack: Where) -> Where:
        """The orders a filter stack keeps, found once and kept as a table: every result of a filter change then
        reads them instead of joining the events again (the last ``STACK_CACHE`` stacks are kept)."""
        key = (stack.sql, stack.params)
        with self._lock:
            name = self._stacks.get(key)
            if name is None:
                if len(self._stacks) >= STACK_CACHE:
                    self.forget(self._stacks.pop(next(iter(self._stacks))))
                self._kept += 1
                name = f"kept_{self._kept}"
                self.materialize(name, f"SELECT cc FROM cases WHERE {stack.sql}", stack.params)
                self._stacks[key] = name
        return Where(f"cc IN (SELECT cc FROM {name})")

    def _band(self, values: Where, low: float, high: float) -> tuple[float, float] | None:
        """The ``low`` and ``high`` quantiles of the query ``values`` (one column ``v``) as ``numpy.quantile``
        computes them, to the last bit (None without rows); kept, as every result of one filter change asks."""
        key = (values.sql, values.params, low, high)
        if key not in self._bands:
            if len(self._bands) >= BAND_CACHE:
                self._bands.clear()
            rows = self.query(f"SELECT count(*) FROM ({values.sql}) b", values.params)
            n = int(rows[0][0] or 0)
            self._bands[key] = (self._quantile(values, n, low), self._quantile(values, n, high)) if n else None
        return self._bands[key]

    def _quantile(self, values: Where, n: int, q: float) -> float:
        # numpy's "linear" method: the two order statistics around (n - 1) * q, then its own interpolation.
        index = (n - 1) * q
        below = min(math.floor(index), n - 1)
        rows = self.query(f"SELECT v FROM ({values.sql}) b ORDER BY v LIMIT 2 OFFSET {int(below)}", values.params)
        if index >= n - 1 or len(rows) == 1:
            return float(rows[-1][0])
        a, b = float(rows[0][0]), float(rows[1][0])
        return lerp(a, b, index - below)

    def attribute_names(self) -> list[str]:
        """Order attributes the filters can use."""
        return list(self.attributes)

    def attribute_values(self, name: str, limit: int = 1000) -> list[str]:
        """Distinct values of one order attribute, sorted."""
        column = self.attributes[name]
        rows = self.query(f"SELECT DISTINCT {column} FROM cases WHERE {column} IS NOT NULL ORDER BY 1 LIMIT {limit}")
        return [str(row[0]) for row in rows]

    def counts(self, filters: Filters) -> Counts:
        """Orders, events and time span of the selection."""
        where = self._where(filters)
        rows = self.query(
            f"SELECT count(*), sum(n_events), min(start_us), max(end_us) FROM cases WHERE {where.sql}", where.params
        )
        orders, events, start, end = rows[0]
        if not orders:
            return Counts(0, 0, None, None)
        return Counts(int(orders), int(events), _timestamp(start), _timestamp(end))

    def _grouped(self, table: str, column: str, filters: Filters, extra: str = "") -> dict[str, int]:
        where = self._where(filters)
        sql = f"SELECT {column}, count(*) FROM {table} WHERE {where.sql}{extra} GROUP BY {column}"
        return sorted_counts({str(name): int(n) for name, n in self.query(sql, where.params)})

    def activity_counts(self, filters: Filters) -> dict[str, int]:
        """Events per activity, most first (ties in order of first appearance, as in memory)."""
        where = self._where(filters)
        rows = self.query(f"SELECT act, count(*) FROM ev WHERE {where.sql} GROUP BY act", where.params)
        rows.sort(key=lambda row: (-row[1], row[0]))  # codes ascend by first appearance
        return {self.activity_names[code]: int(n) for code, n in rows}

    def start_activities(self, filters: Filters) -> dict[str, int]:
        """First activity of each selected order -> orders."""
        return self._grouped("cases", "first_act", filters)

    def end_activities(self, filters: Filters) -> dict[str, int]:
        """Last activity of each selected order -> orders."""
        return self._grouped("cases", "last_act", filters)

    def dfg(self, filters: Filters) -> pd.DataFrame:
        """Directly-follows pairs with counts and median waits, most frequent first, ties by names."""
        where = self._where(filters)
        rows = self.query(
            f"""SELECT act, nxt, count(*), {self.quantile("wait_us / 1e6", 0.5)} FROM ev
                WHERE nxt IS NOT NULL AND {where.sql} GROUP BY act, nxt""",
            where.params,
        )
        rows.sort(key=lambda row: (-row[2], row[0], row[1]))  # codes ascend by first appearance, as in memory
        names = self.activity_names
        frame = pd.DataFrame([(names[a], names[b], int(c), float(m)) for a, b, c, m in rows], columns=list(DFG_COLUMNS))
        return frame.astype({"count": np.int64, "median_seconds": float})

    def variant_table(self, filters: Filters) -> pd.DataFrame:
        """Variants with orders, shares and end-to-end medians; ties in order of first appearance."""
        where = self._where(filters)
        rows = self.query(
            f"""SELECT vcode, count(*), {self.quantile("duration_s", 0.5)}, {self.quantile("duration_s", 0.9)}
                FROM cases WHERE {where.sql} GROUP BY vcode""",
            where.params,
        )
        rows.sort(key=lambda row: (-row[1], row[0]))
        orders = np.array([row[1] for row in rows], dtype=np.int64)
        total = max(int(orders.sum()), 1)
        return pd.DataFrame(
            {
                "variant_id": [self.variant_ids[row[0]] for row in rows],
                "activities": [list(self.sequences[row[0]]) for row in rows],
                "orders": orders,
                "share": orders / total,
                "cumulative_share": np.cumsum(orders) / total,
                "median_seconds": [float(row[2]) for row in rows],
                "p90_seconds": [float(row[3]) for row in rows],
            },
            columns=list(VARIANT_COLUMNS),
        )

    def duration_stats(self, filters: Filters) -> DurationStats:
        """End-to-end times: count, median, p90 and mean."""
        orders, median, p90, mean, _ = self._durations(filters)
        if not orders:
            return DurationStats(0, None, None, None)
        return DurationStats(orders, median, p90, mean)

    def _durations(self, filters: Filters) -> tuple[int, float, float, float, float]:
        where = self._where(filters)
        rows = self.query(
            f"""SELECT count(*), {self.quantile("duration_s", 0.5)}, {self.quantile("duration_s", 0.9)},
                       avg(duration_s), max(duration_s) FROM cases WHERE {where.sql}""",
            where.params,
        )
        orders, median, p90, mean, largest = rows[0]
        if not orders:
            return 0, 0.0, 0.0, 0.0, 0.0
        return int(orders), float(median), float(p90), float(mean), float(largest)

    def duration_histogram(self, filters: Filters, max_bins: int = 30) -> Histogram:
        """End-to-end times in round-width bins, as ``duration_histogram`` bins them."""
        orders, median, _, _, largest = self._durations(filters)
        unit = time_unit([median] if orders else [])
        if not orders:
            return Histogram(pd.DataFrame({"start": [], "end": [], "orders": []}), unit, 1.0)
        top = largest / unit.seconds
        width = nice_step(top / max_bins) if top > 0 else 1.0
        width_seconds = round(width * unit.seconds, 3)
        where = self._where(filters)
        rows = self.query(
            f"SELECT CAST(floor(duration_s / ?) AS BIGINT) AS bin, count(*) FROM cases WHERE {where.sql} GROUP BY 1",
            (width_seconds, *where.params),
        )
        counts = np.zeros(int(max(row[0] for row in rows)) + 1, dtype=np.int64)
        for index, n in rows:
            counts[int(index)] = int(n)
        starts = np.round(np.arange(counts.size) * width, 10)
        return Histogram(pd.DataFrame({"start": starts, "end": starts + width, "orders": counts}), unit, width)

    def rework(self, filters: Filters) -> ReworkCounts:
        """Orders with a repeated activity, per activity."""
        where = self._where(filters)
        rows = self.query(f"SELECT count(*), sum(reworked) FROM cases WHERE {where.sql}", where.params)
        orders, reworked = rows[0]
        return ReworkCounts(int(orders), int(reworked or 0), self._grouped("repeats", "activity", filters))


def lerp(a: float, b: float, t: float) -> float:
    """``a`` to ``b`` at ``t`` as numpy's quantiles interpolate (from the upper end when ``t`` >= 0.5)."""
    if t >= 0.5:
        return b - (b - a) * (1 - t)
    return a + (b - a) * t


def _timestamp(us: int | None) -> pd.Timestamp | None:
    return None if us is None else pd.Timestamp(int(us) * 1000, tz="UTC")
