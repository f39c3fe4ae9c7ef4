"""The ten planner rules of issue 13, each tested on a literal catalog built to show it (not on one profile)."""

from __future__ import annotations

import copy
import re
from datetime import date
from typing import Any

import pytest

from bot.domain.catalog import Catalog, prerequisite_closure
from bot.domain.planner import PlanError, Roadmap, implied_domain, plan, profile_from_data, seniority_of
from bot.domain.profile import LearnerProfile
from bot.domain.render import roadmap_markdown

TODAY = date(2026, 12, 1)
SRC = {"source": "https://example.org/src", "verified_on": "2026-01-01"}


def skill(id_: str, category: str, hours: float, *prereqs: str, fast: bool = False) -> dict[str, Any]:
    return {"id": id_, "name": id_.replace("-", " ").title(), "category": category, "hours": hours,
            "prerequisites": list(prereqs), "why": f"{id_} matters.", "fast_moving": fast}


def course(id_: str, teaches: dict[str, str], hours: float, level: str = "beginner", **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"id": id_, "title": f"Course {id_}", "provider": "Prov", "url": f"https://example.org/{id_}",
                            "teaches": teaches, "hours": hours, "level": level, "cost_model": "free", **SRC}
    return {**base, **extra}


def role(id_: str, family: str, skills: dict[str, str], domains: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"id": id_, "name": id_.replace("-", " ").title(), "summary": "A role.", "duties": ["work"],
            "family": family, "domains": list(domains),
            "required_skills": [{"skill": s, "depth": d} for s, d in skills.items()]}


def project(id_: str, skills: list[str], hours: float, roles: tuple[str, ...] = (), domain: str | None = None,
            e2e: bool = False) -> dict[str, Any]:
    return {"id": id_, "title": f"Project {id_}", "roles": list(roles), "domain": domain, "skills": skills,
            "idea": "An idea.", "deliverable": "A thing.", "difficulty": "intermediate", "hours": hours,
            "end_to_end": e2e}


def step(id_: str, order: int, hours: float = 5, families: tuple[str, ...] = (),
         seniority: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"id": id_, "title": f"Step {id_}", "description": f"Do {id_}.", "hours": hours, "order": order,
            "families": list(families), "seniority": list(seniority)}


