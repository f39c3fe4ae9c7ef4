"""Catalog change records applied to the shipped base catalog, one-line edit forms, diffs and notices (pure).

The shipped YAML is the base; every admin change is a `ChangeRecord` holding the whole entry before and
after (JSON-ready dicts; `after=None` removes an entry, `before=None` means it was added). The effective
catalog is the base with the records applied in order; an undo record sets its entry back to its
target's `before`, so an undo of an undo re-applies the original change.
"""

from __future__ import annotations

import shlex
import types
import typing
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError
from rapidfuzz import process

from bot import texts
from bot.domain.catalog import (
    ENTRY_TYPES,
    SECTIONS,
    Catalog,
    CatalogError,
    CatalogIssue,
    Entry,
    RoleSkill,
    Status,
)

ChangeAction = Literal["add", "edit", "retire", "undo", "import"]

# Singular names admins type (/course_edit) and read ("a course"), per section.
KIND_NAMES: dict[str, str] = {
    "roles": "role",
    "domains": "domain",
    "skills": "skill",
    "courses": "course",
    "certifications": "cert",
    "projects": "project",
    "job_search_steps": "step",
    "education_steps": "education step",
    "quizzes": "quiz",
}
SECTION_BY_KIND: dict[str, str] = {
    "role": "roles",
    "domain": "domains",
    "skill": "skills",
    "course": "courses",
    "cert": "certifications",
    "certification": "certifications",
    "project": "projects",
    "step": "job_search_steps",
    "job_search_step": "job_search_steps",
    "education_step": "education_steps",
    "quiz": "quizzes",
}
# Sections whose entries have a lifecycle (status / retired_on / replacement): retiring marks them.
LIFECYCLE_SECTIONS = ("courses", "certifications", "quizzes")
# Sections whose entries may be taken out of the effective catalog by /retire (kept in the history).
REMOVABLE_SECTIONS = ("projects", "job_search_steps", "education_steps")

# What a good value looks like, per field name; shown next to every problem.
EXAMPLES: dict[str, str] = texts.ADMIN_FORM_EXAMPLES
TEXT_EXAMPLE = texts.ADMIN_FORM_TEXT_EXAMPLE
LIST_SPLIT_ON_SEMICOLON = {"aliases", "duties", "progression", "options"}
NONE_WORDS = {"none", "null", "-", ""}


class ChangeRecord(BaseModel):
    """One stored catalog change (a row of `catalog_changes`)."""

    model_config = ConfigDict(frozen=True)

    id: int
    at: datetime | str | None = None
    actor: str
    action: ChangeAction
    section: str
    entry_id: str
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    undoes: int | None = None
    batch: str | None = None

    def changed_fields(self) -> list[str]:
        """Fields whose value differs between before and after."""
        return changed_fields(self.before, self.after)


class FieldProblem(BaseModel):
    """One thing wrong with a change: which entry and field, what is wrong, and what a good value looks like."""

    model_config = ConfigDict(frozen=True)

    entry: str
    field: str
    message: str
    example: str = ""

    def __str__(self) -> str:
        tail = texts.ADMIN_FORM_FOR_EXAMPLE.format(example=self.example) if self.example else ""
        where = f"{self.entry}: " if self.entry and self.entry != "-" else ""
        return f"{where}{self.field}: {self.message}{tail}"


