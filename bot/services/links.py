"""Check every URL the catalog cites: concurrently, bounded, with redirects and broken links reported."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping

import httpx
from pydantic import BaseModel, ConfigDict

from bot import texts
from bot.domain.audit import catalog_urls
from bot.domain.catalog import Catalog

# Providers rate-limit bursts; eight at a time checks a 300-link catalog in well under a minute.
DEFAULT_CONCURRENCY = 8
USER_AGENT = texts.LINKS_USER_AGENT


class LinkResult(BaseModel):
    """What one URL answered."""

    model_config = ConfigDict(frozen=True)

    url: str
    cited_by: list[str]
    status: int | None = None
    final_url: str | None = None
    error: str | None = None

    @property
    def broken(self) -> bool:
        """No answer, or an error status."""
        return self.error is not None or self.status is None or self.status >= 400

    @property
    def redirected(self) -> bool:
        """Answered from another address than the one cited."""
        return not self.broken and self.final_url is not None and self.final_url.rstrip("/") != self.url.rstrip("/")


async def _check_one(client: httpx.AsyncClient, url: str, cited_by: list[str]) -> LinkResult:
    """HEAD first (cheap); some servers refuse HEAD, so fall back to GET."""
    try:
        response = await client.head(url)
        if response.status_code in (403, 405, 501):
            response = await client.get(url)
        return LinkResult(url=url, cited_by=cited_by, status=response.status_code, final_url=str(response.url))
    except httpx.HTTPError as exc:
        return LinkResult(url=url, cited_by=cited_by, error=type(exc).__name__ + (f": {exc}" if str(exc) else ""))


async def check_urls(
    urls: Mapping[str, list[str]],
    timeout: float = 10.0,
    concurrency: int = DEFAULT_CONCURRENCY,
    on_progress: Callable[[int, int], Awaitable[None]] | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> list[LinkResult]:
    """Check each URL once with at most `concurrency` requests in flight; results in the input's order."""
    limit = asyncio.Semaphore(max(1, concurrency))
    done = 0
    total = len(urls)

    async def guarded(client: httpx.AsyncClient, url: str, cited: list[str]) -> LinkResult:
        nonlocal done
        async with limit:
            result = await _check_one(client, url, cited)
        done += 1
        if on_progress is not None:
            await on_progress(done, total)
        return result

    headers = {"User-Agent": USER_AGENT}
    async with httpx.AsyncClient(timeout=timeout, follow_redirects=True, headers=headers,
                                 transport=transport) as client:
        return list(await asyncio.gather(*(guarded(client, u, c) for u, c in urls.items())))


async def check_catalog(
    catalog: Catalog,
    timeout: float = 10.0,
    concurrency: int = DEFAULT_CONCURRENCY,
    on_progress: Callable[[int, int], Awaitable[None]] | None = None,
) -> list[LinkResult]:
    """Check every URL the catalog cites."""
    return await check_urls(catalog_urls(catalog), timeout, concurrency, on_progress)


class LinkCounts(BaseModel):
    """How many links were checked, and how many of them were broken, redirected or fine."""

    model_config = ConfigDict(frozen=True)

    total: int
    broken: int
    redirected: int

    @property
    def fine(self) -> int:
        """Neither broken nor redirected."""
        return self.total - self.broken - self.redirected


def counts(results: list[LinkResult]) -> LinkCounts:
    """Count a finished check's results."""
    return LinkCounts(total=len(results), broken=sum(r.broken for r in results),
                      redirected=sum(r.redirected for r in results))


def problem_lines(results: list[LinkResult]) -> list[str]:
    """One line per broken link, then one per redirect; nothing for fine links."""
    lines = [texts.LINKS_BROKEN.format(url=r.url, error=r.error or texts.LINKS_HTTP_STATUS.format(status=r.status),
                                       cited_by=", ".join(r.cited_by))
             for r in results if r.broken]
    lines += [texts.LINKS_REDIRECT.format(url=r.url, final_url=r.final_url, cited_by=", ".join(r.cited_by))
              for r in results if r.redirected]
    return lines


def report_lines(results: list[LinkResult]) -> list[str]:
    """Broken links first, then redirects, then a one-line count."""
    c = counts(results)
    return [*problem_lines(results),
            texts.LINKS_SUMMARY.format(total=c.total, broken=c.broken, redirected=c.redirected, fine=c.fine)]


# Progress goes to a chat message that is edited in place: Telegram allows roughly one edit per second per chat, so
# the admin sees at most one update per tenth of the work and never more often than every few seconds.
PROGRESS_STEPS = 10
PROGRESS_MIN_SECONDS = 3.0


def progress_due(done: int, total: int, last_reported: int, seconds_since_last: float) -> bool:
    """Whether to show progress now: a new tenth of the links is done and the last update is not too recent."""
    if total <= 0 or done >= total:
        return False
    tenth = done * PROGRESS_STEPS // total
    return tenth > last_reported * PROGRESS_STEPS // total and seconds_since_last >= PROGRESS_MIN_SECONDS
