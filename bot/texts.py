"""Every user-facing string of Waypoint, grouped by where it appears; front-ends escape them, never edit them."""

from __future__ import annotations

from typing import Final

# Texts are plain text with `str.format` placeholders. Sections are ordered as the learner meets them;
# front-ends add their own section at the end rather than writing strings inline.

# ---------------------------------------------------------------- dialogue: welcome, help, commands
WELCOME: Final = (
    "Hi! I'm Waypoint. I'll ask a few questions about your goals and background, "
    "then plan your way into machine learning: skills, courses, projects and the job search.\n"
    "Tap a button or just write to me in your own words, e.g. "
    '"I\'m a backend developer, 10 hours a week, want to be an NLP engineer within a year".'
)
WELCOME_BACK: Final = "Welcome back! Let's continue where we stopped."
WELCOME_BACK_PLANNED: Final = "Welcome back! Your plan is ready. Want to see it, change an answer or plan again?"
HELP: Final = (
    "I plan your way into machine learning. Answer my questions with the buttons or in your own words.\n"
    "Commands:\n"
    "/start – start or continue\n"
    "/summary – what I know about you\n"
    "/edit – change an answer (e.g. /edit hours)\n"
    "/back – the previous question\n"
    "/plan – make your plan, or show it when nothing changed\n"
    "/cancel – stop the current question (answers are kept)\n"
    "/restart – forget your answers and start again\n"
    "/help – this message"
)
UNKNOWN_COMMAND: Final = "I don't know the command {command}. /help lists what I can do."
CANCELLED: Final = "Stopped. Your answers are kept; send /start or write to me to continue."
NOTHING_TO_GO_BACK_TO: Final = "This is the first question, there is nothing before it."
RESTART_CONFIRM: Final = "Forget all your answers and start again? Your earlier plans stay in your history."
RESTART_KEPT: Final = "Nothing changed, your answers are kept."
RESTARTED: Final = "Done, we start from a clean page."
EDIT_WHICH: Final = "Which answer do you want to change?"
EDIT_UNKNOWN_FIELD: Final = 'I can\'t change "{field}". Pick one of these:'
PLAN_MISSING: Final = "To make a plan I still need: {missing}."
CONTINUE: Final = "Let's continue."

# ---------------------------------------------------------------- dialogue: understanding free text
GOT_IT: Final = "Got it: {facts}."
NOT_UNDERSTOOD: Final = "Sorry, I didn't catch that. {example}"
NOT_A_YES_NO: Final = "A yes or no doesn't answer this one. {example}"
ABOUT: Final = "{name}: {summary}"
GREETING_REPLY: Final = "Hi! 👋 Let's keep going. {example}"
THANKS_REPLY: Final = "You're welcome! {example}"
YES_WORDS: Final = frozenset({"yes", "y", "yeah", "yep", "sure", "ok", "okay", "of course", "correct", "right", "👍"})
NO_WORDS: Final = frozenset({"no", "n", "nope", "nah", "not really", "wrong", "👎"})
# Answers that begin like this are a yes or a no, whatever follows ("ok sure", "no, I'd rather build projects").
YES_STARTS: Final = (
    "yes", "yeah", "yep", "yup", "ya", "sure", "ok", "okay", "k", "of course", "correct", "right", "absolutely",
    "definitely", "certainly", "i guess so", "i guess", "guess so", "i think so", "sounds good", "go ahead",
    "please do", "do it", "let's go", "lets go", "let's do it", "go for it", "why not", "alright", "all right",
    "make it", "make plan", "make the plan", "make my plan", "plan it", "yes please", "👍",
)
# Whole answers only: "good question ..." is no yes.
YES_EXACT: Final = frozenset({"fine", "good", "great", "perfect", "cool", "please", "k", "kk", "yes!", "go", "done"})
NO_STARTS: Final = (
    "no", "nope", "nah", "not really", "not now", "no thanks", "no thank you", "rather not", "i'd rather not",
    "i would rather not", "i'd rather", "i would rather", "i don't think so", "don't", "dont", "not interested",
    "skip", "never", "negative", "wrong", "👎",
)
# "Whatever gets me hired fastest": no preference of one's own.
NO_PREFERENCE_WORDS: Final = (
    "whatever", "anything", "any", "doesn't matter", "does not matter", "don't care", "dont care", "no idea",
    "no preference", "you choose", "you decide", "up to you", "whichever",
)

# ---------------------------------------------------------------- dialogue: questions
Q_ROLE: Final = "Which role are you aiming for?"
Q_ROLE_LINE: Final = "• {name} – {summary}"
Q_QUIZ_INTRO: Final = "No problem, three quick questions and I'll suggest a role."
Q_QUIZ_1: Final = "What excites you most?"
Q_QUIZ_2: Final = "Do you prefer coding or maths?"
Q_QUIZ_3: Final = "Which would you rather do on a Monday morning?"
Q_QUIZ_RESULT: Final = "From your answers, {role} looks like a good fit: {summary}\nTake it, or choose yourself?"
Q_DOMAIN: Final = "Any specialisation in mind? (target: {role})"
Q_EDUCATION: Final = "What is your highest education?"
Q_JOB: Final = 'What do you do now? Tap one or type your job, e.g. "QA engineer".'
Q_YEARS: Final = "How many years of work experience do you have?"
Q_SKILLS: Final = (
    "Which skills do you already have? Pick a category, tick what you know, then tap Done. "
    'You can also type them, e.g. "python, pandas, a bit of SQL".'
)
Q_SKILLS_CATEGORY: Final = "{category}: tap what you know (✅ = known), then Done or go back to the categories."
Q_HOURS: Final = "How many hours a week can you study?"
Q_DEADLINE: Final = "By when would you like to be job-ready?"
Q_BUDGET: Final = "How much can you spend on courses and exams?"
Q_CERTIFICATES: Final = "Do you want professional certificates in your plan?"
Q_CURRENT: Final = "(Now: {value})"
Q_SUMMARY: Final = "Here is what I know:\n{lines}\n\nTap an answer to change it, or make your plan."
Q_SUMMARY_LINE: Final = "• {label}: {value}"
Q_DONE: Final = "Your plan is ready. You can change any answer and I'll plan again."
Q_PAUSED: Final = "We're paused. Send /start or write to me to continue."

# Examples shown when a free-text answer was not understood, one per question.
EXAMPLES: Final[dict[str, str]] = {
    "welcome": 'Try: "I want to become an ML engineer, 10 hours a week".',
    "role": 'Tap a role, or write e.g. "data scientist" or "not sure".',
    "quiz1": "Tap one of the answers.",
    "quiz2": "Tap one of the answers.",
    "quiz3": "Tap one of the answers.",
    "quiz": 'Tap "Yes, that one" or choose a role yourself.',
    "domain": 'Tap a specialisation, or write e.g. "computer vision" or "no preference".',
    "education": 'Tap one, or write e.g. "bachelor in physics" or "no degree".',
    "job": 'Write e.g. "backend developer" or tap "Student".',
    "years": 'Write a number, e.g. "3 years".',
    "skills": 'Write e.g. "python, SQL and some statistics", or tap a category.',
    "hours": 'Write e.g. "10 hours a week".',
    "deadline": 'Write e.g. "in 6 months", "by June 2027" or "no deadline".',
    "budget": 'Write e.g. "$300", "free only" or "no limit".',
    "certificates": "Answer yes or no.",
    "summary": 'Tap an answer to change it, or "Make my plan".',
    "edit": "Tap the answer you want to change.",
    "done": 'Write e.g. "make it 15 hours a week", or tap a button.',
    "paused": "Send /start to continue.",
    "restart": "Answer yes or no.",
}

# ---------------------------------------------------------------- dialogue: option labels
YES: Final = "Yes"
NO: Final = "No"
NOT_SURE: Final = "Not sure"
NO_PREFERENCE: Final = "No preference"
DONE: Final = "Done"
BACK_TO_CATEGORIES: Final = "‹ Categories"
CHECKED: Final = "✅ {label}"
CATEGORY_WITH_COUNT: Final = "{label} ({count} ✅)"
QUIZ_ACCEPT: Final = "Yes, that one"
QUIZ_PICK: Final = "Let me choose"
MAKE_PLAN: Final = "Make my plan"
SHOW_PLAN: Final = "Show my plan"
NEW_PLAN: Final = "Make a new plan"
CHANGE_ANSWERS: Final = "Change my answers"
EDIT_FIELD: Final = "✏️ {label}"
CONTINUE_BUTTON: Final = "Continue"
RESTART_YES: Final = "Yes, start again"
RESTART_NO: Final = "No, keep my answers"

QUIZ_OPTIONS: Final[dict[str, dict[str, str]]] = {
    "quiz1": {
        "products": "Building products",
        "data": "Analysing data",
        "research": "Research",
        "language": "Language and text",
        "images": "Images and video",
        "infra": "Infrastructure",
    },
    "quiz2": {"coding": "Coding", "maths": "Maths", "both": "Both equally"},
    "quiz3": {
        "ship": "Ship a feature to users",
        "story": "Find the story in a dataset",
        "paper": "Try an idea from a new paper",
        "ops": "Keep systems running smoothly",
    },
}
EDUCATION_LABELS: Final[dict[str, str]] = {
    "none": "No degree",
    "high_school": "High school",
    "bootcamp": "Bootcamp",
    "bachelor": "Bachelor's",
    "master": "Master's",
    "phd": "PhD",
}
# Job buttons: value -> (button label, what is stored as the current job; "" means not working).
JOB_OPTIONS: Final[dict[str, tuple[str, str]]] = {
    "developer": ("Software developer", "software developer"),
    "analyst": ("Analyst", "analyst"),
    "student": ("Student", "student"),
    "none": ("Not working now", ""),
}
YEARS_OPTIONS: Final[dict[str, str]] = {"0": "Less than 1", "1": "1-2", "3": "3-5", "6": "6-10", "10": "More than 10"}
HOURS_OPTIONS: Final[dict[str, str]] = {"3": "3 h", "5": "5 h", "10": "10 h", "15": "15 h", "20": "20+ h"}
DEADLINE_OPTIONS: Final[dict[str, str]] = {
    "3": "3 months",
    "6": "6 months",
    "12": "12 months",
    "none": "No deadline",
}
BUDGET_OPTIONS: Final[dict[str, str]] = {
    "0": "Free only",
    "100": "Up to $100",
    "500": "Up to $500",
    "none": "No limit",
}
SKILL_CATEGORY_LABELS: Final[dict[str, str]] = {
    "programming": "Programming",
    "math": "Maths",
    "data": "Data",
    "ml": "Machine learning",
    "deep_learning": "Deep learning",
    "nlp": "NLP & speech",
    "cv": "Computer vision",
    "llm": "LLMs",
    "mlops": "MLOps",
    "engineering": "Engineering",
    "research": "Research",
    "professional": "Professional",
}

# ---------------------------------------------------------------- dialogue: summary and echo
FIELD_LABELS: Final[dict[str, str]] = {
    "role": "Target role",
    "domain": "Specialisation",
    "education": "Education",
    "job": "Current job",
    "years": "Experience",
    "skills": "Skills",
    "hours": "Hours per week",
    "deadline": "Deadline",
    "budget": "Budget",
    "certificates": "Certificates",
}
NOT_ANSWERED: Final = "–"
NO_DOMAIN: Final = "no preference"
NOT_WORKING: Final = "not working now"
NO_SKILLS: Final = "none yet"
MORE_SKILLS: Final = "{shown} and {more} more"
YEARS_VALUE: Final = "{years:g} years"
YEAR_VALUE_ONE: Final = "1 year"
HOURS_VALUE: Final = "{hours:g} h/week"
DEADLINE_VALUE: Final = "by {date}"
NO_DEADLINE: Final = "no deadline"
BUDGET_FREE: Final = "free resources only"
BUDGET_UP_TO: Final = "up to ${amount:,.0f}"
BUDGET_NO_LIMIT: Final = "no limit"
CERTIFICATES_YES: Final = "yes"
CERTIFICATES_NO: Final = "no"
# Echo fragments after free text: "Got it: NLP engineer, 10 h/week, by 2027-06-01."
ECHO_DOMAIN: Final = "specialising in {value}"
ECHO_EDUCATION: Final = "education: {value}"
ECHO_JOB: Final = "working as {value}"
ECHO_YEARS: Final = "{value} of experience"
ECHO_SKILLS_ADDED: Final = "you know {value}"
ECHO_SKILLS_REMOVED: Final = "not yet: {value}"
ECHO_BUDGET: Final = "budget {value}"
ECHO_NO_BUDGET_LIMIT: Final = "no budget limit"
ECHO_CERTIFICATES_YES: Final = "with certificates"
ECHO_CERTIFICATES_NO: Final = "no certificates"
ECHO_MIDPOINT: Final = "{value} (the middle of the range you gave)"
ECHO_HELD_CERTS: Final = "you already hold {value}"
ECHO_OTHER_EXPERIENCE: Final = "also experienced with {value}"
OTHER_EXPERIENCE_VALUE: Final = "{skills}; also: {other}"
HELD_CERTS_VALUE: Final = "{value} (already hold: {held})"
# Never overwrite silently: a different value for an answered field is asked about first.
CONFIRM_CHANGE: Final = "Change {label}: {old} → {new}?"
CHANGE_KEPT: Final = "Kept {label}: {value}."
# Numbers that cannot be used as they are.
DEADLINE_PAST: Final = "{said} has already passed, so I left your deadline as it was. Which date should I aim for?"
DEADLINE_IMPOSSIBLE: Final = "“{said}” is not a date in the calendar, so I left your deadline as it was."
DEADLINE_TOO_FAR: Final = "“{said}” is too far away to plan for, so I left your deadline as it was."
BUDGET_NEGATIVE: Final = "A budget can't be negative, so I left it as it was. How much can you spend in total?"
BUDGET_MONTHLY_ASK: Final = (
    "${monthly:,.0f} a month is about ${total:,.0f} over {months} months. Shall I plan with ${total:,.0f} in total? "
    "(No keeps ${monthly:,.0f} in total.)"
)
BUDGET_MONTHLY_CONVERTED: Final = (
    "${monthly:,.0f} a month × {months} months until your deadline = ${total:,.0f} in total"
)
BUDGET_CONVERTED: Final = (
    "{amount:,.0f} {currency} ≈ ${usd:,.0f} (at {rate:g} USD per {currency}, rate of {date}; approximate)"
)
BUDGET_CURRENCY_ASK: Final = "I can't convert {amount:,.0f} {currency} to dollars. How much is that in US dollars?"
HOURS_TOO_FEW: Final = (
    "{hours:g} hours a week is too little to plan with. How many hours a week can you give? (at least 1)"
)
HOURS_TOO_MANY: Final = "{hours:g} hours a week is more than anyone can study. How many hours a week, realistically?"
PLAN_UPDATED: Final = "I changed your answers, so here is the updated plan."

