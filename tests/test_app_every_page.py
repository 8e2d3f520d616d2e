"""Every page on data it was not made for: the public order-management log (other activity names, no order
attributes, no resources) and the 3-order tiny workbook. No page may fail; each says what it lacks."""

from __future__ import annotations

import pytest
from conftest import ORDERS_FLAT, ROOT, open_app

PAGES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))


@pytest.fixture(scope="module")
def uploads(tiny_workbook_bytes) -> dict[str, tuple[str, bytes, str]]:
    return {
        "public": (ORDERS_FLAT.name, ORDERS_FLAT.read_bytes(), "application/gzip"),
        "tiny": ("tiny.xlsx", tiny_workbook_bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    }


@pytest.fixture(scope="module")
def tiny_workbook_bytes() -> bytes:
    import io

    import pandas as pd
    from conftest import TINY_EVENTS, TINY_ORDERS, xlsx_bytes

    return xlsx_bytes({"Events": pd.read_csv(io.StringIO(TINY_EVENTS)), "Orders": TINY_ORDERS})


@pytest.mark.parametrize("data", ["public", "tiny"])
def test_every_page_opens_without_an_error(uploads, data):
    at = open_app().run()
    at.file_uploader(key="upload").upload(*uploads[data]).run()
    assert not at.exception
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert at.title, page


def test_conformance_counts_nothing_when_no_rule_applies(uploads):
    # The public log has none of the steps and columns the standard rules name: no count may read as 0 violations.
    at = open_app().run()
    at.file_uploader(key="upload").upload(*uploads["public"]).run()
    at.switch_page("pages/conformance.py").run()
    assert not at.exception
    shown = {m.label: m.value for m in at.metric}
    assert shown["Adherence"] == shown["Orders with a violation"] == shown["Rules broken"] == "–"
    table = at.dataframe[0].value
    assert set(table["orders"]) == {"–"}
