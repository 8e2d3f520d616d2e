"""The validation report: every problem found in an upload, with rows, examples and a fix."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from o2c.export import to_csv_bytes

Severity = Literal["error", "warning", "info"]
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
MAX_ROWS_LISTED = 20


@dataclass(frozen=True)
class Issue:
    """One problem: ``rows`` are spreadsheet row numbers as the user sees them (all affected rows)."""

    severity: Severity
    code: str
    message: str
    fix: str
    sheet: str = "Events"
    rows: tuple[int, ...] = ()
    count: int = 0
    examples: tuple[str, ...] = ()

    def rows_text(self) -> str:
        """The first affected rows, e.g. ``'2, 5, 9 (+120 more)'``."""
        shown = ", ".join(str(r) for r in self.rows[:MAX_ROWS_LISTED])
        more = len(self.rows) - MAX_ROWS_LISTED
        return f"{shown} (+{more:,} more)" if more > 0 else shown


def issue_for_rows(severity: Severity, code: str, message: str, fix: str, *, mask: np.ndarray,
                   row_numbers: np.ndarray, values: pd.Series | None = None, sheet: str = "Events") -> Issue | None:
    """An issue covering the rows where ``mask`` is true, or None when no row is affected."""
    count = int(mask.sum())
    if count == 0:
        return None
    examples: tuple[str, ...] = ()
    if values is not None:
        picked = values[mask].head(50)
        examples = tuple(dict.fromkeys(_show(v) for v in picked))[:3]
    return Issue(severity, code, message.format(count=count), fix, sheet,
                 tuple(int(r) for r in row_numbers[mask]), count, examples)


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

    def to_frame(self) -> pd.DataFrame:
        """One row per issue: severity, sheet, problem, count, rows, examples, fix."""
        return pd.DataFrame(
            [{"severity": i.severity, "sheet": i.sheet, "problem": i.message, "count": i.count,
              "rows": i.rows_text(), "examples": "; ".join(i.examples), "fix": i.fix} for i in self.issues],
            columns=["severity", "sheet", "problem", "count", "rows", "examples", "fix"])

    def to_records(self) -> list[dict]:
        """JSON-ready rows (all affected row numbers included)."""
        return [{"severity": i.severity, "code": i.code, "sheet": i.sheet, "message": i.message, "count": i.count,
                 "rows": list(i.rows), "examples": list(i.examples), "fix": i.fix} for i in self.issues]

    def to_csv(self) -> bytes:
        """The report as formula-safe CSV bytes."""
        return to_csv_bytes(self.to_frame())