class FormError(Exception):
    """A one-line form or a change could not be accepted; carries every problem found."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


class EntryDiff(BaseModel):
    """One entry that an import (or any change) adds, changes or retires."""

    model_config = ConfigDict(frozen=True)

    section: str
    entry_id: str
    fields: list[str] = []
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None


class CatalogDiff(BaseModel):
    """What differs between two catalogs."""

    model_config = ConfigDict(frozen=True)

    added: list[EntryDiff] = []
    changed: list[EntryDiff] = []
    retired: list[EntryDiff] = []
    unchanged: int = 0

    def is_empty(self) -> bool:
        """True when nothing would change."""
        return not (self.added or self.changed or self.retired)

    def entries(self) -> list[EntryDiff]:
        """Every differing entry: added, then changed, then retired."""
        return [*self.added, *self.changed, *self.retired]


# ---------------------------------------------------------------- applying changes
Sections = dict[str, dict[str, dict[str, Any]]]


def catalog_sections(catalog: Catalog) -> Sections:
    """Every entry as a JSON-ready dict, keyed by section then id, in catalog order."""
    return {
        section: {item.id: item.model_dump(mode="json") for item in getattr(catalog, section)}
        for section in ENTRY_TYPES
    }


def sections_to_documents(sections: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> dict[str, Any]:
    """Sections as documents keyed by the file name each section ships in (for Catalog.from_documents)."""
    documents: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for section, file_name in SECTIONS.items():
        items = [dict(v) for v in sections.get(section, {}).values()]
        if items:
            documents.setdefault(file_name, {})[section] = items
    return documents


def apply_record(sections: Sections, record: ChangeRecord, by_id: Mapping[int, ChangeRecord]) -> None:
    """Apply one record to `sections` in place; an undo sets its entry back to its target's `before`."""
    state = record.after
    if record.undoes is not None and record.undoes in by_id:
        target = by_id[record.undoes]
        state = target.before
    entries = sections.setdefault(record.section, {})
    if state is None:
        entries.pop(record.entry_id, None)
    else:
        entries[record.entry_id] = dict(state)


def effective_sections(base: Catalog, changes: Iterable[ChangeRecord]) -> Sections:
    """The base catalog's entries with the changes applied in order (not validated)."""
    sections = catalog_sections(base)
    by_id: dict[int, ChangeRecord] = {}
    for record in changes:
        apply_record(sections, record, by_id)
        by_id[record.id] = record
    return sections


def apply_changes(base: Catalog, changes: Iterable[ChangeRecord]) -> Catalog:
    """The effective catalog: base + changes in order; raise CatalogError when the result is invalid."""
    return Catalog.from_documents(sections_to_documents(effective_sections(base, changes)))


def apply_changes_leniently(base: Catalog, changes: Iterable[ChangeRecord]) -> tuple[Catalog, list[int]]:
    """Like apply_changes, but skip records that no longer fit (e.g. a newer shipped base); return their ids."""
    records = list(changes)
    try:
        return apply_changes(base, records), []
    except CatalogError:
        pass
    sections = catalog_sections(base)
    by_id: dict[int, ChangeRecord] = {}
    skipped: list[int] = []
    catalog = base
    for record in records:
        trial = {k: dict(v) for k, v in sections.items()}
        apply_record(trial, record, by_id)
        try:
            catalog = Catalog.from_documents(sections_to_documents(trial))
        except CatalogError:
            skipped.append(record.id)
            continue
        sections = trial
        by_id[record.id] = record
    return catalog, skipped


# ---------------------------------------------------------------- one-line forms
def section_for(kind_or_section: str) -> str | None:
    """'course' / 'courses' / 'cert' -> the section name, or None."""
    key = kind_or_section.strip().lower().replace("-", "_")
    if key in ENTRY_TYPES:
        return key
    return SECTION_BY_KIND.get(key) or SECTION_BY_KIND.get(key.removesuffix("s"))


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(inner annotation, optional?) for `X | None`."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        optional = len(args) < len(typing.get_args(annotation))
        return (args[0] if len(args) == 1 else annotation), optional
    return annotation, False


def field_example(section: str, field: str) -> str:
    """What a good value of `field` looks like (for messages)."""
    name = field.split(".")[0]
    last = field.split(".")[-1]
    if last in EXAMPLES and last != name and name == "salary":
        return EXAMPLES[last]
    if name in EXAMPLES:
        return EXAMPLES[name]
    model = ENTRY_TYPES.get(section)
    info = model.model_fields.get(name) if model else None
    if info is None:
        return ""
    inner, _ = _unwrap(info.annotation)
    if isinstance(inner, type) and issubclass(inner, Enum):
        return texts.ADMIN_FORM_ONE_OF.format(choices=", ".join(str(m.value) for m in inner))
    if inner is str:
        return TEXT_EXAMPLE.format(field=name)
    if inner in (int, float):
        return texts.ADMIN_FORM_NUMBER_EXAMPLE
    return ""


