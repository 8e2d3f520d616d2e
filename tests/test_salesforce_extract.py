"""Live extraction with the real simple-salesforce client against a local server with recorded REST responses."""

from __future__ import annotations

import datetime
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from requests.adapters import HTTPAdapter

from o2c.errors import ExtractError
from o2c.ingest.salesforce.convert import convert_exports
from o2c.ingest.salesforce.extract import QUERIES, connect, credentials_from_env, extract_exports, soql

V = "59.0"
O1, O2 = "8015g00000AbCdEAAV", "8015g00000AbCdFAAV"
JANE = "0055g00000ABCDEAA1"


def rec(kind: str, **fields: object) -> dict:
    return {"attributes": {"type": kind, "url": f"/services/data/v{V}/sobjects/{kind}/{fields.get('Id')}"}, **fields}


def user(name: str) -> dict:
    return {"attributes": {"type": "User", "url": "/x"}, "Name": name}


ORDER_PAGE_1 = {
    "totalSize": 2,
    "done": False,
    "nextRecordsUrl": f"/services/data/v{V}/query/01gXX0000000001AAA-1",
    "records": [
        rec(
            "Order",
            Id=O1,
            OrderNumber="00000100",
            Status="Activated",
            CreatedDate="2024-01-15T09:12:40.000+0000",
            CreatedBy=user("Jane Miller"),
            ActivatedDate="2024-01-16T08:05:12.000+0000",
            ActivatedBy=user("Jane Miller"),
            TotalAmount=12500.0,
            EffectiveDate="2024-01-15",
            AccountId="0015g00000XyZaBAAV",
            Account={"attributes": {"type": "Account", "url": "/a"}, "Name": "Acme GmbH"},
        )
    ],
}
ORDER_PAGE_2 = {
    "totalSize": 2,
    "done": True,
    "records": [
        rec(
            "Order",
            Id=O2,
            OrderNumber="00000101",
            Status="Draft",
            CreatedDate="2024-01-20T10:00:00.000+0000",
            CreatedBy=user("Tom Becker"),
            ActivatedDate=None,
            ActivatedBy=None,
            TotalAmount=800.5,
            EffectiveDate="2024-01-20",
            AccountId=None,
            Account=None,
        )
    ],
}
HISTORY = {
    "totalSize": 2,
    "done": True,
    "records": [
        rec(
            "OrderHistory",
            Id="0175g0000000002AAA",
            OrderId=O1,
            Field="Status",
            OldValue="Activated",
            NewValue="Shipped",
            CreatedDate="2024-02-02T15:40:00.000+0000",
            CreatedById=JANE,
            CreatedBy=user("Lena Vogt"),
        ),
        rec(
            "OrderHistory",
            Id="0175g0000000003AAA",
            OrderId=O2,
            Field="Status",
            OldValue="Draft",
            NewValue="Cancelled",
            CreatedDate="2024-01-21T09:00:00.000+0000",
            CreatedById=JANE,
            CreatedBy=user("Tom Becker"),
        ),
    ],
}
EMPTY = {"totalSize": 0, "done": True, "records": []}


def error(code: str, message: str) -> list[dict]:
    return [{"errorCode": code, "message": message}]


class FakeSalesforce(BaseHTTPRequestHandler):
    queries: list[str] = []

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        url = urlparse(self.path)
        if self.headers.get("Authorization") != "Bearer GOOD":
            return self.reply(401, error("INVALID_SESSION_ID", "Session expired or invalid"))
        if url.path == f"/services/data/v{V}/query/01gXX0000000001AAA-1":
            return self.reply(200, ORDER_PAGE_2)
        if url.path.rstrip("/") not in (f"/services/data/v{V}/query", f"/services/data/v{V}/queryAll"):
            return self.reply(404, error("NOT_FOUND", "The requested resource does not exist"))
        query = parse_qs(url.query)["q"][0]
        type(self).queries.append(query)
        target = query.split(" FROM ")[1].split()[0]
        if target.startswith("blng__") or target in ("Invoice", "Payment", "PaymentLineInvoice"):
            return self.reply(400, error("INVALID_TYPE", f"sObject type '{target}' is not supported."))
        if target == "OrderHistory" and "DataType" in query:  # an org with an older API: no DataType field
            return self.reply(
                400,
                error(
                    "INVALID_FIELD",
                    "\nCreatedBy.Name, DataType FROM OrderHistory\n"
                    "ERROR at Row:1:Column:80\nNo such column 'DataType' on entity "
                    "'OrderHistory'.",
                ),
            )
        if target == "Account" and self.server.deny_accounts:
            return self.reply(403, error("INSUFFICIENT_ACCESS", "insufficient access rights on object"))
        return self.reply(200, {"Order": ORDER_PAGE_1, "OrderHistory": HISTORY}.get(target, EMPTY))

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        fault = (
            b'<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv='
            b'"http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="urn:fault.partner.soap.sforce.com">'
            b"<soapenv:Body><soapenv:Fault><faultcode>INVALID_LOGIN</faultcode><detail><sf:LoginFault>"
            b"<sf:exceptionCode>INVALID_LOGIN</sf:exceptionCode><sf:exceptionMessage>Invalid username, "
            b"password, security token; or user locked out.</sf:exceptionMessage></sf:LoginFault></detail>"
            b"</soapenv:Fault></soapenv:Body></soapenv:Envelope>"
        )
        type(self).queries.append(self.path)
        self.send_response(500)
        self.send_header("Content-Type", "text/xml;charset=UTF-8")
        self.send_header("Content-Length", str(len(fault)))
        self.end_headers()
        self.wfile.write(fault)

    def reply(self, status: int, body: object) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json;charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Sforce-Limit-Info", "api-usage=5/15000")
        self.end_headers()
        self.wfile.write(data)


