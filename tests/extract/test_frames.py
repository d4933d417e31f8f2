"""Event frames on the parse: one hand-written sentence per construction of issue 10."""

from __future__ import annotations

import pytest

from maillage.extract import extract_document
from maillage.models import Document, RawDocument


def facts_of(text: str, published: str | None = "2024-05-02") -> set[tuple[str, str, str | None]]:
    raw = RawDocument(text=text, source="frames.txt", published=published)
    record = extract_document(Document.from_raw(raw))
    names = {e.key: e.name for e in record.entities}
    return {(f.predicate, names[f.subject], names.get(f.object or "")) for f in record.facts}


def status_of(text: str, predicate: str) -> set[str]:
    raw = RawDocument(text=text, source="frames.txt", published="2024-05-02")
    record = extract_document(Document.from_raw(raw))
    return {f.status for f in record.facts if f.predicate == predicate}


N7 = (
    "École nationale supérieure d'électrotechnique, d'électronique, d'informatique, "
    "d'hydraulique et des télécommunications"
)
ENSMM = "École nationale supérieure de mécanique et des microtechniques"
ESSTIN = "École supérieure des sciences et technologies de l'ingénieur de Nancy"
ENSIC = "École nationale supérieure des industries chimiques"
UTBM = "Université de technologie de Belfort-Montbéliard"
ENSIM = "École nationale supérieure d'ingénieurs du Mans"
ESGT = "École supérieure d'ingénieurs géomètres et topographes"
ENSIACET = "École nationale supérieure des ingénieurs en arts chimiques et technologiques"

CASES = [
    # verbal, relative and participial forms
    (
        "Une convention a été signée par l'INSA Lyon et l'Université de Sherbrooke.",
        (
            "partner_of",
            "Institut national des sciences appliquées de Lyon",
            "Université de Sherbrooke",
        ),
    ),
    (
        "L'UTT, qui a rejoint le réseau Polytech en 2019, recrute.",
        ("member_of", "Université de technologie de Troyes", "Réseau Polytech"),
    ),
    (
        "Née de la fusion de Supélec et de l'École centrale Paris, CentraleSupélec a ouvert en 2015.",
        ("replaced_by", "École centrale Paris", "CentraleSupélec"),
    ),
    (
        "L'ENIB et l'ENSTA Bretagne vont fusionner pour donner naissance à l'Institut brestois d'ingénierie.",
        ("replaced_by", "ENSTA Bretagne", "Institut brestois d'ingénierie"),
    ),
    # nominalisations
    (
        "La fusion de l'UPMC et de l'université Paris-Sorbonne a donné naissance à Sorbonne Université.",
        ("replaced_by", "Université Pierre-et-Marie-Curie", "Sorbonne Université"),
    ),
    (
        "Deux ans plus tard, l'IMT Atlantique voyait le jour, fruit du mariage entre Mines Nantes et Télécom Bretagne.",
        ("replaced_by", "Télécom Bretagne", "IMT Atlantique"),
    ),
    # copular statements and appositions
    (
        "Grenoble INP est l'une des écoles internes de l'Université Grenoble-Alpes.",
        ("part_of", "Grenoble INP", "Université Grenoble Alpes"),
    ),
    (
        "Polytech Tours reste ainsi une école de l'université de Tours.",
        ("part_of", "Polytech Tours", "Université de Tours"),
    ),
    (
        "L'Université de Paris est engagée depuis 2020 dans l'alliance européenne Circle U.",
        ("member_of", "Université Paris Cité", "Circle U."),
    ),
    # lists: colon, 'dont', after a 'de' complement
    (
        "Le réseau Polytech regroupe 15 écoles : Polytech Lille, Polytech Nantes et Polytech Grenoble.",
        ("member_of", "Polytech Nantes", "Réseau Polytech"),
    ),
    (
        "L'Université de Lorraine compte plusieurs écoles internes, dont l'ENSEM et Mines Nancy.",
        ("part_of", "École nationale supérieure des mines de Nancy", "Université de Lorraine"),
    ),
    (
        "Il a été fondé par quatre écoles du réseau ParisTech : Mines ParisTech, Télécom ParisTech et Chimie ParisTech.",
        ("member_of", "Télécom Paris", "ParisTech"),
    ),
    (
        "L'Université de Pau et des Pays de l'Adour a intégré l'alliance UNITA aux côtés de l'Université de Turin.",
        ("member_of", "Université de Turin", "UNITA"),
    ),
    # relative clauses with 'dont' and 'qui'
    (
        "L'UTT coordonne l'alliance européenne EUT+, dont fait aussi partie la Technische Universität Sofia.",
        ("member_of", "Technische Universität Sofia", "EUt+"),
    ),
    (
        "Ils travaillent au sein de l'alliance Artem, qui associe aussi l'École nationale supérieure d'art et de design de Nancy.",
        ("member_of", "École nationale supérieure d'art et de design de Nancy", "Alliance Artem"),
    ),
    # mergers said as an ending
    (
        "L'université Louis-Pasteur, l'université Marc-Bloch et l'université Robert-Schuman cessaient d'exister pour laisser place à l'Université de Strasbourg.",
        ("replaced_by", "Université Louis-Pasteur", "Université de Strasbourg"),
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), CASES, ids=[c[1][0] + ":" + c[0][:40] for c in CASES]
)
def test_frames_read_the_construction(text, expected):
    assert expected in facts_of(text)


def test_frames_a_body_listed_among_members_is_not_their_whole():
    found = facts_of(
        "L'Université de Lille réunit quatre établissements-composantes : Centrale Lille, "
        "Sciences Po Lille et l'École supérieure de journalisme de Lille."
    )
    assert ("part_of", "Sciences Po Lille", "Université de Lille") in found
    assert not any(
        p == "part_of" and o == "École supérieure de journalisme de Lille" for p, _, o in found
    )


def test_frames_a_word_of_a_name_is_no_trigger():
    found = facts_of(
        "L'Université de Lorraine est issue de la fusion de l'université Henri-Poincaré et de "
        "l'Institut national polytechnique de Lorraine."
    )
    assert not any(p == "part_of" for p, _, _ in found)


@pytest.mark.parametrize(
    "text",
    [
        "Il n'est pas question de fusionner avec l'Université de Lorraine, dit Mines Nancy.",
        "L'ESSTIN a refusé de rejoindre le réseau Polytech.",
        "L'ESSTIN ne rejoindra pas le réseau Polytech.",
    ],
)
def test_frames_negated_or_refused_events_give_no_fact(text):
    found = facts_of(text)
    assert not any(p in ("member_of", "replaced_by") for p, _, _ in found)


@pytest.mark.parametrize(
    "text",
    [
        "L'ESSTIN rejoindra le réseau Polytech.",
        "L'ESSTIN pourrait rejoindre le réseau Polytech.",
        "L'ESSTIN envisage de rejoindre le réseau Polytech.",
    ],
)
def test_frames_future_conditional_and_intended_events_are_planned(text):
    assert status_of(text, "member_of") == {"planned"}


def test_frames_a_done_event_is_done():
    assert status_of("L'ESSTIN a rejoint le réseau Polytech en 2017.", "member_of") == {"done"}


