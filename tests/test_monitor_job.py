"""``python -m o2c monitor``: targets, exit codes, snapshots per segment, the summary and the webhook."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from o2c.cli.main import main
from o2c.ingest.sample import generate_sample
from o2c.monitor.runs import run_series
from o2c.monitor.snapshots import SnapshotStore, workspace_path
from o2c.monitor.targets import parse_target
from o2c.workbook.template import build_template


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    path = tmp_path_factory.mktemp("sample") / "sample.xlsx"
    path.write_bytes(build_template(*generate_sample(2000, 7)))  # what `python -m o2c sample` writes
    return path


@pytest.fixture()
def data(tmp_path, monkeypatch):
    monkeypatch.setenv("O2C_EXPLORER_DATA", str(tmp_path / "data"))
    return tmp_path


def test_breached_target_exits_1_and_names_it(sample, data, capsys) -> None:
    # the sample's late payment rate is 269 / 1722 = 15.6% (tests/test_cli.py checks the value)
    assert main(["monitor", str(sample), "--target", "late_payment_rate<=0.10", "--workspace", "ops"]) == 1
    out = capsys.readouterr().out
    assert out == "BREACH all: late_payment_rate = 15.6%, target ≤ 10.0%\n"
    assert main(["monitor", str(sample), "--target", "late_payment_rate<=0.20", "--workspace", "ops"]) == 0
    assert capsys.readouterr().out == ""
    series = run_series(SnapshotStore(workspace_path("ops")))
    assert series["segment"].tolist() == ["all", "all"] and series["run"].tolist() == [1, 2]
    assert series["late_payment_rate"].tolist() == [269 / 1722] * 2
    assert [b for b in series["breaches"]] == [{"late_payment_rate"}, set()]
    assert [[t.text for t in ts] for ts in series["targets"]] == [
        ["late_payment_rate<=0.10"],
        ["late_payment_rate<=0.20"],
    ]


def test_config_file_segments_report_and_summary(sample, data, capsys) -> None:
    config = data / "monitor.toml"
    config.write_text(
        'targets = ["end_to_end_median<=40d", "on_time_delivery_rate>=80%"]\n'
        'segments = ["sales_channel"]\n'
        'workspace = "sales ops"\n'
        'report = "out/report.xlsx"\n'
        'summary = "out/summary.txt"\n'
    )
    (data / "out").mkdir()
    assert main(["monitor", str(sample), "--config", str(config)]) == 1
    # every order: 37.8 d and 83.1% hold; the Partner channel's slow order entry breaks the first target
    assert capsys.readouterr().out == "BREACH sales_channel=Partner: end_to_end_median = 41.7 d, target ≤ 40.0 d\n"
    series = run_series(SnapshotStore(workspace_path("sales-ops")))
    assert series["segment"].tolist() == [
        "all",
        "sales_channel=Direct",
        "sales_channel=Distributor",
        "sales_channel=Online",
        "sales_channel=Partner",
    ]
    assert series["orders"].sum() == 2 * 2000
    assert (data / "out" / "report.xlsx").read_bytes()[:2] == b"PK"
    summary = (data / "out" / "summary.txt").read_text()
    assert "O2C monitor: sample.xlsx" in summary and "Data: 2,000 orders, events 2024-01-01 to 2024-12-31" in summary
    assert "OK all: end_to_end_median = 37.8 d, target ≤ 40.0 d" in summary


def test_worse_than_previous_run_in_summary(sample, data, tmp_path) -> None:
    smaller = tmp_path / "smaller.xlsx"
    smaller.write_bytes(build_template(*generate_sample(300, 3)))
    args = ["--target", "orders>=1", "--store", str(data / "s.sqlite3"), "--summary", str(data / "sum.txt")]
    assert main(["monitor", str(sample), *args]) == 0
    assert main(["monitor", str(smaller), *args]) == 0
    summary = (data / "sum.txt").read_text()
    assert "Worse than the previous run:" in summary


class Hook(BaseHTTPRequestHandler):
    received: list[dict] = []
    status = 200

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        type(self).received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
        self.send_response(type(self).status)
        self.end_headers()


@pytest.fixture()
def hook():
    server = HTTPServer(("127.0.0.1", 0), Hook)
    Hook.received, Hook.status = [], 200
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()
    server.server_close()


def test_webhook_receives_the_result(sample, data, hook) -> None:
    assert main(["monitor", str(sample), "--target", "late_payment_rate<=0.10", "--webhook", hook]) == 1
    (body,) = Hook.received
    assert body["status"] == "breached" and body["source"] == "sample.xlsx"
    assert body["checks"] == [
        {
            "segment": "all",
            "kpi": "late_payment_rate",
            "target": "late_payment_rate<=0.10",
            "value": 269 / 1722,
            "holds": False,
            "missing": None,
        }
    ]
    assert "BREACH all: late_payment_rate = 15.6%" in body["text"]
    Hook.status = 500
    assert main(["monitor", str(sample), "--target", "late_payment_rate<=0.20", "--webhook", hook]) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--target", "late_rate<=0.1"], "unknown KPI 'late_rate'"),
        (["--target", "end_to_end_median<=3kg"], "unit 'kg' does not fit end_to_end_median"),
        ([], "no targets"),
        (["--target", "orders>=1", "--segment", "colour"], "no order attribute 'colour'"),
    ],
)
def test_errors_exit_2(sample, data, capsys, args, message) -> None:
    assert main(["monitor", str(sample), *args]) == 2
    assert message in capsys.readouterr().err


def test_missing_input_exits_2(data, capsys) -> None:
    assert main(["monitor", str(data / "nope.xlsx"), "--target", "orders>=1"]) == 2
    assert "no such file or dataset folder" in capsys.readouterr().err


def test_targets() -> None:
    assert parse_target("end_to_end_median <= 30d").value == 30 * 86_400
    assert parse_target("on_time_delivery_rate>=90%").value == pytest.approx(0.9)
    assert parse_target("open_order_age<12h").value == 12 * 3600
    target = parse_target("late_payment_rate<=0.10")
    assert target.holds(0.1) is True and target.holds(0.11) is False and target.holds(None) is None


def test_chinese_output(sample, data, capsys) -> None:
    args = ["monitor", str(sample), "--target", "late_payment_rate<=0.10", "--lang", "zh", "--summary", str(data / "s")]
    assert main(args) == 1
    assert capsys.readouterr().out == "BREACH all:late_payment_rate = 15.6%,目标 ≤ 10.0%\n"
    assert (data / "s").read_text().startswith("O2C 监控:sample.xlsx,运行于 ")
