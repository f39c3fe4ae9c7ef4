"""Free-text misreads that changed the plan (session 4, wave 2): studied fields, work done for years, titles said with
"now", students, build-an-AI-product goals, tools after "w/", rates in money, and the field of a degree.

General rules on the shipped catalog, several phrasings each; hypothesis where a rule covers a family of phrasings.
"""

from __future__ import annotations

from datetime import date

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.dialogue import DialogueState
from bot.domain.profile import Education, LearnerProfile
from bot.domain.understanding import understand
from tests.unit.test_dialogue import Chat
from tests.unit.understood import CATALOG, ROOT, facts

# ---------------------------------------------------------------- 1. a studied field is background


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        ("bootcamp grad (data science), unemployed, want mlops, full time studying 40h", "mlops-engineer"),
        ("did a data science bootcamp, want to become an nlp engineer", "nlp-engineer"),
        ("data science major, want mlops", "mlops-engineer"),
        ("MSc data science 2023, now I want to move into mlops", "mlops-engineer"),
        ("took a data analytics course last year, goal: ml engineer", "ml-engineer"),
        ("bootcamp (data analysis), want computer vision", "cv-engineer"),
        ("degree in data science, want to build LLM products", "ai-engineer"),
    ],
)
def test_a_field_studied_is_background_when_a_goal_names_another(text: str, goal: str) -> None:
    """The subject of a past course, degree, bootcamp or major is never the goal when a goal cue names another."""
    assert facts(text).target_role == goal


@pytest.mark.parametrize("text", ["I'm thinking of a data science bootcamp", "want to do a data science course",
                                  "data science bootcamp grad, what next?"])
def test_a_studied_field_alone_still_names_the_goal(text: str) -> None:
    """Without another goal, the field of a course wished for (or the only field said) stays the role."""
    assert facts(text).target_role == "data-scientist"


# ---------------------------------------------------------------- 2. work done for years


@pytest.mark.parametrize(
    ("text", "job", "years"),
    [
        ("i do marketing analytics (sql, excel, some python) for 6 yrs, want to move into data science",
         "marketing analytics", 6),
        ("I've done payroll for 10 years, want data analyst", "payroll", 10),
        ("been doing UX research 4 years. want DS", "ux research", 4),
        ("i do sales for 5 yrs, want to be a data analyst", "sales", 5),
        ("I have been doing bookkeeping for 15 years, want data analyst, part time 10h", "bookkeeping", 15),
        ("doing customer support 2 yrs, self learning python, goal mlops engineer", "customer support", 2),
        ("I've been doing tech recruiting for about 3 years", "tech recruiting", 3),
    ],
)
def test_work_done_for_years_is_the_job_and_its_years(text: str, job: str, years: float) -> None:
    """"I do X for N yrs", "I've done X for N years", "doing X N yrs": the job as written, and the years."""
    got = facts(text)
    assert (got.current_role, got.years_experience) == (job, years)


@pytest.mark.parametrize("text", ["doing python for 3 years, want mle", "I've been doing it for 6 years",
                                  "been doing coding for 2 years"])
def test_a_skill_or_a_pronoun_done_for_years_is_no_job(text: str) -> None:
    """"doing python for 3 years" names a skill used, "doing it" nothing: no job is made of them."""
    assert facts(text).current_role is None


@settings(max_examples=40, deadline=None)
@given(work=st.sampled_from(["payroll", "logistics planning", "tax returns", "event management", "claims handling"]),
       lead=st.sampled_from(["i do", "I've done", "i've been doing", "been doing"]),
       years=st.integers(min_value=1, max_value=30), unit=st.sampled_from(["years", "yrs", "y"]))
def test_work_done_for_years_property(work: str, lead: str, years: int, unit: str) -> None:
    """Any line of work said with a lead of doing and a span of years is the job, with the years."""
    got = facts(f"{lead} {work} for {years} {unit}, want to become a data analyst")
    assert (got.current_role, got.years_experience, got.target_role) == (work, years, "data-analyst")


# ---------------------------------------------------------------- 3. a title with tools, tools outside the catalog