def test_frames_a_succession_gives_both_roles_the_predecessors_as_ended():
    raw = RawDocument(
        text="Le 1er septembre 2023, Jean Dupont succède à Marie Martin à la tête de l'ENSMM.",
        source="frames.txt",
        published="2023-09-02",
    )
    record = extract_document(Document.from_raw(raw))
    names = {e.key: e.name for e in record.entities}
    roles = {names[f.subject]: f for f in record.facts if f.predicate == "holds_role"}
    assert set(roles) == {"Jean Dupont", "Marie Martin"}
    assert roles["Jean Dupont"].date == "2023-09-01" and roles["Jean Dupont"].end_date is None
    assert roles["Marie Martin"].end_date == "2023-09-01" and roles["Marie Martin"].date is None


def test_frames_a_coordination_the_parser_left_loose_is_read_as_one_list():
    found = facts_of(
        "L'Université de Pau a intégré l'alliance UNITA aux côtés des universités de Turin, "
        "de Saragosse et de Timișoara."
    )
    members = {s for p, s, o in found if p == "member_of" and o == "UNITA"}
    assert {"Université de Turin", "université de Saragosse", "université de Timișoara"} <= members
    assert not any(p == "member_of" and o != "UNITA" for p, _, o in found)


def test_frames_a_statement_about_a_whole_group_is_no_pairwise_partnership():
    found = facts_of(
        "L'Université de Lorraine, l'Université de Strasbourg, l'Université de Haute-Alsace, "
        "l'Université de Reims et l'UTT vont refonder leur coopération."
    )
    assert not any(p == "partner_of" for p, _, _ in found)


def test_frames_a_list_of_complements_stops_at_the_next_clause_s_subject():
    found = facts_of(
        "Contrairement à Mines Nancy, école interne de l'Université de Lorraine, IMT Mines "
        "Alès relève directement de l'Institut Mines-Télécom (IMT), un établissement public."
    )
    assert ("part_of", "IMT Mines Alès", "Institut Mines-Télécom") in found
    assert ("part_of", "IMT Mines Alès", "Université de Lorraine") not in found


def test_frames_a_body_integrated_alongside_a_merger_is_not_what_it_created():
    found = facts_of(
        "Née en 2018 de la fusion de l'UPMC et de l'université Paris-Sorbonne, et de "
        "l'intégration de l'UTC en tant qu'établissement-composante, l'université recrute."
    )
    assert not any(
        p == "replaced_by" and o == "Université de technologie de Compiègne" for p, _, o in found
    )


def test_frames_founding_members_listed_in_an_article_about_their_network():
    text = (
        "La Comue UBL a voté sa dissolution. Les trois universités fondatrices – l'UBO, "
        "l'UBS et l'université d'Angers – vont refonder leur coopération. L'UBL le confirme."
    )
    members = {
        s for p, s, o in facts_of(text) if p == "member_of" and o == "Université Bretagne Loire"
    }
    assert members == {
        "Université de Bretagne occidentale",
        "Université Bretagne Sud",
        "Université d'Angers",
    }
    assert status_of(text, "member_of") == {"done"}
    # an article about no network names no whole for them
    assert not facts_of(
        "Les trois universités fondatrices – l'UBO, l'UBS et l'université d'Angers – recrutent."
    )


def test_frames_a_clause_without_its_verb_is_no_more_name_of_the_list():
    found = facts_of(
        "Polytech Tours reste une école de l'université de Tours, et Polytech Marseille une "
        "composante d'Aix-Marseille Université."
    )
    assert ("part_of", "Polytech Tours", "Université de Tours") in found
    assert ("part_of", "Polytech Marseille", "Aix-Marseille Université") in found
    assert ("part_of", "Polytech Tours", "Polytech Marseille") not in found


def test_frames_a_head_count_gathers_no_members():
    found = facts_of(
        "L'Université de technologie de Troyes accueille 3 000 étudiants, et l'ESC Troyes "
        "près de 3 500."
    )
    assert not {f for f in found if f[0] in ("member_of", "part_of")}


def test_frames_what_the_article_says_of_a_pair_outranks_a_guess_from_the_kind():
    found = facts_of(
        "Toulouse INP fédère désormais quatre écoles : l'ENSEEIHT, l'ENSIACET, l'ENM et "
        "l'ENVT. L'ENM est devenue école associée de Toulouse INP le 1er mars 2024."
    )
    assert ("member_of", "École nationale de la météorologie", "Toulouse INP") in found
    assert ("part_of", "École nationale de la météorologie", "Toulouse INP") not in found
    assert ("part_of", "École nationale vétérinaire de Toulouse", "Toulouse INP") in found


def test_frames_the_parties_of_a_merger_are_no_partners():
    found = facts_of(
        "Créé en 2008 par le rapprochement de l'ENSAR et de l'INHP, Agrocampus Ouest forme "
        "des ingénieurs."
    )
    assert ("replaced_by", "ENSAR", "Institut Agro Rennes-Angers") in found
    assert not any(p == "partner_of" for p, _, _ in found)
    # a rapprochement that creates nothing may be ties between the two
    assert any(
        p == "partner_of"
        for p, _, _ in facts_of(
            "Le rapprochement de l'ENSAR et de l'INHP se poursuit avec un accord."
        )
    )


def test_frames_a_present_tense_the_tagger_calls_future_stays_done():
    text = "Le Groupe INSA réunit sept instituts : l'INSA Lyon, l'INSA Rennes et l'INSA Toulouse."
    assert status_of(text, "member_of") == {"done"}


