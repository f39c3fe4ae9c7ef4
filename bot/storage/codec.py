"""How roadmap versions are stored: zlib-compressed JSON, plus the rows of the `roadmap_items` index.

Pure helpers shared by the repositories, the migrations that convert older databases and the bench seeder
(which bulk-inserts rows), so all three write exactly the same bytes.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Mapping
from typing import Any

from bot import texts

# zlib level 3: a ~33 KB roadmap shrinks to ~9 KB in ~0.13 ms; level 6 saves only ~0.8 KB more for four
# times the CPU, and a version is written on every progress mark.
ZLIB_LEVEL = 3

# The item lists of a stored roadmap stage and the progress-key kind of each (see bot.domain.progress).
STAGE_LISTS = (("skills", "skill"), ("courses", "course"), ("certifications", "cert"), ("projects", "project"),
               ("steps", "step"))

RoadmapItemRow = tuple[int, int, str, int, str | None, str | None]


def dump_json(value: Mapping[str, Any]) -> str:
    """Compact JSON text (the form every JSON column is written in)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def pack_text(text: str) -> bytes:
    """JSON text compressed for a BLOB column."""
    return zlib.compress(text.encode("utf-8"), ZLIB_LEVEL)


def pack(value: Mapping[str, Any]) -> bytes:
    """A JSON object compressed for a BLOB column."""
    return pack_text(dump_json(value))


def unpack(stored: bytes | str) -> dict[str, Any]:
    """A stored JSON object back to a dict: compressed bytes, or plain JSON text as written before 0005."""
    text = zlib.decompress(stored).decode("utf-8") if isinstance(stored, bytes | bytearray | memoryview) else stored
    value = json.loads(text)
    if not isinstance(value, dict):  # pragma: no cover - only pack() writes these columns
        raise ValueError(texts.STORE_ERR_NOT_OBJECT)
    return value


def target_role(profile: Mapping[str, Any]) -> str | None:
    """The profile's target role id as stored in `roadmaps.target_role` (None when unset)."""
    role = profile.get("target_role")
    return None if role is None else str(role)


def _stage_order(stage: Mapping[str, Any], position: int) -> int:
    """The stage's `index` (its position when missing, zero or unusable)."""
    try:
        return int(stage.get("index", position) or position)
    except (TypeError, ValueError):
        return position


def roadmap_item_rows(learner_id: int, roadmap: Mapping[str, Any]) -> list[RoadmapItemRow]:
    """`roadmap_items` rows for a roadmap: (learner, stage position, stage id, stage order, key, entry id).

    `item_key` is the progress key of the item (as /stats counts completion); `entry_id` the catalog id
    (as `bot.domain.admin.roadmap_entry_ids` reads it); either may be None for an odd stored item.
    """
    rows: list[RoadmapItemRow] = []
    stages = roadmap.get("stages", []) or []
    if not isinstance(stages, list | tuple):
        return rows
    for position, stage in enumerate(stages):
        if not isinstance(stage, Mapping):
            continue
        stage_id = str(stage.get("id") or position)
        order = _stage_order(stage, position)
        for list_name, kind in STAGE_LISTS:
            items = stage.get(list_name, []) or []
            if not isinstance(items, list | tuple):
                continue
            for item in items:
                key: str | None
                entry: str | None
                if isinstance(item, str):
                    key = item if ":" in item else f"{kind}:{item}"
                    entry = item.split(":", 1)[-1]
                elif isinstance(item, Mapping):
                    raw_key = item.get("key") or (f"{kind}:{item['id']}" if item.get("id") else None)
                    key = str(raw_key) if raw_key else None
                    raw_id = item.get("id") or item.get("key") or ""
                    entry = raw_id.split(":", 1)[-1] if isinstance(raw_id, str) and raw_id else None
                else:
                    continue
                if key is not None or entry is not None:
                    rows.append((learner_id, position, stage_id, order, key, entry))
    return rows
