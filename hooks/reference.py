"""MkDocs hook for this project's own site: generate the reference pages from the code, at build time.

Rules (from the rule registry), the schema (from schema/okr.schema.json), the options (from
the option table, `mkdocs_okr/options/table.py`) and the command line (from its own help) are
written as generated pages, so the site cannot drift from the code. Nothing is written to docs/.
"""

from __future__ import annotations

import json
from typing import Any

import click
import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from mkdocs_okr import cli
from mkdocs_okr.datafiles import text
from mkdocs_okr.levels import levels
from mkdocs_okr.options import table as options
from mkdocs_okr.options.profiles import profiles
from mkdocs_okr.read.validate import schema_text
from mkdocs_okr.rules.registry import registry

SCHEMA_URL_NOTE = (
    "The schema is published at [`schema/okr.schema.json`](../schema/okr.schema.json) and printed by "
    "`mkdocs-okr schema`."
)
REPORT_NOTE = (
    "The schema is published at [`schema/report.schema.json`](../schema/report.schema.json) and printed by "
    "`mkdocs-okr schema --report`. Every JSON report in the project's tests is validated against it."
)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """List every rule page in the nav, under the rules index, so that a reader who follows a card's
    "About this rule" link keeps the site's navigation (the registry says which rules there are)."""
    config.nav = _with_rules(config.nav or [])
    return config


