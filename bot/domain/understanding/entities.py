"""Roles, domains, skills and tools: what each mention names once its mode is known."""

from __future__ import annotations

import re

from bot import texts
from bot.domain.understanding.clauses import FASCINATION, GOAL_CUE, INTEREST_CUE, LEARN_CUE, QUESTION_START, Segment
from bot.domain.understanding.facts import Clarification, Facts
from bot.domain.understanding.matcher import Matcher
from bot.domain.understanding.mentions import Mention
from bot.domain.understanding.text import norm_tokens, unique
from bot.domain.understanding.vocabulary import WEAK_ROLE
from bot.domain.understanding.whose import SENTENCE_STOP

_TOOL_NOT_USED_AFTER = re.compile(r"^\s*(?:developers|devs|engineers|jobs|roles|people|folks|positions|is|are|seems?"
                                  r"|looks?|sounds?)\b")


def _used_tool(low: str, m: Mention) -> bool:
    """A tool named without a cue is one used, unless its sentence asks, wishes or speaks of others or of the tool."""
    end = SENTENCE_STOP.search(low, m.end)
    rest = low[m.end : end.end() if end else len(low)]
    return not (
        re.search(r"\ban?\s+$", low[max(0, m.start - 3) : m.start])  # "I'm an illustrator": a job
        or _TOOL_NOT_USED_AFTER.match(rest)
        or "?" in rest
        or LEARN_CUE.search(rest)
    )


