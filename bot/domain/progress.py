"""Progress events: a learner marking roadmap items done (or undoing a mark)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pydantic import BaseModel, ConfigDict, Field

ITEM_KINDS = ("skill", "course", "project", "cert", "step")


class ProgressEvent(BaseModel):
    """One mark; `item` is '<kind>:<catalog id>', e.g. 'course:ml-specialization'."""

    model_config = ConfigDict(frozen=True)

    item: str = Field(pattern=r"^(skill|course|project|cert|step):[a-z0-9][a-z0-9-]*$")
    done: bool = True
    on: date
    hours: float | None = Field(None, ge=0, description="hours actually spent, where the learner said")


def item_key(kind: str, entry_id: str) -> str:
    """The progress key of a roadmap item."""
    if kind not in ITEM_KINDS:
        raise ValueError(f"unknown item kind {kind!r}")
    return f"{kind}:{entry_id}"


def done_items(events: Iterable[ProgressEvent]) -> set[str]:
    """Replay marks and undos in order; what is done at the end."""
    done: set[str] = set()
    for event in events:
        if event.done:
            done.add(event.item)
        else:
            done.discard(event.item)
    return done
