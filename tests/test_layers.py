"""One import name, layers in one direction, SQL only in storage/.

The distribution is installed (not editable) into a temporary directory, as ``pip install .``
would install it: its files must all be under ``newsfeed/``, and the import-linter contracts
of pyproject.toml are checked on that installed tree, where ``newsfeed.extract`` etc. sit
where Python finds them.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from importlib.metadata import distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
# a statement DuckDB would run: a leading SQL keyword, then one that only SQL puts after it
SQL_STATEMENT = re.compile(
    r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|COPY|ATTACH|MERGE|WITH|PRAGMA|"
    r"INSTALL|LOAD|SET)\b[\s\S]*\b(FROM|INTO|TABLE|VIEW|AS|TO|SET|WHERE)\b")
OUTSIDE_STORAGE = ("newsfeed", "flows", "extract")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("site")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--disable-pip-version-check", "--target", str(target), str(ROOT)],
                   check=True, capture_output=True, text=True, timeout=600)
    return target


def top_level_names(site: Path) -> set[str]:
    """Top-level names the installed distribution puts on sys.path, from its RECORD."""
    (dist,) = [d for d in distributions(path=[str(site)])
               if d.metadata["Name"] == "newsfeed-pipeline"]
    tops = {Path(f).parts[0] for f in dist.files or []}
    return {t for t in tops if not t.endswith(".dist-info") and t not in ("..", "bin")}


def lint_imports(site: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), str(ROOT / "pyproject.toml")], cwd=site,
                          env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, timeout=300)


@pytest.mark.integration
def test_the_distribution_installs_only_the_newsfeed_package(installed):
    assert top_level_names(installed) == {"newsfeed"}
    for part in ("extract", "flows", "storage"):
        assert (installed / "newsfeed" / part / "__init__.py").is_file()


@pytest.mark.integration
def test_the_layer_contracts_hold(installed):
    done = lint_imports(installed)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "3 kept, 0 broken" in done.stdout


@pytest.mark.integration
def test_an_import_against_the_layers_breaks_a_contract(installed, tmp_path):
    broken = tmp_path / "site"
    shutil.copytree(installed / "newsfeed", broken / "newsfeed")
    module = broken / "newsfeed" / "extract" / "types.py"
    module.write_text(module.read_text() + "\nfrom newsfeed.storage import store  # noqa\n")
    done = lint_imports(broken)
    assert done.returncode != 0
    assert "newsfeed.extract.types -> newsfeed.storage.store" in done.stdout


def sql_in(source: str) -> list[str]:
    """String constants of ``source`` that are SQL statements."""
    return [node.value for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and SQL_STATEMENT.match(node.value)]


def test_the_sql_check_finds_sql():
    assert sql_in('con.execute("SELECT title FROM articles WHERE day = ?")')
    assert sql_in('q = f"""\n    INSERT INTO {table} BY NAME SELECT * FROM batch"""')
    assert not sql_in('help = "SQL to run; \'-\' or nothing: read stdin."')


def test_no_sql_and_no_duckdb_outside_storage():
    found = []
    for folder in OUTSIDE_STORAGE:
        for path in sorted((ROOT / folder).rglob("*.py")):
            source = path.read_text(encoding="utf-8")
            found += [f"{path.relative_to(ROOT)}: {sql.split()[0]} …" for sql in sql_in(source)]
            if re.search(r"^\s*(import duckdb|from duckdb\b)", source, re.MULTILINE):
                found.append(f"{path.relative_to(ROOT)}: imports duckdb")
    assert not found, "SQL belongs in storage/:\n" + "\n".join(found)