def resolve_entities(
    facts: Facts,
    mentions: list[Mention],
    low: str,
    segments: list[Segment],
    matcher: Matcher,
    questions: list[Clarification],
) -> None:
    """Decide, for each mention, whether it is the target role, the domain, a skill or a certification."""
    known: list[str] = []
    unknown: list[str] = []
    certs: list[str] = []
    depth: dict[str, str] = {}
    other_tools: list[str] = []
    for m in mentions:
        if "role" in m.kinds() and _role_negated(low, m):
            m.targets = {t for t in m.targets if t.kind != "role"}
            if not m.targets:
                continue
    mentions = [m for m in mentions if m.targets]
    for m in mentions:
        # A tool outside the catalog is named by someone who used it ("php and wordpress for 8 years"), unless the
        # words wish for it, ask about it or deny it.
        if m.kinds() == {"other"} and (m.mode in {"know", "list"} or (m.mode == "neutral" and _used_tool(low, m))):
            other_tools.append(m.ids("other")[0])
    mentions = [m for m in mentions if m.kinds() != {"other"}]
    strong_roles = [m for m in mentions if m.kinds() == {"role"} and m.mode not in {"neg", "cert"}]
    sentence_has_skill = {
        segments[m.segment].sentence
        for m in mentions
        if not m.weak and "skill" in m.kinds() and segments
    }

    def seg_text(m: Mention) -> str:
        if not segments:
            return low
        seg = segments[m.segment]
        return low[seg.start : seg.end]

    def add_skill(m: Mention) -> None:
        ids = m.ids("skill")
        if not ids:
            return
        if m.weak and re.search(r"\b(?:my|our|his|her|their|all\s+my)\s+$", low[max(0, m.start - 12) : m.start]):
            return  # "all my papers" are things, not a skill
        if m.weak and m.mode == "list":
            return
        if m.weak and m.mode not in {"know", "neg"} and (
            not segments or segments[m.segment].sentence not in sentence_has_skill
        ):
            return
        if m.mode == "neg":
            unknown.extend(ids)
        elif m.mode in {"know", "list"}:
            known.extend(ids)
            if m.depth:
                for skill_id in ids:
                    depth[skill_id] = m.depth

    role_candidates: list[Mention] = []
    domain_candidates: list[Mention] = []
    for m in mentions:
        kinds = m.kinds()
        certs.extend(m.ids("cert"))
        if m.mode == "cert" and "role" not in kinds:
            continue  # words of a certification's name ("nvidia genai LLM associate") name no skill or domain
        if "role" in kinds and _STUDY_SUBJECT.search(low, max(0, m.start - 40), m.start):
            m.targets = {t for t in m.targets if t.kind != "role"}  # "a master's in data science" is a subject
            kinds = m.kinds()
            if not kinds:
                continue
        if "role" in kinds and (m.mode == "cert" or (m.mode == "ask" and _asks_about(low, m, segments))):
            continue  # "what's the difference between an ML engineer and a data scientist?" names no goal
        if kinds == {"role"}:
            if m.mode != "neg":
                role_candidates.append(m)
            continue
        skill_context = (m.mode in {"know", "neg"} or (m.mode == "learn" and re.search(
            r"\b(?:learn|learning|study|studying|pick\s+up|master|practi[cs]e)\s+(?:some\s+|more\s+"
            r"|the\s+basics\s+of\s+)?(?:[\w.+#-]+\s*(?:,|and)\s+){0,2}$",
            low[max(0, m.start - 25) : m.start]))) and "skill" in kinds
        if "role" in kinds and not skill_context:
            if strong_roles:
                if "domain" in kinds:
                    domain_candidates.append(m)
                else:
                    add_skill(m)
            elif "domain" in kinds and (
                (not GOAL_CUE.search(low, max(0, m.start - 60), m.start) and FASCINATION.search(seg_text(m)))
                or re.search(r"\b(?:something|anything|stuff|somewhere)\s+(?:in|with|around|related\s+to)\s+$"
                             r"|\b(?:interested|passionate|curious|excited)\s+(?:in|about|by)\s+$|\bfascinated\s+by\s+$"
                             r"|\b(?:really|very|so|super|totally|big\s+time)\s+into\s+$"
                             r"|\b(?:speciali[sz]\w*|focus\w*)\s+(?:on\s+|in\s+)?$",
                             low[max(0, m.start - 30) : m.start])
            ):
                domain_candidates.append(m)  # "I think computer vision is fascinating": an interest, not a job
            else:
                role_candidates.append(m)
            continue
        if "domain" in kinds and not skill_context:
            if m.mode in {"know", "ask", "cert"} and "skill" not in kinds:
                continue  # "I've built chatbots" is experience, not the specialisation wished for
            workplace = re.search(r"(?:\b(?:at|for|with)|@)\s+(?:an?\s+|the\s+|my\s+)?(?:[\w-]+\s+){0,2}$",
                                  low[max(0, m.start - 30) : m.start])
            if workplace and not GOAL_CUE.search(low, max(0, m.start - 60), m.start):
                continue  # "SWE at a fintech": where the learner works, not the specialisation wished for
            if not m.weak or INTEREST_CUE.search(seg_text(m)):
                domain_candidates.append(m)
            continue
        add_skill(m)

    if role_candidates:
        goal = [m for m in role_candidates if GOAL_CUE.search(low, max(0, m.start - 60), m.start)]
        chosen = (goal or role_candidates)[0]
        facts.target_role = chosen.ids("role")[0]
        if "domain" in chosen.kinds() and not domain_candidates and re.search(
            r"\b(?:work|working|do|doing)\s+(?:in\s+)?$|\blove\s+(?:to\s+)?(?:do\s+|work\s+in\s+)?$"
            r"|\b(?:get|getting|go|going|move|moving|break|breaking)\s+into\s+$",
            low[max(0, chosen.start - 25) : chosen.start],
        ) and not any(
            "domain" in m.kinds() and m is not chosen for m in mentions
        ):
            role = matcher.role_domains.get(facts.target_role, ())
            domain_candidates.extend([chosen] if set(chosen.ids("domain")) & set(role) else [])
        if chosen.fuzzy:
            label = matcher.labels.get(facts.target_role, facts.target_role)
            questions.append(Clarification(field="target_role", value=facts.target_role,
                                           prompt=texts.UNDERSTAND_DID_YOU_MEAN.format(label=label.lower())))
        # A second, different role stays a question: "ML engineer or data scientist?"
        others = [m for m in role_candidates if m.ids("role")[0] != facts.target_role and m is not chosen]
        for other in others[:1]:
            other_id = other.ids("role")[0]
            if "domain" in other.kinds():
                domain_candidates.append(other)
                continue
            label = matcher.labels.get(other_id, other_id)
            questions.append(Clarification(field="target_role", value=other_id,
                                           prompt=texts.UNDERSTAND_DID_YOU_MEAN.format(label=label.lower())))
    else:
        for m in mentions:
            key = " ".join(norm_tokens(m.text))
            if key in WEAK_ROLE and m.mode in {"learn", "neutral"} and WEAK_ROLE[key] in matcher.labels:
                role_id = WEAK_ROLE[key]
                if GOAL_CUE.search(low, max(0, m.start - 60), m.start) or LEARN_CUE.search(low, max(0, m.start - 60),
                                                                                            m.start):
                    label = matcher.labels[role_id]
                    questions.append(Clarification(field="target_role", value=role_id,
                                                   prompt=texts.UNDERSTAND_DID_YOU_MEAN.format(label=label.lower())))
                    break
    if not domain_candidates:
        for m in mentions:
            if "domain" in m.kinds() or m.mode not in {"learn", "neutral"}:
                continue
            if not re.search(r"\b(?:speciali[sz]\w*|focus\w*|work\s+on|working\s+on|interested\s+in|into)\b",
                             low[max(0, m.start - 40) : m.start]) and not (len(low) < 60 and m.mode == "neutral"):
                continue
            tokens = norm_tokens(m.text)
            for n in range(len(tokens) - 1, 0, -1):
                hit = [t.id for t in matcher.phrases.get(tokens[:n], ()) if t.kind == "domain"]
                if hit:
                    facts.domain = hit[0]
                    break
            if facts.domain:
                break
    for m in domain_candidates:
        ids = m.ids("domain")
        if ids:
            facts.domain = ids[0]
            if m.fuzzy:
                label = matcher.labels.get(ids[0], ids[0])
                questions.append(Clarification(field="domain", value=ids[0],
                                               prompt=texts.UNDERSTAND_DID_YOU_MEAN.format(label=label)))
            break
    facts.known_skills = unique(s for s in known if s not in unknown)
    facts.unknown_skills = unique(unknown)
    facts.certifications = unique(certs)
    facts.skill_depth = {k: v for k, v in depth.items() if k in facts.known_skills}
    facts.other_experience = unique(other_tools)


