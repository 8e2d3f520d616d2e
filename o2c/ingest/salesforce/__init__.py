"""Salesforce sources: export files and report exports (``convert``), live extraction (``extract``), the Mapping."""

from o2c.ingest.salesforce.convert import ConversionResult, convert_exports, recognise_object
from o2c.ingest.salesforce.mapping import DEFAULT_RULES, MappingRule, default_mapping, read_mapping, rules_from_frame

__all__ = [
    "DEFAULT_RULES",
    "ConversionResult",
    "MappingRule",
    "convert_exports",
    "default_mapping",
    "read_mapping",
    "recognise_object",
    "rules_from_frame",
]
