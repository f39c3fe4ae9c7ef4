"""The guided add (`/course_add` alone): one required field at a time, checked as it is answered, then Save."""

from __future__ import annotations

import shlex

from rapidfuzz import process
from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ApplicationHandlerStop

from bot import texts
from bot.domain.admin import KIND_NAMES, FieldProblem, FormError, parse_form, required_fields, to_json_values
from bot.telegram.handlers.admin.common import (
    KINDS,
    Draft,
    actor,
    answer_change,
    catalog_admin,
    drafts,
    reply,
)
from bot.telegram.handlers.common import WaypointContext
from bot.telegram.html import esc
from bot.telegram.views.admin import draft_prompt, draft_summary, problems_html


def _prompt(draft: Draft) -> tuple[str, InlineKeyboardMarkup]:
    """The question for the draft's current field."""
    field = draft.field
    assert field is not None
    return draft_prompt(draft.section, field, draft.index + 1, len(draft.fields))


async def start_draft(update: Update, context: WaypointContext, section: str) -> None:
    """Start a guided add of `section`: the fields it requires, one at a time (the rest via the edit command)."""
    user = update.effective_user
    assert user is not None
    draft = Draft(section=section, data={}, fields=required_fields(section))
    drafts(context)[user.id] = draft
    await reply(update, context, esc(texts.ADMIN_DRAFT_START.format(kind=KIND_NAMES[section],
                                                                     command=KINDS[section][1])))
    html, markup = _prompt(draft)
    await reply(update, context, html, markup)


async def draft_answer(update: Update, context: WaypointContext, draft: Draft, value: str) -> None:
    """Check one answer (type and references), store it, and ask the next field or show the summary."""
    field = draft.field
    if field is None:
        html, markup = draft_summary(draft.section, draft.data)
        await reply(update, context, html, markup)
        return
    catalog = catalog_admin(context).effective()
    try:
        parsed = parse_form(draft.section, f"{field}={shlex.quote(value)}")
        problems: list[FieldProblem] = []
    except FormError as exc:
        parsed, problems = {}, exc.problems
    if not problems and field in {"skills", "prerequisites", "optional_skills"}:
        unknown = [s for s in parsed[field] if s not in catalog.skill_by_id]
        for s in unknown:
            close = process.extractOne(s, list(catalog.skill_by_id), score_cutoff=60)
            problems.append(FieldProblem(entry="-", field=field,
                                         message=texts.ADMIN_DRAFT_UNKNOWN_SKILL.format(skill=s),
                                         example=str(close[0]) if close else texts.ADMIN_DRAFT_SKILL_EXAMPLE))
    if not problems and field == "id" and parsed["id"] in catalog.entries:
        problems.append(FieldProblem(entry="-", field="id", message=texts.ADMIN_DRAFT_ID_TAKEN,
                                     example=texts.ADMIN_DRAFT_ID_EXAMPLE.format(id=parsed["id"])))
    if problems:
        await reply(update, context, f"{esc(texts.ADMIN_DRAFT_RETRY)}\n{problems_html(problems)}")
        return
    draft.data.update(to_json_values(parsed))
    draft.index += 1
    while draft.field is not None and draft.field in draft.data:  # a correction: the others stay as given
        draft.index += 1
    if draft.field is None:
        html, markup = draft_summary(draft.section, draft.data)
    else:
        html, markup = _prompt(draft)
    await reply(update, context, html, markup)


async def draft_text(update: Update, context: WaypointContext) -> None:
    """Plain text from an admin with a guided add in progress answers the current field."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None or not message.text:
        return
    draft = drafts(context).get(user.id)
    if draft is None:
        return  # no draft: the learner's dialogue handles it
    await draft_answer(update, context, draft, message.text.strip())
    raise ApplicationHandlerStop


async def draft_save(update: Update, context: WaypointContext, user_id: int) -> None:
    """Save the guided add; a field the whole-catalog check refuses is asked again, the others are kept."""
    draft = drafts(context).get(user_id)
    if draft is None:
        await reply(update, context, esc(texts.ADMIN_DRAFT_GONE))
        return
    result = catalog_admin(context).add(draft.section, draft.data, actor(update))
    if result.ok:
        drafts(context).pop(user_id, None)
        await answer_change(update, context, result)
        return
    # Ask again for the first field the whole-catalog check refused (or show the problems when it is none).
    bad = next((p.field.split(".")[0] for p in result.problems if p.field.split(".")[0] in draft.fields), None)
    await answer_change(update, context, result)
    if bad is not None:
        # Ask again for that field only: every other answer is kept.
        draft.data.pop(bad, None)
        draft.index = draft.fields.index(bad)
        html, markup = _prompt(draft)
        await reply(update, context, html, markup)