_STUDY_SUBJECT = re.compile(r"\b(?:degree|bachelor'?s?|master'?s?|masters|phd|msc|bsc|ba|ma|major(?:ing)?|minor|diploma"
                            r"|studies|studied|studying|graduated|graduate)\s+(?:\w+\s+)?(?:in|of)\s+$")


def _asks_about(low: str, m: Mention, segments: list[Segment]) -> bool:
    """The role is named inside a wh- or yes/no question that is not "should I become ...?"."""
    if not segments:
        return False
    sentence = segments[m.segment].sentence
    start = min(s.start for s in segments if s.sentence == sentence)
    text = low[start : m.start]
    whole = low[start : segments[m.segment].end + 40]
    return bool(QUESTION_START.match(text)) and not re.search(
        r"\b(?:should|could|can|would)\s+i\s+(?:become|be|go|aim|switch|pick|choose|do)\b|\b(?:realistic|possible|"
        r"feasible|doable|achievable|a\s+good\s+(?:fit|idea|choice)|right\s+for\s+me)\b", whole
    )


_ROLE_NEG = re.compile(r"\b(?:not|n't|never|no\s+longer|anything\s+but|rather\s+than|instead\s+of|than|nor|neither|no)"
                       r"((?:\s+[a-z']+){0,6})\s*$")
_ROLE_NEG_FILLER = frozenset({"want", "wanna", "to", "be", "become", "a", "an", "the", "going", "interested", "in",
                              "like", "looking", "for", "being", "do", "really", "at", "all", "into", "as", "i", "just",
                              "another", "generic", "plain", "some", "typical", "aiming", "aim", "more", "of", "work",
                              "working", "end", "up", "wish", "planning", "keen", "on", "necessarily", "so", "much",
                              "person", "role", "pure", "purely", "classic", "job"})


def _role_negated(low: str, m: Mention) -> bool:
    """The role is named to be ruled out: "I do NOT want to be a data scientist", "not ML engineer"."""
    window = low[max(0, m.start - 60) : m.start]
    window = re.split(r"[.;!?,]|(?<!anything )\bbut\b", window)[-1]
    neg = _ROLE_NEG.search(window)
    if neg is None:
        return False
    words = neg.group(1).split()
    others = [w for w in words if w not in _ROLE_NEG_FILLER]
    # "not interested in research or data analysis": a list of things ruled out
    return not others or (len(others) <= 2 and any(w in {"or", "nor", "and"} for w in words))
