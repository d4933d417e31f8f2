import pytest
from sqlalchemy import create_engine, insert, select

from maillage.errors import UsageError
from maillage.filters import FactFilter
from maillage.store.schema import entities, facts, metadata


@pytest.fixture()
def engine():
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(insert(entities), [{"id": "a", "type": "organization", "name": "A"}])
        rows = [
            ("f1", "partner_of", "2018-07-10", "done", "agreement", 0.9, None),
            ("f2", "partner_of", "2019", "planned", "double_degree", 0.5, "accepted"),
            ("f3", "member_of", "2018-12", "done", None, 0.8, "rejected"),
            ("f4", "holds_role", None, "done", None, 0.7, "edited"),
        ]
        connection.execute(
            insert(facts),
            [
                {
                    "id": i,
                    "predicate": p,
                    "subject_id": "a",
                    "object_id": "a",
                    "date": d,
                    "status": s,
                    "kind": k,
                    "confidence": c,
                    "curation": cur,
                }
                for i, p, d, s, k, c, cur in rows
            ],
        )
    return engine


def _ids(engine, fact_filter):
    with engine.connect() as connection:
        return set(connection.scalars(select(facts.c.id).where(fact_filter.where())))


def test_filters_hide_rejected_unless_asked(engine):
    assert _ids(engine, FactFilter()) == {"f1", "f2", "f4"}
    assert "f3" in _ids(engine, FactFilter(include_rejected=True))


def test_filters_date_range_includes_partial_dates_inside_it(engine):
    found = _ids(engine, FactFilter(date_from="2018", date_to="2018", include_rejected=True))
    assert found == {"f1", "f3"}


def test_filters_combine_predicate_status_kind_confidence_curation(engine):
    assert _ids(engine, FactFilter(predicates=["partner_of"], statuses=["planned"])) == {"f2"}
    assert _ids(engine, FactFilter(kinds=["agreement"])) == {"f1"}
    assert _ids(engine, FactFilter(min_confidence=0.75)) == {"f1"}
    assert _ids(engine, FactFilter(curated_only=True)) == {"f2", "f4"}


@pytest.mark.parametrize(
    "arguments",
    [{"predicates": ["likes"]}, {"statuses": ["maybe"]}, {"depth": 4}, {"min_confidence": 2}],
)
def test_filters_reject_unknown_values_with_a_usage_error(arguments):
    with pytest.raises(UsageError):
        FactFilter(**arguments)