# ---------------------------------------------------------------- dialogue: plan
PLAN_READY: Final = "Your plan is ready! Change any answer whenever you like and I'll plan again."
PLAN_SHOWN: Final = "Here is your latest plan."
NO_PLAN_YET: Final = "You don't have a plan yet."
PLAN_FAILED: Final = "I couldn't make a plan: {reason}"

RENDER_ROLE_WITH_DOMAIN: Final = "{role}, specialising in {domain}"

# ---------------------------------------------------------------- terminal
TERMINAL_PROMPT: Final = "> "
TERMINAL_INTRO: Final = (
    "Waypoint in your terminal, chatting as {user}. Type a number, an option or anything; Ctrl-D quits."
)
TERMINAL_MULTI_HINT: Final = "(several numbers at once are fine, e.g. 1 3 4)"
TERMINAL_CATALOG_HINT: Final = "Choose “{new_plan}” to plan again with the current catalog."
TERMINAL_BYE: Final = "Bye! Your answers are saved; run the same command to continue."
TERMINAL_NO_CATALOG: Final = "The content catalog could not be loaded:\n{error}"
TERMINAL_INTRO_QUIT: Final = "Type quit, exit or /quit to leave; /help lists the commands."
TERMINAL_HELP: Final = (
    "In the terminal you also have:\n"
    "/plan – the plan at a glance: stages with dates and hours\n"
    "/plan 3 – stage 3 in full; then type next or previous\n"
    "/plan --markdown FILE – write the whole plan as a Markdown document\n"
    "/progress – how far you are\n"
    "/done NAME or NUMBER – mark an item done (numbers as shown in a stage)\n"
    "/undo [NAME] – undo the latest mark, or the named one\n"
    "/check SKILL – prove a skill with 3 quick questions (type the option's number)\n"
    "/review – the reviews due now, as numbered options\n"
    "/export [FILE] – everything stored about you, as a JSON file\n"
    "/delete – erase everything stored about you (asks first)\n"
    "quit, exit or /quit – leave (your answers are saved)"
)
TERMINAL_OVERVIEW_TITLE: Final = "Your plan: {role}"
TERMINAL_OVERVIEW_TOTALS: Final = (
    "{start} → {end} · {weeks} weeks · {hours:g} h at {pace:g} h/week · {cost}"
)
TERMINAL_COL_STAGE: Final = "Stage"
TERMINAL_COL_DATES: Final = "Dates"
TERMINAL_COL_WEEKS: Final = "Weeks"
TERMINAL_COL_HOURS: Final = "Hours"
TERMINAL_COL_DONE: Final = "Done"
TERMINAL_COL_ITEM: Final = "Item"
TERMINAL_COL_KIND: Final = "Kind"
TERMINAL_FREE: Final = "free"
TERMINAL_DEADLINE_MET: Final = "Deadline {deadline}: met."
TERMINAL_DEADLINE_MISSED: Final = "Deadline {deadline}: not met. {explanation}"
TERMINAL_BUDGET_OVER: Final = "Budget: {explanation}"
TERMINAL_WARNING: Final = "Note: {warning}"
TERMINAL_OVERVIEW_HINT: Final = (
    "/plan 1 opens stage 1 · /plan --markdown FILE writes the whole plan · /done NAME when you finish something"
)
TERMINAL_STAGE_TITLE: Final = "Stage {number} of {count}: {title}"
TERMINAL_STAGE_LINE: Final = "{start} → {end} · weeks {week_from}–{week_to} · {hours:g} h · {done:.0f}% done"
TERMINAL_STAGE_GOAL: Final = "Goal: {goal}"
TERMINAL_STAGE_LINKS: Final = "Where to learn:"
TERMINAL_STAGE_LINK: Final = "• {title} ({provider}, {cost}): {url}"
TERMINAL_STAGE_HINT: Final = "next / previous move between stages · /done NUMBER ticks an item · /plan shows all stages"
TERMINAL_NO_SUCH_STAGE: Final = "There is no stage {number}: your plan has stages 1 to {count}."
TERMINAL_NO_STAGE_OPEN: Final = "Open a stage first, e.g. /plan 1."
TERMINAL_LAST_STAGE: Final = "That was the last stage."
TERMINAL_FIRST_STAGE: Final = "This is the first stage."
TERMINAL_MARKDOWN_WRITTEN: Final = "Wrote the whole plan to {path} ({size:,} characters of Markdown)."
TERMINAL_MARKDOWN_USAGE: Final = "Give a file name: /plan --markdown my-plan.md"
TERMINAL_CANNOT_WRITE: Final = "I couldn't write {path}: {error}"
TERMINAL_EXPORT_WRITTEN: Final = "Wrote everything I store about you to {path}."
TERMINAL_WHICH: Final = "Which one? Type its number:"
TERMINAL_PICK_DONE: Final = "What did you finish? Type its number, or /done NAME:"
TERMINAL_PICK_UNDO: Final = "Which mark should I undo? Type its number:"
TERMINAL_NOT_FOUND: Final = "I found nothing called \"{name}\" on your roadmap. Is it one of these?"
TERMINAL_DELETE_OPTIONS: Final = ("Yes, erase it all", "No, keep it")
TERMINAL_NO_REMINDERS: Final = "Weekly reminders come as Telegram messages; here, /progress shows where you are."
TERMINAL_UNKNOWN: Final = "I don't know the command {command}. /help lists what I can do."


# --- Planner: roadmap stages, reasons, warnings and notices (bot/domain/planner/)
# Learning stages by stage id: title, and the lead of the goal that lists the stage's skills.
PLANNER_STAGE_TITLES: Final[dict[str, str]] = {
    "learning-foundations": "Foundations: programming and maths",
    "learning-data": "Working with data",
    "learning-core-ml": "Core machine learning",
    "learning-deep-learning": "Deep learning",
    "learning-specialisation": "Specialisation",
    "learning-engineering": "Engineering and MLOps",
    "portfolio": "Portfolio",
    "certification": "Certification",
    "job-search": "Job search",
}
PLANNER_STAGE_GOALS: Final[dict[str, str]] = {
    "learning-foundations": "Build the base everything else needs",
    "learning-data": "Load, clean, explore and model data",
    "learning-core-ml": "Train, evaluate and compare classic models",
    "learning-deep-learning": "Build and train neural networks",
    "learning-specialisation": "Go deep in your field",
    "learning-engineering": "Ship, serve and monitor models in production",
}
PLANNER_GOAL_LEARNING: Final = "{lead}: {skills}."
PLANNER_GOAL_LEAD: Final = "{lead}."
PLANNER_GOAL_DEEPEN: Final = "{lead}: take {skills} further{where}."
PLANNER_GOAL_BEGUN_IN: Final = ", begun in stage{plural} {stages}"
PLANNER_GOAL_ALSO_COURSES: Final = " Also covered by these courses: {skills}."
PLANNER_GOAL_ALSO_HERE: Final = " Also here, because what it builds on comes first: {skills}."
PLANNER_GOAL_BUILDS_ON: Final = " Builds on {parts}."
PLANNER_GOAL_BEGUN: Final = "{skills}, already covered in stage \"{stage}\""
PLANNER_GOAL_PORTFOLIO: Final = "Show what you can do as {article} {role} with {count} project{plural} on GitHub."
PLANNER_GOAL_CERTIFICATION: Final = "Prepare for and pass: {certifications}."
PLANNER_GOAL_JOB_SEARCH: Final = "Land {article} {role} job: portfolio, CV, network, applications and interviews."
PLANNER_STEP: Final = "{title}: {description}"
# Why a skill is in the gap; the catalog's own "why" of the skill follows.
PLANNER_WHY_SKILL_ROLE: Final = "Needed by {role} (at a {depth} level)."
PLANNER_WHY_SKILL_ROLE_KNOWN: Final = "Needed by {role}."
PLANNER_WHY_SKILL_DOMAIN: Final = "Needed for {domain}."
PLANNER_WHY_SKILL_PREREQUISITE: Final = "Prerequisite of {skill}."
PLANNER_FREE: Final = "free"
PLANNER_MONEY: Final = "${usd:g}"
PLANNER_WHY_COURSE: Final = (
    "Covers {skills} in {hours:g} h ({cost}): the least time and cost per skill among the courses that teach them."
)
PLANNER_WHY_COURSE_CERTIFICATE: Final = "Gives a certificate, as you asked."
PLANNER_WHY_COURSE_OVER: Final = "Picked over {title} ({hours:g} h, {cost})."
PLANNER_ALTERNATIVE_ALL: Final = "all of them"
PLANNER_ALTERNATIVE_ONLY: Final = "only {skills}"
PLANNER_WHY_ALTERNATIVE: Final = "Also teaches {share}; {hours:g} h, {cost}."
PLANNER_PROJECT_DESCRIPTION: Final = "{idea} Deliverable: {deliverable}"
PLANNER_WHY_PROJECT: Final = "Shows {skills}.{fit}"
PLANNER_WHY_PROJECT_FIT: Final = " Fits your {domain} specialisation."
PLANNER_WHY_CERT_ASKED: Final = "You asked about it."
PLANNER_WHY_CERT_ROLE: Final = "Recognised for {role}; it tests {skills}."
PLANNER_CERT_ITS_FIELD: Final = "its field"
PLANNER_NOTICE_UNKNOWN_CERT: Final = "'{cert}' is not a certification Waypoint knows."
PLANNER_NOTICE_RETIRED_ON: Final = " on {date}"
PLANNER_NOTICE_CERT_REPLACED: Final = (
    "{name} ({issuer}) was retired{when}; it was replaced by {successor} ({successor_issuer})."
)
PLANNER_NOTICE_CERT_RETIRED: Final = "{name} ({issuer}) was retired{when} and has no replacement."
PLANNER_WARN_FREE_ONLY_EXAM: Final = (
    "Your budget is free only, so paid exams are left out.{planned} The best fit, {name} ({issuer}), "
    "costs ${cost:g}: raise your budget to at least that to include it."
)
PLANNER_WARN_NO_CERT_PLANNED: Final = " No certification is planned."
PLANNER_WARN_UNKNOWN_DOMAIN: Final = "Unknown specialisation '{domain}': planning without one."
PLANNER_WARN_NEGATIVE_BUDGET: Final = "A negative budget (${budget:g}) makes no sense: planning with free courses only."
PLANNER_WARN_UNKNOWN_SKILLS: Final = "Ignored unknown skills: {skills}."
PLANNER_WARN_DEADLINE_PAST: Final = (
    "The deadline {deadline} is already past: the schedule below shows when you can realistically finish."
)
PLANNER_WARN_NO_HOURS: Final = "Hours per week not given: the schedule assumes {hours:g} h/week."
PLANNER_WARN_HOURS_TOO_FEW: Final = (
    "{hours:g} hours per week cannot make progress: the schedule assumes {default:g} h/week."
)
PLANNER_WARN_HOURS_TOO_MANY: Final = (
    "{hours:g} hours per week is more than anyone can sustain: the schedule assumes {max:g} h/week."
)
PLANNER_WARN_PREFERENCE: Final = (
    "No course in your preferred language or format teaches {skills}: the plan uses others."
)
# Deadline and budget explanations.
PLANNER_DEADLINE_LATE: Final = "At {pace:g} h/week you would finish on {end}, after your deadline ({deadline})."
PLANNER_DEADLINE_PASSED: Final = "The deadline has already passed."
PLANNER_WAY_MORE_HOURS: Final = "study {needed:g} h/week instead of {pace:g}"
PLANNER_WAY_LATER: Final = "aim for {end}, the earliest realistic date at your pace"
PLANNER_WAY_DROP: Final = "drop optional items ({titles}), which saves {hours:g} h: {enough}"
PLANNER_WAY_DROP_ENOUGH: Final = "enough to make the deadline"
PLANNER_WAY_DROP_NOT_ENOUGH: Final = "not enough on its own"
PLANNER_WAY_NOTHING_TO_DROP: Final = "drop optional items, though every item left on this plan is needed"
PLANNER_WAYS_OUT: Final = "Ways out: {ways}."
PLANNER_WAYS_JOIN: Final = "; or "
PLANNER_BUDGET_OVER: Final = (
    "The plan costs ${cost:g}, ${over:g} more than your ${budget:g} budget. Ways out: raise the budget to ${cost:g}"
)
PLANNER_BUDGET_DROP: Final = ", or drop {titles} (saves ${saved:g})."
PLANNER_BUDGET_END: Final = "."
# What a re-plan changed.
PLANNER_CHANGE_PACE: Final = (
    "Your pace so far is {observed:g} h/week (planned {planned:g} h/week); the schedule now uses {observed:g} h/week."
)
PLANNER_CHANGE_DONE: Final = "Done: {titles}."
PLANNER_CHANGE_REMOVED: Final = "No longer in the plan: {titles}."
PLANNER_CHANGE_ADDED: Final = "Added: {titles}."
PLANNER_CHANGE_END_MOVED: Final = "Expected end moved from {old} to {new}."
PLANNER_CHANGE_ALL_DONE: Final = "Everything in the plan is done."
# Errors (PlanError): one clear line.
PLANNER_ERR_NO_ROLE: Final = "No target role: say which role you are aiming for."
PLANNER_ERR_UNKNOWN: Final = "Unknown {kind} '{text}'.{hint}"
PLANNER_ERR_CLOSEST: Final = " Closest: {names}."
PLANNER_ERR_NOT_OBJECT: Final = "The profile must be a JSON object."
PLANNER_ERR_FIELD: Final = "{where}: {message}{more}"
PLANNER_ERR_MORE: Final = " (and {n} more)"

# --- Understanding: clarification prompts (bot/domain/understanding/)
UNDERSTAND_DID_YOU_MEAN: Final = "Did you mean {label}?"
UNDERSTAND_WEEKENDS_ONLY: Final = "Weekends only: shall I plan about 8 hours a week?"
UNDERSTAND_BUDGET_PER_MONTH: Final = "Is ${usd:g} a month your budget? I counted it as the total."

