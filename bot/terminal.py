"""The dialogue in a terminal: a full front-end over the same services as Telegram.

Numbered options and typed answers drive the conversation; the plan is an overview (stages with dates and
hours) and a stage-by-stage view (`/plan 3`, then `next`/`previous`), drawn with rich at 100 columns;
`/plan --markdown FILE` writes the whole document. `/progress`, `/done` and `/undo` go through
`ProgressService`, `/export` and `/delete` through `PrivacyService`, `/summary` and `/edit` through the
conversation, like in Telegram.
"""

from __future__ import annotations

import io
import json
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TextIO

from rapidfuzz import fuzz, process, utils
from rich import box
from rich.console import Console
from rich.table import Table

from bot import texts
from bot.domain.dialogue import Option, Reply, UserInput
from bot.domain.planner import Roadmap, Stage
from bot.domain.progress import CLAIMED_STAGE, ProgressSummary, RoadmapView, human_date
from bot.domain.progress import readiness_text as readiness_lines
from bot.domain.render import roadmap_markdown, role_title
from bot.domain.skillcheck import find_skill, parse_time_of_day
from bot.services.conversation import ConversationService, Outcome
from bot.services.jobs import AdGone, JobService, NoPlanYet, saved_line
from bot.services.privacy import PrivacyService
from bot.services.progress import NoRoadmap, ProgressOutcome, ProgressService, UnknownItem
from bot.services.skill_checks import Asked, SkillCheckService

CHANNEL = "terminal"
WIDTH = 100
_NUMBERS = re.compile(r"\s*\d+(?:[\s,]+\d+)*\s*")
QUIT_WORDS = frozenset({"quit", "exit", "/quit", "/exit"})
NEXT_WORDS = frozenset({"next", "/next", "next stage"})
PREVIOUS_WORDS = frozenset({"previous", "prev", "/previous", "/prev", "previous stage", "back to previous"})
SURE = 88  # a /done match at least this good (and clearly ahead of the next) is taken without asking
POSSIBLE = 55  # below this nothing is offered
STATUS_TEXT = {
    "not_started": texts.TG_STATUS_NOT_STARTED,
    "on_track": texts.TG_STATUS_ON_TRACK,
    "behind": texts.TG_STATUS_BEHIND,
    "ahead": texts.TG_STATUS_AHEAD,
    "finished": texts.TG_STATUS_FINISHED,
}


def format_reply(reply: Reply) -> str:
    """A reply as terminal text: the message, then its options numbered from 1."""
    lines = [untap(reply.text)]
    if reply.amount:  # numbered options would make "4" ambiguous (4 years or the 4th option): bullets instead
        lines += [f"  • {option.label}" for option in reply.options]
    else:
        lines += [f"  {n}. {option.label}" for n, option in enumerate(reply.options, start=1)]
    if reply.multi_select:
        lines.append(texts.TERMINAL_MULTI_HINT)
    if reply.amount and reply.options:
        lines.append(texts.TERMINAL_AMOUNT_HINT)
    return "\n".join(lines)


def untap(text: str) -> str:
    """Dialogue text for a keyboard: nothing is tapped in a terminal ("Tap a role" -> "Pick a role")."""
    return re.sub(r"\b([Tt])ap(?=\s)", lambda m: "Pick" if m.group(1) == "T" else "pick", text)


def read_choice(line: str, options: list[Option], multi_select: bool, amount: bool = False) -> list[str] | None:
    """The option values a typed line picks ("2", "1 3 4", or a label), or None when it is free text.

    At a question asking for an amount a bare number is the amount ("4" years), never the 4th option.
    """
    if options and not amount and _NUMBERS.fullmatch(line):
        numbers = [int(n) for n in re.findall(r"\d+", line)]
        # Several numbers only where several choices make sense; out-of-range numbers are answers ("40").
        if (len(numbers) == 1 or multi_select) and all(1 <= n <= len(options) for n in numbers):
            return [options[n - 1].value for n in numbers]
        return None
    wanted = line.strip().casefold()
    for option in options:
        if wanted == option.label.casefold():
            return [option.value]
    return None


def fit(text: str, width: int = WIDTH) -> str:
    """Text wrapped at `width` columns; a bullet or numbered line keeps its continuation indented under it."""
    lines: list[str] = []
    for line in text.split("\n"):
        if len(line) <= width:
            lines.append(line)
            continue
        lead = re.match(r"\s*(?:[•\-*]|\d+\.)\s+", line)
        indent = " " * len(lead.group(0)) if lead else ""
        lines.append(textwrap.fill(line, width=width, subsequent_indent=indent, break_long_words=False,
                                   break_on_hyphens=False))
    return "\n".join(lines)


def format_notices(notices: list[str]) -> str:
    """What was retired or changed in the catalog since the plan was made, and how to plan again."""
    lines = [texts.CATALOG_NOTICE_TITLE, *(f"  - {notice}" for notice in notices)]
    lines.append(texts.TERMINAL_CATALOG_HINT.format(new_plan=texts.NEW_PLAN))
    return "\n".join(lines)


EARLIEST_COMMAND = "/earliest"


