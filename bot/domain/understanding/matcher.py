"""The phrase index of a catalog: every role, domain, skill and certification name and alias."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.domain.catalog import Catalog
from bot.domain.reading import PerCatalog, lengths_by_first
from bot.domain.understanding.text import norm_tokens
from bot.domain.understanding.vocabulary import COMMON_WORDS, EXTRA_ALIASES


@dataclass(frozen=True)
class Target:
    """What an alias names: a catalog entry of one kind."""

    kind: str  # role, domain, skill, cert
    id: str


@dataclass
class Matcher:
    """Phrase index over a catalog, built once per catalog."""

    phrases: dict[tuple[str, ...], set[Target]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    max_len: int = 1
    # Fuzzy candidates keyed by first letter: joined phrase strings of six letters or more.
    fuzzy: dict[str, list[str]] = field(default_factory=dict)
    by_joined: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Phrase lengths (longest first) by first token, so most tokens cost one dict lookup.
    lengths: dict[str, list[int]] = field(default_factory=dict)
    # The catalog's own spellings of one- and two-letter aliases ("Go", "R"), matched case-sensitively.
    short_forms: set[str] = field(default_factory=set)
    role_domains: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Words of six letters or more in role names of two words or more ("engineer", "scientist", "learning"):
    # a typo of one is read as the word when the corrected words make a role's name ("ml enginer").
    role_words: dict[str, list[str]] = field(default_factory=dict)
    # Every word of every phrase: a word the catalog itself uses is never a typo of another.
    words: set[str] = field(default_factory=set)

    @classmethod
    def build(cls, catalog: Catalog) -> Matcher:
        """Index every name, alias and id (with hyphens as spaces) of roles, domains, skills and certs."""
        m = cls()
        for role in catalog.roles:
            m.labels[role.id] = role.name
            m.role_domains[role.id] = tuple(role.domains)
            m._add_all("role", role.id, [role.name, *role.aliases, role.id])
        for dom in catalog.domains:
            m.labels[dom.id] = dom.name
            m._add_all("domain", dom.id, [dom.name, *dom.aliases, dom.id])
        for skill in catalog.skills:
            m.labels[skill.id] = skill.name
            m._add_all("skill", skill.id, [skill.name, *skill.aliases, skill.id])
        for cert in catalog.certifications:
            m.labels[cert.id] = cert.name
            m._add_all("cert", cert.id, [cert.name, cert.id])
        known = {kind: set(ids) for kind, ids in (
            ("role", catalog.role_by_id), ("domain", catalog.domain_by_id), ("skill", catalog.skill_by_id))}
        for entry_id, (kind, aliases) in EXTRA_ALIASES.items():
            if entry_id in known[kind]:
                m._add_all(kind, entry_id, aliases)
        m.lengths = lengths_by_first(m.phrases)
        m.words = {w for phrase in m.phrases for w in phrase}
        for phrase, targets in m.phrases.items():
            if len(phrase) > 1 and any(t.kind == "role" for t in targets):
                for w in phrase:
                    if len(w) >= 6 and w.isalpha() and w not in m.role_words.get(w[0], []):
                        m.role_words.setdefault(w[0], []).append(w)
        for phrase in m.phrases:
            joined = " ".join(phrase)
            if len(joined) >= 6 and not (len(phrase) == 1 and joined in COMMON_WORDS):
                m.fuzzy.setdefault(joined[0], []).append(joined)
                m.by_joined[joined] = phrase
        return m

    def _add_all(self, kind: str, entry_id: str, names: Iterable[str]) -> None:
        """Index names of one entry, with hyphens as spaces and the role spellings people use."""
        for name in names:
            variants = {name, name.replace("-", " ")}
            # "ML engineer" also reads as "ML engineering"/"ML engineers"; keep the index symmetric.
            for suffix, alt in (("engineer", "engineering"), ("engineer", "engineers"), ("scientist", "science"),
                                ("analyst", "analytics"), ("researcher", "research")):
                if kind == "role" and name.lower().endswith(suffix) and " " in name:
                    variants.add(name[: -len(suffix)] + alt)
            if len(name.strip()) <= 2:
                self.short_forms.add(name.strip())
            for variant in variants:
                tokens = norm_tokens(variant)
                if tokens:
                    self.phrases.setdefault(tokens, set()).add(Target(kind, entry_id))
                    self.max_len = max(self.max_len, len(tokens))


# The Matcher of a catalog, built once (admin edits make new catalogs; only a few indexes stay alive).
matcher_for = PerCatalog(Matcher.build, keep=16)