MORE_CASES = [
    # co-members named beside the member: 'aux côtés de', 'au même titre que', 'avec'
    (
        "L'Université de Strasbourg est engagée depuis 2019 dans l'alliance européenne EPICUR, "
        "aux côtés de l'Université de Fribourg et de l'Université d'Amsterdam.",
        {
            ("member_of", "Université de Strasbourg", "EPICUR"),
            ("member_of", "Université de Fribourg", "EPICUR"),
            ("member_of", "Université d'Amsterdam", "EPICUR"),
        },
    ),
    (
        "L'ENSC est l'une des écoles internes de Bordeaux INP, au même titre que l'ENSCBP.",
        {
            ("part_of", "École nationale supérieure de cognitique", "Bordeaux INP"),
            (
                "part_of",
                "École nationale supérieure de chimie, de biologie et de physique",
                "Bordeaux INP",
            ),
        },
    ),
    (
        "L'Université de Reims est membre de l'alliance européenne EU-Conexus, avec l'Université de Zadar.",
        {
            ("member_of", "Université de Reims", "EU-CONEXUS"),
            ("member_of", "Université de Zadar", "EU-CONEXUS"),
        },
    ),
    # a hyphenated component noun the parser cuts in two, with co-members after a comma
    (
        "Depuis 2022, l'ENSIBS est l'un des établissements-composantes de l'Université Bretagne Sud, "
        "aux côtés de l'IUT de Vannes.",
        {
            (
                "part_of",
                "École nationale supérieure d'ingénieurs de Bretagne-Sud",
                "Université Bretagne Sud",
            ),
            ("part_of", "IUT de Vannes", "Université Bretagne Sud"),
        },
    ),
    # founders of a body described by its noun ('l'alliance X')
    (
        "L'Université de Limoges et l'Université de Poitiers ont fondé en 2021 l'alliance Confluences.",
        {
            ("member_of", "Université de Limoges", "Confluences"),
            ("member_of", "Université de Poitiers", "Confluences"),
        },
    ),
    # dependency and opening to new members
    (
        "IMT Mines Albi relève directement de l'Institut Mines-Télécom.",
        {("part_of", "IMT Mines Albi", "Institut Mines-Télécom")},
    ),
    (
        "L'alliance UNITA s'ouvre à l'Université de Cadix et à l'Université de Gdansk.",
        {
            ("member_of", "Université de Cadix", "UNITA"),
            ("member_of", "Université de Gdansk", "UNITA"),
        },
    ),
    # 'faire partie de' with the name misread as an object; a component of an INP is a part
    (
        "L'ENSIC fait partie de Lorraine INP.",
        {("part_of", "École nationale supérieure des industries chimiques", "Lorraine INP")},
    ),
    # a fronted apposition: the name after the comma is its subject, not a complement
    (
        "École interne de l'Université de Lorraine, Mines Nancy forme près de 800 élèves.",
        {("part_of", "École nationale supérieure des mines de Nancy", "Université de Lorraine")},
    ),
    # members named as the subject of 'parmi ses membres figurent', 'ses' taken up
    (
        "Le réseau Polytech fédère quinze écoles. Parmi ses membres figurent l'ENSIM et "
        "Polytech Nancy.",
        {
            ("member_of", "École nationale supérieure d'ingénieurs du Mans", "Réseau Polytech"),
            ("member_of", "Polytech Nancy", "Réseau Polytech"),
        },
    ),
    # a second copular predicate coordinated as 'et l'une des composantes de Z'
    (
        "L'ENSIC est une école interne de l'Université de Lorraine et l'une des composantes "
        "de Lorraine INP.",
        {
            (
                "part_of",
                "École nationale supérieure des industries chimiques",
                "Université de Lorraine",
            ),
            ("part_of", "École nationale supérieure des industries chimiques", "Lorraine INP"),
        },
    ),
    # a verbless line of a school's page is about the school the page is about
    (
        "L'ENSIC forme des ingénieurs chimistes. L'ENSIC accueille 600 élèves.\n"
        "Membre du réseau n+i depuis 2005.",
        {("member_of", "École nationale supérieure des industries chimiques", "Réseau n+i")},
    ),
    # a merger partner named in apposition to a common noun, after a fronted place
    (
        "En Auvergne, l'IFMA a fusionné le 1er janvier 2016 avec sa voisine, l'École "
        "nationale supérieure de chimie de Clermont-Ferrand, pour former Sigma Clermont.",
        {
            ("replaced_by", "Institut français de mécanique avancée", "SIGMA Clermont"),
            (
                "replaced_by",
                "École nationale supérieure de chimie de Clermont-Ferrand",
                "SIGMA Clermont",
            ),
        },
    ),
    # admission (passive, under 'venir de'), components 'interne à' / 'rattachée à'
    (
        "L'ENSIIE et l'ENSISA viennent d'être admises à la CGE.",
        {
            (
                "member_of",
                "École nationale supérieure d'informatique pour l'industrie et l'entreprise",
                "Conférence des grandes écoles",
            ),
            (
                "member_of",
                "École nationale supérieure d'ingénieurs Sud Alsace",
                "Conférence des grandes écoles",
            ),
        },
    ),
    (
        "Télécom Saint-Étienne, école d'ingénieurs interne à l'Université Jean Monnet, recrute.",
        {("part_of", "Télécom Saint-Étienne", "Université Jean Monnet Saint-Étienne")},
    ),
    # members named as the predicate of 'ses membres sont …'
    (
        "Les membres étrangers de la CGE sont : Polytechnique Montréal et l'Université "
        "catholique de Louvain.",
        {
            ("member_of", "Polytechnique Montréal", "Conférence des grandes écoles"),
            ("member_of", "Université catholique de Louvain", "Conférence des grandes écoles"),
        },
    ),
    # 'école associée de Y' fronted: the school is the member, never the whole
    (
        "Déjà école associée de l'Institut Mines-Télécom depuis 2011, l'ESIGELEC franchit "
        "une nouvelle étape.",
        {("member_of", "ESIGELEC", "Institut Mines-Télécom")},
    ),
    # 'constituer': the founders constitute the body; 'est constitué de': its members
    (
        "L'UTC, l'UTT et l'UTBM constituent le réseau des universités de technologie.",
        {
            ("member_of", u, "Réseau des universités de technologie")
            for u in (
                "Université de technologie de Compiègne",
                "Université de technologie de Troyes",
                "Université de technologie de Belfort-Montbéliard",
            )
        },
    ),
    (
        "Le réseau des universités de technologie est constitué de l'UTC et de l'UTT.",
        {
            (
                "member_of",
                "Université de technologie de Compiègne",
                "Réseau des universités de technologie",
            ),
            (
                "member_of",
                "Université de technologie de Troyes",
                "Réseau des universités de technologie",
            ),
        },
    ),
    # associated schools are members, whatever the whole
    (
        "L'IMT compte aussi des écoles associées, comme l'ESIGELEC.",
        {("member_of", "ESIGELEC", "Institut Mines-Télécom")},
    ),
    # relative clauses the parser hung on the wrong word
    (
        "La Conférence des grandes écoles, dont l'ENSIC est membre depuis 1990, publie son classement.",
        {
            (
                "member_of",
                "École nationale supérieure des industries chimiques",
                "Conférence des grandes écoles",
            )
        },
    ),
    (
        "L'ISAE-SUPAERO est membre fondateur du Groupe ISAE, qui rassemble aussi l'ENSMA.",
        {
            ("member_of", "Institut supérieur de l'aéronautique et de l'espace", "Groupe ISAE"),
            (
                "member_of",
                "École nationale supérieure de mécanique et d'aérotechnique",
                "Groupe ISAE",
            ),
        },
    ),
    # taking over from a body, and a new name in apposition
    (
        "Clermont Auvergne INP, qui a pris la suite de SIGMA Clermont en 2021, recrute.",
        {("replaced_by", "SIGMA Clermont", "Clermont Auvergne INP")},
    ),
    (
        "Télécom Paris, le nouveau nom depuis 2019 de Télécom ParisTech, recrute.",
        {("replaced_by", "Télécom ParisTech", "Télécom Paris")},
    ),
    # the merged bodies of one statement are never what it creates, parentheses or not
    (
        "L'Université de Lorraine est issue de la fusion de l'université Henri-Poincaré "
        "(Nancy 1), de l'université Nancy 2 et de l'université Paul-Verlaine de Metz.",
        {
            ("replaced_by", old, "Université de Lorraine")
            for old in (
                "Université Henri-Poincaré",
                "Université Nancy 2",
                "Université Paul-Verlaine – Metz",
            )
        },
    ),
    # the copula misparsed: the name right before 'est' is the subject
    (
        "CentraleSupélec est membre fondateur de l'Université Paris-Saclay.",
        {("member_of", "CentraleSupélec", "Université Paris-Saclay")},
    ),  # co-members set off by ', avec' after the whole
    (
        "L'ENSIC est membre de la Fédération Gay-Lussac, avec l'ENSCM et l'ENSCR.",
        {
            ("member_of", school, "Fédération Gay-Lussac")
            for school in (
                "École nationale supérieure des industries chimiques",
                "École nationale supérieure de chimie de Montpellier",
                "École nationale supérieure de chimie de Rennes",
            )
        },
    ),
    # 'devenir' misread as a passive: its subject still holds the attribute
    (
        "L'ENSEA est devenue école associée de l'Institut Mines-Télécom en 2020.",
        {
            (
                "member_of",
                "École nationale supérieure de l'électronique et de ses applications",
                "Institut Mines-Télécom",
            )
        },
    ),
    # 'à son tour' names no argument, even when the parser hangs the object on it
    (
        "L'ESTACA a rejoint à son tour la Conférence des grandes écoles en 2015.",
        {
            (
                "member_of",
                "École supérieure des techniques aéronautiques et de construction automobile",
                "Conférence des grandes écoles",
            )
        },
    ),
    # 'intégrer': the subject joins one whole; a subject that integrates several is their whole
    (
        "L'université de Lorraine a intégré l'ENSIC et l'ENSAIA en 2012.",
        {
            ("part_of", school, "Université de Lorraine")
            for school in (
                "École nationale supérieure des industries chimiques",
                "École nationale supérieure d'agronomie et des industries alimentaires",
            )
        },
    ),
    (
        "L'UTT a intégré le réseau Polytech en 2019.",
        {("member_of", "Université de technologie de Troyes", "Réseau Polytech")},
    ),
    # 'pour sa part' names no argument (a federation has members); a list does not run into the next clause's subject
    (
        "L'ENSCM relève pour sa part de la Fédération Gay-Lussac.",
        {
            (
                "member_of",
                "École nationale supérieure de chimie de Montpellier",
                "Fédération Gay-Lussac",
            )
        },
    ),
    (
        "L'ENSIC est une école de l'Université de Lorraine, et l'ENSAIA en est une autre.",
        {
            (
                "part_of",
                "École nationale supérieure des industries chimiques",
                "Université de Lorraine",
            )
        },
    ),
    # 'reste membre du groupe Y' with 'du groupe Y' hung on the verb
    (
        "Centrale Nantes reste membre du Groupe des Écoles Centrales.",
        {("member_of", "École centrale de Nantes", "Groupe des Écoles Centrales")},
    ),
    # what is created 'à partir de' former bodies replaces them; names after the participle
    # that the parser coordinated with the new body are former bodies too
    (
        "L'INSA Centre Val de Loire a été créé en 2014 à partir de l'ENIVL et de l'ENSI de Bourges.",
        {
            (
                "replaced_by",
                "École nationale d'ingénieurs du Val de Loire",
                "INSA Centre Val de Loire",
            ),
            ("replaced_by", "ENSI de Bourges", "INSA Centre Val de Loire"),
        },
    ),
    (
        "L'Université de Lille, créée au 1er janvier 2018 à partir de Lille-I, Lille-II et "
        "Lille-III, a bouclé sa réorganisation.",
        {
            ("replaced_by", old, "Université de Lille")
            for old in (
                "Université Lille 1",
                "Université Lille 2 Droit et Santé",
                "Université Charles-de-Gaulle Lille 3",
            )
        },
    ),
    # the merged bodies after an aside between commas; the body a merger creates 'par'
    (
        "L'université Gustave-Eiffel est issue de la fusion, en 2020, de l'UPEM et de l'Ifsttar.",
        {
            ("replaced_by", "Université Paris-Est Marne-la-Vallée", "Université Gustave Eiffel"),
            (
                "replaced_by",
                "Institut français des sciences et technologies des transports, de "
                "l'aménagement et des réseaux",
                "Université Gustave Eiffel",
            ),
        },
    ),
    (
        "L'université Gustave-Eiffel a été créée par la fusion de l'UPEM et de l'Ifsttar.",
        {
            ("replaced_by", "Université Paris-Est Marne-la-Vallée", "Université Gustave Eiffel"),
            (
                "replaced_by",
                "Institut français des sciences et technologies des transports, de "
                "l'aménagement et des réseaux",
                "Université Gustave Eiffel",
            ),
        },
    ),
    # a list closed by 'et' ends there: ', Z forme…' opens the main clause
    (
        "Créé en 2020 par la fusion d'Agrocampus Ouest et de Montpellier SupAgro, l'Institut "
        "Agro forme des ingénieurs.",
        {
            ("replaced_by", "Agrocampus Ouest", "Institut Agro"),
            ("replaced_by", "Montpellier SupAgro", "Institut Agro"),
        },
    ),
    (
        "L'Institut Télécom est devenu, en 2012, l'Institut Mines-Télécom.",
        {("replaced_by", "Institut Télécom", "Institut Mines-Télécom")},
    ),
    # members gathered, working or joining within a body; the acronym glossing the body
    (
        "L'UTC, l'UTT et l'UTBM, réunies au sein du groupe UT, recrutent ensemble.",
        {
            ("member_of", u, "Réseau des universités de technologie")
            for u in (
                "Université de technologie de Compiègne",
                "Université de technologie de Troyes",
                "Université de technologie de Belfort-Montbéliard",
            )
        },
    ),
    (
        "Mines Nancy, Télécom Nancy et ICN Business School ont ouvert un incubateur. Les "
        "trois établissements travaillent ensemble au sein de l'alliance Artem.",
        {
            ("member_of", s, "Alliance Artem")
            for s in (
                "École nationale supérieure des mines de Nancy",
                "Télécom Nancy",
                "ICN Business School",
            )
        },
    ),
    (
        "L'université de Strasbourg rejoint l'université de Bâle et le KIT au sein de "
        "l'alliance Eucor.",
        {
            ("member_of", u, "Eucor")
            for u in (
                "Université de Strasbourg",
                "université de Bâle",
                "Institut de technologie de Karlsruhe",
            )
        },
    ),
    (
        "L'UTT a rejoint l'alliance EUT+ avec la Hochschule Darmstadt.",
        {
            ("member_of", "Université de technologie de Troyes", "EUt+"),
            ("member_of", "Hochschule Darmstadt", "EUt+"),
        },
    ),
    (
        "L'ENISE, membre du Groupe des écoles nationales d'ingénieurs (Groupe ENI), recrute.",
        {
            (
                "member_of",
                "École nationale d'ingénieurs de Saint-Étienne",
                "Groupe des écoles nationales d'ingénieurs",
            )
        },
    ),
    # 'Y réunit A et B, qui deviennent des établissements-composantes': components of Y
    (
        "Nantes Université réunit Centrale Nantes et l'École nationale supérieure "
        "d'architecture de Nantes, qui deviennent des établissements-composantes.",
        {
            ("part_of", "École centrale de Nantes", "Nantes Université"),
            ("part_of", "École nationale supérieure d'architecture de Nantes", "Nantes Université"),
        },
    ),
    # the body whose organ admits new members; a list opened by 'à savoir'
    (
        "Le conseil d'administration de la CGE a validé l'adhésion de l'ENSC et de "
        "l'Université Paris Dauphine.",
        {
            (
                "member_of",
                "École nationale supérieure de cognitique",
                "Conférence des grandes écoles",
            ),
            ("member_of", "Université Paris Dauphine-PSL", "Conférence des grandes écoles"),
        },
    ),
    (
        "La CGE a validé l'adhésion de deux nouveaux membres, à savoir l'Ensibs et l'ENSP.",
        {
            (
                "member_of",
                "École nationale supérieure d'ingénieurs de Bretagne-Sud",
                "Conférence des grandes écoles",
            ),
            ("member_of", "ENSP", "Conférence des grandes écoles"),
        },
    ),
    # 'ainsi que' coordinates; a 'de' after an 'à' complement continues neither
    (
        "L'ENSIIE, ainsi que l'Ensisa, ont rejoint la CGE.",
        {
            (
                "member_of",
                "École nationale supérieure d'informatique pour l'industrie et l'entreprise",
                "Conférence des grandes écoles",
            ),
            (
                "member_of",
                "École nationale supérieure d'ingénieurs Sud Alsace",
                "Conférence des grandes écoles",
            ),
        },
    ),
    (
        "La CGE a annoncé l'intégration de l'ENSIIE à la CGE, ainsi que de l'Ensisa.",
        {
            (
                "member_of",
                "École nationale supérieure d'informatique pour l'industrie et l'entreprise",
                "Conférence des grandes écoles",
            ),
        },
    ),
    # 'dont fait partie X' with 'partie' misread; 'son adhésion' is the subject's
    (
        "Le réseau Polytech, dont fait partie Polytech Nancy, rassemble quinze écoles.",
        {("member_of", "Polytech Nancy", "Réseau Polytech")},
    ),
    (
        "L'UPPA a officialisé son adhésion à l'alliance UNITA.",
        {("member_of", "Université de Pau et des Pays de l'Adour", "UNITA")},
    ),
    # 'Elle y rejoint Z': Z is a fellow member, not the body joined
    (
        "L'UPPA a intégré l'alliance UNITA. Elle y rejoint l'Université Savoie Mont Blanc.",
        {("member_of", "Université de Pau et des Pays de l'Adour", "UNITA")},
    ),
    # the passive of 'intégrer': its subject joins the body
    (
        "L'ENSIC a été intégrée à l'Université de Lorraine en 2012.",
        {
            (
                "part_of",
                "École nationale supérieure des industries chimiques",
                "Université de Lorraine",
            )
        },
    ),
    (
        "L'ENSIC a été intégrée au réseau Polytech en 2012.",
        {("member_of", "École nationale supérieure des industries chimiques", "Réseau Polytech")},
    ),
    # what a merger leads to the creation of
    (
        "La fusion entre Télécom Bretagne et Mines Nantes a abouti à la création d'IMT Atlantique.",
        {
            ("replaced_by", "Télécom Bretagne", "IMT Atlantique"),
            ("replaced_by", "École des mines de Nantes", "IMT Atlantique"),
        },
    ),
    # a former name given by 's'appelait', a body that gave way to another
    (
        "Télécom Nancy s'appelait l'ESIAL jusqu'en 2012.",
        {
            (
                "replaced_by",
                "École supérieure d'informatique et applications de Lorraine",
                "Télécom Nancy",
            )
        },
    ),
    (
        "Depuis samedi, l'université de Nantes a laissé la place à Nantes Université.",
        {("replaced_by", "Université de Nantes", "Nantes Université")},
    ),
    # disappearing in favour of a body; a new name given is no membership
    (
        "Mines Nantes a disparu au profit d'IMT Atlantique.",
        {("replaced_by", "École des mines de Nantes", "IMT Atlantique")},
    ),
    (
        "L'ENSIC a été baptisée Lorraine Chimie en 2025.",
        {("replaced_by", "École nationale supérieure des industries chimiques", "Lorraine Chimie")},
    ),
    # founders who formalise a network are its members
    (
        "L'UTC, l'UTT et l'UTBM ont formalisé en 2005 le réseau des universités de technologie.",
        {
            ("member_of", u, "Réseau des universités de technologie")
            for u in (
                "Université de technologie de Compiègne",
                "Université de technologie de Troyes",
                "Université de technologie de Belfort-Montbéliard",
            )
        },
    ),
    # a fronted place the parser takes for the subject's head: the whole list before the verb
    (
        "Dans le Finistère, l'UBO, l'UBS et l'Enib ont formalisé au printemps l'Alliance des "
        "campus bretons.",
        {
            ("member_of", u, "Alliance des campus bretons")
            for u in (
                "Université Bretagne Sud",
                "Université de Bretagne occidentale",
                "École nationale d'ingénieurs de Brest",
            )
        },
    ),
    # fellow members 'aux côtés de' hung inside the body's name
    (
        "Membre du réseau des universités de technologie aux côtés de l'UTC, l'UTBM accueille "
        "3 100 étudiants.",
        {
            ("member_of", u, "Réseau des universités de technologie")
            for u in (
                "Université de technologie de Compiègne",
                "Université de technologie de Belfort-Montbéliard",
            )
        },
    ),
    # 'faire de X une école associée de Y': X is what the making verb's object says
    (
        "Le texte signé lundi fait de l'ESIGELEC une école associée de l'Institut Mines-Télécom.",
        {("member_of", "ESIGELEC", "Institut Mines-Télécom")},
    ),
    (
        "Le décret fait de l'ENSCCF une composante de l'Université Clermont Auvergne.",
        {
            (
                "part_of",
                "École nationale supérieure de chimie de Clermont-Ferrand",
                "Université Clermont Auvergne",
            )
        },
    ),
    # 'partenaire de Y' as a copular or fronted noun; an 'école partenaire' is associated
    (
        "Partenaire historique de l'ENSIC, l'UTT ouvre un master en chimie.",
        {
            (
                "partner_of",
                "Université de technologie de Troyes",
                "École nationale supérieure des industries chimiques",
            )
        },
    ),
    (
        "L'ENSIC, école partenaire de l'Institut Mines-Télécom, recrute.",
        {
            (
                "member_of",
                "École nationale supérieure des industries chimiques",
                "Institut Mines-Télécom",
            )
        },
    ),
    # members the parser coordinated with the body a gathering clause modifies
    (
        "L'alliance Civis regroupe Aix-Marseille Université, l'Université libre de Bruxelles et "
        "l'université de Tübingen.",
        {
            ("member_of", u, "CIVIS")
            for u in (
                "Aix-Marseille Université",
                "Université libre de Bruxelles",
                "université de Tübingen",
            )
        },
    ),
    # a joining noun in a clause about a body that has members; the list after 'Ses membres,'
    (
        "Après l'entrée de l'ESTP, la CGE compte 230 membres.",
        {
            (
                "member_of",
                "École spéciale des travaux publics, du bâtiment et de l'industrie",
                "Conférence des grandes écoles",
            )
        },
    ),
    ("Depuis l'arrivée de l'ENSIC, l'UTT a ouvert trois masters.", set()),
    (
        "Le Groupe INSA ouvre un bureau. Ses membres, l'INSA Lyon et l'INSA Rennes, recrutent.",
        {
            ("member_of", f"Institut national des sciences appliquées de {city}", "Groupe INSA")
            for city in ("Lyon", "Rennes")
        },
    ),
    # a participial aside inside the list of subjects
    (
        "Télécom Paris, installée à Palaiseau depuis 2019, et Télécom SudParis sont deux écoles "
        "de l'Institut Mines-Télécom.",
        {
            ("part_of", school, "Institut Mines-Télécom")
            for school in ("Télécom Paris", "Télécom SudParis")
        },
    ),
    # an acronym glossing the body is no second member
    (
        "L'ECAM Lyon, école d'ingénieurs généralistes, est membre de la Fédération des écoles "
        "supérieures d'ingénieurs et de cadres (Fesic).",
        {
            (
                "member_of",
                "ECAM Lyon",
                "Fédération des établissements d'enseignement supérieur d'intérêt collectif",
            )
        },
    ),
    # a fronted 'rattachée à Y' the tagger reads as a noun
    (
        "Rattachée à l'Université de Bordeaux, l'ENSC forme des ingénieurs en cognitique.",
        {("part_of", "École nationale supérieure de cognitique", "Université de Bordeaux")},
    ),
    # a former name given by 'anciennement appelée', fronted or set off by commas
    (
        "Anciennement appelée Télécom ParisTech, Télécom Paris s'est installée à Palaiseau.",
        {("replaced_by", "Télécom ParisTech", "Télécom Paris")},
    ),
    (
        "Télécom Paris, anciennement appelée Télécom ParisTech, s'est installée à Palaiseau.",
        {("replaced_by", "Télécom ParisTech", "Télécom Paris")},
    ),
    # a gathering verb cut from its subject by a name the tagger misreads: the name before it
    (
        "Le réseau n+i regroupe une cinquantaine d'écoles d'ingénieurs, dont l'ENSGSI et l'ENSEM.",
        {
            ("member_of", school, "Réseau n+i")
            for school in (
                "École nationale supérieure en génie des systèmes et de l'innovation",
                "École nationale supérieure d'électricité et de mécanique",
            )
        },
    ),
]