DOCS: dict[str, Any] = {
    "skills.yaml": {"skills": [
        skill("python", "programming", 40),
        skill("java", "programming", 40),
        skill("git", "programming", 5),
        skill("dsa", "programming", 30, "python"),
        skill("linear-algebra", "math", 20),
        skill("statistics", "math", 15),
        skill("numpy", "data", 8, "python"),
        skill("pandas", "data", 10, "numpy"),
        skill("ml-fundamentals", "ml", 30, "pandas", "statistics", "linear-algebra"),
        skill("neural-networks", "deep_learning", 25, "ml-fundamentals"),
        skill("pytorch", "deep_learning", 25, "neural-networks"),
        skill("transformers", "deep_learning", 20, "neural-networks"),
        skill("generative-models", "deep_learning", 20, "neural-networks"),
        skill("llms", "llm", 20, "transformers", fast=True),
        skill("nlp-fundamentals", "nlp", 25, "ml-fundamentals"),
        skill("computer-vision", "cv", 25, "neural-networks"),
        skill("docker", "mlops", 10, "python"),
        skill("model-serving", "mlops", 15, "docker"),
        skill("communication", "professional", 10),
    ]},
    "roles.yaml": {
        "roles": [
            role("ml-engineer", "engineering", {"python": "deep", "git": "working", "dsa": "working",
                                                "ml-fundamentals": "working", "pytorch": "working",
                                                "docker": "working", "model-serving": "working",
                                                "communication": "basic"}, ("nlp", "cv")),
            role("nlp-engineer", "engineering", {"python": "working", "ml-fundamentals": "working",
                                                 "nlp-fundamentals": "working", "transformers": "working",
                                                 "llms": "working", "pytorch": "working"}, ("nlp", "genai")),
            role("ml-researcher", "research", {"python": "working", "linear-algebra": "deep", "statistics": "deep",
                                               "ml-fundamentals": "working", "neural-networks": "working"}),
            role("data-scientist", "data_science", {"python": "working", "pandas": "working",
                                                    "statistics": "working", "ml-fundamentals": "working"}),
            role("data-analyst", "analytics", {"python": "basic", "pandas": "working", "statistics": "working"}),
        ],
        "domains": [
            {"id": "nlp", "name": "NLP", "skills": ["nlp-fundamentals", "transformers", "llms"]},
            {"id": "cv", "name": "Vision", "skills": ["computer-vision"]},
            {"id": "genai", "name": "Generative AI", "skills": ["generative-models", "llms"]},
        ],
    },
    "courses.yaml": {"courses": [
        course("py-intro", {"python": "basic"}, 5, programming_language="python"),
        course("py-deep", {"python": "deep"}, 60, "intermediate", programming_language="python"),
        course("dsa-java", {"dsa": "working"}, 20, programming_language="java"),
        course("dsa-py", {"dsa": "working"}, 40, programming_language="python"),
        course("git-course", {"git": "working"}, 5),
        course("math", {"linear-algebra": "working", "statistics": "working"}, 40),
        course("math-deep", {"linear-algebra": "deep", "statistics": "deep"}, 60, "advanced", requires=["math"]),
        course("data", {"numpy": "working", "pandas": "working"}, 20, certificate=True),
        course("ml", {"ml-fundamentals": "working"}, 40),
        course("ml-cert", {"ml-fundamentals": "working"}, 25, cost_model="free_audit_paid_certificate",
               certificate=True, certificate_usd=49),
        course("mlops", {"docker": "working", "model-serving": "working", "pytorch": "basic"}, 20, "intermediate"),
        course("dl", {"neural-networks": "working", "pytorch": "working"}, 50, "intermediate"),
        course("dl-adv", {"neural-networks": "working", "pytorch": "working"}, 20, "advanced"),
        course("nlp-old", {"nlp-fundamentals": "working", "transformers": "working", "llms": "working"}, 30,
               "intermediate", updated=2019),
        course("nlp-new", {"nlp-fundamentals": "working", "transformers": "working", "llms": "working"}, 45,
               "intermediate", updated=2025),
        course("nlp-archived", {"nlp-fundamentals": "working", "transformers": "working", "llms": "working"}, 20,
               "intermediate", updated=2024, archived=True),
        course("image-gen", {"generative-models": "working", "computer-vision": "working"}, 20, "intermediate"),
        course("cv-course", {"computer-vision": "working"}, 30, "intermediate"),
        course("comm", {"communication": "working"}, 8),
    ]},
    "certifications.yaml": {"certifications": [
        {"id": "cert-ml", "name": "ML Cert", "issuer": "Org", "url": "https://example.org/c", "cost_usd": 150,
         "skills": ["ml-fundamentals"], "roles": ["ml-engineer", "data-scientist"], "prep_hours": 20, **SRC},
        {"id": "cert-ml-2", "name": "ML Cert Two", "issuer": "Org", "url": "https://example.org/c2", "cost_usd": 100,
         "skills": ["pytorch"], "roles": ["ml-engineer"], "prep_hours": 20, **SRC},
    ]},
    "projects.yaml": {"projects": [
        project("nlp-e2e", ["nlp-fundamentals", "transformers"], 30, ("nlp-engineer", "ml-engineer"), "nlp", e2e=True),
        project("nlp-notebook", ["nlp-fundamentals"], 20, ("nlp-engineer", "ml-engineer"), "nlp"),
        project("img-gen-demo", ["generative-models"], 20, ("nlp-engineer",), "genai"),
        project("serve", ["docker", "model-serving"], 15, ("ml-engineer",), e2e=True),
        project("kaggle", ["pandas", "ml-fundamentals"], 20, ("ml-engineer", "data-scientist")),
        project("oss", ["git", "python"], 20, ("ml-engineer",)),
        project("paper", ["ml-fundamentals", "neural-networks"], 40, ("ml-researcher",)),
        project("research-demo", ["neural-networks", "statistics"], 30, ("ml-researcher",), e2e=True),
        project("dashboard", ["pandas", "statistics"], 15, ("data-analyst", "data-scientist"), e2e=True),
        project("cv-app", ["computer-vision"], 30, ("ml-engineer",), "cv", e2e=True),
    ]},
    "steps.yaml": {"job_search_steps": [
        step("portfolio", 1),
        step("cv-one-page", 2, seniority=("student", "career_changer")),
        step("internships", 3, seniority=("student",)),
        step("internal-move", 3, seniority=("senior",)),
        step("staff-loop", 4, 20, families=("engineering",), seniority=("senior",)),
        step("coding-loop", 4, 20, families=("engineering",), seniority=("student", "career_changer", "experienced")),
        step("research-statement", 4, 10, families=("research",)),
        step("workshop-paper", 5, 30, families=("research",)),
        step("product-sense", 4, 10, families=("data_science",)),
        step("networking", 6),
    ]},
}
CATALOG = Catalog.from_documents(DOCS)