# ---------------------------------------------------------------- drawing


def _console(buffer: io.StringIO) -> Console:
    """A plain-text console of WIDTH columns (no colours or escape codes: output may be a pipe or a file)."""
    return Console(file=buffer, width=WIDTH, force_terminal=False, color_system=None, highlight=False,
                   emoji=False, no_color=True, legacy_windows=False)


def _draw(*renderables: object) -> str:
    buffer = io.StringIO()
    console = _console(buffer)
    for item in renderables:
        console.print(item)
    return "\n".join(line.rstrip() for line in buffer.getvalue().rstrip().splitlines())


def _money(usd: float) -> str:
    return texts.TERMINAL_FREE if usd == 0 else f"${usd:,.0f}"


def bar(fraction: float, width: int = 10) -> str:
    """A text progress bar such as ▰▰▰▱▱▱▱▱▱▱ 30%."""
    fraction = min(max(fraction, 0.0), 1.0)
    filled = round(fraction * width)
    return "▰" * filled + "▱" * (width - filled) + f" {fraction * 100:.0f}%"


def _stage_done(view: RoadmapView | None, stage: Stage) -> float:
    """Done share of a stage by hours (0..1)."""
    if view is None:
        return 0.0
    rows = view.stage_items(stage.id)
    total = sum(item.hours for _, item, _ in rows)
    done = sum(item.hours for _, item, is_done in rows if is_done)
    if total > 0:
        return done / total
    return sum(1 for *_, is_done in rows if is_done) / len(rows) if rows else 0.0


def overview(roadmap: Roadmap, view: RoadmapView | None = None) -> str:
    """The plan at a glance: one row per stage with dates, weeks, hours and how much is done."""
    totals = roadmap.totals
    head = [
        texts.TERMINAL_OVERVIEW_TITLE.format(role=role_title(roadmap)),
        texts.TERMINAL_OVERVIEW_TOTALS.format(start=totals.start.isoformat(), end=totals.end_date.isoformat(),
                                              weeks=totals.weeks, hours=totals.hours, pace=roadmap.hours_per_week,
                                              cost=_money(totals.cost_usd)),
    ]
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=False, show_edge=False)
    table.add_column("#", justify="right")
    table.add_column(texts.TERMINAL_COL_STAGE, overflow="fold", max_width=44)
    table.add_column(texts.TERMINAL_COL_DATES, no_wrap=True)
    table.add_column(texts.TERMINAL_COL_WEEKS, justify="right", no_wrap=True)
    table.add_column(texts.TERMINAL_COL_HOURS, justify="right", no_wrap=True)
    table.add_column(texts.TERMINAL_COL_DONE, justify="right", no_wrap=True)
    for number, stage in enumerate(roadmap.stages, 1):
        table.add_row(str(number), stage.title, f"{stage.start.isoformat()} → {stage.end.isoformat()}",
                      f"{stage.week_from}–{stage.week_to}", f"{stage.hours:g} h",
                      f"{_stage_done(view, stage) * 100:.0f}%")
    tail: list[str] = []
    deadline = roadmap.profile.deadline
    explanations = roadmap.explanations
    if deadline is not None:
        if totals.fits_deadline:
            tail.append(texts.TERMINAL_DEADLINE_MET.format(deadline=deadline.isoformat()))
        else:
            text = explanations.deadline.text if explanations.deadline is not None else ""
            tail.append(texts.TERMINAL_DEADLINE_MISSED.format(deadline=deadline.isoformat(), explanation=text))
    if not totals.fits_budget and explanations.budget is not None:
        tail.append(texts.TERMINAL_BUDGET_OVER.format(explanation=explanations.budget.text))
    shown = "\n".join(tail)  # a warning that repeats an explanation printed above is said once
    tail += [texts.TERMINAL_WARNING.format(warning=w) for w in roadmap.warnings if str(w) not in shown]
    tail.append(texts.TERMINAL_OVERVIEW_HINT)
    # rich wraps the long lines (a missed deadline's ways out) at WIDTH columns.
    return _draw("\n".join(head), "", table, *tail)


def stage_page(view: RoadmapView, index: int) -> str:
    """One stage in full: dates, goal, every item numbered for /done, and where to learn."""
    roadmap = view.roadmap
    stage = roadmap.stages[index]
    lines = [
        texts.TERMINAL_STAGE_TITLE.format(number=index + 1, count=len(roadmap.stages), title=stage.title),
        texts.TERMINAL_STAGE_LINE.format(start=stage.start.isoformat(), end=stage.end.isoformat(),
                                         week_from=stage.week_from, week_to=stage.week_to, hours=stage.hours,
                                         done=_stage_done(view, stage) * 100),
        texts.TERMINAL_STAGE_GOAL.format(goal=stage.goal),
    ]
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(texts.TERMINAL_COL_ITEM, overflow="fold", max_width=64)
    table.add_column(texts.TERMINAL_COL_KIND, no_wrap=True)
    table.add_column(texts.TERMINAL_COL_HOURS, justify="right", no_wrap=True)
    table.add_column(texts.TERMINAL_COL_DONE, justify="center", no_wrap=True)
    for item_index, item, done in sorted(view.stage_items(stage.id), key=lambda row: row[0]):
        table.add_row(str(item_index + 1), item.title, item.kind, f"{item.hours:g} h", "✓" if done else "·")
    links = [
        texts.TERMINAL_STAGE_LINK.format(title=c.title, provider=c.provider, cost=_money(c.cost_usd), url=c.url)
        for c in stage.courses
    ]
    parts: list[object] = ["\n".join(lines), "", table]
    if links:
        parts.append("\n".join([texts.TERMINAL_STAGE_LINKS, *links]))
    parts.append(texts.TERMINAL_STAGE_HINT)
    return _draw(*parts)


