"""The `mkdocs-okr` command: check pages without building, print the schema.

Each command imports what it uses when it runs: a pre-commit hook starts the command for every
commit, and `--version` or a one-file check would otherwise spend most of its time importing the
classifier, the templates and the report formats it never uses (bench/startup.py measures it).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import __version__
from .model import Level, Severity

if TYPE_CHECKING:
    from .options.site_config import SiteConfig

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


class UsageError(click.ClickException):
    """A usage or I/O problem: one line on stderr, exit 2, no traceback."""

    exit_code = 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mkdocs-okr")
def main() -> None:
    """Check OKR pages: schema, positions and whose behaviour each key result measures."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path),
    help="mkdocs.yml to take docs_dir and the okr plugin's options from [default: ./mkdocs.yml if present].",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "sarif"]),
    default="text",
    show_default=True,
    help="Output format: text for people, json (the report), github (annotations in GitHub Actions), sarif (code scanning).",
)
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too, as `mkdocs build --strict` does.")
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    help="Worker processes; 0 checks in this process [default: every core, from 200 OKR pages on].",
)
def check(paths: tuple[Path, ...], config_file: Path | None, fmt: str, strict: bool, workers: int | None) -> None:
    """Check Markdown pages. PATH is a file or a folder (searched for *.md, and every other suffix
    MkDocs builds as a page: .markdown, .mdown, .mkdn, .mkd); without PATH, the
    docs_dir of ./mkdocs.yml, else ./docs. With PATHs and a mkdocs.yml, the cross-page rules
    (duplicate-id, aligns-to) also see the site's other pages, whose own findings are not shown.

    Exit status: 0 clean, 1 findings at error level (warnings too with --strict), 2 usage or I/O error.
    """
    from dataclasses import replace

    from .check import Options
    from .rules.staleness import SourceDateError, today
    from .show import report
    from .site.check import check_site

    site = _site(config_file)
    options = site.options if site else Options()
    try:
        options = replace(options, today=today(options.today))  # one day for the whole run
    except SourceDateError as error:
        raise UsageError(str(error)) from None
    given = paths
    if not paths:
        paths = (site.docs_dir if site else Path("docs"),)
    for path in paths:
        if not path.exists():
            raise UsageError(f"no such file or folder: {path}")
    named = [(_display(path), path) for path in _markdown_files(paths)]
    context = _context(site.docs_dir, named) if site and given and not _covers(given, site.docs_dir) else []
    checked = check_site(
        named, context, options, workers, (site.languages, site.docs_dir) if site and site.languages else None
    )
    for note in checked.notes:
        click.echo(f"mkdocs-okr: info: {note}", err=True)
    for name, why in checked.unreadable:
        click.echo(f"mkdocs-okr: cannot read {name}: {why}", err=True)
    results = checked.results
    if fmt == "json":
        click.echo(report.document(len(results), checked.okrs, report.diagnostics_of(results)), nl=False)
    elif fmt == "github":
        click.echo(report.github(results), nl=False)
    elif fmt == "sarif":
        from .show.sarif import sarif

        click.echo(sarif(results), nl=False)
    else:
        colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        style = (lambda s, sev: click.style(s, fg=_COLOURS.get(sev), bold=True)) if colour else (lambda s, _: s)
        click.echo(report.text(results, style), nl=False, color=colour)
    severities = {d.severity for r in results for d in r.diagnostics}
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    sys.exit(2 if checked.unreadable else 1 if severities & failing else 0)


@main.command()
@click.argument("text")
@click.option(
    "--customer", multiple=True, help="Your direct customers (repeat for several) [default: from mkdocs.yml]."
)
@click.option(
    "--customers-users", multiple=True, help="Your customers' users (repeat for several) [default: from mkdocs.yml]."
)
@click.option(
    "--measures",
    type=click.Choice([level.value for level in Level if level is not Level.UNKNOWN]),
    help="Declare the level, as `measures:` does.",
)
@click.option(
    "--config", "config_file", type=click.Path(path_type=Path), help="mkdocs.yml to take the default parties from."
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format."
)
def explain(
    text: str,
    customer: tuple[str, ...],
    customers_users: tuple[str, ...],
    measures: str | None,
    config_file: Path | None,
    fmt: str,
) -> None:
    """Say whose behaviour one key result measures, why, and what to measure instead."""
    import json

    from .classify import assess
    from .levels import levels

    site = _site(config_file)
    customer = customer or (site.options.customer if site else ())
    customers_users = customers_users or (site.options.customers_users if site else ())
    assessed = assess(text, customer, customers_users, measures)
    result, inferred = assessed.result, assessed.inferred
    if fmt == "json":
        data: dict[str, object] = {"text": text, "customer": list(customer), "customers_users": list(customers_users)}
        data["controllability"] = result.to_dict()
        if assessed.contradicted:
            data["inferred"] = inferred.to_dict()
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    rows = [
        ("level", f"{result.level.value} ({levels()[result.level.value]['label']})"),
        ("source", result.source),
        ("actor", result.actor or "-"),
        ("evidence", ", ".join(f'"{e}"' for e in result.evidence) or "-"),
        ("reason", result.reason),
    ]
    if result.suggestion:
        rows.append(("suggestion", result.suggestion))
    if assessed.contradicted:
        rows.append(("mismatch", f"the text reads as {inferred.level.value}"))
    for name, value in rows:
        click.echo(f"{name + ':':<12}{value}")


