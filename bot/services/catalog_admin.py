"""CatalogAdminService: curate the catalog safely — validated, audited, versioned changes with undo.

The shipped YAML is the base; admin changes are rows of `catalog_changes`; the effective catalog is
base + changes (bot.domain.admin.apply_changes), cached and swapped in one assignment after each change,
and re-read when another process (the CLI) has written a change. Every change is validated against the
whole catalog with the start-up rules (Catalog.from_documents); a rejected change writes nothing. An
accepted change writes its change record(s) and an audit row in one `db.atomic()`.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import yaml
from sqlite_utils import Database

from bot import texts
from bot.domain.admin import (
    LIFECYCLE_SECTIONS,
    REMOVABLE_SECTIONS,
    CatalogDiff,
    ChangeAction,
    ChangeRecord,
    FieldProblem,
    Sections,
    apply_changes_leniently,
    catalog_sections,
    changed_fields,
    diff_sections,
    explain_issues,
    last_undo_of,
    parse_form_collect,
    roadmap_notices,
    section_for,
    sections_to_documents,
    to_json_values,
    undo_stacks,
)
from bot.domain.catalog import ENTRY_TYPES, Catalog, CatalogError, Status
from bot.storage.db import write_transaction
from bot.storage.repositories import Repositories

log = logging.getLogger(__name__)

Clock = Callable[[], datetime | date]
PENDING_IMPORT_TTL = timedelta(hours=1)


@dataclass(frozen=True)
class ChangeResult:
    """What a change did: the new change ids (empty when rejected) and, when rejected, every problem."""

    ok: bool
    action: str
    section: str = ""
    entry_id: str = ""
    change_ids: list[int] = field(default_factory=list)
    problems: list[FieldProblem] = field(default_factory=list)
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    affected_learners: int = 0
    entries: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "problems", _named(self.problems))

    @property
    def change_id(self) -> int | None:
        """The (last) change id written, or None when rejected."""
        return self.change_ids[-1] if self.change_ids else None

    @property
    def fields(self) -> list[str]:
        """Fields that changed."""
        return changed_fields(self.before, self.after)


@dataclass(frozen=True)
class ImportPreview:
    """A validated import not yet applied: its diff and the token that applies it (None when invalid)."""

    token: str | None
    diff: CatalogDiff
    problems: list[FieldProblem] = field(default_factory=list)

    def __post_init__(self) -> None:
        object.__setattr__(self, "problems", _named(self.problems))


@dataclass(frozen=True)
class AdminStats:
    """Figures for /stats."""

    learners: int
    active_7: int
    active_30: int
    roadmaps: int
    learners_with_roadmap: int
    top_roles: list[tuple[str, int]]
    stage_completion: list[tuple[str, float, int]]  # (stage id, fraction of its items done, learners)
    top_done: list[tuple[str, int]]
    catalog_counts: dict[str, int]
    changes: int
    # Technologies job ads name most that the catalog lacks, with how many ads named each (issue 17).
    unknown_job_skills: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class _Pending:
    sections: Sections
    diff: CatalogDiff
    base_change_id: int
    actor: str
    created: datetime


@dataclass(frozen=True)
class _State:
    latest_id: int
    catalog: Catalog
    sections: Sections
    records: tuple[ChangeRecord, ...]


def _record(change: Any) -> ChangeRecord:
    """A storage CatalogChange (dataclass) or row dict as a ChangeRecord."""
    if isinstance(change, Mapping):
        return ChangeRecord.model_validate(dict(change))
    return ChangeRecord.model_validate(change, from_attributes=True)


# libyaml when installed: an upload of up to 2 MB parses in a fraction of the pure-Python loader's time.
_UPLOAD_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_EXAMPLE_DOCUMENT = "courses:\\n  - id: my-course\\n    title: ..."


class _NoAliasDumper(yaml.SafeDumper):
    """SafeDumper that writes shared values out in full: an export must upload again, and uploads refuse aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        """Never use an anchor and alias."""
        return True


def parse_upload(yaml_text: str) -> list[Any] | ImportPreview:
    """The non-empty documents of an uploaded YAML text, or an ImportPreview naming why it cannot be read.

    Pure (no database, no service state), so a front-end may run it in a worker thread. Aliases are refused
    from the event stream, before anything is built: half a kilobyte of nested aliases expands to gigabytes.
    """
    def refused(message: str) -> ImportPreview:
        problem = FieldProblem(entry="-", field="document", message=message, example=_EXAMPLE_DOCUMENT)
        return ImportPreview(token=None, diff=CatalogDiff(), problems=[problem])

    try:
        # An alias needs an anchor (&name): without a '&' anywhere the event scan can be skipped.
        if "&" in yaml_text and any(isinstance(event, yaml.AliasEvent)
                                    for event in yaml.parse(yaml_text, Loader=_UPLOAD_LOADER)):
            return refused(texts.ADMIN_ERR_ALIAS)
        return [d for d in yaml.load_all(yaml_text, Loader=_UPLOAD_LOADER) if d is not None]
    # Not only YAMLError: the constructors raise ValueError for impossible dates (2025-02-30),
    # RecursionError for absurd nesting, and so on; an upload is untrusted text.
    except Exception as exc:
        return refused(texts.ADMIN_ERR_YAML.format(error=exc))