def progress_text(summary: ProgressSummary) -> str:
    """/progress: overall and per-stage bars, hours done vs planned, status and projected end."""
    lines = [
        texts.TG_PROGRESS_TITLE,
        bar(summary.fraction),
        texts.TG_PROGRESS_HOURS.format(done=summary.hours_done, planned=summary.hours_planned,
                                       items_done=summary.items_done, items=summary.items_total),
        STATUS_TEXT[summary.status].format(done=summary.hours_done, expected=summary.hours_expected),
        texts.TG_PROGRESS_END.format(projected=summary.projected_end.strftime("%d %b %Y"),
                                     planned=summary.planned_end.strftime("%d %b %Y")),
    ]
    if summary.deadline is not None:
        template = (texts.TG_PROGRESS_DEADLINE_OK if summary.projected_end <= summary.deadline
                    else texts.TG_PROGRESS_DEADLINE_LATE)
        lines.append(template.format(deadline=summary.deadline.strftime("%d %b %Y")))
    ready = None if summary.readiness is None else readiness_lines(summary.readiness)
    if ready is not None:  # issue 18: what the learner claimed and what a quiz proved
        lines += ["", *ready.stages.get(CLAIMED_STAGE, [])]
    table = Table(box=None, pad_edge=False, show_header=False, show_edge=False)
    table.add_column(justify="right", no_wrap=True)
    table.add_column(overflow="fold", max_width=48)
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    for number, stage in enumerate(summary.stages, 1):
        table.add_row(f"{number}.", stage.title, bar(stage.fraction), f"{stage.hours_done:g}/{stage.hours_planned:g} h")
        for line in [] if ready is None else ready.stages.get(stage.stage_id, []):
            table.add_row("", f"  {line}", "", "")
    if ready is None:
        return _draw("\n".join(lines), "", table)
    return _draw("\n".join(lines), "", table, "", "\n".join(ready.tail))


def mark_text(outcome: ProgressOutcome, done: bool) -> str:
    """What a mark changed, as Telegram says it."""
    if not outcome.changed:
        return (texts.TG_ALREADY_DONE if done else texts.TG_ALREADY_OPEN).format(title=outcome.item.title)
    lines = [(texts.TG_MARKED if done else texts.TG_UNMARKED).format(title=outcome.item.title)]
    if outcome.changes:
        lines.append(texts.TG_REPLAN_CHANGES)
        lines += [f"  - {change}" for change in outcome.changes]
    else:
        lines.append(texts.TG_REPLAN_SAME)
    lines.append(texts.TG_REPLAN_END.format(end=outcome.view.roadmap.totals.end_date.strftime("%d %b %Y")))
    return "\n".join(lines)


# ---------------------------------------------------------------- the chat


class _Quit(Exception):
    """The learner typed quit."""


@dataclass
class _Choice:
    """A numbered choice the terminal itself offers (which item, erase or keep)."""

    label: str
    action: Callable[[], None]


JOB_END_COMMAND = "/end"  # ends a pasted job ad at once (two empty lines in a row do too)
UNAIM_WORDS = frozenset({"unaim", "un-aim", "stop", "stop aiming"})  # `/job unaim`: the terminal's un-aim menu


