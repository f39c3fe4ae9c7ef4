"""Roles, domains, skills and tools: what each mention names once its mode is known."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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


_WORKS_WITH = re.compile(r"(?:^|[a-z]\s+)(?:w/|with|using)\s*(?:[\w.+#/-]+\s*(?:,|and|&|\+|/)\s*){0,3}$")


def _used_tool(low: str, m: Mention) -> bool:
    """A tool named without a cue is one used, unless its sentence asks, wishes or speaks of others or of the tool."""
    if _WORKS_WITH.search(low, max(0, m.start - 40), m.start):
        return True  # "mechanical engineer w/ matlab", "analyst using SAS and excel": tools of the work
    end = SENTENCE_STOP.search(low, m.end)
    rest = low[m.end : end.end() if end else len(low)]
    return not (
        re.search(r"\ban?\s+$", low[max(0, m.start - 3) : m.start])  # "I'm an illustrator": a job
        or _TOOL_NOT_USED_AFTER.match(rest)
        or "?" in rest
        or LEARN_CUE.search(rest)
    )


@dataclass
class _Sorting:
    """What the mentions of one message were sorted into, with the context the sorting reads."""

    low: str
    segments: list[Segment]
    strong_roles: bool = False  # a mention that can only be a role, neither negated nor a certificate's words
    sentence_has_skill: set[int] = field(default_factory=set)
    known: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    certs: list[str] = field(default_factory=list)
    depth: dict[str, str] = field(default_factory=dict)
    other_tools: list[str] = field(default_factory=list)
    roles: list[Mention] = field(default_factory=list)
    domains: list[Mention] = field(default_factory=list)

    def seg_text(self, m: Mention) -> str:
        """The clause of a mention (the whole text when it has no clauses)."""
        if not self.segments:
            return self.low
        seg = self.segments[m.segment]
        return self.low[seg.start : seg.end]

    def add_skill(self, m: Mention) -> None:
        """A skill mention: known (with its depth) or negated; a common word only where skills are the subject."""
        ids = m.ids("skill")
        if not ids:
            return
        low, segments = self.low, self.segments
        if m.weak and re.search(r"\b(?:my|our|his|her|their|all\s+my)\s+$", low[max(0, m.start - 12) : m.start]):
            return  # "all my papers" are things, not a skill
        if m.weak and m.mode == "list":
            return
        if m.weak and m.mode not in {"know", "neg"} and (
            not segments or segments[m.segment].sentence not in self.sentence_has_skill
        ):
            return
        if m.mode == "neg":
            self.unknown.extend(ids)
        elif m.mode in {"know", "list"}:
            self.known.extend(ids)
            if m.depth:
                for skill_id in ids:
                    self.depth[skill_id] = m.depth


def resolve_entities(
    facts: Facts,
    mentions: list[Mention],
    low: str,
    segments: list[Segment],
    matcher: Matcher,
    questions: list[Clarification],
) -> None:
    """Decide, for each mention, whether it is the target role, the domain, a skill or a certification."""
    for m in mentions:
        if "role" in m.kinds() and _role_negated(low, m):
            m.targets = {t for t in m.targets if t.kind != "role"}
    mentions = [m for m in mentions if m.targets]
    sorting = _Sorting(low, segments)
    for m in mentions:
        # A tool outside the catalog is named by someone who used it ("php and wordpress for 8 years"), unless the
        # words wish for it, ask about it or deny it.
        if m.kinds() == {"other"} and (m.mode in {"know", "list"} or (m.mode == "neutral" and _used_tool(low, m))):
            sorting.other_tools.append(m.ids("other")[0])
    mentions = [m for m in mentions if m.kinds() != {"other"}]
    _drop_studied_roles(low, mentions)
    mentions = [m for m in mentions if m.targets]
    sorting.strong_roles = any(m.kinds() == {"role"} and m.mode not in {"neg", "cert"} for m in mentions)
    sorting.sentence_has_skill = {
        segments[m.segment].sentence
        for m in mentions
        if not m.weak and "skill" in m.kinds() and segments
    }
    for m in mentions:
        _sort(sorting, m)
    if sorting.roles:
        _choose_role(facts, sorting, mentions, matcher, questions)
    elif (built := _role_built(low)) is not None and built in matcher.labels:
        facts.target_role = built  # "want to build LLM products": the role that builds them
    else:
        _ask_weak_role(mentions, low, matcher, questions)
    if not sorting.domains:
        _domain_in_phrase(facts, mentions, low, matcher)
    _choose_domain(facts, sorting.domains, matcher, questions)
    facts.known_skills = unique(s for s in sorting.known if s not in sorting.unknown)
    facts.unknown_skills = unique(sorting.unknown)
    facts.certifications = unique(sorting.certs)
    facts.skill_depth = {k: v for k, v in sorting.depth.items() if k in facts.known_skills}
    facts.other_experience = unique(sorting.other_tools)


def _sort(sorting: _Sorting, m: Mention) -> None:
    """Put one mention among the role candidates, the domain candidates, the skills or nowhere."""
    low = sorting.low
    kinds = m.kinds()
    sorting.certs.extend(m.ids("cert"))
    if m.mode == "cert" and "role" not in kinds:
        return  # words of a certification's name ("nvidia genai LLM associate") name no skill or domain
    if "role" in kinds and _STUDY_SUBJECT.search(low, max(0, m.start - 40), m.start):
        m.targets = {t for t in m.targets if t.kind != "role"}  # "a master's in data science" is a subject
        kinds = m.kinds()
        if not kinds:
            return
    if "role" in kinds and (m.mode == "cert" or (m.mode == "ask" and _asks_about(low, m, sorting.segments))):
        return  # "what's the difference between an ML engineer and a data scientist?" names no goal
    if kinds == {"role"}:
        if m.mode != "neg":
            sorting.roles.append(m)
        return
    skill_context = (m.mode in {"know", "neg"} or (m.mode == "learn" and re.search(
        r"\b(?:learn|learning|study|studying|pick\s+up|master|practi[cs]e)\s+(?:some\s+|more\s+"
        r"|the\s+basics\s+of\s+)?(?:[\w.+#-]+\s*(?:,|and)\s+){0,2}$",
        low[max(0, m.start - 25) : m.start]))) and "skill" in kinds
    if "role" in kinds and not skill_context:
        _sort_role_phrase(sorting, m, kinds)
    elif "domain" in kinds and not skill_context:
        _sort_domain_phrase(sorting, m, kinds)
    else:
        sorting.add_skill(m)


def _sort_role_phrase(sorting: _Sorting, m: Mention, kinds: set[str]) -> None:
    """A phrase that may name a role and something else ("NLP", "computer vision"), said outside skill talk."""
    low = sorting.low
    if sorting.strong_roles:
        if "domain" in kinds:
            sorting.domains.append(m)
        else:
            sorting.add_skill(m)
    elif "domain" in kinds and (
        (not GOAL_CUE.search(low, max(0, m.start - 60), m.start) and FASCINATION.search(sorting.seg_text(m)))
        or re.search(r"\b(?:something|anything|stuff|somewhere)\s+(?:in|with|around|related\s+to)\s+$"
                     r"|\b(?:interested|passionate|curious|excited)\s+(?:in|about|by)\s+$|\bfascinated\s+by\s+$"
                     r"|\b(?:interest|passion)\s+(?:in|for|about|on)\s+$"
                     r"|\b(?:really|very|so|super|totally|big\s+time)\s+into\s+$"
                     r"|\b(?:speciali[sz]\w*|focus\w*)\s+(?:on\s+|in\s+)?$",
                     low[max(0, m.start - 30) : m.start])
    ):
        sorting.domains.append(m)  # "I think computer vision is fascinating": an interest, not a job
    else:
        sorting.roles.append(m)


def _sort_domain_phrase(sorting: _Sorting, m: Mention, kinds: set[str]) -> None:
    """A phrase that may name a domain (and no role), said outside skill talk."""
    low = sorting.low
    if m.mode in {"know", "ask", "cert"} and "skill" not in kinds:
        return  # "I've built chatbots" is experience, not the specialisation wished for
    workplace = re.search(r"(?:\b(?:at|for|with)|@)\s+(?:an?\s+|the\s+|my\s+)?(?:[\w-]+\s+){0,2}$",
                          low[max(0, m.start - 30) : m.start])
    if workplace and not GOAL_CUE.search(low, max(0, m.start - 60), m.start):
        return  # "SWE at a fintech": where the learner works, not the specialisation wished for
    if not m.weak or INTEREST_CUE.search(sorting.seg_text(m)):
        sorting.domains.append(m)


def _did_you_mean(field: str, value: str, label: str) -> Clarification:
    """The question that confirms a guess ("Did you mean computer vision engineer?")."""
    return Clarification(field=field, value=value, prompt=texts.UNDERSTAND_DID_YOU_MEAN.format(label=label))


def _choose_role(facts: Facts, sorting: _Sorting, mentions: list[Mention], matcher: Matcher,
                 questions: list[Clarification]) -> None:
    """The goal among the role candidates (one said as a goal first); a guessed or second role is asked back."""
    low, domain_candidates = sorting.low, sorting.domains
    goal = [m for m in sorting.roles if GOAL_CUE.search(low, max(0, m.start - 60), m.start)]
    chosen = (goal or sorting.roles)[0]
    facts.target_role = chosen.ids("role")[0]
    if _RESEARCH_AFTER.match(low, chosen.end) and "ml-researcher" in matcher.labels:
        facts.target_role = "ml-researcher"  # "do NLP research": the field is the domain, research the work
        if chosen.ids("domain") and not domain_candidates:
            domain_candidates.append(chosen)
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
        questions.append(_did_you_mean("target_role", facts.target_role, label.lower()))
    # A second, different role stays a question: "ML engineer or data scientist?"
    others = [m for m in sorting.roles if m.ids("role")[0] != facts.target_role and m is not chosen]
    for other in others[:1]:
        other_id = other.ids("role")[0]
        if "domain" in other.kinds():
            domain_candidates.append(other)
            continue
        label = matcher.labels.get(other_id, other_id)
        questions.append(_did_you_mean("target_role", other_id, label.lower()))


def _ask_weak_role(mentions: list[Mention], low: str, matcher: Matcher, questions: list[Clarification]) -> None:
    """No role named, but a goal in the field's name only ("get into ML"): asked back, never assumed."""
    for m in mentions:
        key = " ".join(norm_tokens(m.text))
        if key in WEAK_ROLE and m.mode in {"learn", "neutral"} and WEAK_ROLE[key] in matcher.labels:
            role_id = WEAK_ROLE[key]
            if GOAL_CUE.search(low, max(0, m.start - 60), m.start) or LEARN_CUE.search(low, max(0, m.start - 60),
                                                                                        m.start):
                label = matcher.labels[role_id]
                questions.append(_did_you_mean("target_role", role_id, label.lower()))
                break


