"""Catalog audit: per entry, whether its facts are verified, on whose page, and when they are due a re-check."""

from __future__ import annotations

from collections import Counter
from datetime import date

from pydantic import BaseModel, ConfigDict

from bot.domain.catalog import Catalog, SourceKind, Status

# Providers change prices and lengths about twice a year; older checks are due again.
RECHECK_AFTER_DAYS = 180


class AuditRow(BaseModel):
    """One course or certification and the state of its facts."""

    model_config = ConfigDict(frozen=True)

    section: str
    id: str
    active: bool
    verified_on: date | None
    age_days: int | None
    source: str
    source_kind: SourceKind
    due: bool

    @property
    def state(self) -> str:
        """verified, due (verified too long ago) or unverified."""
        if self.verified_on is None:
            return "unverified"
        return "due" if self.due else "verified"


class AuditReport(BaseModel):
    """Every row, with counts and the active entries that cite no usable source."""

    model_config = ConfigDict(frozen=True)

    today: date
    rows: list[AuditRow]

    def counts(self) -> dict[str, int]:
        """Rows by state and by source kind, e.g. {'verified': 60, 'third_party': 4}."""
        out: Counter[str] = Counter()
        for row in self.rows:
            out[row.state] += 1
            out[row.source_kind.value] += 1
        return dict(out)

    @property
    def due(self) -> list[AuditRow]:
        """Active entries never verified or verified more than RECHECK_AFTER_DAYS ago."""
        return [r for r in self.rows if r.active and (r.verified_on is None or r.due)]

    @property
    def unsourced(self) -> list[AuditRow]:
        """Active entries whose source is blank or not a web page."""
        return [r for r in self.rows if r.active and not r.source.strip().startswith("https://")]


def audit(catalog: Catalog, today: date) -> AuditReport:
    """The audit of every course and certification as of `today`."""
    rows: list[AuditRow] = []
    for section in ("courses", "certifications"):
        for entry in getattr(catalog, section):
            age = (today - entry.verified_on).days if entry.verified_on else None
            rows.append(AuditRow(
                section=section, id=entry.id, active=entry.status is Status.active, verified_on=entry.verified_on,
                age_days=age, source=entry.source, source_kind=entry.source_kind,
                due=age is not None and age > RECHECK_AFTER_DAYS,
            ))
    return AuditReport(today=today, rows=rows)


def catalog_urls(catalog: Catalog) -> dict[str, list[str]]:
    """Every URL the catalog cites, with the entries (id.field) that cite it."""
    out: dict[str, list[str]] = {}

    def cite(url: str, where: str) -> None:
        out.setdefault(url, []).append(where)

    for course in catalog.courses:
        cite(course.url, f"{course.id}.url")
        cite(course.source, f"{course.id}.source")
    for cert in catalog.certifications:
        cite(cert.url, f"{cert.id}.url")
        cite(cert.source, f"{cert.id}.source")
    for role in catalog.roles:
        for n, band in enumerate(role.salary):
            cite(band.source, f"{role.id}.salary.{n}")
    return out
