"""Quiz questions (issue 18): every validation rule on a small broken literal catalog, and the shipped file.

The shipped content/quizzes.yaml must hold at least 5 questions for each of the 40 skills that roadmaps use
most, 250 or more in all, each within Telegram's quiz-poll limits. The top 40 is computed here the way the
content was written: roadmaps for every role x (no domain + each of its domains) x six backgrounds, counting
in how many roadmaps each skill appears. Run with `-s` to read the counts by skill and depth.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.domain.admin import parse_form, section_for
from bot.domain.catalog import (
    QUIZ_EXPLANATION_MAX,
    QUIZ_OPTION_MAX,
    QUIZ_QUESTION_MAX,
    Catalog,
    CatalogError,
    CatalogIssue,
    Depth,
    QuizQuestion,
    QuizStatus,
    telegram_length,
)
from bot.domain.planner import plan
from bot.domain.profile import Education, LearnerProfile

CONTENT = Path(__file__).resolve().parents[2] / "content"
MIN_PER_SKILL = 5
MIN_TOTAL = 250
TOP_N = 40
TODAY = date(2026, 12, 1)

# The 40 most used skills (plus the two tied with the 40th at 60 roadmaps), as computed on 2026-12-01 by
# `top_skills` below over 306 roadmaps. The live computation is checked too, so a planner or catalog change
# that moves a new skill into the top 40 asks for questions about it.
TOP_SKILLS = (
    "model-evaluation", "ml-fundamentals", "neural-networks", "calculus", "supervised-learning",
    "communication", "linear-algebra", "pytorch", "transformers", "llms", "probability", "data-cleaning",
    "statistics", "git", "feature-engineering", "cnns", "linux-shell", "sequence-models", "business-acumen",
    "experiment-tracking", "model-serving", "unsupervised-learning", "ab-testing", "docker", "cloud-platforms",
    "rest-apis", "optimization", "nlp-fundamentals", "prompt-engineering", "sql", "software-engineering",
    "testing", "scikit-learn", "data-pipelines", "databases", "generative-models", "pandas", "numpy",
    "ml-pipelines", "system-design", "rag", "vector-databases",
)

# Starting points for the top-40 count: from no skills to a neighbouring data or engineering job.
BACKGROUNDS: dict[str, dict[str, Any]] = {
    "beginner": {"education": Education.high_school, "known_skills": []},
    "student": {"education": Education.bachelor, "known_skills": ["python"]},
    "software-engineer": {
        "education": Education.bachelor, "years_experience": 4, "current_role": "software engineer",
        "known_skills": ["python", "git", "linux-shell", "sql", "software-engineering", "testing", "rest-apis",
                         "docker", "data-structures-algorithms"],
    },
    "analyst": {
        "education": Education.bachelor, "years_experience": 3, "current_role": "data analyst",
        "known_skills": ["sql", "spreadsheets-bi", "statistics", "probability", "data-visualization", "python",
                         "pandas"],
    },
    "data-scientist": {
        "education": Education.master, "years_experience": 3, "current_role": "data scientist",
        "known_skills": ["python", "sql", "statistics", "probability", "linear-algebra", "numpy", "pandas",
                         "ml-fundamentals", "supervised-learning", "scikit-learn"],
    },
    "phd-physics": {
        "education": Education.phd,
        "known_skills": ["python", "linear-algebra", "calculus", "probability", "statistics", "optimization"],
    },
}


def skill_usage(catalog: Catalog) -> tuple[Counter[str], int]:
    """In how many roadmaps each skill appears (stage skills), over every role, domain and background."""
    usage: Counter[str] = Counter()
    roadmaps = 0
    for role in catalog.roles:
        for domain in [None, *role.domains]:
            for background in BACKGROUNDS.values():
                profile = LearnerProfile(target_role=role.id, domain=domain, hours_per_week=10,
                                         budget_known=True, **background)
                roadmap = plan(profile, catalog, TODAY)
                usage.update({s.id for stage in roadmap.stages for s in stage.skills})
                roadmaps += 1
    return usage, roadmaps


def top_skills(usage: Counter[str], n: int = TOP_N) -> list[str]:
    """The n most used skills, plus any tied with the n-th (ties broken by id, so the list is stable)."""
    ranked = sorted(usage.items(), key=lambda kv: (-kv[1], kv[0]))
    if len(ranked) <= n:
        return [skill for skill, _ in ranked]
    cutoff = ranked[n - 1][1]
    return [skill for skill, count in ranked if count >= cutoff]


# ---------------------------------------------------------------- a small literal catalog
def question(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "quiz-python-1",
        "skill": "python",
        "depth": "basic",
        "question": "Which built-in type is immutable?",
        "options": ["tuple", "list", "dict"],
        "correct": 0,
        "explanation": "Tuples cannot change after creation.",
    }
    base.update(overrides)
    return base


def documents(*questions: dict[str, Any]) -> dict[str, Any]:
    """One skill, one course teaching it, one role needing it, and the given questions."""
    return {
        "skills.yaml": {"skills": [{"id": "python", "name": "Python", "category": "programming", "hours": 40,
                                    "why": "The language of ML."}]},
        "courses.yaml": {"courses": [{"id": "py-course", "title": "Python", "provider": "Uni",
                                      "url": "https://example.org/py", "teaches": {"python": "working"},
                                      "cost_model": "free", "hours": 30, "level": "beginner",
                                      "source": "https://example.org/py"}]},
        "roles.yaml": {"roles": [{"id": "dev", "name": "Developer", "summary": "Writes code.",
                                  "duties": ["Code"], "required_skills": [{"skill": "python"}]}]},
        "quizzes.yaml": {"quizzes": list(questions) or [question()]},
    }


def issues_of(docs: dict[str, Any]) -> list[CatalogIssue]:
    with pytest.raises(CatalogError) as info:
        Catalog.from_documents(docs)
    return info.value.issues


def find(issues: list[CatalogIssue], entry: str, field: str, file: str = "quizzes.yaml") -> CatalogIssue:
    for issue in issues:
        if (issue.file, issue.entry, issue.field) == (file, entry, field):
            return issue
    raise AssertionError(f"no issue {file}: {entry}: {field} in:\n" + "\n".join(map(str, issues)))


def test_a_valid_question_loads_and_round_trips() -> None:
    catalog = Catalog.from_documents(documents())
    q = catalog.quizzes[0]
    assert isinstance(q, QuizQuestion) and q.answer == "tuple" and q.status is QuizStatus.active
    assert catalog.counts()["quizzes"] == 1 and catalog.get("quiz-python-1") is q
    again = Catalog.from_documents(catalog.to_documents())
    assert again.quizzes == catalog.quizzes
    assert "quizzes.yaml" in catalog.to_documents()


def test_unknown_skill() -> None:
    issue = find(issues_of(documents(question(skill="pyhton"))), "quiz-python-1", "skill")
    assert "unknown skill 'pyhton'" in issue.message


@pytest.mark.parametrize("correct", [-1, 3, 7])
def test_correct_index_out_of_range(correct: int) -> None:
    issue = find(issues_of(documents(question(correct=correct))), "quiz-python-1", "correct")
    assert "0 to 2" in issue.message and f"got {correct}" in issue.message


def test_question_over_telegrams_limit() -> None:
    at_limit = question(question="x" * (QUIZ_QUESTION_MAX - 1) + "?")
    Catalog.from_documents(documents(at_limit))
    issue = find(issues_of(documents(question(question="x" * QUIZ_QUESTION_MAX + "?"))), "quiz-python-1",
                 "question")
    assert "301 characters" in issue.message and "Telegram allows 300" in issue.message


def test_length_counts_utf16_units_like_telegram() -> None:
    # An emoji is one Python character but two UTF-16 units, which is how Telegram counts.
    text = "x" * (QUIZ_QUESTION_MAX - 1) + "\N{ROCKET}"
    assert len(text) == QUIZ_QUESTION_MAX and telegram_length(text) == QUIZ_QUESTION_MAX + 1
    find(issues_of(documents(question(question=text))), "quiz-python-1", "question")


def test_option_over_telegrams_limit_names_the_option() -> None:
    long = "y" * (QUIZ_OPTION_MAX + 1)
    issue = find(issues_of(documents(question(options=["tuple", long, "dict"]))), "quiz-python-1", "options.1")
    assert "Telegram allows 100" in issue.message


def test_explanation_over_telegrams_limit() -> None:
    issue = find(issues_of(documents(question(explanation="z" * (QUIZ_EXPLANATION_MAX + 1)))), "quiz-python-1",
                 "explanation")
    assert "Telegram allows 200" in issue.message


def test_explanation_line_feeds() -> None:
    issue = find(issues_of(documents(question(explanation="a\nb\nc\nd"))), "quiz-python-1", "explanation")
    assert "line feeds" in issue.message


@pytest.mark.parametrize("options", [["tuple"], ["tuple", "list", "dict", "set", "str"], []])
def test_two_to_four_options(options: list[str]) -> None:
    issue = find(issues_of(documents(question(options=options, correct=0))), "quiz-python-1", "options")
    assert f"got {len(options)}" in issue.message


@pytest.mark.parametrize("duplicate", ["tuple", "Tuple", " TUPLE  ", "TUPLE"])
def test_duplicate_options_case_insensitive(duplicate: str) -> None:
    issue = find(issues_of(documents(question(options=["tuple", "list", duplicate]))), "quiz-python-1",
                 "options.2")
    assert "repeats option 0" in issue.message


def test_blank_option_and_blank_texts() -> None:
    issues = issues_of(documents(question(options=["tuple", "  "], question="   ", explanation=" ")))
    assert "blank" in find(issues, "quiz-python-1", "options.1").message
    assert "blank" in find(issues, "quiz-python-1", "question").message
    assert "blank" in find(issues, "quiz-python-1", "explanation").message


def test_unique_ids_among_questions_and_across_kinds() -> None:
    issues = issues_of(documents(question(), question(question="Another?")))
    assert "duplicate id" in find(issues, "quiz-python-1", "id").message
    clash = issues_of(documents(question(id="python")))
    assert "duplicate id (already used in skills)" in find(clash, "python", "id").message


def test_retirement_needs_a_date_and_active_cannot_have_one() -> None:
    issues = issues_of(documents(question(status="retired")))
    assert "needs the date" in find(issues, "quiz-python-1", "retired_on").message
    issues = issues_of(documents(question(retired_on="2026-11-30")))
    assert "cannot have a retirement date" in find(issues, "quiz-python-1", "retired_on").message
    issues = issues_of(documents(question(status="replaced", retired_on="2026-11-30")))
    find(issues, "quiz-python-1", "status")


def test_source_must_be_https() -> None:
    issue = find(issues_of(documents(question(source="http://example.org"))), "quiz-python-1", "source")
    assert "https://" in issue.message


def test_field_errors_from_the_model_name_the_entry() -> None:
    bad = question(depth="expert")
    del bad["correct"]
    issues = issues_of(documents(bad))
    find(issues, "quiz-python-1", "depth")
    find(issues, "quiz-python-1", "correct")
    issues = issues_of(documents(question(hint="no such field")))
    find(issues, "quiz-python-1", "hint")


def test_all_errors_are_collected_at_once() -> None:
    issues = issues_of(documents(
        question(id="quiz-a", skill="nope"),
        question(id="quiz-b", correct=9),
        question(id="quiz-c", options=["same", "SAME"]),
        question(id="quiz-d", explanation="e" * 300),
    ))
    assert {(i.entry, i.field.split(".")[0]) for i in issues} >= {
        ("quiz-a", "skill"), ("quiz-b", "correct"), ("quiz-c", "options"), ("quiz-d", "explanation")}
    assert all(i.file == "quizzes.yaml" for i in issues)


def test_questions_for_filters_by_depth_and_skips_retired() -> None:
    catalog = Catalog.from_documents(documents(
        question(id="quiz-a"),
        question(id="quiz-b", depth="working"),
        question(id="quiz-c", depth="working", status="retired", retired_on="2026-11-30"),
    ))
    assert [q.id for q in catalog.questions_for("python")] == ["quiz-a", "quiz-b"]
    assert [q.id for q in catalog.questions_for("python", Depth.working)] == ["quiz-b"]
    assert [q.id for q in catalog.questions_for("python", "basic")] == ["quiz-a"]
    assert catalog.questions_for("sql") == []
    assert len(catalog.quizzes) == 3  # retired ones stay in the catalog (and in learners' history)


def test_admin_kind_and_one_line_form() -> None:
    assert section_for("quiz") == "quizzes" and section_for("quizzes") == "quizzes"
    updates = parse_form("quizzes", "options='a, with comma;b;c' correct=2 depth=deep", "quiz-python-1")
    assert updates["options"] == ["a, with comma", "b", "c"] and updates["correct"] == 2
    assert updates["depth"] is Depth.deep


def test_admin_add_edit_retire_undo_a_question() -> None:
    from datetime import UTC, datetime

    from bot.services.catalog_admin import CatalogAdminService
    from bot.storage.db import open_database

    base = Catalog.from_documents(documents())
    service = CatalogAdminService(open_database(None), base, lambda: datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    added = service.add("quiz", "id=quiz-python-2 skill=python depth=working question='What does len([1, 2]) "
                                "return?' options='2;1;3' correct=0 explanation='It counts the two items.'",
                        "telegram:1")
    assert added.ok, added.problems
    bad = service.edit("quiz-python-2", "correct=5", "telegram:1")
    assert not bad.ok and any(p.field == "correct" for p in bad.problems)
    assert service.edit("quiz-python-2", "options='2;one;three'", "telegram:1").ok
    # A question has no replacement: /retire with one is refused, naming the field; without one it retires.
    refused = service.retire("quiz-python-2", "quiz-python-1", actor="telegram:1")
    assert not refused.ok and refused.problems
    retired = service.retire("quiz-python-2", actor="telegram:1")
    assert retired.ok, retired.problems
    q = service.effective().get("quiz-python-2")
    assert isinstance(q, QuizQuestion) and q.status is QuizStatus.retired and q.retired_on == date(2026, 12, 1)
    assert [x.id for x in service.effective().questions_for("python")] == ["quiz-python-1"]
    assert service.undo(actor="telegram:1").ok
    assert [x.id for x in service.effective().questions_for("python")] == ["quiz-python-1", "quiz-python-2"]


# ---------------------------------------------------------------- the shipped file
@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load(CONTENT)


def test_shipped_counts_by_skill_and_depth(catalog: Catalog) -> None:
    active = [q for q in catalog.quizzes if q.status is QuizStatus.active]
    by_skill = Counter(q.skill for q in active)
    by_depth = Counter((q.skill, q.depth) for q in active)
    print(f"\n{len(active)} active questions over {len(by_skill)} skills")
    print(f"{'skill':28} {'all':>4} {'basic':>6} {'working':>8} {'deep':>5}")
    for skill in sorted(by_skill, key=lambda s: (-by_skill[s], s)):
        row = [by_depth[(skill, d)] for d in Depth]
        print(f"{skill:28} {by_skill[skill]:>4} {row[0]:>6} {row[1]:>8} {row[2]:>5}")
    totals = Counter(q.depth for q in active)
    print(f"{'total':28} {len(active):>4} {totals[Depth.basic]:>6} {totals[Depth.working]:>8} "
          f"{totals[Depth.deep]:>5}")
    assert len(active) >= MIN_TOTAL
    short = {s: by_skill[s] for s in TOP_SKILLS if by_skill[s] < MIN_PER_SKILL}
    assert not short, f"fewer than {MIN_PER_SKILL} questions: {short}"
    # Mixed depths: every covered skill has at least one question at each depth.
    flat = {s: [d.value for d in Depth if not by_depth[(s, d)]] for s in by_skill}
    assert not {s: m for s, m in flat.items() if m}, "skills missing a depth"


def test_top_skills_computed_from_roadmaps_are_covered(catalog: Catalog) -> None:
    usage, roadmaps = skill_usage(catalog)
    top = top_skills(usage)
    print(f"\ntop {TOP_N} skills over {roadmaps} roadmaps (ties with the {TOP_N}th included):")
    for rank, skill in enumerate(top, 1):
        print(f"{rank:>3}. {skill:28} {usage[skill]:>4} roadmaps, {len(catalog.questions_for(skill))} questions")
    assert len(top) >= TOP_N
    missing = {s: len(catalog.questions_for(s)) for s in top if len(catalog.questions_for(s)) < MIN_PER_SKILL}
    assert not missing, f"top skills with fewer than {MIN_PER_SKILL} questions: {missing}"


def test_every_shipped_question_within_telegrams_limits(catalog: Catalog) -> None:
    for q in catalog.quizzes:
        assert 1 <= telegram_length(q.question) <= QUIZ_QUESTION_MAX, q.id
        assert 2 <= len(q.options) <= 4, q.id
        assert all(1 <= telegram_length(o) <= QUIZ_OPTION_MAX for o in q.options), q.id
        assert len({o.casefold() for o in q.options}) == len(q.options), q.id
        assert 0 <= q.correct < len(q.options), q.id
        assert 1 <= telegram_length(q.explanation) <= QUIZ_EXPLANATION_MAX, q.id
        assert q.explanation.count("\n") <= 2, q.id


def test_shipped_questions_avoid_give_away_wording(catalog: Catalog) -> None:
    # Exactly one defensible answer: no "all/none of the above", no "both", no "always/never" trick keys.
    banned = ("all of the above", "none of the above", "both of", "all of these", "none of these")
    for q in catalog.quizzes:
        for option in q.options:
            assert not any(b in option.casefold() for b in banned), (q.id, option)
    # The right answer should not sit in the same slot everywhere.
    slots = Counter(q.correct for q in catalog.quizzes)
    assert max(slots.values()) < 0.4 * len(catalog.quizzes), slots


def test_question_ids_follow_the_skill(catalog: Catalog) -> None:
    for q in catalog.quizzes:
        assert q.id.startswith(f"quiz-{q.skill}-"), q.id

