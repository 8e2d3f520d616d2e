"""Salesforce record Ids: reports show the 15-character case-sensitive form, the API the 18-character one."""

from __future__ import annotations

import re

import pandas as pd

_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
_ID15 = re.compile(r"^[0-9A-Za-z]{15}$")


def to_18(value: str) -> str:
    """The 18-character Id of a 15-character one; other values are returned unchanged (trimmed).

    The suffix encodes, for each block of five characters, which ones are upper case.

    >>> to_18("001D000000IqhSL")
    '001D000000IqhSLIAZ'
    """
    text = value.strip()
    if not _ID15.match(text):
        return text
    suffix = ""
    for block in range(3):
        bits = sum(1 << i for i, char in enumerate(text[block * 5 : block * 5 + 5]) if "A" <= char <= "Z")
        suffix += _ALPHABET[bits]
    return text + suffix


def normalise_ids(values: pd.Series) -> pd.Series:
    """A column of Ids with every 15-character Id extended to 18; missing values stay missing.

    Works on the distinct values only, so it is cheap on long columns with repeated Ids.
    """
    codes, uniques = pd.factorize(values)
    converted = [to_18(str(u)) for u in uniques]
    out = pd.Series([None] * len(values), index=values.index, dtype=object)
    present = codes >= 0
    out[present] = pd.Index(converted, dtype=object)[codes[present]]
    return out
