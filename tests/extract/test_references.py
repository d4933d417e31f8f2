"""References resolved like a reader, on sentences written for these tests and parsed by the
real pipeline: each class of reference, its agreement, and ambiguity giving nothing."""

from __future__ import annotations

import pytest

from maillage.extract import extract_document
from maillage.extract.mentions import find_entities
from maillage.extract.references import find_references
from maillage.models import Document, Mention, RawDocument
from maillage.nlp.pipeline import load_pipeline
from maillage.resolve.gazetteer import load_gazetteer

pytestmark = pytest.mark.slow


def found(text: str) -> list[Mention]:
    document = Document.from_raw(RawDocument(text=text, source="t.txt"))
    doc = load_pipeline()(document.text)
    gazetteer = load_gazetteer()
    named = find_entities(doc, document, gazetteer)
    return find_references(doc, document.id, named.mentions, named.entities, gazetteer)


def resolved(text: str) -> dict[str, set[str]]:
    """Words that refer → the entities they were resolved to."""
    out: dict[str, set[str]] = {}
    for mention in found(text):
        assert mention.field == "reference"
        assert text[mention.start : mention.end] == mention.text
        out.setdefault(mention.text, set()).add(mention.entity)
    return out


def facts(text: str, predicate: str) -> set[tuple[str, str | None]]:
    record = extract_document(Document.from_raw(RawDocument(text=text, source="t.txt")))
    return {(f.subject, f.object) for f in record.facts if f.predicate == predicate}


# -- collective and numbered descriptions -----------------------------------------------------
def test_references_numbered_collective_gives_one_mention_per_antecedent():
    text = (
        "L'ENSIBS et l'UTBM ont signé une convention au printemps. "
        "Les deux établissements préparent désormais un double diplôme."
    )
    mentions = [m for m in found(text) if m.text == "Les deux établissements"]
    assert {m.entity for m in mentions} == {"org-ensibs", "org-utbm"}
    assert len({(m.start, m.end) for m in mentions}) == 1  # one span, one mention each


def test_references_numbered_collective_with_more_candidates_than_its_number_gives_nothing():
    text = (
        "L'ENSMM, l'ENSIBS et l'ENIB ont présenté leurs projets au salon de Lyon. "
        "Les deux écoles envisagent un double diplôme."
    )
    assert "Les deux écoles" not in resolved(text)


def test_references_collective_needs_the_kind_of_its_noun():
    """A company is not one of 'les deux écoles': the demo's wrong partnership."""
    text = (
        "Airbus et l'ISAE-Supaero organisent un hackathon sur les drones. "
        "Les deux écoles envisagent aussi un double diplôme."
    )
    assert "Les deux écoles" not in resolved(text)
    assert ("org-airbus", "org-isae_supaero") not in facts(text, "partner_of")
    assert ("org-isae_supaero", "org-airbus") not in facts(text, "partner_of")


def test_references_collective_skips_a_complement_of_a_noun():
    text = (
        "L'ENSIBS et l'ENSEIRB-MATMECA, l'une des écoles de Bordeaux INP, travaillent à un "
        "cursus commun. Les deux établissements avaient signé une convention en juillet."
    )
    assert resolved(text)["Les deux établissements"] == {"org-ensibs", "org-enseirb_matmeca"}


def test_references_numbered_group_named_by_its_brand():
    text = (
        "L'INSA Lyon, l'INSA Rennes et l'INSA Toulouse lancent une formation commune. "
        "Les trois INSA la proposeront dès 2026."
    )
    assert resolved(text)["Les trois INSA"] == {
        "org-insa_lyon",
        "org-insa_rennes",
        "org-insa_toulouse",
    }


def test_references_demonstrative_plural_without_number():
    text = "L'UTT a signé un accord avec l'UTBM en mai. Ces établissements partagent un master."
    assert resolved(text)["Ces établissements"] == {"org-utt", "org-utbm"}


