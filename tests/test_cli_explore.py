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
