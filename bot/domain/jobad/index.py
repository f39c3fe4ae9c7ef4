"""The phrase index of a catalog for ads: skill and role phrases by first token, longest first."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.domain.catalog import Catalog
from bot.domain.jobad.text import tokens
from bot.domain.jobad.vocabulary import AD_ALIASES, AD_IGNORED, ROLE_EXTRA
from bot.domain.reading import PerCatalog, lengths_by_first


@dataclass
class Index:
    """Skill phrases (token tuples -> skill id) and role phrases, built once per catalog."""

    skills: dict[tuple[str, ...], str] = field(default_factory=dict)
    skill_lengths: dict[str, list[int]] = field(default_factory=dict)
    roles: dict[tuple[str, ...], str] = field(default_factory=dict)
    role_lengths: dict[str, list[int]] = field(default_factory=dict)
    short_forms: set[str] = field(default_factory=set)  # one/two-letter spellings matched only as written ("R")
    known_words: set[str] = field(default_factory=set)
    programming: set[str] = field(default_factory=set)
    role_skills: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, catalog: Catalog) -> Index:
        """Index every skill and role name, alias and id of a catalog, plus the ad vocabulary."""
        idx = cls()
        ignored = {tokens(a) for a in AD_IGNORED}
        for skill in catalog.skills:
            if skill.category.value == "programming":
                idx.programming.add(skill.id)
            for name in [skill.name, skill.id.replace("-", " "), *skill.aliases]:
                key = tokens(name)
                if not key:
                    continue
                if key in ignored:
                    idx.skills[key] = ""  # read (so its words are used up) but names no skill
                    continue
                if len(name.strip()) <= 2:
                    idx.short_forms.add(name.strip())
                idx.skills.setdefault(key, skill.id)
        for skill_id, aliases in AD_ALIASES.items():
            if skill_id in catalog.skill_by_id:
                for alias in aliases:
                    key = tokens(alias)
                    if key:
                        idx.skills[key] = skill_id  # ad vocabulary wins over a catalog alias of the same words
        for role in catalog.roles:
            idx.role_skills[role.id] = {rs.skill for rs in role.required_skills}
            for name in [role.name, *role.aliases, *ROLE_EXTRA.get(role.id, [])]:
                key = tokens(name)
                if key and (len(key) > 1 or len(key[0]) > 3):
                    idx.roles.setdefault(key, role.id)
        idx.skill_lengths = lengths_by_first(idx.skills)
        idx.role_lengths = lengths_by_first(idx.roles)
        idx.known_words = {w for key in idx.skills for w in key}
        return idx


# The Index of a catalog, built once.
index_for = PerCatalog(Index.build, keep=8)


def longest(words: list[str], i: int, table: dict[tuple[str, ...], str],
            lengths: dict[str, list[int]]) -> tuple[int, str] | None:
    """The longest phrase of the table starting at word i: (its length in words, its value), or None."""
    for n in lengths.get(words[i], ()):
        if i + n <= len(words):
            hit = table.get(tuple(words[i : i + n]))
            if hit is not None:
                return n, hit
    return None