# -- definite and demonstrative descriptions --------------------------------------------------
def test_references_definite_description_takes_the_name_of_its_kind():
    text = (
        "L'ENSIBS est une école interne de l'UBS depuis sa création. "
        "L'école compte 900 élèves. L'université en accueille 9 000."
    )
    found_here = resolved(text)
    assert found_here["L'école"] == {"org-ensibs"}
    assert found_here["L'université"] == {"org-ubs"}


def test_references_demonstrative_network():
    text = "L'ENIB a rejoint le Réseau Polytech en 2020. Ce réseau fédère des écoles publiques."
    assert resolved(text)["Ce réseau"] == {"org-reseau_polytech"}


def test_references_definite_description_with_two_candidates_of_its_kind_gives_nothing():
    text = "L'ENSMM et l'ENIB ont signé une convention. L'école accueillera des stagiaires."
    assert "L'école" not in resolved(text)


def test_references_description_of_a_kind_no_candidate_has_gives_nothing():
    text = "L'ENSMM a signé un accord avec Airbus. Cette alliance durera cinq ans."
    assert "Cette alliance" not in resolved(text)


def test_references_description_by_place_and_by_demonym():
    text = (
        "L'ENSMM et l'UTT ont conclu un partenariat. L'école bisontine enverra ses élèves "
        "à Troyes, et l'établissement de Troyes accueillera des doctorants."
    )
    found_here = resolved(text)
    assert found_here["L'école bisontine"] == {"org-ensmm"}
    assert found_here["l'établissement de Troyes"] == {"org-utt"}


def test_references_demonym_of_the_city_a_name_holds():
    """Polytech Lille's campus is in Villeneuve-d'Ascq; the press calls it 'l'école lilloise'."""
    text = "Polytech Lille ouvre un cursus. L'école lilloise recrutera 40 apprentis."
    assert resolved(text)["L'école lilloise"] == {"org-polytech_lille"}


def test_references_numbered_demonym_names_the_bodies_seated_there():
    text = "L'ENSIC, Mines Nancy et l'UTT ont signé. Les deux écoles nancéiennes recrutent."
    assert resolved(text)["Les deux écoles nancéiennes"] == {"org-ensic", "org-mines_nancy"}


def test_references_la_comue_names_the_article_s_comue():
    text = (
        "La ComUE Université de Toulouse a été créée en 2015. L'université Toulouse-I-Capitole "
        "est membre de la Comue."
    )
    assert resolved(text)["la Comue"] == {"org-comue_universite_de_toulouse"}


def test_references_description_of_one_of_a_groups_schools_is_not_the_group():
    text = "L'Institut Mines-Télécom ouvre un campus. L'école de l'IMT accueillera 300 élèves."
    assert "L'école" not in resolved(text)


# -- the body a founding or merger created ----------------------------------------------------
def test_references_new_school_is_the_body_a_merger_created():
    text = (
        "Télécom Bretagne et Mines Nantes ont fusionné pour donner naissance à IMT Atlantique. "
        "La nouvelle école compte 2 300 étudiants."
    )
    assert resolved(text)["La nouvelle école"] == {"org-imt_atlantique"}


def test_references_new_school_of_a_group_is_the_created_school_and_so_is_its_director():
    """'la nouvelle école de l'IMT' is the created school, and 'sa directrice' after it is
    that school's director, not the IMT's: the demo's wrong role."""
    text = (
        "IMT Atlantique ouvre ses portes\n\n"
        "Depuis le 1er janvier, la nouvelle école de l'Institut Mines-Télécom rassemble trois "
        "campus. Sa directrice, Claire Besson, présente ses priorités. Au 1er janvier, Télécom "
        "Bretagne et Mines Nantes ont fusionné pour donner naissance à IMT Atlantique."
    )
    found_here = resolved(text)
    assert found_here["la nouvelle école"] == {"org-imt_atlantique"}
    assert found_here["Sa"] == {"org-imt_atlantique"}
    roles = facts(text, "holds_role")
    assert ("per-claire-besson", "org-imt_atlantique") in roles
    assert ("per-claire-besson", "org-institut_mines_telecom") not in roles


