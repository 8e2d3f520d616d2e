"""User data is text on every page (issue #14): activity, account and file names full of Markdown, HTML and LaTeX
reach no Markdown-rendered element unescaped, and the escaping helper neutralises each kind of markup."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, open_app
from hostile import EVIL_HOST, FILE_NAME, hostile_csv

PAGES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))
# Element types whose text Streamlit renders as Markdown.
MARKDOWN_ELEMENTS = (
    "markdown",
    "caption",
    "info",
    "warning",
    "error",
    "success",
    "toast",
    "subheader",
    "header",
    "title",
    "expander",
    "latex",
)
ESCAPED = re.compile(r"\\[!-/:-@\[-`{-~]")


def unescaped(text: str) -> str:
    """The Markdown that would still act: escaped characters removed."""
    return ESCAPED.sub("", text)


def markup_from_data(text: str) -> list[str]:
    live = unescaped(text)
    found = re.findall(r"\]\((?!#)", live)  # a link or image, other than the pages' own links to a section
    found += [
        marker
        for marker in ("<img", "**bold", "_em_", ":red[", ":material/home", "$x^2", "www.evil", "http://" + EVIL_HOST)
        if marker in live
    ]
    return found


def test_md_neutralises_each_kind_of_markup():
    from ui.text import md

    for payload in [
        "![x](http://h/x.png)",
        "[a](javascript:alert(1))",
        "**b** __c__ *d* _e_",
        ":red[r]",
        ":material/home:",
        "$x$",
        "$$x$$",
        "<b>x</b>",
        "&lt;b&gt;",
        "`code`",
        "~~s~~",
        "# h",
        "- l",
        "1. o",
        "> q",
        "| a | b |",
        "http://h/x",
        "www.h.com",
        "a@b.com",
        "line\n# two",
    ]:
        escaped = md(payload)
        assert "\n" not in escaped
        live = unescaped(escaped)
        for marker in ("](", "**", "__", ":red[", ":material", "$", "<b", "&lt", "`", "~~", "http:", "www.", "@"):
            assert marker not in live, (payload, escaped)
        assert not re.match(r"^([-+#>]|\d+[.)])", live), (payload, escaped)
        resolved = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", escaped)  # GFM finds bare links after escapes resolve
        assert not re.search(r"(?i)https?://|www\.|[\w.+-]@", resolved), (payload, escaped)
    assert md("Orders: 2,000 of 2,000 · SO-404 · time_limit") == "Orders: 2,000 of 2,000 · SO-404 · time_limit"


def markdown_texts(at) -> list[str]:
    texts = []
    for kind in MARKDOWN_ELEMENTS:
        for element in at.get(kind):
            for attribute in ("value", "label", "body"):
                value = getattr(element, attribute, None)
                if isinstance(value, str):
                    texts.append(value)
    for element in at.get("metric"):
        texts += [element.label, element.help or ""]
    for kind in ("button", "page_link", "download_button", "popover"):
        for element in at.get(kind):
            texts += [getattr(element.proto, "label", ""), getattr(element.proto, "help", "")]
    return texts


@pytest.mark.parametrize("page", PAGES)
def test_hostile_names_render_as_text(page):
    at = open_app().run()
    at.file_uploader(key="upload").upload(FILE_NAME, hostile_csv(), "text/csv").run()
    assert not at.exception
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    for text in markdown_texts(at):
        assert not markup_from_data(text), (page, text)


def test_a_shared_link_cannot_inject_markup():
    at = open_app()
    at.query_params["account_name"] = f"![img](http://{EVIL_HOST}/md.png)"  # a value the data holds
    at.run()
    at.file_uploader(key="upload").upload(FILE_NAME, hostile_csv(), "text/csv").run()
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert any("md.png" in c for c in captions)
    assert not [c for c in captions if markup_from_data(c)]


def test_no_code_lets_markdown_render_html():
    """Style comes from ui/css/*.css; no Streamlit call may render HTML from a string (which could carry data)."""
    sources = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").rglob("*.py")]
    offending = [str(p.relative_to(ROOT)) for p in sources if "unsafe_allow_html=True" in p.read_text(encoding="utf-8")]
    assert offending == []
