"""Field-level precision and recall of understand() and read_job_ad() over labelled files.

One implementation for the accuracy tests (tests/unit/test_understanding_accuracy.py, test_jobad_accuracy.py) and
for `waypoint bench accuracy`. Understanding label keys: see tests/data/understanding_cases.yaml's header; job-ad
labels: see tests/data/job_ads.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from bot.domain.catalog import Catalog
from bot.domain.jobad import JobAd, read_job_ad
from bot.domain.understanding import SENIORITY, Facts, understand

ROOT = Path(__file__).resolve().parents[2]
UNDERSTANDING_DEV = ROOT / "tests" / "data" / "understanding_cases.yaml"
JOBADS_DEV = ROOT / "tests" / "data" / "job_ads.yaml"
SCALAR_FIELDS = (
    "target_role",
    "domain",
    "hours_per_week",
    "deadline",
    "deadline_invalid",
    "budget",
    "budget_monthly",
    "budget_foreign",
    "wants_certificates",
    "education",
    "current_role",
    "years_experience",
)
SET_FIELDS = ("known_skills", "unknown_skills", "skill_depth", "held_certifications", "other_experience")


class LabelFileError(ValueError):
    """A labelled file that cannot be read or is not in the expected format; the message says which and why."""


# ---------------------------------------------------------------- understanding


@dataclass
class Tally:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    def precision(self) -> float:
        """TP / (TP + FP); 1.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    def recall(self) -> float:
        """TP / (TP + FN); 1.0 when nothing was expected."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def _read_yaml(path: Path, key: str) -> dict[str, Any]:
    """The YAML mapping in `path` holding a list under `key`, or LabelFileError saying what is wrong."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise LabelFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise LabelFileError(f"{path} is not valid YAML: {str(exc).splitlines()[0]}") from None
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise LabelFileError(f"{path} has no '{key}:' list of labelled items")
    return data


def load_cases(path: Path = UNDERSTANDING_DEV) -> tuple[date, list[dict[str, Any]]]:
    """The file's fixed 'today' and its labelled cases."""
    data = _read_yaml(path, "cases")
    today = data.get("today")
    try:
        today = date.fromisoformat(today) if isinstance(today, str) else today
    except ValueError:
        today = None
    if not isinstance(today, date):
        raise LabelFileError(f"{path} needs 'today: YYYY-MM-DD' (the date its relative deadlines count from)")
    cases = data["cases"]
    for n, case in enumerate(cases, 1):
        if not isinstance(case, dict) or not isinstance(case.get("text"), str):
            raise LabelFileError(f"{path}: case {n} has no 'text:' string")
        if not isinstance(case.get("expect") or {}, dict):
            raise LabelFileError(f"{path}: case {n}'s 'expect:' is not a mapping")
    return today, cases


def job_key(title: Any) -> str:
    """A job title compared case-insensitively, without articles and seniority words."""
    words = [w for w in re.findall(r"[\w+#./-]+", str(title).lower()) if w not in {"a", "an", "the"}]
    kept = [w for w in words if w not in SENIORITY]
    return " ".join(kept or words)


def predicted_fields(facts: Facts) -> dict[str, Any]:
    """Facts in the label vocabulary; absent facts omitted, set fields always present."""
    out: dict[str, Any] = {}
    for name in ("target_role", "domain", "hours_per_week", "deadline", "wants_certificates", "education",
                 "current_role", "years_experience", "budget_monthly"):
        value = getattr(facts, name)
        if value is not None:
            out[name] = value.value if hasattr(value, "value") else value
    if facts.budget_known:
        out["budget"] = "no limit" if facts.budget_usd is None else facts.budget_usd
    if facts.budget_foreign is not None:
        out["budget_foreign"] = {"amount": facts.budget_foreign.amount, "currency": facts.budget_foreign.currency}
    if facts.deadline_problem:
        out["deadline_invalid"] = True
    out["known_skills"] = set(facts.known_skills)
    out["unknown_skills"] = set(facts.unknown_skills)
    out["skill_depth"] = {f"{k}={v}" for k, v in facts.skill_depth.items()}
    out["held_certifications"] = set(facts.held_certifications)
    out["other_experience"] = {o.lower() for o in facts.other_experience}
    return out


