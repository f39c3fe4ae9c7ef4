"""The dialogue engine driven like a conversation, on a small literal catalog."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bot import texts
from bot.domain import dialogue
from bot.domain.catalog import Catalog
from bot.domain.dialogue import (
    MAX_VALUE_BYTES,
    DialogueState,
    Reply,
    StepResult,
    UserInput,
    sloppy,
    step,
    suggest_role,
)
from bot.domain.dialogue import text as free_text
from bot.domain.dialogue.steps import STEP_BY_NAME
from bot.domain.dialogue.turn import _resolve, _short
from bot.domain.profile import Education
from bot.domain.understanding import Clarification, Facts

TODAY = date(2026, 3, 15)


def _course(course_id: str, skills: list[str], cost: float = 0) -> dict[str, Any]:
    return {
        "id": course_id,
        "title": course_id.replace("-", " ").title(),
        "provider": "Example U",
        "url": f"https://example.org/{course_id}",
        "cost_usd": cost,
        "hours": 20,
        "level": "beginner",
        "skills": skills,
        "verified_on": "2026-01-01",
        "source": "https://example.org",
    }


def small_catalog() -> Catalog:
    """Three roles (two with specialisations), six skills, one course per skill."""
    skills = [
        ("python", "programming", []),
        ("sql", "programming", []),
        ("statistics", "math", []),
        ("pandas", "data", ["python"]),
        ("pytorch", "deep_learning", ["python"]),
        ("nlp-fundamentals", "nlp", ["python"]),
    ]
    role = {
        "summary": "Builds things with data. Second sentence is not shown.",
        "duties": ["build"],
    }
    return Catalog.from_documents(
        {
            "roles.yaml": {
                "roles": [
                    {
                        **role,
                        "id": "ml-engineer",
                        "name": "ML engineer",
                        "required_skills": [{"skill": "python"}, {"skill": "pytorch"}],
                        "domains": ["nlp", "computer-vision"],
                    },
                    {
                        **role,
                        "id": "nlp-engineer",
                        "name": "NLP engineer",
                        "required_skills": [{"skill": "nlp-fundamentals"}, {"skill": "pytorch"}],
                        "domains": ["nlp"],
                    },
                    {
                        **role,
                        "id": "data-analyst",
                        "name": "Data analyst",
                        "required_skills": [{"skill": "sql"}, {"skill": "statistics"}, {"skill": "pandas"}],
                    },
                ],
                "domains": [
                    {"id": "nlp", "name": "NLP"},
                    {"id": "computer-vision", "name": "Computer vision"},
                ],
            },
            "skills.yaml": {
                "skills": [
                    {
                        "id": sid,
                        "name": sid.replace("-", " ").capitalize(),
                        "category": cat,
                        "prerequisites": pre,
                        "hours": 10,
                        "why": "useful",
                    }
                    for sid, cat, pre in skills
                ]
            },
            "courses.yaml": {"courses": [_course(f"learn-{sid}", [sid]) for sid, _, _ in skills]},
        }
    )


CATALOG = small_catalog()


class Chat:
    """A conversation with the engine: send text, click buttons, run commands; keeps the state."""

    def __init__(self, catalog: Catalog = CATALOG, state: DialogueState | None = None) -> None:
        self.catalog = catalog
        self.state = state or DialogueState()
        self.last: StepResult | None = None

    def _do(self, kind: str, value: str) -> list[Reply]:
        self.last = step(self.state, UserInput(kind=kind, value=value), self.catalog, TODAY)
        self.state = self.last.state
        return self.last.replies

    def send(self, text: str) -> list[Reply]:
        return self._do("text", text)

    def click(self, value: str) -> list[Reply]:
        replies = self.question
        assert value in [o.value for o in replies.options], f"{value} not offered: {replies.options}"
        return self._do("button", value)

    def command(self, command: str) -> list[Reply]:
        return self._do("command", command)

    @property
    def question(self) -> Reply:
        assert self.last is not None
        return self.last.replies[-1]

    @property
    def text(self) -> str:
        assert self.last is not None
        return "\n".join(r.text for r in self.last.replies)


@pytest.fixture
def fake_understanding(monkeypatch: pytest.MonkeyPatch) -> dict[str, Facts]:
    """Replace understanding with a table of literal messages; anything else means nothing."""
    table: dict[str, Facts] = {}

    def understand(text: str, catalog: Catalog, today: date) -> Facts:
        return table.get(text, Facts())

    monkeypatch.setattr(free_text, "understand", understand)
    monkeypatch.setattr(sloppy, "understand", understand)
    return table


def onboard_by_buttons(chat: Chat) -> None:
    """The whole onboarding, buttons only, as an ML engineer specialising in NLP."""
    chat.command("/start")
    assert texts.WELCOME in chat.text
    chat.click("role:ml-engineer")
    assert chat.state.step == "domain"
    chat.click("domain:nlp")
    chat.click("education:bachelor")
    chat.click("job:developer")
    chat.click("years:3")
    chat.click("cat:programming")
    assert chat.question.multi_select
    chat.click("skill:python")
    assert "✅ Python" in [o.label for o in chat.question.options]
    chat.click("skill:sql")
    chat.click("skill:sql")  # toggled off again
    chat.click("cat:all")
    chat.click("cat:deep_learning")
    chat.click("skill:pytorch")
    chat.click("skills:done")
    chat.click("hours:10")
    chat.click("deadline:6")
    chat.click("budget:500")
    chat.click("certificates:yes")


def test_buttons_only_conversation_makes_a_plan() -> None:
    chat = Chat()
    onboard_by_buttons(chat)
    assert chat.state.step == "summary"
    assert "• Target role: ML engineer" in chat.question.text
    assert "• Deadline: by 2026-09-15" in chat.question.text
    chat.click("plan:make")
    assert chat.last is not None and chat.last.roadmap is not None
    assert chat.question.text == texts.PLAN_READY
    profile = chat.state.profile
    assert profile.target_role == "ml-engineer"
    assert profile.domain == "nlp"
    assert profile.education is Education.bachelor
    assert profile.current_role == "software developer"
    assert profile.years_experience == 3
    assert profile.known_skills == ["python", "pytorch"]
    assert profile.hours_per_week == 10
    assert profile.deadline == date(2026, 9, 15)
    assert (profile.budget_usd, profile.budget_known) == (500, True)
    assert profile.wants_certificates is True
    assert chat.state.planned and chat.state.step == "done"


def test_version_increments_on_every_step() -> None:
    chat = Chat()
    versions = []
    for action in ("/start", "/help", "/summary"):
        chat.command(action)
        versions.append(chat.state.version)
    chat.send("gibberish")
    versions.append(chat.state.version)
    assert versions == [1, 2, 3, 4]


def test_role_question_lists_every_role_with_its_first_sentence() -> None:
    chat = Chat()
    chat.command("/start")
    question = chat.question
    assert [o.value for o in question.options] == [
        "role:ml-engineer",
        "role:nlp-engineer",
        "role:data-analyst",
        "role:unsure",
    ]
    assert "• NLP engineer – Builds things with data." in question.text
    assert "Second sentence" not in question.text


def test_role_without_domains_skips_the_specialisation() -> None:
    chat = Chat()
    chat.command("/start")
    chat.click("role:data-analyst")
    assert chat.state.step == "education"


def test_not_sure_quiz_suggests_a_role_and_can_be_accepted() -> None:
    chat = Chat()
    chat.command("/start")
    chat.click("role:unsure")
    assert chat.state.step == "quiz1"
    chat.click("quiz1:language")
    chat.click("quiz2:maths")
    chat.click("quiz3:paper")
    assert chat.state.step == "quiz"
    assert "NLP engineer looks like a good fit" in chat.question.text
    chat.click("quiz:accept")
    assert chat.state.profile.target_role == "nlp-engineer"
    assert chat.state.step == "domain"


def test_quiz_pick_goes_back_to_the_role_list() -> None:
    chat = Chat()
    chat.command("/start")
    chat.send("not sure")
    for value in ("quiz1:data", "quiz2:maths", "quiz3:story"):
        chat.click(value)
    assert "Data analyst" in chat.question.text
    chat.send("no")
    assert chat.state.step == "role"
    assert chat.state.profile.target_role is None


def test_suggest_role_ignores_roles_missing_from_the_catalog() -> None:
    assert suggest_role({"quiz1": "infra", "quiz2": "coding", "quiz3": "ops"}, CATALOG) == "ml-engineer"


def test_button_values_fit_telegram_callback_data() -> None:
    chat = Chat()
    onboard_by_buttons(chat)
    values = [o.value for o in chat.question.options]
    for name in ("role", "domain", "skills", "quiz1", "quiz2", "quiz3"):
        values += [
            o.value
            for o in dialogue.current_reply(chat.state.model_copy(update={"step": name}), CATALOG, TODAY).options
        ]
    assert values
    assert all(v.isascii() and len(v.encode()) <= MAX_VALUE_BYTES for v in values)


def test_long_ids_get_hashed_button_values() -> None:
    long_id = "a-" + "very-long-" * 5 + "skill"
    value = _short("skill", long_id)
    assert len(value) <= MAX_VALUE_BYTES
    assert _resolve(value.split(":", 1)[1], ["python", long_id]) == long_id


def test_free_text_fills_fields_skips_them_and_echoes(fake_understanding: dict[str, Facts]) -> None:
    fake_understanding["I'm a backend dev, 10 h a week, NLP engineer by June 2027"] = Facts(
        target_role="nlp-engineer",
        hours_per_week=10,
        deadline=date(2027, 6, 1),
        current_role="backend developer",
        known_skills=["python", "sql"],
    )
    chat = Chat()
    chat.send("I'm a backend dev, 10 h a week, NLP engineer by June 2027")
    assert texts.WELCOME in chat.text
    assert (
        "Got it: NLP engineer, working as backend developer, you know Python, Sql, 10 h/week, by 2027-06-01."
        in chat.text
    )
    # Role, job, skills, hours and deadline are answered: the next open question is the specialisation.
    assert chat.state.step == "domain"
    chat.click("domain:none")
    assert chat.state.step == "education"
    chat.click("education:master")
    assert chat.state.step == "years"
    chat.send("4")
    assert chat.state.step == "budget"
    chat.send("free only")
    chat.send("no")
    assert chat.state.step == "summary"
    assert chat.state.profile.budget_usd == 0
    assert chat.state.profile.wants_certificates is False


def test_text_that_means_nothing_is_re_asked_with_an_example(fake_understanding: dict[str, Facts]) -> None:
    chat = Chat()
    chat.command("/start")
    chat.click("role:data-analyst")
    chat.click("education:phd")
    before = chat.state.profile
    chat.send("🙂🙂🙂")  # a reaction, not a wrong answer: the example without "sorry, I didn't catch that"
    assert texts.REACTION_REPLY.format(example=texts.EXAMPLES["job"]) in chat.text
    assert chat.state.step == "job"
    assert chat.state.profile == before
    chat.click("job:none")
    chat.click("cat:math")
    chat.send("qwerty zxcv")
    assert texts.NOT_UNDERSTOOD.format(example=texts.EXAMPLES["skills"]) in chat.text
    assert chat.state.step == "skills"
    assert chat.state.profile.education is Education.phd
    assert chat.question.options  # the question is asked again, buttons included


def test_greetings_and_thanks_are_answered_kindly_and_lose_nothing(fake_understanding: dict[str, Facts]) -> None:
    chat = Chat()
    chat.command("/start")
    chat.click("role:data-analyst")
    before = chat.state.profile
    chat.send("Hi there!")
    assert texts.GREETING_REPLY.format(example=texts.EXAMPLES["education"]) in chat.text
    chat.send("thanks 🙂")
    assert texts.THANKS_REPLY.format(example=texts.EXAMPLES["education"]) in chat.text
    assert chat.state.step == "education" and chat.state.profile == before
    chat.send("hi, qwerty zxcv")  # more than small talk: the ordinary re-ask, not a greeting
    assert texts.NOT_UNDERSTOOD.format(example=texts.EXAMPLES["education"]) in chat.text


def test_job_accepts_any_title_and_years_are_skipped_when_not_working() -> None:
    chat = Chat()
    chat.command("/start")
    chat.click("role:data-analyst")
    chat.click("education:bootcamp")
    chat.send("QA engineer")
    assert "Got it: working as QA engineer." in chat.text
    assert chat.state.step == "years"
    chat.command("/back")
    chat.click("job:none")
    assert chat.state.profile.years_experience == 0
    assert chat.state.step == "skills"


def test_clarifications_are_asked_back_with_yes_no(fake_understanding: dict[str, Facts]) -> None:
    fake_understanding["nlp engeneer"] = Facts(
        questions=[Clarification(field="target_role", value="nlp-engineer", prompt="Did you mean NLP engineer?")]
    )
    chat = Chat()
    chat.command("/start")
    chat.send("nlp engeneer")
    assert chat.question.text == "Did you mean NLP engineer?"
    assert [o.value for o in chat.question.options] == ["confirm:yes", "confirm:no"]
    chat.send("yes")
    assert chat.state.profile.target_role == "nlp-engineer"
    assert "Got it: NLP engineer." in chat.text
    assert chat.state.step == "domain"


def test_a_refused_clarification_keeps_the_question() -> None:
    state = DialogueState(
        step="role",
        pending=[Clarification(field="target_role", value="nlp-engineer", prompt="Did you mean NLP engineer?")],
    )
    chat = Chat(state=state)
    chat._do("button", "confirm:no")
    assert chat.state.profile.target_role is None
    assert chat.state.step == "role"
    assert chat.question.text.startswith(texts.Q_ROLE)


def test_edit_and_back_mid_way_keep_answers() -> None:
    chat = Chat()
    chat.command("/start")
    chat.click("role:ml-engineer")
    chat.click("domain:computer-vision")
    chat.click("education:bachelor")
    chat.command("/back")
    assert chat.state.step == "education"
    assert "(Now: Bachelor's)" in chat.question.text
    chat.command("/back")
    assert chat.state.step == "domain"
    chat.click("domain:nlp")
    # Answered questions are skipped: straight on to the first open one.
    assert chat.state.step == "job"
    chat.command("/edit role")
    assert chat.state.step == "role"
    chat.click("role:data-analyst")
    # The data analyst has no specialisation, so the old one is dropped rather than kept wrongly.
    assert chat.state.profile.domain is None
    assert chat.state.step == "job"
    assert chat.state.profile.education is Education.bachelor


def test_edit_from_the_summary_returns_to_the_summary_and_replans() -> None:
    chat = Chat()
    onboard_by_buttons(chat)
    chat.click("plan:make")
    first = chat.last.roadmap if chat.last else None
    chat.click("edit:list")
    assert chat.state.step == "edit"
    chat.click("edit:hours")
    assert chat.state.step == "hours"
    chat.send("20")
    assert chat.state.step == "summary"
    assert "• Hours per week: 20 h/week" in chat.question.text
    chat.click("plan:make")
    assert chat.last is not None and chat.last.roadmap is not None and chat.last.roadmap != first


def test_edit_with_unknown_field_lists_the_fields() -> None:
    chat = Chat()
    chat.command("/start")
    chat.command("/edit shoe size")
    assert 'I can\'t change "shoe size"' in chat.text
    assert chat.state.step == "edit"
    assert "edit:role" in [o.value for o in chat.question.options]
    assert "edit:domain" not in [o.value for o in chat.question.options]  # no role yet, so no domains


def test_plan_command_says_what_is_missing_and_asks_it() -> None:
    chat = Chat()
    chat.command("/start")
    chat.click("role:data-analyst")
    chat.command("/plan")
    assert texts.PLAN_MISSING.format(missing="hours per week") in chat.text
    assert chat.state.step == "hours"
    assert chat.last is not None and chat.last.roadmap is None
    chat.click("hours:5")
    chat.command("/plan")
    assert chat.last is not None and chat.last.roadmap is not None



def test_plan_command_shows_the_plan_when_nothing_changed_and_plans_again_after_an_edit() -> None:
    chat = Chat()
    chat.command("/start")
    chat.click("role:data-analyst")
    chat.command("/plan")
    chat.click("hours:5")
    chat.command("/plan")
    assert chat.last is not None and chat.last.roadmap is not None
    chat.command("/plan")
    assert chat.last is not None and chat.last.roadmap is None and chat.last.show_plan
    assert texts.PLAN_SHOWN in chat.text
    chat.command("/edit hours")
    chat.click("hours:10")
    chat.command("/plan")
    assert chat.last is not None and chat.last.roadmap is not None and not chat.last.show_plan


def test_restart_needs_confirmation() -> None:
    chat = Chat()
    chat.command("/start")
    chat.click("role:data-analyst")
    chat.command("/restart")
    assert chat.question.text == texts.RESTART_CONFIRM
    chat.click("restart:no")
    assert chat.state.profile.target_role == "data-analyst"
    assert chat.state.step == "education"
    chat.command("/restart")
    chat.click("restart:yes")
    assert chat.state.profile.target_role is None
    assert chat.state.answered == []
    assert chat.state.step == "role"
    assert chat.state.version > 0


def test_cancel_pauses_and_start_resumes() -> None:
    chat = Chat()
    chat.command("/start")
    chat.click("role:data-analyst")
    chat.command("/cancel")
    assert chat.text == texts.CANCELLED
    assert chat.state.step == "paused"
    chat.command("/start")
    assert texts.WELCOME_BACK in chat.text
    assert chat.state.step == "education"
    assert chat.state.profile.target_role == "data-analyst"


def test_start_after_a_plan_offers_it() -> None:
    chat = Chat()
    onboard_by_buttons(chat)
    chat.click("plan:make")
    chat.command("/start")
    assert chat.question.text == texts.WELCOME_BACK_PLANNED
    chat.click("plan:show")
    assert chat.last is not None and chat.last.show_plan and chat.last.roadmap is None


def test_summary_mid_way_shows_answers_then_the_open_question() -> None:
    chat = Chat()
    chat.command("/start")
    chat.click("role:nlp-engineer")
    chat.command("/summary")
    assert "• Target role: NLP engineer" in chat.text
    # Questions not reached yet read "not answered", not what a None answer would mean.
    for label in ("Specialisation", "Current job", "Deadline"):
        assert f"• {label}: {texts.NOT_ANSWERED}" in chat.text
    assert texts.NOT_WORKING not in chat.text and texts.NO_DEADLINE not in chat.text
    assert chat.state.step == "domain"
    assert chat.question.text.startswith("Any specialisation")


def test_help_and_unknown_commands_re_ask() -> None:
    chat = Chat()
    chat.command("/start")
    chat.command("/help")
    assert chat.last is not None and chat.last.replies[0].text == texts.HELP
    assert chat.state.step == "role"
    chat.command("/frobnicate")
    assert "/frobnicate" in chat.text
    assert chat.state.step == "role"


def test_unknown_or_stale_buttons_never_write() -> None:
    chat = Chat()
    chat.command("/start")
    before = chat.state.profile
    for value in ("role:astronaut", "nonsense", "hours:-3", "deadline:yesterday", "skill:cooking", "confirm:yes"):
        chat._do("button", value)
        assert chat.state.profile == before
        assert chat.state.step == "role"


def test_buttons_of_another_step_still_apply() -> None:
    # Values say what they answer, so a button from an earlier message is applied, not misread.
    chat = Chat()
    chat.command("/start")
    chat._do("button", "hours:15")
    assert chat.state.profile.hours_per_week == 15
    assert chat.state.step == "role"


def test_state_round_trips_through_json() -> None:
    chat = Chat()
    onboard_by_buttons(chat)
    restored = DialogueState.model_validate_json(chat.state.model_dump_json())
    assert restored == chat.state


def test_a_state_from_an_unknown_step_recovers() -> None:
    chat = Chat(state=DialogueState(step="removed-step", answered=["role"]))
    chat.send("hello")
    assert chat.state.step in STEP_BY_NAME


# A fuzzy match understanding both guesses and asks about, as the real one does for "computr vison".
_GUESS = Clarification(field="target_role", value="nlp-engineer", prompt="Did you mean NLP engineer?")


def test_a_guessed_role_waits_for_yes_then_is_stored_and_echoed(fake_understanding: dict[str, Facts]) -> None:
    fake_understanding["nlp enginer"] = Facts(target_role="nlp-engineer", questions=[_GUESS])
    chat = Chat()
    chat.command("/start")
    chat.send("nlp enginer")
    assert "Got it" not in chat.text
    assert chat.state.profile.target_role is None
    assert "role" not in chat.state.answered
    assert chat.question.text == "Did you mean NLP engineer?"
    chat.send("yes")
    assert chat.state.profile.target_role == "nlp-engineer"
    assert "Got it: NLP engineer." in chat.text
    assert chat.state.step == "domain"


def test_a_guessed_role_refused_with_no_is_never_stored(fake_understanding: dict[str, Facts]) -> None:
    fake_understanding["nlp enginer"] = Facts(target_role="nlp-engineer", questions=[_GUESS])
    chat = Chat()
    chat.command("/start")
    chat.send("nlp enginer")
    chat.send("no")
    assert chat.state.profile.target_role is None
    assert "role" not in chat.state.answered
    assert "Got it" not in chat.text
    assert chat.state.step == "role"
    assert chat.question.text.startswith(texts.Q_ROLE)


def test_a_refused_guess_keeps_the_earlier_answer(fake_understanding: dict[str, Facts]) -> None:
    fake_understanding["nlp enginer"] = Facts(target_role="nlp-engineer", questions=[_GUESS])
    chat = Chat()
    chat.command("/start")
    chat.click("role:data-analyst")
    chat.command("/edit role")
    chat.send("nlp enginer")
    chat.click("confirm:no")
    assert chat.state.profile.target_role == "data-analyst"


def test_the_certain_facts_of_a_message_are_stored_while_the_guess_is_asked(
    fake_understanding: dict[str, Facts],
) -> None:
    fake_understanding["nlp enginer, 10 h a week"] = Facts(
        target_role="nlp-engineer", hours_per_week=10, questions=[_GUESS]
    )
    chat = Chat()
    chat.command("/start")
    chat.send("nlp enginer, 10 h a week")
    assert chat.state.profile.hours_per_week == 10
    assert "Got it: 10 h/week." in chat.text
    assert chat.state.profile.target_role is None
    assert chat.question.text == "Did you mean NLP engineer?"


@pytest.mark.parametrize(("answer", "hours"), [("yes", 8.0), ("no", None)])
def test_weekend_hours_wait_for_the_answer(
    fake_understanding: dict[str, Facts], answer: str, hours: float | None
) -> None:
    fake_understanding["only on weekends"] = Facts(
        hours_per_week=8,
        questions=[Clarification(field="hours_per_week", value="8", prompt="Weekends only: about 8 hours a week?")],
    )
    chat = Chat()
    chat.command("/start")
    chat.click("role:data-analyst")
    chat.send("only on weekends")
    assert chat.state.profile.hours_per_week is None
    assert chat.question.text == "Weekends only: about 8 hours a week?"
    chat.send(answer)
    assert chat.state.profile.hours_per_week == hours
    assert ("hours" in chat.state.answered) is (answer == "yes")
    assert ("Got it: 8 h/week." in chat.text) is (answer == "yes")


@pytest.mark.parametrize(("answer", "budget", "known"), [("yes", 50.0, True), ("no", None, False)])
def test_a_monthly_budget_waits_for_the_answer(
    fake_understanding: dict[str, Facts], answer: str, budget: float | None, known: bool
) -> None:
    fake_understanding["$50 a month"] = Facts(
        budget_usd=50,
        budget_known=True,
        questions=[Clarification(field="budget_usd", value="50", prompt="Is $50 a month your budget?")],
    )
    chat = Chat()
    chat.command("/start")
    chat.click("role:data-analyst")
    chat.send("$50 a month")
    assert chat.state.profile.budget_usd is None
    assert not chat.state.profile.budget_known
    assert "budget" not in chat.state.answered
    chat.send(answer)
    assert chat.state.profile.budget_usd == budget
    assert chat.state.profile.budget_known is known
    assert ("budget" in chat.state.answered) is known


@pytest.mark.parametrize(("answer", "role"), [("yes", "data-analyst"), ("no", None)])
def test_real_understanding_guess_is_stored_only_on_yes(answer: str, role: str | None) -> None:
    chat = Chat()
    chat.command("/start")
    chat.send("data analist")
    assert chat.question.text == "Did you mean data analyst?"
    assert "Got it" not in chat.text
    assert chat.state.profile.target_role is None
    chat.send(answer)
    assert chat.state.profile.target_role == role
    assert ("Got it: Data analyst." in chat.text) is (answer == "yes")