@pytest.mark.parametrize(
    ("text", "job", "tools"),
    [
        ("mechanical engineer w/ matlab, want computer vision, 10h/week", "mechanical engineer", ["matlab"]),
        ("electrical engineer using simulink and labview, want ML engineer", "electrical engineer",
         ["simulink", "labview"]),
        ("chip designer with verilog, vhdl. want mle", "chip designer", ["verilog", "vhdl"]),
        ("statistician w/ SAS and SPSS, want DS", "statistician", ["sas", "spss"]),
        ("Senior frontend engineer (React/TS, 9 yrs). Want to build LLM products.", "frontend engineer",
         ["react", "typescript"]),
    ],
)
def test_an_opening_title_with_tools_is_the_job_and_the_tools_are_kept(text: str, job: str,
                                                                       tools: list[str]) -> None:
    """"<title> w/ / with / using <tools>": the title is the job; tools outside the catalog are other experience."""
    got = facts(text)
    assert got.current_role == job
    assert set(tools) <= set(got.other_experience)


@pytest.mark.parametrize(("text", "job", "years"), [("nurse w/ 6 yrs ICU, want ml engineer", "nurse", 6),
                                                    ("junior dev w/ 2 yrs, want mle", "dev", 2),
                                                    ("welder with 12 years, want data analyst", "welder", 12)])
def test_a_title_with_years_is_the_job(text: str, job: str, years: float) -> None:
    """"<title> w/ N yrs" is the job and its length."""
    got = facts(text)
    assert (got.current_role, got.years_experience) == (job, years)


def test_lower_case_ts_is_not_a_tool_outside_a_list() -> None:
    """"TS" is TypeScript as written in capitals; the lower-case letters alone are nothing."""
    assert "typescript" not in facts("its ts time, want ML engineer").other_experience


# ---------------------------------------------------------------- 4. "<title> now"


@pytest.mark.parametrize(
    ("text", "job"),
    [
        ("PhD physics, postdoc now, python daily", "postdoc"),
        ("biology phd, postdoc in genomics now, want ml researcher", "postdoc"),
        ("was a teacher, data analyst now", "data analyst"),
        ("former nurse; pharmacist now", "pharmacist"),
        ("used to do retail, now a warehouse supervisor", "warehouse supervisor"),
        ("currently a lab technician, want DS", "lab technician"),
        ("MSc chemistry, research assistant right now, want ML engineer", "research assistant"),
    ],
)
def test_a_title_said_with_now_is_the_current_job(text: str, job: str) -> None:
    """"<title> now", "now <title>", "currently <title>" name the current job."""
    assert facts(text).current_role == job


def test_a_role_wished_for_now_is_no_job() -> None:
    """"I want to be an ML engineer now" is the goal, not the job."""
    got = facts("I want to be ml engineer now")
    assert got.current_role is None and got.target_role == "ml-engineer"


# ---------------------------------------------------------------- 5. students


@pytest.mark.parametrize(
    ("text", "education"),
    [
        ("sophomore cs major, know java and some python, want ml engineer", Education.high_school),
        ("econ undergrad, final year, i know stata", Education.high_school),
        ("junior year of college, want DS", Education.high_school),
        ("accounting major junior year, excel and sql, want data analyst", Education.high_school),
        ("freshman, physics major, want to become an ml researcher", Education.high_school),
        ("hs senior, know some python, want to be ai engineer someday", None),
    ],
)
def test_any_student_is_student_and_a_degree_in_progress_counts_one_level_lower(text: str,
                                                                                education: Education | None) -> None:
    """A year of study, "X major", "undergrad": the job is "student"; a bachelor's in progress is high school."""
    got = facts(text)
    assert got.current_role == "student"
    assert got.education == education


@pytest.mark.parametrize("text", ["i was a math major, now a teacher", "graduated as an econ major in 2015, analyst"])
def test_a_past_major_is_a_degree_reached_not_a_student(text: str) -> None:
    """"I was a math major": the bachelor's is reached and the learner is no student."""
    got = facts(text)
    assert got.current_role != "student" and got.education == Education.bachelor


@pytest.mark.parametrize(("text", "job"), [("phd candidate neuroscience, coding python matlab", "phd candidate"),
                                          ("masters student, want DS", "masters student")])
def test_a_graduate_student_is_the_job_as_written(text: str, job: str) -> None:
    """Graduate students keep their title as written ("phd candidate"), like "bio phd student" in the labels."""
    assert facts(text).current_role == job