# --- Admin: catalog curation (bot/telegram/admin.py, bot/services/catalog_admin.py, `waypoint content`)
ADMIN_CMD_CATALOG: Final = "catalog counts and recent changes"
ADMIN_CMD_COURSES: Final = "list or search courses: /courses [query]"
ADMIN_CMD_CERTS: Final = "list or search certifications: /certs [query]"
ADMIN_CMD_SKILLS: Final = "list or search skills: /skills [query]"
ADMIN_CMD_ROLES: Final = "list roles"
ADMIN_CMD_PROJECTS: Final = "list projects"
ADMIN_CMD_SHOW: Final = "one entry in full: /show <id>"
ADMIN_CMD_COURSE_ADD: Final = "add a course (guided, or one line: id=... title='...' ...)"
ADMIN_CMD_COURSE_EDIT: Final = "edit a course: /course_edit <id> cost_usd=49 hours=94"
ADMIN_CMD_CERT_ADD: Final = "add a certification"
ADMIN_CMD_CERT_EDIT: Final = "edit a certification: /cert_edit <id> field=value ..."
ADMIN_CMD_SKILL_ADD: Final = "add a skill"
ADMIN_CMD_SKILL_EDIT: Final = "edit a skill: /skill_edit <id> field=value ..."
ADMIN_CMD_ROLE_ADD: Final = "add a role"
ADMIN_CMD_ROLE_EDIT: Final = "edit a role: /role_edit <id> field=value ..."
ADMIN_CMD_PROJECT_ADD: Final = "add a project"
ADMIN_CMD_PROJECT_EDIT: Final = "edit a project: /project_edit <id> field=value ..."
ADMIN_CMD_RETIRE: Final = "retire an entry: /retire <id> [replacement-id]"
ADMIN_CMD_EXPORT: Final = "the effective catalog as YAML files (upload one back to import)"
ADMIN_CMD_HISTORY: Final = "who changed what: /history [id]"
ADMIN_CMD_UNDO: Final = "undo a catalog change: /catalog_undo [change-id] (the latest by default)"
ADMIN_CMD_STATS: Final = "learners, activity, roles, completion"
ADMIN_CMD_HELP: Final = "learner and admin commands"
ADMIN_CMD_LINKS: Final = "check every link the catalog cites (runs in the background)"
ADMIN_HELP_HEAD: Final = "Admin commands"
ADMIN_HELP_FORMS: Final = (
    "One-line forms: field=value pairs, quotes around text with spaces, lists with commas, e.g. "
    "/course_edit ml-spec cost_usd=49 hours=94 skills=python,sql title='Deep Learning'. "
    "Upload a .yaml file to import: you see the differences and confirm before anything changes."
)
ADMIN_EMPTY: Final = "(nothing to show)"
ADMIN_GOOD_VALUE: Final = "a good value: {example}"
ADMIN_REJECTED: Final = "Nothing changed — the {action} of {entry} was refused:"
ADMIN_ADDED: Final = "Added “{title}” ({id}) as change #{change}."
ADMIN_EDITED: Final = "Changed “{title}” ({id}) as change #{change}:"
ADMIN_RETIRED: Final = "Retired “{title}” ({id}) as change #{change}:"
ADMIN_UNDONE: Final = "Undone as change #{change}: “{title}” ({id})"
ADMIN_IMPORTED: Final = "Imported {n} entries (last change #{id})."
ADMIN_AFFECTED: Final = "{n} learner(s) have it in their latest roadmap; they will see a notice and a re-plan button."
ADMIN_UNDO_HINT: Final = "/catalog_undo {change} reverts it."
ADMIN_BUTTON_UNDO: Final = "↩ Undo"
ADMIN_BUTTON_CONFIRM: Final = "✅ Apply import"
ADMIN_BUTTON_CANCEL: Final = "✖ Cancel"
ADMIN_BUTTON_SAVE: Final = "💾 Save"
ADMIN_BUTTON_OUT_OF_DATE: Final = "This button is out of date."
ADMIN_CATALOG_HEAD: Final = "Catalog (shipped content plus admin changes)"
ADMIN_CATALOG_RETIRED: Final = "Retired or replaced courses and certifications: {n}"
ADMIN_LIST_HEAD: Final = "{kind}: {n} (page {page}/{pages})"
ADMIN_LIST_QUERY: Final = "matching “{query}”"
ADMIN_LIST_EMPTY: Final = "No {kind} match “{query}”."
ADMIN_LIST_HINT: Final = "/show <id> for everything about one entry."
ADMIN_SHOW_USAGE: Final = "Which entry? /show <id>, e.g. /show python"
ADMIN_UNKNOWN_ID: Final = "There is no entry “{id}”. Closest ids: {close}"
ADMIN_SHOW_HISTORY: Final = "{n} admin change(s): /history {id}"
ADMIN_SHOW_EDIT_HINT: Final = "Edit: /{command} {id} field=value ..."
ADMIN_EDIT_USAGE: Final = "Usage: /{command} <id> field=value ..., e.g. /{command} my-id hours=40 cost_usd=0"
ADMIN_WRONG_KIND: Final = "“{id}” is a {kind}; use /{command} {id} ..."
ADMIN_RETIRE_USAGE: Final = "Usage: /retire <id> [replacement-id], e.g. /retire old-course new-course"
ADMIN_UNDO_USAGE: Final = "Usage: /catalog_undo [change-id], e.g. /catalog_undo 12 (the ids are in /history)"
ADMIN_HISTORY_EMPTY: Final = "No admin changes yet: the catalog is exactly the shipped content."
ADMIN_HISTORY_HEAD: Final = "Latest catalog changes"
ADMIN_HISTORY_HEAD_ENTRY: Final = "Changes to {id}"
ADMIN_HISTORY_HINT: Final = "/catalog_undo <change-id> reverts one (an undo can be undone too)."
ADMIN_LINKS_STARTED: Final = (
    "Checking {total} links in the background. This message shows the progress; keep using the bot meanwhile."
)
ADMIN_LINKS_PROGRESS: Final = "Checking links: {done} of {total} done…"
ADMIN_LINKS_DONE: Final = "{total} links checked: {broken} broken, {redirected} redirected, {fine} fine."
ADMIN_LINKS_ALL_FINE: Final = "Every link answered at its own address."
ADMIN_LINKS_LIST: Final = "Broken links and redirects (fix them with /course_edit or /cert_edit):"
ADMIN_LINKS_FILE: Final = "The full list of {n} problems is in the attached file."
ADMIN_LINKS_RUNNING: Final = "A link check is already running: its message above shows the progress."
ADMIN_LINKS_EMPTY: Final = "The catalog cites no links, so there is nothing to check."
ADMIN_LINKS_FAILED: Final = "The link check stopped early ({error}). Nothing was changed; send /links to try again."
ADMIN_EXPORTED: Final = "That's the effective catalog in {n} YAML file(s). Edit one and send it back to import."
ADMIN_UPLOAD_TOO_BIG: Final = "That file is too big to import (2 MB at most)."
ADMIN_UPLOAD_NOT_TEXT: Final = "That file is not UTF-8 text; send a .yaml file like the ones /export_catalog sends."
ADMIN_IMPORT_INVALID: Final = "Nothing changed — the uploaded document has problems:"
ADMIN_IMPORT_NOTHING: Final = "The upload matches the catalog: nothing to change ({unchanged} entries identical)."
ADMIN_IMPORT_HEAD: Final = "Import preview"
ADMIN_DIFF_ADDED: Final = "Added ({n})"
ADMIN_DIFF_CHANGED: Final = "Changed ({n})"
ADMIN_DIFF_RETIRED: Final = "Retired ({n})"
ADMIN_DIFF_MORE: Final = "… and {n} more"
ADMIN_IMPORT_UNCHANGED: Final = "Unchanged: {n}"
ADMIN_IMPORT_CONFIRM: Final = "Nothing has changed yet. Apply the import?"
ADMIN_IMPORT_CANCELLED: Final = "Import cancelled; nothing changed."
ADMIN_DRAFT_START: Final = (
    "Let's add a {kind}, field by field (send /{command} id=... title='...' ... to do it in one line)."
)
ADMIN_DRAFT_ASK: Final = "New {kind}, {n}/{total}: {field}?"
ADMIN_DRAFT_RETRY: Final = "That value doesn't fit; try again:"
ADMIN_DRAFT_READY: Final = "New {kind}, ready to save:"
ADMIN_DRAFT_OPTIONAL: Final = "Optional fields can be set after saving with the edit command."
ADMIN_DRAFT_GONE: Final = "That draft is gone (the bot restarted or it was cancelled); start again."
ADMIN_DRAFT_CANCELLED: Final = "Draft cancelled; nothing changed."
ADMIN_DRAFT_UNKNOWN_SKILL: Final = "unknown skill '{skill}'"
ADMIN_DRAFT_SKILL_EXAMPLE: Final = "python"
ADMIN_DRAFT_ID_TAKEN: Final = "this id is taken"
ADMIN_DRAFT_ID_EXAMPLE: Final = "{id}-2"
ADMIN_STATS_HEAD: Final = "Waypoint stats"
ADMIN_STATS_LEARNERS: Final = "Learners: {n} (active in the last 7 days: {d7}, 30 days: {d30})"
ADMIN_STATS_ROADMAPS: Final = "Roadmaps made: {n} (by {learners} learners)"
ADMIN_STATS_ROLES: Final = "Most-chosen roles: {roles}"
ADMIN_STATS_STAGES: Final = "Completion by stage (average, learners):"
ADMIN_STATS_DONE: Final = "Most often done: {items}"
ADMIN_STATS_CATALOG: Final = "Catalog: {counts}; admin changes: {changes}"
ADMIN_ERR_SECTION: Final = "unknown kind of entry '{section}'"
ADMIN_ERR_NOT_MAPPING: Final = "expected field: value pairs"
ADMIN_ERR_ID_TAKEN: Final = "this id is already used in {section}"
ADMIN_ERR_ID_FIXED: Final = "an id cannot be changed (progress and roadmaps refer to it)"
ADMIN_ERR_NO_CHANGE: Final = "these values are the current ones; nothing to change"
ADMIN_ERR_ALREADY_RETIRED: Final = "already {status} (on {on})"
ADMIN_ERR_NO_REPLACEMENT_FOR: Final = "only courses and certifications name a replacement, not {section}"
ADMIN_ERR_CANNOT_RETIRE: Final = (
    "{section} cannot be retired: courses, roles and learners' plans refer to them; edit it instead"
)
ADMIN_ERR_NOTHING_TO_UNDO: Final = "there is no change to undo"
ADMIN_ERR_NO_CHANGE_ID: Final = "there is no change #{id}"
ADMIN_ERR_ALREADY_UNDONE: Final = "change #{id} was already undone by #{by} (undo #{by} to redo it)"
ADMIN_ERR_CHANGED_SINCE: Final = "{entry} changed again after #{id} (in #{by}); undo #{by} first"
ADMIN_ERR_CHANGED_SINCE_BASE: Final = "{entry} no longer looks as change #{id} left it (the shipped content changed)"
ADMIN_ERR_UNKNOWN_ID: Final = "no entry has this id"
ADMIN_ERR_YAML: Final = "not valid YAML ({error})"
ADMIN_ERR_EMPTY_IMPORT: Final = "the document holds no entries"
ADMIN_ERR_IMPORT_GONE: Final = "this import preview has expired or was already used"
ADMIN_ERR_IMPORT_STALE: Final = (
    "the catalog changed since the preview; upload the file again to see the new differences"
)
ADMIN_EXAMPLE_UPLOAD: Final = "upload the .yaml file again"
ADMIN_NOTICE_REMOVED: Final = "“{title}” is no longer in the catalog."
ADMIN_NOTICE_RETIRED: Final = "“{title}” has been retired."
ADMIN_NOTICE_REPLACED: Final = "“{title}” has been retired; “{replacement}” replaces it."
ADMIN_NOTICE_CHANGED: Final = "“{title}” changed since your plan was made: {changes}."
ADMIN_CLI_DONE: Final = "change #{change}: {action} {entry}"
ADMIN_CLI_ENTRIES: Final = "({n} entries)"