def _domain_in_phrase(facts: Facts, mentions: list[Mention], low: str, matcher: Matcher) -> None:
    """No domain candidate: a domain that opens a longer phrase of interest ("NLP research" -> NLP)."""
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


def _choose_domain(facts: Facts, domain_candidates: list[Mention], matcher: Matcher,
                   questions: list[Clarification]) -> None:
    """The first domain candidate is the domain; a guessed one is asked back."""
    for m in domain_candidates:
        ids = m.ids("domain")
        if ids:
            facts.domain = ids[0]
            if m.fuzzy:
                label = matcher.labels.get(ids[0], ids[0])
                questions.append(_did_you_mean("domain", ids[0], label))
            break


# A field named as what a course, degree or bootcamp was about: "bootcamp grad (data science)", "data science
# bootcamp", "a course on NLP", "stats major", "MSc data science".
_STUDIED_BEFORE = re.compile(r"\b(?:bootcamps?|courses?|degree|diploma|certificate|program(?:me)?|major(?:ed)?|minor"
                             r"|grad(?:uate)?|bsc|msc|ba|ma|ms|bs|phd|masters?|master'?s|bachelor'?s?|studied|majoring"
                             r"|nanodegree|specialization|specialisation)\s*(?:in\s+|of\s+|on\s+|:\s*|-\s*|\(\s*)?$")
