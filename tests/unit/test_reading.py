"""The helpers both free-text readers share (bot/domain/reading.py): offsets survive lower-casing, phrase lengths
are tried longest first, and an index is built once per catalog."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.catalog import Catalog
from bot.domain.jobad.index import index_for
from bot.domain.reading import PerCatalog, lengths_by_first, lower_aligned
from bot.domain.understanding.matcher import matcher_for

ROOT = Path(__file__).resolve().parents[2]
CATALOG = Catalog.load(ROOT / "content")


@given(st.text())
def test_lower_aligned_keeps_every_offset(text: str) -> None:
    low = lower_aligned(text)
    assert len(low) == len(text)
    # every character is lower-cased unless that would change its length ("İ" lower-cases to two characters)
    assert all(a == (b.lower() if len(b.lower()) == 1 else b) for a, b in zip(low, text, strict=True))


def test_lower_aligned_leaves_a_character_that_grows() -> None:
    assert lower_aligned("İSTANBUL Python") == "İstanbul python"


@given(st.lists(st.lists(st.sampled_from(["ml", "data", "engineer", "sql", "a"]), min_size=1, max_size=4)))
def test_lengths_by_first_lists_each_length_once_longest_first(phrases: list[list[str]]) -> None:
    keys = [tuple(p) for p in phrases]
    lengths = lengths_by_first(keys)
    assert set(lengths) == {k[0] for k in keys}
    for first, sizes in lengths.items():
        assert sizes == sorted({len(k) for k in keys if k[0] == first}, reverse=True)


def test_an_index_is_built_once_per_catalog_and_again_for_a_new_one() -> None:
    builds: list[Catalog] = []

    def build(catalog: Catalog) -> int:
        builds.append(catalog)
        return len(builds)

    per_catalog = PerCatalog(build, keep=2)
    copies = [CATALOG.model_copy() for _ in range(5)]
    assert per_catalog(copies[0]) == per_catalog(copies[0]) == 1
    assert per_catalog(copies[1]) == 2
    for catalog in copies[2:]:  # past `keep` the cache starts again, and every value stays its catalog's own
        per_catalog(catalog)
    assert per_catalog(copies[4]) == 5
    assert builds == copies


def test_both_readers_cache_their_index_by_catalog() -> None:
    other = CATALOG.model_copy()
    assert matcher_for(CATALOG) is matcher_for(CATALOG)
    assert matcher_for(other) is not matcher_for(CATALOG)
    assert index_for(CATALOG) is index_for(CATALOG)
    assert index_for(other) is not index_for(CATALOG)
