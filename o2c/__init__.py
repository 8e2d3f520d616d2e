"""O2C Explorer's core: loading, validation, the event-log engine and analytics. Never imports streamlit."""

from o2c.ingest.load import LoadOptions, LoadResult, load_event_log
from o2c.log.eventlog import EventLog, LogView, build_event_log
from o2c.log.filters import Filters

__all__ = ["EventLog", "LogView", "build_event_log", "Filters", "LoadOptions", "LoadResult", "load_event_log"]