def catalog_with(**changes: list[dict[str, Any]]) -> Catalog:
    docs = copy.deepcopy(DOCS)
    for section, entries in changes.items():
        for file_name, document in docs.items():
            if section in document:
                docs[file_name][section] = entries
    return Catalog.from_documents(docs)


def person(**fields: Any) -> LearnerProfile:
    base: dict[str, Any] = {"target_role": "ml-engineer", "hours_per_week": 10}
    return LearnerProfile(**{**base, **fields})


def courses(roadmap: Roadmap) -> list[str]:
    return [c.id for s in roadmap.stages for c in s.courses]


def planned_skills(roadmap: Roadmap) -> set[str]:
    return {sk.id for s in roadmap.stages for sk in s.skills}


def stage_of(roadmap: Roadmap, course_id: str) -> int:
    return next(s.index for s in roadmap.stages for c in s.courses if c.id == course_id)


# ---------------------------------------------------------------- 1. known skills at a depth
def test_a_known_skill_implies_its_prerequisites_transitively() -> None:
    roadmap = plan(person(known_skills=["pytorch"]), CATALOG, TODAY)
    implied = prerequisite_closure(["pytorch"], CATALOG) - {"python"}  # python is needed deep: still a gap
    assert not implied & planned_skills(roadmap)
    assert not {"ml", "data", "math", "dl"} & set(courses(roadmap))


def test_the_gap_is_required_depth_minus_known_depth() -> None:
    basic = plan(person(known_skills=["python"], skill_depth={"python": "basic"}), CATALOG, TODAY)
    deep = plan(person(known_skills=["python"], skill_depth={"python": "deep"}), CATALOG, TODAY)
    assert "python" in planned_skills(basic) and "py-deep" in courses(basic) and "py-intro" not in courses(basic)
    assert "python" not in planned_skills(deep)


def test_a_basic_course_never_finishes_a_skill_needed_deep() -> None:
    roadmap = plan(person(), CATALOG, TODAY)  # never coded: the introduction first, then the deep course
    order = courses(roadmap)
    assert order.index("py-intro") < order.index("py-deep")
    no_deep = catalog_with(courses=[c for c in DOCS["courses.yaml"]["courses"] if c["id"] != "py-deep"])
    short = plan(person(), no_deep, TODAY)
    assert any(w.code == "depth-short" and "Python" in w.text for w in short.warnings)


# ---------------------------------------------------------------- 2. courses by fit, then time
def test_courses_are_taught_in_the_learners_language() -> None:
    # A Python coder (a non-coder is offered no Java course at all: the plan teaches them no Java).
    python = plan(person(known_skills=["python"]), CATALOG, TODAY)
    java = plan(person(programming_language="java", known_skills=["python"], skill_depth={"python": "deep"}),
                CATALOG, TODAY)
    assert "dsa-py" in courses(python) and "dsa-java" not in courses(python)
    assert "dsa-java" in courses(java)
    why = next(c.why for s in python.stages for c in s.courses if c.id == "dsa-py")
    assert "Taught in Python" in why and "Picked over Course dsa-java: taught in Java" in why


def test_a_non_coder_starts_with_beginner_courses_and_never_an_advanced_introduction() -> None:
    roadmap = plan(person(target_role="ml-researcher"), CATALOG, TODAY)
    assert "dl-adv" not in courses(roadmap)
    first = next(c for s in roadmap.stages for c in s.courses)
    assert first.level.value == "beginner"


def test_requires_are_met_earlier_in_the_plan() -> None:
    roadmap = plan(person(target_role="ml-researcher"), CATALOG, TODAY)
    order = courses(roadmap)
    assert order.index("math") < order.index("math-deep")


def test_out_of_date_and_archived_courses_lose_to_a_current_one() -> None:
    roadmap = plan(person(target_role="nlp-engineer"), CATALOG, TODAY)
    assert "nlp-new" in courses(roadmap)
    assert "nlp-old" not in courses(roadmap) and "nlp-archived" not in courses(roadmap)
    why = next(c.why for s in roadmap.stages for c in s.courses if c.id == "nlp-new")
    assert "updated 2025" in why and "Picked over" in why


def test_an_mlops_course_does_not_stand_in_for_deep_learning() -> None:
    roadmap = plan(person(), CATALOG, TODAY)
    pytorch_course = next(c for s in roadmap.stages for c in s.courses if "pytorch" in c.skills)
    assert pytorch_course.id == "dl"