# ---------------------------------------------------------------- 6. goals said as what to build


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Senior frontend engineer (React/TS, 9 yrs). Want to build LLM products.", "ai-engineer"),
        ("want to build RAG apps for my company", "ai-engineer"),
        ("i'd love to ship AI agents", "ai-engineer"),
        ("goal: building gen ai tools for lawyers", "ai-engineer"),
        ("real estate agent, 12 yrs, wanna learn ai to build chatbots for clients", "ai-engineer"),
        ("want to build ML models in production, backend dev 4 yrs", "ml-engineer"),
        ("I want to deploy machine learning models into production", "ml-engineer"),
        ("quant trader 4yrs, want to move into deep learning research", "ml-researcher"),
        ("hoping to do NLP research one day", "ml-researcher"),
    ],
)
def test_a_goal_to_build_names_the_role_that_builds_it(text: str, role: str) -> None:
    """Building LLM / generative-AI / RAG / agent products is the AI engineer's work; ML models in production the
    ML engineer's; research in an ML field the researcher's."""
    assert facts(text).target_role == role


@pytest.mark.parametrize("text", ["i build llm apps at work, want to be ml researcher",
                                  "I don't want to build LLM products, I want data analyst"])
def test_building_said_as_work_or_refused_is_no_goal(text: str) -> None:
    """Building at work, or refusing to, leaves the goal to the role named."""
    assert facts(text).target_role in {"ml-researcher", "data-analyst"}


def test_a_named_role_wins_over_what_to_build() -> None:
    """"want to become a data scientist and build LLM apps": the role said is the goal."""
    assert facts("want to become a data scientist and build LLM apps").target_role == "data-scientist"


def test_working_on_chatbots_is_an_interest_not_a_role() -> None:
    """"I want to work on chatbots" says a domain; only building them names the AI engineer."""
    assert facts("I want to work on chatbots").target_role is None


# ---------------------------------------------------------------- non-native and sloppy openings


@pytest.mark.parametrize(
    ("text", "job"),
    [
        ("i am work in bank as credit analyst since 2019, want become data scientist", "credit analyst"),
        ("im work at factory as quality engineer 5 years", "quality engineer"),
        ("teacher of english in Japan 3 yrs, want DS", "teacher"),
        ("legal counsel at fintech for 5 yrs, want to build genai tools", "legal counsel"),
        ("attorney at a law firm, 8 years, want NLP", "attorney"),
    ],
)
def test_non_native_and_sloppy_job_phrasings(text: str, job: str) -> None:
    """"i am work as", "<title> of <subject>", legal titles: the job as written."""
    assert facts(text).current_role == job


@pytest.mark.parametrize(("text", "monthly"), [("want mle, $50 a month", 50), ("I can spend $30 a month, 6 months", 30),
                                               ("50$ a month is ok", 50)])
def test_money_a_month_is_a_monthly_budget_and_no_deadline(text: str, monthly: float) -> None:
    """"$50 a month" is a rate: a monthly budget, never "a month" as a deadline."""
    got = facts(text)
    assert got.budget_monthly == monthly and got.budget_usd is None
    assert got.deadline is None or "6 months" in text


@pytest.mark.parametrize("text", ["math teacher high school 12 years, want data scientist",
                                  "teacher at a high school, want DS", "I teach at a high school"])
def test_teaching_at_a_high_school_is_no_education(text: str) -> None:
    """A high school as the workplace says nothing of the learner's education."""
    assert facts(text).education is None


@pytest.mark.parametrize(("text", "education"), [("llb, 5 yrs in law", Education.bachelor),
                                                 ("biochem degree, pharma sales", Education.bachelor),
                                                 ("BA english lit, teacher", Education.bachelor)])
def test_degrees_named_by_subject_or_short_form(text: str, education: Education) -> None:
    """"LLB", "<subject> degree", "BA <subject>" are bachelor's degrees."""
    assert facts(text).education == education


# ---------------------------------------------------------------- 7. the field of a degree


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("PhD in physics", "physics"),
        ("physics PhD, 2 postdocs", "physics"),
        ("PhD physics, postdoc now, python daily", "physics"),
        ("MSc stats, 3 yrs analyst", "statistics"),
        ("BSc in computer science from a small uni", "computer science"),
        ("CS degree, backend dev", "computer science"),
        ("degree in economics and some python", "economics"),
        ("math major", "mathematics"),
        ("maths degree", "mathematics"),
        ("masters in econ, 4 years analyst", "economics"),
        ("bachelor's in marine biology, want DS", "marine biology"),
        ("BA english lit, teacher", "english literature"),
        ("BSc maths then an MSc in statistics", "statistics"),
    ],
)
def test_the_field_of_a_degree_is_read_as_written(text: str, field: str) -> None:
    """The subject of the highest degree, lower case, short forms written out (stats, cs, math, econ)."""
    assert facts(text).field_of_study == field


