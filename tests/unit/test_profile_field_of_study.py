"""The field of a degree (F5): an optional free-text profile field, default None, that old stored profiles and
profile files load without, that profile files and the summary carry, and that the planner reads with the degree."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot import texts
from bot.domain.catalog import DEPTH_RANK, Depth, depth_rank
from bot.domain.dialogue.fields import describe
from bot.domain.planner import ProfileFile, experience_skills, plan, profile_from_data
from bot.domain.planner.knowledge import _known_depths, degree_skills
from bot.domain.profile import Education, LearnerProfile
from tests.unit.planned_profiles import CATALOG, PROFILES, TODAY, planned

MATHS = ("calculus", "linear-algebra", "statistics", "probability")
QUANT_FIELDS = ["physics", "Statistics", "mathematics", "applied maths", "computer science", "economics",
                "electrical engineering", "astrophysics", "biostatistics", "CS"]
OTHER_FIELDS = ["history", "English literature", "law", "fine arts", "nursing", "philosophy"]
DEGREES = [Education.bachelor, Education.master, Education.phd]
NO_DEGREE = [Education.none, Education.high_school, Education.bootcamp]


def test_old_profiles_load_unchanged_and_the_field_defaults_to_none() -> None:
    """Stored profiles are JSON blobs: one written before the field existed loads as it was, with the field None."""
    for path in PROFILES:
        stored, _ = planned(path)
        old = stored.model_dump(mode="json")
        old.pop("field_of_study")
        again = LearnerProfile.model_validate(json.loads(json.dumps(old)))
        assert again.field_of_study is None and again.model_dump(exclude={"field_of_study"}) == \
            stored.model_dump(exclude={"field_of_study"})


@given(st.sampled_from(QUANT_FIELDS + OTHER_FIELDS), st.sampled_from([None, *Education]))
def test_a_profile_file_carries_the_field_as_said(field: str, education: Education | None) -> None:
    data = {"target_role": "ml-engineer", "field_of_study": f"  {field} ",
            "education": education.value if education else None}
    prof = profile_from_data(data, CATALOG)
    assert prof.field_of_study == field
    assert LearnerProfile.model_validate(prof.model_dump(mode="json")) == prof
    assert "field_of_study" in ProfileFile.model_json_schema()["properties"]


@pytest.mark.parametrize("blank", ["", "   "])
def test_a_blank_field_is_not_a_field(blank: str) -> None:
    assert profile_from_data({"target_role": "ml-engineer", "field_of_study": blank}, CATALOG).field_of_study is None


@given(st.sampled_from(QUANT_FIELDS), st.sampled_from(DEGREES))
def test_a_quantitative_degree_implies_the_maths_by_its_level(field: str, education: Education) -> None:
    """A master's or a doctorate in a quantitative field implies the maths of ML at working depth, a bachelor's at
    basic; the field alone (no level said) counts as a bachelor's."""
    implied = degree_skills(LearnerProfile(education=education, field_of_study=field))
    floor = DEPTH_RANK[Depth.basic] if education is Education.bachelor else DEPTH_RANK[Depth.working]
    assert all(implied.get(s, 0) >= floor for s in MATHS), (field, education, implied)
    if education is Education.bachelor:
        assert degree_skills(LearnerProfile(field_of_study=field)) == implied


@given(st.sampled_from(["physics", "mathematics", "theoretical physics", "statistics", "biostatistics"]))
def test_a_doctorate_in_maths_physics_or_statistics_implies_its_core_deep(field: str) -> None:
    implied = degree_skills(LearnerProfile(education=Education.phd, field_of_study=field))
    core = ("statistics", "probability") if "statist" in field else ("calculus", "linear-algebra")
    assert all(implied[s] == DEPTH_RANK[Depth.deep] for s in core), implied


@given(st.sampled_from(["computer science", "Computer Science and Engineering", "informatics", "CS", "computing"]),
       st.sampled_from(DEGREES), st.sampled_from([None, "python", "java"]))
def test_a_computing_degree_implies_algorithms_and_programming_basics(field: str, education: Education,
                                                                      language: str | None) -> None:
    implied = degree_skills(LearnerProfile(education=education, field_of_study=field,
                                           programming_language=language))
    assert implied.get("data-structures-algorithms", 0) >= DEPTH_RANK[Depth.working]
    assert implied.get({"java": "java"}.get(language or "", "python"), 0) >= DEPTH_RANK[Depth.basic]


@given(st.sampled_from(OTHER_FIELDS + QUANT_FIELDS), st.sampled_from(NO_DEGREE))
def test_without_a_degree_the_field_implies_nothing(field: str, education: Education) -> None:
    assert degree_skills(LearnerProfile(education=education, field_of_study=field)) == {}


@given(st.sampled_from(OTHER_FIELDS), st.sampled_from(DEGREES))
def test_a_field_without_quantitative_words_implies_no_maths(field: str, education: Education) -> None:
    assert not set(degree_skills(LearnerProfile(education=education, field_of_study=field))) & set(MATHS)


@given(st.sampled_from(QUANT_FIELDS), st.sampled_from(DEGREES), st.sampled_from(MATHS), st.sampled_from(list(Depth)))
def test_a_stated_depth_wins_over_the_degree(field: str, education: Education, skill: str, depth: Depth) -> None:
    prof = LearnerProfile(target_role="ml-engineer", education=education, field_of_study=field,
                          known_skills=[skill], skill_depth={skill: depth})
    assert _known_depths(prof, CATALOG, ())[skill] == depth_rank(depth)


@given(st.sampled_from(QUANT_FIELDS), st.sampled_from([Education.master, Education.phd]),
       st.sampled_from([r.id for r in CATALOG.roles]))
def test_a_quantitative_masters_or_doctorate_gets_no_maths_course_below_working(field: str, education: Education,
                                                                              role: str) -> None:
    """No course in the plan is there for maths the degree already gives: every maths skill a course covers is
    needed deeper than working."""
    prof = LearnerProfile(target_role=role, education=education, field_of_study=field, hours_per_week=10)
    implied = experience_skills(prof)
    for stage in plan(prof, CATALOG, TODAY).stages:
        for course in stage.courses:
            for skill in set(course.skills) & set(MATHS):
                assert implied.get(skill, 0) >= DEPTH_RANK[Depth.working]
                assert course.id not in {"3b1b-essence-of-calculus", "3b1b-essence-of-linear-algebra",
                                         "khan-statistics-probability"}, (course.id, skill)


@pytest.mark.parametrize(("education", "field", "shown"), [
    (Education.master, "statistics", "Master's in statistics"),
    (Education.phd, "physics", "PhD in physics"),
    (None, "computer science", f"{texts.EDUCATION_FIELD_ONLY} in computer science"),
    (Education.bachelor, None, "Bachelor's"),
    (None, None, texts.NOT_ANSWERED),
])
def test_the_summary_shows_the_field_when_known(education: Education | None, field: str | None, shown: str) -> None:
    assert describe("education", LearnerProfile(education=education, field_of_study=field), CATALOG) == shown
