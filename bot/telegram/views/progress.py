"""Progress as the chat shows it: /progress bars, what a ✅ changed, and the lists of items to mark."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardMarkup

from bot import texts
from bot.domain.progress import (
    CLAIMED_STAGE,
    ProgressSummary,
    RoadmapView,
    human_date,
    human_dates,
    readiness_text,
    stage_order,
)
from bot.services.progress import ProgressOutcome
from bot.telegram.callbacks import Mark, Progress
from bot.telegram.html import bold, esc
from bot.telegram.keyboards import button, keyboard, markup

BAR_WIDTH = 10
STATUS_TEXT = {
    "not_started": texts.TG_STATUS_NOT_STARTED,
    "on_track": texts.TG_STATUS_ON_TRACK,
    "behind": texts.TG_STATUS_BEHIND,
    "ahead": texts.TG_STATUS_AHEAD,
    "finished": texts.TG_STATUS_FINISHED,
}


def bar(fraction: float, width: int = BAR_WIDTH) -> str:
    """A text progress bar such as ▰▰▰▱▱▱▱▱▱▱ 30%."""
    fraction = min(max(fraction, 0.0), 1.0)
    filled = round(fraction * width)
    return "▰" * filled + "▱" * (width - filled) + f" {fraction * 100:.0f}%"


def progress_html(summary: ProgressSummary) -> str:
    """/progress: overall and per-stage bars, hours done vs planned, status and projected end."""
    lines = [
        bold(texts.TG_PROGRESS_TITLE),
        f"<code>{bar(summary.fraction)}</code>",
        esc(texts.TG_PROGRESS_TOTALS.format(done=summary.hours_done, remaining=summary.hours_remaining,
                                            total=summary.hours_planned, items_done=summary.items_done,
                                            items=summary.items_total)),
        esc(STATUS_TEXT[summary.status].format(done=summary.hours_done, expected=summary.hours_expected)),
        esc(texts.TG_PROGRESS_END.format(projected=human_date(summary.projected_end),
                                         planned=human_date(summary.planned_end))),
    ]
    if summary.deadline is not None:
        template = texts.TG_PROGRESS_DEADLINE_OK if summary.projected_end <= summary.deadline else (
            texts.TG_PROGRESS_DEADLINE_LATE)
        lines.append(esc(template.format(deadline=human_date(summary.deadline))))
    lines.append("")
    ready = None if summary.readiness is None else readiness_text(summary.readiness)
    if ready is not None:  # issue 18: what the learner claimed and what a quiz proved
        lines += [f"<i>{esc(line)}</i>" for line in ready.stages.get(CLAIMED_STAGE, [])]
    for number, stage in enumerate(summary.stages, 1):
        lines.append(f"{number}. {esc(stage.title)}")
        lines.append(f"<code>{bar(stage.fraction)}</code> {stage.hours_done:g}/{stage.hours_planned:g} h")
        if ready is not None:
            lines += [f"   <i>{esc(line)}</i>" for line in ready.stages.get(stage.stage_id, [])]
    if ready is not None:
        lines += ["", *(esc(line) for line in ready.tail)]
    return "\n".join(lines)


def closest_job_html(title: str, percent: float) -> str:
    """Under /progress: the saved job ad closest to now (issue 17)."""
    return esc(texts.TG_PROGRESS_CLOSEST_JOB.format(title=title, percent=percent))


def flagged_hint_html(names: str) -> str:
    """Skills slipping in reviews, over their refresher buttons."""
    return esc(texts.READY_FLAGGED_HINT.format(skills=names))


def pick_keyboard(version: int, done: bool, items: Sequence[tuple[int, str]]) -> InlineKeyboardMarkup:
    """/done or /undo without a sure match: one ✅ (or ↩) per (item index, title)."""
    sign = "✅" if done else "↩"
    return keyboard([[(f"{sign} {title}", Mark(version, index, done=done))] for index, title in items])


def mark_report(outcome: ProgressOutcome, done: bool) -> tuple[str, InlineKeyboardMarkup | None]:
    """What a ✅ / ↩ changed: the stage it finished, the re-plan's changes and the new end, with undo and
    progress buttons; only a short note (and no keyboard) when the item already was so."""
    view = outcome.view
    if not outcome.changed:
        text = texts.TG_ALREADY_DONE if done else texts.TG_ALREADY_OPEN
        return esc(text.format(title=outcome.item.title)), None
    lines = [esc((texts.TG_MARKED if done else texts.TG_UNMARKED).format(title=outcome.item.title))]
    finished = stage_finished(outcome)
    if finished is not None:
        lines.append(esc(texts.TG_STAGE_FINISHED.format(title=finished)))
        upcoming = [s for s in view.roadmap.stages if s.id != outcome.item.stage_id]
        following = next_stage_index(view, outcome.item.stage_id)
        lines.append(esc(texts.TG_STAGE_NEXT.format(title=view.roadmap.stages[following].title) if upcoming
                         else texts.TG_ALL_DONE))
    if outcome.changes:
        lines.append(esc(texts.TG_REPLAN_CHANGES))
        lines += [f"• {esc(human_dates(change))}" for change in outcome.changes]
    else:
        lines.append(esc(texts.TG_REPLAN_SAME))
    lines.append(esc(texts.TG_REPLAN_END.format(end=human_date(view.roadmap.totals.end_date))))
    index = view.index_of(outcome.item.key)
    # An item done before an /edit is on no page of the newest roadmap: nothing to undo by index there.
    again = [] if index is None else [button(texts.TG_BUTTON_UNDO if done else texts.TG_BUTTON_REDO,
                                             Mark(view.version, index, done=not done))]
    return "\n".join(lines), markup([[*again, button(texts.TG_BUTTON_PROGRESS, Progress(view.version))]])


def redrawn_stage(outcome: ProgressOutcome) -> int | None:
    """The index of the stage page to redraw after a mark (the item's stage, else the next), None without
    stages."""
    view = outcome.view
    if not view.roadmap.stages:
        return None
    stage_ids = [s.id for s in view.roadmap.stages]
    if outcome.item.stage_id in stage_ids:
        return stage_ids.index(outcome.item.stage_id)
    return next_stage_index(view, outcome.item.stage_id)


def next_stage_index(view: RoadmapView, stage_id: str) -> int:
    """The index (in the newest roadmap) of the first stage after `stage_id` in plan order (else the first)."""
    order = [sid for sid, _ in stage_order(view)]
    position = order.index(stage_id) if stage_id in order else -1
    for index, stage in enumerate(view.roadmap.stages):
        if stage.id != stage_id and stage.id in order and order.index(stage.id) > position:
            return index
    return 0


def stage_finished(outcome: ProgressOutcome) -> str | None:
    """The title of the stage this tick finished (nothing of it is left to do), else None."""
    if not outcome.done or not outcome.changed:
        return None
    stage_id = outcome.item.stage_id
    rows = outcome.view.stage_items(stage_id)
    if any(not done for _, _, done in rows):
        return None
    for stage in [*outcome.view.roadmap.stages, *outcome.view.base.stages, *outcome.view.earlier_stages]:
        if stage.id == stage_id:
            return stage.title
    return None