@main.command()
@click.option("--report", is_flag=True, help="The schema of the JSON report (`check --format json`) instead.")
def schema(report: bool) -> None:
    """Print the JSON Schema of OKR front matter."""
    from .datafiles import text
    from .read.validate import schema_text

    click.echo(text("schema/report.schema.json") if report else schema_text(), nl=False)


@main.command()
def lsp() -> None:
    """Run the language server over stdio, for editors: the findings of `check` as you type,
    hover, quick fixes and completion. Needs the lsp extra: pip install 'mkdocs-okr[lsp]'."""
    from importlib.util import find_spec

    if find_spec("pygls") is None:
        click.echo("mkdocs-okr: the language server needs pygls: install mkdocs-okr[lsp]", err=True)
        sys.exit(1)
    from .lsp.server import serve

    serve()


def _context(docs_dir: Path, named: list[tuple[str, Path]]) -> list[tuple[str, Path]]:
    """The site's other pages, read only so that the cross-page rules see the whole site when a
    few files are named (as pre-commit does); their own findings are not reported."""
    shown = {name for name, _ in named}
    pages = _markdown_files((docs_dir,)) if docs_dir.is_dir() else iter(())
    return [(name, path) for path in pages if (name := _display(path)) not in shown]


def _site(config_file: Path | None) -> SiteConfig | None:
    from .options.site_config import SiteConfigError, load

    path = config_file or (Path("mkdocs.yml") if Path("mkdocs.yml").is_file() else None)
    if path is None:
        return None
    if not path.is_file():
        raise UsageError(f"no such config file: {path}")
    try:
        site = load(path)
    except SiteConfigError as error:
        raise UsageError(str(error)) from None
    for warning in site.warnings:
        click.echo(f"mkdocs-okr: warning: {warning}", err=True)
    return site


def _markdown_files(paths: tuple[Path, ...]) -> Iterator[Path]:
    """Files as given, and Markdown files under folders (hidden folders skipped, links not followed), in
    order; a file reached twice (the same inode) once."""
    seen: set[object] = set()
    for path in paths:
        found = [path] if not path.is_dir() else sorted(_walk(path), key=lambda p: p.parts)  # as Paths sort, faster
        for file in found:
            key = _identity(file)
            if key not in seen:
                seen.add(key)
                yield file


def _identity(path: Path) -> object:
    try:
        stat = os.stat(path)
        return (stat.st_dev, stat.st_ino)
    except OSError:  # reported when it is read
        return os.path.abspath(path)


# what MkDocs builds as a page (mkdocs.utils.markdown_extensions), without importing MkDocs
MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")


def _walk(folder: Path) -> Iterator[Path]:
    """Markdown files under `folder`, by the suffixes MkDocs builds; a folder that cannot be listed is yielded too, so that reading it
    reports it."""
    unlisted: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=unlisted.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.endswith(MARKDOWN_SUFFIXES) and not name.startswith("."):
                yield Path(root) / name
    yield from (Path(error.filename) for error in unlisted)


def _covers(paths: tuple[Path, ...], folder: Path) -> bool:
    """Whether one of `paths` is `folder` or a folder above it."""
    target = os.path.abspath(folder)
    return any(target == (p := os.path.abspath(path)) or target.startswith(p.rstrip(os.sep) + os.sep) for path in paths)


def _display(path: Path) -> str:
    """A path relative to the working folder when it is inside it, with forward slashes."""
    absolute, cwd = os.path.abspath(path), os.getcwd().rstrip(os.sep)
    shown = absolute[len(cwd) + 1 :] if absolute.startswith(cwd + os.sep) else str(path)
    return shown.replace(os.sep, "/")