def test_references_new_entity_after_born_of_a_merger_is_not_a_parent():
    text = (
        "Le Groupe Alpha, née de la fusion de l'ENSMM et de l'UTBM, recrute. "
        "La nouvelle entité vise 5 000 étudiants."
    )
    assert resolved(text).get("La nouvelle entité", set()) <= {"org-groupe-alpha"}
    assert "org-ensmm" not in resolved(text).get("La nouvelle entité", set())


def test_references_new_school_without_a_created_body_gives_nothing():
    text = "L'ENSMM et l'UTBM ont signé une convention. La nouvelle école ouvrira en 2027."
    assert "La nouvelle école" not in resolved(text)


# -- pronouns ----------------------------------------------------------------------------------
def test_references_subject_pronoun_takes_the_previous_subject_not_a_complement():
    text = (
        "Créée en 2013, l'ENSIBS est une école interne de l'Université Bretagne Sud. "
        "Implantée à Vannes, elle compte près de 900 élèves ingénieurs."
    )
    assert resolved(text)["elle"] == {"org-ensibs"}


def test_references_pronoun_gender_mismatch_gives_nothing():
    text = "Le CNRS a signé un accord-cadre en mars. Elle prévoit trois chaires communes."
    assert "Elle" not in resolved(text)


def test_references_pronoun_after_two_coordinated_subjects_gives_nothing():
    text = "L'ENSMM et l'UTBM ont signé une convention. Elle couvre la recherche."
    assert "Elle" not in resolved(text)


def test_references_pronoun_after_a_thing_or_a_person_gives_nothing():
    thing = "La convention a été signée par l'UTBM en mars. Elle couvre la recherche."
    person = "Marie Dupont dirige l'ENSMM depuis 2019. Elle a signé l'accord."
    assert "Elle" not in resolved(thing)
    assert "Elle" not in resolved(person)


def test_references_plural_pronoun_takes_the_coordinated_subjects():
    text = "L'ENSMM et l'UTBM ont signé une convention. Elles ouvriront un master en 2026."
    assert resolved(text)["Elles"] == {"org-ensmm", "org-utbm"}


def test_references_the_latter_is_the_last_name_unless_it_is_a_person():
    org = "L'accord lie l'ENSMM à l'UTBM. Cette dernière accueillera les cours."
    person = (
        "L'UTBM, représentée par son directeur Paul Garnier, a signé. "
        "Ce dernier voit dans l'accord une évidence."
    )
    assert resolved(org)["Cette dernière"] == {"org-utbm"}
    assert "Ce dernier" not in resolved(person)


# -- possessives -------------------------------------------------------------------------------
def test_references_possessive_is_the_salient_organization():
    text = "L'UTT, représentée par sa directrice Claire Morel, a signé le texte."
    assert resolved(text)["sa"] == {"org-utt"}
    assert ("per-claire-morel", "org-utt") in facts(text, "holds_role")


def test_references_possessive_after_two_subjects_gives_nothing():
    text = "L'ENSMM et l'UTBM ont signé une convention. Son directeur, Paul Garnier, est ravi."
    assert "Son" not in resolved(text)


def test_references_possessive_bound_in_its_sentence_can_be_left_to_the_list_finders():
    text = "L'ENSIC, représentée par son directeur Paul Durand, et Michelin ont signé un accord."
    document = Document.from_raw(RawDocument(text=text, source="t.txt"))
    doc = load_pipeline()(document.text)
    gazetteer = load_gazetteer()
    named = find_entities(doc, document, gazetteer)
    every = find_references(doc, document.id, named.mentions, named.entities, gazetteer)
    unbound = find_references(
        doc, document.id, named.mentions, named.entities, gazetteer, bound_possessives=False
    )
    assert {(m.text, m.entity) for m in every} >= {("son", "org-ensic")}
    assert "son" not in {m.text for m in unbound}
    assert {frozenset(p) for p in facts(text, "partner_of")} == {
        frozenset({"org-ensic", "org-michelin"})
    }


def test_references_fronted_participle_creates_the_subject_after_it_not_the_parents():
    text = (
        "Issue de la fusion entre l'IFMA et l'ENSCCF, SIGMA Clermont ouvre ses portes. "
        "La nouvelle école compte 1 350 élèves."
    )
    assert resolved(text)["La nouvelle école"] == {"org-sigma_clermont"}


