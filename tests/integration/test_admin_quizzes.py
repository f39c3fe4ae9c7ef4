"""Issue 18: admins add and edit quiz questions from the chat, through the generic admin machinery."""

from __future__ import annotations

from bot.domain.catalog import QuizQuestion
from bot.testing.client import AppHarness, BotClient
from tests.integration.test_admin_telegram import ADMIN_ID, admin_harness, plain, service  # noqa: F401

NEW_QUIZ = ("/quiz_add id=quiz-sql-admin skill=sql depth=basic "
            "question='Which clause filters groups after GROUP BY?' options='WHERE;HAVING;ORDER BY' correct=1 "
            "explanation='HAVING filters aggregated groups; WHERE filters rows before grouping.'")


async def test_quiz_add_and_edit_with_history(admin_harness: AppHarness) -> None:  # noqa: F811
    admin = BotClient(admin_harness, ADMIN_ID)
    await admin.send(NEW_QUIZ)
    catalog = service(admin_harness).effective()
    added = next(q for q in catalog.quizzes if q.id == "quiz-sql-admin")
    assert isinstance(added, QuizQuestion) and added.options == ["WHERE", "HAVING", "ORDER BY"]
    assert added in catalog.questions_for("sql")
    await admin.send("/quiz_edit quiz-sql-admin depth=working")
    edited = next(q for q in service(admin_harness).effective().quizzes if q.id == "quiz-sql-admin")
    assert edited.depth.value == "working", plain(admin)
    await admin.send("/quiz_add id=quiz-bad skill=sql depth=basic question='?' options='A;A' correct=0 "
                     "explanation='x'")
    assert all(q.id != "quiz-bad" for q in service(admin_harness).effective().quizzes)