MORE_CASES += [
    # membership of one body and component of another, coordinated: each its own predicate
    (
        "L'ENSEEIHT est membre de la Fesic et école associée de Toulouse INP.",
        {
            (
                "member_of",
                N7,
                "Fédération des établissements d'enseignement supérieur d'intérêt collectif",
            ),
            ("member_of", N7, "Toulouse INP"),
        },
    ),
    # the capacity a body joins in: 'en tant que', 'comme'
    (
        "L'ENSIACET a rejoint Toulouse INP comme école interne.",
        {("part_of", ENSIACET, "Toulouse INP")},
    ),
    (
        "En 2019, l'ENSIACET a rejoint Toulouse INP en tant qu'école associée.",
        {("member_of", ENSIACET, "Toulouse INP")},
    ),
    # 'en' takes up the body of the sentence before, named after its noun ('l'alliance
    # EUt+') or tagged as a preposition before the verb
    (
        "L'alliance EUt+ s'élargit. L'UTT en devient membre.",
        {("member_of", "Université de technologie de Troyes", "EUt+")},
    ),
    (
        "La CGE regroupe 220 écoles. L'ENSMM en fait partie.",
        {("member_of", ENSMM, "Conférence des grandes écoles")},
    ),
    # a gathering the parser breaks, read on the surface: components by the noun
    (
        "Le Mans Université compte trois écoles internes : l'ENSIM et l'ESGT.",
        {("part_of", school, "Le Mans Université") for school in (ENSIM, ESGT)},
    ),
    (
        "Le Mans Université compte trois écoles internes, dont l'ENSIM et l'ESGT.",
        {("part_of", school, "Le Mans Université") for school in (ENSIM, ESGT)},
    ),
    # members of the body they associate within, named after a comma ('un GIE, NATech')
    (
        "En 2010, l'ENSMM s'était associée à l'UTBM au sein d'un GIE, Alliance Franche-Comté, "
        "aujourd'hui en sommeil.",
        {
            ("member_of", ENSMM, "Alliance Franche-Comté"),
            ("member_of", UTBM, "Alliance Franche-Comté"),
            ("partner_of", ENSMM, UTBM),
        },
    ),
    # a renaming in the passive, fronted or set off: the participle's object is the new name
    # (and 'rebaptisée' founds nothing)
    *(
        (text, {("replaced_by", ESSTIN, "Polytech Nancy")})
        for text in (
            "En 2013, l'ESSTIN est rebaptisée Polytech Nancy.",
            "Rebaptisée Polytech Nancy en 2013, l'ESSTIN a conservé ses locaux.",
            "L'ESSTIN, renommée Polytech Nancy en 2013, forme des ingénieurs.",
        )
    ),
    # a joint research unit is a component of each of its coordinated owners
    (
        "Le laboratoire LAAS est une unité mixte du CNRS, de l'Université de Bordeaux et de "
        "Bordeaux INP.",
        {
            ("part_of", "LAAS", owner)
            for owner in (
                "Centre national de la recherche scientifique",
                "Université de Bordeaux",
                "Bordeaux INP",
            )
        },
    ),
    # 'de A et de B' continues the complement even where the parser makes B a subject
    (
        "Créé en 2008 par le rapprochement de l'ENSAIA et de l'ENSMM, Lorraine INP recrute.",
        {
            ("replaced_by", school, "Lorraine INP")
            for school in (
                "École nationale supérieure d'agronomie et des industries alimentaires",
                ENSMM,
            )
        },
    ),
    # the passive of an absorbing verb: its agent is what continues
    (
        "En 2004, l'ENSMM a été absorbée par l'UTBM.",
        {("replaced_by", ENSMM, UTBM)},
    ),
    # founders named after the copula of a subject the parser broke
    (
        "Les trois écoles fondatrices du réseau IngéNord sont l'ENSMM, l'UTBM et l'ENSIC.",
        {("member_of", school, "IngéNord") for school in (ENSMM, UTBM, ENSIC)},
    ),
    # 'à l'origine de' a network: its founders, the subject of the clause it is an aside of
    (
        "L'ENSMM et l'UTBM, à l'origine du réseau IngéNord, mutualisent leurs concours.",
        {
            ("member_of", ENSMM, "IngéNord"),
            ("member_of", UTBM, "IngéNord"),
            ("partner_of", ENSMM, UTBM),
        },
    ),
    (
        "L'UTBM est à l'origine de l'alliance EUt+.",
        {("member_of", UTBM, "EUt+")},
    ),
    # a name ending in '!' ends no sentence, and a known body apposed to it is another one
    (
        "Membre fondateur de l'alliance Unite!, l'Université de Lorraine coordonne le projet.",
        {("member_of", "Université de Lorraine", "Unite!")},
    ),
    # an apposition after a copular predicate's complement describes the subject
    (
        "Télécom Physique Strasbourg est une école de l'Université de Strasbourg, membre "
        "associé de l'IMT.",
        {
            ("part_of", "Télécom Physique Strasbourg", "Université de Strasbourg"),
            ("member_of", "Télécom Physique Strasbourg", "Institut Mines-Télécom"),
        },
    ),
    # 'fait partie, avec Y, de Z': Y is a co-member, Z (hung on Y by the parser) the body
    (
        "L'Université de Strasbourg fait partie, avec l'Université de Bâle, du campus Eucor.",
        {
            ("member_of", "Université de Strasbourg", "Eucor"),
            ("member_of", "Université de Bâle", "Eucor"),
        },
    ),
    # 'au sein de' a body: the clause's subject, or the names it hangs on, are members
    *(
        (text, {("member_of", UTBM, "EUt+"), ("member_of", ENSMM, "EUt+")})
        for text in ("Parmi les lauréats : l'UTBM et l'ENSMM au sein de l'alliance EUt+.",)
    ),
    (
        "Au sein du réseau Polytech, l'ENSMM pilote le concours commun.",
        {("member_of", ENSMM, "Réseau Polytech")},
    ),
    # a joining noun in a fronted phrase: the network the clause it opens is about
    (
        "Avec l'arrivée de l'UTT, l'alliance EUt+ compte désormais neuf membres.",
        {("member_of", "Université de technologie de Troyes", "EUt+")},
    ),
    # a present naming verb with 'désormais' gives the new name
    (
        "L'ancienne Université de Paris s'appelle désormais Université Paris Cité.",
        {("replaced_by", "Université de Paris", "Université Paris Cité")},
    ),
    # 'le réseau de la Fesic' is the Fesic
    (
        "L'ICAM appartient au réseau de la Fesic depuis sa création.",
        {
            (
                "member_of",
                "Institut catholique d'arts et métiers",
                "Fédération des établissements d'enseignement supérieur d'intérêt collectif",
            )
        },
    ),
]