def test_references_vague_noun_refers_only_to_a_new_body():
    text = "L'ENSMM et l'UTBM ont signé un accord. La structure accueillera 50 projets par an."
    assert "La structure" not in resolved(text)


def test_references_the_latter_is_recency_not_salience_even_when_misparsed():
    """'Ce dernier compte …': the parser reads 'compte' as a noun; the latter is still the
    last name before, not the subject."""
    text = "L'ENIB a rejoint le Réseau Polytech en 2020. Ce dernier compte quinze écoles."
    assert resolved(text)["Ce dernier"] == {"org-reseau_polytech"}
    assert "Ce dernier" not in resolved("L'ENIB a signé. Ce dernier jour, tout était prêt.")


# -- object clitics --------------------------------------------------------------------------
def test_references_object_clitic_takes_up_the_subject_before_not_its_own():
    text = "La Conférence des grandes écoles compte 240 membres. L'ESTACA vient de la rejoindre."
    assert resolved(text)["la"] == {"org-cge"}
    assert ("org-estaca", "org-cge") in facts(text, "member_of")


def test_references_clitic_en_is_the_body_named_before():
    text = "Le réseau Polytech fédère quinze écoles. L'ENSIM en fait partie depuis 2019."
    assert "en" in resolved(text)
    assert any(member == "org-ensim" for member, _ in facts(text, "member_of"))


def test_references_possessive_leaves_the_focus_on_the_body_it_introduces():
    text = (
        "La Comue Lille Nord de France est dissoute. Ses anciens membres ont constitué une "
        "association, l'Alliance Lille Europe, qui prend le relais. Elle réunit l'Université "
        "de Lille et Centrale Lille."
    )
    assert len(resolved(text)["Elle"]) == 1
    assert len(facts(text, "member_of")) == 2


def test_references_description_takes_the_head_of_a_clause_not_the_bodies_it_merged():
    found = resolved(
        "L'ENSCM, née en 2010 de la fusion de l'ENSCR et de l'ENSIC, compte 500 élèves. "
        "L'école est membre de la Fédération Gay-Lussac."
    )
    assert found.get("L'école") == {"org-enscm"}


def test_references_new_ensemble_is_the_body_that_took_the_place_of_another():
    text = (
        "En 2016, l'UNAM a laissé la place à l'Université Bretagne Loire. Le nouvel ensemble "
        "réunit l'UBO, l'UBS et l'Enib."
    )
    assert resolved(text).get("Le nouvel ensemble") == {"org-ubl"}
    wholes = {o for p, o in facts(text, "member_of") | facts(text, "part_of")}
    assert wholes == {"org-ubl"}


def test_references_new_establishment_is_the_body_a_decree_creates():
    text = (
        "Le décret portant création de l'Institut brestois d'ingénierie est paru. Le nouvel "
        "établissement naîtra de la fusion de l'ENIB et d'ENSTA Bretagne."
    )
    assert resolved(text).get("Le nouvel établissement") == {"org-institut-brestois-d-ingenierie"}
    assert facts(text, "replaced_by") == {
        ("org-enib", "org-institut-brestois-d-ingenierie"),
        ("org-ensta_bretagne", "org-institut-brestois-d-ingenierie"),
    }


def test_references_a_descriptor_before_its_own_name_is_no_reference():
    text = (
        "L'UTT est membre du réseau des universités de technologie. Elle coordonne l'alliance "
        "européenne EUT+, dont fait aussi partie la Technische Universität Sofia."
    )
    assert "l'alliance" not in resolved(text)
    assert ("org-technische-universitat-sofia", "org-eut_plus") in facts(text, "member_of")


def test_references_an_engineering_school_is_no_business_school():
    text = (
        "L'ENSIC et l'ESC Troyes ont signé une convention. L'école de commerce recrute. "
        "L'école d'ingénieurs forme des chimistes."
    )
    found = resolved(text)
    assert found.get("L'école de commerce") == {"org-south_champagne_bs"}
    assert found.get("L'école d'ingénieurs") == {"org-ensic"}
