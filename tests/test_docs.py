"""Documentation that a newcomer relies on stays true."""

from __future__ import annotations

import dataclasses
import re

from app.config import PROJECT_ROOT, Settings

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented_in_the_readme():
    source = (PROJECT_ROOT / "app" / "config.py").read_text(encoding="utf-8")
    variables = set(re.findall(r'"((?:TIMELINE|DATABASE)_[A-Z_]+)"', source))
    assert variables, "no environment variables found in app/config.py"
    for variable in variables:
        assert f"`{variable}`" in README, f"{variable} is not documented in README.md"
    assert len(dataclasses.fields(Settings)) <= len(variables) + 1


def test_every_cli_command_is_in_the_readme():
    from app.cli import build_parser

    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # argparse keeps them here
    for name in commands:
        assert f"timeline {name}" in README, f"`timeline {name}` is not documented in README.md"


def test_every_api_route_is_in_the_readme():
    from app.api.routes import router

    for route in router.routes:
        path = route.path.replace("{event_id}", "{id}").replace("{article_id}", "{id}")
        assert f"`{path}`" in README, f"{path} is not documented in README.md"