@pytest.mark.parametrize(("text", "expected"), MORE_CASES)
def test_frames_read_co_members_dependencies_and_misparses(text, expected):
    kinds = {p for p, _, _ in expected} | {"member_of", "part_of", "replaced_by"}
    assert {f for f in facts_of(text) if f[0] in kinds} == expected


@pytest.mark.parametrize(
    "text",
    [
        "L'accord a été signé au titre de la convention entre l'INSA Lyon et l'Université de Lyon.",
        "L'alliance UNITA ouvre un bureau à Bruxelles avec l'Université de Turin.",
        "L'ENSIC et l'ENSAM ont signé un accord. L'ENSIC et l'ENSAM recrutent.\n"
        "Membre du réseau n+i depuis 2005.",
    ],
)
def test_frames_no_membership_from_look_alike_phrases(text):
    """Look-alikes of the constructions above; and a verbless line on a page about no single
    organization has no subject."""
    assert not {f for f in facts_of(text) if f[0] in ("member_of", "part_of")}


def test_frames_parallel_within_phrases_give_each_its_own_body():
    """'A au sein de Y ou B au sein de Z': B continues no list of Y's, so it is no body of A."""
    found = facts_of(
        "L'école restera une composante de l'université, comme le sont Polytech Lyon au sein "
        "de l'Université Lyon 1 ou Polytech Nancy au sein de l'Université de Lorraine."
    )
    assert not {f for f in found if f[1] == "Polytech Lyon" and f[2] == "Polytech Nancy"}


