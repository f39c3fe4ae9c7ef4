"""The roadmap as a timeline picture: one bar per stage on a date axis, done part shaded, deadline line.

Pure: the caller passes `today` and how much of each stage is done; the result is PNG bytes.
Uses matplotlib's object API on the Agg canvas (no pyplot, no global state), so it is thread-safe.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import date, timedelta

import matplotlib

matplotlib.use("Agg")

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
from matplotlib.figure import Figure

from bot import texts
from bot.domain.planner import Roadmap, Stage
from bot.domain.progress import human_date

DONE = "#2e7d32"
REMAINING = "#a5d6a7"
LATE = "#c62828"
TODAY = "#1565c0"
MAX_LABEL = 34


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def timeline_png(
    roadmap: Roadmap,
    done: Mapping[str, float] | None = None,
    today: date | None = None,
    dpi: int = 100,
    hours: tuple[float, float] | None = None,
) -> bytes:
    """PNG bytes: stages as horizontal bars (done fraction dark, rest light), deadline and today lines."""
    done = done or {}
    stages = list(roadmap.stages)
    height = 1.4 + 0.45 * max(len(stages), 1)
    fig = Figure(figsize=(9, height), dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.30, 1.0 / height * 0.75, 0.67, 1 - 1.0 / height * 1.35))
    _bars(ax, stages, done)
    _lines(ax, roadmap, len(stages), today)
    _date_axis(ax)
    ax.set_title(_title(roadmap, hours), fontsize=10, loc="left")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def _bars(ax: Axes, stages: list[Stage], done: Mapping[str, float]) -> None:
    """One bar per stage, first at the top: the done fraction dark, the rest light, labelled by number and title."""
    labels: list[str] = []
    for row, stage in enumerate(stages):
        start = date2num(stage.start)
        width = max(date2num(stage.end + timedelta(days=1)) - start, 1.0)
        fraction = min(max(float(done.get(stage.id, 0.0)), 0.0), 1.0)
        y = len(stages) - 1 - row
        ax.barh(y, width, left=start, height=0.6, color=REMAINING, edgecolor="#1b5e20", linewidth=0.6)
        if fraction > 0:
            ax.barh(y, width * fraction, left=start, height=0.6, color=DONE)
        labels.append(_short(f"{row + 1}. {stage.title}"))
    ax.set_yticks(range(len(stages)))
    ax.set_yticklabels(list(reversed(labels)), fontsize=8)
    ax.set_ylim(-0.7, max(len(stages), 1) - 0.3)


def _lines(ax: Axes, roadmap: Roadmap, rows: int, today: date | None) -> None:
    """The deadline (red when the plan misses it) and today as vertical lines."""
    deadline = roadmap.profile.deadline if roadmap.profile is not None else None
    if deadline is not None:
        colour = LATE if not roadmap.totals.fits_deadline else "#555555"
        ax.axvline(date2num(deadline), color=colour, linestyle="--", linewidth=1.2)
        ax.text(date2num(deadline), max(rows, 1) - 0.35, texts.TIMELINE_DEADLINE, color=colour, fontsize=8,
                va="top")
    if today is not None:
        ax.axvline(date2num(today), color=TODAY, linewidth=1.0)


def _date_axis(ax: Axes) -> None:
    """Concise dates along the bottom, a light grid behind the bars, no box on top and right."""
    locator = AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    ax.tick_params(axis="x", labelsize=8)
    ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _title(roadmap: Roadmap, hours: tuple[float, float] | None) -> str:
    """The picture's title: the plan's hours and end, or (done, to go) as /progress shows them."""
    end = roadmap.totals.end_date
    if hours is not None:
        return texts.TIMELINE_TITLE_PROGRESS.format(done=hours[0], remaining=hours[1],
                                                    total=round(hours[0] + hours[1], 1), end=human_date(end))
    return texts.TIMELINE_TITLE.format(hours=roadmap.totals.hours, end=human_date(end))
