"""The translation catalogue: complete in both languages, consistent placeholders, every key used."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from o2c.i18n import LANGUAGES, PARTS, TEXT, t

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "o2c" / "i18n"

# Keys built in code from a prefix and a value (an f-string or a concatenation), so no literal names them whole.
# A key is "used" when it appears whole as a string in the code or starts with one of these prefixes.
DYNAMIC_PREFIXES = (
    "backlog.kind.",  # kinds of opportunity: the Backlog page and o2c.improve.backlog
    "columns.",  # o2c.log.columns.column_label: a template column's label
    "compare.b.",  # what group B is (the Compare page)
    "compare.diff.",  # o2c.improve.compare: a difference's sentence, by subject
    "compare.kpi.",  # the Compare page's KPI table
    "compare.map.legend.",  # the Compare page's map legend, by view
    "compare.name.",  # o2c.improve.compare: the name of "all other orders"
    "compare.preset.",  # the Compare page's presets
    "conformance.examples.",  # the Conformance page's example orders, by kind
    "conformance.kind.",  # deviation kinds
    "data.activity_map.kind.",  # kinds of work of the O2C steps (o2c.log.vocabulary.Kind), ui.activity_map
    "conformance.model.",  # reference model sources
    "conformance.period.",  # trend periods
    "conformance.section.",  # the page's sections
    "conformance.severity.",  # rule severities (also the Backlog)
    "cycle_times.period.",  # trend periods (Cycle times and Monitoring)
    "cycle_times.unit.",  # time units and their short forms
    "data.date_order.",  # the Data page's date order choice
    "filters.",  # sidebar filters by attribute name (sales_channel, account_name, region)
    "kpis.",  # o2c.monitor.kpis: a KPI's name and formula
    "monitoring.group.",  # KPI groups
    "monitoring.settings.",  # where the rules, systems and costs came from
    "monitoring.verdict.",  # a KPI's verdict against its target
    "order_explorer.col.",  # the Order explorer's table columns
    "story.outcome.",  # the Overview's six outcome cards, by KPI key
    "story.means.",  # what an outcome card's value means, by KPI key
    "story.kind.",  # the Overview's findings, by kind
    "story.baseline.",  # the Overview's baselines (o2c.monitor.story.BASELINES)
    "partners.attribute.",  # partner attributes
    "partners.target.",  # on-time targets
    "people.level.",  # people, roles or departments
    "people.metric.performers.",  # the performer metric by level
    "process_map.metric.",  # waiting time statistics
    "process_map.view.",  # frequency or performance
    "report.col.",  # report table columns
    "report.section.",  # report sections
    "report.sheet.",  # Excel report sheets
    "report.unit.",  # KPI units
    "rework.col.",  # rework table columns
    "root_causes.behaviour.",  # process behaviours
    "stack.kind.",  # ui.filter_stack: the filter types of the Add filter form
    "stack.limit.",  # ui.filter_stack: any time, within, beyond
    "stack.measure.",  # ui.filter_stack: end to end or A to B
    "stack.mode.",  # ui.filter_stack: each type's choices
    "stack.unit.",  # ui.filter_stack: time units
    "root_causes.judged.",  # which orders an outcome judges
    "root_causes.outcome.",  # bad outcomes
    "root_causes.status.",  # a cause's status
    "validation.col.",  # o2c.ingest.validate: the validation report's column headers
    "validation.severity.",  # o2c.ingest.validate: error, warning, info
    "variants.unit.",  # time units of the Variants page
    "what_if.kind.",  # scenario kinds
)


def _code_files() -> list[Path]:
    """The code that shows text: app.py, o2c/ (without the catalogue), pages/ and ui/."""
    files = [ROOT / "app.py"]
    for folder in ("o2c", "pages", "ui"):
        files += [p for p in (ROOT / folder).rglob("*.py") if CATALOGUE not in p.parents]
    return files


def _strings() -> set[str]:
    """Every string constant in the code, including the literal parts of f-strings."""
    found: set[str] = set()
    for path in _code_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def _placeholders(text: str) -> set[str]:
    """The names of the ``{placeholders}`` in ``text``."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("key", sorted(TEXT))