SIGMA = {
    ("replaced_by", "École nationale supérieure de chimie de Clermont-Ferrand", "SIGMA Clermont"),
    ("replaced_by", "Institut français de mécanique avancée", "SIGMA Clermont"),
}


@pytest.mark.parametrize(
    "text",
    [
        "L'ENSCCF et l'IFMA fusionnent. La nouvelle entité, baptisée Sigma Clermont, ouvrira.",
        "L'ENSCCF et l'IFMA vont fusionner. La nouvelle école s'appellera Sigma Clermont.",
        "L'ENSCCF et l'IFMA fusionneront. Le nom de la nouvelle école sera Sigma Clermont.",
        "La fusion de l'ENSCCF et de l'IFMA est votée. La nouvelle entité, baptisée Sigma "
        "Clermont, ouvrira à la rentrée.",
    ],
)
def test_frames_a_merger_s_result_named_in_a_later_sentence(text):
    assert {f for f in facts_of(text) if f[0] == "replaced_by"} == SIGMA


def test_frames_a_merger_s_result_is_not_guessed_among_several_names():
    text = "L'ENSCCF et l'IFMA fusionnent. Le nom de la nouvelle école sera Sigma Clermont ou UCA."
    assert not {f for f in facts_of(text) if f[0] == "replaced_by"}


