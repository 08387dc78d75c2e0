"""Fuzzing with hypothesis: arbitrary YAML under `okr:`, arbitrary text and bytes as pages, through
the one-page core, a real MkDocs build and the command line. Deterministic (derandomized, no
example database, no deadline) so that CI runs the same examples every time."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fixtures.fuzzing import check_one, pages
from fixtures.sites import build_site, record_figure, run_cli, write_site
from mkdocs_okr.read.text import may_be_okr_page

CI = settings(
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
FINDING = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|info): .+ \[(?P<rule>[\w-]+)\]$"
)
LOGGED = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): .+ \[(?P<rule>[\w-]+)\]$")


class Counter:
    """Examples run and time taken, for the figures printed at the end."""

    def __init__(self) -> None:
        self.examples, self.start = 0, time.perf_counter()

    def report(self, what: str) -> None:
        record_figure(f"fuzzing {what}: {self.examples} examples in {time.perf_counter() - self.start:.1f} s")


@pytest.fixture
def counter(request: pytest.FixtureRequest) -> Iterator[Counter]:
    count = Counter()
    yield count
    count.report(request.node.name)


def readable_by_mkdocs(raw: bytes) -> bool:
    """MkDocs stops the build on a page that is not UTF-8 unless the plugin hands it over (OKR pages)."""
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return may_be_okr_page(raw)
    return True


def test_the_core_answers_every_page_with_a_model_or_located_findings(counter: Counter) -> None:
    @settings(CI, max_examples=400)
    @given(pages)
    def check(raw: bytes) -> None:
        counter.examples += 1
        check_one(raw)

    check()


def test_a_real_build_survives_any_pages_and_shows_a_card_on_each_okr_page(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, counter: Counter
) -> None:
    sites = iter(range(10_000))

    @settings(CI, max_examples=40)
    @given(st.lists(pages.filter(readable_by_mkdocs), min_size=1, max_size=10))
    def build(site_pages: list[bytes]) -> None:
        counter.examples += 1
        files: dict[str, str | bytes] = {"index.md": "# Home\n"}
        files.update({f"p{i}.md": raw for i, raw in enumerate(site_pages)})
        root = write_site(tmp_path / f"site{next(sites)}", files, "site_name: Fuzz\nplugins:\n  - okr\n")
        built = build_site(root, caplog)
        for _, message in built.logs:
            if "OKR index" not in message:
                assert LOGGED.match(message.split(": ", 1)[1]), message
        for i, raw in enumerate(site_pages):
            if check_one(raw).is_okr_page:
                assert "okr-card" in built.html(f"p{i}/index.html"), raw

    build()


def test_the_command_line_exits_0_1_or_2_and_never_prints_a_traceback(tmp_path: Path, counter: Counter) -> None:
    folders = iter(range(10_000))

    @settings(CI, max_examples=20)
    @given(st.lists(pages, min_size=1, max_size=12), st.sampled_from(["text", "json", "github", "sarif"]))
    def check(folder_pages: list[bytes], fmt: str) -> None:
        counter.examples += 1
        folder = tmp_path / f"docs{next(folders)}"
        folder.mkdir()
        for i, raw in enumerate(folder_pages):
            (folder / f"p{i}.md").write_bytes(raw)
        run = run_cli("check", folder.name, "--format", fmt, cwd=tmp_path)
        assert run.returncode in (0, 1), run.stderr
        assert run.stderr == ""
        if fmt == "text":
            *findings, summary = run.stdout.splitlines()
            assert summary.startswith(f"checked {len(folder_pages)} file")
            assert all(FINDING.match(line) for line in findings), run.stdout

    check()
