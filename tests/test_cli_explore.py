"""The exploring commands: search, show, timeline, neighbours, token."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from maillage import tokens
from maillage.cli import app
from maillage.store import Store
from tests import graphs

runner = CliRunner()


@pytest.fixture
def db(tmp_path):
    url = f"sqlite:///{tmp_path / 'graph.db'}"
    store = Store.open(url)
    graphs.build(store)
    store.close()
    return url


@pytest.fixture(autouse=True)
def wide_console(monkeypatch):
    """Rich fixes its width when the console is created; tests read whole lines."""
    from maillage import cli

    monkeypatch.setattr(cli.console, "width", 200)


def run(*args: str) -> str:
    result = runner.invoke(app, [*args])
    assert result.exit_code == 0, result.output
    return result.output


def test_cli_search_lists_matches(db):
    out = run("search", "ensm", "--db", db)
    assert "org-ensmm" in out and "exact" not in out.split("org-ensmm")[0].splitlines()[-1]


def test_cli_show_prints_a_card_with_quotes_conflicts_and_alternatives(db):
    out = run("show", "ENSMM", "--db", db)
    assert "École nationale supérieure de mécanique et des microtechniques" in out
    assert "« L'ENSMM et l'UTBM ont signé une convention le 10 juillet 2018. »" in out
    assert "conflict: sources disagree" in out
    assert "date=2017" in out and "Le Réseau Figure grandit" in out
    assert "Claire Martin" in out and "as directrice" in out


def test_cli_show_prints_hostile_names_as_written(db):
    out = run("show", "org-hostile", "--db", db)
    assert graphs.HOSTILE_NAME in out


def test_cli_timeline_and_neighbours(db):
    out = run("timeline", "org-ensmm", "--db", db)
    assert "2018-07-10" in out and "day" in out and "2 undated" in out
    # Names may wrap in a narrow terminal; the closing line counts what the table shows.
    assert "5 entities, 4 facts within depth 1" in run("neighbours", "org-ensmm", "--db", db)
    around = run("neighbours", "org-ensmm", "--depth", "2", "--db", db)
    assert "6 entities, 5 facts within depth 2" in around  # + Réseau Figure, via the UTBM
    planned = run("neighbours", "ENSMM", "--status", "planned", "--db", db)
    assert "2 entities, 1 facts within depth 1" in planned


def test_cli_neighbours_rejects_bad_filters(db):
    result = runner.invoke(app, ["neighbours", "org-ensmm", "--predicate", "likes", "--db", db])
    assert result.exit_code != 0


def test_cli_token_create_list_revoke(db, monkeypatch):
    from maillage import cli

    monkeypatch.setattr(cli.console, "width", 20)  # the secret must not wrap, whatever the width
    out = run("token", "create", "--name", "alice", "--read-only", "--db", db)
    secret = out.strip().splitlines()[-1]
    monkeypatch.setattr(cli.console, "width", 200)
    assert secret.startswith("mlg_")
    assert tokens.verify(Store.open(db), secret).read_only
    listing = run("token", "list", "--db", db)
    assert "alice" in listing and "read-only" in listing and secret not in listing
    run("token", "revoke", "alice", "--db", db)
    assert tokens.verify(Store.open(db), secret) is None


@pytest.mark.parametrize("name", ["create", "list", "revoke"])
def test_cli_token_subcommands_have_help_and_documentation(name):
    from tests.conftest import ROOT

    assert runner.invoke(app, ["token", name, "--help"]).exit_code == 0
    assert f"maillage token {name}" in (ROOT / "README.md").read_text(encoding="utf-8")


# -- read commands never create a database --------------------------------------------------
READ_COMMANDS = [
    ["show", "ENSMM"],
    ["search", "ensmm"],
    ["timeline", "ENSMM"],
    ["neighbours", "ENSMM"],
    ["stats"],
    ["documents"],
    ["quarantine"],
    ["history", "ENSMM"],
    ["export", "--format", "json"],
    ["serve"],
    ["token", "list"],
    ["reprocess", "--no-extract"],
]


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_cli_read_commands_refuse_a_missing_database_and_name_it(tmp_path, command):
    from maillage.errors import MissingDatabase

    missing = tmp_path / "nowhere" / "graph.db"
    result = runner.invoke(app, [*command, "--db", str(missing)])
    assert isinstance(result.exception, MissingDatabase), result.output
    assert str(missing) in str(result.exception) and "maillage ingest" in str(result.exception)
    assert not missing.exists() and not missing.parent.exists()


def test_cli_missing_database_is_a_short_error_with_its_code(tmp_path):
    import subprocess
    import sys

    missing = tmp_path / "graph.db"
    done = subprocess.run(
        [sys.executable, "-m", "maillage", "stats", "--db", str(missing)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "[E160]" in done.stderr and "graph.db" in done.stderr
    assert not missing.exists()


def test_cli_import_may_create_the_database(tmp_path, db):
    export = tmp_path / "graph.json"
    run("export", "--db", db, "-o", str(export))
    fresh = tmp_path / "fresh.db"
    run("import", str(export), "--db", str(fresh))
    assert fresh.exists()


# -- finding what was meant -----------------------------------------------------------------
def test_cli_unknown_entity_suggests_close_names(db):
    from maillage.errors import NotFoundError

    result = runner.invoke(app, ["show", "ENSMN", "--db", db])
    assert isinstance(result.exception, NotFoundError)
    assert "Did you mean" in str(result.exception) and "org-ensmm" in str(result.exception)


def test_cli_impossible_dates_are_refused_as_in_the_api(db):
    from maillage.errors import InvalidDate

    for command in (["timeline", "ENSMM"], ["neighbours", "ENSMM"], ["export"]):
        result = runner.invoke(app, [*command, "--since", "2021-13-45", "--db", db])
        assert isinstance(result.exception, InvalidDate), command
        assert "2021-13-45" in str(result.exception)


def test_cli_version():
    from maillage.version import __version__

    assert run("--version").strip() == f"maillage {__version__}"


def _commands():
    import typer.main

    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from ([name, sub] for sub in command.commands)
        else:
            yield [name]


@pytest.mark.parametrize("command", list(_commands()), ids=" ".join)
def test_cli_help_speaks_without_type_jargon(command):
    text = run(*command, "--help")
    for jargon in ("<str>", "<int", "<float>", "<list", "<=x", ">=", "<path>", "<bool"):
        assert jargon not in text, (command, jargon)


def test_cli_help_lists_valid_predicates_and_kinds():
    from maillage.ontology import EVENT_KINDS, PREDICATES

    text = " ".join(run("neighbours", "--help").split())
    assert all(p in text for p in PREDICATES) and all(k in text for k in EVENT_KINDS)


# -- both parties, and where a hand-added fact comes from -----------------------------------
def test_cli_show_and_timeline_name_both_parties(db):
    card = run("show", "ENSMM", "--db", db)
    ensmm = "École nationale supérieure de mécanique et des microtechniques (ENSMM)"
    assert f"Claire Martin holds role at {ensmm}" in " ".join(card.split())
    assert f"{ensmm} partner of Université de technologie" in " ".join(card.split())
    assert f"{ensmm} partner of {graphs.HOSTILE_NAME}" in " ".join(card.split())
    timeline = " ".join(run("timeline", "org-utbm", "--db", db).split())
    assert f"Université de technologie de Belfort-Montbéliard (UTBM) partner of {ensmm}" in timeline


def test_cli_show_gives_the_source_of_a_hand_added_fact(db):
    run(
        "curate", "add", "member_of", "org-ensam", "org-reseau-figure",
        "--source-url", "https://example.org/communique", "--db", db, "--author", "test",
    )  # fmt: skip
    card = run("show", "org-ensam", "--db", db)
    assert "source: https://example.org/communique" in card
