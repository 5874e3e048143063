"""Every CLI command, and every benchmark, is documented in the README."""

from __future__ import annotations

from pathlib import Path

from crosscheck.bench import BENCHMARKS
from crosscheck.cli import main
from crosscheck.training import TRAINERS

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_every_command_in_readme():
    import click

    names = []
    for name, command in main.commands.items():
        names.append(name)
        if isinstance(command, click.Group):  # "crosscheck export claimreview": each subcommand too
            names.extend(f"{name} {sub}" for sub in command.commands)
    missing = [name for name in names if f"crosscheck {name}" not in README]
    assert missing == []


def test_every_benchmark_in_readme():
    missing = [name for name in BENCHMARKS if f"crosscheck bench {name}" not in README]
    assert missing == []


def test_every_trainer_in_readme():
    missing = [name for name in TRAINERS if f"crosscheck train {name}" not in README]
    assert missing == []


def test_readme_setup_commands_match_ci():
    ci = (Path(__file__).resolve().parents[2] / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci and "make test" in README and "make example" in README
