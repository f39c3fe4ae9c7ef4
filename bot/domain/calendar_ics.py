"""The roadmap as an iCalendar file: each stage's start and end, and the weekly study slots.

Pure: UIDs and DTSTAMP derive from the roadmap, so the same roadmap always gives the same bytes.
Study slots are "floating" local times (no time zone), so they land at the learner's own evening.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta

from icalendar import Calendar, Event, vRecur

from bot import texts
from bot.domain.planner import Roadmap
from bot.domain.progress import human_date

# Which weekdays hold the study sessions, by how many sessions a week (Monday = 0).
SESSION_DAYS: dict[int, list[int]] = {
    1: [5],
    2: [1, 5],
    3: [0, 2, 5],
    4: [0, 2, 4, 5],
    5: [0, 1, 2, 3, 5],
    6: [0, 1, 2, 3, 4, 5],
    7: [0, 1, 2, 3, 4, 5, 6],
}
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
EVENING = time(18, 30)
WEEKEND_MORNING = time(10, 0)
MAX_SESSION_HOURS = 3.0


def study_sessions(hours_per_week: float) -> list[tuple[int, float]]:
    """(weekday, hours) sessions that add up to the weekly hours: at most 3 h each, at most one a day."""
    if hours_per_week <= 0:
        return []
    quarters = max(round(hours_per_week * 4), 1)  # in quarter hours, so the sessions add up exactly
    count = min(7, max(1, math.ceil(hours_per_week / MAX_SESSION_HOURS)), quarters)
    base, extra = divmod(quarters, count)
    return [(day, (base + (1 if i < extra else 0)) / 4) for i, day in enumerate(SESSION_DAYS[count])]


def _first_on_or_after(start: date, weekday: int) -> date:
    return start + timedelta(days=(weekday - start.weekday()) % 7)


def roadmap_ics(roadmap: Roadmap, progress: Mapping[str, tuple[float, float]] | None = None,
                totals: tuple[float, float] | None = None) -> bytes:
    """The .ics bytes: one all-day event at each stage's start and end, plus weekly study sessions.

    `progress` maps a stage id to its (hours done, hours to go) and `totals` is the same for the whole plan;
    given, they are written as "done + to go = total" (the numbers /progress shows)."""
    cal = Calendar()
    cal.add("prodid", "-//Waypoint//roadmap//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", texts.ICS_CALENDAR_NAME)
    if totals is not None:
        cal.add("x-wr-caldesc", texts.ICS_STAGE_PROGRESS.format(done=totals[0], remaining=totals[1],
                                                                total=round(totals[0] + totals[1], 1)))
    stamp = datetime.combine(roadmap.planned_on, time(0, 0))
    tag = roadmap.planned_on.isoformat()
    for event in [*_stage_events(roadmap, progress, stamp, tag), *_study_events(roadmap, stamp, tag)]:
        cal.add_component(event)
    return cal.to_ical()


def _stage_events(roadmap: Roadmap, progress: Mapping[str, tuple[float, float]] | None, stamp: datetime,
                  tag: str) -> list[Event]:
    """An all-day event at each stage's start and end, with its goal and hours (done + to go, when known)."""
    events = []
    for stage in roadmap.stages:
        if progress is not None and stage.id in progress:
            done, left = progress[stage.id]
            planned = texts.ICS_STAGE_PROGRESS.format(done=done, remaining=left, total=round(done + left, 1))
        else:
            planned = texts.ICS_STAGE_PLANNED.format(hours=stage.hours)
        for which, day, summary in (
            ("start", stage.start, texts.ICS_STAGE_START.format(title=stage.title)),
            ("end", stage.end, texts.ICS_STAGE_FINISH.format(title=stage.title)),
        ):
            event = Event()
            event.add("uid", f"{tag}-{stage.id}-{which}@waypoint")
            event.add("dtstamp", stamp)
            event.add("summary", summary)
            event.add("dtstart", day)
            event.add("dtend", day + timedelta(days=1))
            event.add("description",
                      f"{stage.goal}\n{planned}, {human_date(stage.start)} → {human_date(stage.end)}")
            event.add("transp", "TRANSPARENT")
            events.append(event)
    return events


def _study_events(roadmap: Roadmap, stamp: datetime, tag: str) -> list[Event]:
    """Weekly study sessions at the learner's pace, from the first stage's start to the last one's end."""
    hours = roadmap.profile.hours_per_week if roadmap.profile is not None else None
    if not roadmap.stages or not hours:
        return []
    first = min(s.start for s in roadmap.stages)
    last = max(s.end for s in roadmap.stages)
    events = []
    for weekday, length in study_sessions(float(hours)):
        day = _first_on_or_after(first, weekday)
        if day > last:
            continue
        begin = datetime.combine(day, WEEKEND_MORNING if weekday >= 5 else EVENING)
        event = Event()
        event.add("uid", f"{tag}-study-{WEEKDAY_CODES[weekday].lower()}@waypoint")
        event.add("dtstamp", stamp)
        event.add("summary", texts.ICS_STUDY_SUMMARY)
        event.add("dtstart", begin)
        event.add("dtend", begin + timedelta(hours=length))
        event.add("rrule", vRecur(freq="WEEKLY", byday=WEEKDAY_CODES[weekday],
                                  until=datetime.combine(last, time(23, 59))))
        event.add("description", texts.ICS_STUDY_DESCRIPTION.format(length=length, hours=float(hours)))
        events.append(event)
    return events
