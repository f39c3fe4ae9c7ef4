"""Certification rules a hiring manager would sign, over every profile file and over random learners: the exam
right after the stage that teaches its skills and before the portfolio and the applications, one fitting exam,
no professional-level exam for someone entering the field unless asked, no soft-skill course's certificate
passed off as the certificate asked for, and on a free budget the free certificates named (or plainly none)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import texts
from bot.domain.catalog import Level, SkillCategory, Status
from bot.domain.planner import Roadmap, plan
from bot.domain.profile import Education, LearnerProfile
from tests.unit.planned_profiles import CATALOG, PROFILES, TODAY, planned

JUNIOR = {"student", "career_changer"}

learners = st.builds(
    LearnerProfile,
    target_role=st.sampled_from([r.id for r in CATALOG.roles]),
    domain=st.one_of(st.none(), st.sampled_from([d.id for d in CATALOG.domains])),
    current_role=st.sampled_from([None, "student", "bootcamp graduate", "nurse", "senior backend engineer",
                                  "product manager", "data analyst", "ML engineer"]),
    years_experience=st.one_of(st.none(), st.sampled_from([0.0, 1.0, 3.0, 9.0, 15.0])),
    education=st.one_of(st.none(), st.sampled_from(list(Education))),
    known_skills=st.lists(st.sampled_from([s.id for s in CATALOG.skills]), unique=True, max_size=10),
    hours_per_week=st.sampled_from([3.0, 8.0, 15.0, 25.0]),
    budget_usd=st.one_of(st.none(), st.sampled_from([0.0, 200.0, 500.0, 3000.0])),
    wants_certificates=st.just(True),
)


def taught(stage_skills: list[str], course_skills: list[str]) -> set[str]:
    return set(stage_skills) | set(course_skills)


def check_placement(roadmap: Roadmap) -> None:
    """The certification stage follows the last learning stage teaching its exams' skills (or the last learning
    stage when none does), and comes before the portfolio and the job search's end."""
    kinds = [s.kind for s in roadmap.stages]
    if "certification" not in kinds:
        return
    at = kinds.index("certification")
    stage = roadmap.stages[at]
    tested = {s for c in stage.certifications for s in CATALOG.certification_by_id[c.id].skills}
    learning = [i for i, k in enumerate(kinds) if k == "learning"]
    teaching = [i for i in learning if tested & taught([s.id for s in roadmap.stages[i].skills],
                                                       [x for c in roadmap.stages[i].courses for x in c.skills])]
    expected = (teaching or learning or [at - 1])[-1] + 1
    assert at == expected, (kinds, at, expected)
    if "portfolio" in kinds:
        assert at < kinds.index("portfolio")
    job = roadmap.stage("job-search")
    if job is not None:
        assert stage.end <= job.end
        assert roadmap.stages[at].start <= (roadmap.stage("portfolio") or job).start


def check_count_and_level(prof: LearnerProfile, roadmap: Roadmap) -> None:
    """One exam beyond the ones asked for; a junior never gets a professional-level one they did not ask for."""
    asked = set(prof.named_certifications)
    certs = [c for s in roadmap.stages for c in s.certifications]
    extra = [c for c in certs if c.id not in asked and CATALOG.certification_by_id[c.id].id not in asked]
    assert len(extra) <= 1
    if roadmap.seniority in JUNIOR:
        assert all(CATALOG.certification_by_id[c.id].level is not Level.advanced for c in extra)


def check_no_soft_skill_certificate(roadmap: Roadmap) -> None:
    """A course teaching only soft skills is never presented as the certificate the learner asked for."""
    for stage in roadmap.stages:
        for course in stage.courses:
            skills = CATALOG.course_by_id[course.id].teaches
            if all(CATALOG.skill_by_id[s].category is SkillCategory.professional for s in skills):
                assert texts.PLANNER_WHY_COURSE_CERTIFICATE not in course.why