# --- Telegram
# Command menu (set_my_commands) and /help share these descriptions.
TG_CMD_START: Final = "start or continue"
TG_CMD_PLAN: Final = "make or show your plan"
TG_CMD_PROGRESS: Final = "how far you are"
TG_CMD_DONE: Final = "mark something done, e.g. /done python"
TG_CMD_UNDO: Final = "undo your last mark"
TG_CMD_REMINDERS: Final = "weekly check-in reminders"
TG_CMD_SUMMARY: Final = "what I know about you"
TG_CMD_EDIT: Final = "change an answer"
TG_CMD_BACK: Final = "the previous question"
TG_CMD_RESTART: Final = "forget your answers and start again"
TG_CMD_CANCEL: Final = "stop the current question"
TG_CMD_EXPORT: Final = "download all your data"
TG_CMD_DELETE: Final = "erase all your data"
TG_CMD_HELP: Final = "this list"
TG_HELP_INTRO: Final = (
    "I plan your way into machine learning. Answer with the buttons or in your own words. Commands:"
)
TG_EMPTY: Final = "…"
TG_STALE_BUTTON: Final = "This button is out of date. Here is where we are now."
UNVERIFIED_COURSE: Final = "Price and hours not yet re-checked on the provider's page."
TG_SLOW_DOWN: Final = (
    "You're sending messages faster than I can answer. I'll reply to what I already have; "
    "anything after this is skipped, so please wait for my answers before writing more."
)
TG_ERROR: Final = (
    "Sorry, something went wrong on my side. Nothing you told me was lost; please try again in a moment."
)
TG_UNSUPPORTED: Final = "I can only read text messages and button taps. Write to me, or send /help."
# Roadmap delivery
TG_OVERVIEW_TITLE: Final = "Your roadmap to {role}"
TG_OVERVIEW_TOTALS: Final = "{stages} stages · {hours:.0f} h · ${cost:,.0f} · {weeks} weeks · until {end}"
TG_OVERVIEW_STAGE: Final = "{number}. {title} ({start} – {end}, {hours:.0f} h)"
TG_FITS_DEADLINE: Final = "✅ Fits your deadline ({deadline})."
TG_MISSES_DEADLINE: Final = "⚠️ Does not fit your deadline ({deadline})."
TG_FITS_BUDGET: Final = "✅ Fits your budget (${budget:,.0f})."
TG_MISSES_BUDGET: Final = "⚠️ Goes over your budget (${budget:,.0f})."
TG_OVERVIEW_HINT: Final = "Open the stages one by one, tick what you finish, or get the files below."
TG_STAGE_TITLE: Final = "Stage {number}/{count}: {title}"
TG_STAGE_DATES: Final = "{start} – {end} (weeks {week_from}–{week_to}), {hours:.0f} h"
TG_SECTION_SKILLS: Final = "Skills"
TG_SECTION_COURSES: Final = "Courses"
TG_SECTION_CERTS: Final = "Certifications"
TG_SECTION_PROJECTS: Final = "Projects"
TG_SECTION_STEPS: Final = "Steps"
TG_SECTION_DONE: Final = "Done"
TG_FREE: Final = "free"
TG_ALTERNATIVE: Final = "or instead:"
TG_ALL_DONE: Final = "Everything on your roadmap is done. Congratulations!"
TG_BUTTON_STAGES: Final = "Stage by stage ▶"
TG_BUTTON_PROGRESS: Final = "📊 Progress"
TG_BUTTON_DOCUMENT: Final = "📄 Roadmap"
TG_BUTTON_PICTURE: Final = "🖼 Timeline"
TG_BUTTON_CALENDAR: Final = "📅 Calendar"
TG_BUTTON_UNDO: Final = "↩ Undo"
TG_BUTTON_REDO: Final = "✅ Mark done again"
TG_DOCUMENT_CAPTION: Final = "Your full roadmap (Markdown)."
TG_PICTURE_CAPTION: Final = "Your timeline: dark = done, light = still to do; the dashed line is your deadline."
TG_CALENDAR_CAPTION: Final = "Open it to add your stages and weekly study sessions to your calendar."
# Progress
TG_NO_PLAN_HINT: Final = "You don't have a plan yet. Send /start and I'll make one with you."
TG_PROGRESS_TITLE: Final = "Your progress"
TG_PROGRESS_HOURS: Final = "{done:g} of {planned:g} h done ({items_done} of {items} items)."
TG_STATUS_NOT_STARTED: Final = "Just getting started – tick your first item when you finish it."
TG_STATUS_ON_TRACK: Final = "You're on track."
TG_STATUS_BEHIND: Final = "You're behind the plan: {done:g} h done, about {expected:g} h were planned by now."
TG_STATUS_AHEAD: Final = "You're ahead of the plan: {done:g} h done, about {expected:g} h were planned by now."
TG_STATUS_FINISHED: Final = "All done – time to apply!"
TG_PROGRESS_END: Final = "Projected end: {projected} (planned: {planned})."
TG_PROGRESS_DEADLINE_OK: Final = "That is within your deadline ({deadline})."
TG_PROGRESS_DEADLINE_LATE: Final = "That is after your deadline ({deadline}); /plan shows the ways out."
TG_DONE_WHICH: Final = "Which one did you mean by \"{name}\"?"
TG_DONE_NOT_FOUND: Final = "I found nothing called \"{name}\" on your roadmap. Is it one of these?"
TG_DONE_PICK: Final = "What did you finish? Tap it, or write e.g. /done python."
TG_NOTHING_TO_MARK: Final = "Everything on your roadmap is already done!"
TG_NOTHING_TO_UNDO: Final = "There is no mark to undo."
TG_MARKED: Final = "✅ Marked done: {title}."
TG_UNMARKED: Final = "↩ Not done any more: {title}."
TG_MARKED_SHORT: Final = "Marked done"
TG_UNMARKED_SHORT: Final = "Mark undone"
TG_ALREADY_DONE: Final = "{title} was already marked done."
TG_ALREADY_OPEN: Final = "{title} was not marked done."
TG_REPLAN_CHANGES: Final = "I re-planned from today. What changed:"
TG_REPLAN_SAME: Final = "I re-planned from today; nothing else changed."
TG_REPLAN_END: Final = "You are now set to finish by {end}."
# Catalog changed under a learner's roadmap (issue 7)
CATALOG_NOTICE_TITLE: Final = "Since your plan was made, the catalog changed:"
TG_CATALOG_NOTICE_HINT: Final = "Tap Re-plan for a plan from the current catalog; what you've done stays done."
TG_BUTTON_REPLAN: Final = "🔄 Re-plan"
TG_CATALOG_REPLANNED: Final = "🔄 Re-planned with the current catalog."
# Reminders
TG_WEEKDAYS: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TG_REMINDER: Final = "👋 Weekly check-in! What did you finish this week? Tick it on your roadmap or send /done."
TG_REMINDER_NONE: Final = "No weekly reminder is set."
TG_REMINDER_ON: Final = "I remind you every {day} at {hour:02d}:{minute:02d} ({timezone})."
TG_REMINDER_PAUSED: Final = "Your reminder ({day} at {hour:02d}:{minute:02d}, {timezone}) is paused."
TG_REMINDER_HOWTO: Final = (
    "Tap a day to set it (times are in {timezone}), or write e.g. /reminders sun 18:00 Europe/Berlin. "
    "Change your time zone with /reminders tz Europe/Berlin."
)
TG_REMINDER_HOUR: Final = "At what time on {day}?"
TG_REMINDER_USAGE: Final = "Write it like this: /reminders sun 18:00 Europe/Berlin (or pause, resume, stop)."
TG_REMINDER_BAD_ZONE: Final = (
    "I don't know the time zone \"{zone}\". Use a name like Europe/Berlin or America/New_York."
)
TG_REMINDER_ZONE_SET: Final = "Your time zone is now {timezone}."
TG_BUTTON_PAUSE: Final = "⏸ Pause"
TG_BUTTON_RESUME: Final = "▶ Resume"
TG_BUTTON_STOP: Final = "⏹ Stop"
# Privacy
TG_NOTHING_STORED: Final = "I have nothing stored about you."
TG_EXPORT_CAPTION: Final = "Everything I store about you, as JSON."
TG_DELETE_CONFIRM: Final = (
    "Erase everything I store about you: answers, plans, progress and reminders? This cannot be undone."
)
TG_DELETE_YES: Final = "Yes, erase it all"
TG_DELETE_NO: Final = "No, keep it"
TG_DELETE_KEPT: Final = "Nothing was erased."
TG_DELETE_EXPIRED: Final = "That confirmation is out of date, so nothing was erased. Send /delete to ask again."
TG_DELETED: Final = "Done: everything about you is erased ({rows} records). Send /start to begin again."

# ---- planner (issue 13)
PLANNER_CATEGORY_LABELS: Final[dict[str, str]] = {
    "programming": "programming", "math": "maths", "data": "data", "ml": "machine learning",
    "deep_learning": "deep learning", "nlp": "language", "cv": "vision", "llm": "LLMs",
    "mlops": "MLOps", "engineering": "software engineering", "research": "research",
    "professional": "communication",
}
PLANNER_STAGE_TITLE_LEADS: Final[dict[str, str]] = {
    "learning-foundations": "Foundations",
    "learning-data": "Data",
    "learning-core-ml": "Core ML",
    "learning-deep-learning": "Deep learning",
    "learning-specialisation": "Specialisation",
    "learning-engineering": "Engineering",
}
PLANNER_STAGE_TITLE: Final = "{lead}: {labels}"
PLANNER_AND: Final = " and "
PLANNER_GOAL_JOB_SEARCH_SOFT: Final = (
    "Land {article} {role} job: {skills}, portfolio, CV, network, applications and interviews."
)
PLANNER_WHY_SKILL_DEPTH_FROM: Final = " You know it at a {known} level; the role needs {need}."
PLANNER_WHY_SKILL_DEEPEN: Final = " You know it at a {known} level; the role needs {need}: {hours:g} h to deepen it."
PLANNER_WHY_PICK: Final = "{reasons}."
PLANNER_WHY_PICK_LANGUAGE: Final = "taught in {language}"
PLANNER_WHY_PICK_DEPTH: Final = "reaches the {depth} level the role needs"
PLANNER_WHY_PICK_DEPTH_SHORT: Final = "takes {skill} to a {depth} level first"
PLANNER_WHY_PICK_LEVEL: Final = "{level} level, right for where you start"
PLANNER_WHY_PICK_UPDATED: Final = "updated {year}"
PLANNER_WHY_PICK_EDITOR: Final = "the editors' first pick"
PLANNER_WHY_PICK_FIT: Final = "the best fit"
PLANNER_WHY_BEAT: Final = " Picked over {title}: {reason}."
PLANNER_BEAT_LANGUAGE: Final = "taught in {language}"
PLANNER_BEAT_REQUIRES: Final = "needs {requires} first"
PLANNER_BEAT_ADVANCED: Final = "advanced, and you have not had the introduction yet"
PLANNER_BEAT_LEVEL: Final = "{level} level"
PLANNER_BEAT_DEPTH: Final = "{hours:g} h, reaches only a {depth} level"
PLANNER_BEAT_ARCHIVED: Final = "archived, no longer maintained"
PLANNER_BEAT_STALE: Final = "last updated {year}, out of date for a fast-moving topic"
PLANNER_BEAT_RANK: Final = "the editors rank it lower"
PLANNER_BEAT_TIME: Final = "{hours:g} h, {cost}"
PLANNER_WARN_LANGUAGE_UNSERVED: Final = (
    "You prefer {language}, but the catalog teaches machine learning mostly in {used}, the language of most ML jobs: "
    "the plan uses {used} courses and teaches {used} where you need it."
)
PLANNER_WARN_COURSE_LANGUAGE: Final = (
    "{courses}. You have not used {languages} yet: expect to pick up a little of it as you go, or do the exercises "
    "in {language}."
)
PLANNER_WARN_COURSE_LANGUAGE_CHOSEN: Final = (
    "No course in {language}, the language you chose, teaches this: {courses}."
)
PLANNER_COURSE_LANGUAGE_PART: Final = "The course for {skills}, {title}, has its exercises in {language}"
PLANNER_CERT_COST: Final = "certificate ${usd:g}"
PLANNER_CERT_FREE: Final = "free certificate"
PLANNER_CERT_AUDIT: Final = "audit only, no certificate"
PLANNER_CERT_NONE: Final = "no certificate"
PLANNER_WARN_AUDIT_ONLY: Final = (
    "Your budget is free only: {titles} are planned audit only, with no certificate (certificates: {costs})."
    "{free}"
)
PLANNER_WARN_AUDIT_FREE: Final = " Free certificates in this plan: {titles}."
PLANNER_WARN_CERT_COSTS: Final = "Certificates you asked for cost ${total:g} at {pace:g} h/week: {items}."
PLANNER_WARN_HELD_CERT: Final = "You already hold {names}: not scheduled again."
PLANNER_WARN_OTHER_EXPERIENCE: Final = "Also counted as experience: {items}."
PLANNER_WARN_IMPLIED_DOMAIN: Final = "{role} implies the {domain} specialisation: the plan includes it."
PLANNER_WHY_PROJECT_E2E: Final = " End to end and deployed, so a reviewer can open it."
PLANNER_WHY_PROJECT_NEW: Final = " New in this project, not taught earlier in the plan: {skills}."
PLANNER_WHY_PROJECT_ONE: Final = (
    " The learning alone takes about {years} years at your pace, so the plan holds the one project that proves the"
    " most; add a second when you can."
)
PLANNER_ERR_HOURS: Final = (
    "Hours per week must be at least {minimum:g} to make a plan (got {hours:g}): "
    "say how many hours a week you can study."
)
PLANNER_DEADLINE_OUT_OF_REACH: Final = (
    "Your deadline {deadline} needs {needed} a week; at your {pace:g} h/week the plan ends on {end}."
)
PLANNER_DEADLINE_NEEDED_HOURS: Final = "{needed:g} h"
PLANNER_DEADLINE_NEEDED_TOO_MANY: Final = "more than 40 h"
PLANNER_ADVICE_EARLIEST: Final = "take {end} as your deadline: reachable at your pace"
PLANNER_ADVICE_ADJACENT: Final = (
    "aim first for {role} ({hours:g} h, done by {end}), which shares much of the path"
)
PLANNER_ADVICE_MILESTONE: Final = "by {deadline} you can finish {stages} as a first milestone"
PLANNER_ADVICE_DROP: Final = "narrow the scope by dropping {titles} (saves {hours:g} h, {enough})"
PLANNER_ADVICE_HOURS: Final = "study {needed:g} h/week instead of {pace:g}"
PLANNER_ADVICE_HOURS_NONE: Final = "even 40 h/week would not make it"
PLANNER_ADVICE_LEAD: Final = "What you can do: {ways}."
PLANNER_DEADLINE_MILD: Final = "At {pace:g} h/week you would finish on {end}, after your deadline ({deadline})."
PLANNER_SLACK: Final = (
    "You finish on {end}, {weeks} weeks before your deadline ({deadline}): the spare {hours:.0f} h could buy {buy}."
)
PLANNER_SLACK_PROJECT: Final = "a further project ({title}, {hours:g} h)"
PLANNER_SLACK_CERT: Final = "a certification ({name}, {hours:g} h prep)"
PLANNER_SLACK_REST: Final = "rest, revision and more interview practice"
PLANNER_SLACK_OR: Final = " or "
PLANNER_USE_DATE: Final = "Use {date} as my deadline"
PLANNER_CLI_ACCEPT_HINT: Final = "To take {date} as your deadline, run the same command with --accept-earliest."
PLANNER_OTHER_EXPERIENCE_HEADING: Final = "Other experience"
PLANNER_SENIORITY_LABELS: Final[dict[str, str]] = {
    "student": "student or junior", "career_changer": "career changer", "experienced": "experienced professional",
    "senior": "senior (8+ years)",
}
PLANNER_GOAL_JOB_SEARCH_FOR: Final = "Land {article} {role} job, as {seniority}: {what}."
PLANNER_JOB_SEARCH_WHAT: Final = "portfolio, CV, network, applications and interviews"
PLANNER_WARN_DEPTH_SHORT: Final = (
    "No course in reach takes these skills as deep as the role needs: {skills}. Deepen {them} by using {them} in "
    "your projects and real work, beyond the courses.{projects}"
)
PLANNER_DEPTH_SHORT_SKILL: Final = "{skill} (courses reach {reached}, the role needs {need})"
PLANNER_DEPTH_SHORT_PROJECTS: Final = " In this plan: {projects}."
PLANNER_DEPTH_SHORT_PROJECT: Final = "\"{project}\" deepens {skills}"
PLANNER_BEAT_NARROWER: Final = "{hours:g} h for only {skills}"
PLANNER_BEAT_OFF_HOME: Final = "mostly about another field"
RENDER_STARTING_AS: Final = "Starting point: {seniority}."
# The word a salary figure is shown with, by the statistic its source states (content/roles.yaml `statistic`).
RENDER_SALARY_STATISTICS: Final[dict[str, str]] = {"average": "average", "median": "median"}
RENDER_OTHER_EXPERIENCE: Final = "Other experience: {items}."
PLANNER_TERMINAL_EARLIEST_HINT: Final = "Type /earliest to take {date} as your deadline."
TG_SELF_STUDY: Final = "self-study"
PLANNER_BEAT_TOO_LONG: Final = "{hours:g} h, far more than the level you need"
PLANNER_BEAT_MOSTLY_ELSE: Final = "{hours:g} h, mostly on things you do not need"
PLANNER_CERT_INCLUDED: Final = "certificate included in the subscription"
TG_WHY_CUT: Final = " Picked over "
TG_UNVERIFIED_MARK: Final = "*"
TG_UNVERIFIED_FOOTNOTE: Final = "* price and hours not yet re-checked on the provider's page"
PLANNER_WARN_SLOW: Final = (
    "At {pace:g} h/week this plan takes about {years:g} years; at {hours:g} h/week it would take about "
    "{other_years:g}."
)
PLANNER_WARN_SLOW_LEAD: Final = (
    "At {pace:g} h/week this plan takes about {years}: a long time to stay motivated."
)
PLANNER_WARN_SLOW_STEP: Final = (
    "A shorter first step: aim for {role} ({hours:g} h, about {years} at your pace), which shares much of "
    "the path, and go on from there."
)
PLANNER_WARN_SLOW_MORE: Final = "At {hours:g} h/week the whole plan would take about {other_years}."
PLANNER_YEARS: Final = "{years:g} years"
PLANNER_ONE_YEAR: Final = "1 year"
PLANNER_WHY_PICK_OLD: Final = "no longer updated, but no current course teaches this"