@pytest.mark.parametrize("text", ["want a master's in AI", "thinking about a phd in statistics", "my degree",
                                  "college degree", "no degree in anything", "I have a BA"])
def test_no_field_from_wished_unnamed_or_refused_degrees(text: str) -> None:
    """A degree wished for, denied, or named without its subject gives no field."""
    assert facts(text).field_of_study is None


@settings(max_examples=60, deadline=None)
@given(degree=st.sampled_from(["PhD", "MSc", "BSc", "master's", "bachelor's", "degree"]),
       subject=st.sampled_from([("physics", "physics"), ("stats", "statistics"), ("cs", "computer science"),
                                ("maths", "mathematics"), ("econ", "economics"), ("chemistry", "chemistry")]),
       shape=st.sampled_from(["{d} in {s}", "{s} {d}", "{d} {s}"]))
def test_field_of_study_property(degree: str, subject: tuple[str, str], shape: str) -> None:
    """Every shape of degree and subject gives the subject written out."""
    said, written = subject
    if shape == "{d} {s}" and degree in {"master's", "bachelor's", "degree"}:
        shape = "{d} in {s}"  # "degree physics" is no way to say it
    text = shape.format(d=degree, s=said) + ", want to become a data scientist"
    assert facts(text).field_of_study == written


def test_labelled_fields_of_study_in_the_development_set() -> None:
    """Every development case labelled with a field of study reads it (the accuracy bench does not score it)."""
    data = yaml.safe_load((ROOT / "tests" / "data" / "understanding_cases.yaml").read_text(encoding="utf-8"))
    today = data["today"]
    labelled = [c for c in data["cases"] if "field_of_study" in (c.get("expect") or {})]
    assert len(labelled) >= 8
    misses = [(c["text"][:50], understand(c["text"], CATALOG, today).field_of_study) for c in labelled
              if understand(c["text"], CATALOG, today).field_of_study != c["expect"]["field_of_study"]]
    assert misses == []


def test_the_dialogue_keeps_the_field_of_study_without_asking() -> None:
    """A free-text answer that names a degree's subject stores it in the profile; no question is asked about it."""
    chat = Chat(state=DialogueState(step="education", profile=LearnerProfile(target_role="ml-engineer"),
                                    answered=["role", "domain"]))
    chat.send("PhD in physics")
    assert chat.state.profile.field_of_study == "physics"
    assert chat.state.profile.education == Education.phd
    assert "field_of_study" not in chat.state.answered
    assert "physics" not in chat.question.text.lower()


# ---------------------------------------------------------------- terminal QA, second round


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("marine biologist, wanna do computer vision for fish counting, 1 year", date(2027, 11, 23)),
        ("want DS, 1 year", date(2027, 11, 23)),
        ("want to become data analyst, 2 yrs, 10h", date(2028, 11, 23)),
        ("nurse 5 yrs, goal ml engineer, 1.5 years", date(2028, 5, 23)),
    ],
)
def test_a_bare_span_of_years_after_the_goal_is_its_deadline(text: str, deadline: date) -> None:
    """"..., want X, 1 year": the span standing alone right after the goal's clause is the goal's time, not work."""
    got = facts(text)
    assert got.deadline == deadline
    assert got.years_experience in {None, 5}


@pytest.mark.parametrize(("text", "years"), [("ML engineer, 2 years", 2), ("teacher 10 years, want DS, 10h", 10),
                                             ("nurse, 5 years, want data analyst", 5)])
def test_a_span_after_a_job_and_before_any_goal_stays_the_years_of_work(text: str, years: float) -> None:
    """A span right after the job, with no goal between them, is the length of the work."""
    got = facts(text)
    assert got.years_experience == years and got.deadline is None


@pytest.mark.parametrize(
    ("text", "job", "years"),
    [
        ("I'm in sales (B2B, 7 years) and want to become an AI engineer", "sales", 7),
        ("i'm in finance, 4 yrs, want DS", "finance", 4),
        ("I am in customer success for 3 years", "customer success", 3),
        ("hi, me is software engineer from brazil, 8 year java, i want become mle", "software engineer", None),
    ],
)
def test_a_line_of_business_or_a_non_native_lead_names_the_job(text: str, job: str, years: float | None) -> None:
    """"I'm in sales", "me is <title>": the job as written."""
    got = facts(text)
    assert (got.current_role, got.years_experience) == (job, years)


