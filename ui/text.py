"""The one way user data reaches Streamlit's Markdown: every text element (st.markdown, st.caption, st.info,
st.toast, st.subheader, expander labels, help= tooltips ...) renders Markdown, so a file name, activity or account
name must be escaped before it is put into such text, or shown with st.text."""

from __future__ import annotations

import re

_LINE_BREAKS = str.maketrans({"\r": " ", "\n": " ", "\u2028": " ", "\u2029": " ", "\x0b": " ", "\x0c": " "})
# What makes Markdown out of text on one line, each matched piece backslash-escaped (an escaped ASCII punctuation
# character is always literal in CommonMark). Ordinary punctuation ("Orders: 2,000", "SO-404", "time_limit") is left
# alone so the text reads the same in the page source and in tests.
_MARKUP = re.compile(
    r"[\\`*\[\]<>$|~&@]"  # links, images, emphasis, code, HTML tags and entities, maths, tables, e-mails
    r"|(?<![^\W_])_|_(?![^\W_])"  # _emphasis_ (an underscore inside a word is not)
    r"|:(?=\S)"  # :red[...], :material/icon:, :emoji:, and URL schemes (http://)
    r"|^[-+#=>]"  # a list, heading or quote when the text starts a line
    r"|(?<=^\d)[.)]|(?<=^\d\d)[.)]|(?<=^\d\d\d)[.)]"
)  # an ordered list when it starts a line


# GFM finds bare URLs and e-mail addresses in the text after escapes are resolved, so escaping cannot stop them:
# an invisible word joiner (U+2060) between "http" and "://", "www" and ".", or before "@" does.
_AUTOLINK = re.compile(r"(?i)(?<=https)(?=:)|(?<=http)(?=:)|(?<=ftp)(?=:)|(?<=www)(?=\.)|(?=@)")


def md(value: object) -> str:
    """``value`` as text that Streamlit's Markdown shows exactly as written, on one line.

    >>> print(md("![x](x.png) **b** :red[r] $x$ <b> time_limit"))
    !\\[x\\](x.png) \\*\\*b\\*\\* \\:red\\[r\\] \\$x\\$ \\<b\\> time_limit
    """
    text = str("" if value is None else value).translate(_LINE_BREAKS)
    text = _AUTOLINK.sub("\u2060", text)
    return _MARKUP.sub(lambda match: "\\" + match.group(0), text)


def tr_md(key: str, **values: object) -> str:
    """``tr(key, **values)`` with every text value escaped by ``md`` (numbers keep their format specs); use it
    whenever a translated sentence carries user data into Markdown-rendered text."""
    from ui.state import tr  # noqa: PLC0415 - ui.state uses md: a module-level import would be circular

    return tr(key, **{name: md(value) if isinstance(value, str) else value for name, value in values.items()})