@dataclass(frozen=True)
class CheckedImport:
    """An upload that validates against the whole catalog: the new sections and what changes."""

    sections: dict[str, dict[str, dict[str, Any]]]
    diff: CatalogDiff


def check_import(documents: list[Any], state: _State) -> ImportPreview | CheckedImport:
    """Validate uploaded documents (entries added or replaced by id) against `state` and diff them.

    Pure (no database, no service state), so a front-end may run it in a worker thread: a 2 MB upload takes
    seconds. An ImportPreview carries the problems, or an empty diff; nothing is stored either way.
    """
    problems: list[FieldProblem] = []
    uploaded: list[tuple[str, dict[str, Any]]] = []
    for document in documents:
        if not isinstance(document, Mapping):
            problems.append(FieldProblem(entry="-", field="document", message=texts.ADMIN_ERR_NOT_MAPPING,
                                         example="courses: [...]"))
            continue
        for section, items in document.items():
            if section not in ENTRY_TYPES:
                problems.append(FieldProblem(entry="-", field=str(section),
                                             message=texts.ADMIN_ERR_SECTION.format(section=section),
                                             example=", ".join(ENTRY_TYPES)))
                continue
            if not isinstance(items, list):
                problems.append(FieldProblem(entry="-", field=section, message=texts.CATALOG_ERR_NOT_LIST,
                                             example=f"{section}:\\n  - id: ..."))
                continue
            for position, item in enumerate(items):
                if not isinstance(item, Mapping) or not item.get("id"):
                    problems.append(FieldProblem(entry=f"#{position + 1}", field="id",
                                                 message=texts.ADMIN_FORM_ERR_MISSING, example="id: my-course"))
                    continue
                # Field names as text: YAML allows `2: 3`, which the entry model then reports as unknown.
                uploaded.append((section, to_json_values({str(k): v for k, v in item.items()})))
    if not uploaded and not problems:
        problems.append(FieldProblem(entry="-", field="document", message=texts.ADMIN_ERR_EMPTY_IMPORT,
                                     example=_EXAMPLE_DOCUMENT))
    if problems:
        return ImportPreview(token=None, diff=CatalogDiff(), problems=problems)
    sections = {k: dict(v) for k, v in state.sections.items()}
    for section, item in uploaded:
        other = state.catalog.entries.get(str(item["id"]))
        if other is not None and other[0] != section:
            problems.append(FieldProblem(entry=str(item["id"]), field="id",
                                         message=texts.ADMIN_ERR_ID_TAKEN.format(section=other[0]),
                                         example=texts.ADMIN_EXAMPLE_NEW_ID.format(id=item["id"])))
            continue
        sections.setdefault(section, {})[str(item["id"])] = item
    if problems:
        return ImportPreview(token=None, diff=CatalogDiff(), problems=problems)
    try:
        candidate = Catalog.from_documents(sections_to_documents(sections))
    except CatalogError as exc:
        first = uploaded[0][0]
        return ImportPreview(token=None, diff=CatalogDiff(), problems=explain_issues(exc.issues, first, state.catalog))
    new_sections = catalog_sections(candidate)
    diff = diff_sections(state.sections, new_sections)
    if diff.is_empty():
        return ImportPreview(token=None, diff=diff)
    return CheckedImport(sections=new_sections, diff=diff)


DENIED_AUDIT_LIMIT = 5  # audit rows per actor and window for refused admin attempts; a flood adds no more
DENIED_AUDIT_WINDOW = timedelta(hours=1)