def test_editor_rank_decides_between_equal_fits() -> None:
    ranked = [dict(c, editor_rank=1) if c["id"] == "py-deep" else c for c in DOCS["courses.yaml"]["courses"]]
    ranked.append(course("py-deep-2", {"python": "deep"}, 30, "intermediate", programming_language="python",
                         editor_rank=2))
    roadmap = plan(person(known_skills=["python"], skill_depth={"python": "basic"}), catalog_with(courses=ranked),
                   TODAY)
    assert "py-deep" in courses(roadmap) and "py-deep-2" not in courses(roadmap)


# ---------------------------------------------------------------- 3. stages that say what they hold
def test_deep_learning_and_framework_come_before_any_specialisation() -> None:
    roadmap = plan(person(domain="nlp"), CATALOG, TODAY)
    assert stage_of(roadmap, "dl") < stage_of(roadmap, "nlp-new")


def test_communication_goes_with_the_job_search_never_a_technical_stage() -> None:
    roadmap = plan(person(), CATALOG, TODAY)
    job = roadmap.stage("job-search")
    assert job is not None and "comm" in [c.id for c in job.courses]
    for stage in roadmap.stages:
        if stage.kind == "learning":
            assert all(CATALOG.skill_by_id[s].category.value != "professional" for c in stage.courses
                       for s in c.skills)


def test_stage_titles_name_what_the_stage_holds() -> None:
    roadmap = plan(person(), CATALOG, TODAY)
    labels = {"programming": "programming", "math": "maths", "data": "data", "ml": "machine learning",
              "deep_learning": "deep learning", "mlops": "MLOps"}
    for stage in roadmap.stages:
        if stage.kind != "learning":
            continue
        held = {CATALOG.skill_by_id[s].category.value for c in stage.courses for s in c.skills}
        held |= {CATALOG.skill_by_id[sk.id].category.value for sk in stage.skills}
        for category in held:
            assert labels[category].lower() in stage.title.lower(), (stage.title, category)


# ---------------------------------------------------------------- 4. role implies specialisation
def test_a_specialist_role_carries_its_specialisation() -> None:
    assert implied_domain(CATALOG.role_by_id["nlp-engineer"], CATALOG).id == "nlp"  # type: ignore[union-attr]
    assert implied_domain(CATALOG.role_by_id["ml-engineer"], CATALOG) is None
    roadmap = plan(person(target_role="nlp-engineer"), CATALOG, TODAY)
    assert roadmap.domain_id == "nlp"
    assert any(w.code == "implied-domain" for w in roadmap.warnings)
    assert roadmap.stage("portfolio") is not None


def test_no_unrelated_specialisation_course_or_project() -> None:
    roadmap = plan(person(target_role="nlp-engineer"), CATALOG, TODAY)
    assert "image-gen" not in courses(roadmap) and "cv-course" not in courses(roadmap)
    portfolio = roadmap.stage("portfolio")
    assert portfolio is not None and "img-gen-demo" not in [p.id for p in portfolio.projects]


def test_the_dialogue_does_not_ask_a_specialist_for_a_specialisation() -> None:
    from bot.domain.dialogue import DialogueState, UserInput, step

    state = DialogueState()
    state = step(state, UserInput(kind="command", value="/start"), CATALOG, TODAY).state
    result = step(state, UserInput(kind="button", value="role:nlp-engineer"), CATALOG, TODAY)
    assert result.state.step != "domain"
    general = step(state, UserInput(kind="button", value="role:ml-engineer"), CATALOG, TODAY)
    assert general.state.step == "domain"


# ---------------------------------------------------------------- 5. portfolio
@pytest.mark.parametrize("role_id", ["ml-engineer", "nlp-engineer", "ml-researcher", "data-scientist"])
def test_two_or_three_fitting_projects_one_end_to_end_after_the_learning(role_id: str) -> None:
    roadmap = plan(person(target_role=role_id), CATALOG, TODAY)
    portfolio = roadmap.stage("portfolio")
    assert portfolio is not None and 2 <= len(portfolio.projects) <= 3
    assert portfolio is not None and any(p.end_to_end for p in portfolio.projects)
    last_learning = max(s.index for s in roadmap.stages if s.kind == "learning")
    assert portfolio.index > last_learning
    for p in portfolio.projects:
        entry = CATALOG.project_by_id[p.id]
        assert not entry.roles or role_id in entry.roles
        assert entry.domain is None or entry.domain == roadmap.domain_id