_STUDIED_AFTER = re.compile(r"\s*\)?\s*(?:bootcamps?|courses?|degree|diploma|major|minor|grad(?:uate)?|nanodegree"
                            r"|masters?|master'?s|bachelor'?s?|msc|bsc|phd|certificate|program(?:me)?)\b")
# "thinking of a data science bootcamp": a course wished for, whose field may well be the goal
_WISHED_STUDY = re.compile(r"\b(?:want|wanna|plan\w*|thinking|considering|should\s+i|take|taking|do\s+a|doing\s+a"
                           r"|enrol\w*|enroll\w*|join|apply\w*|sign\w*\s+up)\b[^.;,]{0,25}$")


def _drop_studied_roles(low: str, mentions: list[Mention]) -> None:
    """A role's field named as the subject of a past course is background when a goal names another field."""
    studied = [m for m in mentions if "role" in m.kinds() and (
        _STUDIED_BEFORE.search(low, max(0, m.start - 30), m.start) or _STUDIED_AFTER.match(low, m.end))
        and not _WISHED_STUDY.search(low, max(0, m.start - 45), m.start)]
    for m in studied:
        goal_elsewhere = any(
            other is not m and other.ids("role") != m.ids("role") and other.kinds() & {"role", "domain"}
            and other not in studied and GOAL_CUE.search(low, max(0, other.start - 60), other.start)
            for other in mentions
        ) or _role_built(low) is not None
        if goal_elsewhere:
            m.targets = {t for t in m.targets if t.kind != "role"}


