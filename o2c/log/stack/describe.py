"""Each filter of the stack as a short phrase in the user's language: 'has Credit Check Failed'."""

from __future__ import annotations

from o2c.i18n import Language, t
from o2c.log.columns import column_label
from o2c.log.stack.steps import (
    Endpoint,
    EventAttribute,
    Follows,
    Orders,
    Performance,
    Presence,
    Rework,
    StackFilter,
)
from o2c.log.stack.syntax import duration_text


def describe_step(step: StackFilter, lang: Language = "en") -> str:
    """The filter as a phrase in ``lang``.

    >>> describe_step(Follows("A", "B", directly=True, limit="within", seconds=3600))
    'A directly followed by B within 1h'
    """
    either = t("stack.or", lang)
    if isinstance(step, Presence):
        key = "stack.desc.has" if step.present else "stack.desc.lacks"
        return t(key, lang, names=either.join(step.names))
    if isinstance(step, Endpoint):
        key = {
            (False, True): "stack.desc.starts",
            (False, False): "stack.desc.notstarts",
            (True, True): "stack.desc.ends",
            (True, False): "stack.desc.notends",
        }[(step.end, step.present)]
        return t(key, lang, names=either.join(step.names))
    if isinstance(step, Follows):
        key = {
            (False, True): "stack.desc.follows",
            (False, False): "stack.desc.notfollows",
            (True, True): "stack.desc.directly",
            (True, False): "stack.desc.notdirectly",
        }[(step.directly, step.present)]
        text = t(key, lang, a=step.first, b=step.then)
        if step.limit:
            limit = "stack.desc.within" if step.limit == "within" else "stack.desc.beyond"
            text += t(limit, lang, time=duration_text(step.seconds))
        return text
    if isinstance(step, Performance):
        return _performance(step, lang)
    if isinstance(step, EventAttribute):
        values, attribute = either.join(step.values), column_label(step.attribute, lang)
        if step.activity:
            return t("stack.desc.attribute_at", lang, attribute=attribute, values=values, a=step.activity)
        return t("stack.desc.attribute", lang, attribute=attribute, values=values)
    if isinstance(step, Rework):
        if step.activity:
            key = "stack.desc.rework_of" if step.present else "stack.desc.norework_of"
            return t(key, lang, a=step.activity)
        return t("stack.desc.rework" if step.present else "stack.desc.norework", lang)
    if isinstance(step, Orders):
        return t("stack.desc.orders", lang, n=len(step.ids))
    return t("stack.desc.trim", lang, a=step.first, b=step.then)


def _performance(step: Performance, lang: Language) -> str:
    what = t("stack.desc.between", lang, a=step.first, b=step.then) if step.first else t("stack.desc.duration", lang)
    if step.percentiles:
        low, high = step.low or 0.0, 100.0 if step.high is None else step.high
        return t("stack.desc.band", lang, what=what, low=f"{low:g}", high=f"{high:g}")
    if step.low is not None and step.high is not None:
        return t("stack.desc.range", lang, what=what, low=duration_text(step.low), high=duration_text(step.high))
    if step.low is not None:
        return t("stack.desc.above", lang, what=what, time=duration_text(step.low))
    return t("stack.desc.below", lang, what=what, time=duration_text(step.high or 0))
