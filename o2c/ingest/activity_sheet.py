"""The activity mapping a workbook brings: the ``role`` column of the template's Activities sheet, naming the O2C
step (role) each activity name plays; a blank role leaves that name to the automatic matching."""

from __future__ import annotations

from o2c.errors import FixableError
from o2c.ingest.read import workbook_sheet_rows
from o2c.log.vocabulary import roles_from_pairs

ACTIVITIES_SHEET = "Activities"


def read_activity_map_sheet(data: bytes, filename: str) -> tuple[dict[str, str | None], list[FixableError]]:
    """Overrides (activity name -> role key, None for "no step") from the Activities sheet's ``activity`` and
    ``role`` columns, and the problem that made the sheet unusable (an unknown role, with its row); empty
    without such a sheet or column."""
    rows = workbook_sheet_rows(data, filename, ACTIVITIES_SHEET)
    if not rows:
        return {}, []
    header = [str(cell).strip().casefold() for cell in rows[0]]
    if "activity" not in header or "role" not in header:
        return {}, []
    activity, role = header.index("activity"), header.index("role")
    pairs = [
        (number, row[activity] if len(row) > activity else "", row[role] if len(row) > role else "")
        for number, row in enumerate(rows[1:], start=2)
    ]
    try:
        return roles_from_pairs(pairs, f"{filename} ({ACTIVITIES_SHEET})", blank_is_automatic=True), []
    except FixableError as error:
        return {}, [error]
