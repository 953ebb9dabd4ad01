"""The result model every renderer consumes, computed before rendering.

Plain frozen dataclasses and constants only, so every layer (catalog, decode, checks, commands, renderers) can share
it. Names load on first use: `explain` pays only for the diagnosis and its result, not for `check`'s or `scan`'s.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claude_doctor.model.check import SECTIONS, CheckResult, CheckRun, CheckStatus, Report, Verdict
    from claude_doctor.model.diagnosis import Diagnosis, ExplainResult, InputRead, OverviewResult, StatusSource
    from claude_doctor.model.mock import MockRequest, MockStarted
    from claude_doctor.model.results import CommandResult, ErrorResult
    from claude_doctor.model.scan import ScanGroup, ScanResult, ScanSummary, ScanTimeline
    from claude_doctor.model.vocabulary import CATEGORIES, NETWORK_KINDS, Category

_WHERE = {
    "SECTIONS": "check",
    "CheckResult": "check",
    "CheckStatus": "check",
    "Report": "check",
    "Verdict": "check",
    "Diagnosis": "diagnosis",
    "StatusSource": "diagnosis",
    "MockRequest": "mock",
    "CheckRun": "check",
    "CommandResult": "results",
    "ErrorResult": "results",
    "ExplainResult": "diagnosis",
    "InputRead": "diagnosis",
    "MockStarted": "mock",
    "OverviewResult": "diagnosis",
    "ScanResult": "scan",
    "ScanGroup": "scan",
    "ScanSummary": "scan",
    "ScanTimeline": "scan",
    "CATEGORIES": "vocabulary",
    "NETWORK_KINDS": "vocabulary",
    "Category": "vocabulary",
}
__all__ = [
    "CATEGORIES",
    "NETWORK_KINDS",
    "SECTIONS",
    "Category",
    "CheckResult",
    "CheckRun",
    "CheckStatus",
    "CommandResult",
    "Diagnosis",
    "ErrorResult",
    "ExplainResult",
    "InputRead",
    "MockRequest",
    "MockStarted",
    "OverviewResult",
    "Report",
    "ScanGroup",
    "ScanResult",
    "ScanSummary",
    "ScanTimeline",
    "StatusSource",
    "Verdict",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'claude_doctor.model' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"claude_doctor.model.{module}"), name)
    globals()[name] = value
    return value
