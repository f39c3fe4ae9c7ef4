"""User-facing text lives in bot/texts.py: no module of bot/ builds an English sentence of its own."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Every module but texts.py itself and the developer kits: the benches print figures for whoever runs them and
# bot/testing fails tests; neither ever talks to a learner, an admin or an operator of the bot.
DEVELOPER_KITS = ("bot/bench/", "bot/testing/")
CHECKED = tuple(sorted(
    path for path in (p.relative_to(ROOT).as_posix() for p in (ROOT / "bot").rglob("*.py"))
    if path != "bot/texts.py" and not path.startswith(DEVELOPER_KITS)
))
# Operator logs: a logging call on one of these names is not user text.
LOGGERS = frozenset({"log", "logger", "_log", "LOG", "_LOG", "logging"})
LOG_METHODS = frozenset({"debug", "info", "warning", "error", "exception", "critical", "log"})
# Errors of the program itself, never shown to a person (the front-ends answer with a generic apology).
PROGRAMMING_ERRORS = frozenset({"TypeError", "AssertionError", "RuntimeError", "NotImplementedError"})
# A statement (or a fragment of one) of SQL, for the database.
SQL = re.compile(r"\s*\)?\s*(?:SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|WITH|PRAGMA|WHERE|ORDER BY|AND|FROM)\b")

# Three or more words in a row, as in a sentence ("Did you mean X?"); placeholders of f-strings count as a word.
SENTENCE = re.compile(r"[A-Za-z][A-Za-z'’/-]*(?: [A-Za-z][A-Za-z'’/-]*){2,}")
# A vocabulary phrase of a list, tuple, set or dict ("machine learning engineer"): lower case, no punctuation.
PHRASE = re.compile(r"[a-z0-9 '&+./-]*")


def _text(node: ast.expr) -> str:
    """The literal text of a string constant or f-string, with `X` for each placeholder."""
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else "X"
                       for v in node.values)
    assert isinstance(node, ast.Constant) and isinstance(node.value, str)
    return node.value


def _exempt(tree: ast.Module) -> set[int]:
    """Nodes that are not user-facing text: docstrings, Field descriptions, regex patterns, vocabulary phrases."""
    out: set[int] = set()

    def mark(node: ast.AST) -> None:
        out.update(id(n) for n in ast.walk(node))

    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                mark(first)
        elif isinstance(node, ast.Assert) and node.msg is not None:
            mark(node.msg)
        elif isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            name = node.exc.func
            if isinstance(name, ast.Name) and name.id in PROGRAMMING_ERRORS:
                mark(node.exc)
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "re":
                mark(node)  # re.compile / re.search / ... patterns
            if (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in LOGGERS
                    and func.attr in LOG_METHODS):
                mark(node)
            for kw in node.keywords:
                if kw.arg == "description":
                    mark(kw.value)  # schema metadata of pydantic fields
        elif isinstance(node, (ast.List, ast.Tuple, ast.Set, ast.Dict)):
            elements = [*node.keys, *node.values] if isinstance(node, ast.Dict) else node.elts
            for element in elements:
                if (isinstance(element, ast.Constant) and isinstance(element.value, str)
                        and PHRASE.fullmatch(element.value)):
                    out.add(id(element))
    return out


def english_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string literal in `source` that reads like an English sentence."""
    tree = ast.parse(source)
    exempt = _exempt(tree)
    inside_fstring = {id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values}
    found = []
    for node in ast.walk(tree):
        if id(node) in exempt or id(node) in inside_fstring:
            continue
        if isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            text = _text(node)
            if SENTENCE.search(text) and not SQL.match(text):
                found.append((node.lineno, text))
    return sorted(found)


@pytest.mark.parametrize("path", CHECKED)
def test_no_english_outside_texts(path: str) -> None:
    found = english_literals((ROOT / path).read_text(encoding="utf-8"))
    assert found == [], f"move these strings of {path} into bot/texts.py: {found}"


def test_the_check_finds_sentences() -> None:
    source = '''
"""Module docstring with many words."""
import re
from pydantic import Field
PATTERN = re.compile(r"only on weekends|weekends only")
ALIASES = {"ml-engineer": ["machine learning engineer", "ml eng"]}
STAGES = (("learning-data", "Working with data", "Load, clean, explore and model data"),)
class A:
    x: int = Field(description="how many hours a week")
def f(name, n):
    """Docstring with words."""
    # a comment with words in it
    warn(f"Needed for {name}.")
    warn(f"Did you mean {name}?")
    log.warning("could not reach the Bot API for %s", name)
    db.execute("SELECT id FROM learners WHERE channel = ?", [name])
    assert n, "the list must not be empty here"
    if not n:
        raise RuntimeError(f"no items for {name} at all")
    raise ValueError(f"unknown time zone {name}")
    return "Ways out of it: " + "; or ".join(n) + "."
'''
    assert sorted(text for _, text in english_literals(source)) == [
        "Did you mean X?", "Load, clean, explore and model data", "Needed for X.", "Ways out of it: ",
        "Working with data", "unknown time zone X",
    ]


def test_every_module_is_checked() -> None:
    """The check covers the whole product: every module of bot/ but texts.py and the developer kits."""
    assert "bot/cli.py" in CHECKED and "bot/telegram/handlers/admin/upload.py" in CHECKED
    assert "bot/domain/render.py" in CHECKED and "bot/storage/repositories.py" in CHECKED
    assert not any(path.startswith(DEVELOPER_KITS) or path == "bot/texts.py" for path in CHECKED)
    assert len(CHECKED) > 100
