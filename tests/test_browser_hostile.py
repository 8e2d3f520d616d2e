"""Issue #14 in a real browser: a log whose activity, account and file names are Markdown, HTML, LaTeX and formula
payloads is uploaded and every page opened. No request may go to a host from the data, no markup from the data may
render (images, links, bold, colour, maths) and no page may raise."""

from __future__ import annotations

import re

import pytest
from hostile import EVIL_HOST, hostile_csv
from test_browser import browser, nav_link, page, server  # noqa: F401 - the same server and chromium fixtures

from ui.navigation import PAGES

pytestmark = pytest.mark.browser
URL_PATHS = [p.url_path for p in PAGES]
# A browser file name has no slashes; chromium reads backslashes in an http URL as slashes.
FILE_NAME = f"![f](http:\\\\{EVIL_HOST}\\file.png) **x** :red[y] $z$ <img src=x>.csv"


def rendered_markup(page) -> list[str]:  # noqa: F811 - a Playwright page
    """Markup inside the app's Markdown that came from the data."""
    return page.evaluate(
        """(host) => {
        const found = [];
        const root = document.querySelector('[data-testid="stApp"]') || document.body;
        for (const img of root.querySelectorAll('img')) {
            const src = img.getAttribute('src') || '';
            if (src.includes(host) || src === 'x') found.push(img.outerHTML);
        }
        for (const a of root.querySelectorAll('a[href]')) {
            // A link to the app itself may carry a name from the data in its query (an evidence link's focus).
            const target = new URL(a.getAttribute('href'), document.baseURI);
            if ((target.host + target.pathname).includes(host)) found.push(a.outerHTML);
        }
        for (const el of root.querySelectorAll('strong, b, em, i, span, mark')) {
            const text = (el.textContent || '').trim();
            if (['bold', 'em', 'x', 'red', 'y'].includes(text) && el.closest('[data-testid="stMarkdownContainer"]')) {
                found.push(el.outerHTML);
            }
        }
        for (const el of root.querySelectorAll('.katex, math')) found.push(el.outerHTML.slice(0, 200));
        return found;
    }""",
        EVIL_HOST,
    )


def test_hostile_names_stay_text_on_every_page(server, page):  # noqa: F811 - the imported fixtures
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server)
    page.get_by_role("heading", name="Your order data").wait_for()
    page.locator('[data-testid="stFileUploader"] input[type=file]').first.set_input_files(
        {"name": FILE_NAME, "mimeType": "text/csv", "buffer": hostile_csv()}
    )
    page.get_by_text(re.compile(r"Loaded \d+ orders")).wait_for()
    assert len(URL_PATHS) == 17 and URL_PATHS[0] == "data"
    for url_path in URL_PATHS:
        if url_path != "data":  # the default page, where the upload happened
            nav_link(page, url_path).click()
            page.wait_for_url(re.compile(rf"/{url_path}(\?|$)"))
        page.locator("h1").first.wait_for()
        page.wait_for_timeout(300)
        page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
        page.wait_for_timeout(500)
        assert not page.locator('[data-testid="stException"]').count(), url_path
        assert not rendered_markup(page), (url_path, rendered_markup(page))
        assert not [url for url in requests if EVIL_HOST in url], url_path
    assert not errors, errors
