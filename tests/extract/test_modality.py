"""done / planned from modality cues in the trigger's clause (no model needed)."""

from __future__ import annotations

import pytest

from maillage.extract.modality import status_of


@pytest.mark.parametrize(
    "sentence",
    [
        "Les deux écoles pourraient signer une convention.",
        "Les écoles envisagent un double diplôme.",
        "L'université prévoit un incubateur commun.",
        "Les établissements veulent créer une formation commune.",
        "Les partenaires signeront l'accord en mars.",
        "Le master sera ouvert dès la rentrée 2024.",
        "Les écoles devraient fusionner d'ici 2026.",
        "Un rapprochement est à l'étude.",
        "Elles travaillent à des doubles diplômes, qui pourraient être proposés en 2025.",
    ],
)
def test_modality_planned_cues(sentence):
    assert status_of(sentence, sentence.find("écoles") if "écoles" in sentence else 0) == "planned"


@pytest.mark.parametrize(
    "sentence",
    [
        "Les deux écoles ont signé une convention le 3 mars.",
        "Une convention a été signée fin 2014 avec l'AIMF.",
        "L'école vient de rejoindre le réseau.",
        "Les deux établissements ont fusionné en 2019.",
    ],
)
def test_modality_done_statements(sentence):
    assert status_of(sentence, 0) == "done"


def test_modality_reads_the_clause_of_the_trigger_not_the_whole_sentence():
    sentence = "Les écoles ont signé une convention; elles pourraient aller plus loin."
    assert status_of(sentence, 0) == "done"
    assert status_of(sentence, sentence.index("elles")) == "planned"