# ---- progress and chat (issue 15)
TG_PROGRESS_TOTALS: Final = "{done:g} h done + {remaining:g} h to go = {total:g} h ({items_done} of {items} items)."
TG_OVERVIEW_PROGRESS: Final = "Progress: {done:g} h done + {remaining:g} h to go = {total:g} h ({percent:.0f}%)."
TG_PICTURE_PROGRESS: Final = "{done:g} h done + {remaining:g} h to go = {total:g} h."
TG_CALENDAR_PROGRESS: Final = "{done:g} h done + {remaining:g} h to go = {total:g} h."
TIMELINE_TITLE_PROGRESS: Final = "Your roadmap: {done:g} h done + {remaining:g} h to go = {total:g} h, until {end}"
TIMELINE_TITLE: Final = "Your roadmap: {hours:.0f} h, until {end}"
TIMELINE_DEADLINE: Final = " deadline"  # beside the dashed line; the space keeps it off the line
ICS_STAGE_PROGRESS: Final = "{done:g} h done + {remaining:g} h to go = {total:g} h"
TG_STAGE_FINISHED: Final = "🎉 Stage finished: {title}. Well done!"
TG_STAGE_NEXT: Final = "Next up: {title}."
PLAN_CHANGED_INTRO: Final = "Your answers changed, so I re-planned right away (everything you have done is kept)."
PLAN_CHANGED_ROLE: Final = "Target: {old} → {new}."
PLAN_CHANGED_PACE: Final = "Pace: {old:g} → {new:g} h/week."
PLAN_CHANGED_DROPPED: Final = "No longer needed ({count}): {titles}."
PLAN_CHANGED_ADDED: Final = "New in the plan ({count}): {titles}."
PLAN_CHANGED_HOURS: Final = "Hours to go: {old:g} → {new:g} h."
PLAN_CHANGED_END: Final = "End date: {old} → {new}."
PLAN_CHANGED_NOTHING: Final = "The plan itself stays the same."
PLAN_CHANGED_KEPT: Final = "Still counted as done: {titles}."
TG_RETIRED_SHORT: Final = "That course has left the catalog"
TG_RETIRED_COURSE: Final = (
    "\"{title}\" has just left the catalog, so I did not mark it yet. If you finished it anyway, tell me and I "
    "will count it; otherwise re-plan and I will find what replaces it."
)
TG_RETIRED_CONFIRM: Final = "✅ Yes, I finished it"
ADMIN_ERR_NOTHING_TO_REDO: Final = "there is no undone change to redo"
ADMIN_CMD_REDO: Final = "redo the change undone last"
ADMIN_UNDO_CONFIRM: Final = (
    "Undoing change #{id} takes {entries} out of the catalog, and {learners} learner(s) have it in their "
    "latest roadmap (they will see a notice). Undo it?"
)
ADMIN_UNDO_CONFIRM_YES: Final = "Yes, undo it"
ADMIN_UNDO_CONFIRM_NO: Final = "No, keep it"
ADMIN_UNDO_KEPT: Final = "Nothing was undone."
ADMIN_ERR_DUPLICATE: Final = "is the same course as {existing} ({why}); edit that one with /course_edit {existing} ..."
ADMIN_DUPLICATE_SAME_TITLE: Final = "same title and provider"
ADMIN_DUPLICATE_SAME_URL: Final = "same URL"
TG_WELCOME_SETUP: Final = (
    "Setup takes about two minutes. I store only your answers, your plan and your progress; /delete erases "
    "all of it."
)
TG_HOURS_TYPED: Final = "Tap one, or type a number."
TG_DEADLINE_TYPED: Final = "Tap one, or type a date, e.g. 'end of June'."
PLANNER_WHY_PUT_BACK: Final = "You put it back, so it stays in your plan."

# Group chats: learner features are private (issue 11)
TG_GROUP_PRIVATE_ONLY: Final = (
    "I only talk about plans and progress in a private chat, so nothing personal shows here. "
    "Open a chat with me: {link}"
)
TG_GROUP_BUTTON_PRIVATE: Final = "Buttons work only in a private chat with me."
# Command line: a refused bot token (issue 11)
CLI_TOKEN_REJECTED: Final = "Telegram rejected the token; check TELEGRAM_BOT_TOKEN"
# Command line: one bot per database (issue 11)
CLI_DB_IN_USE: Final = "Another Waypoint bot is already running on {path}; stop it before starting a second one"
CLI_RESTORE_IN_USE: Final = "Not restoring: a Waypoint bot is running on {path}; stop it first, then restore"
# Admin uploads (issue 11)
ADMIN_ERR_ALIAS: Final = "uses YAML aliases (*name), which uploads may not: write each value out in full"
ADMIN_UPLOAD_PROBLEMS_SUMMARY: Final = "{n} problems in all; the first {shown} are above, every one is in the file."
ADMIN_UPLOAD_PROBLEMS_CAPTION: Final = "Every problem in the uploaded document"
TG_DB_BUSY: Final = "I couldn't save that just now because I'm busy. Nothing changed; please send it again."

# ---- job ads (issue 17)
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
JOB_DEGREE_NAMES: Final = {"bachelor": "bachelor's degree", "master": "master's degree", "phd": "PhD"}
JOB_MODE_NAMES: Final = {"remote": "remote", "hybrid": "hybrid", "onsite": "on-site"}
JOB_MATCH_TODAY: Final = "Match today: {percent}%."
JOB_MATCH_PLANNED: Final = "With your plan: {percent}%."
JOB_MATCH_NONE: Final = "I found no skills from my catalog in this ad, so I can't score the match."
JOB_HAVE: Final = "✅ You have: {skills}"
JOB_PLANNED: Final = "📅 Your plan teaches: {skills}"
JOB_PLANNED_ITEM: Final = "{skill} (by {date})"
JOB_DATE_FORMAT: Final = "%d %b %Y"
JOB_MISSING: Final = "❌ Not in your plan yet: {skills}"
JOB_NICE_MARK: Final = "{skill} (nice to have)"
JOB_READY_BY: Final = "At your pace you'd have every required skill by {date}."
JOB_YEARS_GAP: Final = "The ad asks for {years:g} more years of experience than you have."
JOB_DEGREE_GAP: Final = "The ad requires a {degree}."
JOB_UNKNOWN: Final = "Not in Waypoint's catalog yet: {skills}"
PLANNER_WHY_SKILL_JOB: Final = "A job ad you aimed your plan at asks for it."
JOB_READY_IF_AIMED: Final = "If I aim your plan at this job, you'd be ready by {date} at your pace."
JOB_READY_NOW: Final = "You already have every skill it asks for."
JOB_AIM_INTRO: Final = "I aimed your plan at {title} (everything you have done is kept)."
JOB_AIM_ADDED: Final = "Skills added for this job: {skills}."
JOB_AIM_FINISH: Final = "New finish date: {date}."
TG_CMD_JOB: Final = "how close you are to a job ad (paste it after /job, or send a .txt/.md/.pdf)"
TG_CMD_JOBS: Final = "your saved job ads: match now and when you'd be ready"
TG_JOB_ASK: Final = "Paste the job ad as your next message, or send it as a .txt, .md or .pdf file."
TG_JOB_EMPTY: Final = "That ad is empty. Paste its text after /job, or send it as a .txt, .md or .pdf file."
TG_JOB_NO_PLAN: Final = "Let's make your plan first (/start); then send me a job ad and I'll show how close you are."
TG_JOB_AIM: Final = "🎯 Aim my plan at this job"
TG_JOB_SAVE: Final = "💾 Save it"
TG_JOB_DISMISS: Final = "✖ Dismiss"
TG_JOB_SAVED: Final = "Saved. See your saved ads with /jobs."
TG_JOB_DISMISSED: Final = "Dismissed: I erased that ad."
TG_JOB_GONE: Final = "That ad is no longer stored."
TG_JOB_TOO_BIG: Final = "That file is too big for a job ad (the limit is {mb} MB). Paste the text after /job instead."
TG_JOB_UNREADABLE: Final = "I couldn't read text from that file. Paste the ad's text after /job instead."
TG_JOBS_NONE: Final = "No saved job ads yet. Send me one (or /job and paste it), then tap Save it."
TG_JOBS_HEADER: Final = "Your saved job ads:"
TG_JOBS_LINE: Final = "{n}. {title}: {percent}% match now, {ready}"
TG_JOBS_NOT_PLANNED: Final = "not in your plan yet (aim your plan at it)"
TG_JOBS_DELETE: Final = "🗑 Delete {n}. {title}"
TG_PROGRESS_CLOSEST_JOB: Final = "Closest saved job: {title}, {percent}% match now."
TG_REMINDER_JOB_CROSSED: Final = "🎉 You now match {percent}% of a job you saved: {title}."
ADMIN_STATS_JOB_UNKNOWN: Final = "Job ads name these skills not in the catalog yet: {items}"
TERM_JOB_ASK: Final = "Paste the job ad, then two empty lines (or /end) to finish:"
CLI_JOB_NO_LEARNER: Final = (
    "no plan for learner '{user}' in this database: run 'waypoint chat --user {user}' first, or give --profile"
)
TG_JOB_FILE_TYPES: Final = "I read job ads from .txt, .md or .pdf files, or paste the ad's text after /job."
# ---- skill checks and reviews (issue 18)
TG_CMD_CHECK: Final = "prove a skill with 3 quick questions"
TG_CMD_REVIEW: Final = "review what you finished"
CHECK_OFFER: Final = "Want to skip these with proof? 3 quick questions each: {skills}."
CHECK_OFFER_SKIP: Final = "No thanks"
CHECK_BUTTON: Final = "Check {skill}"
CHECK_SKIPPED: Final = "Fine: they stay as known. /check SKILL proves one any time."
CHECK_USAGE: Final = "Which skill? For example /check sql. Claimed skills worth checking: {skills}."
CHECK_USAGE_NONE: Final = "Which skill? For example /check sql."
CHECK_UNKNOWN: Final = "I don't know the skill '{text}'. Try its name, e.g. /check sql."
CHECK_NO_QUESTIONS: Final = "I have no questions about {skill} yet."
CHECK_NO_PLAN: Final = "Make your plan first (/start), then I can check your skills."
CHECK_POLL_TITLE: Final = "{skill} {number}/{total}: {question}"
REVIEW_POLL_TITLE: Final = "Review, {skill}: {question}"
CHECK_PASSED: Final = "{skill} checked: {correct} of {total} right, recorded on {date}."
CHECK_FAILED: Final = ("{skill}: {correct} of {total} right, so not proven yet. Keep it as known, or let the plan "
                       "include a short refresher?")
CHECK_KEEP: Final = "Keep it as known"
CHECK_REFRESH: Final = "Add a short refresher"
CHECK_KEPT: Final = "{skill} stays as known."
CHECK_REFRESHED: Final = "Your plan now includes a refresher of {skill}; what you have done is kept. /plan shows it."
CHECK_REFRESH_NONE: Final = ("I can't add a refresher of {skill}: the course that taught it is done. "
                             "Going over its notes again is the quickest way back.")
REVIEW_RIGHT: Final = "Right: {skill} stays fresh. The next review comes later."
REVIEW_WRONG: Final = "Not quite: {skill} comes back sooner for another look."
REVIEW_FLAGGED: Final = "{skill} keeps slipping in reviews. Add a short refresher to your current stage?"
REVIEW_NONE_DUE: Final = "No reviews are due now. Finished courses and skills come back for review over time."
REVIEW_INTRO: Final = "Time for a quick review of what you finished:"
PROGRESS_KEPT_FAILED: Final = "Kept as known after a missed check: {skills}"
PROGRESS_FLAGGED: Final = "Slipping in reviews: {skills}"
PROGRESS_REFRESH_BUTTON: Final = "Refresh {skill}"
TERM_CHECK_QUESTION: Final = "{title}"
TERM_CHECK_PROMPT: Final = "Your answer (number): "
TERM_CHECK_BAD: Final = "Type one of the numbers 1-{n}."
TERM_CHECK_RIGHT: Final = "Right. {explanation}"
TERM_CHECK_WRONG: Final = "Not quite: the answer is '{answer}'. {explanation}"
TERM_CHECK_CHOICE: Final = "Type 1 to keep it as known, 2 to add a short refresher: "
ADMIN_CMD_QUIZZES: Final = "browse quiz questions"
ADMIN_CMD_QUIZ_ADD: Final = "add a quiz question"
ADMIN_CMD_QUIZ_EDIT: Final = "edit a quiz question"
# ---- issue 18, part 2: readiness per stage, a review time of one's own, refreshers, retired /done
READY_CLAIMED_STAGE: Final = "Claimed at the start"
READY_STAGE: Final = "{checked} of {done} {what} checked by a quiz"
READY_TITLED: Final = "{title}: {line}"
READY_WHAT_CLAIMED: Final = "claimed skills"
READY_WHAT_DONE: Final = "done skills"
READY_CHECKED: Final = "Checked: {skills}"
READY_CHECKED_ONE: Final = "{skill} ({date})"
READY_JOB: Final = ("Job readiness: {checked} of {needed} skills the role needs checked at its depth{no_quiz}, "
                    "{projects_done} of {projects_total} projects done, {hours} h of the plan to go.")
