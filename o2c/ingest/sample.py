"""A synthetic Salesforce order-to-cash event log for demos, tests and benchmarks.

``generate_sample(orders, seed)`` returns ``(events, orders)`` frames named after ``o2c.log.columns`` and
``o2c.log.activities``. Everything is drawn with numpy arrays per process step, so a million orders
(about 11 million events) take about 10 seconds.

The world: 44 accounts (11 per channel: Direct, Partner, Online, Distributor) in 16 countries of
four regions (EMEA, North America, APAC, LATAM); 12 sales reps (3 per region) who own the orders;
back-office staff (Sales Manager, Credit Controller, Order Desk Agent, Warehouse Operator, Billing
Specialist, AR Clerk) and system users (role "System", department "IT"). Orders are created from
2024-01-01 to 2024-12-31 and the log is extracted at ``SNAPSHOT`` (2025-01-01 00:00 UTC): events
after it are dropped, so late-December orders are still open and unpaid invoices exist.
People work Mon-Fri 08:00-18:00 UTC; only system users act outside those hours.

Standard path: Create Sales Order -> Credit Check Passed -> Order Activated -> Order Confirmation
Sent -> Inventory Allocated -> Picked -> Shipped -> Delivered -> Invoice Created -> Invoice Sent ->
Payment Received. Orders of at least ``APPROVAL_THRESHOLD`` (25,000) get "Order Approved" by the
region's sales manager right after creation. 2% of orders are cancelled, half before activation and
half after inventory allocation; "Order Cancelled" is then their last event.

Planted problems (probabilities are per order, before the snapshot cut):

1. Repeated credit checks: of the credit-checked orders, 14% get "Credit Check Failed" followed by a
   "Credit Check Passed" (median 40 h later) and another 4% get "Credit Check Passed" twice
   (median 24 h apart). About 15% of all orders have two credit-check events.
2. Partner wait: the wait from the last credit-check event (or from creation/approval when the check
   is skipped) to "Order Activated" is lognormal with median 100 h (sigma 0.45) for Partner orders and
   2.5 h (sigma 0.8) for the other channels, before moving to working hours. Partner medians come out
   near 4.5 days against about 0.2 days; no other step depends on the channel (all accounts of a
   channel share the same weight and payment-term pattern), so this is the largest Partner gap.
3. Changes after confirmation: 9% of orders not cancelled before activation get "Order Changed"
   (median 30 h after the first "Inventory Allocated"), immediately followed by a second
   "Inventory Allocated".
4. Skipped credit checks: orders below ``CREDIT_CHECK_THRESHOLD`` (1,000) skip the credit check with
   probability 0.9; all other orders are checked.
5. Four-eyes violations: for credit-checked, non-Online orders owned by one of
   ``SELF_CHECKING_REPS`` the order owner (role "Sales Rep", department "Sales") performs the last
   "Credit Check Passed" with probability 0.15 - about 3% of all orders. The owner also creates every
   non-Online order; Online orders are created by the system user "B2B Commerce".
6. Late carrier: orders shipped with ``LATE_CARRIER`` have actual_delivery_date after
   requested_delivery_date with probability 0.5 (1 or more days late), the other carriers with
   probability 0.1; its Shipped -> Delivered transit has median 120 h against 50 h.
7. Late payers: invoices of the ``LATE_PAYERS`` accounts (one per channel) are paid 10 days (median,
   lognormal sigma 0.6) after the first reminder, which goes out on the first working day at least
   7 days after invoice_due_date. Every invoice still unpaid then gets "Payment Reminder Sent" on that
   day and every 14 days after it until paid. Other accounts pay after 0.75 x the payment-term days
   (lognormal sigma 0.22), so about 11% of their invoices are paid a few days late and about 2% get a
   reminder.

Other rules: invoice_due_date = invoice_date + payment-term days (Prepaid: 0 days; Prepaid invoices are
sent by "Billing Automation" and paid through "Payment Gateway" within hours). Invoices are created by
a nightly run (02:00 UTC) after delivery; invoice_amount = order_amount plus the country's VAT.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from o2c.log.activities import ACTIVITY_NAMES

SNAPSHOT = pd.Timestamp("2025-01-01", tz="UTC")
CREDIT_CHECK_THRESHOLD = 1_000.0
APPROVAL_THRESHOLD = 25_000.0
LATE_CARRIER = "Atlas Freight"
SELF_CHECKING_REPS = ("Marco Rossi", "Jason Brooks")
LATE_PAYERS = (
    "Pacific Rim Electronics Pte Ltd",
    "Redwood Channel Partners LLC",
    "Little Lion Retail Pte Ltd",
    "Milano Forniture Industriali SpA",
)

_START = np.datetime64("2024-01-01T00:00:00", "us")  # a Monday, so day % 7 is the weekday
_DAY = 86_400.0
_HOUR = 3_600.0
_SNAP = (SNAPSHOT.tz_localize(None).to_datetime64() - _START) / np.timedelta64(1, "s")

REGIONS = ("EMEA", "North America", "APAC", "LATAM")
CHANNELS = ("Direct", "Partner", "Online", "Distributor")
_CHANNEL_WEIGHTS = (0.40, 0.25, 0.20, 0.15)
# Every channel repeats the same weight and payment-term pattern, so channel never confounds timings.
_ACCOUNT_WEIGHTS = (3.0, 2.2, 1.8, 1.5, 1.3, 1.1, 1.0, 0.9, 0.8, 0.6, 0.5)
_ACCOUNT_TERMS = (
    "Net 30",
    "Net 45",
    "Net 30",
    "Net 60",
    "Net 30",
    "Net 30",
    "Net 45",
    "Net 30",
    "Net 60",
    "Net 30",
    "Prepaid",
)
PAYMENT_TERMS = {"Net 30": 30, "Net 45": 45, "Net 60": 60, "Prepaid": 0}

# country: (region index, currency, VAT rate)
_COUNTRIES = {
    "Germany": (0, "EUR", 0.19),
    "United Kingdom": (0, "GBP", 0.20),
    "France": (0, "EUR", 0.20),
    "Netherlands": (0, "EUR", 0.21),
    "Italy": (0, "EUR", 0.22),
    "Spain": (0, "EUR", 0.21),
    "Switzerland": (0, "CHF", 0.081),
    "United States": (1, "USD", 0.0),
    "Canada": (1, "CAD", 0.05),
    "Australia": (2, "AUD", 0.10),
    "Singapore": (2, "SGD", 0.09),
    "Japan": (2, "USD", 0.0),
    "Brazil": (3, "USD", 0.0),
    "Mexico": (3, "USD", 0.0),
    "Chile": (3, "USD", 0.0),
    "Colombia": (3, "USD", 0.0),
}
# (name, country, industry), 11 per channel in CHANNELS order; position i gets _ACCOUNT_WEIGHTS[i].
_ACCOUNTS = (
    ("Northwind Industrial GmbH", "Germany", "Manufacturing"),
    ("Summit Health Systems Inc.", "United States", "Healthcare"),
    ("Bluewater Logistics Ltd", "United Kingdom", "Transportation"),
    ("Granite Peak Construction LLC", "United States", "Construction"),
    ("Helios Energie SA", "France", "Energy"),
    ("Pacific Rim Electronics Pte Ltd", "Singapore", "Technology"),
    ("Aurora Pharma AG", "Switzerland", "Pharmaceuticals"),
    ("Maplecrest Foods Inc.", "Canada", "Food & Beverage"),
    ("Andes Mining SA", "Chile", "Mining"),
    ("Kangaroo Valley Agritech Pty Ltd", "Australia", "Agriculture"),
    ("Rio Verde Bebidas Ltda", "Brazil", "Food & Beverage"),
    ("Vertex Systems Integration BV", "Netherlands", "Technology"),
    ("Lakeside IT Solutions Inc.", "United States", "Technology"),
    ("Crown Office Partners Ltd", "United Kingdom", "Professional Services"),
    ("Southern Cross Digital Pty Ltd", "Australia", "Technology"),
    ("Alpenland Automation GmbH", "Germany", "Manufacturing"),
    ("Redwood Channel Partners LLC", "United States", "Wholesale"),
    ("Lumiere Conseil SARL", "France", "Professional Services"),
    ("Sakura Tech Partners KK", "Japan", "Technology"),
    ("Aztec Integradores SA de CV", "Mexico", "Technology"),
    ("Toronto Data Works Inc.", "Canada", "Technology"),
    ("Bogota Soluciones SAS", "Colombia", "Technology"),
    ("BrightDesk Supplies Inc.", "United States", "Retail"),
    ("Fresh Basket Markets Ltd", "United Kingdom", "Retail"),
    ("Cafe Central Gruppe GmbH", "Germany", "Hospitality"),
    ("Harbour City Clinics Pty Ltd", "Australia", "Healthcare"),
    ("Prairie Schools Purchasing Co-op", "United States", "Education"),
    ("Little Lion Retail Pte Ltd", "Singapore", "Retail"),
    ("Studio Nove Srl", "Italy", "Media"),
    ("Casa Bonita Hoteles SA", "Spain", "Hospitality"),
    ("Patagonia Outdoor SpA", "Chile", "Retail"),
    ("Great Lakes Dental LLC", "United States", "Healthcare"),
    ("Mercado Sol SA de CV", "Mexico", "Retail"),
    ("EuroParts Distribution GmbH", "Germany", "Wholesale"),
    ("Atlantic Supply Co.", "United States", "Wholesale"),
    ("Iberia Distribuciones SL", "Spain", "Wholesale"),
    ("Midwest Industrial Supply Inc.", "United States", "Wholesale"),
    ("Oceania Trade Distributors Pty Ltd", "Australia", "Wholesale"),
    ("Milano Forniture Industriali SpA", "Italy", "Wholesale"),
    ("Benelux Components BV", "Netherlands", "Electronics"),
    ("Great North Distributors Ltd", "Canada", "Wholesale"),
    ("Sao Paulo Distribuidora Ltda", "Brazil", "Wholesale"),
    ("Lion City Wholesale Pte Ltd", "Singapore", "Wholesale"),
    ("Thames Valley Trading Ltd", "United Kingdom", "Wholesale"),
)
_ORDER_TYPES = {"Reorder": 0.50, "New": 0.40, "Upgrade": 0.085, "Return": 0.015}
CARRIERS = {
    "Swiftline Express": 0.26,
    LATE_CARRIER: 0.20,
    "Blue Ocean Logistics": 0.20,
    "Northstar Parcel": 0.18,
    "Meridian Cargo": 0.16,
}
_WAREHOUSES = (
    ("DC Hamburg", 0),
    ("DC Rotterdam", 0),
    ("DC Memphis", 1),
    ("DC Reno", 1),
    ("DC Singapore", 2),
    ("DC Sao Paulo", 3),
)

# Users: (name, role, department). Reps come first, so an owner index is also a resource code; the
# other groups are contiguous and addressed by their first member below.
_REPS = (
    "Jane Miller",
    "Marco Rossi",
    "Sophie Laurent",
    "Kevin Walsh",
    "Emily Carter",
    "Jason Brooks",
    "Priya Nair",
    "Daniel Tan",
    "Olivia Chen",
    "Lucas Oliveira",
    "Camila Torres",
    "Diego Hernandez",
)
_STAFF = {
    ("Sales Manager", "Sales"): ("Thomas Becker", "Rachel Adams", "Hiroshi Sato", "Ana Ribeiro"),
    ("Credit Controller", "Credit Control"): ("Anna Schmidt", "Mark Thompson", "Li Wei", "Isabel Garcia"),
    ("Order Desk Agent", "Customer Service"): (
        "Sarah Johnson",
        "Tom Novak",
        "Aisha Khan",
        "Pedro Alves",
        "Emma Wilson",
    ),
    # two operators per warehouse, in _WAREHOUSES order
    ("Warehouse Operator", "Logistics"): (
        "Jonas Weber",
        "Lukas Fischer",
        "Daan de Vries",
        "Sanne Bakker",
        "Marcus Reed",
        "Tyler Jones",
        "Chris Martin",
        "Ashley Moore",
        "Wei Ming Lim",
        "Nur Aisyah",
        "Rafael Souza",
        "Bruna Lima",
    ),
    ("Billing Specialist", "Finance"): ("Claire Dubois", "Nina Petrova", "Ryan Cooper"),
    ("AR Clerk", "Finance"): ("Fatima Hassan", "George Evans", "Mei Ling Wong"),
    ("System", "IT"): (
        "B2B Commerce",
        "Salesforce Flow",
        "SAP Integration",
        "Carrier Integration",
        "Billing Automation",
        "Payment Gateway",
    ),
}
RESOURCES: tuple[tuple[str, str, str], ...] = tuple((name, "Sales Rep", "Sales") for name in _REPS) + tuple(
    (name, role, dept) for (role, dept), names in _STAFF.items() for name in names
)
_RES = {name: i for i, (name, _, _) in enumerate(RESOURCES)}
_MANAGER, _CREDIT, _DESK = _RES["Thomas Becker"], _RES["Anna Schmidt"], _RES["Sarah Johnson"]
_OPERATOR, _BILLING, _AR = _RES["Jonas Weber"], _RES["Claire Dubois"], _RES["Fatima Hassan"]

_SOURCE_OBJECTS = {
    "Create Sales Order": "Order",
    "Credit Check Passed": "ProcessInstanceStep",
    "Credit Check Failed": "ProcessInstanceStep",
    "Order Approved": "ProcessInstance",
    "Order Activated": "OrderHistory",
    "Order Confirmation Sent": "EmailMessage",
    "Inventory Allocated": "OrderHistory",
    "Picked": "OrderHistory",
    "Shipped": "Shipment",
    "Delivered": "Shipment",
    "Invoice Created": "blng__Invoice__c",
    "Invoice Sent": "EmailMessage",
    "Payment Reminder Sent": "Task",
    "Payment Received": "blng__Payment__c",
    "Order Changed": "OrderHistory",
    "Order Cancelled": "OrderHistory",
}
_ACT = {name: i for i, name in enumerate(ACTIVITY_NAMES)}
EVENT_COLUMN_NAMES = (
    "case_id",
    "activity",
    "timestamp",
    "resource",
    "role",
    "department",
    "document_id",
    "event_amount",
    "source_object",
)

# Lookup arrays derived from the tables above (index by account, country or resource code).
_COUNTRY_NAMES = tuple(_COUNTRIES)
_CURRENCIES = tuple(sorted({c for _, c, _ in _COUNTRIES.values()}))
_INDUSTRIES = tuple(sorted({i for _, _, i in _ACCOUNTS}))
_ROLES = tuple(sorted({r for _, r, _ in RESOURCES}))
_DEPARTMENTS = tuple(sorted({d for _, _, d in RESOURCES}))
_SOURCE_NAMES = tuple(sorted(set(_SOURCE_OBJECTS.values())))
_STATUSES = ("Draft", "Activated", "Shipped", "Delivered", "Invoiced", "Closed", "Cancelled")
_COUNTRY_REGION = np.array([r for r, _, _ in _COUNTRIES.values()])
_COUNTRY_CURRENCY = np.array([_CURRENCIES.index(c) for _, c, _ in _COUNTRIES.values()])
_COUNTRY_VAT = np.array([v for _, _, v in _COUNTRIES.values()])
_ACCOUNT_COUNTRY = np.array([_COUNTRY_NAMES.index(c) for _, c, _ in _ACCOUNTS])
_ACCOUNT_INDUSTRY = np.array([_INDUSTRIES.index(i) for _, _, i in _ACCOUNTS])
_ACCOUNT_TERM = np.tile([list(PAYMENT_TERMS).index(t) for t in _ACCOUNT_TERMS], len(CHANNELS))
_TERM_DAYS = np.array(list(PAYMENT_TERMS.values()))
_ACCOUNT_IDS = ("0015g00000", 339_149_052 + 7_919 * np.arange(len(_ACCOUNTS)))
_RESOURCE_ROLE = np.array([_ROLES.index(r) for _, r, _ in RESOURCES])
_RESOURCE_DEPARTMENT = np.array([_DEPARTMENTS.index(d) for _, _, d in RESOURCES])
_ACTIVITY_SOURCE = np.array([_SOURCE_NAMES.index(_SOURCE_OBJECTS[a]) for a in ACTIVITY_NAMES])
_WAREHOUSE_FIRST = np.array([min(i for i, (_, r) in enumerate(_WAREHOUSES) if r == reg) for reg in range(4)])
_WAREHOUSE_COUNT = np.bincount([r for _, r in _WAREHOUSES], minlength=4)


def generate_sample(orders: int = 2000, seed: int = 7) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Generate a synthetic O2C log: ``(events, orders)`` frames, deterministic for a given seed.

    ``events`` has the columns ``EVENT_COLUMN_NAMES`` (timestamps tz-aware UTC, text as Categorical),
    sorted by case_id then timestamp. ``orders`` has one row per order and every column of
    ``o2c.log.columns.ORDER_COLUMNS``; date columns are datetime64[us] at midnight, NaT where not reached
    by the snapshot. The planted process problems are described in this module's docstring.

    >>> events, orders = generate_sample(200, seed=1)
    >>> len(orders), set(events["case_id"]) == set(orders["case_id"])
    (200, True)
    """
    if orders < 1:
        raise ValueError("orders must be at least 1")
    rng = np.random.default_rng(seed)
    attrs = _draw_orders(rng, orders)
    times, flags = _draw_times(rng, attrs)
    reached = {step: values <= _SNAP for step, values in times.items()}  # NaN compares False
    documents, document_names = _documents(times, reached)
    # Salesforce Ids grow with creation order, with gaps left by other records of the org.
    case_ids = _salesforce_ids("8015g00000", 156_630_056 + np.cumsum(rng.integers(1, 8, orders)))
    events = _events_frame(rng, attrs, times, flags, reached, documents, document_names, case_ids)
    table = _orders_frame(rng, attrs, times, reached, documents, document_names, case_ids)
    return events, table