@pytest.mark.parametrize("text", ["I'm in it for the money", "i want to work in marketing", "I'm in London, 3 years"])
def test_no_line_of_business_from_other_ins(text: str) -> None:
    """"in it", a wish to work in a field, or a city: no job."""
    assert facts(text).current_role is None


@pytest.mark.parametrize(
    ("text", "known"),
    [
        ("finance analyst w/ excel, vba, sql; want to become data scientist", {"spreadsheets-bi", "sql"}),
        ("lab tech using python and sql, want DS", {"python", "sql"}),
        ("Im a pharmacist (hospital), 12 years. only excel.", {"spreadsheets-bi"}),
        ("real estate agent, 12 yrs, just excel", {"spreadsheets-bi"}),
    ],
)
def test_tools_of_the_work_and_the_only_tool_are_known(text: str, known: set[str]) -> None:
    """Skills after "<title> w/ / using", and "only excel" said on its own, are known."""
    assert known <= set(facts(text).known_skills)


def test_mainly_a_field_is_an_interest_not_a_skill() -> None:
    """"mainly LLM side" names what the learner wants, not a skill held."""
    assert "llms" not in facts("Want to shift in AI field, mainly LLM side.").known_skills


@pytest.mark.parametrize("text", ["second year econ student, python little", "stats student, want DS",
                                  "business student in my final year"])
def test_a_subject_student_has_a_bachelors_in_progress(text: str) -> None:
    """"<subject> student" is a bachelor's in progress: high school reached."""
    assert facts(text).education == Education.high_school


@pytest.mark.parametrize("text", ["want mle, $50 a month", "€40 a month", "I can spend $30 a month"])
def test_a_monthly_amount_with_a_currency_sign_is_a_rate(text: str) -> None:
    """"a month" after an amount of money is "per month" (the sign on either side)."""
    got = facts(text)
    assert got.deadline is None
    assert got.budget_monthly is not None or got.budget_foreign is not None


@pytest.mark.parametrize(("text", "domain", "held"), [
    ("I have interest for NLP, lawyer 8 yrs", "nlp", set()),
    ("I have a passion for computer vision, nurse 4 yrs", "computer-vision", set()),
    ("i have experience in nlp and interest in cv", "computer-vision", {"nlp-fundamentals"}),
])
def test_an_interest_is_the_domain_never_a_skill_held(text: str, domain: str, held: set[str]) -> None:
    """"I have interest for NLP": the "have" is of the interest; the field is the domain wished for."""
    got = facts(text)
    assert got.domain == domain
    assert set(got.known_skills) == held


@pytest.mark.parametrize("text", ["sir i am fresher btech cse 2025 passout, know python java",
                                  "fresher, bsc computer science, want data analyst"])
def test_a_fresher_is_a_new_graduate_not_a_student(text: str) -> None:
    """"Fresher" (Indian English) is a graduate without work: no years, no "student"."""
    got = facts(text)
    assert got.current_role != "student" and got.years_experience == 0


def test_singular_subject_names_are_written_out() -> None:
    """"master of statistic" is statistics."""
    assert facts("i finish master of statistic last year").field_of_study == "statistics"


@pytest.mark.parametrize(("text", "known"), [
    ("astrophysicist (phd), 3 yrs postdoc, lots of python/numpy, want industry ML", {"python", "numpy"}),
    ("Business analyst in insurance, 4 yrs, lots of excel + power bi", {"spreadsheets-bi"}),
    ("a lot of sql at work", {"sql"}),
])
def test_lots_of_a_tool_is_known(text: str, known: set[str]) -> None:
    """"lots of python": used a lot, so known (the depth is left to other words)."""
    got = facts(text)
    assert known <= set(got.known_skills)


@pytest.mark.parametrize("job", ["bartender", "courier", "caregiver", "hairdresser", "gardener", "cashier"])
def test_everyday_jobs_are_jobs(job: str) -> None:
    """Jobs outside offices are jobs too: "I'm a bartender, no degree"."""
    assert facts(f"I'm a {job}, no degree, wanna be data analyst").current_role == job
