"""The validation report: every problem found in an upload, with rows, examples and a fix."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from o2c.errors import Explained
from o2c.export import to_csv_bytes
from o2c.i18n import Language, t

Severity = Literal["error", "warning", "info"]
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
MAX_ROWS_LISTED = 20
_COLUMNS = ("severity", "sheet", "problem", "count", "rows", "examples", "fix")


@dataclass(frozen=True)
class Issue(Explained):
    """One problem: ``rows`` are spreadsheet row numbers as the user sees them (all affected rows).

    The message is the catalogue entry ``key`` and the fix ``key + ".fix"``, both formatted with ``values``;
    ``message``/``fix`` give the English text, ``message_in(lang)``/``fix_in(lang)`` any language.
    """

    severity: Severity
    code: str
    key: str
    values: tuple[tuple[str, object], ...] = ()
    sheet: str = "Events"
    rows: tuple[int, ...] = ()
    count: int = 0
    examples: tuple[str, ...] = ()

    def rows_text(self, lang: Language = "en") -> str:
        """The first affected rows, e.g. ``'2, 5, 9 (+120 more)'``."""
        shown = ", ".join(str(r) for r in self.rows[:MAX_ROWS_LISTED])
        more = len(self.rows) - MAX_ROWS_LISTED
        return t("validation.rows.more", lang, shown=shown, more=more) if more > 0 else shown


def issue(
    severity: Severity,
    code: str,
    key: str,
    *,
    sheet: str = "Events",
    count: int = 0,
    examples: tuple[str, ...] = (),
    **values: object,
) -> Issue:
    """An issue not tied to rows: the message ``key`` formatted with ``count`` and ``values``."""
    return Issue(severity, code, key, (("count", count), *values.items()), sheet, (), count, examples)


def issue_for_rows(
    severity: Severity,
    code: str,
    key: str,
    *,
    mask: np.ndarray,
    row_numbers: np.ndarray,
    values: pd.Series | None = None,
    sheet: str = "Events",
    **params: object,
) -> Issue | None:
    """An issue covering the rows where ``mask`` is true, or None when no row is affected.

    The message ``key`` is formatted with ``count`` (the rows affected) and ``params``; ``values`` gives examples.
    """
    count = int(mask.sum())
    if count == 0:
        return None
    examples: tuple[str, ...] = ()
    if values is not None:
        picked = values[mask].head(50)
        examples = tuple(dict.fromkeys(_show(v) for v in picked))[:3]
    return Issue(
        severity,
        code,
        key,
        (("count", count), *params.items()),
        sheet,
        tuple(int(r) for r in row_numbers[mask]),
        count,
        examples,
    )


def _show(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return "(empty)"
    return str(value)[:60]


@dataclass(frozen=True)
class ValidationReport:
    """All issues of one upload, errors first."""

    issues: tuple[Issue, ...]

    @classmethod
    def of(cls, issues: Iterable[Issue | None]) -> ValidationReport:
        """A report from issues, dropping Nones and sorting by severity."""
        kept = [i for i in issues if i is not None]
        return cls(tuple(sorted(kept, key=lambda i: _SEVERITY_ORDER[i.severity])))

    @property
    def ok(self) -> bool:
        """True when nothing blocks the analysis (warnings and notes may remain)."""
        return not self.errors

    @property
    def errors(self) -> tuple[Issue, ...]:
        """The blocking issues."""
        return tuple(i for i in self.issues if i.severity == "error")

    @property
    def warnings(self) -> tuple[Issue, ...]:
        """The issues the user may accept and go on."""
        return tuple(i for i in self.issues if i.severity == "warning")

    def to_frame(self, lang: Language = "en") -> pd.DataFrame:
        """One row per issue: severity, sheet, problem, count, rows, examples, fix; headers and text in ``lang``."""
        names = {c: t(f"validation.col.{c}", lang) for c in _COLUMNS}
        return pd.DataFrame(
            [
                {
                    names["severity"]: t(f"validation.severity.{i.severity}", lang),
                    names["sheet"]: i.sheet,
                    names["problem"]: i.message_in(lang),
                    names["count"]: i.count,
                    names["rows"]: i.rows_text(lang),
                    names["examples"]: "; ".join(i.examples),
                    names["fix"]: i.fix_in(lang),
                }
                for i in self.issues
            ],
            columns=list(names.values()),
        )

    def to_records(self) -> list[dict]:
        """JSON-ready rows (all affected row numbers included)."""
        return [
            {
                "severity": i.severity,
                "code": i.code,
                "sheet": i.sheet,
                "message": i.message,
                "count": i.count,
                "rows": list(i.rows),
                "examples": list(i.examples),
                "fix": i.fix,
            }
            for i in self.issues
        ]

    def to_csv(self, lang: Language = "en") -> bytes:
        """The report as formula-safe CSV bytes, in ``lang``."""
        return to_csv_bytes(self.to_frame(lang))