# ---------------------------------------------------------------------------------------------- drawing


def _draw_orders(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """Per-order attributes that do not depend on time."""
    weights = np.outer(_CHANNEL_WEIGHTS, np.divide(_ACCOUNT_WEIGHTS, sum(_ACCOUNT_WEIGHTS))).ravel()
    account = rng.choice(len(_ACCOUNTS), n, p=weights)
    country = _ACCOUNT_COUNTRY[account]
    region = _COUNTRY_REGION[country]
    channel = account // len(_ACCOUNT_WEIGHTS)
    online = channel == CHANNELS.index("Online")
    amount = np.where(online, 1_100.0, 4_200.0) * np.exp(np.where(online, 0.9, 1.1) * rng.standard_normal(n))
    amount = np.round(np.maximum(amount, 25.0), 2)
    return {
        "account": account,
        "country": country,
        "region": region,
        "channel": channel,
        "online": online,
        "amount": amount,
        "owner": region * 3 + rng.integers(0, 3, n),
        "order_type": rng.choice(len(_ORDER_TYPES), n, p=list(_ORDER_TYPES.values())),
        "lines": 1 + rng.poisson(np.clip(np.log(amount / 300.0), 0.1, None)),
        "carrier": rng.choice(len(CARRIERS), n, p=list(CARRIERS.values())),
        "warehouse": _WAREHOUSE_FIRST[region] + (rng.random(n) * _WAREHOUSE_COUNT[region]).astype(np.int64),
        "term": _ACCOUNT_TERM[account],
        "term_days": _TERM_DAYS[_ACCOUNT_TERM[account]],
    }


def _lognormal(rng: np.random.Generator, median_hours: float | np.ndarray, sigma: float, n: int) -> np.ndarray:
    """Durations in seconds with a long right tail."""
    return median_hours * _HOUR * np.exp(sigma * rng.standard_normal(n))


def _working_time(rng: np.random.Generator, t: np.ndarray) -> np.ndarray:
    """Move times outside Mon-Fri 08:00-18:00 to 08:00-09:30 of the next working morning."""
    day = np.floor(t / _DAY)
    hour = (t - day * _DAY) / _HOUR
    weekday = day % 7
    inside = (weekday < 5) & (hour >= 8) & (hour < 18)
    early = (weekday < 5) & (hour < 8)
    shift = np.select([early, weekday == 4, weekday == 5], [0, 3, 2], default=1)
    morning = (day + shift) * _DAY + 8 * _HOUR + rng.uniform(0, 1.5 * _HOUR, t.size)
    return np.where(inside, t, morning)


def _creation_times(rng: np.random.Generator, online: np.ndarray) -> np.ndarray:
    """People create orders in working hours, the web shop around the clock; busier before quarter ends."""
    days = np.arange(366)  # 2024 is a leap year
    quarter_end = pd.DatetimeIndex(_START + days * np.timedelta64(1, "D")).is_quarter_end
    closing = np.convolve(quarter_end, np.ones(10))[9 : 9 + days.size] > 0  # a quarter end within 10 days
    weight = (0.9 + 0.2 * days / days.size) * np.where(closing, 1.4, 1.0)
    weekday = days % 7 < 5
    people = np.where(weekday, weight, 0.0)
    shop = np.where(weekday, weight, 0.6 * weight)
    n = online.size
    people_time = rng.choice(days.size, n, p=people / people.sum()) * _DAY + (8 + 10 * rng.beta(2, 2, n)) * _HOUR
    shop_time = (rng.choice(days.size, n, p=shop / shop.sum()) + rng.random(n)) * _DAY
    return np.where(online, shop_time, people_time)


def _draw_times(
    rng: np.random.Generator, a: dict[str, np.ndarray]
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Seconds since 2024-01-01 for every step of every order (NaN where the step never happens), and flags."""
    n = a["amount"].size
    nan = np.full(n, np.nan)
    t: dict[str, np.ndarray] = {"create": _creation_times(rng, a["online"])}

    large = a["amount"] >= APPROVAL_THRESHOLD
    t["approved"] = np.where(large, _working_time(rng, t["create"] + _lognormal(rng, 6, 1.0, n)), nan)
    ready = np.where(large, t["approved"], t["create"])

    checked = ~((a["amount"] < CREDIT_CHECK_THRESHOLD) & (rng.random(n) < 0.9))
    draw = rng.random(n)
    failed = checked & (draw < 0.14)
    twice = checked & (draw >= 0.14) & (draw < 0.18)
    t["check1"] = np.where(checked, _working_time(rng, ready + _lognormal(rng, 4, 1.0, n)), nan)
    recheck_wait = _lognormal(rng, np.where(failed, 40.0, 24.0), 0.8, n)
    t["check2"] = np.where(failed | twice, _working_time(rng, t["check1"] + recheck_wait), nan)
    credit_done = np.fmax(np.fmax(ready, t["check1"]), t["check2"])
    self_check = (
        checked & ~a["online"] & np.isin(a["owner"], [_RES[r] for r in SELF_CHECKING_REPS]) & (rng.random(n) < 0.15)
    )

    cancelled = rng.random(n) < 0.02
    early_cancel = cancelled & (rng.random(n) < 0.5)
    t["cancel_early"] = np.where(early_cancel, _working_time(rng, credit_done + _lognormal(rng, 20, 1.0, n)), nan)

    partner = a["channel"] == CHANNELS.index("Partner")
    wait = np.where(partner, _lognormal(rng, 100, 0.45, n), _lognormal(rng, 2.5, 0.8, n))
    go = ~early_cancel
    t["activated"] = np.where(go, _working_time(rng, credit_done + wait), nan)
    t["confirmed"] = t["activated"] + _lognormal(rng, 0.15, 0.5, n)
    t["allocated"] = t["confirmed"] + _lognormal(rng, 1.5, 0.8, n)
    changed = go & (rng.random(n) < 0.09)
    t["changed"] = np.where(changed, _working_time(rng, t["allocated"] + _lognormal(rng, 30, 0.9, n)), nan)
    t["reallocated"] = t["changed"] + _lognormal(rng, 1.0, 0.6, n)
    allocated = np.fmax(t["allocated"], t["reallocated"])

    late_cancel = cancelled & ~early_cancel
    t["cancel_late"] = np.where(late_cancel, _working_time(rng, allocated + _lognormal(rng, 20, 1.0, n)), nan)
    t["picked"] = np.where(go & ~late_cancel, _working_time(rng, allocated + _lognormal(rng, 20, 0.7, n)), nan)
    t["shipped"] = _working_time(rng, t["picked"] + _lognormal(rng, 5, 0.6, n))
    slow = a["carrier"] == list(CARRIERS).index(LATE_CARRIER)
    transit = np.where(slow, _lognormal(rng, 120, 0.45, n), _lognormal(rng, 50, 0.4, n))
    t["delivered"] = _working_time(rng, t["shipped"] + transit)
    # the nightly billing run at 02:00 after delivery
    t["invoiced"] = (np.floor((t["delivered"] - 2 * _HOUR) / _DAY) + 1) * _DAY + 2 * _HOUR + rng.uniform(0, 2400, n)

    prepaid = a["term_days"] == 0
    t["sent"] = np.where(
        prepaid, t["invoiced"] + rng.uniform(60, 900, n), _working_time(rng, t["invoiced"] + _lognormal(rng, 5, 0.8, n))
    )
    first_reminder = np.floor(t["invoiced"] / _DAY) + a["term_days"] + 7
    first_reminder += np.select([first_reminder % 7 == 5, first_reminder % 7 == 6], [2, 1], 0)
    t["reminder"] = first_reminder * _DAY + 9 * _HOUR + rng.uniform(0, 2 * _HOUR, n)
    late_payer = np.isin(a["account"], [i for i, (name, _, _) in enumerate(_ACCOUNTS) if name in LATE_PAYERS])
    on_terms = _working_time(rng, t["sent"] + a["term_days"] * _DAY * 0.75 * np.exp(0.22 * rng.standard_normal(n)))
    t["paid"] = np.select(
        [late_payer, prepaid],
        [_working_time(rng, t["reminder"] + _lognormal(rng, 240, 0.6, n)), t["sent"] + _lognormal(rng, 2, 0.5, n)],
        on_terms,
    )
    return t, {"failed": failed, "self_check": self_check}


# ---------------------------------------------------------------------------------------------- frames


def _events_frame(
    rng: np.random.Generator,
    a: dict[str, np.ndarray],
    t: dict[str, np.ndarray],
    flags: dict[str, np.ndarray],
    reached: dict[str, np.ndarray],
    documents: dict[str, np.ndarray],
    document_names: np.ndarray,
    case_ids: np.ndarray,
) -> pd.DataFrame:
    n = a["amount"].size
    blocks: list[tuple[np.ndarray, int, np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []

    def emit(
        activity: str,
        step: str,
        resource: np.ndarray | int,
        doc: np.ndarray | None = None,
        amount: np.ndarray | None = None,
        mask: np.ndarray | None = None,
    ) -> None:
        idx = np.flatnonzero(reached[step] if mask is None else reached[step] & mask)
        add(
            activity,
            idx,
            t[step][idx],
            np.broadcast_to(resource, (n,))[idx],
            None if doc is None else doc[idx],
            None if amount is None else amount[idx],
        )

    def add(
        activity: str,
        idx: np.ndarray,
        time: np.ndarray,
        resource: np.ndarray,
        doc: np.ndarray | None,
        amount: np.ndarray | None,
    ) -> None:
        blocks.append(
            (
                idx,
                _ACT[activity],
                time,
                resource,
                np.full(idx.size, -1, np.int32) if doc is None else doc,
                np.full(idx.size, np.nan) if amount is None else amount,
            )
        )

    def staff(first: int, size: int) -> np.ndarray:
        return first + rng.integers(0, size, n)

    controller = staff(_CREDIT, 4)
    last_check = np.where(flags["self_check"], a["owner"], staff(_CREDIT, 4))
    prepaid = a["term_days"] == 0
    operator = _OPERATOR + 2 * a["warehouse"] + rng.integers(0, 2, n)
    invoice_amount = _invoice_amounts(a)

    emit("Create Sales Order", "create", np.where(a["online"], _RES["B2B Commerce"], a["owner"]), amount=a["amount"])
    emit("Order Approved", "approved", _MANAGER + a["region"])
    emit("Credit Check Failed", "check1", controller, mask=flags["failed"])
    emit(
        "Credit Check Passed", "check1", np.where(np.isnan(t["check2"]), last_check, controller), mask=~flags["failed"]
    )
    emit("Credit Check Passed", "check2", last_check)
    emit("Order Cancelled", "cancel_early", staff(_DESK, 5))
    emit("Order Activated", "activated", staff(_DESK, 5))
    emit("Order Confirmation Sent", "confirmed", _RES["Salesforce Flow"])
    emit("Inventory Allocated", "allocated", _RES["SAP Integration"])
    emit("Order Changed", "changed", staff(_DESK, 5))
    emit("Inventory Allocated", "reallocated", _RES["SAP Integration"])
    emit("Order Cancelled", "cancel_late", staff(_DESK, 5))
    emit("Picked", "picked", operator)
    emit("Shipped", "shipped", operator, doc=documents["shipped"])
    emit("Delivered", "delivered", _RES["Carrier Integration"], doc=documents["shipped"])
    emit("Invoice Created", "invoiced", _RES["Billing Automation"], doc=documents["invoiced"], amount=invoice_amount)
    emit(
        "Invoice Sent",
        "sent",
        np.where(prepaid, _RES["Billing Automation"], staff(_BILLING, 3)),
        doc=documents["invoiced"],
    )
    # Reminders go out every 14 days from the first one while the invoice is open.
    open_until = np.fmin(np.where(reached["paid"], t["paid"], np.inf), _SNAP)
    count = np.where(
        reached["sent"] & (open_until > t["reminder"]),
        np.ceil((open_until - np.nan_to_num(t["reminder"])) / (14 * _DAY)),
        0,
    ).astype(np.int64)
    idx = np.repeat(np.arange(n), count)
    nth = np.arange(idx.size) - np.repeat(np.cumsum(count) - count, count)
    add(
        "Payment Reminder Sent",
        idx,
        t["reminder"][idx] + nth * 14 * _DAY,
        staff(_AR, 3)[idx],
        documents["invoiced"][idx],
        None,
    )
    emit(
        "Payment Received",
        "paid",
        np.where(prepaid, _RES["Payment Gateway"], staff(_AR, 3)),
        doc=documents["paid"],
        amount=invoice_amount,
    )

    case = np.concatenate([b[0] for b in blocks])
    seconds = np.floor(np.concatenate([b[2] for b in blocks])).astype(np.int64)  # 17:59:59.7 stays before 18:00
    # Blocks were added in process order, so a stable sort keeps same-second events in that order.
    order = np.argsort(case * (int(_SNAP) + 1) + seconds, kind="stable")
    activity = np.concatenate([np.full(b[0].size, b[1], np.int8) for b in blocks])[order]
    resource = np.concatenate([b[3] for b in blocks]).astype(np.int16)[order]
    return pd.DataFrame(
        {
            "case_id": pd.Categorical.from_codes(case[order], categories=pd.Index(case_ids)),
            "activity": pd.Categorical.from_codes(activity, categories=ACTIVITY_NAMES),
            "timestamp": pd.Series(_START + seconds[order] * np.timedelta64(1, "s")).dt.tz_localize("UTC"),
            "resource": pd.Categorical.from_codes(resource, categories=[name for name, _, _ in RESOURCES]),
            "role": pd.Categorical.from_codes(_RESOURCE_ROLE[resource], categories=_ROLES),
            "department": pd.Categorical.from_codes(_RESOURCE_DEPARTMENT[resource], categories=_DEPARTMENTS),
            "document_id": pd.Categorical.from_codes(
                np.concatenate([b[4] for b in blocks])[order], categories=pd.Index(document_names)
            ),
            "event_amount": np.concatenate([b[5] for b in blocks])[order],
            "source_object": pd.Categorical.from_codes(_ACTIVITY_SOURCE[activity], categories=_SOURCE_NAMES),
        }
    )


def _orders_frame(
    rng: np.random.Generator,
    a: dict[str, np.ndarray],
    t: dict[str, np.ndarray],
    reached: dict[str, np.ndarray],
    documents: dict[str, np.ndarray],
    document_names: np.ndarray,
    case_ids: np.ndarray,
) -> pd.DataFrame:
    n = a["amount"].size
    day = {step: np.floor(values / _DAY) for step, values in t.items()}
    # The requested date is fitted around the delivery so that lateness depends on the carrier only.
    late = rng.random(n) < np.where(a["carrier"] == list(CARRIERS).index(LATE_CARRIER), 0.5, 0.1)
    requested = np.where(late, day["delivered"] - rng.geometric(0.45, n), day["delivered"] + rng.integers(0, 5, n))
    lead = np.round(9 * np.exp(0.35 * rng.standard_normal(n)))
    requested = np.where(np.isnan(requested), day["create"] + lead, np.maximum(requested, day["create"] + 2))
    promised = requested + np.where(rng.random(n) < 0.7, 0, rng.integers(1, 4, n))
    invoiced = reached["invoiced"]
    status = np.select(
        [
            reached["cancel_early"] | reached["cancel_late"],
            reached["paid"],
            invoiced,
            reached["delivered"],
            reached["shipped"],
            reached["activated"],
        ],
        [_STATUSES.index(s) for s in ("Cancelled", "Closed", "Invoiced", "Delivered", "Shipped", "Activated")],
        0,
    )

    def cat(codes: np.ndarray, names: tuple[str, ...] | list[str], mask: np.ndarray | None = None) -> pd.Categorical:
        return pd.Categorical.from_codes(codes if mask is None else np.where(mask, codes, -1), categories=names)

    def when(mask: np.ndarray, days: np.ndarray) -> np.ndarray:
        return _dates(np.where(mask, days, np.nan))

    return pd.DataFrame(
        {
            "case_id": pd.array(case_ids, dtype="str"),
            "order_number": pd.array(_numbered("", 100 + np.arange(n), max(8, len(str(99 + n)))), dtype="str"),
            "account_name": cat(a["account"], [name for name, _, _ in _ACCOUNTS]),
            "account_id": cat(a["account"], list(_salesforce_ids(*_ACCOUNT_IDS))),
            "sales_channel": cat(a["channel"], CHANNELS),
            "region": cat(a["region"], REGIONS),
            "country": cat(a["country"], _COUNTRY_NAMES),
            "owner": cat(a["owner"], _REPS),
            "order_type": cat(a["order_type"], list(_ORDER_TYPES)),
            "order_date": _dates(day["create"]),
            "order_amount": a["amount"],
            "currency": cat(_COUNTRY_CURRENCY[a["country"]], _CURRENCIES),
            "number_of_lines": a["lines"],
            "requested_delivery_date": _dates(requested),
            "promised_date": when(reached["confirmed"], promised),
            "actual_delivery_date": when(reached["delivered"], day["delivered"]),
            "payment_terms": cat(a["term"], list(PAYMENT_TERMS)),
            "invoice_number": pd.array(document_names[np.maximum(documents["invoiced"], 0)], dtype="str")
            if len(document_names)
            else pd.array([None] * n, dtype="str"),
            "invoice_date": when(invoiced, day["invoiced"]),
            "invoice_due_date": when(invoiced, day["invoiced"] + a["term_days"]),
            "invoice_amount": np.where(invoiced, _invoice_amounts(a), np.nan),
            "payment_status": cat(np.where(reached["paid"], 0, 1), ["Paid", "Unpaid"], invoiced),
            "carrier": cat(a["carrier"], list(CARRIERS), reached["shipped"]),
            "warehouse": cat(a["warehouse"], [name for name, _ in _WAREHOUSES]),
            "industry": cat(_ACCOUNT_INDUSTRY[a["account"]], _INDUSTRIES),
            "opportunity_id": pd.array(_salesforce_ids("0065g00000", 307_933_478 + 3 * np.arange(n)), dtype="str"),
            "current_status": cat(status, _STATUSES),
        }
    ).assign(
        invoice_number=lambda f: f["invoice_number"].where(invoiced),
        opportunity_id=lambda f: f["opportunity_id"].where(~a["online"]),
    )


# ---------------------------------------------------------------------------------------------- helpers


def _rank(values: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """0-based rank of each masked value in time order, -1 elsewhere."""
    idx = np.flatnonzero(mask)
    rank = np.full(values.size, -1)
    rank[idx[np.argsort(values[idx], kind="stable")]] = np.arange(idx.size)
    return rank


def _documents(t: dict[str, np.ndarray], reached: dict[str, np.ndarray]) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Shipment, invoice and payment numbers issued in time order: per-order codes into one name array."""
    codes, names, offset = {}, [], 0
    for step, prefix in (("shipped", "SHP-"), ("invoiced", "INV-"), ("paid", "PAY-")):
        rank = _rank(t[step], reached[step])
        count = int(reached[step].sum())
        codes[step] = np.where(rank >= 0, rank + offset, -1).astype(np.int32)
        names.append(_numbered(prefix, 1_001 + np.arange(count), max(6, len(str(1_000 + count)))))
        offset += count
    return codes, np.concatenate(names)


def _invoice_amounts(a: dict[str, np.ndarray]) -> np.ndarray:
    return np.round(a["amount"] * (1 + _COUNTRY_VAT[a["country"]]), 2)


def _dates(days: np.ndarray) -> np.ndarray:
    """Days since 2024-01-01 (NaN for none) as datetime64[us] midnights."""
    missing = np.isnan(days)
    out = _START + np.where(missing, 0, days).astype(np.int64) * np.timedelta64(1, "D")
    out[missing] = np.datetime64("NaT")
    return out


def _as_strings(chars: np.ndarray) -> np.ndarray:
    """An (n, width) array of character codes as n numpy strings, without a Python loop."""
    return np.ascontiguousarray(chars, dtype=np.uint32).view(f"U{chars.shape[1]}").reshape(-1)


def _numbered(prefix: str, numbers: np.ndarray, width: int) -> np.ndarray:
    """prefix + zero-padded number, e.g. 'INV-001001'."""
    digits = numbers[:, None] // 10 ** np.arange(width - 1, -1, -1) % 10 + ord("0")
    head = np.broadcast_to(np.array([ord(c) for c in prefix], dtype=np.int64), (numbers.size, len(prefix)))
    return _as_strings(np.hstack([head, digits]))


_BASE62 = np.array([ord(c) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"])
_CHECKSUM = np.array([ord(c) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"])


def _salesforce_ids(prefix: str, numbers: np.ndarray) -> np.ndarray:
    """18-character Salesforce Ids: a 10-character prefix, 5 base-62 digits and the case checksum."""
    body = np.hstack(
        [
            np.broadcast_to(np.array([ord(c) for c in prefix]), (numbers.size, len(prefix))),
            _BASE62[numbers[:, None] // 62 ** np.arange(4, -1, -1) % 62],
        ]
    )
    upper = ((body >= ord("A")) & (body <= ord("Z"))).reshape(-1, 3, 5)
    suffix = _CHECKSUM[(upper << np.arange(5)).sum(axis=2)]
    return _as_strings(np.hstack([body, suffix]))
