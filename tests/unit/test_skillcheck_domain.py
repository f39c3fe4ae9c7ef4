"""Issue 18, pure domain: which claimed skills are worth a check, which questions, the pass mark."""

from __future__ import annotations

from bot.domain.catalog import Catalog, Depth
from bot.domain.profile import LearnerProfile
from bot.domain.skillcheck import (
    CHECK_SIZE,
    checkable_skills,
    find_skill,
    passed,
    pick_questions,
    skills_of_item,
)

CATALOG = Catalog.load("content")


def test_checkable_skills_are_claimed_and_needed_at_working_depth_or_more() -> None:
    profile = LearnerProfile(target_role="ml-engineer", known_skills=["sql", "python", "testing", "llms"])
    # testing and llms are needed only at basic depth by the ML engineer role: no check offered.
    assert checkable_skills(profile, CATALOG) == ["sql", "python"]
    assert checkable_skills(LearnerProfile(known_skills=["sql"]), CATALOG) == []


def test_questions_at_the_roles_depth_rotate_between_rounds() -> None:
    first = pick_questions(CATALOG, "sql", Depth.working, CHECK_SIZE, 0)
    assert len(first) == CHECK_SIZE and all(q.skill == "sql" for q in first)
    assert all(q.depth is Depth.working for q in first)
    deep = pick_questions(CATALOG, "python", Depth.deep, CHECK_SIZE, 0)
    assert len(deep) == CHECK_SIZE and len({q.id for q in deep}) == CHECK_SIZE
    assert [q.depth for q in deep][:2] == [Depth.deep, Depth.deep]
    again = pick_questions(CATALOG, "python", Depth.deep, CHECK_SIZE, 1)
    assert [q.id for q in again] != [q.id for q in deep]
    assert pick_questions(CATALOG, "no-such-skill", Depth.basic, 3) == []


def test_pass_mark_skill_names_and_reviewed_items() -> None:
    assert passed(2) and passed(3) and not passed(1)
    assert find_skill("SQL", CATALOG) == "sql" and find_skill("Linear Algebra", CATALOG) == "linear-algebra"
    assert find_skill("basket weaving", CATALOG) is None
    assert skills_of_item("skill:sql", CATALOG) == ["sql"]
    assert skills_of_item("project:anything", CATALOG) == []
    course = next(c for c in CATALOG.courses if any(CATALOG.questions_for(s) for s in c.skills))
    assert skills_of_item(f"course:{course.id}", CATALOG)