class CatalogAdminService:
    """The use cases behind the admin commands and `waypoint content add|edit|retire|history|undo|export`."""

    def __init__(self, db: Database, base_catalog: Catalog, clock: Clock | None = None) -> None:
        """Work on `db` over the shipped `base_catalog`; `clock` gives now (a datetime, or a date)."""
        self.db = db
        self.repos = Repositories(db)
        self.base = base_catalog
        self._clock = clock or (lambda: datetime.now(UTC))
        self._lock = threading.RLock()
        self._state: _State | None = None
        self._pending: dict[str, _Pending] = {}
        self.skipped_changes: list[int] = []
        self._denied: dict[str, tuple[datetime, int]] = {}  # actor -> (window start, refused attempts in it)

    # ---------------------------------------------------------------- refused attempts
    def log_denied(self, actor: str, action: str, target: str | None, detail: Mapping[str, Any]) -> bool:
        """Audit a refused admin attempt, at most DENIED_AUDIT_LIMIT rows per actor per window; True if written.

        The counts are kept in memory: the limit only stops a spammer from growing the audit log with their
        message count, and a restart (which forgets the counts) is no help to one.
        """
        now = self.now()
        start, n = self._denied.get(actor, (now, 0))
        if now - start >= DENIED_AUDIT_WINDOW:
            start, n = now, 0
        self._denied[actor] = (start, n + 1)
        if len(self._denied) > 10_000:  # bounded: forget windows that are over
            for key in [k for k, (s, _) in self._denied.items() if now - s >= DENIED_AUDIT_WINDOW]:
                del self._denied[key]
        if n >= DENIED_AUDIT_LIMIT:
            return False
        with write_transaction(self.db):
            self.repos.audit.log(actor, action, target, dict(detail), now)
        return True

    # ---------------------------------------------------------------- time
    def now(self) -> datetime:
        """The clock as an aware datetime."""
        value = self._clock()
        if not isinstance(value, datetime):
            # A date-only clock (the services' `clock`) gives the day; the time of day is the real one.
            value = datetime.combine(value, datetime.now(UTC).time(), tzinfo=UTC)
        return value if value.tzinfo else value.replace(tzinfo=UTC)

    def today(self) -> date:
        """The clock's date."""
        return self.now().date()

    # ---------------------------------------------------------------- the effective catalog
    def _latest_id(self) -> int:
        latest = self.repos.catalog_changes.latest()
        return latest.id if latest else 0

    def _load_state(self) -> _State:
        """The cached state if it is current, else rebuilt from every stored change."""
        latest = self._latest_id()
        state = self._state
        if state is not None and state.latest_id == latest:
            return state
        records = tuple(_record(c) for c in self.repos.catalog_changes.all())
        catalog, skipped = apply_changes_leniently(self.base, records)
        if skipped:
            log.warning("catalog changes %s no longer fit the shipped catalog and were skipped", skipped)
        self.skipped_changes = skipped
        state = _State(latest_id=records[-1].id if records else 0, catalog=catalog,
                       sections=catalog_sections(catalog), records=records)
        self._state = state
        return state

    def effective(self) -> Catalog:
        """The catalog plans are made from: the shipped base plus every admin change."""
        with self._lock:
            return self._load_state().catalog

    # ---------------------------------------------------------------- committing
    def _commit(
        self,
        action: ChangeAction,
        planned: list[tuple[str, str, dict[str, Any] | None, dict[str, Any] | None, int | None]],
        actor: str,
        state: _State,
        batch: str | None = None,
        audit_detail: Mapping[str, Any] | None = None,
    ) -> tuple[list[int], Catalog] | list[FieldProblem]:
        """Validate base+changes+planned; write the records and one audit row atomically, or return problems.

        `planned` holds (section, entry id, before, after, undoes) per record, applied in order.
        """
        candidate = self._candidate(state, planned)
        if isinstance(candidate, list):
            return candidate
        now = self.now()
        ids: list[int] = []
        with write_transaction(self.db):
            if self._latest_id() != state.latest_id:
                # Another process changed the catalog since we read it: refuse rather than clobber.
                raise _Stale
            for section, entry_id, before, after, undoes in planned:
                ids.append(self.repos.catalog_changes.add(
                    actor, action, section, entry_id, before, after, undoes, batch, now))
            target = planned[0][1] if len(planned) == 1 else batch
            detail = {"change_ids": ids, "section": planned[0][0] if planned else "", **(audit_detail or {})}
            self.repos.audit.log(actor, f"catalog.{action}", target, detail, now)
        new_records = tuple(
            ChangeRecord(id=i, at=now, actor=actor, action=action, section=s, entry_id=e, before=b, after=a,
                         undoes=u, batch=batch)
            for i, (s, e, b, a, u) in zip(ids, planned, strict=True)
        )
        self._state = _State(latest_id=ids[-1] if ids else state.latest_id, catalog=candidate,
                             sections=catalog_sections(candidate), records=state.records + new_records)
        return ids, candidate

    @staticmethod
    def _candidate(state: _State, planned: list[tuple[str, str, dict[str, Any] | None, dict[str, Any] | None,
                                                     int | None]]) -> Catalog | list[FieldProblem]:
        """The catalog with `planned` applied, or the problems that stop it from loading."""
        sections = {k: dict(v) for k, v in state.sections.items()}
        for section, entry_id, _before, after, _undoes in planned:
            entries = sections.setdefault(section, {})
            if after is None:
                entries.pop(entry_id, None)
            else:
                entries[entry_id] = after
        try:
            return Catalog.from_documents(sections_to_documents(sections))
        except CatalogError as exc:
            return explain_issues(exc.issues, planned[0][0] if planned else "", state.catalog)

    @classmethod
    def _check(cls, state: _State, planned: list[tuple[str, str, dict[str, Any] | None, dict[str, Any] | None,
                                                       int | None]]) -> list[FieldProblem]:
        """The problems the catalog would have with `planned` applied ([] when it would be valid)."""
        candidate = cls._candidate(state, planned)
        return candidate if isinstance(candidate, list) else []

    def _all_problems(self, state: _State, section: str, entry_id: str, entry: dict[str, Any],
                      reported: set[str]) -> list[FieldProblem]:
        """What else is wrong with a new entry, beyond the fields already `reported`: the catalog's checks of
        the entry as given, then — since a missing field stops the checks of the others — of the entry with
        missing and bad fields borrowed from an existing entry of the section, keeping the problems of the
        fields the admin gave."""
        first = [p for p in self._check(state, [(section, entry_id, None, entry, None)]) if p.field not in reported]
        template = next(iter(state.sections.get(section, {}).values()), None)
        if template is None:
            return first
        bad = {p.field for p in first} | reported
        trial = {**template, **{k: v for k, v in entry.items() if k not in bad}, "id": entry_id}
        for name in ("title", "name", "url"):  # never collide with the borrowed entry itself
            if name in trial and name not in entry and isinstance(trial[name], str):
                trial[name] = f"{trial[name]}-{entry_id}" if name != "url" else f"{trial[name]}#{entry_id}"
        seen = {(p.field, p.message) for p in first}
        more = [p for p in self._check(state, [(section, entry_id, None, _normalise(section, trial), None)])
                if p.field in entry and p.field not in bad and (p.field, p.message) not in seen]
        return first + more

    def _change(
        self,
        action: ChangeAction,
        section: str,
        entry_id: str,
        planned: list[tuple[str, str, dict[str, Any] | None, dict[str, Any] | None, int | None]],
        actor: str,
        state: _State,
        batch: str | None = None,
        audit_detail: Mapping[str, Any] | None = None,
    ) -> ChangeResult:
        outcome = self._commit(action, planned, actor, state, batch, audit_detail)
        if isinstance(outcome, list):
            return ChangeResult(ok=False, action=action, section=section, entry_id=entry_id, problems=outcome)
        ids, _catalog = outcome
        before = planned[0][2] if len(planned) == 1 else None
        after = planned[0][3] if len(planned) == 1 else None
        # Only retirements and edits produce learner notices; counting scans every learner's latest roadmap.
        affected = len(self.affected_learners(entry_id)) if len(planned) == 1 and action in {"edit", "retire"} else 0
        return ChangeResult(ok=True, action=action, section=section, entry_id=entry_id, change_ids=ids,
                            before=before, after=after, affected_learners=affected, entries=len(planned))

    def _run(self, fn: Callable[[_State], ChangeResult]) -> ChangeResult:
        with self._lock:
            for _attempt in range(3):
                try:
                    return fn(self._load_state())
                except _Stale:
                    continue
            return fn(self._load_state())

    @staticmethod
    def _rejected(action: str, problem: FieldProblem, section: str = "", entry_id: str = "") -> ChangeResult:
        return ChangeResult(ok=False, action=action, section=section, entry_id=entry_id, problems=[problem])

    # ---------------------------------------------------------------- add / edit / retire
    def add(self, section: str, data: Mapping[str, Any] | str, actor: str) -> ChangeResult:
        """Add a new entry to `section` ('courses' or 'course'); `data` is a mapping or a one-line form."""
        resolved = section_for(section)
        if resolved is None:
            problem = FieldProblem(entry="-", field="section", message=texts.ADMIN_ERR_SECTION.format(section=section),
                                   example=", ".join(ENTRY_TYPES))
            return self._rejected("add", problem)
        form_problems: list[FieldProblem] = []
        if isinstance(data, str):
            parsed, form_problems = parse_form_collect(resolved, data)
            if any(p.field == "form" for p in form_problems):
                return ChangeResult(ok=False, action="add", section=resolved, problems=form_problems)
            data = to_json_values(parsed)
        if not isinstance(data, Mapping):
            problem = FieldProblem(entry="-", field="-", message=texts.ADMIN_ERR_NOT_MAPPING, example="id: my-course")
            return self._rejected("add", problem, resolved)
        entry = to_json_values(data)
        entry_id = str(entry.get("id") or "")
        if not entry_id:
            problem = FieldProblem(entry="-", field="id", message=texts.ADMIN_FORM_ERR_MISSING,
                                   example="id=deep-learning-spec")
            return ChangeResult(ok=False, action="add", section=resolved, problems=[*form_problems, problem])

        def run(state: _State) -> ChangeResult:
            after = _normalise(resolved, entry)
            problems = [*form_problems, *_duplicates(state.catalog, resolved, entry_id, after)]
            if problems and entry_id not in state.catalog.entries:
                # Every bad field at once: what else is wrong with the fields that did parse.
                problems += self._all_problems(state, resolved, entry_id, after, {p.field for p in problems})
                return ChangeResult(ok=False, action="add", section=resolved, entry_id=entry_id, problems=problems)
            if entry_id in state.catalog.entries:
                existing = state.catalog.entries[entry_id][0]
                problem = FieldProblem(entry=entry_id, field="id",
                                       message=texts.ADMIN_ERR_ID_TAKEN.format(section=existing),
                                       example=f"{entry_id}-2, or /{_edit_command(existing)} {entry_id} ...")
                return self._rejected("add", problem, resolved, entry_id)
            return self._change("add", resolved, entry_id, [(resolved, entry_id, None, after, None)], actor, state)

        return self._run(run)

    def edit(self, entry_id: str, updates: Mapping[str, Any] | str, actor: str) -> ChangeResult:
        """Change fields of an entry; `updates` is a mapping of typed values or a one-line form."""

        def run(state: _State) -> ChangeResult:
            found = state.catalog.entries.get(entry_id)
            if found is None:
                return self._rejected("edit", _unknown_entry(entry_id, state.catalog), entry_id=entry_id)
            section = found[0]
            before = state.sections[section][entry_id]
            form_problems: list[FieldProblem] = []
            if isinstance(updates, str):
                parsed, form_problems = parse_form_collect(section, updates, entry_id)
                if any(p.field == "form" for p in form_problems):
                    return ChangeResult(ok=False, action="edit", section=section, entry_id=entry_id,
                                        problems=form_problems)
                values = to_json_values(parsed)
            else:
                values = to_json_values(updates)
            if form_problems:
                # Every bad field at once: what else is wrong with the fields that did parse.
                given = {p.field for p in form_problems}
                trial = _normalise(section, {**before, **values})
                more = [p for p in self._check(state, [(section, entry_id, before, trial, None)])
                        if p.field not in given]
                return ChangeResult(ok=False, action="edit", section=section, entry_id=entry_id,
                                    problems=[*form_problems, *more])
            if "id" in values and values["id"] != entry_id:
                problem = FieldProblem(entry=entry_id, field="id", message=texts.ADMIN_ERR_ID_FIXED,
                                       example=texts.ADMIN_EXAMPLE_RETIRE_INSTEAD.format(id=entry_id))
                return self._rejected("edit", problem, section, entry_id)
            after = _normalise(section, {**before, **values})
            if after == before:
                problem = FieldProblem(entry=entry_id, field="-", message=texts.ADMIN_ERR_NO_CHANGE,
                                       example=texts.ADMIN_EXAMPLE_DIFFERENT_VALUE)
                return self._rejected("edit", problem, section, entry_id)
            return self._change("edit", section, entry_id, [(section, entry_id, before, after, None)], actor, state)

        return self._run(run)

    def retire(self, entry_id: str, replacement: str | None = None, *, actor: str) -> ChangeResult:
        """Retire an entry (courses/certifications get status retired/replaced; projects and steps leave the
        effective catalog, kept in the history); skills, roles and domains cannot be retired."""

        def run(state: _State) -> ChangeResult:
            found = state.catalog.entries.get(entry_id)
            if found is None:
                return self._rejected("retire", _unknown_entry(entry_id, state.catalog), entry_id=entry_id)
            section = found[0]
            before = state.sections[section][entry_id]
            after: dict[str, Any] | None
            if section in LIFECYCLE_SECTIONS:
                if before.get("status", "active") != Status.active.value:
                    problem = FieldProblem(entry=entry_id, field="status",
                                           message=texts.ADMIN_ERR_ALREADY_RETIRED.format(
                                               status=before.get("status"), on=before.get("retired_on")),
                                           example=texts.ADMIN_EXAMPLE_UNRETIRE.format(
                                               command=_edit_command(section), id=entry_id))
                    return self._rejected("retire", problem, section, entry_id)
                status = Status.replaced if replacement else Status.retired
                after = _normalise(section, {**before, "status": status.value,
                                             "retired_on": self.today().isoformat(), "replacement": replacement})
            elif section in REMOVABLE_SECTIONS:
                if replacement:
                    problem = FieldProblem(entry=entry_id, field="replacement",
                                           message=texts.ADMIN_ERR_NO_REPLACEMENT_FOR.format(section=section),
                                           example=f"/retire {entry_id}")
                    return self._rejected("retire", problem, section, entry_id)
                after = None
            else:
                problem = FieldProblem(entry=entry_id, field="-",
                                       message=texts.ADMIN_ERR_CANNOT_RETIRE.format(section=section),
                                       example=f"/{_edit_command(section)} {entry_id} ...")
                return self._rejected("retire", problem, section, entry_id)
            planned: list[tuple[str, str, dict[str, Any] | None, dict[str, Any] | None, int | None]] = [
                (section, entry_id, before, after, None)
            ]
            return self._change("retire", section, entry_id, planned, actor, state)

        return self._run(run)

    # ---------------------------------------------------------------- undo
    def undo(self, change_id: int | None = None, *, actor: str) -> ChangeResult:
        """Undo a change (the latest by default; a whole import batch at once). An undo is itself a change."""

        def run(state: _State) -> ChangeResult:
            by_id = {r.id: r for r in state.records}
            if change_id is None:
                # The undo stack: the newest change not undone yet (an undo is never undone by a bare undo).
                undoable, _redoable = undo_stacks(state.records)
                if not undoable:
                    problem = FieldProblem(entry="-", field="change", message=texts.ADMIN_ERR_NOTHING_TO_UNDO,
                                           example="/history")
                    return self._rejected("undo", problem)
                target = by_id[undoable[-1]]
            elif change_id in by_id:
                target = by_id[change_id]
            else:
                problem = FieldProblem(entry="-", field="change",
                                       message=texts.ADMIN_ERR_NO_CHANGE_ID.format(id=change_id),
                                       example=texts.ADMIN_EXAMPLE_HISTORY_ID)
                return self._rejected("undo", problem)
            group = [r for r in state.records if r.batch == target.batch] if target.batch else [target]
            later = [r for r in state.records if r.id > max(g.id for g in group)]
            planned: list[tuple[str, str, dict[str, Any] | None, dict[str, Any] | None, int | None]] = []
            for record in reversed(group):
                # Every record's `after` is the state it produced (an undo's after is its target's before).
                current = state.sections.get(record.section, {}).get(record.entry_id)
                produced = None if record.after is None else _normalise(record.section, record.after)
                if current != produced:
                    blocker = next((r for r in later if r.entry_id == record.entry_id), None)
                    if blocker is not None and blocker.undoes in {g.id for g in group}:
                        message = texts.ADMIN_ERR_ALREADY_UNDONE.format(id=record.id, by=blocker.id)
                    elif blocker is not None:
                        message = texts.ADMIN_ERR_CHANGED_SINCE.format(id=record.id, entry=record.entry_id,
                                                                       by=blocker.id)
                    else:
                        message = texts.ADMIN_ERR_CHANGED_SINCE_BASE.format(id=record.id, entry=record.entry_id)
                    example = f"/undo {blocker.id}" if blocker else "/history " + record.entry_id
                    problem = FieldProblem(entry=record.entry_id, field="change", message=message, example=example)
                    return self._rejected("undo", problem, record.section, record.entry_id)
                planned.append((record.section, record.entry_id, current, record.before, record.id))
            batch = f"undo-{target.batch}" if target.batch else None
            detail = {"undoes": [g.id for g in group]}
            return self._change("undo", target.section, target.entry_id, planned, actor, state, batch, detail)

        return self._run(run)

    def redo(self, *, actor: str) -> ChangeResult:
        """Redo the change undone most recently (undo its undo); "nothing to redo" when there is none."""
        with self._lock:
            records = self._load_state().records
        _undoable, redoable = undo_stacks(records)
        undo_id = last_undo_of(redoable[-1], records) if redoable else None
        if undo_id is None:
            problem = FieldProblem(entry="-", field="change", message=texts.ADMIN_ERR_NOTHING_TO_REDO,
                                   example="/history")
            return self._rejected("undo", problem)
        return self.undo(undo_id, actor=actor)

    def undo_preview(self, change_id: int | None = None) -> tuple[ChangeRecord | None, list[str], int]:
        """What `undo(change_id)` would undo: the change, the entries it would remove from the catalog and how
        many learners' newest roadmaps hold them (so the admin can be asked first)."""
        with self._lock:
            state = self._load_state()
        by_id = {r.id: r for r in state.records}
        if change_id is None:
            undoable, _redoable = undo_stacks(state.records)
            target = by_id[undoable[-1]] if undoable else None
        else:
            target = by_id.get(change_id)
        if target is None:
            return None, [], 0
        group = [r for r in state.records if r.batch == target.batch] if target.batch else [target]
        removed: list[str] = []
        for record in group:
            # Undoing a record sets its entry back to `before`: nothing (an add) takes it out of the catalog.
            if record.before is None or _retires(record.before, record.after):
                removed.append(record.entry_id)
        learners: set[int] = set()
        for entry_id in removed:
            learners.update(self.affected_learners(entry_id))
        return target, removed, len(learners)

    # ---------------------------------------------------------------- history
    def history(self, entry_id: str | None = None, limit: int = 20) -> list[ChangeRecord]:
        """Changes, newest first: all of them or those of one entry."""
        with self._lock:
            changes = (self.repos.catalog_changes.for_entry(entry_id) if entry_id
                       else self.repos.catalog_changes.all())
        return [_record(c) for c in reversed(changes)][:limit]

    # ---------------------------------------------------------------- import / export
    def import_preview(self, yaml_text: str, actor: str = "") -> ImportPreview:
        """Validate an uploaded YAML document (entries are added or replaced by id) and diff it; nothing changes."""
        parsed = parse_upload(yaml_text)
        if isinstance(parsed, ImportPreview):
            return parsed
        return self.import_preview_documents(parsed, actor)

    def import_preview_documents(self, documents: list[Any], actor: str = "") -> ImportPreview:
        """import_preview for documents already parsed by `parse_upload` (which may run in another thread)."""
        state = self.snapshot()
        return self.register_import(check_import(documents, state), state, actor)

    def snapshot(self) -> _State:
        """The current catalog state (immutable), for `check_import` to work on in another thread."""
        with self._lock:
            return self._load_state()

    def register_import(self, checked: ImportPreview | CheckedImport, state: _State, actor: str) -> ImportPreview:
        """Keep a checked import for Confirm (against the state it was checked on); problems pass through."""
        if isinstance(checked, ImportPreview):
            return checked
        with self._lock:
            self._expire_pending()
            token = secrets.token_hex(4)
            self._pending[token] = _Pending(sections=checked.sections, diff=checked.diff,
                                            base_change_id=state.latest_id, actor=actor, created=self.now())
        return ImportPreview(token=token, diff=checked.diff)

    def _expire_pending(self) -> None:
        cutoff = self.now() - PENDING_IMPORT_TTL
        for token in [t for t, p in self._pending.items() if p.created < cutoff]:
            del self._pending[token]

    def cancel_import(self, token: str) -> bool:
        """Forget a previewed import; False if it was unknown or already used."""
        with self._lock:
            return self._pending.pop(token, None) is not None

    def import_apply(self, token: str, actor: str) -> ChangeResult:
        """Apply a previewed import as one batch of 'import' changes (undone together by one /undo)."""

        def run(state: _State) -> ChangeResult:
            self._expire_pending()
            pending = self._pending.get(token)
            if pending is None:
                problem = FieldProblem(entry="-", field="import", message=texts.ADMIN_ERR_IMPORT_GONE,
                                       example=texts.ADMIN_EXAMPLE_UPLOAD)
                return self._rejected("import", problem)
            if pending.base_change_id != state.latest_id:
                self._pending.pop(token, None)
                problem = FieldProblem(entry="-", field="import", message=texts.ADMIN_ERR_IMPORT_STALE,
                                       example=texts.ADMIN_EXAMPLE_UPLOAD)
                return self._rejected("import", problem)
            planned: list[tuple[str, str, dict[str, Any] | None, dict[str, Any] | None, int | None]] = [
                (d.section, d.entry_id, state.sections.get(d.section, {}).get(d.entry_id),
                 pending.sections.get(d.section, {}).get(d.entry_id), None)
                for d in pending.diff.entries()
            ]
            detail = {"added": len(pending.diff.added), "changed": len(pending.diff.changed),
                      "retired": len(pending.diff.retired)}
            result = self._change("import", planned[0][0], planned[0][1], planned, actor, state,
                                  f"import-{token}", detail)
            if result.ok:
                self._pending.pop(token, None)
            return result

        return self._run(run)

    def export_documents(self) -> dict[str, dict[str, list[dict[str, Any]]]]:
        """The effective catalog as documents keyed by file name."""
        return self.effective().to_documents()

    def export_yaml(self) -> dict[str, str]:
        """The effective catalog as YAML texts keyed by file name (accepted by `waypoint content validate`)."""
        return {
            name: yaml.dump(document, Dumper=_NoAliasDumper, sort_keys=False, allow_unicode=True, width=100)
            for name, document in self.export_documents().items()
        }

    # ---------------------------------------------------------------- learners
    def affected_learners(self, entry_id: str) -> list[int]:
        """Learners whose latest roadmap holds `entry_id`."""
        # One indexed query over `roadmap_items` (the latest roadmap's items, kept by RoadmapRepo.add).
        return self.repos.roadmaps.learners_holding(entry_id)

    def notices_for(self, learner_id: int) -> list[str]:
        """Notices about retired/changed items of the learner's latest roadmap ([] when none)."""
        stored = self.repos.roadmaps.latest(learner_id)
        return [] if stored is None else roadmap_notices(stored.roadmap, self.effective())

    # ---------------------------------------------------------------- stats
    def stats(self) -> AdminStats:
        """Learners, activity, roadmaps, popular roles, completion by stage, items most often done.

        Every figure is one query (completion by stage reads the `roadmap_items` index), so /stats stays
        quick with 100,000 learners.
        """
        now = self.now()
        repos = self.repos
        return AdminStats(
            learners=repos.learners.count(),
            active_7=repos.learners.active_since(now - timedelta(days=7)),
            active_30=repos.learners.active_since(now - timedelta(days=30)),
            roadmaps=repos.roadmaps.count(),
            learners_with_roadmap=repos.roadmaps.learners_with_roadmap(),
            top_roles=repos.roadmaps.role_counts()[:5],
            stage_completion=repos.roadmaps.stage_completion(),
            top_done=repos.progress.item_counts(10),
            catalog_counts=self.effective().counts(),
            changes=self._latest_id(),
            unknown_job_skills=repos.job_ads.unknown_counts(),
        )

    def change_count(self) -> int:
        """How many change records exist."""
        with self._lock:
            return len(self._load_state().records)