def check_free_certificates_named(prof: LearnerProfile, roadmap: Roadmap) -> None:
    """On a free budget a learner who wants certificates hears which free certificates the plan gives, or that
    none is free, whenever a paid exam was left out."""
    warning = next((w for w in roadmap.warnings if w.code == "free-only-exam"), None)
    if warning is None:
        return
    free = [c.title for s in roadmap.stages for c in s.courses if CATALOG.course_by_id[c.id].free_certificate]
    planned = any(s.certifications for s in roadmap.stages)
    role = CATALOG.role_by_id[roadmap.role_id]
    target = {rs.skill for rs in role.required_skills} | set(
        CATALOG.domain_by_id[roadmap.domain_id].skills if roadmap.domain_id else [])
    elsewhere = [c for c in CATALOG.courses if c.free_certificate and c.status is Status.active
                 and not c.archived and target & set(c.teaches)]
    if free:
        assert all(title in warning.text for title in free)
    elif elsewhere:
        assert "free course certificates on this role's skills" in warning.text
        assert any(c.title in warning.text for c in elsewhere)
    elif not planned:
        assert texts.PLANNER_CERT_NONE_FREE.strip() in warning.text


def check_all(prof: LearnerProfile, roadmap: Roadmap) -> None:
    check_placement(roadmap)
    check_count_and_level(prof, roadmap)
    check_no_soft_skill_certificate(roadmap)
    check_free_certificates_named(prof, roadmap)


@pytest.mark.parametrize("path", PROFILES, ids=[p.stem for p in PROFILES])
def test_profile_certifications(path) -> None:  # type: ignore[no-untyped-def]
    check_all(*planned(path))


@pytest.mark.parametrize("path", PROFILES, ids=[p.stem for p in PROFILES])
def test_profile_certifications_when_wanted(path) -> None:  # type: ignore[no-untyped-def]
    """The same profiles, all wanting certificates: the rules hold for every role and starting point."""
    prof, _ = planned(path)
    wanting = prof.model_copy(update={"wants_certificates": True})
    check_all(wanting, plan(wanting, CATALOG, TODAY))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(learners)
def test_random_learner_certifications(prof: LearnerProfile) -> None:
    check_all(prof, plan(prof, CATALOG, TODAY))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([c for c in CATALOG.certifications
                        if c.level is Level.advanced and c.roles and c.status is Status.active]),
       st.sampled_from(["bootcamp graduate", "student", "nurse"]))
def test_a_junior_gets_a_professional_exam_only_when_asking_for_it(cert, current) -> None:  # type: ignore[no-untyped-def]
    """Unasked, no professional-level exam for a junior; named, it stays (the learner's call)."""
    role = cert.roles[0]
    base = LearnerProfile(target_role=role, current_role=current, years_experience=0.0, hours_per_week=15.0,
                          wants_certificates=True)
    unasked = plan(base, CATALOG, TODAY)
    assert cert.id not in {c.id for s in unasked.stages for c in s.certifications}
    asked = plan(base.model_copy(update={"named_certifications": [cert.id]}), CATALOG, TODAY)
    assert cert.id in {c.id for s in asked.stages for c in s.certifications}


@pytest.mark.parametrize("role", [r.id for r in CATALOG.roles])
@pytest.mark.parametrize("knows_all", [False, True])
def test_free_budget_names_free_certificates_or_says_none(role: str, knows_all: bool) -> None:
    """A free-only learner who wants certificates hears the free ones (in the plan, else in the catalog for the
    role's skills) or plainly that none is free, also when they already know every technical skill."""
    known = [rs.skill for rs in CATALOG.role_by_id[role].required_skills
             if CATALOG.skill_by_id[rs.skill].category is not SkillCategory.professional] if knows_all else []
    prof = LearnerProfile(target_role=role, current_role="data analyst", years_experience=3.0, hours_per_week=8.0,
                          budget_usd=0.0, wants_certificates=True, known_skills=known)
    roadmap = plan(prof, CATALOG, TODAY)
    check_free_certificates_named(prof, roadmap)