def expected_set(name: str, expect: dict[str, Any]) -> set[str]:
    """A set field of the labels in the same shape as `predicted_fields`."""
    value = expect.get(name) or ([] if name != "skill_depth" else {})
    if name == "skill_depth":
        return {f"{k}={v}" for k, v in dict(value).items()}
    if name == "other_experience":
        return {str(v).lower() for v in value}
    return {str(v) for v in value}


def same(name: str, expected: Any, predicted: Any) -> bool:
    """Equality with numbers as floats, jobs by `job_key`, foreign amounts by amount and currency."""
    if name == "current_role":
        return job_key(expected) == job_key(predicted)
    if name == "budget_foreign":
        return (
            isinstance(expected, dict)
            and abs(float(expected.get("amount", -1)) - float(predicted["amount"])) < 0.051
            and str(expected.get("currency", "")).upper() == predicted["currency"]
        )
    if isinstance(expected, int | float) and isinstance(predicted, int | float) and not isinstance(expected, bool):
        return abs(float(expected) - float(predicted)) < 0.051
    if isinstance(expected, str) and isinstance(predicted, date):
        return expected == predicted.isoformat()
    return bool(expected == predicted)


def score(catalog: Catalog, path: Path = UNDERSTANDING_DEV) -> tuple[dict[str, Tally], int]:
    """Tally every field over every case of a labelled file."""
    today, cases = load_cases(path)
    tallies = {name: Tally() for name in (*SCALAR_FIELDS, *SET_FIELDS)}
    for case in cases:
        text, expect = case["text"], case.get("expect") or {}
        got = predicted_fields(understand(text, catalog, today))
        short = text[:60]
        for name in SCALAR_FIELDS:
            tally = tallies[name]
            has_e, has_p = expect.get(name) is not None, name in got
            if name == "budget" and "budget" in expect and expect["budget"] is None:
                has_e = True  # "budget: null" is unusual; read it as "no limit"
            if has_e and has_p and same(name, expect[name] if expect[name] is not None else "no limit", got[name]):
                tally.tp += 1
                continue
            if has_p:
                tally.fp += 1
            if has_e:
                tally.fn += 1
            if has_e or has_p:
                tally.misses.append(f"{short!r}: expected {expect.get(name)!r}, got {got.get(name)!r}")
        for name in SET_FIELDS:
            tally = tallies[name]
            exp_set, got_set = expected_set(name, expect), got[name]
            tally.tp += len(exp_set & got_set)
            tally.fp += len(got_set - exp_set)
            tally.fn += len(exp_set - got_set)
            if exp_set != got_set:
                tally.misses.append(f"{short!r}: expected {sorted(exp_set)}, got {sorted(got_set)}")
    return tallies, len(cases)


def table(tallies: dict[str, Tally]) -> tuple[str, float, float]:
    """A plain-text table of per-field figures, and the overall (micro-averaged) precision and recall."""
    lines = [f"{'field':<22}{'TP':>5}{'FP':>5}{'FN':>5}{'precision':>11}{'recall':>9}"]
    total = Tally()
    for name, t in tallies.items():
        total.tp, total.fp, total.fn = total.tp + t.tp, total.fp + t.fp, total.fn + t.fn
        lines.append(f"{name:<22}{t.tp:>5}{t.fp:>5}{t.fn:>5}{t.precision():>11.1%}{t.recall():>9.1%}")
    lines.append(f"{'ALL':<22}{total.tp:>5}{total.fp:>5}{total.fn:>5}{total.precision():>11.1%}{total.recall():>9.1%}")
    return "\n".join(lines), total.precision(), total.recall()


# ---------------------------------------------------------------- job ads


