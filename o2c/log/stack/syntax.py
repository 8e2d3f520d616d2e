"""The text form of each filter, one parser for URL query parameters (``f=...``) and ``--filter`` on the command
line. See ``o2c.log.stack`` for the grammar."""

from __future__ import annotations

import re

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

EVENT_ATTRIBUTES = ("resource", "role", "department")  # named without the ``event.`` prefix
EVENT_PREFIX = "event."
_UNITS = {"s": 1, "min": 60, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_DURATION = r"(\d+(?:\.\d+)?)\s*(min|s|m|h|d|w)"
_KEYWORD = re.compile(r"^\s*([A-Za-z_.]+[A-Za-z0-9_.]*)(?:@([^:=]+))?\s*[:=](.*)$", re.S)
_PAIR = re.compile(r"^(.+?)>(.+?)(?:([<>])" + _DURATION + r")?$", re.S)
_BOUND = re.compile(r"^([<>])" + _DURATION + "$")
_BAND = re.compile(r"^(p?)(\d+(?:\.\d+)?)(min|s|m|h|d|w)?-(p?)(\d+(?:\.\d+)?)(min|s|m|h|d|w)?$")
_NAMES = {"has": True, "lacks": False}
_ENDS = {"starts": (False, True), "notstarts": (False, False), "ends": (True, True), "notends": (True, False)}
_FOLLOWS = {
    "follows": (False, True),
    "notfollows": (False, False),
    "directly": (True, True),
    "notdirectly": (True, False),
}
_YES = ("yes", "true", "1", "with", "是")
_NO = ("no", "false", "0", "without", "否")


def parse_step(text: str) -> StackFilter | None:
    """The filter written as ``text``, or None when it is not a filter of the stack (e.g. ``region=EMEA``, an
    order attribute) or cannot be read.

    >>> parse_step("has=Credit Check Failed")
    Presence(names=('Credit Check Failed',), present=True)
    >>> parse_step("duration>30d")
    Performance(low=2592000.0, high=None, percentiles=False, first='', then='')
    """
    text = text.strip()
    for measure in ("duration", "time"):
        if text.startswith(measure) and text[len(measure) : len(measure) + 1] in ("<", ">", ":", "="):
            return _performance(text[len(measure) :], measure == "time")
    match = _KEYWORD.match(text)
    if not match:
        return None
    keyword, activity, value = match.group(1).lower(), (match.group(2) or "").strip(), match.group(3).strip()
    if not value:
        return None
    names = tuple(name.strip() for name in value.split("|") if name.strip())
    if keyword in _NAMES and not activity:
        return Presence(names, _NAMES[keyword])
    if keyword in _ENDS and not activity:
        end, present = _ENDS[keyword]
        return Endpoint(names, end, present)
    if keyword in _FOLLOWS and not activity:
        return _follows(value, *_FOLLOWS[keyword])
    if keyword in EVENT_ATTRIBUTES or (keyword.startswith(EVENT_PREFIX) and len(keyword) > len(EVENT_PREFIX)):
        name = keyword.removeprefix(EVENT_PREFIX)
        return EventAttribute(name, names, activity)
    if keyword == "rework" and not activity:
        lowered = value.casefold()
        if lowered in _YES or lowered in _NO:
            return Rework(lowered in _YES)
        return Rework(True, value)
    if keyword == "norework" and not activity:
        return Rework(False, value)
    if keyword == "orders" and not activity:
        return Orders(names)
    if keyword == "trim" and not activity:
        pair = _PAIR.match(value)
        return Trim(pair.group(1).strip(), pair.group(2).strip()) if pair and not pair.group(3) else None
    return None


def step_text(step: StackFilter) -> str:
    """The text form of a filter, which ``parse_step`` reads back.

    >>> step_text(Follows("Credit Check Failed", "Order Activated", limit="within", seconds=86400))
    'follows:Credit Check Failed>Order Activated<1d'
    """
    if isinstance(step, Presence):
        return ("has:" if step.present else "lacks:") + "|".join(step.names)
    if isinstance(step, Endpoint):
        keyword = ("" if step.present else "not") + ("ends" if step.end else "starts")
        return f"{keyword}:" + "|".join(step.names)
    if isinstance(step, Follows):
        keyword = ("" if step.present else "not") + ("directly" if step.directly else "follows")
        limit = {"within": "<", "beyond": ">"}.get(step.limit, "")
        return f"{keyword}:{step.first}>{step.then}" + (limit + duration_text(step.seconds) if limit else "")
    if isinstance(step, Performance):
        head = f"time:{step.first}>{step.then}" if step.first else "duration"
        return head + _bounds_text(step)
    if isinstance(step, EventAttribute):
        keyword = step.attribute if step.attribute in EVENT_ATTRIBUTES else EVENT_PREFIX + step.attribute
        return keyword + (f"@{step.activity}" if step.activity else "") + ":" + "|".join(step.values)
    if isinstance(step, Rework):
        if step.activity:
            return ("rework:" if step.present else "norework:") + step.activity
        return "rework:" + ("yes" if step.present else "no")
    if isinstance(step, Orders):
        return "orders:" + "|".join(step.ids)
    return f"trim:{step.first}>{step.then}"


def duration_text(seconds: float) -> str:
    """Seconds in the largest unit that divides them: 86400 -> '1d', 5400 -> '90min', 1.5 -> '1.5s'."""
    for unit in ("w", "d", "h", "min"):
        if seconds and seconds % _UNITS[unit] == 0:
            return f"{int(seconds // _UNITS[unit])}{unit}"
    return f"{seconds:g}s"


def parse_duration(text: str) -> float | None:
    """Seconds of a duration such as '30d', '4h', '90min', '1.5w'; None when unreadable."""
    match = re.fullmatch(_DURATION, text.strip())
    return float(match.group(1)) * _UNITS[match.group(2)] if match else None


def _follows(value: str, directly: bool, present: bool) -> Follows | None:
    pair = _PAIR.match(value)
    if not pair:
        return None
    first, then = pair.group(1).strip(), pair.group(2).strip()
    if not first or not then:
        return None
    if not pair.group(3):
        return Follows(first, then, directly, present)
    seconds = float(pair.group(4)) * _UNITS[pair.group(5)]
    return Follows(first, then, directly, present, "within" if pair.group(3) == "<" else "beyond", seconds)


def _performance(rest: str, between: bool) -> Performance | None:
    first = then = ""
    if between:  # time:A>B>3d, time:A>B:p90-p100
        if rest[:1] not in (":", "="):
            return None
        body = rest[1:]
        split = re.match(r"^(.+?)>(.+?)((?:[<>]|[:=]).*)$", body, re.S)
        if not split:
            return None
        first, then, rest = split.group(1).strip(), split.group(2).strip(), split.group(3)
        if not first or not then:
            return None
    bound = _BOUND.match(rest.strip())
    if bound:
        seconds = float(bound.group(2)) * _UNITS[bound.group(3)]
        low, high = (seconds, None) if bound.group(1) == ">" else (None, seconds)
        return Performance(low, high, False, first, then)
    band = _BAND.match(rest.strip()[1:].strip()) if rest.strip()[:1] in (":", "=") else None
    if not band:
        return None
    percent = band.group(1) == "p" and band.group(4) == "p"
    if percent:
        low, high = float(band.group(2)), float(band.group(5))
        if not 0 <= low <= high <= 100:
            return None
        return Performance(low, high, True, first, then)
    if band.group(1) or band.group(4) or not band.group(3) or not band.group(6):
        return None
    low, high = float(band.group(2)) * _UNITS[band.group(3)], float(band.group(5)) * _UNITS[band.group(6)]
    return Performance(low, high, False, first, then) if low <= high else None


def _bounds_text(step: Performance) -> str:
    if step.percentiles:
        return f":p{step.low or 0:g}-p{100 if step.high is None else step.high:g}"
    if step.low is not None and step.high is not None:
        return f":{duration_text(step.low)}-{duration_text(step.high)}"
    if step.low is not None:
        return ">" + duration_text(step.low)
    return "<" + duration_text(step.high or 0)
