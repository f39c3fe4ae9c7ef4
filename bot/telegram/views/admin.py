"""The catalog admin's messages: listings, entries, changes, history, import previews, stats, guided-add prompts
(HTML and keyboards from plain data, no I/O)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import texts
from bot.domain.admin import (
    KIND_NAMES,
    ChangeRecord,
    FieldProblem,
    describe_change,
    entry_title,
    enum_choices,
    field_example,
    search_entries,
    short_value,
)
from bot.domain.catalog import Catalog, Status
from bot.services.catalog_admin import AdminStats, ChangeResult, ImportPreview
from bot.telegram import callbacks as cb
from bot.telegram.html import esc, split_html

PAGE_SIZE = 10
MAX_LISTED_PROBLEMS = 10  # beyond this an upload's problems go to an attached file, not hundreds of messages


def button(label: str, callback: cb.AdminCallback) -> InlineKeyboardButton | None:
    """A button, or None when its data would not fit Telegram's 64 bytes (a very long entry id or choice)."""
    try:
        return InlineKeyboardButton(label, callback_data=cb.encode(callback))
    except cb.DoesNotFit:
        return None


def rows(buttons: Sequence[InlineKeyboardButton | None], per_row: int = 3) -> list[list[InlineKeyboardButton]]:
    """Buttons `per_row` to a row; the ones left out (None: their data would not fit) leave no gap."""
    kept = [b for b in buttons if b is not None]
    return [kept[i : i + per_row] for i in range(0, len(kept), per_row)]


def _telegram_example(example: str) -> str:
    """A service example as a Telegram admin types it: the catalog's undo is /catalog_undo here
    (/undo is the learner's), e.g. "/undo 12" -> "/catalog_undo 12"."""
    return re.sub(r"(?<![\w/])/undo\b", "/catalog_undo", example)


def problems_html(problems: Sequence[FieldProblem]) -> str:
    """Each problem on its own line: entry, field, what is wrong, and what a good value looks like."""
    lines = []
    for p in problems:
        where = f"{esc(p.entry)} · " if p.entry and p.entry != "-" else ""
        example = (f"\n   {esc(texts.ADMIN_GOOD_VALUE.format(example=_telegram_example(p.example)))}"
                   if p.example else "")
        lines.append(f"• {where}<b>{esc(p.field)}</b>: {esc(p.message)}{example}")
    return "\n".join(lines)


def result_html(result: ChangeResult, catalog: Catalog) -> tuple[str, InlineKeyboardMarkup | None]:
    """The reply to a change: what changed (with an undo button), or every problem."""
    if not result.ok:
        head = texts.ADMIN_REJECTED.format(action=result.action, entry=result.entry_id or "-")
        return f"{esc(head)}\n{problems_html(result.problems)}", None
    if result.action == "import":
        head = texts.ADMIN_IMPORTED.format(n=result.entries, id=result.change_id)
        lines = []
    else:
        entry = catalog.get(result.entry_id)
        title = entry_title(entry or result.after or result.before, result.entry_id)
        key = {"add": texts.ADMIN_ADDED, "edit": texts.ADMIN_EDITED, "retire": texts.ADMIN_RETIRED,
               "undo": texts.ADMIN_UNDONE}[result.action]
        head = key.format(title=title, id=result.entry_id, change=result.change_id)
        if result.entries > 1:
            head += " " + texts.ADMIN_CLI_ENTRIES.format(n=result.entries)
        lines = stored_record(result.section, entry) if result.action == "add" else describe_change(
            result.before, result.after)
    body = "\n".join(f"  {esc(line)}" for line in lines[:15])
    tail = []
    if result.affected_learners:
        tail.append(esc(texts.ADMIN_AFFECTED.format(n=result.affected_learners)))
    tail.append(esc(texts.ADMIN_UNDO_HINT.format(change=result.change_id)))
    undo = None if result.change_id is None else button(texts.ADMIN_BUTTON_UNDO, cb.AdminUndo(result.change_id))
    markup = InlineKeyboardMarkup(rows([undo]))
    return "\n".join(x for x in [f"✅ {esc(head)}", body, *tail] if x), markup


