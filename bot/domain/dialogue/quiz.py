"""The not-sure quiz that suggests a role."""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot import texts
from bot.domain.catalog import Catalog
from bot.domain.dialogue.answers import _SKIP, _refusal
from bot.domain.dialogue.model import Option
from bot.domain.dialogue.turn import NEXT, Step, _first_sentence, _set_role, _short, _Turn
from bot.domain.understanding import (
    named_ids,
)

# Which role each quiz answer points to, and how strongly; roles missing from the catalog are ignored.
QUIZ_SCORES: dict[str, dict[str, int]] = {
    "quiz1:products": {"ai-engineer": 3, "ml-engineer": 2},
    "quiz1:data": {"data-scientist": 3, "data-analyst": 2},
    "quiz1:research": {"ml-researcher": 3, "deep-learning-engineer": 1},
    "quiz1:language": {"nlp-engineer": 3, "ai-engineer": 1},
    "quiz1:images": {"cv-engineer": 3, "deep-learning-engineer": 1},
    "quiz1:infra": {"mlops-engineer": 3, "data-engineer": 2},
    "quiz2:coding": {"ml-engineer": 2, "mlops-engineer": 1, "ai-engineer": 1, "data-engineer": 1},
    "quiz2:maths": {"ml-researcher": 2, "data-scientist": 2, "deep-learning-engineer": 1},
    "quiz2:both": {"ml-engineer": 1, "data-scientist": 1, "deep-learning-engineer": 1},
    "quiz3:ship": {"ml-engineer": 2, "ai-engineer": 2},
    "quiz3:story": {"data-analyst": 2, "data-scientist": 2},
    "quiz3:paper": {"ml-researcher": 2, "deep-learning-engineer": 2},
    "quiz3:ops": {"mlops-engineer": 2, "data-engineer": 2},
}


def _quiz_step(name: str, question: str) -> Step:
    """One quiz question; its answers are scored by QUIZ_SCORES."""
    following = {"quiz1": "quiz2", "quiz2": "quiz3", "quiz3": "quiz"}[name]

    def options(turn: _Turn) -> list[Option]:
        return [Option(label=label, value=f"{name}:{key}") for key, label in texts.QUIZ_OPTIONS[name].items()]

    def choose(turn: _Turn, arg: str) -> str | None:
        if arg == "skip":  # "idk" to a quiz question: it scores nothing
            turn.state.quiz.pop(name, None)
        elif arg not in texts.QUIZ_OPTIONS[name]:
            return None
        else:
            turn.state.quiz[name] = arg
        if following == "quiz" and not turn.state.quiz:
            # Nothing to suggest from: the first catalog role would be a guess dressed up as a result.
            turn.say(texts.QUIZ_NOTHING_PICKED)
            return "role"
        return following

    def parse(turn: _Turn, text: str) -> str | None:
        # A learner who names a role after all gets it, without a "did you mean" detour.
        roles = [r for r in named_ids(text, turn.catalog, "role") if r in turn.catalog.role_by_id]
        if len(roles) == 1:
            return _short("role", roles[0])
        if _SKIP.fullmatch(text) or _refusal(text):
            return f"{name}:skip"  # "no idea" is no vote for the "idea" answer, "neither" none at all
        key = _quiz_answer(name, text)
        return f"{name}:{key}" if key else None

    return Step(name=name, question=lambda turn: question, options=options, buttons={name: choose}, parse=parse)


_QUIZ_WORDS: dict[str, tuple[str, ...]] = {
    "products": ("product", "build", "app", "feature", "users"),
    "data": ("data", "analys", "analyz", "dashboard", "numbers", "insight"),
    "research": ("research", "paper", "science", "theory"),
    "language": ("language", "text", "nlp", "words", "chatbot", "llm"),
    "images": ("image", "video", "vision", "picture", "photo", "camera"),
    "infra": ("infra", "devops", "cloud", "server", "pipeline", "system", "ops"),
    "coding": ("cod", "program", "software", "develop"),
    "maths": ("math", "stat", "proof", "equation"),
    "both": ("both", "equal", "either", "mix"),
    "ship": ("ship", "feature", "users", "launch", "product"),
    "story": ("story", "dataset", "insight", "analys"),
    "paper": ("paper", "idea", "research", "experiment"),
    "ops": ("running", "systems", "ops", "reliab", "smooth", "infra"),
}


def _quiz_answer(name: str, text: str) -> str | None:
    """The quiz option a typed answer means ("coding mostly" -> coding), when exactly one fits."""
    words = re.findall(r"[a-z]+", text.lower())
    if not words:
        return None
    hits = [
        key
        for key in texts.QUIZ_OPTIONS[name]
        if any(w.startswith(stem) for w in words for stem in _QUIZ_WORDS.get(key, ()))
        or text.strip().lower() in texts.QUIZ_OPTIONS[name][key].lower()
    ]
    return hits[0] if len(hits) == 1 else None


def suggest_role(answers: Mapping[str, str], catalog: Catalog) -> str | None:
    """The catalog role the quiz answers point to most; ties go to the catalog's order."""
    if not catalog.roles:
        return None
    scores = {r.id: 0 for r in catalog.roles}
    for question, answer in answers.items():
        for role_id, points in QUIZ_SCORES.get(f"{question}:{answer}", {}).items():
            if role_id in scores:
                scores[role_id] += points
    return max(scores, key=lambda role_id: scores[role_id])


def _quiz_result_question(turn: _Turn) -> str:
    role = turn.catalog.role_by_id.get(suggest_role(turn.state.quiz, turn.catalog) or "")
    if role is None:
        return texts.Q_ROLE
    return texts.Q_QUIZ_RESULT.format(role=role.name, summary=_first_sentence(role.summary))


def _choose_quiz_result(turn: _Turn, arg: str) -> str | None:
    if arg == "pick":
        return "role"
    suggestion = suggest_role(turn.state.quiz, turn.catalog)
    if arg != "accept" or suggestion is None:
        return None
    _set_role(turn, suggestion)
    return NEXT