def editable_fields(section: str) -> list[str]:
    """Field names of an entry kind, in model order."""
    return list(ENTRY_TYPES[section].model_fields)


def required_fields(section: str) -> list[str]:
    """Fields an entry of this kind must have."""
    return [name for name, info in ENTRY_TYPES[section].model_fields.items() if info.is_required()]


def enum_choices(section: str, field: str) -> list[str]:
    """The allowed values of an enum field (for buttons), or [] for other fields."""
    info = ENTRY_TYPES[section].model_fields.get(field)
    if info is None:
        return []
    inner, _ = _unwrap(info.annotation)
    if isinstance(inner, type) and issubclass(inner, Enum):
        return [str(m.value) for m in inner]
    if typing.get_origin(inner) is Literal:
        return [str(a) for a in typing.get_args(inner)]
    if inner is bool:
        return ["yes", "no"]
    return []


def _split_list(field: str, raw: str) -> list[str]:
    separator = ";" if field in LIST_SPLIT_ON_SEMICOLON or ";" in raw else ","
    return [p.strip() for p in raw.split(separator) if p.strip()]


def _coerce(section: str, field: str, raw: str) -> Any:
    """Turn one typed-in value into the field's type; raise ValueError with a plain message."""
    info = ENTRY_TYPES[section].model_fields[field]
    inner, optional = _unwrap(info.annotation)
    text = raw.strip()
    if text.lower() in NONE_WORDS:
        if optional:
            return None
        if typing.get_origin(inner) is list:
            return []
        raise ValueError(texts.ADMIN_FORM_ERR_NEEDS_VALUE)
    if typing.get_origin(inner) in (dict, list):
        return _coerce_collection(field, inner, text)
    if inner is bool:
        return _coerce_bool(text)
    if inner in (int, float):
        return _coerce_number(inner, text)
    if inner is date:
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ValueError(texts.ADMIN_FORM_ERR_DATE.format(text=text)) from None
    if isinstance(inner, type) and issubclass(inner, Enum):
        allowed = [str(m.value) for m in inner]
        lowered = text.lower().replace("-", "_") if inner.__name__ == "SkillCategory" else text.lower()
        if lowered not in allowed:
            raise ValueError(texts.ADMIN_FORM_ERR_CHOICE.format(text=text, choices=", ".join(allowed)))
        return inner(lowered)
    return TypeAdapter(inner).validate_python(text)


def _coerce_collection(field: str, inner: Any, text: str) -> Any:
    """A comma-separated list, or skill:depth pairs ("python:deep,sql": a bare skill takes working depth)."""
    parts = _split_list(field, text)
    if typing.get_origin(inner) is dict:
        pairs = {}
        for part in parts:
            skill, _, depth = part.partition(":")
            pairs[skill.strip()] = depth.strip() or "working"
        return TypeAdapter(inner).validate_python(pairs)
    (item_type,) = typing.get_args(inner) or (str,)
    if item_type is RoleSkill:
        out = []
        for part in parts:
            skill, _, depth = part.partition(":")
            out.append({"skill": skill.strip(), **({"depth": depth.strip()} if depth.strip() else {})})
        return TypeAdapter(inner).validate_python(out)
    if isinstance(item_type, type) and issubclass(item_type, BaseModel):
        raise ValueError(texts.ADMIN_FORM_ERR_NESTED)
    return TypeAdapter(inner).validate_python(parts)


def _coerce_bool(text: str) -> bool:
    """yes/no in the usual spellings."""
    lowered = text.lower()
    if lowered in {"yes", "y", "true", "1", "on"}:
        return True
    if lowered in {"no", "n", "false", "0", "off"}:
        return False
    raise ValueError(texts.ADMIN_FORM_ERR_YES_NO.format(text=text))


