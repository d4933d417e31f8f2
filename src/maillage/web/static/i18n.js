// The explorer's words in French (the default) and English, the vocabulary of the graph
// (predicates, kinds, statuses) in both, plurals by Intl.PluralRules, and error messages
// for a browser user: no raw codes, no command lines.
"use strict";

(function () {
  const LANG_KEY = "maillage-lang";
  const FR = {
    "nav.home": "Accueil", "nav.network": "Réseau", "nav.entities": "Entités", "nav.facts": "Faits",
    "nav.documents": "Documents", "nav.review": "À revoir", "nav.api": "API",
    "search.placeholder": "Établissement, acronyme, personne…", "search.label": "Rechercher une entité",
    "token.placeholder": "Jeton API (curation)", "token.use": "Utiliser", "token.readonly": "lecture seule",
    "token.curator": "curateur : {name}", "token.refused": "jeton refusé", "token.reader": "{name} (lecture seule)",
    "loading": "Chargement…", "footer": "maillage — graphe sourcé des partenariats de l'enseignement supérieur.",
    "home.title": "Le graphe", "home.hint": "Cherchez un établissement, un acronyme ou une personne dans la barre ci-dessus, ou ouvrez le réseau.",
    "home.connected": "Établissements les plus connectés", "home.years": "Événements par année et par type",
    "home.degrees": "Répartition des degrés", "home.newest": "Faits les plus récents",
    "home.degrees.axis": "entités", "home.degrees.facts": "faits par entité",
    "count.documents": "{n} document|{n} documents", "count.entities": "{n} entité|{n} entités",
    "count.facts": "{n} fait|{n} faits", "count.evidence": "{n} preuve|{n} preuves",
    "count.mentions": "{n} mention|{n} mentions", "count.quarantined": "{n} élément en quarantaine|{n} éléments en quarantaine",
    "count.sources": "{n} source|{n} sources", "count.events": "{n} événement|{n} événements",
    "count.undated": "{n} événement sans date|{n} événements sans date", "count.more": "… {n} de plus|… {n} de plus",
    "search.results": "Résultats pour « {q} »", "search.none": "Aucune entité ne correspond.",
    "search.by": "(par « {name} »)", "search.didyoumean": "Vouliez-vous dire :",
    "date.unknown": "date inconnue", "status.done": "réalisé", "status.planned": "prévu",
    "precision.day": "jour", "precision.month": "mois", "precision.year": "année",
    "curation.accepted": "validé", "curation.edited": "corrigé", "curation.rejected": "rejeté", "curation.none": "non revu",
    "type.organization": "organisation", "type.person": "personne", "type.place": "lieu", "type.other": "autre",
    "fact.conflict": "Conflit entre sources", "fact.conflicttag": "conflit", "fact.origin": "article d'origine", "fact.source": "source",
    "fact.note": "note", "fact.manual": "ajouté à la main", "fact.as": "comme {role}",
    "action.accept": "Valider", "action.reject": "Rejeter", "action.edit": "Corriger", "action.save": "Enregistrer",
    "action.cancel": "Annuler", "action.filter": "Filtrer", "action.previous": "Précédent", "action.next": "Suivant",
    "done.accepted": "Fait validé.", "done.rejected": "Fait rejeté.", "done.edited": "Fait corrigé.", "failed": "Échec : {message}",
    "entity.aliases": "Autres noms : ", "entity.merged": "« {name} » a été fusionné dans cette entité.",
    "entity.neighbourhood": "Voisinage", "entity.roles": "Rôles", "entity.facts": "Faits et preuves", "entity.nofacts": "Aucun fait.",
    "entity.timeline": "Chronologie", "entity.notimeline": "Aucun événement daté.", "entity.sources": "Sources",
    "entity.moredocs": "… et d'autres documents", "entity.history": "Historique des décisions", "entity.nohistory": "Aucune décision.",
    "entity.curate": "Corriger cette entité", "entity.rename": "Renommer", "entity.alias": "Ajouter un autre nom",
    "entity.merge": "Fusionner une autre entité dans celle-ci", "entity.setid": "Identifiant vérifié",
    "entity.split": "Scinder : déplacer des mentions vers une nouvelle entité", "entity.split.name": "nom de la nouvelle entité",
    "entity.merge.target": "entité à absorber (id ou nom)", "entity.done": "Modification enregistrée.",
    "graph.depth": "profondeur", "graph.status": "statut", "graph.since": "depuis", "graph.until": "jusqu'à",
    "graph.confidence": "confiance ≥", "graph.curated": "validés seulement", "graph.all": "tous",
    "graph.hint": "Cliquez un lien pour lire ses preuves, un nœud pour ouvrir sa page.",
    "graph.missing": "La bibliothèque de graphe n'est pas installée sur ce serveur.",
    "graph.note": "{nodes} · {edges}", "graph.truncated": " (les plus sûrs seulement)", "graph.evidence": "Preuves",
    "graph.legend.kinds": "Types :", "graph.legend.edges": "Liens :", "graph.legend.planned": "— réalisé, - - prévu, → orienté",
    "doc.untitled": "(sans titre)", "doc.address": "Adresse : ", "doc.text": "Texte", "doc.facts": "Faits appuyés par ce document",
    "doc.entities": "Entités mentionnées",
    "table.download": "Télécharger :", "table.showing": "{from}–{to} sur {total}", "table.empty": "Rien ne correspond à ces filtres.",
    "col.subject": "sujet", "col.predicate": "relation", "col.object": "objet", "col.date": "date", "col.status": "statut",
    "col.kind": "type", "col.confidence": "confiance", "col.sources": "sources", "col.curation": "curation",
    "col.name": "nom", "col.type": "nature", "col.city": "ville", "col.degree": "faits", "col.published": "publié",
    "col.title": "titre", "col.facts": "faits", "col.source": "fichier",
    "facet.predicate": "Relation", "facet.status": "Statut", "facet.kind": "Type d'événement", "facet.curation": "Curation",
    "facet.type": "Nature", "facet.entity_kind": "Type",
    "filter.place": "ville ou région", "filter.mindegree": "au moins … faits", "filter.sort": "trier par",
    "sort.-date": "plus récents", "sort.date": "plus anciens", "sort.-confidence": "plus sûrs", "sort.confidence": "moins sûrs",
    "sort.predicate": "relation", "sort.subject": "sujet", "sort.-degree": "plus connectés", "sort.degree": "moins connectés",
    "sort.name": "nom A→Z", "sort.-name": "nom Z→A", "sort.kind": "type", "sort.city": "ville",
    "sort.-published": "plus récents", "sort.published": "plus anciens", "sort.title": "titre", "sort.-ingested": "derniers ajoutés",
    "entities.title": "Entités", "facts.title": "Faits", "documents.title": "Documents",
    "review.title": "À revoir", "review.progress": "{n} fait décidé sur {total} ({percent} %)|{n} faits décidés sur {total} ({percent} %)",
    "review.keys": "Touches : A valider · R rejeter · E corriger · Entrée enregistrer · Échap annuler",
    "review.token": "Collez un jeton de curation en haut de la page pour décider.", "review.empty": "Plus rien à revoir : tous les faits ont été décidés.",
    "reason.conflict": "sources en désaccord", "reason.overdue": "prévu, date passée", "reason.single_source": "une seule source",
    "reason.low_confidence": "confiance faible",
    "network.title": "Réseau", "network.colour": "couleur", "network.bykind": "par type", "network.bycommunity": "par communauté",
    "network.places": "afficher les lieux", "network.year": "année", "network.play": "▶ Rejouer", "network.pause": "⏸ Pause",
    "network.allyears": "toutes les années", "network.undated": "avec les faits non datés", "network.fit": "Tout voir",
    "network.zoomin": "Zoom +", "network.zoomout": "Zoom −", "network.png": "PNG", "network.svg": "SVG",
    "network.focus": "Aller à une entité…", "network.layout.run": "Disposition en cours…", "network.layout.stop": "Arrêter la disposition",
    "network.layout.start": "Relancer la disposition", "network.layout.paused": "Disposition en pause pendant que vous explorez", "network.communities": "Calcul des communautés…",
    "network.community": "communauté {n}", "network.degree": "{n} fait dans la vue|{n} faits dans la vue",
    "network.truncated": "{shown} faits les plus sûrs sur {total}", "network.empty": "Aucun fait entre deux entités pour ces filtres.",
    "network.places.of": "Lieux : {places}", "network.open": "Ouvrir la fiche",
    "error.title": "Un problème est survenu", "error.404": "Nous n'avons rien trouvé à cette adresse : l'entité, le fait ou le document n'existe pas (ou plus).",
    "error.409": "Ce nom désigne plusieurs entités : choisissez-en une dans la recherche.",
    "error.401": "Votre jeton n'est pas valide : collez un jeton de curation valide en haut de la page.",
    "error.403": "Cette action n'est pas permise avec ce jeton, ou ce serveur est en lecture seule.",
    "error.400": "Cette demande ne peut pas être faite telle quelle : vérifiez les valeurs saisies.",
    "error.422": "Certaines valeurs ne sont pas valides : les dates s'écrivent AAAA, AAAA-MM ou AAAA-MM-JJ (un vrai mois, un vrai jour).",
    "error.413": "La demande est trop longue.", "error.429": "Trop de demandes à la fois : réessayez dans un instant.",
    "error.503": "La base de données est occupée : réessayez dans un instant.",
    "error.500": "Le serveur n'a pas pu répondre. Réessayez ; si cela continue, prévenez la personne qui l'administre.",
    "error.network": "Le serveur ne répond pas : vérifiez qu'il tourne toujours.",
    "error.notfound": "Introuvable", "lang.switch": "English",
  };
  const EN = {
    "nav.home": "Home", "nav.network": "Network", "nav.entities": "Entities", "nav.facts": "Facts",
    "nav.documents": "Documents", "nav.review": "Review", "nav.api": "API",
    "search.placeholder": "Institution, acronym, person…", "search.label": "Search an entity",
    "token.placeholder": "API token (curation)", "token.use": "Use", "token.readonly": "read only",
    "token.curator": "curator: {name}", "token.refused": "token refused", "token.reader": "{name} (read only)",
    "loading": "Loading…", "footer": "maillage — a sourced graph of partnerships in higher education.",
    "home.title": "The graph", "home.hint": "Search an institution, an acronym or a person above, or open the network.",
    "home.connected": "Most connected institutions", "home.years": "Events per year and kind",
    "home.degrees": "Degree distribution", "home.newest": "Newest facts",
    "home.degrees.axis": "entities", "home.degrees.facts": "facts per entity",
    "count.documents": "{n} document|{n} documents", "count.entities": "{n} entity|{n} entities",
    "count.facts": "{n} fact|{n} facts", "count.evidence": "{n} piece of evidence|{n} pieces of evidence",
    "count.mentions": "{n} mention|{n} mentions", "count.quarantined": "{n} item in quarantine|{n} items in quarantine",
    "count.sources": "{n} source|{n} sources", "count.events": "{n} event|{n} events",
    "count.undated": "{n} undated event|{n} undated events", "count.more": "… {n} more|… {n} more",
    "search.results": "Results for “{q}”", "search.none": "No entity matches.",
    "search.by": "(as “{name}”)", "search.didyoumean": "Did you mean:",
    "date.unknown": "unknown date", "status.done": "done", "status.planned": "planned",
    "precision.day": "day", "precision.month": "month", "precision.year": "year",
    "curation.accepted": "accepted", "curation.edited": "edited", "curation.rejected": "rejected", "curation.none": "not reviewed",
    "type.organization": "organization", "type.person": "person", "type.place": "place", "type.other": "other",
    "fact.conflict": "Sources disagree", "fact.conflicttag": "conflict", "fact.origin": "original article", "fact.source": "source",
    "fact.note": "note", "fact.manual": "added by hand", "fact.as": "as {role}",
    "action.accept": "Accept", "action.reject": "Reject", "action.edit": "Edit", "action.save": "Save",
    "action.cancel": "Cancel", "action.filter": "Filter", "action.previous": "Previous", "action.next": "Next",
    "done.accepted": "Fact accepted.", "done.rejected": "Fact rejected.", "done.edited": "Fact edited.", "failed": "Failed: {message}",
    "entity.aliases": "Other names: ", "entity.merged": "“{name}” was merged into this entity.",
    "entity.neighbourhood": "Neighbourhood", "entity.roles": "Roles", "entity.facts": "Facts and evidence", "entity.nofacts": "No facts.",
    "entity.timeline": "Timeline", "entity.notimeline": "No dated event.", "entity.sources": "Sources",
    "entity.moredocs": "… and more documents", "entity.history": "Decision history", "entity.nohistory": "No decision.",
    "entity.curate": "Correct this entity", "entity.rename": "Rename", "entity.alias": "Add another name",
    "entity.merge": "Merge another entity into this one", "entity.setid": "Verified identifier",
    "entity.split": "Split: move mentions to a new entity", "entity.split.name": "name of the new entity",
    "entity.merge.target": "entity to absorb (id or name)", "entity.done": "Change saved.",
    "graph.depth": "depth", "graph.status": "status", "graph.since": "since", "graph.until": "until",
    "graph.confidence": "confidence ≥", "graph.curated": "curated only", "graph.all": "all",
    "graph.hint": "Click a link to read its evidence, a node to open its page.",
    "graph.missing": "The graph library is not installed on this server.",
    "graph.note": "{nodes} · {edges}", "graph.truncated": " (strongest only)", "graph.evidence": "Evidence",
    "graph.legend.kinds": "Kinds:", "graph.legend.edges": "Links:", "graph.legend.planned": "— done, - - planned, → directed",
    "doc.untitled": "(untitled)", "doc.address": "Address: ", "doc.text": "Text", "doc.facts": "Facts this document supports",
    "doc.entities": "Entities mentioned",
    "table.download": "Download:", "table.showing": "{from}–{to} of {total}", "table.empty": "Nothing matches these filters.",
    "col.subject": "subject", "col.predicate": "relation", "col.object": "object", "col.date": "date", "col.status": "status",
    "col.kind": "kind", "col.confidence": "confidence", "col.sources": "sources", "col.curation": "curation",
    "col.name": "name", "col.type": "type", "col.city": "city", "col.degree": "facts", "col.published": "published",
    "col.title": "title", "col.facts": "facts", "col.source": "file",
    "facet.predicate": "Relation", "facet.status": "Status", "facet.kind": "Event kind", "facet.curation": "Curation",
    "facet.type": "Type", "facet.entity_kind": "Kind",
    "filter.place": "city or region", "filter.mindegree": "at least … facts", "filter.sort": "sort by",
    "sort.-date": "newest", "sort.date": "oldest", "sort.-confidence": "strongest", "sort.confidence": "weakest",
    "sort.predicate": "relation", "sort.subject": "subject", "sort.-degree": "most connected", "sort.degree": "least connected",
    "sort.name": "name A→Z", "sort.-name": "name Z→A", "sort.kind": "kind", "sort.city": "city",
    "sort.-published": "newest", "sort.published": "oldest", "sort.title": "title", "sort.-ingested": "last added",
    "entities.title": "Entities", "facts.title": "Facts", "documents.title": "Documents",
    "review.title": "Review", "review.progress": "{n} fact decided of {total} ({percent} %)|{n} facts decided of {total} ({percent} %)",
    "review.keys": "Keys: A accept · R reject · E edit · Enter save · Esc cancel",
    "review.token": "Paste a curation token at the top of the page to decide.", "review.empty": "Nothing left to review: every fact was decided.",
    "reason.conflict": "sources disagree", "reason.overdue": "planned, date passed", "reason.single_source": "single source",
    "reason.low_confidence": "low confidence",
    "network.title": "Network", "network.colour": "colour", "network.bykind": "by kind", "network.bycommunity": "by community",
    "network.places": "show places", "network.year": "year", "network.play": "▶ Replay", "network.pause": "⏸ Pause",
    "network.allyears": "all years", "network.undated": "with undated facts", "network.fit": "Fit",
    "network.zoomin": "Zoom +", "network.zoomout": "Zoom −", "network.png": "PNG", "network.svg": "SVG",
    "network.focus": "Go to an entity…", "network.layout.run": "Layout running…", "network.layout.stop": "Stop the layout",
    "network.layout.start": "Run the layout again", "network.layout.paused": "Layout paused while you explore", "network.communities": "Computing communities…",
    "network.community": "community {n}", "network.degree": "{n} fact in the view|{n} facts in the view",
    "network.truncated": "{shown} strongest facts of {total}", "network.empty": "No fact between two entities for these filters.",
    "network.places.of": "Places: {places}", "network.open": "Open the page",
    "error.title": "Something went wrong", "error.404": "Nothing was found at this address: the entity, fact or document does not exist (any more).",
    "error.409": "This name designates several entities: pick one in the search.",
    "error.401": "Your token is not valid: paste a valid curation token at the top of the page.",
    "error.403": "This action is not allowed with this token, or this server is read only.",
    "error.400": "This request cannot be done as asked: check the values you typed.",
    "error.422": "Some values are not valid: dates are YYYY, YYYY-MM or YYYY-MM-DD (a real month, a real day).",
    "error.413": "The request is too long.", "error.429": "Too many requests at once: try again in a moment.",
    "error.503": "The database is busy: try again in a moment.",
    "error.500": "The server could not answer. Try again; if it goes on, tell whoever runs it.",
    "error.network": "The server does not answer: check that it is still running.",
    "error.notfound": "Not found", "lang.switch": "Français",
  };
  const VOCABULARY = {
    fr: {
      predicate: { partner_of: "partenaire de", member_of: "membre de", part_of: "composante de",
        replaced_by: "remplacé par", holds_role: "occupe un rôle à", located_in: "situé à", quantity: "chiffre" },
      inverse: { member_of: "membres", part_of: "composantes", replaced_by: "remplace", holds_role: "personnes",
        located_in: "situés ici" },
      kind: { school: "école", university: "université", inp: "INP", comue: "COMUE", grand_etablissement: "grand établissement",
        research_body: "organisme de recherche", network: "réseau", alliance: "alliance", group: "groupe",
        public_body: "organisme public", association: "association", company: "entreprise", foundation: "fondation",
        business_school: "école de commerce", department: "département", campus: "campus", programme: "programme",
        organization: "organisation", city: "ville", region: "région", country: "pays", place: "lieu" },
      event: { agreement: "convention", strategic_partnership: "partenariat stratégique", alliance: "alliance",
        network: "réseau", merger: "fusion", renaming: "changement de nom", double_degree: "double diplôme",
        joint_programme: "formation commune", joint_incubator: "incubateur commun", joint_event: "événement commun",
        joint_research: "recherche commune", membership: "adhésion", component: "composante",
        appointment: "nomination", location: "implantation", figure: "chiffre" },
    },
    en: {
      predicate: { partner_of: "partner of", member_of: "member of", part_of: "part of", replaced_by: "replaced by",
        holds_role: "holds a role at", located_in: "located in", quantity: "figure" },
      inverse: { member_of: "members", part_of: "parts", replaced_by: "replaces", holds_role: "people",
        located_in: "located here" },
      kind: { school: "school", university: "university", inp: "INP", comue: "COMUE", grand_etablissement: "grand établissement",
        research_body: "research body", network: "network", alliance: "alliance", group: "group",
        public_body: "public body", association: "association", company: "company", foundation: "foundation",
        business_school: "business school", department: "department", campus: "campus", programme: "programme",
        organization: "organization", city: "city", region: "region", country: "country", place: "place" },
      event: { agreement: "agreement", strategic_partnership: "strategic partnership", alliance: "alliance",
        network: "network", merger: "merger", renaming: "renaming", double_degree: "double degree",
        joint_programme: "joint programme", joint_incubator: "joint incubator", joint_event: "joint event",
        joint_research: "joint research", membership: "membership", component: "component",
        appointment: "appointment", location: "location", figure: "figure" },
    },
  };

  const stored = window.localStorage.getItem(LANG_KEY);
  const lang = stored === "en" ? "en" : "fr";
  const words = lang === "en" ? EN : FR;
  const plural = new Intl.PluralRules(lang === "en" ? "en" : "fr");

  function fill(text, vars) {
    return text.replace(/\{(\w+)\}/g, (_m, name) => (vars && name in vars ? String(vars[name]) : ""));
  }

  // t("count.facts", {n: 2}) → "2 faits": "one|other" forms chosen by the plural rules.
  function t(key, vars) {
    const text = words[key] !== undefined ? words[key] : key;
    const forms = text.split("|");
    const chosen = forms.length > 1 && vars && typeof vars.n === "number"
      ? forms[plural.select(vars.n) === "one" ? 0 : 1] : forms[0];
    const shown = vars && typeof vars.n === "number" ? Object.assign({}, vars, { n: vars.n.toLocaleString(lang) }) : vars;
    return fill(chosen, shown);
  }

  function term(group, value) {
    if (value === null || value === undefined || value === "") return "—";
    const known = VOCABULARY[lang][group];
    return (known && known[value]) || String(value).replace(/_/g, " ");
  }

  window.maillageI18n = {
    lang,
    t,
    predicate: (p) => term("predicate", p),
    inverse: (p) => term("inverse", p),
    kind: (k) => term("kind", k),
    event: (k) => term("event", k),
    type: (k) => t("type." + k),
    status: (s) => t("status." + s),
    curation: (c) => t("curation." + (c || "none")),
    precision: (p) => (p ? t("precision." + p) : ""),
    switchLanguage() {
      window.localStorage.setItem(LANG_KEY, lang === "en" ? "fr" : "en");
      window.location.reload();
    },
    errorText(error) {
      if (!error || !error.status) return t("error.network");
      const key = "error." + error.status;
      return words[key] ? t(key) : t(error.status >= 500 ? "error.500" : "error.400");
    },
  };
})();