def stored_record(section: str, entry: Any) -> list[str]:
    """The stored entry as learners will see it: id, title, provider, cost, hours, skills with depth, URL."""
    if entry is None:
        return []
    data = entry.model_dump(mode="json")
    lines = [f"id: {data['id']}"]
    if section == "courses":
        lines += [f"title: {data['title']}", f"provider: {data['provider']}", f"cost: {course_cost(entry)}",
                  f"hours: {short_value(data['hours'])}",
                  "skills: " + ", ".join(f"{skill} ({depth})" for skill, depth in data["teaches"].items()),
                  f"url: {data['url']}"]
    else:
        for name in ("name", "title", "issuer", "provider", "cost_usd", "hours", "prep_hours", "skills", "url"):
            if name in data and data[name] not in (None, "", []):
                value = ", ".join(map(str, data[name])) if isinstance(data[name], list) else short_value(data[name])
                lines.append(f"{name}: {value}")
    return lines


def course_cost(course: Any) -> str:
    """A course's cost model in words: free, $49 once, $49/month, free to audit with a $49 certificate."""
    model = str(getattr(course.cost_model, "value", course.cost_model))
    if model == "free":
        return texts.ADMIN_COST_FREE
    if model == "one_off":
        return texts.ADMIN_COST_ONCE.format(price=short_value(course.price_usd))
    if model == "subscription":
        return texts.ADMIN_COST_MONTHLY.format(monthly=short_value(course.monthly_usd),
                                               total=short_value(course.cost_usd))
    if model == "free_audit_paid_certificate":
        return texts.ADMIN_COST_AUDIT.format(certificate=short_value(course.certificate_usd))
    return texts.ADMIN_COST_OTHER.format(model=model, total=short_value(course.cost_usd))


def entry_line(section: str, entry: Any) -> str:
    """One listing line: title, id and the key facts."""
    data = entry.model_dump(mode="json")
    facts = []
    if section == "courses":
        facts = [data["provider"], texts.ADMIN_COST_FREE if not entry.cost_usd else f"${short_value(entry.cost_usd)}",
                 texts.ADMIN_FACT_HOURS.format(hours=short_value(data["hours"])), data["level"]]
    elif section == "certifications":
        facts = [data["issuer"], f"${short_value(data['cost_usd'])}",
                 texts.ADMIN_FACT_PREP_HOURS.format(hours=short_value(data["prep_hours"]))]
    elif section == "skills":
        facts = [data["category"], texts.ADMIN_FACT_HOURS.format(hours=short_value(data["hours"]))]
    elif section == "projects":
        facts = [data["difficulty"], texts.ADMIN_FACT_HOURS.format(hours=short_value(data["hours"]))]
    elif section == "roles":
        facts = [texts.ADMIN_FACT_SKILLS.format(n=len(data["required_skills"]))]
    status = data.get("status")
    if status and status != Status.active.value:
        facts.append(status.upper())
    return f"• <b>{esc(entry_title(entry))}</b> <code>{esc(entry.id)}</code> — {esc(', '.join(facts))}"


