"""Mutation testing for queries/*.sql: flip one comparison or one sort order at a time and see whether a test fails.

    .venv/bin/python tests/mutation/mutate_sql.py                  # every query
    .venv/bin/python tests/mutation/mutate_sql.py grades_as_at      # some queries
    .venv/bin/python tests/mutation/mutate_sql.py --every 4         # a quarter of them, evenly spread

Comparisons flip at their boundary or their sense (> to >=, >= to >, < to <=, <= to <, = to <>, <> and != to =);
an ORDER BY item flips between ASC and DESC (an item with no direction gets DESC). Filters and joins change too: a
LEFT JOIN becomes an inner JOIN and a JOIN a LEFT JOIN, a WHERE or ON condition is dropped (TRUE OR ...), AND and OR
swap, IS NULL and IS NOT NULL swap, a NOT is dropped, NULLS FIRST and LAST swap, DISTINCT is dropped, min and max
swap, and list_contains is negated. Comments and quoted text are left alone. First one run records which tests run
which query (tests/mutation/record_queries.py); then each mutant runs tests/test_queries.py and the tests that ran
its query, stopping at the first failure. A mutant no test notices "survives": the report lists each one, so a
test can be written for it or the mutant explained.

Everything runs on a copy of the project in a temporary folder; the checkout is never changed. Slow (minutes
per query on a busy machine) and so not part of `make test`: run it with `make mutate`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COPIED = ("app.py", "pages", "queries", "dashboard", "data", "tests", "bench", "deploy", "pyproject.toml", ".streamlit")
# Tests that exercise queries; the browser tests need a server and are left to `make test`.
DEFAULT_TESTS = ("tests",)
IGNORED = ("tests/browser", "tests/test_bench.py", "tests/test_build_concurrency.py", "tests/test_concurrency.py")

FLIP = {">=": ">", "<=": "<", "<>": "=", "!=": "=", ">": ">=", "<": "<=", "=": "<>"}
# Filters, joins and choices of rows, each changed one at a time: a join that keeps or drops unmatched rows, a
# condition dropped or inverted, AND for OR, NULL tests and NULL ordering reversed, the other extreme, repeats kept.
STRUCTURE = re.compile(
    r"(--[^\n]*)|('(?:[^']|'')*')|(\"[^\"]*\")|\b(LEFT\s+JOIN|CROSS\s+JOIN|JOIN|AND|OR|IS\s+NOT\s+NULL|IS\s+NULL|NOT|"
    r"NULLS\s+LAST|NULLS\s+FIRST|WHERE|ON|DISTINCT|min|max|list_contains)\b",
    re.I,
)
CHANGE = {
    "LEFT JOIN": "JOIN",  # unmatched rows vanish
    "JOIN": "LEFT JOIN",  # unmatched rows appear, with gaps
    "AND": "OR",
    "OR": "AND",
    "IS NULL": "IS NOT NULL",
    "IS NOT NULL": "IS NULL",
    "NOT": "",  # the negation dropped
    "NULLS LAST": "NULLS FIRST",
    "NULLS FIRST": "NULLS LAST",
    "WHERE": "WHERE TRUE OR",  # the whole filter dropped (AND binds tighter than OR)
    "ON": "ON TRUE OR",  # the join condition dropped
    "DISTINCT": "",  # repeats kept
    "MIN": "max",
    "MAX": "min",
    "LIST_CONTAINS": "NOT list_contains",  # the chosen list inverted
}
# Comments and quoted text first, so that what they hold is skipped; then the operators, longest first.
TOKEN = re.compile(r"(--[^\n]*)|('(?:[^']|'')*')|(\"[^\"]*\")|(>=|<=|<>|!=|>|<|=)|\b(ASC|DESC)\b|\b(ORDER\s+BY)\b", re.I)
ORDER_END = re.compile(r"\b(LIMIT|OFFSET|QUALIFY|UNION|EXCEPT|INTERSECT|ROWS|RANGE|GROUPS)\b|\)|;", re.I)


@dataclass(frozen=True)
class Mutant:
    query: str
    line: int
    original: str
    mutated: str
    text: str  # the whole mutated file

    def describe(self) -> str:
        return f"{self.query}.sql line {self.line}: {self.original!r} → {self.mutated!r}"


def _line(sql: str, offset: int) -> int:
    return sql.count("\n", 0, offset) + 1


def _order_by_items(sql: str, start: int) -> list[tuple[int, int]]:
    """(start, end) of each item of the ORDER BY list that begins at start, at bracket depth 0."""
    items, depth, item_start, index = [], 0, start, start
    while index < len(sql):
        char = sql[index]
        if sql.startswith("--", index):
            index = sql.find("\n", index) if sql.find("\n", index) != -1 else len(sql)
            continue
        if char == "'":
            index = sql.find("'", index + 1) + 1 or len(sql)
            continue
        if char == "(":
            depth += 1
        elif char == ")" and depth > 0:
            depth -= 1
        elif depth == 0 and (char in ",);" or ORDER_END.match(sql, index) and _word_boundary(sql, index)):
            items.append((item_start, index))
            if char != ",":
                return items
            item_start = index + 1
        index += 1
    items.append((item_start, len(sql)))
    return items


def _word_boundary(sql: str, index: int) -> bool:
    return index == 0 or not (sql[index - 1].isalnum() or sql[index - 1] == "_")


def mutants(name: str, sql: str) -> list[Mutant]:
    found: list[Mutant] = []
    for match in TOKEN.finditer(sql):
        operator, direction, order_by = match.group(4), match.group(5), match.group(6)
        if operator:
            flipped = FLIP[operator]
            text = sql[: match.start(4)] + flipped + sql[match.end(4) :]
            found.append(Mutant(name, _line(sql, match.start(4)), operator, flipped, text))
        elif direction:
            flipped = "DESC" if direction.upper() == "ASC" else "ASC"
            text = sql[: match.start(5)] + flipped + sql[match.end(5) :]
            found.append(Mutant(name, _line(sql, match.start(5)), direction, flipped, text))
        elif order_by:
            for start, end in _order_by_items(sql, match.end(6)):
                item = sql[start:end].rstrip()
                code = re.sub(r"--[^\n]*", "", item).strip()
                if not code or re.search(r"\b(ASC|DESC)\b(\s+NULLS\s+(FIRST|LAST))?\s*$", code, re.I):
                    continue  # an explicit direction is flipped where it is written
                cut = start + len(item)
                comment = re.search(r"--[^\n]*$", item)
                if comment:  # put DESC before a trailing comment, not inside it
                    cut = start + comment.start()
                    while cut > start and sql[cut - 1].isspace():
                        cut -= 1
                nulls = re.search(r"\s+NULLS\s+(FIRST|LAST)\s*$", sql[start:cut], re.I)
                at = start + nulls.start() if nulls else cut
                text = sql[:at] + " DESC" + sql[at:]
                shown = _one_line(sql[start:at])
                found.append(Mutant(name, _line(sql, at), shown, shown + " DESC", text))
    return found


def structural_mutants(name: str, sql: str) -> list[Mutant]:
    """Joins, filters and choices of rows (STRUCTURE), changed one at a time."""
    found: list[Mutant] = []
    for match in STRUCTURE.finditer(sql):
        word = match.group(4)
        if not word:
            continue  # a comment or quoted text
        key = " ".join(word.upper().split())
        if key == "CROSS JOIN":
            continue  # no condition to change
        changed = CHANGE[key]
        text = sql[: match.start(4)] + changed + sql[match.end(4) :]
        found.append(Mutant(name, _line(sql, match.start(4)), " ".join(word.split()), changed or "(removed)", text))
    return found


def _one_line(code: str) -> str:
    """An ORDER BY item as one short line for the report, without its comments."""
    flat = " ".join(re.sub(r"--[^\n]*", "", code).split())
    return flat if len(flat) <= 60 else flat[:28] + " … " + flat[-28:]


def copy_project(target: Path) -> None:
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", "build", "releases_tmp"))
        elif source.exists():
            shutil.copy2(source, target / name)


def pytest_command(args: list[str]) -> list[str]:
    return [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", *args]


def record(work: Path, tests: list[str]) -> dict[str, list[str]]:
    """Run the tests once, unmutated, noting which tests run which query. They must all pass."""
    path = work / "query-use.json"
    env = dict(os.environ, MUTATE_SQL_RECORD=str(path), PYTHONPATH=str(work / "tests" / "mutation"))
    ignores = [f"--ignore={p}" for p in IGNORED]
    result = subprocess.run(pytest_command(["-p", "record_queries", *ignores, *tests]), cwd=work, env=env)
    if result.returncode != 0:
        sys.exit("The tests fail before any mutation: fix them first.")
    return json.loads(path.read_text(encoding="utf-8"))


def killed(work: Path, mutant: Mutant, tests: list[str]) -> bool:
    path = work / "queries" / f"{mutant.query}.sql"
    original = path.read_text(encoding="utf-8")
    path.write_text(mutant.text, encoding="utf-8")
    try:
        run = subprocess.run(pytest_command(["-x", *tests]), cwd=work, capture_output=True)
    finally:
        path.write_text(original, encoding="utf-8")
    return run.returncode != 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("queries", nargs="*", help="query names (default: every query)")
    parser.add_argument("--tests", nargs="*", default=list(DEFAULT_TESTS), help="test paths to record (default: tests)")
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    parser.add_argument(
        "--every", type=int, default=1, metavar="N", help="run only every Nth mutant (a quicker sample on a busy machine)"
    )
    parser.add_argument("--start", type=int, default=None, metavar="K", help="with --every, begin at the Kth mutant (0-based)")
    parser.add_argument(
        "--skip", type=int, default=0, metavar="K", help="leave out the first K mutants chosen (to go on with a stopped run)"
    )
    parser.add_argument(
        "--match", nargs="*", default=[], metavar="TEXT", help="run only mutants whose description contains one of these"
    )
    args = parser.parse_args(argv)
    names = args.queries or sorted(p.stem for p in (ROOT / "queries").glob("*.sql"))
    texts = {name: (ROOT / "queries" / f"{name}.sql").read_text(encoding="utf-8") for name in names}
    every = [m for name, sql in texts.items() for m in (*mutants(name, sql), *structural_mutants(name, sql))]
    every = every[(args.every // 2 if args.start is None else args.start) :: args.every]
    if args.match:
        every = [m for m in every if any(text in m.describe() for text in args.match)]
    every = every[args.skip :]
    if args.list:
        for mutant in every:
            print(mutant.describe())
        print(f"{len(every)} mutants")
        return 0
    with tempfile.TemporaryDirectory(prefix="mutate-sql-") as folder:
        work = Path(folder)
        copy_project(work)
        used = record(work, args.tests)
        survived: list[Mutant] = []
        for number, mutant in enumerate(every, 1):
            users = [t for t in used.get(mutant.query, []) if not t.startswith("tests/test_queries.py")]
            tests = ["tests/test_queries.py", *users]
            verdict = "killed" if killed(work, mutant, tests) else "SURVIVED"
            if verdict == "SURVIVED":
                survived.append(mutant)
            print(f"[{number}/{len(every)}] {verdict}: {mutant.describe()} ({len(tests) - 1} tests use it)", flush=True)
    score = 100 * (len(every) - len(survived)) / len(every) if every else 100.0
    print(f"\nSQL mutation score: {len(every) - len(survived)} of {len(every)} killed ({score:.0f}%)")
    for mutant in survived:
        print(f"  survived: {mutant.describe()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
