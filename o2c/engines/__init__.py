"""Analysis engines: the same results computed in memory (numpy over an ``EventLog``), by DuckDB or by Spark SQL.

Every engine answers the ``AnalysisEngine`` protocol in ``base.py`` with small results (counts, the
directly-follows table, the variant table, duration statistics, rework), never one row per event;
``o2c.cli.engines.open_engine`` opens the DuckDB or Spark one on a path or table.
"""