def _coerce_number(kind: type, text: str) -> float:
    """A finite whole or decimal number in ASCII digits; "$1,200" and "1_200" read as 1200."""
    cleaned = text.removeprefix("$").replace(",", "").replace("_", "")
    try:
        if not cleaned.isascii():  # int() and float() also read '٤٩' and other scripts' digits
            raise ValueError(cleaned)
        number: float = float(cleaned) if kind is float else int(cleaned)
    except ValueError:
        wrong = texts.ADMIN_FORM_ERR_WHOLE_NUMBER if kind is int else texts.ADMIN_FORM_ERR_NUMBER
        raise ValueError(wrong.format(text=text)) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(texts.ADMIN_FORM_ERR_FINITE.format(text=text))
    return number


def _suggest(word: str, choices: Iterable[str], cutoff: float = 60) -> str | None:
    found = process.extractOne(word, list(choices), score_cutoff=cutoff)
    return str(found[0]) if found else None


def _legacy_field(section: str, field: str, raw: str) -> tuple[str, str]:
    """Read the fields admins knew before depths and cost models: skills= is teaches= at working depth."""
    if section == "courses" and field == "skills":
        return "teaches", raw
    return field, raw


def parse_form(section: str, text: str, entry_id: str = "-") -> dict[str, Any]:
    """Parse "cost_usd=49 hours=94 skills=python,sql title='Deep Learning'" into typed field updates.

    Raise FormError naming each bad field and what a good value looks like.
    """
    updates, problems = parse_form_collect(section, text, entry_id)
    if problems:
        raise FormError(problems)
    return updates


def parse_form_collect(section: str, text: str, entry_id: str = "-") -> tuple[dict[str, Any], list[FieldProblem]]:
    """Like parse_form, but return the fields that parsed together with a problem for each that did not, so
    the caller can check the good ones too and report every bad field at once."""
    problems: list[FieldProblem] = []
    try:
        tokens = shlex.split(text)
    except ValueError as exc:
        return {}, [FieldProblem(entry=entry_id, field="form",
                                 message=texts.ADMIN_FORM_ERR_UNREADABLE.format(error=exc),
                                 example=texts.ADMIN_FORM_UNREADABLE_EXAMPLE)]
    updates: dict[str, Any] = {}
    for token in tokens:
        problem = _read_token(section, token, updates, entry_id)
        if problem is not None:
            problems.append(problem)
    if not tokens:
        problems.append(FieldProblem(entry=entry_id, field="form", message=texts.ADMIN_FORM_ERR_NO_FIELDS,
                                     example=texts.ADMIN_FORM_NO_FIELDS_EXAMPLE))
    return updates, problems


def _read_token(section: str, token: str, updates: dict[str, Any], entry_id: str) -> FieldProblem | None:
    """Read one `field=value` of a form into `updates`, or say what is wrong with it."""
    if "=" not in token:
        return FieldProblem(entry=entry_id, field=token, message=texts.ADMIN_FORM_ERR_FIELD_VALUE,
                            example="cost_usd=49")
    field, _, raw = token.partition("=")
    field = field.strip().lower().replace("-", "_")
    field, raw = _legacy_field(section, field, raw)
    model = ENTRY_TYPES[section]
    if section == "courses" and field == "cost_usd" and "cost_model" not in updates:
        # The old one-number price: 0 is free, anything else a one-off price.
        try:
            price = _coerce("certifications", "cost_usd", raw)
        except ValueError as exc:
            return FieldProblem(entry=entry_id, field=field, message=str(exc), example=EXAMPLES["cost_usd"])
        updates.update(cost_model="one_off" if price else "free", price_usd=price or None,
                       monthly_usd=None, certificate_usd=None)
        return None
    if field not in model.model_fields:
        hint = _suggest(field, model.model_fields, cutoff=75)
        message = texts.ADMIN_FORM_ERR_NOT_A_FIELD.format(kind=KIND_NAMES[section]) + (
            texts.ADMIN_FORM_DID_YOU_MEAN.format(hint=hint) if hint else "")
        return FieldProblem(entry=entry_id, field=field, message=message,
                            example=texts.ADMIN_FORM_ONE_OF.format(choices=", ".join(model.model_fields)))
    if field in updates:
        return FieldProblem(entry=entry_id, field=field, message=texts.ADMIN_FORM_ERR_TWICE,
                            example=field_example(section, field))
    try:
        updates[field] = _coerce(section, field, raw)
    except ValidationError as exc:
        message = texts.ADMIN_FORM_ERR_INVALID.format(message="; ".join(e["msg"] for e in exc.errors()), raw=raw)
        return FieldProblem(entry=entry_id, field=field, message=message, example=field_example(section, field))
    except ValueError as exc:
        return FieldProblem(entry=entry_id, field=field, message=str(exc), example=field_example(section, field))
    return None


