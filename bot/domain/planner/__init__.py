"""The planner: a personal, explained, scheduled roadmap from a learner profile and the catalog (pure).

The modules, one concern each, are listed in docs/ARCHITECTURE.md; this package exposes what other code uses.
"""

from bot.domain.planner.constants import (
    CATEGORY_RANK,
    LANGUAGE_SKILLS,
    LEARNING_STAGES,
    SLOW_PLAN_WEEKS,
    SPECIAL_CATEGORIES,
)
from bot.domain.planner.courses import MAIN_SUBJECT_SHARE
from bot.domain.planner.deadlines import MAX_STUDY_HOURS_PER_WEEK, SEVERE_PACE_FACTOR
from bot.domain.planner.items import self_study_hours
from bot.domain.planner.jobsearch import (
    JOB_SEARCH_FLOOR_HOURS,
    JOB_SEARCH_SHARE,
    PROFESSIONAL_YEARS,
    seniority_label,
    seniority_of,
)
from bot.domain.planner.knowledge import experience_skills
from bot.domain.planner.models import CourseItem, PlanError, Roadmap, RoadmapItem, Stage, StepItem
from bot.domain.planner.needs import implied_domain
from bot.domain.planner.planning import plan
from bot.domain.planner.profiles import ProfileFile, profile_from_data, resolve_role
from bot.domain.planner.projects import MAX_MISSING_SKILLS, MODEL_SKILLS, ONE_PROJECT_WEEKS, builds_models
from bot.domain.planner.replanning import keep_progress, replan
from bot.domain.planner.schedule import JOB_SEARCH_START_LEFT, job_search_start

__all__ = [
    "CATEGORY_RANK",
    "JOB_SEARCH_FLOOR_HOURS",
    "JOB_SEARCH_SHARE",
    "JOB_SEARCH_START_LEFT",
    "LANGUAGE_SKILLS",
    "LEARNING_STAGES",
    "MAIN_SUBJECT_SHARE",
    "MAX_MISSING_SKILLS",
    "MAX_STUDY_HOURS_PER_WEEK",
    "MODEL_SKILLS",
    "ONE_PROJECT_WEEKS",
    "PROFESSIONAL_YEARS",
    "SEVERE_PACE_FACTOR",
    "SLOW_PLAN_WEEKS",
    "SPECIAL_CATEGORIES",
    "CourseItem",
    "PlanError",
    "ProfileFile",
    "Roadmap",
    "RoadmapItem",
    "Stage",
    "StepItem",
    "builds_models",
    "experience_skills",
    "implied_domain",
    "job_search_start",
    "keep_progress",
    "plan",
    "profile_from_data",
    "replan",
    "resolve_role",
    "self_study_hours",
    "seniority_label",
    "seniority_of",
]