# "want to build LLM products", "build RAG apps", "ship AI agents": the AI engineer's work; "deploy ML models in
# production", "build ML models in production": the ML engineer's.
_BUILD = r"\b(?:build|building|make|making|ship|shipping|create|creating|develop|developing|work\s+on|working\s+on)\s+"
_BUILD_AI = re.compile(_BUILD + r"(?:\w+\s+){0,2}?(?:llms?|gen\s*ai|generative\s+ai|ai|rag|gpt|chatgpt|agentic|chatbot"
                       r"|llm[- ]powered|ai[- ]powered|llm[- ]based|ai[- ]based)(?:\s*[-/]\s*(?:based|powered))?\s+"
                       r"(?:products?|apps?|applications?|tools?|features?|systems?|agents?|services?|solutions?"
                       r"|assistants?|chatbots?|copilots?|startups?|stuff|things|pipelines?)\b"
                       r"|\b(?:build|building|make|making|ship|shipping|create|creating|develop|developing)\s+"
                       r"(?:\w+\s+){0,1}?chatbots?\b"
                       r"|" + _BUILD + r"(?:\w+\s+){0,1}?(?:ai\s+agents|agents\s+(?:with|on|using)\s+llms?"
                       r"|llm\s+agents|rag\s+(?:systems?|pipelines?)|chatbots\s+(?:with|on|using)\s+llms?)\b")
_BUILD_ML = re.compile(r"\b(?:build\w*|deploy\w*|ship\w*|put\w*|get\w*|run\w*|productioni[sz]\w*|serv\w*)\s+"
                       r"(?:\w+\s+){0,2}?(?:ml|machine\s+learning)\s+models?\s+(?:in|into|to)\s+production\b"
                       r"|\bproductioni[sz]\w*\s+(?:\w+\s+){0,2}?(?:ml|machine\s+learning)\s+models?\b")


# "move into deep learning research", "do NLP research": research in an ML field is the researcher's work.
_RESEARCH = re.compile(r"\b(?:ml|ai|machine\s+learning|deep\s+learning|dl|nlp|computer\s+vision|cv|rl|reinforcement"
                       r"\s+learning|llm|generative\s+ai|ml\s+theory)\s+research\b(?!\s*(?:engineer|engineering|"
                       r"scientist|assistant))")


_RESEARCH_AFTER = re.compile(r"\s+research\b(?!\s*(?:engineer|engineering|scientist|assistant|analyst))")


def _role_built(low: str) -> str | None:
    """The role a wish to build things names ("want to build LLM products" -> ai-engineer), or None."""
    for pattern, role in ((_BUILD_AI, "ai-engineer"), (_BUILD_ML, "ml-engineer"), (_RESEARCH, "ml-researcher")):
        for m in list(pattern.finditer(low))[:5]:
            if GOAL_CUE.search(low, max(0, m.start() - 40), m.start() + 1) and not re.search(
                    r"\b(?:not|never|don'?t|no)\b[^.;,]{0,20}$", low[max(0, m.start() - 30) : m.start()]):
                return role
    return None


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
