"""A local Salesforce replay server: an in-memory org answering the REST query API (2,000 records a page,
``nextRecordsUrl``), ``SELECT COUNT()`` and Bulk API 2.0 query jobs (create, poll InProgress → JobComplete or
Failed, CSV results paged with ``Sforce-Locator`` / ``Sforce-NumberOfRecords``), shaped like the real responses
(see ../shared/reference/salesforce-o2c.md §3.2, §4.3). It counts every call, so tests and the 1M-order
measurement (tests/measure_extract.py) can state how many HTTP calls a pull takes.

Records are text in the Bulk CSV form (``2024-01-15T09:12:40.000Z``); REST answers carry the REST form
(``+0000``) and relationship fields as nested objects. ``WHERE`` understands ``Field >|>=|< value`` joined by
AND; other conditions (``What.Type IN (...)``) keep every record.
"""

from __future__ import annotations

import io
import json
import re
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pandas as pd
import requests
from requests.adapters import HTTPAdapter

V = "59.0"
REST_PAGE = 2000
_CONDITION = re.compile(r"^([\w.]+)\s*(>=|>|<=|<|=)\s*(\S+)$")


class Org:
    """The org's records: object name -> frame of text columns (NaN for null)."""

    def __init__(self, tables: dict[str, pd.DataFrame]) -> None:
        self.tables = tables
        self.fail_objects: set[str] = set()
        self.calls: Counter[str] = Counter()
        self.queries: list[str] = []
        self.jobs: dict[str, dict] = {}
        self.rest_pages: dict[str, tuple[pd.DataFrame, list[str], str]] = {}
        self.lock = threading.Lock()

    def select(self, soql: str) -> tuple[str, list[str], pd.DataFrame]:
        """The object, the field list and the matching records of a SOQL query."""
        match = re.match(r"SELECT (.+?) FROM (\w+)(?: WHERE (.+))?$", soql.strip())
        if match is None:
            raise ValueError(soql)
        fields = [f.strip() for f in match.group(1).split(",")]
        name = match.group(2)
        if name not in self.tables:
            raise KeyError(name)
        table = self.tables[name]
        keep = pd.Series(True, index=table.index)
        for condition in (match.group(3) or "").split(" AND "):
            found = _CONDITION.match(condition.strip())
            if not found or found.group(1) not in table.columns:
                continue
            field, op, value = found.groups()
            column = pd.to_datetime(table[field], utc=True, format="ISO8601")
            bound = pd.Timestamp(value)
            keep &= {">": column > bound, ">=": column >= bound, "<": column < bound, "<=": column <= bound}.get(
                op, column == bound
            )
        rows = table[keep]
        return name, fields, rows.reindex(columns=[f for f in fields if f != "COUNT()"])