READY_FLAGGED_HINT: Final = ("{skills}: slipping in reviews (2 of the last 3 missed). "
                             "A refresher fits your current stage.")
REVIEW_TIME_NOW: Final = "Reviews come every day at {hour:02d}:{minute:02d} ({timezone}), at most 3 a day."
REVIEW_TIME_FOLLOWS: Final = ("Reviews come every day at your reminder's time, {hour:02d}:{minute:02d} "
                              "({timezone}), at most 3 a day.")
REVIEW_TIME_NONE: Final = ("Reviews are not sent on their own yet: pick a time with /review time 19:30 "
                           "(or set a reminder with /reminders).")
REVIEW_TIME_PAUSED: Final = "They are paused with your reminders (/reminders resume)."
REVIEW_TIME_STOPPED: Final = "They are off with your reminders (/reminders sets them again)."
REVIEW_TIME_SET: Final = ("Done: due reviews now come every day at {hour:02d}:{minute:02d} ({timezone}), "
                          "at most 3 a day.")
REVIEW_TIME_CLEARED: Final = "Done: reviews follow your reminder's time again."
REVIEW_TIME_USAGE: Final = ("Say a time of day, e.g. /review time 19:30 (or 7pm, optionally with a time zone: "
                            "/review time 19:30 Europe/Berlin); /review time off goes back to your reminder's time.")
REVIEW_TIME_ASK: Final = "When should due reviews come? Pick an hour, or type /review time 19:30."
REVIEW_TIME_BUTTON: Final = "⏰ Review time"
REVIEW_TIME_OFF_BUTTON: Final = "Same as my reminder"
REVIEW_TIME_BAD_ZONE: Final = "I don't know the time zone '{zone}'. Try a name like Europe/Berlin or America/New_York."
REFRESHER_COURSE_ADDED: Final = ("Added to {stage}: {title} ({hours:g} h), a short course that takes {skill} to "
                                 "{depth} depth. What you have done is kept; /plan shows it.")
REFRESHER_SELF_ADDED: Final = ("Added to {stage}: a {hours:g}-hour self-study refresher of {skill} (an estimate: a "
                               "quarter of the time to learn it). No short course in the catalog fits; what you "
                               "have done is kept; /plan shows it.")
REFRESHER_ALREADY: Final = "A refresher of {skill} is already in your plan: {title}."
REFRESHER_NO_PLAN: Final = "Make your plan first (/start); then a refresher can go into it."
REFRESHER_NOT_FLAGGED: Final = "{skill} is not slipping in reviews; /progress shows the ones that are."
REFRESHER_WHY: Final = "Refresher: {skill} kept slipping in reviews; this brings it back to {depth} depth."
REFRESHER_SELF_TITLE: Final = "Refresh {skill}: go over your notes and the official docs, then /check it"
TERM_REFRESH_USAGE: Final = "Type /refresh SKILL to add a refresher for a skill slipping in reviews: {skills}."
TERM_REFRESH_NONE: Final = "No skill is slipping in reviews."
TERM_DONE_RETIRED_OPTIONS: Final = ("Yes, I finished it", "Re-plan without it", "Leave it")
TERM_LEFT_AS_IS: Final = "Left as it was."
REFRESHER_PLAN_FINISHED: Final = ("Your plan is finished, so there is no current stage for a refresher; /review keeps "
                                  "{skill} coming back until it sticks.")
TERM_REVIEW_TIME_NOTE: Final = ("The terminal sends nothing on its own: type /review when you sit down; "
                                "the limit of 3 a day still holds.")
READY_NO_QUIZ: Final = " ({count} of them have no quiz yet)"
READY_NO_QUIZ_ONE: Final = " (1 of them has no quiz yet)"

# ---- job ads, session 3 (issue 17 follow-up): portfolio changes when aiming, un-aiming, the /job menu
JOB_PROJECTS: Final = "Portfolio: {parts}."
JOB_PROJECTS_KEPT: Final = "kept {titles}"
JOB_PROJECTS_ADDED: Final = "added {titles} (it shows this job's skills)"
JOB_PROJECTS_DROPPED: Final = "dropped {titles}"
JOB_UNAIM_INTRO: Final = "Your plan no longer aims at {title} (everything you have done is kept)."
JOB_UNAIM_REMOVED: Final = "Skills taken out: {skills}."
JOB_UNAIM_NOTHING: Final = "Your plan is not aimed at any job ad."
JOB_UNAIM_NOT_AIMED: Final = "Your plan is no longer aimed at that ad."
TG_JOB_UNAIM: Final = "↩ Stop aiming at {title}"
TG_JOB_ASK_AIMED: Final = "Your plan is aimed at: {titles}. Tap a button below to stop aiming at one."
TG_JOBS_LINE_AIMED: Final = "{n}. {title}: {percent}% match now, {ready} (your plan is aimed at it)"
TG_JOBS_READY_BY: Final = "ready by {date}"
TERM_JOBS_CHOICES: Final = "Type a number to stop aiming your plan at that ad:"

# ------------------------------------------ dialogue: sloppy answers (skip, questions back, misses)
# "skip", "idk", "whatever", "🤷" at a question that can stay open: it stays open, and saying so is enough.
SKIPPED: Final = "No problem, I'll leave {field} open. You can fill it in later with /edit {name}."
SKIPPED_VALUE: Final = "skipped"
# At a question the plan cannot do without, a skip gets why it is needed and the easiest way to answer.
SKIP_NEEDED: Final[dict[str, str]] = {
    "hours": 'I need this one to put dates on your plan. A rough guess is fine, e.g. "5" or "about 8 hours".',
}
# Quiz questions answered with "idk": moved past; with none answered the learner picks from the list.
QUIZ_NOTHING_PICKED: Final = ("No worries. Pick the role that sounds closest from the list; "
                              "you can change it any time with /edit role.")
# A question back ("why do you need this?", "how long will it take?") gets why this question is asked.
ASKED_BACK: Final = "Good question! Your plan will show the dates, hours and costs once I know a bit more. {why}"
WHY_ASKED: Final[dict[str, str]] = {
    "role": "The role decides which skills, courses and projects go into your plan.",
    "quiz1": "These three questions help me suggest a role; there are no wrong answers.",
    "quiz2": "These three questions help me suggest a role; there are no wrong answers.",
    "quiz3": "These three questions help me suggest a role; there are no wrong answers.",
    "domain": "A specialisation adds its own skills and projects; \"no preference\" keeps the plan general.",
    "education": "Your education tells me which maths and computer-science basics to include.",
    "job": "Your current job tells me what you probably know already and how to frame your switch.",
    "years": "Your work experience changes where the plan starts and how you pitch yourself.",
    "skills": "I leave out what you already know, so the plan gets shorter.",
    "hours": "Your weekly hours set the pace: they turn the plan into dates.",
    "deadline": "A deadline lets me check whether your pace gets you there in time.",
    "budget": "Your budget decides between free and paid courses.",
    "certificates": "Certificates cost time and money, so I add them only if you want them.",
}
# The way out offered when an answer was not understood twice in a row at the same question.
WAY_OUT_SKIP: Final = 'Or say "skip" and we\'ll come back to it later.'
WAY_OUT: Final[dict[str, str]] = {
    "role": "Any role from the list is a fine start; you can change it any time with /edit role.",
    "quiz1": 'Or say "skip".',
    "quiz2": 'Or say "skip".',
    "quiz3": 'Or say "skip".',
    "hours": 'A rough guess is fine, e.g. "5".',
}
NOT_UNDERSTOOD_AGAIN: Final = "I still didn't get that, sorry. {example} {way_out}"
TERMINAL_AMOUNT_HINT: Final = "(type one of these, or any other amount, e.g. 12)"
TERMINAL_EARLIEST_NO_PLAN: Final = ("There's no plan with a missed deadline to take an earliest date from. "
                                    "/plan shows your plan.")
# A question back where no question is open: the plan (or the summary's button) is the answer.
ASKED_BACK_AT: Final[dict[str, str]] = {
    "summary": 'Tap "Make my plan" and you\'ll see the dates, hours and costs; you can still change any answer.',
    "done": ('Your plan has the answer: tap "Show my plan" for its dates, hours and costs, or write e.g. '
             '"make it 15 hours a week" to see how it changes.'),
    "edit": 'Tap the answer you want to change; the new plan then shows the dates, hours and costs.',
}
# A "yes" to a question that reads as yes/no but wants a choice ("Any specialisation in mind?" - "yes").
YES_WHICH: Final[dict[str, str]] = {
    "domain": 'Great, which one? Tap it below, or write e.g. "computer vision".',
}
# Only emoji or punctuation (":)", "😂😂", "!!!"): a reaction, not a wrong answer.
REACTION_REPLY: Final = "🙂 {example}"
# A "Change X → Y?" question left unanswered by a message that meant nothing: it is asked again, not dropped.
CONFIRM_EXAMPLE: Final = "Answer yes or no."