def test_frames_a_school_issued_from_a_merger_is_the_merger_s_result_not_a_component():
    found = facts_of(
        "Vantor Business School, école issue de la fusion de l'ESC Amiens et de l'ESC Pau, "
        "ouvre ses portes."
    )
    results = {(s, o) for p, s, o in found if p == "replaced_by"}
    assert results == {
        ("ESC Amiens", "Vantor Business School"),
        ("ESC Pau Business School", "Vantor Business School"),
    }
    assert not any(p == "part_of" for p, _, _ in found)


def test_frames_a_birth_participle_after_a_name_describes_that_name_not_the_subject():
    found = facts_of(
        "Le Groupe INSA accueille l'INSA Centre Val de Loire, née de la fusion de l'ENSI de "
        "Bourges et de l'ENIVL."
    )
    results = {o for p, _, o in found if p == "replaced_by"}
    assert results == {"INSA Centre Val de Loire"}


@pytest.mark.parametrize(
    "text",
    [
        "Le groupe IONIS possède l'Epitech et l'IPSA.",
        "Le groupe IONIS vient de signer des accords. Il détient l'Epitech et l'IPSA.",
    ],
)
def test_frames_schools_a_group_owns_are_its_components(text):
    found = facts_of(text)
    owned = {(s, o) for p, s, o in found if p == "part_of"}
    assert owned == {
        ("Epitech", "IONIS Education Group"),
        ("Institut polytechnique des sciences avancées", "IONIS Education Group"),
    }


def test_frames_a_school_bought_by_a_group_is_its_component():
    found = facts_of("L'ESCE a été rachetée par Galileo Global Education en 2018.")
    assert ("part_of", "ESCE International Business School", "Galileo Global Education") in found


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("L'ESSTIN va devenir Polytech Nancy.", "planned"),
        ("L'ESSTIN est devenue Polytech Nancy en 2017.", "done"),
    ],
)
def test_frames_a_body_that_becomes_another_is_renamed(text, status):
    raw = RawDocument(text=text, source="frames.txt", published="2016-05-02")
    record = extract_document(Document.from_raw(raw))
    renamed = [f for f in record.facts if f.predicate == "replaced_by"]
    assert [(f.subject, f.object, f.status) for f in renamed] == [
        (
            "org-ecole-superieure-des-sciences-et-technologies-de-l-ingenieur-de-nancy",
            "org-polytech_nancy",
            status,
        )
    ]


