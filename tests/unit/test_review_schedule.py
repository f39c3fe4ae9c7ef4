"""Issue 18: the review schedule over 30 simulated days for one learner (pure domain, FSRS, no clock)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.domain.skillcheck import (
    REVIEWS_PER_DAY,
    REVIEWS_PER_SESSION,
    ReviewCard,
    due_cards,
    interval_days,
    new_card,
    review,
)

START = datetime(2026, 1, 5, 18, 0, tzinfo=UTC)  # the learner's reminder time, every day
FINISHED = {0: ["sql"], 2: ["python", "statistics"], 6: ["pandas"], 9: ["linear-algebra"]}
ALWAYS_WRONG = {"statistics"}  # a skill that keeps slipping
WRONG_ONCE = {("pandas", 1)}  # (skill, review number) answered wrongly once


def simulate(days: int = 30) -> tuple[list[str], dict[str, ReviewCard], list[int]]:
    cards: dict[str, ReviewCard] = {}
    lines: list[str] = []
    per_day: list[int] = []
    for day in range(days):
        now = START + timedelta(days=day)
        for skill in FINISHED.get(day, []):
            cards[skill] = new_card(skill, now - timedelta(hours=2))  # marked done earlier that day
            lines.append(f"day {day:2d}: finished {skill}, first review in {interval_days(cards[skill], now):.1f} d")
        asked = due_cards(list(cards.values()), now, sent_today=0)
        per_day.append(len(asked))
        for card in asked:
            right = card.skill not in ALWAYS_WRONG and (card.skill, card.reps + 1) not in WRONG_ONCE
            after = review(card, right, now)
            cards[card.skill] = after
            flag = "  FLAGGED: refresher offered" if after.flagged else ""
            lines.append(f"day {day:2d}: review {card.skill:<15} {'right' if right else 'wrong'} -> next in "
                         f"{interval_days(after, now):5.1f} d (on day {day + round(interval_days(after, now))}){flag}")
    return lines, cards, per_day


def test_thirty_days_of_reviews_for_one_learner() -> None:
    lines, cards, per_day = simulate()
    print("\n".join(lines))
    print("reviews per day:", per_day, "total", sum(per_day))
    assert max(per_day) <= REVIEWS_PER_SESSION <= REVIEWS_PER_DAY
    assert cards["statistics"].flagged and cards["statistics"].fails_in_row >= 2
    assert not cards["sql"].flagged and cards["sql"].reps >= 2
    # Right answers space the reviews out: each interval of sql is longer than the one before.
    sql = [float(line.split("next in")[1].split("d")[0]) for line in lines if "review sql" in line]
    assert sql == sorted(sql) and sql[-1] > sql[0]
    # The skill answered wrongly once comes back sooner, then recovers.
    assert not cards["pandas"].flagged
    # Deterministic: the same run gives the same schedule.
    assert simulate()[0] == lines


def test_the_daily_cap_holds_when_many_are_due() -> None:
    now = START
    cards = [new_card(s, now - timedelta(days=30)) for s in ("a", "b", "c", "d", "e")]
    assert len(due_cards(cards, now, sent_today=0)) == REVIEWS_PER_SESSION
    assert len(due_cards(cards, now, sent_today=2)) == 1
    assert due_cards(cards, now, sent_today=REVIEWS_PER_DAY) == []
