"""Sloppy answers at every question: skips, questions back, repeated misses, typed answers said back."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from bot import texts
from bot.domain import dialogue
from bot.domain.dialogue import DialogueState
from bot.domain.dialogue.skip import _way_out
from bot.domain.profile import LearnerProfile
from tests.unit.test_dialogue import CATALOG, Chat

SKIPS = ["skip", "idk", "whatever", "dunno", "no idea", "not sure", "pass", "I don't know", "🤷", "🤷‍♀️",
         "skip this one", "idk lol", "ask me later", "rather not say", "Whatever.", "n/a"]
# Every question, reached with the questions before it answered (the role has specialisations).
ORDER = [name for name in dialogue.FIELDS]


def at(step_name: str, answered: list[str] | None = None) -> Chat:
    """A chat standing at `step_name`, with the questions before it answered."""
    before = ORDER[: ORDER.index(step_name)] if step_name in ORDER else ["role"]
    profile = LearnerProfile(target_role="ml-engineer", hours_per_week=10 if "hours" in before else None)
    return Chat(state=DialogueState(step=step_name, profile=profile, answered=answered or before))


@settings(max_examples=60, deadline=None)
@given(step_name=st.sampled_from([n for n in ORDER if n not in {"role", "hours"}]), said=st.sampled_from(SKIPS))
def test_a_skip_at_an_optional_question_moves_on_and_never_stores_the_words(step_name: str, said: str) -> None:
    chat = at(step_name)
    chat.send(said)
    assert chat.state.step != step_name, chat.text
    assert step_name in chat.state.answered
    assert said.lower() not in (chat.state.profile.current_role or "").lower(), "a skip is not a job title"
    assert texts.NOT_UNDERSTOOD.split("{")[0] not in chat.text


@settings(max_examples=30, deadline=None)
@given(said=st.sampled_from(SKIPS))
def test_a_skip_at_a_needed_question_says_why_it_is_needed_and_stays(said: str) -> None:
    chat = at("hours")
    chat.send(said)
    assert chat.state.step == "hours" and "hours" not in chat.state.answered
    assert texts.SKIP_NEEDED["hours"] in chat.text


def test_a_skipped_question_reads_skipped_in_the_summary_and_an_answer_later_clears_it() -> None:
    chat = at("job")
    chat.send("skip")
    assert "job" in chat.state.skipped and chat.state.profile.current_role is None
    chat.command("/summary")
    assert f"{texts.FIELD_LABELS['job']}: {texts.SKIPPED_VALUE}" in chat.text
    assert "not working" not in chat.text.lower(), "a skipped job is not 'not working'"
    chat.command("/edit job")
    chat.send("nurse")
    assert "job" not in chat.state.skipped and chat.state.profile.current_role == "nurse"


def test_skip_while_changing_an_answer_keeps_the_answer() -> None:
    chat = Chat(state=DialogueState(step="years", profile=LearnerProfile(target_role="data-analyst",
                                                                          years_experience=7),
                                    answered=["role", "years"]))
    chat.send("skip")
    assert chat.state.profile.years_experience == 7 and "years" not in chat.state.skipped


@settings(max_examples=20, deadline=None)
@given(said=st.lists(st.sampled_from(SKIPS), min_size=3, max_size=3))
def test_idk_to_every_quiz_question_never_loops_and_never_guesses_a_role(said: list[str]) -> None:
    chat = Chat()
    chat.command("/start")
    chat.send("not sure")
    for answer in said:
        chat.send(answer)
    assert chat.state.step == "role", chat.text
    assert texts.QUIZ_NOTHING_PICKED in chat.text and chat.state.profile.target_role is None


def test_one_quiz_answer_is_enough_for_a_suggestion() -> None:
    chat = Chat()
    chat.command("/start")
    chat.send("not sure")
    chat.send("idk")
    chat.click("quiz2:maths")
    chat.send("whatever")
    assert chat.state.step == "quiz"


@settings(max_examples=40, deadline=None)
@given(step_name=st.sampled_from(ORDER),
       asked=st.sampled_from(["why do you need this?", "how long will it take?", "what do you mean?",
                              "why?", "how much will it cost me?"]))
def test_a_question_back_gets_why_the_question_is_asked_not_a_scolding(step_name: str, asked: str) -> None:
    chat = at(step_name)
    chat.send(asked)
    assert texts.WHY_ASKED[step_name] in chat.text, chat.text
    assert texts.NOT_UNDERSTOOD.split("{")[0] not in chat.text
    assert chat.state.step == step_name


@settings(max_examples=40, deadline=None)
@given(step_name=st.sampled_from(ORDER), nonsense=st.sampled_from(["zzz", "banana", "qwerty", "asdf jkl"]))
def test_a_second_miss_in_a_row_offers_a_way_past_the_question(step_name: str, nonsense: str) -> None:
    chat = at(step_name)
    chat.send(nonsense)
    if chat.state.step != step_name:
        return  # the job question takes any words as a title
    first = chat.last.replies[0].text if chat.last else ""
    chat.send(nonsense)
    second = chat.last.replies[0].text if chat.last else ""
    assert second != first, "the same 'didn't catch that' twice"
    assert _way_out(step_name) in second
    assert _way_out(step_name), "every question has a way out"


def test_a_miss_counter_resets_after_an_answer() -> None:
    chat = at("years")
    chat.send("banana")
    chat.send("python")  # an answer to another question, understood
    chat.send("banana")
    assert chat.last is not None and chat.last.replies[0].text.startswith(texts.NOT_UNDERSTOOD.split("{")[0])


def test_the_role_question_asked_again_after_a_miss_drops_the_long_descriptions() -> None:
    chat = Chat()
    chat.command("/start")
    full = chat.question.text
    chat.send("banana")
    assert chat.question.text != full and len(chat.question.text) < len(full)
    assert [o.value for o in chat.question.options] == [o.value for o in dialogue.current_reply(
        chat.state, CATALOG, date(2026, 3, 15)).options]


@settings(max_examples=30, deadline=None)
@given(step_name=st.sampled_from(["domain", "education", "years", "hours", "deadline", "budget", "certificates"]))
def test_a_typed_answer_taken_by_a_question_is_said_back(step_name: str) -> None:
    typed = {"domain": "actually make it NLP", "education": "masters", "years": "5", "hours": "12",
             "deadline": "6 months", "budget": "300", "certificates": "yes"}[step_name]
    chat = at(step_name)
    chat.send(typed)
    assert chat.state.step != step_name
    got_it = [r.text for r in chat.last.replies if r.text.startswith("Got it")] if chat.last else []
    assert len(got_it) == 1, chat.text


def test_amount_questions_say_a_typed_number_is_the_amount() -> None:
    for name in ("hours", "years", "budget"):
        chat = at(name)
        chat.command("/summary")  # re-asks the current question
        assert chat.question.amount, name
    chat = at("deadline")
    chat.command("/summary")
    assert not chat.question.amount


@settings(max_examples=30, deadline=None)
@given(request=st.sampled_from(["make my plan", "ok make the plan", "just make it", "make plan", "plan it now"]),
       step_name=st.sampled_from(["certificates", "deadline", "budget", "domain"]))
def test_a_plan_request_at_any_question_is_never_read_as_its_answer(request: str, step_name: str) -> None:
    chat = at(step_name, answered=["role", "hours"])
    chat.state = chat.state.model_copy(update={"profile": chat.state.profile.model_copy(update={"hours_per_week": 8})})
    before = chat.state.profile.model_copy()
    chat.send(request)
    assert chat.last is not None and chat.last.roadmap is not None, chat.text
    assert step_name not in chat.state.answered, "a plan request answered the question"
    assert chat.state.profile.wants_certificates == before.wants_certificates


@settings(max_examples=20, deadline=None)
@given(asked=st.sampled_from(["how long will it take?", "how much will it cost?", "what now?", "why?"]))
def test_a_question_back_after_the_questions_points_to_the_plan(asked: str) -> None:
    chat = at("certificates")
    chat.send("no")
    assert chat.state.step == "summary"
    chat.send(asked)
    assert texts.ASKED_BACK_AT["summary"] in chat.text
    chat.send("make my plan")
    assert chat.state.step == "done"
    chat.send(asked)
    assert texts.ASKED_BACK_AT["done"] in chat.text and texts.NOT_UNDERSTOOD.split("{")[0] not in chat.text


@settings(max_examples=30, deadline=None)
@given(step_name=st.sampled_from(["education", "years", "hours", "budget", "certificates", "summary"]),
       said=st.sampled_from(["actually make it NLP", "nlp", "make it nlp please", "switch to NLP"]))
def test_a_bare_specialisation_of_the_chosen_role_changes_the_specialisation_not_the_role(
    step_name: str, said: str
) -> None:
    chat = at(step_name)
    chat.send(said)
    assert chat.state.profile.target_role == "ml-engineer", chat.text
    pending = [q.prompt for q in chat.state.pending]
    assert chat.state.profile.domain == "nlp" or any("NLP" in p for p in pending), chat.text


def test_a_specialisation_named_with_its_role_noun_still_changes_the_role() -> None:
    chat = at("certificates")
    chat.send("actually make it NLP engineer")
    changed = chat.state.profile.target_role == "nlp-engineer"
    assert changed or any("NLP engineer" in q.prompt for q in chat.state.pending), chat.text


WORDS = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
]


@settings(max_examples=60, deadline=None)
@given(n=st.integers(min_value=1, max_value=20), unit=st.sampled_from(["", " years", " yrs"]))
def test_years_in_words_are_that_many_years(n: int, unit: str) -> None:
    chat = at("years")
    chat.send(WORDS[n - 1] + unit)
    assert chat.state.profile.years_experience == n, chat.text


@settings(max_examples=60, deadline=None)
@given(tens=st.sampled_from([20, 30, 40]), ones=st.integers(min_value=0, max_value=9),
       unit=st.sampled_from(["", " hours", " h a week"]))
def test_hours_in_words_are_that_many_hours(tens: int, ones: int, unit: str) -> None:
    word = {20: "twenty", 30: "thirty", 40: "forty"}[tens] + (f"-{WORDS[ones - 1]}" if ones else "")
    chat = at("hours")
    chat.send(word + unit)
    assert chat.state.profile.hours_per_week == tens + ones, chat.text


@settings(max_examples=20, deadline=None)
@given(said=st.sampled_from(["yes", "yeah", "yes!", "sure", "yep"]))
def test_yes_to_a_question_that_reads_as_yes_no_asks_which_one(said: str) -> None:
    chat = at("domain")
    chat.send(said)
    assert chat.state.step == "domain" and chat.state.misses == 0
    assert texts.YES_WHICH["domain"] in chat.text and "doesn't answer" not in chat.text


@settings(max_examples=20, deadline=None)
@given(said=st.sampled_from(["no", "nope", "none", "nothing", "nah"]))
def test_no_at_a_needed_question_says_why_it_is_needed(said: str) -> None:
    chat = at("hours")
    chat.send(said)
    chat.send(said)
    assert chat.text.startswith(texts.SKIP_NEEDED["hours"]), chat.text


@settings(max_examples=20, deadline=None)
@given(reaction=st.sampled_from([":)", "😂😂", "!!!", "🙏", "...", "❤️ ❤️"]))
def test_an_emoji_or_punctuation_only_message_is_a_reaction_not_a_miss(reaction: str) -> None:
    chat = at("education")
    chat.send(reaction)
    assert chat.state.step == "education" and chat.state.misses == 0
    assert texts.NOT_UNDERSTOOD.split("{")[0] not in chat.text


@settings(max_examples=20, deadline=None)
@given(noise=st.sampled_from(["lol", "haha", "hmm", "zzz", "wait"]))
def test_an_open_change_question_is_asked_again_after_a_message_that_means_nothing(noise: str) -> None:
    chat = at("job")
    chat.state = chat.state.model_copy(update={
        "profile": chat.state.profile.model_copy(update={"hours_per_week": 10}), "answered": [*ORDER[:5], "hours"]})
    chat.send("12 hours a week")
    assert chat.state.pending, chat.text
    chat.send(noise)
    assert chat.state.pending and chat.question.text == chat.state.pending[0].prompt, chat.text
    chat.send("yes")
    assert chat.state.profile.hours_per_week == 12 and not chat.state.pending


FIELD_WORDS = {"education": "education", "years": "experience", "hours": "hours", "deadline": "deadline",
               "budget": "budget", "certificates": "certificates", "skills": "skills"}


@settings(max_examples=60, deadline=None)
@given(name=st.sampled_from(sorted(FIELD_WORDS)), cut=st.integers(min_value=1, max_value=3))
def test_edit_with_a_typo_in_the_field_opens_that_field(name: str, cut: int) -> None:
    word = FIELD_WORDS[name]
    typo = word[:cut] + word[cut + 1:]  # one letter dropped: "budgt", "deadlne"
    chat = at("certificates")
    chat.command(f"/edit {typo}")
    assert chat.state.step == name, (typo, chat.text)


@settings(max_examples=40, deadline=None)
@given(name=st.sampled_from(sorted(FIELD_WORDS)), lead=st.sampled_from(["", "the ", "my ", "change my "]),
       where=st.sampled_from(["/edit", "/summary"]))
def test_a_field_typed_at_the_list_of_answers_opens_it(name: str, lead: str, where: str) -> None:
    chat = at("certificates")
    chat.send("no")  # all answered: the summary
    chat.command(where)
    chat.send(lead + FIELD_WORDS[name])
    assert chat.state.step == name, chat.text


@settings(max_examples=30, deadline=None)
@given(said=st.lists(st.sampled_from(["no", "none", "nope", "neither", "0", "none of these", "nah"]),
                     min_size=4, max_size=4))
def test_turning_down_the_role_list_and_every_quiz_question_never_loops(said: list[str]) -> None:
    chat = Chat()
    chat.command("/start")
    for answer in said:
        chat.send(answer)
        assert texts.NOT_UNDERSTOOD.split("{")[0] not in chat.text, (answer, chat.text)
    assert chat.state.step == "role" and texts.QUIZ_NOTHING_PICKED in chat.text


@settings(max_examples=60, deadline=None)
@given(pair=st.sampled_from([("job", "dev"), ("years", "3"), ("hours", "10"), ("education", "bachelors"),
                             ("budget", "0"), ("deadline", "6 months"), ("certificates", "yes")]),
       emoji=st.sampled_from(["😅", "💻", "🙏🏽", "❤️", "⏰", "🐍", "👩‍💻"]), before=st.booleans())
def test_decorative_emoji_do_not_change_an_answer(pair: tuple[str, str], emoji: str, before: bool) -> None:
    step_name, answer = pair
    plain, decorated = at(step_name), at(step_name)
    plain.send(answer)
    decorated.send(f"{emoji} {answer}" if before else f"{answer} {emoji}")
    assert decorated.state.profile == plain.state.profile, decorated.text
    assert decorated.state.step == plain.state.step