# ---------------------------------------------------------------- admin: forms, catalog validation, curation
# One-line forms (/course_edit id field=value ...): what a good value of each field looks like, keyed by field
# name; shown next to every problem with that field.
ADMIN_FORM_EXAMPLES: Final[dict[str, str]] = {
    "id": "a kebab-case id such as deep-learning-spec",
    "url": "an https:// link such as https://www.coursera.org/specializations/deep-learning",
    "source": "an https:// link to where the facts were checked, such as https://www.coursera.org/...",
    "cost_usd": "a price in US dollars such as 49, or 0 for free",
    "pricing_note": "text such as pricing_note='$49 a month'",
    "hours": "a number of hours above 0 such as 40",
    "prep_hours": "a number of hours above 0 such as 60",
    "skills": "comma-separated skill ids such as python,sql",
    "teaches": "skill:depth pairs such as python:deep,sql:basic (depth basic, working or deep)",
    "cost_model": "free, free_audit_paid_certificate, subscription or one_off",
    "price_usd": "the course's one-off price in US dollars such as 49",
    "monthly_usd": "a monthly subscription price in US dollars such as 49",
    "certificate_usd": "the certificate's fee in US dollars such as 99",
    "hours_basis": "provider (the provider states it) or estimate (ours)",
    "hours_note": "text such as hours_note='9 lessons x 90 min video, x3 for exercises'",
    "requires": "comma-separated course ids or skill:depth such as fastai-part1,python:working",
    "updated": "the year of the last content revision such as 2025",
    "editor_rank": "a whole number, 1 = the team's first pick",
    "programming_language": "python, r, java, c++, javascript, sql or none",
    "prerequisites": "comma-separated skill ids such as python,linear-algebra (or none)",
    "roles": "comma-separated role ids such as ml-engineer,data-scientist",
    "optional_skills": "comma-separated skill ids such as docker,kubernetes",
    "domains": "comma-separated domain ids such as nlp,computer-vision",
    "required_skills": "skill:depth pairs such as python:deep,sql:working (depth basic, working or deep)",
    "retired_on": "a date such as 2025-01-31 (or none)",
    "verified_on": "a date such as 2025-01-31",
    "replacement": "the id of another entry of the same kind, or none",
    "certificate": "yes or no",
    "exam_minutes": "a whole number of minutes such as 120",
    "validity_years": "a number of years such as 3, or none if it never expires",
    "language": "a language code such as en",
    "format": "self-paced, instructor-led, bootcamp, book or university",
    "domain": "a domain id such as nlp, or none",
    "order": "a whole number such as 3",
    "fits": "comma-separated education levels such as none,high_school",
    "aliases": "alternative names separated by ; such as aliases='ML engineer;MLE'",
    "duties": "duties separated by ; such as duties='Train models;Ship them'",
    "progression": "comma-separated role ids or titles",
    "salary": "salary bands can only be set by uploading a YAML document",
    "year": "a year such as 2025",
    "question": "text of at most 300 characters such as question='What does a p-value measure?'",
    "options": "2-4 answers separated by ; such as options='A;B;C' (each at most 100 characters)",
    "correct": "the right option's position counted from 0, such as 0 for the first",
    "explanation": "why the answer is right, at most 200 characters",
    "skill": "a skill id such as statistics",
}
ADMIN_FORM_TEXT_EXAMPLE: Final = "text, quoted when it has spaces, such as {field}='Deep Learning'"
ADMIN_FORM_NUMBER_EXAMPLE: Final = "a number such as 3"
ADMIN_FORM_ONE_OF: Final = "one of {choices}"
ADMIN_FORM_FOR_EXAMPLE: Final = " — for example {example}"
ADMIN_FORM_ERR_NEEDS_VALUE: Final = "needs a value"
ADMIN_FORM_ERR_NESTED: Final = "cannot be set in a one-line form"
ADMIN_FORM_ERR_YES_NO: Final = "expected yes or no (got '{text}')"
ADMIN_FORM_ERR_WHOLE_NUMBER: Final = "expected a whole number (got '{text}')"
ADMIN_FORM_ERR_NUMBER: Final = "expected a number (got '{text}')"
ADMIN_FORM_ERR_FINITE: Final = "expected a finite number (got '{text}')"
ADMIN_FORM_ERR_DATE: Final = "expected a date as YYYY-MM-DD (got '{text}')"
ADMIN_FORM_ERR_CHOICE: Final = "'{text}' is not one of {choices}"
ADMIN_FORM_ERR_UNREADABLE: Final = "cannot read it ({error})"
ADMIN_FORM_UNREADABLE_EXAMPLE: Final = "title='Deep Learning' (close every quote)"
ADMIN_FORM_ERR_FIELD_VALUE: Final = "expected field=value"
ADMIN_FORM_ERR_NOT_A_FIELD: Final = "not a field of a {kind}"
ADMIN_FORM_DID_YOU_MEAN: Final = " (did you mean {hint}?)"
ADMIN_FORM_ERR_TWICE: Final = "given twice"
ADMIN_FORM_ERR_INVALID: Final = "{message} (got '{raw}')"
ADMIN_FORM_ERR_NO_FIELDS: Final = "no fields given"
ADMIN_FORM_NO_FIELDS_EXAMPLE: Final = "cost_usd=49 hours=94 skills=python,sql title='Deep Learning'"
ADMIN_FORM_ERR_MISSING: Final = "is missing"
ADMIN_FORM_CLOSEST: Final = "{hint} (the closest known {kind})"
# What a change did to an entry, in the history and previews (besides "field: old → new" lines).
ADMIN_DESCRIBE_ADDED: Final = "added"
ADMIN_DESCRIBE_REMOVED: Final = "removed from the catalog"
# Examples next to the service's refusals (an example may name a command; Telegram shows /undo as /catalog_undo).
ADMIN_EXAMPLE_NEW_ID: Final = "a new id such as {id}-2"
ADMIN_EXAMPLE_RETIRE_INSTEAD: Final = "/retire {id} <new-id> after adding the new entry"
ADMIN_EXAMPLE_DIFFERENT_VALUE: Final = "a value different from the current one"
ADMIN_EXAMPLE_UNRETIRE: Final = "/undo, or /{command} {id} status=active retired_on=none replacement=none"
ADMIN_EXAMPLE_HISTORY_ID: Final = "an id from /history"
ADMIN_EXAMPLE_ENTRY_ID: Final = "an id from /courses, /certs, /skills"
ADMIN_HISTORY_UNDOES: Final = " (undoes #{id})"
ADMIN_CLI_HISTORY_LINE: Final = "#{id} {at} {actor} {action}{undoes} {section}/{entry}"
# A course's cost model in words (the admin's listing and stored-record lines).
ADMIN_COST_FREE: Final = "free"
ADMIN_COST_ONCE: Final = "${price} once"
ADMIN_COST_MONTHLY: Final = "${monthly}/month (about ${total} in all)"
ADMIN_COST_AUDIT: Final = "free to audit, certificate ${certificate}"
ADMIN_COST_OTHER: Final = "{model} (${total})"
ADMIN_FACT_HOURS: Final = "{hours} h"
ADMIN_FACT_PREP_HOURS: Final = "{hours} h prep"
ADMIN_FACT_SKILLS: Final = "{n} skills"
# Catalog validation: read by admins in chat and by operators in `waypoint content validate`.
CATALOG_ERR_SUMMARY: Final = "{n} problem(s) in the catalog:\n{lines}"
CATALOG_ERR_NOT_DIRECTORY: Final = "not a directory"
CATALOG_ERR_YAML: Final = "not valid YAML: {error}"
CATALOG_ERR_NO_FILES: Final = "no *.yaml files"
CATALOG_ERR_NOT_MAPPING: Final = "top level must be a mapping"
CATALOG_ERR_UNKNOWN_SECTION: Final = "unknown section (expected one of: {known})"
CATALOG_ERR_NOT_LIST: Final = "must be a list"
CATALOG_ERR_DUPLICATE_ID: Final = "duplicate id (already used in {section})"
# explain_issues (bot/domain/admin.py) reads the kind and the id back out of this one: keep "unknown X 'id'".
CATALOG_ERR_UNKNOWN_REF: Final = "unknown {kind} '{ref}'"
CATALOG_ERR_HOURS: Final = "must be more than 0 hours (got {value:g})"
CATALOG_ERR_URL: Final = "must be an https:// URL (got '{url}')"
CATALOG_ERR_OWN_PREREQUISITE: Final = "a skill cannot be its own prerequisite"
CATALOG_ERR_HOURS_NOTE: Final = "must give the provider's figure and how it was converted"
CATALOG_ERR_YEAR: Final = "must be a year such as 2025 (got {year})"
CATALOG_ERR_REQUIREMENT_CYCLE: Final = "requirement cycle: {cycle}"
CATALOG_ERR_PREREQUISITE_CYCLE: Final = "prerequisite cycle: {cycle}"
CATALOG_ERR_ISSUER_REPOSITORY: Final = "a repository is not the issuer's page; cite the issuer"
CATALOG_ERR_NEGATIVE: Final = "must not be negative (got {value:g})"
CATALOG_ERR_NOT_POSITIVE: Final = "must be more than 0"
CATALOG_ERR_POSITIVE_AMOUNT: Final = "must be a positive amount"
CATALOG_ERR_UNTAUGHT: Final = "no active course teaches '{skill}'"
CATALOG_ERR_BLANK: Final = "must not be blank"
CATALOG_ERR_TOO_LONG: Final = "is {length} characters; Telegram allows {limit}"
CATALOG_ERR_OPTION_COUNT: Final = "needs {min} to {max} options (got {count})"
CATALOG_ERR_REPEATED_OPTION: Final = "repeats option {first} ('{option}')"
CATALOG_ERR_CORRECT_INDEX: Final = "must index one of the options, 0 to {last} (got {correct})"
CATALOG_ERR_NO_OPTIONS: Final = "there are no options to index (got {correct})"
CATALOG_ERR_LINE_FEEDS: Final = "Telegram allows at most {n} line feeds"
CATALOG_ERR_QUIZ_RETIRED_DATE: Final = "a retired question needs the date it was retired"
CATALOG_ERR_QUIZ_ACTIVE_DATE: Final = "an active question cannot have a retirement date"
CATALOG_ERR_ONE_OFF_PRICE: Final = "a one_off course needs its price"
CATALOG_ERR_SUBSCRIPTION_PRICE: Final = "a subscription course needs its monthly price"
CATALOG_ERR_AUDIT_CERTIFICATE: Final = "a free_audit_paid_certificate course must offer a certificate"
CATALOG_ERR_CERTIFICATE_COST: Final = "say what the certificate costs (certificate_usd or monthly_usd)"
CATALOG_ERR_FREE_PRICE: Final = "a free course cannot carry a price"
CATALOG_ERR_PROVIDER_REPOSITORY: Final = (
    "a repository is not the provider's page; cite the provider or mark third_party"
)
CATALOG_ERR_DEPTH: Final = "depth must be basic, working or deep (got '{depth}')"
CATALOG_ERR_REQUIRES_ITSELF: Final = "a course cannot require itself"
CATALOG_ERR_UNKNOWN_COURSE: Final = "unknown course '{ref}' (or write skill:depth such as python:working)"
CATALOG_ERR_RETIRED_DATE: Final = "a {status} item needs the date it was retired"
CATALOG_ERR_REPLACEMENT_MISSING: Final = "a replaced item must name its replacement"
CATALOG_ERR_REPLACES_ITSELF: Final = "an item cannot replace itself"
CATALOG_ERR_ACTIVE_DATE: Final = "an active item cannot have a retirement date"


# ---------------------------------------------------------------- admin command menu
# Descriptions of the per-kind admin commands ({section}: courses, projects, ...).
ADMIN_BROWSE_DOC: Final = "List {section}, optionally fuzzy-filtered, paginated."
ADMIN_ADD_DOC: Final = "Add to {section}: a one-line form, or a guided dialogue without arguments."
ADMIN_EDIT_DOC: Final = "Edit one entry of {section} with a one-line form."

# ---------------------------------------------------------------- operator (CLI, config, database files) and views
# The `waypoint` command: group help, option help, and the lines it prints.
CLI_APP_HELP: Final = "Waypoint: plans a learner's way into machine-learning engineering."
CLI_CONTENT_HELP: Final = "Validate and inspect the content catalog."
CLI_DB_HELP: Final = "Database maintenance."
CLI_BENCH_HELP: Final = "Benchmarks that print figures."
CLI_HELP_CONTENT_DIR: Final = "content directory"
CLI_HELP_TODAY: Final = "YYYY-MM-DD (default: today)"
CLI_HELP_AUDIT_ALL: Final = "list every entry, not only those due"
CLI_HELP_TIMEOUT: Final = "seconds per request"
CLI_HELP_DB: Final = "database file (default: WAYPOINT_DB_PATH)"
CLI_HELP_BACKUP_DEST: Final = "file to write the backup to"
CLI_HELP_FORCE: Final = "overwrite an existing file"
CLI_HELP_RESTORE_SOURCE: Final = "a backup made by `waypoint db backup`"
CLI_HELP_PROFILE: Final = "profile JSON file"
CLI_HELP_PLAN_TODAY: Final = "plan date YYYY-MM-DD (default: today)"
CLI_HELP_FORMAT: Final = "json or markdown"
CLI_HELP_SCHEMA: Final = "print the profile file's JSON Schema"
CLI_HELP_ACCEPT_EARLIEST: Final = "take the earliest date reachable at your pace as the deadline"
CLI_HELP_ROUNDS_PROFILES: Final = "passes over the profiles"
CLI_HELP_UNDERSTAND_TEXT: Final = "the message to understand"
CLI_HELP_UNDERSTAND_TODAY: Final = "today's date YYYY-MM-DD (default: the clock)"
CLI_HELP_JSON_FACTS: Final = "print the facts as JSON"
CLI_HELP_ROUNDS_MESSAGES: Final = "passes over the labelled messages"
CLI_HELP_UNDERSTANDING_FILE: Final = "labelled messages (YAML)"
CLI_HELP_JOBADS_FILE: Final = "labelled job ads (YAML)"
CLI_HELP_MISSES: Final = "also list every message a field got wrong"
CLI_HELP_LEARNERS_SEEDED: Final = "learners seeded (repeatable)"
CLI_HELP_LEARNERS_PER_STEP: Final = "simulated learners per kind of step"
CLI_HELP_USERS: Final = "simulated users at once"
CLI_HELP_SECONDS: Final = "seconds per run"
CLI_HELP_SECONDS_LOAD: Final = "seconds per load run"
CLI_HELP_JOB_FILE: Final = "the job ad: a .txt, .md or .pdf file"
CLI_HELP_JOB_USER: Final = "terminal learner name (default: $USER or 'local')"
CLI_HELP_JOB_PROFILE: Final = "a profile JSON file instead of a learner"
CLI_HELP_CHAT_USER: Final = "learner name (default: $USER or 'local')"
CLI_CONFIG_ERROR: Final = "Configuration error: {error}"
CLI_DB_OPEN_FAILED: Final = "Cannot open the database {path}: {error}"
CLI_CATALOG_OK: Final = "Catalog OK: {counts}"
CLI_STATS_COURSES: Final = "free courses: {free}; paid: {paid}; retired courses: {retired}"
CLI_STATS_RETIRED_CERTS: Final = "retired/replaced certifications: {n}"
CLI_STATS_PROVIDERS: Final = "course providers ({n}): {providers}"
CLI_NO_ENTRY: Final = "No entry '{entry}'. Closest ids: {closest}"
CLI_AUDIT_BAD_TODAY: Final = "--today: expected a date as YYYY-MM-DD, got {today}"
CLI_AUDIT_HEADER: Final = f"{'entry':<44}{'kind':<15}{'state':<12}{'source':<12}{'checked':>8}"
CLI_AUDIT_AGE: Final = "{days} d"
CLI_AUDIT_NEVER: Final = "never"
CLI_AUDIT_RETIRED: Final = " (retired)"
CLI_AUDIT_SUMMARY: Final = "{n} entries: {summary}; due for a re-check (never checked or over {days} days): {due}"
CLI_AUDIT_UNSOURCED: Final = "Active entries citing no source: {ids}"
CLI_MIGRATE_FAILED: Final = "Cannot migrate {path}: {error}"
CLI_MIGRATE_APPLIED: Final = "applied {names}"
CLI_MIGRATE_NOTHING: Final = "nothing to apply"
CLI_MIGRATE_DONE: Final = "{path}: schema {version} ({done})"
CLI_INFO_DATABASE: Final = "database: {path} ({size} bytes)"
CLI_INFO_SCHEMA: Final = "schema version: {version}{state}"
CLI_INFO_PENDING: Final = " (pending: {names})"
CLI_INFO_UP_TO_DATE: Final = " (up to date)"
CLI_BACKUP_FAILED: Final = "Backup failed: {error}"
CLI_BACKUP_EXISTS: Final = "{dest} already exists; pass --force to overwrite it"
CLI_BACKUP_SAME_FILE: Final = "the backup file must differ from the database"
CLI_BACKED_UP: Final = "Backed up {path} to {dest} (schema {version})"
CLI_NOT_RESTORING: Final = "Not restoring: {error}"
CLI_RESTORE_SAME_FILE: Final = "the backup is the database itself; nothing to restore"
CLI_RESTORE_FAILED: Final = "Restore failed: {error}"
CLI_SAVED_ASIDE: Final = "Saved the previous database to {aside}"
CLI_RESTORED: Final = "Restored {source} into {path} (schema {version}); restart the bot to pick it up"
CLI_CANNOT_READ_ENTRIES: Final = "Cannot read {file}: {error}"
CLI_EXPORTED: Final = "Wrote {n} files to {directory}; check them with: waypoint content validate --dir {directory}"
CLI_ERROR: Final = "Error: {message}"
CLI_PLAN_NO_PROFILE: Final = "give --profile FILE.json (or --schema)"
CLI_PLAN_BAD_FORMAT: Final = "--format must be json or markdown, got '{output}'"
CLI_BAD_TODAY: Final = "--today must be a date YYYY-MM-DD, got '{today}'"
CLI_CANNOT_READ: Final = "cannot read {file}: {error}"
CLI_NOT_JSON: Final = "{file} is not valid JSON: {error}"
CLI_PDF_NO_TEXT: Final = "cannot read text from {file}: {error}"
# Settings read from the environment: one line per bad variable, after its name.
CONFIG_ERR_WEBHOOK_HTTPS: Final = "Telegram only calls https:// webhooks, got {value!r}"
CONFIG_ERR_ADMIN_IDS: Final = "expected comma-separated numeric Telegram user ids, got {ids}"
CONFIG_ERR_URL: Final = "expected an http:// or https:// URL, got {value!r}"
CONFIG_ERR_LOG_LEVEL: Final = "expected one of {levels}, got {value!r}"
# `waypoint content links`; the user agent is what the checked sites see in their logs.
LINKS_USER_AGENT: Final = "Waypoint catalog link check (+https://github.com/)"
LINKS_BROKEN: Final = "BROKEN   {url}  ({error}; cited by {cited_by})"
LINKS_HTTP_STATUS: Final = "HTTP {status}"
LINKS_REDIRECT: Final = "REDIRECT {url} -> {final_url}  (cited by {cited_by})"
LINKS_SUMMARY: Final = "{total} links checked: {broken} broken, {redirected} redirected, {fine} fine"
# Database files (open, inspect, back up, restore) and what is stored in them.
DB_ERR_IN_TRANSACTION: Final = "cannot configure a connection while a transaction is open"
DB_ERR_UNKNOWN_MIGRATIONS: Final = ("the database has migrations this Waypoint does not know ({names}); "
                                    "upgrade Waypoint before opening it")
