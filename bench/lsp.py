"""The language server's speed: a keystroke in a 200-line OKR page, and opening a large workspace.

The server runs in this process, on loopback TCP (127.0.0.1, a port the system picks), driven by
pygls' client as an editor drives it; what it spends checking a document is timed inside it
(`OkrServer.check`: the check, the cross-page rules over the site, the ranges, the publication),
so the figure is the server's own time, without the 150 ms it waits for the typing to stop.

    keystroke       a character typed, then deleted, at the end of a key result's text of a
                    200-line page, in a site of PAGES pages (bench/build_overhead.py's, half OKR
                    pages); then the same in an objective's id, which the cross-page rules read, so
                    they run again over the site: the server's time per check, median and 95th
                    percentile over KEYS keystrokes each
    open            from `initialized` to the site's pages read (every OKR page's outline, for the
                    cross-page rules), and to the first diagnostics with the cross-page findings

    python bench/lsp.py                         # 5,000 pages, 200 keystrokes
    python bench/lsp.py --pages 500 --keys 20   # a smoke run
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.client import LanguageClient

from mkdocs_okr.lsp.server import DELAY, OkrServer, make_server

sys.path.insert(0, str(Path(__file__).parent))
from build_overhead import CUSTOMER, generate

KEY_RESULT = "Raise the share of {customer} who renew within 12 months from 82% to 90%"


def page_of(lines: int) -> str:
    """An OKR page of `lines` lines: objectives of five key results, each written as a mapping."""
    out = ["---", "okr:", "  team: Benchmark team", "  period: 2026-Q3", "  objectives:"]
    o = 0
    while len(out) < lines - 10:
        o += 1
        out += [f"    - id: O{o}", f"      title: Objective {o} of the benchmark page", "      key_results:"]
        for k in range(1, 6):
            text = KEY_RESULT.format(customer=CUSTOMER)
            out += [f"        - id: KR{k}", f"          text: {text} ({o}.{k})", "          baseline: 82"]
            out += ["          target: 90", "          current: 84", '          unit: "%"']
    out += ["---", "", "# The benchmark page", ""]
    out += [f"Paragraph {n} of the page's body." for n in range(lines - len(out))]
    return "\n".join(out) + "\n"


class Timed:
    """The server's `check`, timed at each call."""

    def __init__(self, server: OkrServer) -> None:
        self.seconds: list[float] = []
        check = server.check

        def timed(uri: str) -> Any:
            start = time.perf_counter()
            try:
                return check(uri)
            finally:
                self.seconds.append(time.perf_counter() - start)

        server.check = timed  # type: ignore[method-assign]  # the same method, with a stopwatch


def free_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def drive(root: Path, page: Path, keys: int, timed: Timed, server: OkrServer, port: int) -> dict[str, float]:
    client = LanguageClient("bench", "1")
    published: list[types.PublishDiagnosticsParams] = []

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def publish(params: types.PublishDiagnosticsParams) -> None:
        published.append(params)

    for _ in range(500):  # the server's thread is starting
        try:
            await client.start_tcp("127.0.0.1", port)
            break
        except OSError:
            await asyncio.sleep(0.01)
    params = types.InitializeParams(
        capabilities=types.ClientCapabilities(),
        root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(root.as_uri(), "bench")],
    )
    await client.initialize_async(params)
    start = time.perf_counter()
    client.initialized(types.InitializedParams())
    uri, text = page.as_uri(), page.read_text(encoding="utf-8")
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "markdown", 1, text)))
    while not server.sites.sites or not all(s.ready.is_set() for s in server.sites.sites.values()):
        await asyncio.sleep(0.005)
    read = time.perf_counter() - start
    while not any(p.version == 1 and any(d.code == "duplicate-id" for d in p.diagnostics) for p in published):
        await asyncio.sleep(0.005)
    first = time.perf_counter() - start
    lines, version, figures = text.split("\n"), 1, {"read": read, "first": first}
    for where, starts in (("text", "          text: "), ("id", "    - id: O")):
        timed.seconds.clear()
        line = lines.index(next(x for x in lines if x.startswith(starts)))
        for n in range(keys):  # a character typed, then deleted: the page stays as valid as it was
            end = len(lines[line])
            typed = n % 2 == 0
            span = types.Range(types.Position(line, end), types.Position(line, end if typed else end + 1))
            change = types.TextDocumentContentChangePartial(range=span, text="x" if typed else "")
            version += 1
            document = types.VersionedTextDocumentIdentifier(uri=uri, version=version)
            client.text_document_did_change(types.DidChangeTextDocumentParams(document, [change]))
            while not any(p.version == version for p in published[-3:]):
                await asyncio.sleep(0.001)
        seconds = sorted(timed.seconds)
        figures[f"{where}_median"] = statistics.median(seconds)
        figures[f"{where}_p95"] = seconds[min(len(seconds) - 1, int(len(seconds) * 0.95))]
    await client.shutdown_async(None)  # the client stops with this loop; the server's thread with the process
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=5000, help="pages of the site (half of them OKR pages)")
    parser.add_argument("--keys", type=int, default=200, help="keystrokes timed")
    parser.add_argument("--lines", type=int, default=200, help="lines of the page typed in")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="okr-lsp-bench-") as base:
        root = Path(base)
        docs, okr_pages = generate(root, args.pages)
        (root / "mkdocs.yml").write_text(f"site_name: Bench\nplugins:\n  - okr:\n      customer: [{CUSTOMER}]\n")
        page = docs / "typed.md"
        page.write_text(page_of(args.lines), encoding="utf-8")
        (docs / "typed-first.md").write_text(page_of(40), encoding="utf-8")  # its O1 comes first: a duplicate-id
        server, port = make_server(), free_port()
        timed = Timed(server)
        threading.Thread(target=server.start_tcp, args=("127.0.0.1", port), daemon=True).start()
        figures = asyncio.run(drive(root, page, args.keys, timed, server, port))
    print(f"site: {args.pages:,} pages ({okr_pages:,} OKR pages); page typed in: {args.lines} lines")
    print(
        f"open: pages read in {figures['read']:.2f} s; first diagnostics with cross-page findings at {figures['first']:.2f} s"
    )
    for where, what in (
        ("text", "a key result's text"),
        ("id", "an objective's id (the cross-page rules run again, over the whole site)"),
    ):
        print(
            f"keystroke in {what}: the server's own time per check, median {figures[where + '_median'] * 1000:.1f} ms, "
            f"95th percentile {figures[where + '_p95'] * 1000:.1f} ms, over {args.keys} keystrokes"
        )
    print(f"(the server checks {DELAY * 1000:.0f} ms after the last keystroke of a burst; that wait is not counted)")


if __name__ == "__main__":
    main()
