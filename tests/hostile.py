"""A log full of Markdown, HTML, LaTeX and spreadsheet-formula payloads in every text the user controls (activity,
account, region and resource names, the file name), shared by the page tests and the browser test (issue #14)."""

from __future__ import annotations

import csv
import io

EVIL_HOST = "evil.invalid"
PAYLOADS = [
    f"![img](http://{EVIL_HOST}/md.png)",
    f"[link](http://{EVIL_HOST}/link)",
    f"<img src=http://{EVIL_HOST}/html.png>",
    "**bold** _em_",
    ":red[red] :material/home:",
    "$x^2$",
    '=HYPERLINK("http://evil.invalid/f","x")',
    f"www.{EVIL_HOST}",
]
FILE_NAME = f"![f](http://{EVIL_HOST}/file.png) **x** $y$.csv"
STEPS = ["Create Sales Order", "Credit Check Passed", "Shipped", "Invoice Sent", "Payment Received"]


def hostile_csv(orders: int = 24) -> bytes:
    """An event log whose every text field carries a payload; order i takes payload i mod n."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["case_id", "activity", "timestamp", "resource", "account_name", "region", "sales_channel"])
    for i in range(orders):
        payload = PAYLOADS[i % len(PAYLOADS)]
        steps = [*STEPS[:2], payload, payload, *STEPS[2:]] if i % 3 else STEPS  # the payload as a repeated step
        for j, step in enumerate(steps):
            writer.writerow(
                [
                    f"SO-{i}{payload}" if i % 4 == 0 else f"SO-{i}",
                    step,
                    f"2024-{1 + i % 6:02d}-{1 + j:02d}T{8 + j}:00:00Z",
                    payload if j % 2 else "Ann",
                    payload,
                    PAYLOADS[(i + 1) % len(PAYLOADS)],
                    payload,
                ]
            )
    return out.getvalue().encode()