def to_json_values(updates: Mapping[str, Any]) -> dict[str, Any]:
    """Typed updates as JSON-ready values (dates as ISO strings, enums as their value, models as dicts)."""
    return TypeAdapter(dict[str, Any]).dump_python(dict(updates), mode="json")


# ---------------------------------------------------------------- explaining problems
def _known_ids(catalog: Catalog | None, kind: str) -> list[str]:
    if catalog is None:
        return []
    sections = {"skill": "skills", "role": "roles", "domain": "domains", "replacement": ""}
    section = sections.get(kind)
    if section:
        return [i.id for i in getattr(catalog, section)]
    return list(catalog.entries)


def explain_issues(
    issues: Iterable[CatalogIssue], section: str, catalog: Catalog | None = None
) -> list[FieldProblem]:
    """Validation issues as problems with an example of a good value (and a did-you-mean for references)."""
    out: list[FieldProblem] = []
    for issue in issues:
        entry_section = section
        if catalog is not None and issue.entry in catalog.entries:
            entry_section = catalog.entries[issue.entry][0]
        example = field_example(entry_section, issue.field) if entry_section in ENTRY_TYPES else ""
        message = issue.message
        if message == "Field required":
            message = texts.ADMIN_FORM_ERR_MISSING
        if message.startswith("unknown ") and "'" in message:
            kind = message.split()[1]
            ref = message.split("'")[1]
            hint = _suggest(ref, _known_ids(catalog, kind))
            if hint and hint != ref:
                example = texts.ADMIN_FORM_CLOSEST.format(hint=hint, kind=kind)
        out.append(FieldProblem(entry=issue.entry, field=issue.field, message=message, example=example))
    return out