@dataclass
class Score:
    """Set-overlap counts of one list field of job ads."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, expected: set[str], found: set[str]) -> None:
        """Count one ad's expected and found items."""
        self.tp += len(expected & found)
        self.fp += len(found - expected)
        self.fn += len(expected - found)

    @property
    def precision(self) -> float:
        """TP / (TP + FP); 1.0 when nothing was found."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """TP / (TP + FN); 1.0 when nothing was expected."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Report:
    """Required and nice-to-have skill scores and exact-match counts over a file of job ads."""

    ads: int = 0
    required: Score = field(default_factory=Score)
    nice: Score = field(default_factory=Score)
    exact: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        ("seniority", "years", "degree", "remote", "role"), 0))

    def lines(self, name: str) -> str:
        """One line with every figure."""
        r, n = self.required, self.nice
        fields = ", ".join(f"{k} {v}/{self.ads}" for k, v in self.exact.items())
        return (f"{name}: {self.ads} ads; required skills P {r.precision:.1%} R {r.recall:.1%}; "
                f"nice-to-have P {n.precision:.1%} R {n.recall:.1%}; {fields}")


def _value(x: Any) -> Any:
    """An enum's value, anything else as it is."""
    return getattr(x, "value", x)


_AD_KEYS = ("text", "required", "nice", "seniority", "years_min", "years_max", "degree", "degree_required",
            "remote", "role")


def score_job_ads(path: Path, catalog: Catalog) -> Report:
    """Score read_job_ad over every labelled ad of a file."""
    report = Report()
    for n, case in enumerate(_read_yaml(path, "ads")["ads"], 1):
        missing = [k for k in _AD_KEYS if not isinstance(case, dict) or k not in case]
        if missing:
            raise LabelFileError(f"{path}: ad {n} lacks {', '.join(missing)}")
        ad: JobAd = read_job_ad(case["text"], catalog)
        report.ads += 1
        report.required.add(set(case["required"]), set(ad.required_skills))
        report.nice.add(set(case["nice"]), set(ad.nice_skills))
        report.exact["seniority"] += _value(ad.seniority) == case["seniority"]
        report.exact["years"] += (ad.years_min, ad.years_max) == (case["years_min"], case["years_max"])
        report.exact["degree"] += (_value(ad.degree), ad.degree_required) == (case["degree"], case["degree_required"])
        report.exact["remote"] += _value(ad.remote) == case["remote"]
        report.exact["role"] += ad.role == case["role"]
    return report


def job_ad_table(report: Report) -> str:
    """Required and nice-to-have skill precision and recall as a small table, with the exact-match counts."""
    lines = [f"{'skills':<22}{'TP':>5}{'FP':>5}{'FN':>5}{'precision':>11}{'recall':>9}"]
    for name, s in (("required", report.required), ("nice-to-have", report.nice)):
        lines.append(f"{name:<22}{s.tp:>5}{s.fp:>5}{s.fn:>5}{s.precision:>11.1%}{s.recall:>9.1%}")
    lines.append("exact: " + ", ".join(f"{k} {v}/{report.ads}" for k, v in report.exact.items()))
    return "\n".join(lines)


# ---------------------------------------------------------------- the command


def run(catalog: Catalog, understanding: Path | None = UNDERSTANDING_DEV, jobads: Path | None = JOBADS_DEV,
        misses: bool = False) -> list[str]:
    """The lines `waypoint bench accuracy` prints; LabelFileError for a file it cannot score."""
    lines: list[str] = []
    if understanding is not None:
        tallies, n = score(catalog, understanding)
        text, _, _ = table(tallies)
        lines += [f"== understanding: {n} labelled messages in {understanding} ==", text]
        if misses:
            lines += ["misses:", *(f"  {name}: {m}" for name, t in tallies.items() for m in t.misses)]
    if jobads is not None:
        report = score_job_ads(jobads, catalog)
        lines += [""] if lines else []
        lines += [f"== job ads: {report.ads} labelled ads in {jobads} ==", job_ad_table(report)]
    return lines
