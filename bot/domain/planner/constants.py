"""Shared planner tunables: the learning stages, category ranks, pace bounds and language skills."""

from __future__ import annotations

from bot import texts
from bot.domain.catalog import (
    Level,
    SkillCategory,
)

DEFAULT_HOURS_PER_WEEK = 10.0
MAX_SENSIBLE_HOURS_PER_WEEK = 80.0

# Learning stages in order: (stage id, title, goal lead, skill categories).
_LEARNING_STAGE_CATEGORIES: tuple[tuple[str, tuple[SkillCategory, ...]], ...] = (
    ("learning-foundations", (SkillCategory.programming, SkillCategory.math)),
    ("learning-data", (SkillCategory.data,)),
    ("learning-core-ml", (SkillCategory.ml,)),
    ("learning-deep-learning", (SkillCategory.deep_learning,)),
    ("learning-specialisation", (SkillCategory.nlp, SkillCategory.cv, SkillCategory.llm, SkillCategory.research)),
    ("learning-engineering", (SkillCategory.mlops, SkillCategory.engineering)),
)
LEARNING_STAGES: tuple[tuple[str, str, str, tuple[SkillCategory, ...]], ...] = tuple(
    (stage_id, texts.PLANNER_STAGE_TITLES[stage_id], texts.PLANNER_STAGE_GOALS[stage_id], categories)
    for stage_id, categories in _LEARNING_STAGE_CATEGORIES
)
# Soft skills (communication) are learnt with the job search, never as a technical stage of their own.
JOB_RANK = len(LEARNING_STAGES)
CATEGORY_RANK: dict[SkillCategory, int] = {
    category: rank for rank, (_, _, _, categories) in enumerate(LEARNING_STAGES) for category in categories
} | {SkillCategory.professional: JOB_RANK}
LEVEL_RANK = {Level.beginner: 0, Level.intermediate: 1, Level.advanced: 2}


# ---------------------------------------------------------------- the planner proper
MIN_HOURS_PER_WEEK = 1.0
SLOW_PLAN_WEEKS = 104  # two years: say so, with a first milestone role and what more hours would change
# Skill categories that make a specialisation: a role whose skills are mostly one of these implies it.
SPECIAL_CATEGORIES = frozenset({SkillCategory.nlp, SkillCategory.cv, SkillCategory.llm})
CODE_LANGUAGES = frozenset({"python", "r", "java", "c++", "javascript"})
SENIOR_YEARS = 8.0
# The skill that is knowing each language: once the plan teaches it, courses taught in it fit.
LANGUAGE_SKILLS = {"python": "python", "r": "r-programming", "java": "java", "c++": "cpp", "javascript": "javascript"}
