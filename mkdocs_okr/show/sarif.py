"""The check's results as SARIF 2.1.0, the format code-scanning tools (GitHub's among them) read."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from urllib.parse import quote

from .. import __version__
from ..check import PageResult
from ..model import Diagnostic, Severity
from ..rules.registry import registry
from .render import GUIDANCE_URL
from .report import diagnostics_of

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note", Severity.IGNORE: "none"}
ROOT = "SRCROOT"  # paths are relative to the folder the check ran in


def sarif(results: Sequence[PageResult]) -> str:
    """A SARIF log with one run: the tool with every rule, and a result for each finding."""
    rules = list(registry().values())
    index = {rule.id: i for i, rule in enumerate(rules)}
    driver = {
        "name": "mkdocs-okr",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": GUIDANCE_URL,
        "rules": [
            {
                "id": rule.id,
                "name": rule.id.replace("-", " ").title().replace(" ", ""),
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": f"{rule.summary} {rule.fix}"},
                "help": {"text": rule.fix},
                "helpUri": f"{GUIDANCE_URL}rules/{rule.id}/",
                "defaultConfiguration": {"level": LEVEL[rule.severity]},
            }
            for rule in rules
        ],
    }
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "columnKind": "unicodeCodePoints",
                "results": [_result(d, index[d.rule]) for d in diagnostics_of(results)],
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _result(d: Diagnostic, rule_index: int) -> dict[str, object]:
    region = {"startLine": d.line, "startColumn": d.column}
    location = {
        "physicalLocation": {"artifactLocation": {"uri": quote(d.file, safe="/"), "uriBaseId": ROOT}, "region": region}
    }
    return {
        "ruleId": d.rule,
        "ruleIndex": rule_index,
        "level": LEVEL[d.severity],
        "message": {"text": d.message},
        "locations": [location],
        "partialFingerprints": {"mkdocsOkr/v1": fingerprint(d)},
    }


def fingerprint(d: Diagnostic) -> str:
    """Stable across runs and line moves: the rule, the file, the place in the okr block, the message."""
    key = "\0".join((d.rule, d.file, d.pointer, d.message))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
