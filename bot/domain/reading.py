"""What the two readers of free text share (a learner's message, a job ad): offset-keeping lower case, phrase
lengths by first token, and indexes built once per catalog."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from bot.domain.catalog import Catalog

T = TypeVar("T")


def lower_aligned(text: str) -> str:
    """Lower-case without changing the length, so offsets into the original stay valid."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def lengths_by_first(phrases: Iterable[tuple[str, ...]]) -> dict[str, list[int]]:
    """The lengths of the phrases starting with each token, longest first: a longest match tries only these."""
    lengths: dict[str, list[int]] = {}
    for phrase in phrases:
        lengths.setdefault(phrase[0], []).append(len(phrase))
    return {first: sorted(set(sizes), reverse=True) for first, sizes in lengths.items()}


class PerCatalog(Generic[T]):
    """A value built once per catalog, keyed by identity (a catalog is immutable).

    Admin edits make new catalogs, so only a few values are kept: past `keep`, the cache starts again.
    """

    def __init__(self, build: Callable[[Catalog], T], keep: int) -> None:
        """`build` makes the value of a catalog; past `keep` values the cache starts again."""
        self._build = build
        self._keep = keep
        self._cache: dict[int, tuple[Catalog, T]] = {}

    def __call__(self, catalog: Catalog) -> T:
        """The value of this catalog, built on first use."""
        cached = self._cache.get(id(catalog))
        if cached is not None and cached[0] is catalog:
            return cached[1]
        if len(self._cache) > self._keep:
            self._cache.clear()
        built = self._build(catalog)
        self._cache[id(catalog)] = (catalog, built)
        return built
