"""Field-level precision and recall of understand() over labelled messages (scored by bot/bench/accuracy.py).

The development set (tests/data/understanding_cases.yaml) is what the rules are tuned on: it keeps the 90% overall
and 80% per-field floors. A held-out set written separately (tests/data/understanding_heldout.yaml, placed there by
the lead, never tuned on) is scored the same way when present, with a floor of 80% overall.
Label keys: see tests/data/understanding_cases.yaml's header.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.bench.accuracy import LabelFileError, expected_set, load_cases, run, same, score, table
from bot.cli import app
from bot.domain.catalog import Catalog

ROOT = Path(__file__).resolve().parents[2]
CASES_FILE = ROOT / "tests" / "data" / "understanding_cases.yaml"
HELDOUT_FILE = ROOT / "tests" / "data" / "understanding_heldout.yaml"
THRESHOLD = 0.90
HELDOUT_THRESHOLD = 0.80
# A second blind set, written in session 3 after the first was scored. First scoring (the figures to report):
# precision 87.3%, recall 77.0% over 160 messages (the rules before that session's work: 86.5% / 71.6%).
HELDOUT2_FILE = ROOT / "tests" / "data" / "understanding_heldout2.yaml"
HELDOUT2_FLOOR = (0.85, 0.75)  # a regression guard just under the first scoring, not a target
# A third blind set, written in session 4 before that session's parser work (its header says how). First scoring,
# with the rules of session 3: precision 89.7%, recall 80.9% over 160 messages; never tuned on.
HELDOUT3_FILE = ROOT / "tests" / "data" / "understanding_heldout3.yaml"


@pytest.fixture(scope="module")
def shipped_catalog() -> Catalog:
    """The shipped content catalog (it must load: the accuracy is measured on it)."""
    return Catalog.load(ROOT / "content")


def test_labelled_set_is_big_and_varied() -> None:
    """At least 250 development cases, some empty (off-topic), some long, some about other people."""
    _, cases = load_cases(CASES_FILE)
    assert len(cases) >= 250
    assert sum(1 for c in cases if not c.get("expect")) >= 10
    assert sum(1 for c in cases if len(c["text"]) > 500) >= 5
    assert any(len(c["text"]) > 800 for c in cases)


def test_precision_and_recall_at_least_90_percent(shipped_catalog: Catalog) -> None:
    """Micro-averaged field-level precision and recall over the development set are both >= 90%."""
    tallies, n = score(shipped_catalog, CASES_FILE)
    text, precision, recall = table(tallies)
    print(f"\nunderstanding accuracy over {n} development messages\n{text}")
    misses = "\n".join(f"  {name}: {m}" for name, t in tallies.items() for m in t.misses)
    print(f"misses:\n{misses}")
    assert precision >= THRESHOLD, f"precision {precision:.1%} < 90%"
    assert recall >= THRESHOLD, f"recall {recall:.1%} < 90%"


# No single field may hide behind the average: each is held to a floor below the overall 90%.
FIELD_FLOOR = 0.80


def test_every_field_stays_above_its_floor(shipped_catalog: Catalog) -> None:
    """Per-field precision and recall are each at least 80% on the development set."""
    tallies, _ = score(shipped_catalog, CASES_FILE)
    low = {name: (t.precision(), t.recall()) for name, t in tallies.items()
           if min(t.precision(), t.recall()) < FIELD_FLOOR}
    assert not low, f"fields below {FIELD_FLOOR:.0%}: {low}"


@pytest.mark.skipif(not HELDOUT_FILE.exists(), reason="the held-out set has not been placed yet")
def test_heldout_set(shipped_catalog: Catalog) -> None:
    """The blind held-out set: per-field figures printed, overall precision and recall at least 80%."""
    tallies, n = score(shipped_catalog, HELDOUT_FILE)
    text, precision, recall = table(tallies)
    print(f"\nunderstanding accuracy over {n} HELD-OUT messages\n{text}")
    assert precision >= HELDOUT_THRESHOLD, f"held-out precision {precision:.1%} < 80%"
    assert recall >= HELDOUT_THRESHOLD, f"held-out recall {recall:.1%} < 80%"


def test_second_heldout_set_does_not_regress(shipped_catalog: Catalog) -> None:
    """The second blind set: per-field figures printed; overall figures stay at their first scoring or above."""
    tallies, n = score(shipped_catalog, HELDOUT2_FILE)
    text, precision, recall = table(tallies)
    print(f"\nunderstanding accuracy over {n} HELD-OUT (set 2) messages\n{text}")
    assert precision >= HELDOUT2_FLOOR[0] and recall >= HELDOUT2_FLOOR[1], (precision, recall)


@pytest.mark.xfail(strict=True, reason="second held-out set: recall 77.0% at first scoring, target 80%")
def test_second_heldout_set_reaches_the_target(shipped_catalog: Catalog) -> None:
    """The target for every blind set: overall precision and recall at least 80%."""
    tallies, _ = score(shipped_catalog, HELDOUT2_FILE)
    _, precision, recall = table(tallies)
    assert precision >= HELDOUT_THRESHOLD and recall >= HELDOUT_THRESHOLD


def test_third_heldout_set_reaches_the_target(shipped_catalog: Catalog) -> None:
    """The third blind set meets the target of every blind set: overall precision and recall at least 80%."""
    tallies, n = score(shipped_catalog, HELDOUT3_FILE)
    text, precision, recall = table(tallies)
    print(f"\nunderstanding accuracy over {n} HELD-OUT (set 3) messages\n{text}")
    assert precision >= HELDOUT_THRESHOLD and recall >= HELDOUT_THRESHOLD, (precision, recall)


def test_scorer_reads_every_label_key() -> None:
    """The scorer understands every label key of the format, so a held-out file in it is scored fully."""
    expect = {"current_role": "Senior Backend Developer", "budget_foreign": {"amount": 300, "currency": "eur"},
              "skill_depth": {"python": "deep"}}
    assert same("current_role", expect["current_role"], "backend developer")
    assert same("budget_foreign", expect["budget_foreign"], {"amount": 300.0, "currency": "EUR"})
    assert expected_set("skill_depth", expect) == {"python=deep"}
    assert same("deadline", "2027-06-30", date(2027, 6, 30))


SMALL_SET = """\
today: 2026-11-23
cases:
  - text: "I'm a nurse, 10 years, I know python"
    expect: {current_role: nurse, years_experience: 10, known_skills: [python]}
  - text: "hello"
