"""User-facing strings of the job-ad match (issue 17); a later step moves them into bot/texts.py.

Plain text with `str.format` placeholders, like bot/texts.py; front-ends escape them.
"""

from __future__ import annotations

from typing import Final

JOB_HEADER: Final = "{title}"
JOB_HEADER_UNKNOWN: Final = "This job ad"
JOB_FACTS: Final = "{facts}"
JOB_SENIORITY: Final = "{seniority} level"
JOB_YEARS_MIN: Final = "{years}+ years"
JOB_YEARS_RANGE: Final = "{low}-{high} years"
JOB_DEGREE_REQUIRED: Final = "{degree} required"
JOB_DEGREE_PREFERRED: Final = "{degree} preferred"
JOB_NO_DEGREE: Final = "no degree needed"
JOB_SALARY_RANGE: Final = "{low:,.0f}-{high:,.0f} {currency} a {period}"
JOB_SALARY: Final = "{low:,.0f} {currency} a {period}"
DEGREE_NAMES: Final = {"bachelor": "bachelor's degree", "master": "master's degree", "phd": "PhD"}
MODE_NAMES: Final = {"remote": "remote", "hybrid": "hybrid", "onsite": "on-site"}
JOB_MATCH_TODAY: Final = "Match today: {percent}%."
JOB_MATCH_PLANNED: Final = "With your plan: {percent}%."
JOB_MATCH_NONE: Final = "I found no skills from my catalog in this ad, so I can't score the match."
JOB_HAVE: Final = "✅ You have: {skills}"
JOB_PLANNED: Final = "📅 Your plan teaches: {skills}"
JOB_PLANNED_ITEM: Final = "{skill} (by {date})"
DATE_FORMAT: Final = "%d %b %Y"
JOB_MISSING: Final = "❌ Not in your plan yet: {skills}"
JOB_NICE_MARK: Final = "{skill} (nice to have)"
JOB_READY_BY: Final = "At your pace you'd have every required skill by {date}."
JOB_YEARS_GAP: Final = "The ad asks for {years:g} more years of experience than you have."
JOB_DEGREE_GAP: Final = "The ad requires a {degree}."
JOB_UNKNOWN: Final = "Not in Waypoint's catalog yet: {skills}"
