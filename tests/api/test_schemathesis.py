"""Property-based run over the OpenAPI spec: no 5xx, every response matches its schema."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from maillage import tokens
from maillage.api.app import create_app
from maillage.settings import Settings
from maillage.store import Store
from tests import graphs


def _app():  # built at collection: schemathesis needs the schema to generate the tests
    folder = Path(tempfile.mkdtemp(prefix="maillage-schemathesis-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    url = f"sqlite:///{folder / 'graph.db'}"
    store = Store.open(url)
    graphs.build(store)
    token = tokens.create(store, "schemathesis")
    return create_app(Settings(db=url), store=store), {"Authorization": f"Bearer {token}"}


APP, AUTH = _app()
schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP)


@schema.parametrize()
# derandomize: the same examples every run, so CI is reproducible; raise max_examples to explore.
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_api_schema_no_server_error_and_responses_match(case):
    # With a curator's token, so the curation endpoints run their code, not just the 401.
    # Some rules a schema cannot state: a predicate's object type, an identifier's format per
    # scheme, a non-blank name, a real calendar date ('2021-02-31' fits the pattern): those
    # answer 400/422, which is right, so schema-valid data may be refused.
    case.call_and_validate(headers=AUTH, excluded_checks=[positive_data_acceptance])