def test_little_time_gets_the_one_project_that_proves_the_most() -> None:
    # 265 h of learning at 1 h/week is about five years: one project, and it says why.
    roadmap = plan(person(hours_per_week=1), CATALOG, TODAY)
    portfolio = roadmap.stage("portfolio")
    assert portfolio is not None and len(portfolio.projects) == 1 and portfolio.projects[0].end_to_end
    assert "one project that proves the most" in portfolio.projects[0].why


# ---------------------------------------------------------------- 6. job search by family and seniority
@pytest.mark.parametrize(("fields", "expected"), [
    ({"current_role": "student", "years_experience": 0}, "student"),
    ({"current_role": "backend engineer", "years_experience": 1}, "student"),
    ({"current_role": "backend engineer", "years_experience": 4}, "experienced"),
    ({"current_role": "senior backend engineer", "years_experience": 12}, "senior"),
    ({"current_role": "accountant", "years_experience": 9}, "career_changer"),
    ({"current_role": "nurse", "years_experience": 5}, "career_changer"),
])
def test_seniority_from_years_and_current_role(fields: dict[str, Any], expected: str) -> None:
    assert seniority_of(person(**fields)).value == expected


def steps_of(roadmap: Roadmap) -> list[str]:
    stage = roadmap.stage("job-search")
    return [s.id for s in stage.steps] if stage else []


def test_a_senior_gets_an_internal_move_and_staff_loops_never_internships_or_a_one_page_cv() -> None:
    roadmap = plan(person(current_role="staff engineer", years_experience=12), CATALOG, TODAY)
    steps = steps_of(roadmap)
    assert "internal-move" in steps and "staff-loop" in steps
    assert not {"internships", "cv-one-page", "coding-loop"} & set(steps)


def test_a_student_gets_internships_and_researchers_research_steps() -> None:
    student = steps_of(plan(person(current_role="student", years_experience=0), CATALOG, TODAY))
    assert "internships" in student and "internal-move" not in student
    researcher = steps_of(plan(person(target_role="ml-researcher", current_role="postdoc", years_experience=5),
                               CATALOG, TODAY))
    assert {"research-statement", "workshop-paper"} <= set(researcher) and "coding-loop" not in researcher
    scientist = steps_of(plan(person(target_role="data-scientist"), CATALOG, TODAY))
    assert "product-sense" in scientist and "research-statement" not in scientist


def test_job_search_hours_scale_with_seniority() -> None:
    def hours(**fields: Any) -> float:
        stage = plan(person(**fields), CATALOG, TODAY).stage("job-search")
        assert stage is not None
        return sum(s.hours for s in stage.steps)

    portfolio_hours = {
        seniority: next(s.hours for s in (plan(person(**f), CATALOG, TODAY).stage("job-search").steps)  # type: ignore[union-attr]
                        if s.id == "portfolio")
        for seniority, f in {"changer": {"current_role": "nurse", "years_experience": 5},
                             "senior": {"current_role": "staff engineer", "years_experience": 12}}.items()}
    assert portfolio_hours["changer"] > portfolio_hours["senior"]
    assert hours(current_role="nurse", years_experience=5) > 0


# ---------------------------------------------------------------- 7. deadlines a person can act on
def test_a_far_deadline_leads_with_the_earliest_date_and_puts_hours_last_never_above_40() -> None:
    roadmap = plan(person(deadline=date(2027, 1, 15)), CATALOG, TODAY)
    missed = roadmap.explanations.deadline
    assert missed is not None and missed.severe
    assert missed.accept_date == roadmap.totals.end_date
    assert missed.advice[0].lower().startswith("take " + roadmap.totals.end_date.isoformat())
    # Far out of reach (more than twice the pace or 40 h/week), "study N h/week" is no advice at all (issue 13.7).
    assert not any(re.search(r"study [0-9.]+ h/week", a) for a in missed.advice)
    assert any(w.code == "deadline-missed" for w in roadmap.warnings)


def test_an_adjacent_role_reachable_by_the_deadline_is_offered() -> None:
    roadmap = plan(person(target_role="data-scientist", deadline=date(2027, 2, 13)), CATALOG, TODAY)
    missed = roadmap.explanations.deadline
    assert missed is not None
    analyst = plan(person(target_role="data-analyst"), CATALOG, TODAY)
    assert analyst.totals.end_date <= date(2027, 2, 13)
    assert missed.adjacent_role == "data-analyst" and "Data Analyst" in missed.text


