"""Every sentence the core writes for people, in English and Chinese, on the sample and on a log without optional
columns: no empty slots ("()", "(mostly )", " ;", ": ."), no "None"/"nan"/"{" leftovers, and in Chinese no
English words except the user's own data and a few units and abbreviations."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from conftest import log_from_csv

from o2c.discover.bottlenecks import transition_ranking
from o2c.discover.rework import rework
from o2c.i18n import t
from o2c.improve.automation import automation_candidates, default_system_resources
from o2c.improve.backlog import opportunities
from o2c.improve.compare import compare, describe
from o2c.improve.cost import default_cost_table
from o2c.improve.root_causes import OUTCOMES, Outcome, available_outcomes, top_root_causes
from o2c.improve.what_if import AUTOMATED_COST_SHARE, AUTOMATED_WAIT_SECONDS, is_external
from o2c.report.content import kpi_note, kpi_text, not_applicable_text, report_content

# No resource, no account, no dates: only what a log must have. O1 and O3 repeat the credit check.
BARE = """case_id,activity,timestamp
O1,Order Created,2024-01-01T08:00:00Z
O1,Credit Check Failed,2024-01-01T09:00:00Z
O1,Credit Check Passed,2024-01-02T09:00:00Z
O1,Invoice Created,2024-01-05T09:00:00Z
O2,Order Created,2024-01-02T08:00:00Z
O2,Credit Check Passed,2024-01-02T10:00:00Z
O2,Invoice Created,2024-01-03T10:00:00Z
O3,Order Created,2024-01-03T08:00:00Z
O3,Credit Check Failed,2024-01-03T09:00:00Z
O3,Credit Check Passed,2024-01-09T09:00:00Z
O3,Invoice Created,2024-01-12T09:00:00Z
O4,Order Created,2024-01-04T08:00:00Z
O4,Credit Check Passed,2024-01-04T08:30:00Z
"""

EMPTY_SLOTS = re.compile(r"\(\s*\)|\(mostly \)|（\s*）|\s;|;\s*;|:\s*\.|  |\{|\}|\bNone\b|\bnan\b|\bNaN\b|\bNaT\b")
# Units, abbreviations and product names a Chinese sentence may keep.
TECH = {"KPI", "CSV", "SLA", "EUR", "USD", "h", "d", "min", "s", "Id", "ID", "Salesforce", "Excel", "Data", "Loader"}


@pytest.fixture(scope="module")
def bare_log():
    return log_from_csv(BARE, "bare.csv")


def sentences(log, lang) -> list[str]:
    """Every generated sentence on ``log`` in ``lang``."""
    view = log.view()
    found: list[str] = []
    for o in opportunities(view, lang=lang):
        found += [o.title, o.evidence]
    available = available_outcomes(log)
    for kind in OUTCOMES:
        if available.get(kind) is None and kind != "rule":
            found += [c["evidence"] for c in top_root_causes(view, Outcome(kind), 5, lang)]
    found += _what_if(view, log, lang)
    half = np.arange(log.n_cases) % 2 == 0
    a, b = log.view(half), log.view(~half)
    names = (t("compare.name.all", lang), t("compare.name.rest", lang))
    found += [describe(d, log, names, lang) for d in compare(a, b).differences]
    content = report_content(view, lang=lang)
    found += [content.filter_text, not_applicable_text(content)]
    found += [kpi_text(v, lang, content.currency) for v in content.kpis]
    found += [kpi_note(v, lang) for v in content.kpis]
    found += [str(x) for column in ("description", "not_applicable") for x in content.rules[column]]
    found += [str(x) for x in content.violations.get("Details", [])]
    return [s for s in found if s]


def _what_if(view, log, lang) -> list[str]:
    found = []
    table = rework(view).by_activity
    for activity in table["activity"].head(3):
        found.append(t("what_if.assume.remove_rework", lang, activity=activity))
    for row in transition_ranking(view).head(3).itertuples():
        found.append(t("what_if.assume.cut_wait", lang, source=row.source, target=row.target, percent=50))
    costs = default_cost_table(log)
    for activity in automation_candidates(view, default_system_resources(log), costs)["activity"].head(3):
        key = "what_if.assume.automate_external" if is_external(activity, log) else "what_if.assume.automate"
        found.append(t(key, lang, activity=activity, share=AUTOMATED_COST_SHARE, hours=AUTOMATED_WAIT_SECONDS / 3600))
    return found


def data_words(log) -> set[str]:
    """The ASCII words of the user's own data: activity names, column names and every text value of the orders and
    events."""
    values = set(log.activity_names) | set(log.cases.columns) | set(log.event_attributes)
    for column in log.cases.columns:
        if not pd.api.types.is_numeric_dtype(log.cases[column]):
            values.update(str(v) for v in log.cases[column].dropna().unique())
    for attribute in log.event_attributes.values():
        if isinstance(attribute, pd.Categorical):
            values.update(str(v) for v in attribute.categories)
    return {word for value in values for word in re.findall(r"[A-Za-z]+", value)}


def english_words(text: str, data: set[str]) -> list[str]:
    """The ASCII words of ``text`` that are neither the user's data nor whitelisted units."""
    text = re.sub(r"“[^”]*”", " ", text)
    return [w for w in re.findall(r"[A-Za-z]+", text) if w not in TECH and w not in data]


def check(log, lang) -> list[str]:
    problems = []
    # The rule set is the user's (editable) settings: its names and descriptions count as their words. Names in
    # “quotes” are steps or columns the data lacks, as the rule names them.
    rules = report_content(log.view(), lang=lang).rules
    data = data_words(log) | {w for x in [*rules["rule"], *rules["description"]] for w in re.findall(r"[A-Za-z]+", x)}
    for sentence in sentences(log, lang):
        if EMPTY_SLOTS.search(sentence):
            problems.append(f"empty slot: {sentence!r}")
        if lang == "zh" and (words := english_words(sentence, data)):
            problems.append(f"English {words}: {sentence!r}")
    return problems


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sample_sentences_have_no_empty_slots(sample_log, lang):
    assert check(sample_log, lang) == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bare_log_sentences_have_no_empty_slots(bare_log, lang):
    assert sentences(bare_log, lang)  # the log gives sentences to check
    assert check(bare_log, lang) == []