class HttpsToHttp(HTTPAdapter):
    """simple-salesforce builds https://{instance} URLs; the local recording server speaks plain HTTP."""

    def send(self, request, **kwargs):
        request.url = request.url.replace("https://", "http://", 1)
        return super().send(request, **kwargs)


@pytest.fixture()
def server():
    srv = HTTPServer(("127.0.0.1", 0), FakeSalesforce)
    srv.deny_accounts = False
    FakeSalesforce.queries = []
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def client(srv: HTTPServer, token: str = "GOOD"):
    port = srv.server_address[1]
    session = requests.Session()
    session.mount(f"https://127.0.0.1:{port}", HttpsToHttp())
    return connect(
        {"SF_INSTANCE_URL": f"http://127.0.0.1:{port}", "SF_ACCESS_TOKEN": token, "SF_API_VERSION": V}, session=session
    )


def test_extract_follows_pages_and_skips_missing_parts(server) -> None:
    ticks = []
    result = extract_exports(
        client(server),
        since=datetime.date(2024, 1, 1),
        progress=lambda name, n, done, total: ticks.append((name, n, done, total)),
    )
    assert result.counts["Order"] == 2  # second page came from nextRecordsUrl
    assert result.counts["OrderHistory"] == 2
    assert "blng__Invoice__c" not in result.counts
    assert any("DataType" in p for p in result.problems)
    assert any("blng__Invoice__c: not in this org" in p for p in result.problems)
    assert ticks[-1][2:] == (len(QUERIES), len(QUERIES))
    order_query = next(q for q in FakeSalesforce.queries if " FROM Order " in q or q.endswith("FROM Order"))
    assert "SystemModstamp >= 2024-01-01T00:00:00Z" in order_query
    history_queries = [q for q in FakeSalesforce.queries if "FROM OrderHistory" in q and "COUNT()" not in q]
    assert "DataType" in history_queries[0] and "DataType" not in history_queries[1]
    assert "CreatedDate >= 2024-01-01T00:00:00Z" in history_queries[1]


def test_extracted_files_convert_to_events(server) -> None:
    files = extract_exports(client(server)).files
    assert set(files) == {"Order.csv", "OrderHistory.csv"}
    assert files["Order.csv"].splitlines()[0].decode().split(",")[:3] == ["Id", "OrderNumber", "Status"]
    converted = convert_exports(files)
    events = converted.events
    assert events[events["case_id"] == O1]["activity"].tolist() == ["Create Sales Order", "Order Activated", "Shipped"]
    assert events[events["case_id"] == O2]["activity"].tolist() == ["Create Sales Order", "Order Cancelled"]
    assert events.iloc[0]["resource"] == "Jane Miller"
    assert converted.orders.set_index("case_id").loc[O1, "account_name"] == "Acme GmbH"


def test_bad_token_is_a_clear_error(server) -> None:
    with pytest.raises(ExtractError) as raised:
        extract_exports(client(server, token="EXPIRED"))
    assert "refused the credentials" in raised.value.message
    assert "INVALID_SESSION_ID" in raised.value.message
    assert "SF_ACCESS_TOKEN" in raised.value.fix


class ToLocalServer(HTTPAdapter):
    """Sends every request (login.salesforce.com included) to the local server over plain HTTP."""

    def __init__(self, port: int) -> None:
        super().__init__()
        self.port = port

    def send(self, request, **kwargs):
        path = request.url.split("/", 3)[3]
        request.url = f"http://127.0.0.1:{self.port}/{path}"
        return super().send(request, **kwargs)


def test_wrong_password_is_a_clear_error(server) -> None:
    session = requests.Session()
    session.mount("https://", ToLocalServer(server.server_address[1]))
    with pytest.raises(ExtractError) as raised:
        connect(
            {"SF_USERNAME": "jane@example.com", "SF_PASSWORD": "wrong", "SF_SECURITY_TOKEN": "t", "SF_API_VERSION": V},
            session=session,
        )
    assert "refused the credentials" in raised.value.message and "INVALID_LOGIN" in raised.value.message
    assert FakeSalesforce.queries == [f"/services/Soap/u/{V}"]  # the real client's SOAP login endpoint


def test_missing_permission_is_a_clear_error(server) -> None:
    server.deny_accounts = True
    with pytest.raises(ExtractError) as raised:
        extract_exports(client(server))
    assert raised.value.message.startswith("No permission to read Account")


def test_no_credentials() -> None:
    with pytest.raises(ExtractError) as raised:
        connect({})
    assert "No Salesforce credentials" in raised.value.message


def test_credentials_from_dotenv_and_environment(tmp_path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text("# org\nexport SF_USERNAME=jane@example.com\nSF_PASSWORD='pw'\nOTHER=x\n")
    found = credentials_from_env({"SF_PASSWORD": "from-env", "SF_SECURITY_TOKEN": "tok"}, dotenv)
    assert found == {"SF_USERNAME": "jane@example.com", "SF_PASSWORD": "from-env", "SF_SECURITY_TOKEN": "tok"}


def test_soql_without_since() -> None:
    task = next(q for q in QUERIES if q.name == "Task")
    assert soql(task, ["Id", "Subject"], None) == (
        "SELECT Id, Subject FROM Task WHERE What.Type IN ('Order', 'blng__Invoice__c', 'Invoice')"
    )
