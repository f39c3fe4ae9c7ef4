"""Section headings and inline optional markers in job ads (issue 17, session 3).

A heading is recognised by its words and its shape, not by a list of exact strings: every heading phrase below,
in every decoration, opens the section its words say, and lines that name a skill or read as a sentence are
never taken for headings."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.catalog import Catalog
from bot.domain.jobad import JobAd, read_job_ad

ROOT = Path(__file__).resolve().parents[2]
CATALOG = Catalog.load(ROOT / "content")

NICE = ["Nice to have", "Nice-to-haves", "Nice to haves", "Bonus points", "Bonus", "Preferred",
        "Preferred qualifications", "Desired Qualifications", "Desirable", "You might also have",
        "You may also bring", "It would be great if you also had", "Even better if", "Pluses", "Extra credit",
        "Good to have", "Ideally you also have", "Brownie points for", "Preferred skills", "Added advantage"]
REQUIRED = ["Requirements", "Requirement", "Reqs", "Requirments", "What you'll be doing", "What we're looking for",
            "Who you are", "You'll need", "Must haves", "Must-have skills", "Minimum qualifications", "Your profile",
            "What you bring", "Skills and experience", "Key requirements", "Responsibilities", "What you will do",
            "Your background", "What it takes", "What you need to succeed", "Basic Qualifications"]
IGNORED = ["About us", "Benefits", "Perks", "What we offer", "How to apply", "Our mission", "Life at Acme",
           "Why join us", "Compensation", "Equal opportunity", "Our culture"]
STYLES = ["{h}", "{h}:", "**{h}**", "**{h}:**", "## {h}", "### {h}", "{H}", "{H}:", "🚀 {h}", "{h} 🙌", "__{h}__",
          "> {h}", "✨ {h}:", "{h} 👇", "*{h}*"]


def read(text: str) -> JobAd:
    return read_job_ad(text, CATALOG)


def _ad(heading: str, gap: str) -> str:
    return ("Machine Learning Engineer\n\nRequirements:\n- Python\n- SQL\n" + gap + heading
            + "\n- Kubernetes\n- Spark\n")


def _styled(phrase: str, style: str) -> str:
    return style.format(h=phrase, H=phrase.upper())


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(NICE + REQUIRED + IGNORED), st.sampled_from(STYLES), st.sampled_from(["\n", ""]))
def test_a_heading_opens_the_section_its_words_say_in_any_decoration(phrase: str, style: str, gap: str) -> None:
    if style.startswith("{H}") and gap == "":
        gap = "\n"  # an ALL-CAPS heading glued to the list above it is too close to a shouted list item to tell
    ad = read(_ad(_styled(phrase, style), gap))
    assert ad.required_skills[:2] == ["python", "sql"]
    under = {"kubernetes", "big-data-spark"}
    if phrase in NICE:
        assert under <= set(ad.nice_skills), (phrase, style, ad)
    elif phrase in REQUIRED:
        assert under <= set(ad.required_skills), (phrase, style, ad)
    else:
        assert not under & set(ad.skills), (phrase, style, ad)


@pytest.mark.parametrize("line", ["Spark", "AWS", "Experience with Kubernetes", "**Kubernetes**", "## Docker",
                                  "Kubernetes 🚀", "SQL AND SPARK"])
def test_a_line_naming_a_skill_is_an_entry_not_a_heading(line: str) -> None:
    ad = read("Data Engineer\n\nRequirements:\n- Python\n\nNice to have\n" + line + "\nAirflow\n")
    assert ad.required_skills == ["python"]
    assert "data-pipelines" in ad.nice_skills  # the line after it is still in the nice-to-have section


@pytest.mark.parametrize("line", ["PhD preferred.", "Bonus: none.", "You will love it here, honestly.",
                                  "Location: Berlin (hybrid)", "Requirements are listed below, read them."])
def test_a_sentence_or_labelled_line_is_not_a_heading(line: str) -> None:
    ad = read("Data Engineer\n\nRequirements:\n- Python\n" + line + "\n- SQL\n")
    assert "sql" in ad.required_skills


def test_a_wrapped_paragraph_line_is_not_a_heading() -> None:
    ad = read("Data Scientist\n\nNice to have: some exposure to dashboards and we would\n"
              "really value your experience\nwith Spark and Airflow.\n")
    assert {"big-data-spark", "data-pipelines"} <= set(ad.nice_skills)


def test_headings_in_a_markdown_ad() -> None:
    ad = read("# Senior AI Engineer\n\n## What you'll be doing\nShip LLM features with RAG.\n\n"
              "## What we're looking for\n* Python\n* Prompt engineering\n\n## You might also have\n"
              "* LoRA fine-tuning\n* Kubernetes\n\n## Perks\n* A Docker sticker\n")
    assert ad.title == "Senior AI Engineer"
    assert set(ad.required_skills) == {"llms", "rag", "python", "prompt-engineering"}
    assert set(ad.nice_skills) == {"llm-fine-tuning", "kubernetes"}


@pytest.mark.parametrize(("sentence", "required", "nice"), [
    ("You know Python; Spark is a plus.", {"python"}, {"big-data-spark"}),
    ("You know Python, ideally with pandas.", {"python"}, {"pandas"}),
    ("Python and SQL, preferably dbt too.", {"python", "sql"}, {"data-modeling"}),
    ("Experience with AI agents would be a plus, and ideally you have built LLM evals before.", set(),
     {"ai-agents", "llm-evaluation"}),
    ("Python is essential; bonus if you know Docker and Kubernetes.", {"python"}, {"docker", "kubernetes"}),
    ("We'd love it if you knew Airflow, but SQL is a must.", {"sql"}, {"data-pipelines"}),
    ("Strong SQL. Tableau preferred.", {"sql"}, {"spreadsheets-bi"}),
    ("You know SQL and, ideally, dbt.", {"sql"}, {"data-modeling"}),
    ("Spark, Airflow or dbt — preferred but not required. SQL is a must.", {"sql"},
     {"big-data-spark", "data-pipelines", "data-modeling"}),
    ("Python, SQL and Spark are a plus.", set(), {"python", "sql", "big-data-spark"}),
    ("We use Python, SQL and dbt, and Airflow experience is a bonus.", {"python", "sql", "data-modeling"},
     {"data-pipelines"}),
    ("SQL (required), Python (preferred), Tableau (optional).", {"sql"}, {"python", "spreadsheets-bi"}),
    ("Preferably you have used MLflow, but Python is essential.", {"python"}, {"experiment-tracking"}),
])
def test_inline_optional_markers_in_prose(sentence: str, required: set[str], nice: set[str]) -> None:
    ad = read("Data Analyst\n\n" + sentence)
    assert set(ad.required_skills) == required
    assert set(ad.nice_skills) == nice


@pytest.mark.parametrize("bullet", ["🔹", "✅", "▪️", "→", "👉"])
def test_symbol_bullets_are_entries_even_without_a_skill(bullet: str) -> None:
    ad = read(f"Data Engineer\n\nNice to have:\n{bullet} Spark\n{bullet} Experience mentoring others\n"
              f"{bullet} Airflow\n")
    assert ad.required_skills == []
    assert set(ad.nice_skills) == {"big-data-spark", "data-pipelines"}


def test_a_line_with_figures_is_an_entry_not_a_heading() -> None:
    ad = read("Data Engineer\n\nRequirements\n- Python\n\n3+ years of experience required\n\nNice to have\n- Spark\n")
    assert (ad.years_min, ad.required_skills, ad.nice_skills) == (3, ["python"], ["big-data-spark"])


def test_numbered_headings_over_bullets_and_numbered_items_under_a_heading() -> None:
    ad = read("ML Engineer\n\n1. Responsibilities\n- Python\n2. Nice to have\n- Spark\n")
    assert (ad.required_skills, ad.nice_skills) == (["python"], ["big-data-spark"])
    ad = read("ML Engineer\n\nNice to have:\n1. Spark\n2. Experience mentoring others\n3. Airflow\n")
    assert (ad.required_skills, set(ad.nice_skills)) == ([], {"big-data-spark", "data-pipelines"})


@pytest.mark.parametrize("heading", ["Tech we use 🛠", "Our stack", "Tools", "Technologies we work with:"])
def test_stack_headings_list_nice_to_haves(heading: str) -> None:
    ad = read(f"ML Engineer\n\n{heading}\n- Kafka\n\nYou bring\n- Python\n")
    assert (ad.required_skills, ad.nice_skills) == (["python"], ["data-pipelines"])


def test_styled_unicode_letters_read_as_plain_text() -> None:
    ad = read("𝗦𝗲𝗻𝗶𝗼𝗿 𝗠𝗟 𝗘𝗻𝗴𝗶𝗻𝗲𝗲𝗿\n\n𝗪𝗵𝗮𝘁 𝘆𝗼𝘂'𝗹𝗹 𝗱𝗼\n- Own the churn model with Ｐｙｔｈｏｎ\n\n"
              "𝗡𝗶𝗰𝗲 𝘁𝗼 𝗵𝗮𝘃𝗲\n- 𝙎𝙥𝙖𝙧𝙠\n")
    assert (ad.title, ad.seniority) == ("Senior ML Engineer", "senior")
    assert (ad.required_skills, ad.nice_skills) == (["python"], ["big-data-spark"])
