"""Hostile uploads are refused early and cheaply (issue #14): a gzip bomb is refused while inflating, within a
1 GB address space; a workbook whose parts inflate beyond their declared sizes, a CSV with a 50 MB line; and
Excel's UTF-16 "Unicode Text" is read, not refused as binary."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
import zipfile

import pandas as pd
from conftest import ROOT, TINY_EVENTS

from o2c.ingest import read as reading
from o2c.ingest.load import load_event_log

NOW = pd.Timestamp("2025-01-01", tz="UTC")
LIMIT = 1024 * 1024 * 1024  # the child's whole address space, interpreter and libraries included


def gzip_bomb(inflated: int) -> bytes:
    """A multi-member .csv.gz of about ``inflated`` bytes: one highly compressed 64 MB member, repeated."""
    line = b"SO-1,Create Sales Order,2024-01-01T08:00:00Z\n"
    block = b"case_id,activity,timestamp\n" + line * (64 * 1024 * 1024 // len(line))
    member = gzip.compress(block, compresslevel=9)
    return member * (inflated // len(block) + 1)


CHILD = """
import json, resource, sys
sys.path.insert(0, {root!r})
from o2c.ingest.load import load_event_log
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
data = open({path!r}, "rb").read()
result = load_event_log(data, "bomb.csv.gz")
status = open("/proc/self/status").read()  # VmHWM: this program's peak (ru_maxrss would include pytest's, via fork)
peak = int(status.split("VmHWM:")[1].split()[0])
print(json.dumps({{"errors": [e.message for e in result.report.errors], "peak_kb": peak}}))
"""


def test_gzip_bomb_is_refused_within_a_1_gb_address_space(tmp_path):
    bomb = gzip_bomb(reading.MAX_GZIP_INFLATED + 64 * 1024 * 1024)
    assert len(bomb) < 10 * 1024 * 1024
    path = tmp_path / "bomb.csv.gz"
    path.write_bytes(bomb)
    child = subprocess.run(
        [sys.executable, "-c", CHILD.format(root=str(ROOT), limit=LIMIT, path=str(path))],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert child.returncode == 0, child.stderr[-2000:]
    outcome = json.loads(child.stdout.strip().splitlines()[-1])
    assert len(outcome["errors"]) == 1 and "(a 'zip bomb')" in outcome["errors"][0], outcome
    assert outcome["peak_kb"] < 600 * 1024  # refused after ~64 MB, not 2 GB


def test_a_gzip_file_that_compresses_normally_still_loads():
    data = gzip.compress(TINY_EVENTS.encode() * 1)
    assert load_event_log(data, "events.csv.gz", now=NOW).log is not None


def test_workbook_parts_larger_than_declared_are_refused(monkeypatch):
    """The central directory may understate a part's size; the count is of bytes actually inflated."""
    monkeypatch.setattr(reading, "RATIO_FREE_BYTES", 1024 * 1024)  # the same rule, scaled down
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (8 * 1024 * 1024))
    data = bytearray(buffer.getvalue())
    # understate the sheet's inflated size (local header and central directory) so only streaming notices
    for signature, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            if data[start + offset : start + offset + 4] == (8 * 1024 * 1024).to_bytes(4, "little"):
                data[start + offset : start + offset + 4] = (1000).to_bytes(4, "little")
            start += 4
    result = load_event_log(bytes(data), "events.xlsx", now=NOW)
    assert result.log is None
    message = result.report.errors[0].message
    assert "(a 'zip bomb')" in message or "damaged" in message


def test_a_50_mb_line_is_refused():
    data = b"case_id,activity,timestamp\nSO-1," + b"x" * (50 * 1024 * 1024) + b",2024-01-01\n"
    result = load_event_log(data, "long.csv", now=NOW)
    assert result.log is None and "longer than 1 MB" in result.report.errors[0].message
    assert load_event_log(gzip.compress(data, 1), "long.csv.gz", now=NOW).log is None


def test_excel_unicode_text_is_read():
    """Excel's "Unicode Text" export: UTF-16 little-endian with a byte order mark, tab-separated."""
    text = TINY_EVENTS.replace(",", "\t").replace("Ann", "安妮")
    for encoding in ("utf-16", "utf-16-be"):
        data = (b"\xfe\xff" if encoding == "utf-16-be" else b"") + text.encode(encoding)
        result = load_event_log(data, "events.txt", now=NOW)
        assert result.log is not None, result.report.to_frame()
        assert result.log.n_cases == 3 and "安妮" in set(map(str, result.log.to_frame()["resource"]))
