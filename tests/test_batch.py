"""Checking many pages in worker processes gives what checking them one by one gives."""

from __future__ import annotations

from mkdocs_okr.batch import Batch, check_chunk, workers_for
from mkdocs_okr.check import Options
from test_plugin import BAD_PAGE, OKR_PAGE


def test_a_worker_batch_equals_checking_in_process() -> None:
    items = [(f"p{i}", (BAD_PAGE if i % 5 == 0 else OKR_PAGE).encode(), f"docs/p{i}.md") for i in range(150)]
    options = Options(customer=("restaurant owners",), customers_users=("diners",))
    batch = Batch(items, options, workers=1)
    assert batch.pool is not None and len(batch.chunks) == 3
    try:
        assert batch.result("p149") == check_chunk(items[149:], options)[0]
        assert list(batch.results().values()) == check_chunk(items, options)
        assert batch.result("not a page") is None
    finally:
        batch.close()


def test_workers_only_where_they_pay() -> None:
    assert workers_for(10, None) == 0
    assert workers_for(5000, 0) == 0 and workers_for(10, 3) == 3
