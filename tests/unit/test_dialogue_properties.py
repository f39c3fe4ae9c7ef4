"""Properties of the dialogue: any text at any step never raises and never drops an answer."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bot.domain.dialogue import FIELDS, STEPS, DialogueState, UserInput, describe, step
from bot.domain.profile import Education, LearnerProfile
from tests.unit.test_dialogue import CATALOG

TODAY = date(2026, 3, 15)

# Everything answered, so any dropped answer shows up in the summary wording.
ANSWERED = LearnerProfile(
    target_role="ml-engineer",
    domain="nlp",
    education=Education.master,
    current_role="teacher",
    years_experience=4,
    known_skills=["python", "statistics"],
    hours_per_week=8,
    deadline=date(2027, 1, 1),
    budget_usd=200,
    budget_known=True,
    wants_certificates=False,
)

step_names = st.sampled_from([s.name for s in STEPS])
answered_subsets = st.lists(st.sampled_from(FIELDS), unique=True)
# Texts that look like answers as well as noise: numbers, yes/no, labels, commands-looking text, unicode.
texts = st.one_of(
    st.text(max_size=200),
    st.sampled_from(["yes", "no", "10", "0", "-5", "1e309", "Done", "None", "NLP", "ML engineer", "/", "✅ Python"]),
    st.from_regex(r"[0-9]{1,4} ?(h|hours|months|years|\$)?", fullmatch=True),
)


def _kept(before: DialogueState, after: DialogueState) -> None:
    """Every field answered before is still answered, with a value (changed answers are fine)."""
    for name in before.answered:
        assert name in after.answered, name
        if name == "skills":
            continue  # a text may say a skill is not known yet ("no SQL yet"): a correction, not a loss
        if describe(name, before.profile, CATALOG) != describe(name, after.profile, CATALOG):
            # Changed, never emptied: the new value is a real answer too.
            assert describe(name, after.profile, CATALOG) != "–", name


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(step_name=step_names, answered=answered_subsets, text=texts, kind=st.sampled_from(["text", "command"]))
def test_any_text_at_any_step_never_raises_and_keeps_answers(
    step_name: str, answered: list[str], text: str, kind: str
) -> None:
    state = DialogueState(step=step_name, profile=ANSWERED, answered=answered, version=7)
    # Saying yes to "Forget all your answers?" is the one way to drop them, on purpose.
    assume(step_name != "restart")
    if kind == "command":
        text = "/" + text.lstrip("/")
    result = step(state, UserInput(kind=kind, value=text), CATALOG, TODAY)
    assert result.replies, "the learner always gets an answer"
    assert result.state.version == 8
    assert result.state.step in {s.name for s in STEPS}
    _kept(state, result.state)
    DialogueState.model_validate_json(result.state.model_dump_json())


@settings(max_examples=100, deadline=None)
@given(messages=st.lists(texts, min_size=1, max_size=8))
def test_a_conversation_of_random_texts_never_loses_answers(messages: list[str]) -> None:
    state = DialogueState()
    for message in messages:
        result = step(state, UserInput(kind="text", value=message), CATALOG, TODAY)
        _kept(state, result.state)
        state = result.state


@settings(max_examples=200, deadline=None)
@given(value=st.text(max_size=60), step_name=step_names)
def test_any_button_value_never_raises(value: str, step_name: str) -> None:
    assume(not value.startswith("restart:yes"))
    state = DialogueState(step=step_name, profile=ANSWERED, answered=list(FIELDS))
    result = step(state, UserInput(kind="button", value=value), CATALOG, TODAY)
    assert result.replies
    _kept(state, result.state)