def test_a_close_deadline_asks_for_more_hours_first() -> None:
    full = plan(person(), CATALOG, TODAY)
    almost = full.totals.end_date.replace(day=1) if full.totals.end_date.day > 1 else full.totals.end_date
    roadmap = plan(person(deadline=almost), CATALOG, TODAY)
    missed = roadmap.explanations.deadline
    if missed is not None and not missed.severe:
        assert missed.advice[0].lower().startswith("study ")


def test_slack_before_the_deadline_says_what_it_could_buy() -> None:
    roadmap = plan(person(deadline=date(2032, 1, 1)), CATALOG, TODAY)
    slack = [w for w in roadmap.warnings if w.code == "deadline-slack"]
    assert slack and ("project" in slack[0].text or "certification" in slack[0].text)


def test_the_earliest_date_is_one_tap_in_the_chat() -> None:
    from bot.domain.dialogue import DialogueState, UserInput, step

    state = DialogueState()
    for inp in [UserInput(kind="command", value="/start"),
                UserInput(kind="text", value="ML engineer, 10 hours a week, deadline 2027-01-15, no budget limit"),
                UserInput(kind="command", value="/plan")]:
        result = step(state, inp, CATALOG, TODAY)
        state = result.state
    assert result.roadmap is not None and result.roadmap.explanations.deadline is not None
    use = [o for o in result.replies[-1].options if o.value.startswith("usedate:")]
    assert use and use[0].label == f"Use {result.roadmap.totals.end_date.isoformat()} as my deadline"
    after = step(state, UserInput(kind="button", value=use[0].value), CATALOG, TODAY)
    assert after.roadmap is not None and after.roadmap.totals.fits_deadline
    assert after.state.profile.deadline == result.roadmap.totals.end_date


# ---------------------------------------------------------------- 8. honest certificates
def test_a_learner_who_wants_certificates_sees_their_real_cost() -> None:
    roadmap = plan(person(target_role="data-scientist", wants_certificates=True), CATALOG, TODAY)
    cert_course = next(c for s in roadmap.stages for c in s.courses if c.id == "ml-cert")
    assert cert_course.certificate_cost_usd == 49 and "$49" in cert_course.certificate_note
    assert any(w.code == "certificate-costs" and "$49" in w.text for w in roadmap.warnings)
    assert roadmap.totals.cost_usd >= 49


def test_a_free_only_learner_gets_audit_only_never_a_free_paid_certificate() -> None:
    roadmap = plan(person(target_role="data-scientist", wants_certificates=True, budget_usd=0), CATALOG, TODAY)
    for s in roadmap.stages:
        for c in s.courses:
            entry = CATALOG.course_by_id[c.id]
            if c.certificate_note == "free certificate":
                assert entry.free_certificate
            if entry.certificate and not entry.free_certificate:
                assert c.certificate_note == "audit only, no certificate" and not c.certificate
    text = roadmap_markdown(roadmap)
    assert "audit only, no certificate" in text or "ml-cert" not in courses(roadmap)
    if "ml-cert" in courses(roadmap):
        assert any(w.code == "audit-only" for w in roadmap.warnings)
    assert roadmap.totals.cost_usd == 0


# ---------------------------------------------------------------- 9. input tolerance
def test_other_experience_is_kept_and_shown() -> None:
    data = {"target_role": "ml-engineer", "hours_per_week": 10, "known_skills": ["python", "Go", "Terraform"],
            "other_experience": ["React"]}
    prof = profile_from_data(data, CATALOG)
    assert prof.known_skills == ["python"] and prof.other_experience == ["React", "Go", "Terraform"]
    text = roadmap_markdown(plan(prof, CATALOG, TODAY))
    assert "React, Go, Terraform" in text


def test_a_misspelt_skill_is_still_an_error_naming_the_closest() -> None:
    with pytest.raises(PlanError, match="pytorch"):
        profile_from_data({"target_role": "ml-engineer", "known_skills": ["pytorh"]}, CATALOG)


def test_held_certifications_are_never_scheduled() -> None:
    roadmap = plan(person(wants_certificates=True, held_certifications=["cert-ml"],
                          named_certifications=["cert-ml"]), CATALOG, TODAY)
    planned = [c.id for s in roadmap.stages for c in s.certifications]
    assert "cert-ml" not in planned
    assert any(w.code == "held-certifications" for w in roadmap.warnings)


