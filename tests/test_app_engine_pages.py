"""The pages over a large source through AppTest: the Data page opens it, the tables show counts as numbers with
thousands separators."""

from __future__ import annotations

import json

from conftest import open_app

from o2c.cli.bench import flat_events
from o2c.ingest.sample import generate_sample


def test_large_source_tables_show_counts_with_separators(tmp_path, monkeypatch):
    events, orders = generate_sample(200, 5)
    flat_events(events, orders).to_parquet(tmp_path / "events.parquet", index=False)
    monkeypatch.setenv("O2C_EXPLORER_SOURCES", f"Lake={tmp_path / 'events.parquet'}")
    at = open_app().run()
    next(b for b in at.button if b.label == "Open").click().run()
    assert not at.exception
    for page, column in (("pages/process_map.py", "Times"), ("pages/variants.py", "Orders")):
        at.switch_page(page).run()
        assert not at.exception
        table = at.dataframe[0]
        assert table.value[column].dtype.kind == "i"  # numbers, so the grid sorts them as numbers
        config = json.loads(table.proto.columns)
        assert config[column]["type_config"]["format"] == "localized", page


def test_large_source_process_map_reads_top_to_bottom(tmp_path, monkeypatch):
    events, orders = generate_sample(100, 5)
    flat_events(events, orders).to_parquet(tmp_path / "events.parquet", index=False)
    monkeypatch.setenv("O2C_EXPLORER_SOURCES", f"Lake={tmp_path / 'events.parquet'}")
    at = open_app().run()
    next(b for b in at.button if b.label == "Open").click().run()
    at.switch_page("pages/process_map.py").run()
    assert not at.exception
    # Left to right and stretched to the page, 16 activities shrank to unreadable boxes at 1400 px.
    assert "rankdir=TB" in at.get("graphviz_chart")[0].proto.spec
