"""Cross-document entity resolution: what must merge, and the homonyms that must not."""

from __future__ import annotations

from maillage.resolve.clusters import EntityRecord
from maillage.resolve.entities import close_words, resolve_entities
from maillage.resolve.gazetteer import load_gazetteer


def org(key: str, name: str, *names: str, docs: tuple[str, ...] = ("d1",), **extra) -> EntityRecord:
    return EntityRecord(
        key, "organization", name, names={name, *names}, documents=set(docs), **extra
    )


def gaz(key: str) -> EntityRecord:
    entry = load_gazetteer().institutions[key]
    acronym = entry.acronyms[0] if entry.acronyms else None
    names = {entry.name, *([acronym] if acronym else [])}
    return EntityRecord(
        f"org-{key}",
        "organization",
        entry.name,
        kind=entry.kind,
        acronym=acronym,
        city=entry.city,
        gazetteer=key,
        names=names,
        documents={"d0"},
    )


def resolved(*records: EntityRecord, cannot_link=()) -> dict[str, str]:
    return resolve_entities(list(records), load_gazetteer(), cannot_link).redirects


def test_resolve_acronym_defined_in_one_article_links_the_bare_acronym_elsewhere():
    long_form = org(
        "org-ecole-x", "École nationale supérieure de mécanique et des microtechniques", "ENSMM"
    )
    bare = org("org-ensmm", "ENSMM", docs=("d2",))
    assert resolved(long_form, bare) == {"org-ensmm": "org-ecole-x"}


def test_resolve_former_name_entities_stay_apart_from_the_renamed_institution():
    # An entity named by a former name exists only where an article spoke of the renaming
    # (extract/mentions.py): the former body and its successor are two ends of replaced_by.
    telecom = gaz("telecom_paris")
    former = org("org-telecom-paristech", "Télécom ParisTech", docs=("d5",))
    ensam = gaz("arts_et_metiers")
    old = org("org-arts-et-metiers-paristech", "Arts et Métiers ParisTech")
    assert resolved(telecom, former, ensam, old) == {}


def test_resolve_current_aliases_join_the_gazetteer_entity():
    mines = gaz("mines_paris")
    alias = org("org-mines-paris-psl", "Mines Paris - PSL", docs=("d5",))
    assert resolved(mines, alias) == {"org-mines-paris-psl": "org-mines_paris"}


def test_resolve_names_ignore_accents_case_and_articles():
    a = org("org-a", "l'École Centrale de Lyon")
    b = org("org-b", "ECOLE CENTRALE DE LYON", docs=("d2",))
    assert resolved(a, b) == {"org-a": "org-b"}  # the name without an article is kept


def test_resolve_homonyms_never_merge():
    records = [
        gaz(k)
        for k in (
            "mines_nancy",
            "imt_mines_ales",
            "institut_mines_telecom",
            "mines_paris",
            "enscm",
            "ensccf",
            "universite_de_lorraine",
            "sigma_clermont",
            "universite_clermont_auvergne",
            "clermont_auvergne_inp",
            "telecom_nancy",
            "telecom_sudparis",
            "telecom_paris",
        )
    ]
    records += [
        org("org-mines-ales", "Mines Alès"),
        org("org-mines-nancy-2", "Mines Nancy", city="Nancy"),
        org("org-lorraine", "Lorraine"),
        org("org-region-lorraine", "Région Lorraine"),
    ]
    redirects = resolved(*records)
    assert redirects == {
        "org-mines-ales": "org-imt_mines_ales",
        "org-mines-nancy-2": "org-mines_nancy",
    }


def test_resolve_fuzzy_only_for_small_spelling_differences():
    a = org("org-a", "Ecole nationale superieure de chimie de Montpelier")  # typo
    b = org("org-b", "École nationale supérieure de chimie de Montpellier", docs=("d2", "d3"))
    c = org("org-c", "École nationale supérieure de chimie de Mulhouse")
    assert resolved(a, b, c) == {"org-a": "org-b"}
    assert not close_words("universite paris 1", "universite paris 8")
    assert not close_words("mines nancy", "mines paris")
    assert not close_words("telecom paris", "telecom paristech")


def test_resolve_constraints_keep_conflicting_acronyms_kinds_and_cities_apart():
    assert (
        resolved(org("org-a", "Institut Pascal", "IP"), org("org-b", "Institut Pascal", "IPA"))
        == {}
    )
    assert (
        resolved(
            org("org-a", "Campus Nord", city="Lille"), org("org-b", "Campus Nord", city="Metz")
        )
        == {}
    )
    assert (
        resolved(org("org-a", "Polytech", kind="school"), org("org-b", "Polytech", kind="network"))
        == {}
    )


def test_resolve_a_curator_split_is_never_undone():
    a, b = org("org-a", "Institut Pascal"), org("org-b", "Institut Pascal", docs=("d2",))
    assert resolved(a, b, cannot_link=[("org-a", "org-b")]) == {}


def test_resolve_people_by_full_name_and_by_surname_in_the_same_article():
    full = EntityRecord(
        "per-patrick-duval",
        "person",
        "Patrick Duval",
        names={"Patrick Duval"},
        documents={"d1", "d2"},
        institutions={"org-imt"},
    )
    short = EntityRecord("per-m-duval", "person", "M. Duval", names={"M. Duval"}, documents={"d2"})
    elsewhere = EntityRecord("per-duval", "person", "Duval", names={"Duval"}, documents={"d9"})
    other = EntityRecord(
        "per-anne-duval",
        "person",
        "Anne Duval",
        names={"Anne Duval"},
        documents={"d9"},
        institutions={"org-utt"},
    )
    assert resolved(full, short, elsewhere, other) == {
        "per-m-duval": "per-patrick-duval",
        "per-duval": "per-anne-duval",
    }


def test_resolve_two_full_names_of_one_surname_stay_apart():
    a = EntityRecord(
        "per-a", "person", "Antoine Roussel", names={"Antoine Roussel"}, documents={"d1"}
    )
    b = EntityRecord(
        "per-b", "person", "Hélène Roussel", names={"Hélène Roussel"}, documents={"d1"}
    )
    short = EntityRecord("per-c", "person", "M. Roussel", names={"M. Roussel"}, documents={"d1"})
    assert resolved(a, b, short) == {}  # ambiguous surname: no guess


def test_resolve_descriptions_shared_by_two_entities_do_not_link_them():
    a = org("org-a", "Institut Pascal", "l'institut clermontois")
    b = org("org-b", "Institut Charles Gerhardt", "l'institut clermontois", docs=("d2",))
    assert resolved(a, b) == {}
