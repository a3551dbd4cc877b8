"""The README stays true: schema section, commands, Quickstart, CI."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from newsfeed.cli import app
from newsfeed.render import schema_markdown

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def schema_section(text: str) -> str:
    match = re.search(r"<!-- schema:start -->\n(.*?)<!-- schema:end -->", text, re.S)
    assert match, "README has no schema markers"
    return match.group(1)


def test_readme_schema_matches_the_database():
    assert schema_section(README) == schema_markdown(), (
        "README schema section is stale: run `python -m tests.test_docs` to regenerate it")


def commands(group, prefix: str = "newsfeed") -> dict:
    found = {}
    for name, command in group.commands.items():
        full = f"{prefix} {name}"
        if hasattr(command, "commands"):  # a group
            found.update(commands(command, full))
        else:
            found[full] = command
    return found


def test_every_command_has_help_and_is_documented():
    all_commands = commands(typer.main.get_command(app))
    assert "newsfeed feeds import-opml" in all_commands
    for name, command in all_commands.items():
        assert command.help and command.help.strip(), f"{name} has no help"
        assert f"`{name}" in README, f"{name} is not documented in the README"
        for param in command.params:
            if param.param_type_name == "option":
                assert param.help, f"{name} {param.opts[0]} has no help"


def quickstart_commands() -> list[str]:
    section = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", section, re.S)
    assert len(blocks) == 1, "Quickstart must hold exactly one fenced block"
    return [line for line in blocks[0].splitlines() if line.strip()]


def test_quickstart_is_two_commands_and_ci_runs_the_second():
    first, second = quickstart_commands()
    assert "newsfeed demo" in first
    assert "pytest" in second
    assert second in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


if __name__ == "__main__":  # regenerate the README's schema section
    path = ROOT / "README.md"
    text = path.read_text(encoding="utf-8")
    start = text.index("<!-- schema:start -->\n") + len("<!-- schema:start -->\n")
    end = text.index("<!-- schema:end -->")
    text = text[:start] + schema_markdown() + text[end:]
    path.write_text(text, encoding="utf-8")
