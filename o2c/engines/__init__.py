"""Analysis engines: the same results computed in memory (numpy over an ``EventLog``), by DuckDB or by Spark SQL.

``open_engine`` picks one; every engine answers the ``AnalysisEngine`` protocol in ``base.py`` with small results
(counts, the directly-follows table, the variant table, duration statistics), never one row per event.
"""