@pytest.mark.parametrize("hours", [0.0, 0.6, -1.0])
def test_zero_or_tiny_hours_never_overflow_and_warn(hours: float) -> None:
    roadmap = plan(person(hours_per_week=hours), CATALOG, TODAY)
    assert roadmap.totals.end_date.year < 2100 and any(w.code == "hours-too-few" for w in roadmap.warnings)


def test_one_hour_a_week_plans_without_a_date_overflow() -> None:
    roadmap = plan(person(hours_per_week=1, deadline=date(2027, 1, 1)), CATALOG, TODAY)
    assert roadmap.totals.end_date.year < 2100


# ---------------------------------------------------------------- 10. JSON contract
def test_every_visible_warning_is_in_the_json_with_a_code() -> None:
    roadmap = plan(person(deadline=date(2027, 1, 15), budget_usd=10, wants_certificates=True,
                          known_skills=["python"], other_experience=["Go"]), CATALOG, TODAY)
    data = roadmap.model_dump(mode="json")
    codes = {w["code"] for w in data["warnings"]}
    assert {"deadline-missed", "other-experience"} <= codes
    assert all(set(w) == {"code", "text"} for w in data["warnings"])
    text = roadmap_markdown(roadmap)
    for w in roadmap.warnings:
        assert w.text in text


def test_roadmaps_stored_with_plain_string_warnings_still_load() -> None:
    data = plan(person(), CATALOG, TODAY).model_dump(mode="json")
    data["warnings"] = ["An old warning."]
    loaded = Roadmap.model_validate(data)
    assert loaded.warnings[0].text == "An old warning." and loaded.warnings[0].code


# ---------------------------------------------------------------- coach findings turned into rules
def test_a_long_course_is_never_taken_for_a_sliver_of_it() -> None:
    extra = [*DOCS["courses.yaml"]["courses"],
             course("giant", {"communication": "working", "java": "working"}, 300)]
    roadmap = plan(person(), catalog_with(courses=extra), TODAY)
    assert "giant" not in courses(roadmap) and "comm" in courses(roadmap)


def test_never_pay_for_what_you_already_know() -> None:
    extra = [*DOCS["courses.yaml"]["courses"],
             course("bootcamp", {"python": "deep", "numpy": "working", "pandas": "working", "ml-fundamentals":
                                 "working", "statistics": "working", "linear-algebra": "working", "git": "working"},
                    200, "intermediate", cost_model="one_off", price_usd=9900)]
    knows = person(known_skills=["python", "numpy", "pandas", "ml-fundamentals", "statistics", "linear-algebra"],
                   skill_depth={"python": "working"})
    assert "bootcamp" not in courses(plan(knows, catalog_with(courses=extra), TODAY))


def test_a_free_course_that_fits_beats_a_slightly_shorter_paid_one() -> None:
    extra = [*DOCS["courses.yaml"]["courses"],
             course("dl-paid", {"neural-networks": "working", "pytorch": "working"}, 40, "intermediate",
                    cost_model="one_off", price_usd=400)]
    assert "dl" in courses(plan(person(), catalog_with(courses=extra), TODAY))


def test_a_certificate_that_comes_with_a_subscription_is_never_called_free() -> None:
    extra = [c for c in DOCS["courses.yaml"]["courses"] if c["id"] not in {"ml", "ml-cert"}]
    extra.append(course("ml-sub", {"ml-fundamentals": "working"}, 40, cost_model="subscription", monthly_usd=49,
                        certificate=True))
    roadmap = plan(person(target_role="data-scientist", wants_certificates=True), catalog_with(courses=extra), TODAY)
    item = next(c for s in roadmap.stages for c in s.courses if c.id == "ml-sub")
    assert item.cost_usd == 49 and "free" not in item.certificate_note
    assert "free certificate" not in roadmap_markdown(roadmap).split("Course ml-sub")[1].split("\n")[0]


@pytest.mark.parametrize(("written", "cert_id"), [
    ("ML Cert Two", "cert-ml-2"), ("Certified ML Cert Two (MLC-02)", "cert-ml-2"), ("ml cert", "cert-ml"),
])
def test_a_certification_named_without_its_exam_code_resolves(written: str, cert_id: str) -> None:
    prof = profile_from_data({"target_role": "ml-engineer", "named_certifications": [written]}, CATALOG)
    assert prof.named_certifications == [cert_id]