def test_every_key_has_every_language(key: str) -> None:
    entry = TEXT[key]
    assert set(entry) == set(LANGUAGES), key
    assert all(isinstance(text, str) and text.strip() for text in entry.values()), key


def test_placeholders_are_the_same_in_every_language() -> None:
    differ = {
        key: {lang: sorted(_placeholders(text)) for lang, text in entry.items()}
        for key, entry in TEXT.items()
        if len({frozenset(_placeholders(text)) for text in entry.values()}) > 1
    }
    assert not differ


def test_keys_live_in_the_module_named_by_their_prefix() -> None:
    wrong = []
    for part in PARTS:
        name = part.__name__.rsplit(".", 1)[-1]
        allowed = ("page.", "nav.") if name == "nav" else (f"{name}.",)
        wrong += [key for key in part.TEXT if not key.startswith(allowed)]
    assert not wrong


def _used(key: str, strings: set[str]) -> bool:
    """``key`` appears whole in the code, starts with a listed dynamic prefix, or is the ``.fix`` of a used key."""
    if key.endswith(".fix") and key.removesuffix(".fix") in TEXT:  # o2c.errors.Explained: a problem's fix
        return _used(key.removesuffix(".fix"), strings)
    return key in strings or key.startswith(DYNAMIC_PREFIXES)


def test_every_key_is_used() -> None:
    strings = _strings()
    unused = [key for key in TEXT if not _used(key, strings)]
    assert not unused


def test_every_problem_has_a_fix() -> None:
    """Validation messages come in pairs: ``validation.x`` (what is wrong) and ``validation.x.fix``."""
    problems = [
        k
        for k in TEXT
        if k.startswith("validation.")
        and not k.endswith(".fix")
        and not k.startswith(
            (
                "validation.col.",
                "validation.severity.",
                "validation.kind.",
                "validation.rows.",
                "validation.convert.",
                "validation.mapping.",
                "validation.source.",
            )
        )
    ]
    assert [k for k in problems if k + ".fix" not in TEXT] == []


def test_every_dynamic_prefix_is_used_and_names_keys() -> None:
    strings = _strings()
    stale = [
        p
        for p in DYNAMIC_PREFIXES
        if not any(s.startswith(p) for s in strings) or not any(k.startswith(p) for k in TEXT)
    ]
    assert not stale


def test_key_like_strings_in_the_code_are_keys() -> None:
    """A string that starts like a key (``conformance.x``) names a key or a prefix of keys: no stale key in code."""
    modules = {part.__name__.rsplit(".", 1)[-1] for part in PARTS} | {"page"}
    files = (".csv", ".dot", ".html", ".xlsx", ".json")  # download names such as "process_map.dot"
    stale = sorted(
        s
        for s in _strings()
        if s.split(".", 1)[0] in modules
        and "." in s
        and " " not in s
        and not s.endswith(files)
        and s not in TEXT
        and not any(k.startswith(s) for k in TEXT)
    )
    assert not stale


def test_no_language_branches_outside_the_catalogue() -> None:
    """Code outside o2c/i18n/ never compares a value with a language code: the difference is a catalogue entry."""
    found = []
    for path in _code_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare):
                operands = [node.left, *node.comparators]
                if any(isinstance(o, ast.Constant) and o.value in LANGUAGES and o.value != "en" for o in operands):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found


def test_t_formats_falls_back_and_rejects_unknown_keys() -> None:
    assert t("overview.title", "zh") == "概览"
    assert t("data.upload.help", "en", mb=200) == "xlsx, csv, txt, csv.gz, parquet or xes; up to 200 MB."
    with pytest.raises(KeyError):
        t("no.such.key")