class _Stale(Exception):
    """Another process wrote a change between our read and our write."""


_KIND_PREFIX = {"job_search_steps": "step", "education_steps": "step", "certifications": "cert"}


def _same_text(text: Any) -> str:
    return " ".join(str(text or "").casefold().split())


def _same_url(url: Any) -> str:
    text = str(url or "").strip().casefold()
    for prefix in ("https://", "http://"):
        text = text.removeprefix(prefix)
    return text.removeprefix("www.").rstrip("/")


def _duplicates(catalog: Catalog, section: str, entry_id: str, entry: Mapping[str, Any]) -> list[FieldProblem]:
    """A new course that is an existing one under another id (same title and provider, or same URL)."""
    if section != "courses":
        return []
    title, provider, url = _same_text(entry.get("title")), _same_text(entry.get("provider")), _same_url(
        entry.get("url"))
    for course in catalog.courses:
        if course.id == entry_id:
            continue
        why = None
        if title and provider and (_same_text(course.title), _same_text(course.provider)) == (title, provider):
            why, field = texts.ADMIN_DUPLICATE_SAME_TITLE, "title"
        elif url and _same_url(course.url) == url:
            why, field = texts.ADMIN_DUPLICATE_SAME_URL, "url"
        if why is not None:
            return [FieldProblem(entry=entry_id, field=field,
                                 message=texts.ADMIN_ERR_DUPLICATE.format(existing=course.id, why=why),
                                 example=f"/course_edit {course.id} ...")]
    return []