def test_frames_a_former_name_in_a_sentence_about_becoming_is_the_former_body():
    found = facts_of(
        "L'Université Toulouse III – Paul Sabatier va devenir l'Université de Toulouse."
    )
    assert (
        "replaced_by",
        "Université Toulouse III - Paul Sabatier",
        "Université de Toulouse",
    ) in found


def test_frames_a_merger_of_listed_numbered_universities():
    found = facts_of(
        "Au 1er janvier 2014, la fusion de Bordeaux 1, 2 et 4 a donné naissance à "
        "l'Université de Bordeaux."
    )
    olds = {s for p, s, o in found if p == "replaced_by" and o == "Université de Bordeaux"}
    assert len(olds) == 3


def test_frames_a_merger_noun_apposed_to_its_result():
    found = facts_of("L'Insa Centre Val de Loire, fusion de l'Ensi Bourges et de l'ENIVL, ouvre.")
    olds = {s for p, s, o in found if p == "replaced_by" and o == "INSA Centre Val de Loire"}
    assert olds == {"Ensi Bourges", "École nationale d'ingénieurs du Val de Loire"}
    assert not any(
        p == "replaced_by"
        for p, _, _ in facts_of("La Fesic, regroupement de l'ESAIP et de l'ISEN, recrute.")
    )


def test_frames_a_coordinated_verb_cut_from_its_subject_by_a_participle_keeps_it():
    found = facts_of(
        "L'université Paris-Saclay succède à l'université Paris-Sud, supprimée le , et intègre "
        "l'École normale supérieure Paris-Saclay, CentraleSupélec et AgroParisTech en tant "
        "qu'établissements-composantes."
    )
    assert {f for f in found if f[0] == "part_of"} == {
        ("part_of", "École normale supérieure Paris-Saclay", "Université Paris-Saclay"),
        ("part_of", "CentraleSupélec", "Université Paris-Saclay"),
        ("part_of", "AgroParisTech", "Université Paris-Saclay"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "L'ENIB est une école publique d'ingénieurs rattachée à l'Université de Lorraine.",
        "L'ENIB, fondée en 1961, est une école rattachée à l'Université de Lorraine.",
    ],
)
def test_frames_a_participle_on_a_copula_s_predicate_describes_its_subject(text):
    assert ("part_of", "École nationale d'ingénieurs de Brest", "Université de Lorraine") in (
        facts_of(text)
    )


def test_frames_a_relative_clause_on_a_copula_s_predicate_has_its_subject():
    assert facts_of("L'ENIB est une école qui a rejoint le réseau Polytech.") == {
        ("member_of", "École nationale d'ingénieurs de Brest", "Réseau Polytech")
    }


def test_frames_a_body_and_its_schools_listed_in_parentheses():
    found = facts_of(
        "Grenoble INP et ses 6 écoles d'ingénieurs (Ensimag, Pagora et Phelma) constituent "
        "un pôle de la Comue."
    )
    assert {(p, s) for p, s, o in found if o == "Grenoble INP"} == {
        (
            "part_of",
            "École nationale supérieure d'informatique et de mathématiques appliquées de Grenoble",
        ),
        (
            "part_of",
            "École internationale du papier, de la communication imprimée et des biomatériaux",
        ),
        ("part_of", "École nationale supérieure de physique, électronique, matériaux"),
    }
    assert all(o == "Grenoble INP" for p, s, o in found if p == "part_of")  # none of another


def test_frames_components_listed_without_a_whole_after_a_sentence_naming_one():
    found = facts_of(
        "L'Université de Lorraine est née en 2012. Aujourd’hui, 3 établissements-composantes "
        "gardent leur personnalité morale : l’ENSIC, l’ENSEM et l’ENSGSI."
    )
    wholes = {o for p, _, o in found if p == "part_of"}
    assert wholes == {"Université de Lorraine"} and len(found) >= 3


def test_frames_components_listed_after_a_sentence_naming_two_wholes_have_none():
    found = facts_of(
        "L'Université de Lorraine et l'Université de Strasbourg sont nées en 2012. Aujourd’hui, "
        "3 établissements-composantes gardent leur personnalité morale : l’ENSIC, l’ENSEM et "
        "l’ENSGSI."
    )
    assert not any(p == "part_of" for p, _, _ in found)


def test_frames_a_merger_describing_the_subject_of_a_denied_clause_still_happened():
    found = facts_of(
        "Dès 2017, CentraleSupélec, née en 2015 du regroupement de Centrale Paris et de Supélec, "
        "ne proposera plus qu'un seul cursus."
    )
    assert ("replaced_by", "École centrale Paris", "CentraleSupélec") in found
    assert ("replaced_by", "École supérieure d'électricité", "CentraleSupélec") in found


def test_frames_a_birth_participle_states_a_done_merger_whatever_the_clause_s_tense():
    text = (
        "Dès 2017, CentraleSupélec, née en 2015 du regroupement de Centrale Paris et de Supélec, "
        "proposera un seul cursus."
    )
    assert status_of(text, "replaced_by") == {"done"}


def test_frames_a_body_that_merges_several_others_into_itself_is_the_result():
    found = facts_of(
        "L'Institut Lorrain de Chimie, qui fusionnera en 2026 l'ENSIC, l'ENSEM et l'ENSGSI, ouvrira."
    )
    olds = {s for p, s, o in found if p == "replaced_by" and o == "Institut Lorrain de Chimie"}
    assert len(olds) == 3


@pytest.mark.parametrize(
    "text",
    [
        "Le ministère fusionne l'ENSIC et l'ENSEM.",
        "Le Groupe INSA regroupe l'ENSIC et l'ENSEM.",
    ],
)
def test_frames_a_deciding_body_or_a_gathering_whole_is_no_merger_result(text):
    assert not any(p == "replaced_by" for p, _, _ in facts_of(text))


def test_frames_a_change_of_name_into_another():
    found = facts_of("Brest Business School a changé de nom en Kedge.")
    assert ("replaced_by", "Brest Business School", "KEDGE Business School") in found


def test_frames_a_plural_noun_whose_complement_lists_its_own_kind_names_those_bodies():
    found = facts_of(
        "Membres de l'Institut Mines-Télécom, les écoles des Mines de Nantes et Télécom "
        "Bretagne ont décidé de s'unir."
    )
    assert ("part_of", "Institut Mines-Télécom", "Télécom Bretagne") not in found
    assert not any(o == "École des mines de Nantes" for _, _, o in found)


def test_frames_an_apposition_never_runs_across_a_line_break():
    found = facts_of("ESIEE Amiens intègre UniLaSalle\nLe campus d'ESIEE Amiens ouvre en 2021.")
    assert ("part_of", "UniLaSalle", "ESIEE Amiens") not in found


def test_frames_the_whole_of_a_school_is_not_the_school_born_of_a_merger():
    found = facts_of(
        "Le ministre a lancé le rapprochement entre ENSTA Bretagne et IMT Atlantique (école de "
        "l'Institut Mines-Télécom, issue de la fusion de Télécom Bretagne et Mines Nantes)."
    )
    assert not any(p == "replaced_by" and o == "Institut Mines-Télécom" for p, _, o in found)