def listing(catalog: Catalog, section: str, query: str, page: int) -> tuple[str, InlineKeyboardMarkup | None]:
    """A page of a section, optionally fuzzy-filtered, with ◀ ▶ buttons."""
    items = search_entries(catalog, section, query)
    pages = max(1, -(-len(items) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    shown = items[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    head = texts.ADMIN_LIST_HEAD.format(kind=section.replace("_", " "), n=len(items), page=page + 1, pages=pages)
    if query:
        head += " " + texts.ADMIN_LIST_QUERY.format(query=query)
    if not items:
        return esc(texts.ADMIN_LIST_EMPTY.format(kind=section, query=query)), None
    lines = [f"<b>{esc(head)}</b>", *(entry_line(section, e) for e in shown), esc(texts.ADMIN_LIST_HINT)]
    nav = [
        button("◀", cb.AdminPage(section, page - 1)) if page > 0 else None,
        button(f"{page + 1}/{pages}", cb.AdminPage(section, page)),
        button("▶", cb.AdminPage(section, page + 1)) if page < pages - 1 else None,
    ]
    keyboard = rows([button(entry_title(e)[:30], cb.AdminShow(e.id)) for e in shown], per_row=2)
    keyboard += rows(nav)
    return "\n".join(lines), InlineKeyboardMarkup(keyboard)


def show_html(catalog: Catalog, entry_id: str, history: Sequence[ChangeRecord], edit: str) -> str:
    """One entry in full; `edit` is the command that edits its kind (empty when none)."""
    section, entry = catalog.entries[entry_id]
    lines = [f"<b>{esc(entry_title(entry))}</b> ({esc(KIND_NAMES[section])} <code>{esc(entry_id)}</code>)"]
    for name, value in entry.model_dump(mode="json").items():
        if name == "id" or value in (None, [], ""):
            continue
        if isinstance(value, list) and value and isinstance(value[0], dict) and "label" in value[0]:
            shown = "; ".join(
                f"{v['label']}: {short_value(v.get('median_usd') or v.get('low_usd'))} ({v.get('year')})"
                for v in value
            )
        else:
            shown = short_value(value, limit=300)
        lines.append(f"<b>{esc(name)}</b>: {esc(shown)}")
    if history:
        lines.append(esc(texts.ADMIN_SHOW_HISTORY.format(n=len(history), id=entry_id)))
    if edit:
        lines.append(esc(texts.ADMIN_SHOW_EDIT_HINT.format(command=edit, id=entry_id)))
    return "\n".join(lines)


def history_html(records: Sequence[ChangeRecord], entry_id: str | None) -> str:
    """Who, when, what changed, before → after; newest first."""
    if not records:
        return esc(texts.ADMIN_HISTORY_EMPTY)
    head = texts.ADMIN_HISTORY_HEAD_ENTRY.format(id=entry_id) if entry_id else texts.ADMIN_HISTORY_HEAD
    lines = [f"<b>{esc(head)}</b>"]
    for r in records:
        at = r.at.strftime("%Y-%m-%d %H:%M") if isinstance(r.at, datetime) else str(r.at or "")[:16]
        undoes = texts.ADMIN_HISTORY_UNDOES.format(id=r.undoes) if r.undoes else ""
        lines.append(f"<b>#{r.id}</b> {esc(at)} · {esc(r.actor)} · {esc(r.action)}{esc(undoes)} "
                     f"<code>{esc(r.entry_id)}</code>")
        for change in describe_change(r.before, r.after)[:8]:
            lines.append(f"   {esc(change)}")
    lines.append(esc(texts.ADMIN_HISTORY_HINT))
    return "\n".join(lines)


def preview_html(preview: ImportPreview) -> str:
    """The import diff: added / changed / retired, or the problems."""
    if preview.problems:
        return f"{esc(texts.ADMIN_IMPORT_INVALID)}\n{problems_html(preview.problems)}"
    diff = preview.diff
    if diff.is_empty():
        return esc(texts.ADMIN_IMPORT_NOTHING.format(unchanged=diff.unchanged))
    lines = [f"<b>{esc(texts.ADMIN_IMPORT_HEAD)}</b>"]
    for label, group in ((texts.ADMIN_DIFF_ADDED, diff.added), (texts.ADMIN_DIFF_CHANGED, diff.changed),
                         (texts.ADMIN_DIFF_RETIRED, diff.retired)):
        if not group:
            continue
        lines.append(f"<b>{esc(label.format(n=len(group)))}</b>")
        for d in group[:30]:
            lines.append(f"• <code>{esc(d.entry_id)}</code> ({esc(KIND_NAMES.get(d.section, d.section))})")
            if d.before is not None and d.after is not None:
                lines.extend(f"   {esc(c)}" for c in describe_change(d.before, d.after)[:6])
        if len(group) > 30:
            lines.append(esc(texts.ADMIN_DIFF_MORE.format(n=len(group) - 30)))
    lines.append(esc(texts.ADMIN_IMPORT_UNCHANGED.format(n=diff.unchanged)))
    lines.append(esc(texts.ADMIN_IMPORT_CONFIRM))
    return "\n".join(lines)


def stats_html(s: AdminStats) -> str:
    """The /stats reply: learners, roadmaps, roles, stage completion, what is done, and what job ads ask for
    that the catalog lacks (issue 17)."""
    lines = [f"<b>{esc(texts.ADMIN_STATS_HEAD)}</b>",
             esc(texts.ADMIN_STATS_LEARNERS.format(n=s.learners, d7=s.active_7, d30=s.active_30)),
             esc(texts.ADMIN_STATS_ROADMAPS.format(n=s.roadmaps, learners=s.learners_with_roadmap))]
    if s.top_roles:
        lines.append(esc(texts.ADMIN_STATS_ROLES.format(
            roles=", ".join(f"{r} ({n})" for r, n in s.top_roles))))
    if s.stage_completion:
        lines.append(esc(texts.ADMIN_STATS_STAGES))
        lines.extend(esc(f"  {sid}: {frac:.0%} ({n})") for sid, frac, n in s.stage_completion)
    if s.top_done:
        lines.append(esc(texts.ADMIN_STATS_DONE.format(items=", ".join(f"{k} ({n})" for k, n in s.top_done))))
    if s.unknown_job_skills:
        unknown = ", ".join(f"{k} ({n})" for k, n in s.unknown_job_skills)
        lines.append(esc(texts.ADMIN_STATS_JOB_UNKNOWN.format(items=unknown)))
    counts = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in s.catalog_counts.items() if n)
    lines.append(esc(texts.ADMIN_STATS_CATALOG.format(counts=counts, changes=s.changes)))
    return "\n".join(lines)


def admin_help_html(commands: Sequence[tuple[str, str]]) -> str:
    """The admin section of /help: each admin command with what it does."""
    lines = [f"<b>{esc(texts.ADMIN_HELP_HEAD)}</b>"]
    lines += [f"/{name} – {esc(description)}" for name, description in commands]
    lines.append(esc(texts.ADMIN_HELP_FORMS))
    return "\n".join(lines)


def problems_text(problems: Sequence[FieldProblem]) -> str:
    """Every problem as plain text, one per line (the attached file of a long problem list)."""
    lines = []
    for p in problems:
        where = f"{p.entry} · " if p.entry and p.entry != "-" else ""
        example = f" ({texts.ADMIN_GOOD_VALUE.format(example=p.example)})" if p.example else ""
        lines.append(f"{where}{p.field}: {p.message}{example}")
    return "\n".join(lines) + "\n"


def problems_message(problems: Sequence[FieldProblem]) -> tuple[str, bool]:
    """One message with the first problems (as many as fit in one); True when some are left out (they go in an
    attached file)."""
    shown = list(problems[:MAX_LISTED_PROBLEMS])
    while True:
        html = f"{esc(texts.ADMIN_IMPORT_INVALID)}\n{problems_html(shown)}"
        if len(shown) < len(problems):
            html += "\n" + esc(texts.ADMIN_UPLOAD_PROBLEMS_SUMMARY.format(n=len(problems), shown=len(shown)))
        if len(split_html(html)) <= 1 or len(shown) <= 1:
            return html, len(shown) < len(problems)
        shown.pop()


def import_keyboard(token: str) -> InlineKeyboardMarkup:
    """Confirm or cancel a previewed import."""
    return InlineKeyboardMarkup(rows([button(texts.ADMIN_BUTTON_CONFIRM, cb.AdminImport(True, token)),
                                      button(texts.ADMIN_BUTTON_CANCEL, cb.AdminImport(False, token))]))


def undo_confirm(change_id: int, removed: Sequence[str], learners: int) -> tuple[str, InlineKeyboardMarkup]:
    """Ask before an undo takes out of the catalog what `learners` learners' roadmaps hold."""
    text = texts.ADMIN_UNDO_CONFIRM.format(id=change_id, entries=", ".join(removed), learners=learners)
    answers = [button(texts.ADMIN_UNDO_CONFIRM_YES, cb.AdminUndoAnswer(change_id, True)),
               button(texts.ADMIN_UNDO_CONFIRM_NO, cb.AdminUndoAnswer(change_id, False))]
    return esc(text), InlineKeyboardMarkup(rows(answers))


def draft_prompt(section: str, field: str, number: int, total: int) -> tuple[str, InlineKeyboardMarkup]:
    """A guided add asks field `number` of `total`: a good value, and its choices as buttons when it has some."""
    kind = KIND_NAMES[section]
    head = texts.ADMIN_DRAFT_ASK.format(kind=kind, n=number, total=total, field=field)
    example = field_example(section, field)
    choices = enum_choices(section, field)
    buttons: list[InlineKeyboardButton | None] = [button(c, cb.AdminDraftValue(c)) for c in choices]
    keyboard = rows(buttons)
    keyboard += rows([button(texts.ADMIN_BUTTON_CANCEL, cb.AdminDraftCancel())])
    text = f"<b>{esc(head)}</b>"
    if example:
        text += "\n" + esc(texts.ADMIN_GOOD_VALUE.format(example=example))
    return text, InlineKeyboardMarkup(keyboard)


def draft_summary(section: str, data: dict[str, Any]) -> tuple[str, InlineKeyboardMarkup]:
    """Every answer of a guided add, with Save and Cancel."""
    lines = [f"<b>{esc(texts.ADMIN_DRAFT_READY.format(kind=KIND_NAMES[section]))}</b>"]
    lines += [f"<b>{esc(k)}</b>: {esc(short_value(v, 200))}" for k, v in data.items()]
    lines.append(esc(texts.ADMIN_DRAFT_OPTIONAL))
    markup = InlineKeyboardMarkup(rows([button(texts.ADMIN_BUTTON_SAVE, cb.AdminDraftSave()),
                                        button(texts.ADMIN_BUTTON_CANCEL, cb.AdminDraftCancel())]))
    return "\n".join(lines), markup