class TerminalChat:
    """One learner's conversation over a text stream pair; the same services as Telegram."""

    def __init__(
        self,
        service: ConversationService,
        user: str,
        out: TextIO,
        render: Callable[[Roadmap], str] | None = None,
        progress: ProgressService | None = None,
    ) -> None:
        """Chat as `user`, printing to `out`; `render` replaces the plan overview (tests)."""
        self.service = service
        self.user = user
        self.out = out
        self.render = render
        self.progress = progress or ProgressService(service.db, service.catalog_source, service.clock, service.now)
        # /export and /delete read with the same database and clocks as the progress they report.
        progress = self.progress
        self.privacy = PrivacyService(progress.db, progress.catalog_source, progress.clock, progress.now)
        self.options: list[Option] = []
        self.multi_select = False
        self.amount = False  # the last question asks for an amount: typed numbers are amounts
        self.choices: list[_Choice] = []
        self.choices_from_mark = False  # the numbered choices were offered by /done or /undo
        self.stage: int | None = None
        self.jobs = JobService(service.db, service.catalog_source, service.clock, service.now)
        self.job_lines: list[str] | None = None  # a job ad being pasted after /job, until two empty lines
        self.checks = SkillCheckService(service.db, service.catalog_source, service.clock, service.now)
        self.quiz_queue: list[Asked] = []  # review questions still to ask (issue 18)

    def print(self, text: str) -> None:
        """Write a message wrapped at WIDTH columns, then a blank line, flushed so pipes see it at once."""
        self.out.write(fit(text) + "\n\n")
        self.out.flush()

    # ------------------------------------------------------------ conversation
    def send(self, inp: UserInput) -> Outcome:
        """Send one input through the service and remember the options of the last reply."""
        outcome = self.service.handle(CHANNEL, self.user, inp, display_name=self.user)
        if outcome.replies:
            self.options = outcome.replies[-1].options
            self.multi_select = outcome.replies[-1].multi_select
            self.amount = outcome.replies[-1].amount
        return outcome

    def show(self, outcome: Outcome) -> None:
        """Print the replies, and the plan overview when there is a roadmap."""
        if outcome.roadmap is not None:
            # The plan before the final question, so the learner reads it, then what to do next.
            for reply in outcome.replies[:-1]:
                self.print(format_reply(reply))
            if self.render is not None:
                self.print(self.render(outcome.roadmap).rstrip())
            else:
                self.print(overview(outcome.roadmap, outcome.view))
            if outcome.notices:
                self.print(format_notices(outcome.notices))
            missed = outcome.roadmap.explanations.deadline
            if missed is not None and missed.accept_date is not None:
                self.print(texts.PLANNER_TERMINAL_EARLIEST_HINT.format(date=missed.accept_date.isoformat()))
            if outcome.replies:
                self.print(format_reply(outcome.replies[-1]))
            return
        for reply in outcome.replies:
            self.print(format_reply(reply))

    def _earliest_of_stored_plan(self) -> str | None:
        """The "take the earliest date" button value for the learner's stored plan, when it misses its deadline."""
        view = self._view()
        missed = None if view is None else view.roadmap.explanations.deadline
        if missed is None or missed.accept_date is None:
            return None
        return f"usedate:{missed.accept_date.isoformat()}"

    def answer(self, line: str) -> None:
        """Handle one typed line: quit, a terminal command, numbered options, an option label, or free text."""
        if self.job_lines is not None:  # pasting a job ad: two empty lines in a row, or /end, end it
            # Ads have blank lines between their sections, so one empty line is part of the ad: ending there
            # sent the rest of the ad to the dialogue, which took its skills for the learner's own.
            if line.strip().lower() != JOB_END_COMMAND and (line.strip() or (
                    self.job_lines and self.job_lines[-1] != "")):
                self.job_lines.append(line.rstrip("\n") if line.strip() else "")
                return
            lines, self.job_lines = self.job_lines, None
            self._read_job("\n".join(lines).strip("\n"))
            return
        line = line.strip()
        if not line:
            return
        if line.strip().lower() == EARLIEST_COMMAND:
            # issue 13: one command accepts the earliest date reachable at the learner's pace as the deadline.
            use = next((o.value for o in self.options if o.value.startswith("usedate:")), None)
            if use is None:  # not right after planning: the stored plan says which date it reaches
                use = self._earliest_of_stored_plan()
            if use is not None:
                self.show(self.send(UserInput(kind="button", value=use)))
                return
            # A command /help lists is never "unknown": without a missed deadline there is just nothing to take.
            self.print(texts.TERMINAL_EARLIEST_NO_PLAN)
            return
        lowered = line.lower()
        if lowered in QUIT_WORDS:
            raise _Quit
        if self.choices:
            choices, self.choices = self.choices, []
            from_mark, self.choices_from_mark = self.choices_from_mark, False
            # "/done 2" right after "/done python" offered a numbered list picks from that list, as "2" does.
            repeated = re.fullmatch(r"/(?:done|undo)\s+(\d+)", lowered) if from_mark else None
            pick = repeated.group(1) if repeated else line
            if pick.isdigit() and 1 <= int(pick) <= len(choices):
                choices[int(pick) - 1].action()
                return
        if self.stage is not None and (lowered in NEXT_WORDS or lowered in PREVIOUS_WORDS):
            self._move(1 if lowered in NEXT_WORDS else -1)
            return
        if line.startswith("/"):
            self._command(line)
            return
        values = read_choice(line, self.options, self.multi_select, self.amount)
        if values is None:
            self.show(self.send(UserInput(kind="text", value=line)))
            return
        # A multi-select line is several taps; only the screen after the last one is worth printing.
        outcome = None
        for value in values:
            outcome = self.send(UserInput(kind="button", value=value))
        assert outcome is not None
        self.show(outcome)

    def _command(self, line: str) -> None:
        name, _, rest = line.partition(" ")
        name, rest = name.lower(), rest.strip()
        handlers: dict[str, Callable[[str], None]] = {
            "/plan": self._plan,
            "/progress": lambda arg: self._progress(),
            "/done": lambda arg: self._mark(arg, done=True),
            "/undo": lambda arg: self._mark(arg, done=False),
            "/export": self._export,
            "/delete": lambda arg: self._delete(),
            "/reminders": lambda arg: self.print(texts.TERMINAL_NO_REMINDERS),
            "/job": self._job,
            "/jobs": lambda arg: self._saved_jobs(),
            "/check": self._check,
            "/review": self._review,
            "/refresh": self._refresh_command,
        }
        handler = handlers.get(name)
        if handler is not None:
            handler(rest)
            return
        outcome = self.send(UserInput(kind="command", value=line))
        if name == "/help" and outcome.roadmap is None and outcome.replies:
            # The terminal's own commands join the help; the open question comes last, where the answer is typed.
            for reply in outcome.replies[:-1]:
                self.print(format_reply(reply))
            self.print(texts.TERMINAL_HELP)
            self.print(format_reply(outcome.replies[-1]))
            return
        self.show(outcome)
        if name == "/help":
            self.print(texts.TERMINAL_HELP)

    # ------------------------------------------------------------ plan views
    def _learner(self) -> int | None:
        return self.progress.learner_id(CHANNEL, self.user)

    def _view(self) -> RoadmapView | None:
        learner = self._learner()
        return None if learner is None else self.progress.view(learner)

    def _plan(self, arg: str) -> None:
        if arg.startswith("--markdown"):
            self._markdown(arg.removeprefix("--markdown").strip())
            return
        if arg.isdigit():
            view = self._view()
            if view is None:
                self.print(texts.TG_NO_PLAN_HINT)
                return
            self._show_stage(view, int(arg) - 1)
            return
        self.stage = None
        self.show(self.send(UserInput(kind="command", value="/plan")))

    def _show_stage(self, view: RoadmapView, index: int) -> None:
        count = len(view.roadmap.stages)
        if not 0 <= index < count:
            self.print(texts.TERMINAL_NO_SUCH_STAGE.format(number=index + 1, count=count))
            return
        self.stage = index
        self.print(stage_page(view, index))

    def _move(self, step: int) -> None:
        view = self._view()
        if view is None or self.stage is None:
            self.print(texts.TERMINAL_NO_STAGE_OPEN)
            return
        target = self.stage + step
        if target >= len(view.roadmap.stages):
            self.print(texts.TERMINAL_LAST_STAGE)
            return
        if target < 0:
            self.print(texts.TERMINAL_FIRST_STAGE)
            return
        self._show_stage(view, target)

    def _markdown(self, path_text: str) -> None:
        if not path_text:
            self.print(texts.TERMINAL_MARKDOWN_USAGE)
            return
        view = self._view()
        if view is None:
            self.print(texts.TG_NO_PLAN_HINT)
            return
        document = roadmap_markdown(view.roadmap)
        path = Path(path_text).expanduser()
        try:
            path.write_text(document, encoding="utf-8")
        except OSError as exc:
            self.print(texts.TERMINAL_CANNOT_WRITE.format(path=path, error=exc.strerror or exc))
            return
        self.print(texts.TERMINAL_MARKDOWN_WRITTEN.format(path=path, size=len(document)))

    # ------------------------------------------------------------ progress
    def _progress(self) -> None:
        learner = self._learner()
        report = None if learner is None else self.progress.report(learner)
        if report is None:
            self.print(texts.TG_NO_PLAN_HINT)
            return
        summary, notices = report
        self.print(progress_text(summary))
        ready = summary.readiness
        if ready is not None and ready.flagged:
            names = ", ".join(ready.name(s) for s in ready.flagged)
            self.print(texts.READY_FLAGGED_HINT.format(skills=names) + "\n"
                       + texts.TERM_REFRESH_USAGE.format(skills=", ".join(ready.flagged)))
        if notices:
            self.print(format_notices(notices))

    def _mark(self, name: str, done: bool) -> None:
        learner = self._learner()
        view = None if learner is None else self.progress.view(learner)
        if learner is None or view is None:
            self.print(texts.TG_NO_PLAN_HINT)
            return
        if not name and not done:
            key = self.progress.last_marked(learner)
            if key is None:
                self.print(texts.TG_NOTHING_TO_UNDO)
                return
            self._do_mark(learner, key, done)
            return
        if name.isdigit() and 1 <= int(name) <= len(view.items):
            self._do_mark(learner, view.items[int(name) - 1].key, done)
            return
        candidates = _match(name, view, done) if name else []
        if candidates and candidates[0][2] >= SURE and (
            len(candidates) == 1 or candidates[1][2] < candidates[0][2] - 5
        ):
            self._do_mark(learner, view.items[candidates[0][0]].key, done)
            return
        offered = [(index, title) for index, title, score in candidates if score >= POSSIBLE]
        if offered:
            heading = texts.TERMINAL_WHICH
        else:
            offered = [(i, it.title) for i, it in enumerate(view.items) if (it.key in view.done) != done][:8]
            if not offered:
                self.print(texts.TG_NOTHING_TO_MARK if done else texts.TG_NOTHING_TO_UNDO)
                return
            if name:
                heading = texts.TERMINAL_NOT_FOUND.format(name=name)
            else:
                heading = texts.TERMINAL_PICK_DONE if done else texts.TERMINAL_PICK_UNDO
        self.choices = [
            _Choice(title, partial(self._do_mark, learner, view.items[index].key, done))
            for index, title in offered
        ]
        self.choices_from_mark = True
        self.print("\n".join([heading, *(f"  {n}. {c.label}" for n, c in enumerate(self.choices, 1))]))

    def _do_mark(self, learner: int, key: str, done: bool, confirmed: bool = False) -> None:
        if done and not confirmed and self._retired(learner, key):
            return
        try:
            outcome = self.progress.mark(learner, key, done=done)
        except (UnknownItem, NoRoadmap):
            self.print(texts.TG_STALE_BUTTON)
            return
        self.print(mark_text(outcome, done))
        if self.stage is not None and outcome.view.roadmap.stages:
            self.stage = min(self.stage, len(outcome.view.roadmap.stages) - 1)

    def _retired(self, learner: int, key: str) -> bool:
        """/done on a course an admin retired: say so and ask (finished it / re-plan / leave); True when asked."""
        kind, _, entry_id = key.partition(":")
        if kind != "course":
            return False
        course = self.service.catalog_source().get(entry_id)
        if course is not None and getattr(course, "status", "active") == "active":
            return False
        view = self.progress.view(learner)
        item = None if view is None else next((i for i in view.items if i.key == key), None)
        if item is None or view is None or key in view.done:
            return False
        yes, replan, leave = texts.TERM_DONE_RETIRED_OPTIONS
        self.choices = [_Choice(yes, partial(self._do_mark, learner, key, True, True)),
                        _Choice(replan, partial(self._replan_catalog, learner)),
                        _Choice(leave, lambda: self.print(texts.TERM_LEFT_AS_IS))]
        self.print("\n".join([texts.TG_RETIRED_COURSE.format(title=item.title),
                              *(f"  {n}. {c.label}" for n, c in enumerate(self.choices, 1))]))
        return True

    def _replan_catalog(self, learner: int) -> None:
        try:
            outcome = self.progress.replan_for_catalog(learner)
        except NoRoadmap:
            self.print(texts.TG_NO_PLAN_HINT)
            return
        changes = outcome.changes or [texts.TG_REPLAN_SAME]
        self.print("\n".join([*changes, texts.TG_REPLAN_END.format(
            end=human_date(outcome.view.roadmap.totals.end_date))]))

    # ------------------------------------------------------------ privacy
    def _export(self, path_text: str) -> None:
        learner = self._learner()
        data = None if learner is None else self.privacy.export(learner)
        if data is None:
            self.print(texts.TG_NOTHING_STORED)
            return
        path = Path(path_text or f"waypoint-{_safe_name(self.user)}-data.json").expanduser()
        try:
            path.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
        except OSError as exc:
            self.print(texts.TERMINAL_CANNOT_WRITE.format(path=path, error=exc.strerror or exc))
            return
        self.print(texts.TERMINAL_EXPORT_WRITTEN.format(path=path))

    def _delete(self) -> None:
        yes, no = texts.TERMINAL_DELETE_OPTIONS
        self.choices = [_Choice(yes, self._erase), _Choice(no, lambda: self.print(texts.TG_DELETE_KEPT))]
        self.print("\n".join([texts.TG_DELETE_CONFIRM, f"  1. {yes}", f"  2. {no}"]))

    def _erase(self) -> None:
        learner = self._learner()
        erased = self.privacy.delete(learner) if learner is not None else {}
        self.options, self.stage = [], None
        self.print(texts.TG_DELETED.format(rows=sum(erased.values())))

    # ------------------------------------------------------------ job ads (issue 17)
    def _job(self, arg: str) -> None:
        if arg.lower() in UNAIM_WORDS:
            learner = self._learner()
            if learner is None or not self.jobs.aimed(learner):
                self.print(texts.JOB_UNAIM_NOTHING)
                return
            self._offer_unaim(learner)
            return
        if arg:
            self._read_job(arg)
            return
        self.job_lines = []
        self.print(texts.TERM_JOB_ASK)

    def _read_job(self, text: str) -> None:
        learner = self._learner()
        try:
            if learner is None or not text.strip():
                raise NoPlanYet()
            reading = self.jobs.read(learner, text)
        except NoPlanYet:
            self.print(texts.TG_JOB_NO_PLAN if text.strip() else texts.TG_JOB_EMPTY)
            return
        ad_id = reading.ad_id
        assert ad_id is not None
        choices = [_Choice(texts.TG_JOB_AIM, lambda: self._aim(learner, ad_id))] if reading.can_aim else []
        choices += [_Choice(texts.TG_JOB_SAVE, lambda: self._keep_job(learner, ad_id, save=True)),
                    _Choice(texts.TG_JOB_DISMISS, lambda: self._keep_job(learner, ad_id, save=False))]
        self.choices = choices
        self.print("\n".join([reading.message, *(f"  {n}. {c.label}" for n, c in enumerate(choices, 1))]))

    def _keep_job(self, learner: int, ad_id: int, save: bool) -> None:
        try:
            if save:
                self.jobs.save(learner, ad_id)
            else:
                unaimed = self.jobs.remove(learner, ad_id)
                if unaimed is not None:
                    self.print(unaimed.message)
        except AdGone:
            self.print(texts.TG_JOB_GONE)
            return
        self.print(texts.TG_JOB_SAVED if save else texts.TG_JOB_DISMISSED)

    def _aim(self, learner: int, ad_id: int) -> None:
        try:
            outcome = self.jobs.aim(learner, ad_id)
        except AdGone:
            self.print(texts.TG_JOB_GONE)
            return
        self.print(outcome.message)

    def _saved_jobs(self) -> None:
        learner = self._learner()
        ads = self.jobs.saved(learner) if learner is not None else []
        if learner is None or not ads:
            self.print(texts.TG_JOBS_NONE)
            return
        lines = [texts.TG_JOBS_HEADER]
        lines += [saved_line(number, ad) for number, ad in enumerate(ads, 1)]
        self.print("\n".join(lines))
        self._offer_unaim(learner)

    def _offer_unaim(self, learner: int) -> None:
        """Numbered choices to stop aiming the plan at each aimed ad (the terminal's un-aim buttons)."""
        aimed = self.jobs.aimed(learner)
        if not aimed:
            return
        self.choices = [_Choice(texts.TG_JOB_UNAIM.format(title=title), partial(self._unaim, learner, ad_id))
                        for ad_id, title in aimed]
        self.print("\n".join([texts.TERM_JOBS_CHOICES, *(f"  {n}. {c.label}" for n, c in enumerate(self.choices, 1))]))

    def _unaim(self, learner: int, ad_id: int) -> None:
        try:
            outcome = self.jobs.unaim(learner, ad_id)
        except (AdGone, NoPlanYet):
            self.print(texts.JOB_UNAIM_NOTHING)
            return
        self.print(outcome.message)

    # ------------------------------------------------------------ skill checks and reviews (issue 18)
    def _check(self, arg: str) -> None:
        learner = self._learner()
        if learner is None:
            self.print(texts.CHECK_NO_PLAN)
            return
        if not arg:
            names = [self.checks.skill_name(s) for s in self.checks.offer(learner)]
            self.print(texts.CHECK_USAGE.format(skills=", ".join(names)) if names else texts.CHECK_USAGE_NONE)
            return
        skill = find_skill(arg, self.service.catalog_source())
        if skill is None:
            self.print(texts.CHECK_UNKNOWN.format(text=arg[:60]))
            return
        asked = self.checks.start_check(learner, skill)
        if asked is None:
            self.print(texts.CHECK_NO_QUESTIONS.format(skill=self.checks.skill_name(skill)))
            return
        self._ask(learner, asked)

    def _review(self, arg: str = "") -> None:
        learner = self._learner()
        if learner is None:
            self.print(texts.CHECK_NO_PLAN)
            return
        words = arg.split()
        if words and words[0].lower() in {"time", "at", "when"}:
            self._review_time(learner, words[1:])
            return
        self.quiz_queue = self.checks.due_reviews(learner)
        if not self.quiz_queue:
            self.print(texts.REVIEW_NONE_DUE)
            return
        self._ask(learner, self.quiz_queue.pop(0))

    def _review_time(self, learner: int, args: list[str]) -> None:
        """/review time: show it; /review time 19:30 [Zone] sets it; /review time off follows the reminder."""
        if not args:
            self.print(self.checks.review_time(learner).describe() + "\n" + texts.REVIEW_TIME_USAGE)
            return
        hour: int | None
        if args[0].lower() in {"off", "default", "reminder", "clear"} and len(args) == 1:
            hour, minute, zone = None, 0, None
        else:
            at = parse_time_of_day(args[0]) if len(args) <= 2 else None
            if at is None:
                self.print(texts.REVIEW_TIME_USAGE)
                return
            hour, minute, zone = at[0], at[1], args[1] if len(args) == 2 else None
        try:
            when = self.checks.set_review_time(learner, hour, minute, zone)
        except ValueError:
            self.print(texts.REVIEW_TIME_BAD_ZONE.format(zone=(zone or "")[:60]))
            return
        if hour is None or when.at is None:
            self.print(texts.REVIEW_TIME_CLEARED + " " + when.describe())
        else:
            self.print(texts.REVIEW_TIME_SET.format(hour=when.at[0], minute=when.at[1], timezone=when.timezone)
                       + "\n" + texts.TERM_REVIEW_TIME_NOTE)

    def _refresh_command(self, arg: str) -> None:
        """/refresh SKILL: a refresher item in the current stage for a skill slipping in reviews."""
        learner = self._learner()
        if learner is None:
            self.print(texts.REFRESHER_NO_PLAN)
            return
        flagged = self.checks.flagged(learner)
        if not arg:
            self.print(texts.TERM_REFRESH_USAGE.format(skills=", ".join(flagged)) if flagged
                       else texts.TERM_REFRESH_NONE)
            return
        skill = find_skill(arg, self.service.catalog_source())
        if skill is None:
            self.print(texts.CHECK_UNKNOWN.format(text=arg[:60]))
            return
        self.print(self.checks.add_refresher(learner, skill).message)

    def _ask(self, learner: int, asked: Asked) -> None:
        """A question with numbered options; typing a number answers it."""
        poll_id = self.checks.sent(learner, asked)
        template = texts.REVIEW_POLL_TITLE if asked.kind == "review" else texts.CHECK_POLL_TITLE
        title = template.format(skill=asked.skill_name, number=asked.position + 1, total=asked.total,
                                question=asked.question.question)
        lines = [title] + [f"{i}. {option}" for i, option in enumerate(asked.question.options, 1)]
        self.print("\n".join(lines))
        self.choices = [_Choice(option, partial(self._answer_quiz, learner, asked, poll_id, i))
                        for i, option in enumerate(asked.question.options)]

    def _answer_quiz(self, learner: int, asked: Asked, poll_id: str, chosen: int) -> None:
        outcome = self.checks.answer(poll_id, self.user, chosen)
        if outcome is None:
            return
        question = asked.question
        if outcome.correct:
            self.print(texts.TERM_CHECK_RIGHT.format(explanation=question.explanation))
        else:
            self.print(texts.TERM_CHECK_WRONG.format(answer=question.answer, explanation=question.explanation))
        if outcome.next is not None:
            self._ask(learner, outcome.next)
            return
        result = outcome.result
        if result is None:
            return
        if result.kind == "review":
            if result.flagged:
                self.print(texts.REVIEW_FLAGGED.format(skill=result.skill_name) + "\n1. " + texts.CHECK_REFRESH)
                self.choices = [_Choice(texts.CHECK_REFRESH, partial(self._refresh_command, result.skill))]
            else:
                template = texts.REVIEW_RIGHT if result.passed else texts.REVIEW_WRONG
                self.print(template.format(skill=result.skill_name))
            if self.quiz_queue and not self.choices:
                self._ask(learner, self.quiz_queue.pop(0))
            return
        if result.passed:
            self.print(texts.CHECK_PASSED.format(skill=result.skill_name, correct=result.correct, total=result.total,
                                                 date=self.service.clock().isoformat()))
            return
        self.print(texts.CHECK_FAILED.format(skill=result.skill_name, correct=result.correct, total=result.total)
                   + f"\n1. {texts.CHECK_KEEP}\n2. {texts.CHECK_REFRESH}")
        self.choices = [
            _Choice(texts.CHECK_KEEP, partial(self._keep, learner, result.check_id, result.skill_name)),
            _Choice(texts.CHECK_REFRESH, partial(self._refresh, learner, result.skill, result.check_id)),
        ]

    def _keep(self, learner: int, check_id: int, name: str) -> None:
        if self.checks.keep(learner, check_id):
            self.print(texts.CHECK_KEPT.format(skill=name))

    def _refresh(self, learner: int, skill: str, check_id: int | None) -> None:
        roadmap = self.checks.refresher(learner, skill, check_id)
        template = texts.CHECK_REFRESH_NONE if roadmap is None else texts.CHECK_REFRESHED
        self.print(template.format(skill=self.checks.skill_name(skill)))

    # ------------------------------------------------------------ loop
    def run(self, lines: TextIO, echo: bool) -> int:
        """Resume (or start) the conversation, then answer every line until end of input or quit."""
        self.print(texts.TERMINAL_INTRO.format(user=self.user) + "\n" + texts.TERMINAL_INTRO_QUIT)
        self.show(self.send(UserInput(kind="command", value="/start")))
        while True:
            if not echo:
                self.out.write(texts.TERMINAL_PROMPT)
                self.out.flush()
            line = lines.readline()
            if not line and self.job_lines is not None:  # the input ended while an ad was being pasted
                self.answer(JOB_END_COMMAND)
            if not line:
                if not echo:
                    self.out.write("\n")
                break
            if echo:
                # Piped input is not shown by a terminal: print it so the transcript reads as a chat.
                self.print(texts.TERMINAL_PROMPT + line.rstrip("\n"))
            try:
                self.answer(line)
            except _Quit:
                break
        self.print(texts.TERMINAL_BYE)
        return 0


def _match(query: str, view: RoadmapView, done: bool) -> list[tuple[int, str, float]]:
    """(item index, title, score) of items whose done-state is not `done`, best first."""
    choices = {i: item.title for i, item in enumerate(view.items) if (item.key in view.done) != done}
    found = process.extract(query, choices, scorer=fuzz.WRatio, processor=utils.default_process, limit=4)
    return [(int(index), title, float(score)) for title, score, index in found]


def _safe_name(user: str) -> str:
    return re.sub(r"[^\w.-]+", "-", user).strip("-") or "me"


def run_chat(
    service: ConversationService, user: str, lines: TextIO, out: TextIO, progress: ProgressService | None = None
) -> int:
    """Chat until end of input or quit; echo typed lines when they come from a pipe rather than a person."""
    chat = TerminalChat(service, user, out, progress=progress)
    try:
        return chat.run(lines, echo=not lines.isatty())
    except KeyboardInterrupt:
        # Ctrl-C is a way to quit too; every answer given so far is already committed.
        out.write("\n")
        chat.print(texts.TERMINAL_BYE)
        return 130