def _with_rules(nav: list[Any]) -> list[Any]:
    entries = []
    for entry in nav:
        if isinstance(entry, dict):
            ((title, value),) = entry.items()
            if value == "rules/index.md":
                value = ["rules/index.md", *({rule_id: f"rules/{rule_id}.md"} for rule_id in registry())]
            elif isinstance(value, list):
                value = _with_rules(value)
            entry = {title: value}
        entries.append(entry)
    return entries


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated reference pages."""
    pages = {"rules/index.md": rules_index()}
    pages.update({f"rules/{rule_id}.md": rule_page(rule_id) for rule_id in registry()})
    pages["reference/schema.md"] = schema_page()
    pages["reference/report.md"] = report_page()
    pages["reference/configuration.md"] = configuration_page()
    pages["reference/command-line.md"] = command_line_page()
    for path, content in pages.items():
        files.append(File.generated(config, path, content=content))
    for name in ("okr.schema.json", "report.schema.json"):  # published where their $id points
        files.append(File.generated(config, f"schema/{name}", content=text(f"schema/{name}")))
    return files


def rules_index() -> str:
    rows = "\n".join(f"| [`{r.id}`]({r.id}.md) | {_severity(r)} | {r.summary} |" for r in registry().values())
    return (
        "# Rules\n\nEvery finding names its rule. Each rule has a default severity, which a site changes "
        "under the plugin's `severity` option, and a page, objective or key result can silence it with "
        "`ignore: {rule: reason}`.\n\n| rule | default | what it finds |\n|---|---|---|\n"
        + rows
        + "\n\n"
        + profiles_section()
    )


def profiles_section() -> str:
    """What each rule profile sets, from data/profiles.yaml: the counts, and every rule a profile
    changes, with the severity it has under each."""
    chosen = profiles()
    names = list(chosen)
    changed = [rule for rule in registry() if any(rule in p.severity for p in chosen.values())]
    head = "| | " + " | ".join(f"`{name}`" for name in names) + " |\n|---|" + "---|" * len(names) + "\n"
    counts = [
        f"| `{option}` | " + " | ".join(yaml_value(p.options[option]) for p in chosen.values()) + " |"
        for option in chosen["recommended"].options
    ]
    rules = [
        f"| [`{rule}`]({rule}.md) | "
        + " | ".join(f"`{p.severity.get(rule, registry()[rule].severity).value}`" for p in chosen.values())
        + " |"
        for rule in changed
    ]
    about = "\n".join(f"- **`{p.name}`**, after {p.after}: {p.summary}" for p in chosen.values())
    return (
        "## Profiles\n\nA profile presets the severities and counts of a practice, so a site can follow "
        "it with one line, `profile: google` under the plugin (`okr_profile` in Sphinx). What the site "
        "sets itself, in `severity` or a count, wins over its profile.\n\n" + about + "\n\n"
        "What each sets (`null`: no limit); every rule not listed keeps its default:\n\n"
        + head
        + "\n".join(counts + rules)
        + "\n"
    )


def rule_page(rule_id: str) -> str:
    """A rule's page; a rule with a severity per controllability level lists the levels as its card
    shows them, badge first, in a list that reads on a phone (a table of four columns did not)."""
    rule = registry()[rule_id]
    severity = f"**Default severity:** {_severity(rule)}\n"
    if rule.by_level:
        labels = levels()
        severity = (
            "Each key result gets one of four badges, and each level has its own default severity:\n\n"
            + "\n".join(
                f"- {labels[level]['symbol']} **{labels[level]['label']}** (`{level}`): {labels[level]['meaning']}. "
                f"Default severity: `{s.value}`."
                for level, s in rule.by_level.items()
            )
            + "\n"
        )
    return (
        f"# `{rule.id}`\n\n{rule.summary}\n\n{severity}\n"
        f"## How to fix it\n\n{rule.fix}\n\n## How to change what it does\n\n"
        f"```yaml\nplugins:\n  - okr:\n      severity:\n        {rule.id}: warning   # error | warning | info | ignore\n```\n\n"
        f"Or, for one key result, with the reason:\n\n```yaml\nignore:\n  {rule.id}: Why this does not apply here\n```\n"
    )


def _severity(rule: Any) -> str:
    if rule.by_level:
        return ", ".join(f"`{level}`: `{s.value}`" for level, s in rule.by_level.items())
    return f"`{rule.severity.value}`"


def schema_page() -> str:
    schema = json.loads(schema_text())
    body = _schema_tables(schema, ("okr", "objective", "keyResult", "healthMetric"))
    return f"# Schema reference\n\n{schema['description']}\n\n{SCHEMA_URL_NOTE}\n\n{body}\n"


def report_page() -> str:
    schema = json.loads(text("schema/report.schema.json"))
    top = {"title": "Report", "description": schema["description"], **schema}
    body = _schema_tables({**schema, "$defs": {"report": top, **schema["$defs"]}}, ["report", *schema["$defs"]])
    return f"# JSON report\n\n{REPORT_NOTE}\n\n{body}\n"


def _schema_tables(schema: dict[str, Any], names: Any) -> str:
    sections = []
    for name in names:
        node = schema["$defs"][name]
        required = set(node.get("required", []))
        rows = "\n".join(_schema_row(key, sub, key in required, schema) for key, sub in node["properties"].items())
        sections.append(
            f"## {node.get('title', name)}\n\n{node.get('description', '')}\n\n"
            "| field | type | required | allowed values | description | example |\n|---|---|---|---|---|---|\n" + rows
        )
    return "\n\n".join(sections)


def _schema_row(key: str, node: dict[str, Any], required: bool, schema: dict[str, Any]) -> str:
    merged = dict(node)
    if "$ref" in node:
        merged = {**schema["$defs"][node["$ref"].rsplit("/", 1)[1]], **node}
    kind = merged.get("type", "")
    kind = " or ".join(kind) if isinstance(kind, list) else kind
    if "items" in merged and "$ref" in merged["items"]:
        kind = f"list of {merged['items']['$ref'].rsplit('/', 1)[1]}"
    values = [merged["const"]] if "const" in merged else merged.get("enum", [])
    allowed = merged.get("x-expected") or ", ".join(f"`{v}`" for v in values)
    example = json.dumps(merged["examples"][0], ensure_ascii=False) if merged.get("examples") else ""
    shown = f"`{example}`" if example else ""
    needed = "yes" if required else "no"
    return f"| `{key}` | {kind} | {needed} | {allowed} | {merged.get('description', '')} | {shown} |"


def configuration_page() -> str:
    """One section per option of the option table: its name as a heading (which never breaks
    mid-word on a phone, as a table's narrow first column did), its default as YAML, as a user
    writes it, the hosts that take it, and what it does."""
    sections = [
        f"## `{option.name}`\n\nDefault: `{yaml_value(option.default)}`\n\nSet in: {_hosts(option)}.\n\n{option.doc}"
        for option in options.OPTIONS
    ]
    return (
        "# Configuration\n\nThe options of mkdocs-okr, in every host that takes them: the MkDocs plugin "
        "(in `mkdocs.yml`, which `mkdocs-okr check` reads too), the Sphinx extension (in `conf.py`, each "
        "named with `okr_` before it) and the Python-Markdown extension (in the options of the `okr` "
        "extension, as Zensical and MkDocs' `markdown_extensions` give them). Defaults are written as in "
        "YAML; in `conf.py`, write them in Python.\n\n```yaml\nplugins:\n  - search\n  - okr:\n"
        "      customer: [restaurant owners]\n      customers_users: [diners]\n```\n\n" + "\n\n".join(sections) + "\n"
    )


def _hosts(option: options.Option) -> str:
    named = [
        f"{options.HOST_NAMES[host]}" + (f" (`{option.setting(host)}`)" if option.setting(host) != option.name else "")
        for host in (options.MKDOCS, options.SPHINX, options.MARKDOWN)
        if host in option.hosts
    ]
    return ", ".join(named)


def yaml_value(value: Any) -> str:
    """A default as it is written in mkdocs.yml: `true`, `[]`, `null`, `okrs/index.md`."""
    plain = list(value) if isinstance(value, tuple) else value
    if plain == "":
        return '""'  # as the pages write an empty value, not YAML's ''
    return yaml.safe_dump(plain, default_flow_style=True, width=float("inf")).removesuffix("\n...\n").strip()


def command_line_page() -> str:
    sections = []
    with click.Context(cli.main, info_name="mkdocs-okr") as ctx:
        sections.append("```text\n" + cli.main.get_help(ctx) + "\n```")
        for name, command in cli.main.commands.items():
            with click.Context(command, parent=ctx, info_name=name) as sub:
                sections.append(f"## `mkdocs-okr {name}`\n\n```text\n{command.get_help(sub)}\n```")
    return (
        "# Command line\n\nThe help of each command, as `mkdocs-okr COMMAND --help` prints it.\n\n"
        + "\n\n".join(sections)
        + "\n"
    )