DB_ERR_NO_SUCH_FILE: Final = "{path}: no such file"
DB_ERR_CANNOT_OPEN: Final = "{path}: cannot open ({error})"
DB_ERR_NOT_SQLITE: Final = "{path}: not an SQLite database ({error})"
DB_ERR_DAMAGED: Final = "{path}: damaged database ({result})"
DB_ERR_NO_MIGRATIONS: Final = "{path}: not a Waypoint database (no Waypoint migrations applied)"
DB_ERR_MISSING_TABLES: Final = "{path}: not a Waypoint database (missing tables: {tables})"
DB_ERR_IS_DIRECTORY: Final = "{dest} is a directory; give a file name such as {example}"
DB_ERR_CANNOT_WRITE: Final = "cannot write {dest} ({error})"
DB_ERR_CANNOT_RESTORE: Final = "cannot restore into {target} ({error})"
STORE_ERR_NOT_OBJECT: Final = "stored JSON is not an object"
STORE_ERR_REMINDER_TIME: Final = "bad reminder time: weekday={weekday} hour={hour} minute={minute}"
STORE_ERR_REVIEW_TIME: Final = "bad review time: hour={hour} minute={minute}"
STORE_ERR_CATALOG_ACTION: Final = "unknown catalog action {action!r}"
# Refusals of the reminder and review services (the handlers answer people with their own words).
SCHEDULE_ERR_UNKNOWN_ZONE: Final = "unknown time zone {timezone!r}"
SCHEDULE_ERR_REMINDER_WINDOW: Final = "a reminder window must be shorter than a day"
SCHEDULE_ERR_REVIEW_WINDOW: Final = "a review window must be shorter than a day"
PROGRESS_ERR_ITEM_KIND: Final = "unknown item kind {kind!r}"
# The profile's bounds, shown after the field's name ("hours_per_week: hours per week must be ...").
PROFILE_ERR_MIN_HOURS: Final = "hours per week must be at least {minimum:g}, got {value:g}"
PROFILE_ERR_DEADLINE_YEAR: Final = "deadline must be before {year}, got {deadline}"
# An uncaught exception that ended a thread, as Python itself heads it.
LOG_THREAD_EXCEPTION: Final = "Exception in thread {name}:\n{traceback}"
# The roadmap document (Markdown).
MD_TITLE: Final = "# Your roadmap to {title}"
MD_PLANNED_ON: Final = "Planned on {date} at {hours} h/week."
MD_FREE: Final = "free"
MD_NO_DEADLINE: Final = "none"
MD_NO_BUDGET: Final = "no limit"
MD_TOTALS: Final = "## Totals"
MD_TOTAL_TIME: Final = "- Time: {hours} over {weeks} weeks, {start} → {end}"
MD_TOTAL_COST: Final = "- Cost: {cost}"
MD_TOTAL_DEADLINE: Final = "- Deadline ({deadline}): {verdict}"
MD_DEADLINE_MET: Final = "met"
MD_DEADLINE_NOT_MET: Final = "not met"
MD_TOTAL_BUDGET: Final = "- Budget ({budget}): {verdict}"
MD_BUDGET_WITHIN: Final = "within"
MD_BUDGET_OVER: Final = "over"
MD_DEADLINE_NOTE: Final = "**Deadline:** {text}"
MD_BUDGET_NOTE: Final = "**Budget:** {text}"
MD_CHANGES: Final = "## Changes"
MD_WARNINGS: Final = "## Warnings"
MD_NOTICES: Final = "## Notices"
MD_NOTHING_LEFT: Final = "Nothing left to do: every item of your roadmap is done."
MD_SALARIES: Final = "## Salaries for {role}"
MD_SALARY_NO_FIGURE: Final = "no figure"
MD_SALARY_LINE: Final = "- {label} ({region}, {year}): {figures} — source: <{source}>"
MD_STAGE_TITLE: Final = "## {index}. {title}"
MD_STAGE_DATES: Final = "*{start} → {end} · weeks {week_from}–{week_to} · {hours}*"
MD_STAGE_GOAL: Final = "**Goal:** {goal}"
MD_SKILLS_TABLE: Final = ("### Skills", "", "| Skill | Why |", "|---|---|")
MD_SELF_STUDY: Final = " Self-study, about {hours}."
MD_COURSES_TABLE: Final = ("### Courses", "", "| Course | Provider | Cost | Hours | Why |", "|---|---|---|---|---|")
MD_ABOUT_HOURS: Final = "about {hours}"
MD_ALTERNATIVE: Final = " Alternative: [{title}]({url}) ({provider})."
MD_CERTS_TABLE: Final = ("### Certifications", "", "| Certification | Issuer | Exam cost | Prep | Why |",
                         "|---|---|---|---|---|")
MD_PROJECTS: Final = "### Projects"
MD_STEPS: Final = "### Steps"
# The calendar file (.ics).
ICS_CALENDAR_NAME: Final = "Waypoint roadmap"
ICS_STAGE_START: Final = "Start: {title}"
ICS_STAGE_FINISH: Final = "Finish: {title}"
ICS_STAGE_PLANNED: Final = "{hours:.0f} h planned"
ICS_STUDY_SUMMARY: Final = "Study session (Waypoint)"
ICS_STUDY_DESCRIPTION: Final = "{length:g} h of your {hours:g} h/week plan"
# A stage page in Telegram (HTML: name and issuer come escaped).
TG_CERT_LINE: Final = "• {name} ({issuer}, ${cost:,.0f}, {prep_hours:g} h prep)"

# ---------------------------------------------------------------- planner (session 4)
# The one warning for every skill the plan has the learner study alone (PLANNER_SELF_STUDY_PART joined by "; ").
PLANNER_WARN_SELF_STUDY_GROUP: Final = (
    "No course in reach fits {these} well, so study {them} on your own with a textbook, free documentation and "
    "exercises: {skills}.{total}"
)
PLANNER_SELF_STUDY_TOTAL: Final = " About {hours:g} h of self-study in all."
PLANNER_SELF_STUDY_PART: Final = "{skill} to a {depth} level, about {hours:g} h{hint}"
PLANNER_SELF_STUDY_RESOURCE: Final = (" (draw on the parts of the free {title} about it; the whole course, "
                                      "{hours:g} h, is far more than you need)")
PLANNER_SELF_STUDY_CHEAPEST: Final = " (the cheapest course, {title}, costs ${cost:g}, beyond your budget)"
PLANNER_GOAL_JOB_SEARCH_BEGIN: Final = " Begin with: {steps}."


# ---------------------------------------------------------------- understanding (session 4)
# "no budget" is either no money or no spending limit: one short question, Yes = free only, No = no limit.
UNDERSTAND_NO_BUDGET: Final = "About the budget: free resources only? (No: no spending limit)"

# ---------------------------------------------------------------- planner (session 4, wave 2)
# The job search starts in the last part of the study (schedule.job_search_start) and shares the weekly hours.
PLANNER_GOAL_JOB_SEARCH_FROM: Final = (
    " It starts in week {week}, during stage \"{stage}\", once most of the learning is behind you: about "
    "{hours:g} of your {pace:g} h a week go to it from then on, the rest to the study left."
)
# A job named without its years: the plan assumes the learner does that job now (knowledge.assumed_job).
PLANNER_WARN_ASSUMED_JOB: Final = (
    "You did not say how long you have worked as {role}, so this plan assumes you do that job now and counts "
    "what it takes as known: {skills}. Tell me your years of experience or your skills if that is not right."
)
# The education answer with the field of the degree, in the summary and the echo ("Master's in statistics").
EDUCATION_IN_FIELD: Final = "{education} in {field}"
EDUCATION_FIELD_ONLY: Final = "A degree"
# Self-study drawing on a free course that stops short of the depth needed (it was set aside as mostly repetition).
PLANNER_SELF_STUDY_RESOURCE_SHORT: Final = (
    " (draw on the parts of the free {title} about it, which go to a {depth} level, then on documentation and "
    "your own projects; the whole course, {hours:g} h, mostly covers what you already know)"
)


# ---------------------------------------------------------------- planner: course choice (session 4)
# A new programming language for someone who already programs in another (no beginner's course for them).
PLANNER_SELF_STUDY_PROGRAMMER_PART: Final = (
    "{skill} to a {depth} level, about {hours:g} h (an estimate: you already program ({language}), so only its "
    "syntax and idioms are new and no beginner's course is planned{hint}; your projects take it further)"
)
PLANNER_PROGRAMMER_RESOURCE: Final = "; for a quick start, the free {title}, {hours:g} h"
PLANNER_WHY_SKILL_PROGRAMMER: Final = (
    " You already program ({language}): learn {skill}'s syntax and idioms on your own, not a beginner's course."
)
# "Picked over X: ..." when X lost on time or money alone: what it costs more of.
PLANNER_BEAT_SAME_GROUND: Final = "{faults} for the same ground"
PLANNER_BEAT_LONGER: Final = "{hours:g} h"
PLANNER_BEAT_DEARER: Final = "{cost}"
# Once per Markdown plan, for every course row whose price and hours are not yet re-checked.
MD_UNVERIFIED_NOTE: Final = "{lead}: {titles}."
# A subscription course's cost, which follows the learner's pace.
PLANNER_WHY_SUBSCRIPTION: Final = " Costs {monthly} a month x {months} {unit} at your pace."
# A second course for a skill says which gap the first leaves.
PLANNER_WHY_GAP_DEEPER: Final = " It goes past {title}, which reaches only a {reached} level in {skill}: to {depth}."
PLANNER_WHY_GAP_ADDS: Final = " Beside {title}, it adds {skills}, which that course does not teach as far."


# ---------------------------------------------------------------- planner: certifications and projects (session 4)
# A skill a project needs that the plan does not teach before it is learnt while building it, with its hours.
PLANNER_WHY_PROJECT_LEARNT: Final = " You learn while building it (included in its hours): {skills}."
PLANNER_PROJECT_LEARNT_SKILL: Final = "{skill} to a basic level, about {hours} h, {material}"
PLANNER_PROJECT_LEARN_COURSE: Final = "with the free {course}"
PLANNER_PROJECT_LEARN_DOCS: Final = "from its official documentation and free tutorials"
# A free-only learner who wants certificates: the free certificates the plan's courses give, or plainly none.
PLANNER_CERT_FREE_OPTIONS: Final = " Free certificates you earn with this plan's courses: {courses}."
PLANNER_CERT_FREE_ELSEWHERE: Final = (" None of this plan's courses gives a free certificate; free course certificates"
                                      " on this role's skills: {courses}.")
PLANNER_CERT_NONE_FREE: Final = (" No certification exam for this role is free, and none of this plan's courses"
                                 " gives a free certificate.")


# ---------------------------------------------------------------- planner: job search and deadlines (session 4)
PLANNER_JOB_INDUSTRY_NAMES: Final[dict[str, str]] = {
    "healthcare": "healthcare", "education": "education", "finance": "finance", "language": "language services",
    "retail": "retail and e-commerce", "logistics": "logistics", "manufacturing": "manufacturing and engineering",
    "energy": "energy", "marketing": "marketing and media", "audio": "audio and music", "law": "law",
}
# Who hires data and ML people in the industry a learner's title names, and the data or ML role nearest to
# their work there (the shorter first step for a career changer). Keys are the industries of jobsearch.py.
PLANNER_JOB_INDUSTRY_EMPLOYERS: Final[dict[str, str]] = {
    "healthcare": "hospitals and health systems, health insurers, pharmaceutical companies and health-tech firms",
    "education": "schools and universities, education-technology companies and exam and publishing bodies",
    "finance": "banks, insurers, accounting and audit firms, fintech companies and the finance teams of large firms",
    "language": "translation and localisation companies, and the language-data and LLM-evaluation teams "
                         "of AI companies",
    "retail": "retailers, online shops and marketplaces, and consumer brands",
    "logistics": "logistics and delivery companies, retailers' supply-chain teams and freight platforms",
    "manufacturing": "manufacturers, engineering and industrial-automation firms, and the "
                                     "simulation and quality teams of product companies",
    "energy": "utilities, grid operators and energy-trading and renewable-energy firms",
    "marketing": "agencies, publishers, media companies and the marketing teams of consumer brands",
    "audio": "audio-technology, music-streaming, speech and hearing-device companies",
    "law": "law firms, legal-technology companies and the compliance teams of large firms",
}
PLANNER_JOB_INDUSTRY_BRIDGE: Final[dict[str, str]] = {
    "healthcare": "clinical or health data analyst",
    "education": "education or learning-analytics analyst",
    "finance": "financial, risk or audit data analyst",
    "language": "linguistic data annotation or LLM-evaluation role",
    "retail": "retail, pricing or customer analyst",
    "logistics": "supply-chain or operations analyst",
    "manufacturing": "process, quality or reliability data analyst",
    "energy": "energy or grid data analyst",
    "marketing": "marketing or audience analyst",
    "audio": "audio or signal-processing software role",
    "law": "legal-data or compliance analyst",
}
# Appended to a step that works from the learner's industry (the key is the step id).
PLANNER_JOB_STEP_INDUSTRY: Final[dict[str, str]] = {
    "leverage-domain-expertise": " For you that is {industry}: {employers}.",
    "bridging-role": " In {industry}, that is {article} {bridge}.",
}
PLANNER_JOB_STEP_INDUSTRY_PROJECT: Final = " In this plan, \"{project}\" is that project."
PLANNER_JOB_STEP_CAREERS_SERVICE: Final = " Your university's careers service and alumni network help here."
PLANNER_JOB_STEP_NO_CAREERS_SERVICE: Final = (
    " Most internships are for students enrolled in a degree; without one, look for apprenticeships, "
    "open-source programmes and paid trial projects instead."
)
PLANNER_JOB_DEGREE_GAP: Final = (
    " Be aware: most {role} job ads ask for a bachelor's degree in a technical field, or equivalent practical "
    "experience. Without one, what makes up for it is {compensates}."
)
PLANNER_JOB_DEGREE_PORTFOLIO: Final = "a public portfolio of finished projects"
PLANNER_JOB_DEGREE_CERTIFICATION: Final = "a recognised certification"
PLANNER_JOB_DEGREE_FIRST_ROLE: Final = "a first job in a nearer role such as {role}"
# Shorter first steps that depend on the learner's background (deadlines.py).
PLANNER_FIRST_STEP_INTERNAL: Final = (
    "an internal move onto your employer's ML platform, data or model-serving team, where your years count"
)
PLANNER_FIRST_STEP_INDUSTRY: Final = "{article} {bridge} in {industry}, where your years in the field count"
PLANNER_WARN_SLOW_BACKGROUND: Final = "Closer still to your background: {step}."
PLANNER_ADVICE_BACKGROUND: Final = "aim first for {step}"
# A milestone a learner can show: stages that end with a project.
PLANNER_ADVICE_MILESTONE_PROJECT: Final = (
    "by {deadline} you can finish {stages} and build \"{project}\" as a first milestone you can show employers"
)