"""


def test_accuracy_command_prints_per_field_figures(tmp_path: Path) -> None:
    """`waypoint bench accuracy --understanding FILE` prints a row per field and the overall row."""
    path = tmp_path / "cases.yaml"
    path.write_text(SMALL_SET, encoding="utf-8")
    result = CliRunner().invoke(app, ["bench", "accuracy", "--understanding", str(path), "--dir",
                                      str(ROOT / "content")])
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line.split()[1:] for line in result.output.splitlines() if line.strip()}
    assert rows["current_role"] == ["1", "0", "0", "100.0%", "100.0%"]
    assert rows["years_experience"][:3] == ["1", "0", "0"]
    assert "ALL" in rows
    assert "job ads" not in result.output  # only the file asked for is scored


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (None, "cannot read"),
        ("cases: [", "not valid YAML"),
        ("today: 2026-11-23\nitems: []\n", "no 'cases:' list"),
        ("cases: []\n", "needs 'today: YYYY-MM-DD'"),
        ("today: 2026-11-23\ncases:\n  - expect: {}\n", "case 1 has no 'text:'"),
    ],
)
def test_a_bad_label_file_is_a_clear_error(tmp_path: Path, content: str | None, says: str) -> None:
    """A missing or malformed file gives one line saying what is wrong, and exit code 2 from the command."""
    path = tmp_path / "cases.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(LabelFileError, match=says):
        run(Catalog.load(ROOT / "content"), path, None)
    result = CliRunner().invoke(app, ["bench", "accuracy", "--understanding", str(path), "--dir",
                                      str(ROOT / "content")])
    assert result.exit_code == 2
    assert says in result.output