def test_an_expensive_bootcamp_is_a_last_resort_without_a_budget_for_it() -> None:
    extra = [*DOCS["courses.yaml"]["courses"],
             course("bootcamp", {"python": "deep", "numpy": "working", "pandas": "working", "ml-fundamentals":
                                 "working", "statistics": "working", "linear-algebra": "working"},
                    150, cost_model="one_off", price_usd=9900)]
    catalog = catalog_with(courses=extra)
    assert "bootcamp" not in courses(plan(person(), catalog, TODAY))
    assert "bootcamp" not in courses(plan(person(budget_usd=5000), catalog, TODAY))


def test_a_plan_of_more_than_five_years_says_what_more_hours_would_change() -> None:
    slow = plan(person(hours_per_week=1), CATALOG, TODAY)
    assert any(w.code == "pace-too-slow" and "10 h/week" in w.text for w in slow.warnings)
    assert not any(w.code == "pace-too-slow" for w in plan(person(), CATALOG, TODAY).warnings)


def test_a_java_developer_learns_python_on_their_own_without_a_language_warning() -> None:
    roadmap = plan(person(programming_language="java", known_skills=["java"]), CATALOG, TODAY)
    # A programmer learns Python's syntax and idioms on their own (an estimate), never from a beginner's course.
    assert "py-intro" not in courses(roadmap) and "py-deep" not in courses(roadmap)
    python = next(k for s in roadmap.stages for k in s.skills if k.id == "python")
    assert python.self_study and "You already program (Java)" in python.why
    assert not any(w.code == "course-language" for w in roadmap.warnings)


def test_depth_warnings_only_name_skills_still_short() -> None:
    roadmap = plan(person(programming_language="java", known_skills=["java"]), CATALOG, TODAY)
    depth = {c.id: c.reaches for s in roadmap.stages for c in s.courses}
    reached = {k: v for r in depth.values() for k, v in r.items()}
    for w in roadmap.warnings:
        if w.code == "depth-short":
            assert not any(CATALOG.skill_by_id[k].name in w.text and v == "deep" for k, v in reached.items())


def test_an_archived_course_picked_only_for_want_of_a_current_one_says_so() -> None:
    only_archived = [c for c in DOCS["courses.yaml"]["courses"] if c["id"] not in {"nlp-new", "nlp-old"}]
    roadmap = plan(person(target_role="nlp-engineer"), catalog_with(courses=only_archived), TODAY)
    item = next(c for s in roadmap.stages for c in s.courses if c.id == "nlp-archived")
    assert "no longer updated" in item.why


@pytest.mark.parametrize("value", ["hours:0", "hours:0.5"])
def test_the_chat_asks_again_for_zero_or_tiny_hours(value: str) -> None:
    from bot.domain.dialogue import DialogueState, UserInput, step

    state = DialogueState()
    state = step(state, UserInput(kind="command", value="/start"), CATALOG, TODAY).state
    state = step(state, UserInput(kind="command", value="/edit hours"), CATALOG, TODAY).state
    result = step(state, UserInput(kind="button", value=value), CATALOG, TODAY)
    assert result.state.step == "hours" and "hours" not in result.state.answered
    assert result.state.profile.hours_per_week is None


def test_a_finished_course_counts_its_skills_only_as_deep_as_it_teaches_them() -> None:
    from bot.domain.planner import replan
    from bot.domain.progress import ProgressEvent

    first = plan(person(), CATALOG, TODAY)
    after = replan(first, [ProgressEvent(item="course:py-intro", on=TODAY)], CATALOG, TODAY)
    assert "py-deep" in courses(after) and "python" in planned_skills(after)


def test_a_course_put_back_comes_back_even_when_a_finished_skill_implies_its_skill() -> None:
    from bot.domain.planner import replan
    from bot.domain.progress import ProgressEvent

    first = plan(person(target_role="data-scientist"), CATALOG, TODAY)  # needs pandas, which ML implies
    events = [ProgressEvent(item="course:data", on=TODAY), ProgressEvent(item="skill:ml-fundamentals", on=TODAY)]
    done = replan(first, events, CATALOG, TODAY)
    assert "data" not in courses(done)
    undone = replan(first, [*events, ProgressEvent(item="course:data", done=False, on=TODAY)], CATALOG, TODAY)
    assert "data" in courses(undone)


@pytest.mark.parametrize("hours", [0.01, 0.2, 0.9, -3, 0])
def test_a_profile_file_with_tiny_hours_is_one_clear_line(hours: float) -> None:
    with pytest.raises(PlanError, match=r"(?i)hours.per.week") as info:
        profile_from_data({"target_role": "ml-engineer", "hours_per_week": hours}, CATALOG)
    assert "\n" not in str(info.value)