def _retires(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> bool:
    """Whether going from `after` back to `before` takes an active entry out (un-adding counts separately)."""
    return bool(after and before and after.get("status", "active") == "active"
                and before.get("status", "active") != "active")


def _edit_command(section: str) -> str:
    from bot.domain.admin import KIND_NAMES

    return f"{_KIND_PREFIX.get(section, KIND_NAMES.get(section, section))}_edit"


def _normalise(section: str, entry: Mapping[str, Any]) -> dict[str, Any]:
    """An entry as the model would dump it (so before/after compare equal to catalog_sections); raw if invalid."""
    try:
        return ENTRY_TYPES[section].model_validate(dict(entry)).model_dump(mode="json")
    except Exception:  # invalid entries are reported by Catalog.from_documents with field names
        return dict(entry)


def _named(problems: list[FieldProblem]) -> list[FieldProblem]:
    """Problems with a visible field name: a blank one (a form's `=5`, a YAML key '') is shown as ''."""
    return [p if p.field.strip() else p.model_copy(update={"field": "''"}) for p in problems]


def _unknown_entry(entry_id: str, catalog: Catalog) -> FieldProblem:
    from rapidfuzz import process

    close = [str(m[0]) for m in process.extract(entry_id, list(catalog.entries), limit=3, score_cutoff=50)]
    return FieldProblem(entry=entry_id, field="id", message=texts.ADMIN_ERR_UNKNOWN_ID,
                        example=", ".join(close) if close else texts.ADMIN_EXAMPLE_ENTRY_ID)


def result_lines(result: ChangeResult) -> list[str]:
    """A change result as plain-text lines (terminal): what changed, or every problem."""
    from bot.domain.admin import describe_change

    if not result.ok:
        head = texts.ADMIN_REJECTED.format(action=result.action, entry=result.entry_id or "-")
        return [head, *(f"  - {p}" for p in result.problems)]
    lines = [texts.ADMIN_CLI_DONE.format(action=result.action, entry=result.entry_id, change=result.change_id)]
    if result.entries > 1:
        lines[0] += " " + texts.ADMIN_CLI_ENTRIES.format(n=result.entries)
    if result.action != "add":
        lines += [f"  {line}" for line in describe_change(result.before, result.after)]
    if result.affected_learners:
        lines.append(texts.ADMIN_AFFECTED.format(n=result.affected_learners))
    return lines


def history_lines(records: list[ChangeRecord]) -> list[str]:
    """History records as plain-text lines, newest first."""
    from bot.domain.admin import describe_change

    if not records:
        return [texts.ADMIN_HISTORY_EMPTY]
    lines = []
    for r in records:
        at = r.at.strftime("%Y-%m-%d %H:%M") if isinstance(r.at, datetime) else str(r.at or "")[:16]
        undoes = texts.ADMIN_HISTORY_UNDOES.format(id=r.undoes) if r.undoes else ""
        lines.append(texts.ADMIN_CLI_HISTORY_LINE.format(id=r.id, at=at, actor=r.actor, action=r.action,
                                                         undoes=undoes, section=r.section, entry=r.entry_id))
        lines += [f"    {line}" for line in describe_change(r.before, r.after)]
    return lines
