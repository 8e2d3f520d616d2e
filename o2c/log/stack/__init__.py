"""The filter stack: behaviour, time and people filters applied in order after the sidebar's attribute, date and
variant filters, as Disco's filter stack, Celonis' selections and pm4py's filtering functions do.

Each filter is a small frozen object of plain data (``steps``), a vectorised boolean mask over the cases of an
``EventLog``; a trim keeps events instead and yields a derived ``EventLog`` (``trim``). ``run_stack`` applies them.

Text form, the same in the URL (repeated ``f=``, in stack order) and on the command line (``--filter``); the
keyword and its value are separated by ``:`` or ``=``; activity names are the log's names or O2C steps (roles,
e.g. ``payment_received``); ``A|B`` means either; durations are a number with ``s``, ``min``, ``h``, ``d`` or ``w``:

==============================  ===============================================================================
``has:A|B`` / ``lacks:A|B``     orders with any of the activities / with none of them
``starts:A`` / ``notstarts:A``  orders whose first event is (is not) A; ``ends:A`` / ``notends:A`` the last
``follows:A>B``                 A eventually followed by B; ``directly:A>B`` the next event; ``notfollows:`` and
                                ``notdirectly:`` the orders where it never happens
``follows:A>B<1d``              ... with at most 1 day between them; ``>1d`` more than 1 day
``duration>30d``                end-to-end time of at least 30 days; ``duration<2h``; ``duration:1d-30d``;
                                ``duration:p90-p100`` the slowest 10% of the orders kept so far
``time:A>B>3d``                 from the first A to the first B after it (orders without both left out); the
                                same bounds as ``duration``
``resource:Jane Doe``           an event by Jane Doe; ``role:``, ``department:``, ``event.<attribute>:`` alike;
                                ``resource@Credit Check:Jane Doe`` only her Credit Check events count
``rework:yes`` / ``rework:no``  orders with / without any repeated activity; ``rework:A`` A repeated,
                                ``norework:A`` A not repeated
``trim:A>B``                    keeps events, not orders: each order from its first A to its last B after it
``orders:SO-1|SO-2``            the orders with these ids (a list's "filter to these orders")
==============================  ===============================================================================

Unreadable entries are ignored (the rest of the link still works).
"""

from o2c.log.stack.describe import describe_step
from o2c.log.stack.run import check_steps, run_stack, stack_case_mask, unknown_names
from o2c.log.stack.steps import (
    Endpoint,
    EventAttribute,
    Follows,
    Orders,
    Performance,
    Presence,
    Rework,
    StackFilter,
    Trim,
)
from o2c.log.stack.syntax import duration_text, parse_duration, parse_step, step_text
from o2c.log.stack.trim import loaded_orders, trimmed

__all__ = [
    "Endpoint",
    "EventAttribute",
    "Follows",
    "Orders",
    "Performance",
    "Presence",
    "Rework",
    "StackFilter",
    "Trim",
    "check_steps",
    "describe_step",
    "duration_text",
    "loaded_orders",
    "parse_duration",
    "parse_step",
    "run_stack",
    "stack_case_mask",
    "step_text",
    "trimmed",
    "unknown_names",
]
