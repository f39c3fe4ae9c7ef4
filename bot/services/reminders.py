"""Reminders: the learner's weekly reminder and time zone, and which reminders are due in a window of time.

Each public method is one transaction, committed before it returns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot import texts
from bot.services.base import Service
from bot.storage.db import read_transaction, write_transaction
from bot.storage.repositories import Reminder, learner_ref

Row = TypeVar("Row")


def valid_timezone(name: str) -> str | None:
    """The IANA zone name if it exists (case-insensitive for the common spelling), else None."""
    name = name.strip()
    if not name or ".." in name or name.startswith("/"):
        return None
    for candidate in (name, "/".join(part[:1].upper() + part[1:] for part in name.split("/")), name.upper()):
        try:
            ZoneInfo(candidate)
        except (ZoneInfoNotFoundError, ValueError):
            continue
        return candidate
    return None


def due_in_window(start: datetime, end: datetime, zones: Iterable[str],
                  rows: Callable[[str, date, int, int], Iterable[Row]], at: Callable[[Row], time],
                  ) -> list[tuple[Row, datetime]]:
    """(row, moment) of every row whose local time `at(row)` falls in [start, end) (aware datetimes, a window
    shorter than a day). `rows(zone, local day, first hour, last hour)` is asked once per time zone and local day
    the window touches (the weekly reminders and the daily reviews alike); unknown zones are skipped."""
    start, end = start.astimezone(UTC), end.astimezone(UTC)  # compare instants, never wall times
    out: list[tuple[Row, datetime]] = []
    for name in zones:
        try:
            zone = ZoneInfo(name)
        except (ValueError, ZoneInfoNotFoundError):
            continue
        local_start, local_end = start.astimezone(zone), end.astimezone(zone)
        day = local_start.date()
        while day <= local_end.date():
            hour_from = local_start.hour if day == local_start.date() else 0
            hour_to = local_end.hour if day == local_end.date() else 23
            for row in rows(name, day, hour_from, hour_to):
                moment = datetime.combine(day, at(row), tzinfo=zone)
                if start <= moment < end:
                    out.append((row, moment))
            day += timedelta(days=1)
    return out


class ReminderService(Service):
    """The weekly reminder (set, pause, stop, sent, due) and the learner's time zone."""

    def reminder(self, learner_id: int) -> Reminder | None:
        """The learner's reminder, if set."""
        with read_transaction(self.db):
            return self.repos.reminders.get(learner_id)

    def timezone(self, learner_id: int) -> str | None:
        """The learner's stored time zone, if any."""
        with read_transaction(self.db):
            learner = self.repos.learners.get(learner_id)
        return None if learner is None else learner.timezone

    def set_reminder(self, learner_id: int, weekday: int, hour: int, timezone: str, minute: int = 0) -> Reminder:
        """Set (and switch on) the weekly reminder; also remembers the learner's time zone."""
        zone = valid_timezone(timezone)
        if zone is None:
            raise ValueError(texts.SCHEDULE_ERR_UNKNOWN_ZONE.format(timezone=timezone))
        with write_transaction(self.db):
            self.repos.learners.set_timezone(learner_id, zone)
            reminder = self.repos.reminders.upsert(learner_id, weekday, hour, minute, zone)
            self.repos.audit.log(learner_ref(learner_id), "reminder.set", learner_ref(learner_id),
                                 {"weekday": weekday, "hour": hour, "minute": minute, "timezone": zone}, self.now())
        return reminder

    def set_timezone(self, learner_id: int, timezone: str) -> str:
        """Change the learner's time zone (and their reminder's, if any); return the canonical name."""
        zone = valid_timezone(timezone)
        if zone is None:
            raise ValueError(texts.SCHEDULE_ERR_UNKNOWN_ZONE.format(timezone=timezone))
        with write_transaction(self.db):
            self.repos.learners.set_timezone(learner_id, zone)
            current = self.repos.reminders.get(learner_id)
            if current is not None and current.active:
                self.repos.reminders.upsert(learner_id, current.weekday, current.hour, current.minute, zone)
                if current.paused:
                    self.repos.reminders.set_paused(learner_id, True)
        return zone

    def pause_reminder(self, learner_id: int, paused: bool) -> Reminder | None:
        """Pause or resume; None when there is no reminder."""
        with write_transaction(self.db):
            if not self.repos.reminders.set_paused(learner_id, paused):
                return None
            return self.repos.reminders.get(learner_id)

    def stop_reminder(self, learner_id: int, reason: str = "stopped") -> bool:
        """Switch the reminder off (the learner asked, or blocked the bot)."""
        with write_transaction(self.db):
            return self.repos.reminders.disable(learner_id, reason)

    def reminder_sent(self, learner_id: int) -> None:
        """Record a delivered reminder."""
        with write_transaction(self.db):
            self.repos.reminders.mark_sent(learner_id, self.now())

    def reminder_due(self, learner_id: int, channel: str, external_id: str) -> bool:
        """Whether this learner's reminder is still on and still theirs, read now from the database.

        Another process (a second bot, `waypoint db restore`) may have stopped it, or given the learner id to
        someone else, since the job was scheduled: a job checks this before sending anything.
        """
        with read_transaction(self.db):
            reminder = self.repos.reminders.get(learner_id)
            learner = self.repos.learners.get(learner_id)
        return (reminder is not None and reminder.active and not reminder.paused and learner is not None
                and learner.channel == channel and learner.external_id == external_id)

    def reminders_due(self, start: datetime, end: datetime, channel: str = "telegram",
                      ) -> list[tuple[Reminder, str, datetime]]:
        """(reminder, external id, moment it is due) of every active reminder of `channel` whose weekly time
        falls in [start, end) (aware datetimes, a window of less than a day), by moment.

        One query per time zone and local day the window touches; nothing is kept per learner in memory.
        """
        if end - start >= timedelta(days=1):
            raise ValueError(texts.SCHEDULE_ERR_REMINDER_WINDOW)
        repo = self.repos.reminders
        with read_transaction(self.db):
            due = due_in_window(start, end, repo.active_timezones(),
                                lambda zone, day, first, last: repo.due_in_hours(channel, zone, day.weekday(),
                                                                                 first, last),
                                lambda row: time(row[0].hour, row[0].minute))
        out = [(reminder, who, moment) for (reminder, who), moment in due]
        out.sort(key=lambda entry: (entry[2], entry[0].learner_id))
        return out

    def active_reminders(self) -> list[tuple[Reminder, str]]:
        """(reminder, external id) of every Telegram learner whose reminder is on."""
        with read_transaction(self.db):
            out = []
            for reminder in self.repos.reminders.all_active():
                learner = self.repos.learners.get(reminder.learner_id)
                if learner is not None and learner.channel == "telegram":
                    out.append((reminder, learner.external_id))
            return out