class _Handler(BaseHTTPRequestHandler):
    org: Org

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        url = urlparse(self.path)
        if self.headers.get("Authorization") != "Bearer GOOD":
            return self._json(401, [{"errorCode": "INVALID_SESSION_ID", "message": "Session expired or invalid"}])
        base = f"/services/data/v{V}"
        path = url.path.rstrip("/")
        params = parse_qs(url.query)
        if path in (f"{base}/query", f"{base}/queryAll"):
            return self._query(params["q"][0])
        if path.startswith(f"{base}/query/"):
            return self._rest_page(path.rsplit("/", 1)[1])
        job = re.fullmatch(rf"{base}/jobs/query/(\w+)(/results)?", path)
        if job and job.group(2):
            return self._results(job.group(1), params)
        if job:
            return self._poll(job.group(1))
        return self._json(404, [{"errorCode": "NOT_FOUND", "message": "The requested resource does not exist"}])

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        if urlparse(self.path).path.rstrip("/") != f"/services/data/v{V}/jobs/query":
            return self._json(404, [{"errorCode": "NOT_FOUND", "message": "not found"}])
        org = self.org
        org.calls["bulk_create"] += 1
        org.queries.append(body["query"])
        try:
            name, fields, rows = org.select(body["query"])
        except KeyError as missing:
            return self._json(400, [{"errorCode": "INVALID_TYPE", "message": f"sObject type {missing} not supported"}])
        with org.lock:
            job_id = f"750R{len(org.jobs):014d}"
            org.jobs[job_id] = {"name": name, "fields": fields, "rows": rows, "polls": 0}
        self._json(200, _job(job_id, name, body["operation"], "UploadComplete"))

    def _query(self, soql: str) -> None:
        org = self.org
        org.queries.append(soql)
        try:
            name, fields, rows = org.select(soql)
        except KeyError as missing:
            return self._json(400, [{"errorCode": "INVALID_TYPE", "message": f"sObject type {missing} not supported"}])
        if fields == ["COUNT()"]:
            org.calls["count"] += 1
            return self._json(200, {"totalSize": len(rows), "done": True, "records": []})
        org.calls["rest"] += 1
        with org.lock:
            key = f"01gR{len(org.rest_pages):014d}"
            org.rest_pages[key] = (rows, fields, name)
        self._json(200, _rest_body(key, 0, rows, fields, name))

    def _rest_page(self, locator: str) -> None:
        self.org.calls["rest"] += 1
        key, _, offset = locator.partition("-")
        rows, fields, name = self.org.rest_pages[key]
        self._json(200, _rest_body(key, int(offset), rows, fields, name))

    def _poll(self, job_id: str) -> None:
        org = self.org
        org.calls["bulk_poll"] += 1
        job = org.jobs[job_id]
        job["polls"] += 1
        if job["polls"] == 1:
            return self._json(200, _job(job_id, job["name"], "query", "InProgress"))
        if job["name"] in org.fail_objects:
            failed = _job(job_id, job["name"], "query", "Failed")
            failed["errorMessage"] = "QUERY_TIMEOUT: Your query request was running for too long."
            return self._json(200, failed)
        self._json(200, _job(job_id, job["name"], "query", "JobComplete"))

    def _results(self, job_id: str, params: dict[str, list[str]]) -> None:
        org = self.org
        org.calls["bulk_results"] += 1
        job = org.jobs[job_id]
        size = int(params.get("maxRecords", ["50000"])[0])
        start = int(params.get("locator", ["0"])[0] or 0)
        page = job["rows"].iloc[start : start + size]
        buffer = io.StringIO()
        page.to_csv(buffer, index=False, lineterminator="\n")
        data = buffer.getvalue().encode()
        following = start + size
        self.send_response(200)
        self.send_header("Content-Type", "text/csv")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Sforce-Locator", str(following) if following < len(job["rows"]) else "null")
        self.send_header("Sforce-NumberOfRecords", str(len(page)))
        self.end_headers()
        self.wfile.write(data)

    def _json(self, status: int, body: object) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json;charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Sforce-Limit-Info", "api-usage=5/15000")
        self.end_headers()
        self.wfile.write(data)


def _job(job_id: str, name: str, operation: str, state: str) -> dict:
    return {
        "id": job_id,
        "operation": operation,
        "object": name,
        "createdById": "0055g00000ABCDEAA1",
        "createdDate": "2024-03-01T10:00:00.000+0000",
        "systemModstamp": "2024-03-01T10:00:00.000+0000",
        "state": state,
        "concurrencyMode": "Parallel",
        "contentType": "CSV",
        "apiVersion": float(V),
        "lineEnding": "LF",
        "columnDelimiter": "COMMA",
    }


def _rest_body(key: str, offset: int, rows: pd.DataFrame, fields: list[str], name: str) -> dict:
    page = rows.iloc[offset : offset + REST_PAGE]
    following = offset + REST_PAGE
    body: dict = {"totalSize": len(rows), "done": following >= len(rows), "records": []}
    if following < len(rows):
        body["nextRecordsUrl"] = f"/services/data/v{V}/query/{key}-{following}"
    for values in page.itertuples(index=False):
        record: dict = {"attributes": {"type": name, "url": "/x"}}
        for field, value in zip(fields, values):
            text = None if isinstance(value, float) else _rest_text(str(value))
            parts = field.split(".")
            target = record
            for part in parts[:-1]:
                target = target.setdefault(part, {"attributes": {"type": part, "url": "/x"}})
            target[parts[-1]] = text
        body["records"].append(record)
    return body


