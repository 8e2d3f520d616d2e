"""Validation and upload messages: what is wrong with a file and how to fix it."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {

}