# ---------------------------------------------------------------- diffs
def changed_fields(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> list[str]:
    """Names of fields that differ (every field of the present side when one side is missing)."""
    before = before or {}
    after = after or {}
    keys = list(dict.fromkeys([*before, *after]))
    return [k for k in keys if before.get(k) != after.get(k)]


def _is_retired(entry: Mapping[str, Any] | None) -> bool:
    return entry is None or entry.get("status", Status.active.value) != Status.active.value


def diff_sections(old: Sections, new: Sections) -> CatalogDiff:
    """Entries added, changed and retired (removed, or status turned retired/replaced) from old to new."""
    added: list[EntryDiff] = []
    changed: list[EntryDiff] = []
    retired: list[EntryDiff] = []
    unchanged = 0
    for section in ENTRY_TYPES:
        before_all = old.get(section, {})
        after_all = new.get(section, {})
        for entry_id, after in after_all.items():
            before = before_all.get(entry_id)
            if before is None:
                added.append(EntryDiff(section=section, entry_id=entry_id, fields=list(after), after=after))
                continue
            fields = changed_fields(before, after)
            if not fields:
                unchanged += 1
            elif _is_retired(after) and not _is_retired(before):
                retired.append(EntryDiff(section=section, entry_id=entry_id, fields=fields, before=before,
                                         after=after))
            else:
                changed.append(EntryDiff(section=section, entry_id=entry_id, fields=fields, before=before,
                                         after=after))
        for entry_id, before in before_all.items():
            if entry_id not in after_all:
                retired.append(EntryDiff(section=section, entry_id=entry_id, fields=[], before=before))
    return CatalogDiff(added=added, changed=changed, retired=retired, unchanged=unchanged)


def diff_catalogs(old: Catalog, new: Catalog) -> CatalogDiff:
    """What differs between two catalogs (for the import preview)."""
    return diff_sections(catalog_sections(old), catalog_sections(new))


def short_value(value: Any, limit: int = 60) -> str:
    """A value as a short one-line string for history and previews."""
    if value is None:
        text = "—"
    elif isinstance(value, list):
        text = ",".join(
            (f"{v['skill']}:{v.get('depth', 'working')}" if isinstance(v, dict) and "skill" in v else str(v))
            for v in value
        ) or "[]"
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_change(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> list[str]:
    """'field: old → new' lines for the fields that differ."""
    if before is None:
        return [texts.ADMIN_DESCRIBE_ADDED]
    if after is None:
        return [texts.ADMIN_DESCRIBE_REMOVED]
    return [f"{f}: {short_value(before.get(f))} → {short_value(after.get(f))}" for f in changed_fields(before, after)]


# ---------------------------------------------------------------- learner-side notices
ROADMAP_ITEM_LISTS = ("skills", "courses", "certifications", "projects", "steps")
COMPARED_FIELDS = ("url", "cost_usd", "provider", "issuer")


def _roadmap_items(roadmap_json: Mapping[str, Any]) -> list[tuple[str, str, Mapping[str, Any]]]:
    """(list name, entry id, item dict) for every item in the roadmap's stages."""
    out: list[tuple[str, str, Mapping[str, Any]]] = []
    for stage in roadmap_json.get("stages", []) or []:
        if not isinstance(stage, Mapping):
            continue
        for list_name in ROADMAP_ITEM_LISTS:
            for item in stage.get(list_name, []) or []:
                if isinstance(item, str):
                    out.append((list_name, item.split(":", 1)[-1], {}))
                elif isinstance(item, Mapping):
                    raw_id = item.get("id") or item.get("key") or ""
                    if isinstance(raw_id, str) and raw_id:
                        out.append((list_name, raw_id.split(":", 1)[-1], item))
    return out


def roadmap_notices(roadmap_json: Mapping[str, Any], catalog: Catalog) -> list[str]:
    """Plain-text notices for items of a stored roadmap that were retired, removed or changed since it was made.

    Front-ends show them on the next /plan or /progress with a one-tap re-plan; [] means nothing to say.
    """
    notices: list[str] = []
    seen: set[str] = set()
    for _list_name, entry_id, item in _roadmap_items(roadmap_json):
        if entry_id in seen:
            continue
        seen.add(entry_id)
        title = str(item.get("title") or item.get("name") or item.get("text") or entry_id)
        entry = catalog.get(entry_id)
        if entry is None:
            notices.append(texts.ADMIN_NOTICE_REMOVED.format(title=title))
            continue
        status = getattr(entry, "status", Status.active)
        if status is not Status.active:
            replacement_id = getattr(entry, "replacement", None)
            replacement = catalog.get(replacement_id) if replacement_id else None
            if replacement is not None:
                rtitle = getattr(replacement, "title", None) or getattr(replacement, "name", replacement.id)
                notices.append(texts.ADMIN_NOTICE_REPLACED.format(title=title, replacement=rtitle))
            else:
                notices.append(texts.ADMIN_NOTICE_RETIRED.format(title=title))
            continue
        current = entry.model_dump(mode="json")
        diffs = [
            f"{f} {short_value(item[f])} → {short_value(current[f])}"
            for f in COMPARED_FIELDS
            if f in item and f in current and item[f] != current[f]
        ]
        if diffs:
            notices.append(texts.ADMIN_NOTICE_CHANGED.format(title=title, changes="; ".join(diffs)))
    return notices


def roadmap_entry_ids(roadmap_json: Mapping[str, Any]) -> set[str]:
    """Catalog ids of every item in a stored roadmap."""
    return {entry_id for _, entry_id, _ in _roadmap_items(roadmap_json)}


def entry_title(entry: Entry | Mapping[str, Any] | None, fallback: str = "") -> str:
    """An entry's human title (title or name), or the fallback."""
    if entry is None:
        return fallback
    data = entry if isinstance(entry, Mapping) else entry.model_dump()
    return str(data.get("title") or data.get("name") or data.get("id") or fallback)


# ---------------------------------------------------------------- browsing
def search_entries(catalog: Catalog, section: str, query: str | None = None, limit: int = 200) -> list[Entry]:
    """Entries of a section, in catalog order, or those matching `query` (fuzzy, best first)."""
    from rapidfuzz import fuzz

    items: list[Entry] = list(getattr(catalog, section))
    if not query or not query.strip():
        return items[:limit]
    query = query.strip().lower()

    def haystack(item: Entry) -> str:
        data = item.model_dump(mode="json")
        parts = [item.id, str(data.get("title") or data.get("name") or ""), str(data.get("provider") or ""),
                 str(data.get("issuer") or ""), " ".join(str(a) for a in data.get("aliases") or []),
                 " ".join(str(s) for s in data.get("skills") or [] if isinstance(s, str))]
        return " ".join(p for p in parts if p).lower()

    scored = []
    for position, item in enumerate(items):
        text = haystack(item)
        words = text.replace(",", " ").replace("-", " ").split()
        score = 100.0 if query in text else max(
            [fuzz.WRatio(query, text), *(fuzz.ratio(query, word) for word in [*words, *text.split()])]
        )
        if score >= 75:
            scored.append((-score, position, item))
    scored.sort(key=lambda t: (t[0], t[1]))
    return [item for _, _, item in scored[:limit]]


# ---------------------------------------------------------------- the undo stack
def _original(record: ChangeRecord, by_id: Mapping[int, ChangeRecord]) -> tuple[ChangeRecord, int]:
    """The change an undo chain ends at and how deep the chain is (0: itself; odd: undone; even: redone)."""
    depth, seen = 0, {record.id}
    while record.undoes is not None and record.undoes in by_id and record.undoes not in seen:
        record = by_id[record.undoes]
        seen.add(record.id)
        depth += 1
    return record, depth


def undo_stacks(records: Iterable[ChangeRecord]) -> tuple[list[int], list[int]]:
    """(undoable, redoable) change ids, oldest first, as an editor's undo stack: a new change goes on the
    undo stack and empties the redo stack; an undo moves its change onto the redo stack; a redo (an undo of
    an undo) moves it back. An import batch is one entry, named by its first change."""
    records = list(records)
    by_id = {r.id: r for r in records}
    first_of_batch: dict[str, int] = {}
    for record in records:
        if record.batch and record.undoes is None:
            first_of_batch.setdefault(record.batch, record.id)

    def name(change: ChangeRecord) -> int:
        return first_of_batch.get(change.batch, change.id) if change.batch else change.id

    undoable: list[int] = []
    redoable: list[int] = []
    for record in records:
        original, depth = _original(record, by_id)
        key = name(original)
        if depth == 0:
            if key not in undoable:
                undoable.append(key)
                redoable.clear()
        elif depth % 2 == 1 and key in undoable:
            undoable.remove(key)
            redoable.append(key)
        elif depth % 2 == 0 and key in redoable:
            redoable.remove(key)
            undoable.append(key)
    return undoable, redoable


def last_undo_of(change_id: int, records: Iterable[ChangeRecord]) -> int | None:
    """The newest record that undid `change_id` (an odd-depth link of its chain): what a redo undoes."""
    records = list(records)
    by_id = {r.id: r for r in records}
    target = by_id.get(change_id)
    batch = target.batch if target is not None else None
    for record in reversed(records):
        original, depth = _original(record, by_id)
        if depth % 2 == 1 and (original.id == change_id or (batch is not None and original.batch == batch)):
            return record.id
    return None