def _rest_text(value: str) -> str:
    return value[:-1] + "+0000" if re.fullmatch(r"\d{4}-\d\d-\d\dT[\d:.]+Z", value) else value


class _HttpsToHttp(HTTPAdapter):
    """simple-salesforce builds https:// URLs; the replay server speaks plain HTTP."""

    def send(self, request, **kwargs):
        request.url = request.url.replace("https://", "http://", 1)
        return super().send(request, **kwargs)


class ReplayServer:
    """The org served on a free local port (start with ``with``); ``client()`` a logged-in simple-salesforce."""

    def __init__(self, org: Org) -> None:
        handler = type("Handler", (_Handler,), {"org": org})
        self.org = org
        self.http = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.port = self.http.server_address[1]

    def __enter__(self) -> ReplayServer:
        threading.Thread(target=self.http.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.http.shutdown()
        self.http.server_close()

    def credentials(self) -> dict[str, str]:
        """The SF_* settings that reach this server."""
        return {"SF_INSTANCE_URL": f"http://127.0.0.1:{self.port}", "SF_ACCESS_TOKEN": "GOOD", "SF_API_VERSION": V}

    def session(self) -> requests.Session:
        """A requests session that sends simple-salesforce's https calls to this server."""
        session = requests.Session()
        session.mount(f"https://127.0.0.1:{self.port}", _HttpsToHttp())
        return session

    def client(self):
        """A simple-salesforce client logged in to this server."""
        from o2c.ingest.salesforce.extract import connect

        return connect(self.credentials(), session=self.session())


STATUSES = ("Activated", "Shipped", "Invoiced", "Paid")


def generated_org(orders: int, start: str = "2024-01-01", minutes_apart: float = 30.0) -> dict[str, pd.DataFrame]:
    """An org with ``orders`` orders created ``minutes_apart`` apart from ``start``, each with one history row per
    status change (Draft → Activated → Shipped → Invoiced → Paid, hours apart); the other objects are empty."""
    import numpy as np

    ids = np.array([f"801R{i:014d}" for i in range(orders)], dtype=object)
    created = pd.Timestamp(start, tz="UTC") + pd.to_timedelta(np.arange(orders) * minutes_apart, unit="min")
    steps = len(STATUSES)
    changed = created.repeat(steps) + pd.to_timedelta(np.tile(np.arange(1, steps + 1) * 7, orders), unit="h")
    stamp = _bulk_time
    order = pd.DataFrame(
        {
            "Id": ids,
            "OrderNumber": [f"{i:08d}" for i in range(orders)],
            "Status": "Paid",
            "CreatedDate": stamp(created),
            "CreatedBy.Name": "Jane Miller",
            "TotalAmount": "1000.0",
            "EffectiveDate": created.strftime("%Y-%m-%d"),
            "SystemModstamp": stamp(changed[steps - 1 :: steps]),
        }
    )
    history = pd.DataFrame(
        {
            "Id": [f"017R{i:014d}" for i in range(orders * steps)],
            "OrderId": ids.repeat(steps),
            "Field": "Status",
            "OldValue": np.tile(("Draft", *STATUSES[:-1]), orders),
            "NewValue": np.tile(STATUSES, orders),
            "CreatedDate": stamp(changed),
            "CreatedById": "0055g00000ABCDEAA1",
            "CreatedBy.Name": "Lena Vogt",
        }
    )
    empty = pd.DataFrame({"Id": pd.Series(dtype=object)})
    tables = {"Order": order, "OrderHistory": history}
    return tables | {name: empty for name in ("OrderItem", "Task", "Account", "Opportunity", "User")}


def _bulk_time(values: pd.DatetimeIndex) -> list[str]:
    return list(values.strftime("%Y-%m-%dT%H:%M:%S.000Z"))
