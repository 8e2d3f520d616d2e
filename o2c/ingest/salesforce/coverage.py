"""What a conversion had to work with: the exports found, the ones lacking and what each lack costs, and the
status values that match no O2C step."""

from __future__ import annotations

import pandas as pd

from o2c.errors import Note
from o2c.log.vocabulary import match_role

_INVOICES = ("blng__Invoice__c", "Invoice")
_PAYMENTS = ("blng__Payment__c", "Payment", "PaymentLineInvoice")


def coverage_notes(frames: dict[str, pd.DataFrame]) -> list[Note]:
    """One note naming the exports found, then one per useful export that is lacking, saying what is lost."""
    if not frames:
        return []
    notes = [Note.of("validation.convert.found", count=len(frames), objects=", ".join(frames))]
    order = frames.get("Order")
    if order is None:
        notes.append(Note.of("validation.convert.lacks.order"))
    if "OrderHistory" not in frames:
        notes.append(Note.of("validation.convert.lacks.history"))
    if "User" not in frames:
        notes.append(Note.of("validation.convert.lacks.user"))
    account_names = order is not None and any(str(c).lower() == "account.name" for c in order.columns)
    if order is not None and "Account" not in frames and not account_names:
        notes.append(Note.of("validation.convert.lacks.account"))
    if "Task" not in frames:
        notes.append(Note.of("validation.convert.lacks.task"))
    if not any(kind in frames for kind in (*_INVOICES, *_PAYMENTS)):
        notes.append(Note.of("validation.convert.lacks.billing"))
    return notes


def unplaced_status_notes(events: pd.DataFrame) -> list[Note]:
    """A note listing the OrderHistory status values (with their events) that no vocabulary role matches."""
    if events.empty:
        return []
    status = (events["source_object"].astype(str) == "OrderHistory") & (
        events["source_field"].astype(str).str.lower() == "status"
    )
    names = events.loc[status, "activity"].astype(str)
    unplaced = names[names.map(lambda name: match_role(name) is None)].value_counts(sort=False)
    if unplaced.empty:
        return []
    values = ", ".join(f"{name} ({count})" for name, count in unplaced.items())
    return [Note.of("validation.convert.unplaced", count=len(unplaced), values=values)]
