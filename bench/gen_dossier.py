#!/usr/bin/env python3
"""Generates a full, valid sceau audit dossier (format 1) for a referential, for benchmarks.

    gen_dossier.py REFERENTIAL.yaml --seed S [--kind ACI] [--evidence N] [--nc-share X] > dossier.yaml

Reads the referential (typically one written by bench/gen_referential.py) and writes a dossier that
`sceau check` accepts with no error (and, by design, no warning):

- an organisation of the given kind (valid SIRET, headcount, two or three sites), an audit (dates in
  autumn 2026, a lead auditor, one or two auditors, a decision maker outside the team);
- an evidence register of N items (default 300) of the kinds the referential uses, most of them
  dated within the five months before the audit, some older, a few undated;
- one assessment for EVERY criterion that applies to the organisation (`applies_to`: kind,
  headcount, number of sites), none for the others: mostly C, some PF/PP/PS, a few NCm, rare NCM
  (blocking criteria are never failed; --nc-share sets the share of NCm + NCM), NA only where `na_allowed`; on a maturity scale, levels
  mostly at or above `pass_from`. Finding texts are in French, of realistic length; a few failing
  criteria use the `findings:` form with two findings on different sites.
- indicator values, samples and cited evidence that AGREE with the grade: every check of a criterion
  graded as met (strength, conforming, opportunity) passes, except for a few criteria that keep
  their grade with an `override` justification; checks of failing grades mostly fail. Every
  indicator and sample check gets a value, every assessment cites evidence and has a text, so no
  "missing check" or consistency warning is produced.

The output depends only on the arguments and the referential: the same seed gives the same bytes.

Standard library only: the referential is read by a small YAML-subset reader (block maps and
lists, flow maps and lists, plain/single/double-quoted scalars, literal and folded block scalars,
comments), which covers gen_referential.py's output and hand-written referentials such as
referentials/cedre-iso9001.yaml. Anchors, aliases, tags and multi-document files are not supported.
"""

import argparse
import datetime
import math
import os
import random
import re
import sys

# ---------------------------------------------------------------------------------------------
# A small YAML-subset reader. Scalars stay strings (plain "~"/"null"/empty become None); the
# caller converts numbers and booleans.


class YamlError(Exception):
    pass


class _Incomplete(Exception):
    """A flow collection or quoted scalar continues on the next line."""


_DQ = re.compile(r'"((?:[^"\\]|\\.)*)"', re.S)
_SQ = re.compile(r"'((?:[^']|'')*)'", re.S)
_FLOW_PLAIN = re.compile(r"(?:[^,\[\]{}:#\s]|:(?=[^\s,\[\]{}])|(?<=\S)#|[ \t]+(?=[^\s,\[\]{}#:])"
                         r"|[ \t]+:(?=[^\s,\[\]{}]))+")
_WS = re.compile(r"\s*")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "\\": "\\", '"': '"', "/": "/", " ": " ",
            "a": "\a", "b": "\b", "e": "\x1b", "f": "\f", "v": "\v", "N": "\x85", "_": "\xa0"}


def _unescape(s):
    if "\\" not in s:
        return s
    out = []
    i = 0
    while i < len(s):
        c = s[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        e = s[i + 1]
        if e in _ESCAPES:
            out.append(_ESCAPES[e])
            i += 2
        elif e in "xuU":
            n = {"x": 2, "u": 4, "U": 8}[e]
            out.append(chr(int(s[i + 2:i + 2 + n], 16)))
            i += 2 + n
        elif e == "\n":
            i += 2
        else:
            raise YamlError("unknown escape \\%s" % e)
    return "".join(out)


def _plain(s):
    s = s.strip()
    return None if s in ("", "~", "null", "Null", "NULL") else s


def _strip_comment(line):
    """The line without a trailing comment (quote-aware), right-stripped."""
    if "#" not in line:
        return line.rstrip()
    quote = None
    i = 0
    n = len(line)
    while i < n:
        c = line[i]
        if quote == '"':
            if c == "\\":
                i += 1
            elif c == '"':
                quote = None
        elif quote == "'":
            if c == "'":
                quote = None
        elif c in "\"'" and (i == 0 or line[i - 1] in " \t[{,:-"):
            quote = c
        elif c == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i].rstrip()
        i += 1
    return line.rstrip()


def _flow_value(s, p):
    p = _WS.match(s, p).end()
    if p >= len(s):
        raise _Incomplete()
    c = s[p]
    if c == "{":
        out = {}
        p += 1
        while True:
            p = _WS.match(s, p).end()
            if p >= len(s):
                raise _Incomplete()
            if s[p] == "}":
                return out, p + 1
            key, p = _flow_value(s, p)
            p = _WS.match(s, p).end()
            if p >= len(s):
                raise _Incomplete()
            val = None
            if s[p] == ":":
                p = _WS.match(s, p + 1).end()
                if p >= len(s):
                    raise _Incomplete()
                if s[p] not in ",}":
                    val, p = _flow_value(s, p)
            if key in out:
                raise YamlError("duplicate key %r" % key)
            out[key] = val
            p = _WS.match(s, p).end()
            if p >= len(s):
                raise _Incomplete()
            if s[p] == ",":
                p += 1
            elif s[p] != "}":
                raise YamlError("expected ',' or '}' in a flow map: %r" % s[p:p + 20])
    if c == "[":
        out = []
        p += 1
        while True:
            p = _WS.match(s, p).end()
            if p >= len(s):
                raise _Incomplete()
            if s[p] == "]":
                return out, p + 1
            val, p = _flow_value(s, p)
            out.append(val)
            p = _WS.match(s, p).end()
            if p >= len(s):
                raise _Incomplete()
            if s[p] == ",":
                p += 1
            elif s[p] != "]":
                raise YamlError("expected ',' or ']' in a flow list: %r" % s[p:p + 20])
    if c == '"':
        m = _DQ.match(s, p)
        if not m:
            raise _Incomplete()
        return _unescape(re.sub(r"[ \t]*\n[ \t]*", " ", m.group(1))), m.end()
    if c == "'":
        m = _SQ.match(s, p)
        if not m:
            raise _Incomplete()
        return re.sub(r"[ \t]*\n[ \t]*", " ", m.group(1)).replace("''", "'"), m.end()
    m = _FLOW_PLAIN.match(s, p)
    if not m:
        raise YamlError("unexpected character %r" % c)
    return _plain(m.group(0)), m.end()


def _split_key(body):
    """(key, rest) when `body` is "key: rest" or "key:", else None."""
    if body[0] in "\"'":
        m = (_DQ if body[0] == '"' else _SQ).match(body)
        if not m:
            return None
        key = _unescape(m.group(1)) if body[0] == '"' else m.group(1).replace("''", "'")
        rest = body[m.end():].lstrip(" ")
        if rest == ":" or rest.startswith(": "):
            return key, rest[1:]
        return None
    if body[0] in "{[":
        return None
    k = body.find(": ")
    if k < 0:
        if body.endswith(":"):
            return body[:-1].rstrip(), ""
        return None
    return body[:k].rstrip(), body[k + 1:]


class _Reader:
    def __init__(self, text):
        if text.startswith("\ufeff"):
            text = text[1:]
        self.raw = text.split("\n")
        self.n = len(self.raw)

    @staticmethod
    def indent(line):
        return len(line) - len(line.lstrip(" "))

    def skip(self, i):
        """The next line at or after i with content."""
        while i < self.n:
            line = self.raw[i]
            if "\t" in line[:self.indent(line) + 1] and line.strip():
                raise YamlError("line %d: tab in indentation" % (i + 1))
            s = _strip_comment(line)
            if s.strip() and s.strip() not in ("---", "...") and not s.startswith("%"):
                return i
            i += 1
        return i

    def content(self, i):
        return _strip_comment(self.raw[i])

    def document(self):
        val, i = self.block(0, 0)
        i = self.skip(i)
        if i < self.n:
            raise YamlError("line %d: unexpected content" % (i + 1))
        return val

    def block(self, i, min_indent):
        i = self.skip(i)
        if i >= self.n:
            return None, i
        s = self.content(i)
        ind = self.indent(s)
        if ind < min_indent:
            return None, i
        body = s[ind:]
        if body == "-" or body.startswith("- "):
            return self.seq(i, ind)
        if _split_key(body) is None:  # a lone scalar or flow node
            return self.inline(body, i, ind - 1)
        return self.map(i, ind)

    def seq(self, i, ind):
        items = []
        while True:
            i = self.skip(i)
            if i >= self.n:
                break
            s = self.content(i)
            cur = self.indent(s)
            body = s[cur:]
            if cur != ind or not (body == "-" or body.startswith("- ")):
                if cur > ind:
                    raise YamlError("line %d: bad indentation in a list" % (i + 1))
                break
            rest = body[1:].lstrip(" ")
            col = cur + len(body) - len(rest)
            if rest == "":
                val, i = self.block(i + 1, ind + 1)
            elif rest == "-" or rest.startswith("- ") or _split_key(rest) is not None:
                self.raw[i] = " " * col + rest  # the item is a block node starting at `col`
                val, i = self.block(i, col)
            else:
                val, i = self.inline(rest, i, ind)
            items.append(val)
        return items, i

    def map(self, i, ind):
        out = {}
        while True:
            i = self.skip(i)
            if i >= self.n:
                break
            s = self.content(i)
            cur = self.indent(s)
            if cur < ind:
                break
            if cur > ind:
                raise YamlError("line %d: bad indentation in a map" % (i + 1))
            body = s[cur:]
            if body == "-" or body.startswith("- "):
                break
            kv = _split_key(body)
            if kv is None:
                raise YamlError("line %d: expected 'key: value'" % (i + 1))
            key, rest = kv
            rest = rest.strip()
            if rest == "":
                j = self.skip(i + 1)
                if j < self.n:
                    nxt = self.content(j)
                    nb = nxt[self.indent(nxt):]
                    if self.indent(nxt) == ind and (nb == "-" or nb.startswith("- ")):
                        val, i = self.seq(j, ind)
                    else:
                        val, i = self.block(i + 1, ind + 1)
                else:
                    val, i = None, j
            elif rest[0] in "|>":
                val, i = self.block_scalar(rest, i + 1, ind)
            elif rest[0] in "&*!":
                raise YamlError("line %d: anchors, aliases and tags are not supported" % (i + 1))
            else:
                val, i = self.inline(rest, i, ind)
            if key in out:
                raise YamlError("line %d: duplicate key %r" % (i + 1, key))
            out[key] = val
        return out, i

    def inline(self, text, i, ind):
        """A value written after 'key:' or '- ' on line i; may continue on following lines."""
        if text[0] in "{[\"'":
            j = i + 1
            while True:
                try:
                    val, p = _flow_value(text, 0)
                except _Incomplete:
                    if j >= self.n:
                        raise YamlError("line %d: unterminated value" % (i + 1))
                    text += "\n" + self.raw[j].strip()
                    j += 1
                    continue
                tail = text[p:].strip()
                if tail and not tail.startswith("#"):
                    raise YamlError("line %d: unexpected %r after a value" % (i + 1, tail[:20]))
                return val, j
        # A plain scalar, possibly continued on more-indented lines.
        parts = [text]
        j = i + 1
        while True:
            k = self.skip(j)
            if k >= self.n or self.indent(self.raw[k]) <= ind:
                break
            parts.append(self.content(k).strip())
            j = k + 1
        return _plain(" ".join(parts)), j

    def block_scalar(self, header, i, ind):
        m = re.match(r"([|>])([1-9]?)([-+]?)([1-9]?)\s*(#.*)?$", header)
        if not m:
            raise YamlError("line %d: bad block scalar header %r" % (i, header))
        style, chomp = m.group(1), m.group(3)
        explicit = m.group(2) or m.group(4)
        j = i
        lines = []
        while j < self.n:
            line = self.raw[j]
            if line.strip() and self.indent(line) <= ind:
                break
            lines.append(line)
            j += 1
        while lines and not lines[-1].strip():
            lines.pop()
        if explicit:
            ci = ind + int(explicit)
        else:
            ci = min((self.indent(x) for x in lines if x.strip()), default=ind + 1)
        body = [x[ci:] if len(x) > ci else "" for x in lines]
        if style == "|":
            text = "\n".join(body)
        else:
            text = ""
            for k, b in enumerate(body):
                if k == 0:
                    text = b
                elif b == "":
                    text += "\n"
                elif body[k - 1] == "":
                    text += b
                else:
                    text += " " + b
        if chomp == "-":
            pass
        elif text:
            text += "\n"
        return text, j


def load_yaml_subset(text):
    return _Reader(text).document()


# ---------------------------------------------------------------------------------------------
# Dates, with the engine's month arithmetic (engine/date.cc: the day is clamped to the month).


def add_months(d, months):
    total = d.year * 12 + (d.month - 1) + months
    y, m = total // 12, total % 12 + 1
    last = [31, 29 if (y % 4 == 0 and y % 100 != 0) or y % 400 == 0 else 28, 31, 30, 31, 30, 31,
            31, 30, 31, 30, 31][m - 1]
    return datetime.date(y, m, min(d.day, last))


MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
             "octobre", "novembre", "décembre")


def date_fr(d):
    return "%d %s %d" % (d.day, MONTHS_FR[d.month - 1], d.year)


# ---------------------------------------------------------------------------------------------
# French vocabulary.

ORG_NAMES = (
    "Association Tremplin Vert", "Jardins de la Solidarité", "Chantier école Les Bâtisseurs",
    "Ressourcerie du Val d'Orge", "Emmaüs Services Insertion", "Atelier Recyclerie du Pays Basque",
    "Estuaire Services", "Régie de quartier Bellevue", "Passerelles de l'Estuaire",
    "Les Ateliers du Bocage", "Maraîchers solidaires du Lauragais", "Insertion Bois et Forêt",
)
REGIONS = ("Occitanie", "Nouvelle-Aquitaine", "Bretagne", "Auvergne-Rhône-Alpes", "Grand Est",
           "Hauts-de-France", "Normandie", "Pays de la Loire", "Île-de-France",
           "Provence-Alpes-Côte d'Azur", "Centre-Val de Loire", "Bourgogne-Franche-Comté")
TOWNS = (("Albi", "81000"), ("Castres", "81100"), ("Rodez", "12000"), ("Montauban", "82000"),
         ("Agen", "47000"), ("Périgueux", "24000"), ("Quimper", "29000"), ("Vannes", "56000"),
         ("Laval", "53000"), ("Saint-Lô", "50000"), ("Épinal", "88000"), ("Dole", "39100"),
         ("Bourges", "18000"), ("Auch", "32000"), ("Millau", "12100"), ("Figeac", "46100"))
SITE_KINDS = ("Site maraîcher", "Atelier de menuiserie", "Ressourcerie", "Blanchisserie",
              "Chantier espaces verts", "Atelier de couture", "Plateforme logistique",
              "Agence d'intérim d'insertion", "Conciergerie solidaire", "Atelier mécanique")
STREETS = ("chemin des Jardins", "rue de la République", "allée des Lavandières", "route de Toulouse",
           "avenue Jean Jaurès", "rue des Tanneurs", "impasse du Moulin", "zone artisanale des Prés",
           "boulevard Gambetta", "rue Victor Hugo")
FIRST = ("Claire", "Paul", "Sophie", "Karim", "Nathalie", "Julien", "Fatou", "Olivier", "Isabelle",
         "Thierry", "Lucie", "Mehdi", "Anne-Sophie", "Patrick", "Camille", "Hugo", "Émilie", "Yann")
LAST = ("Martin", "Durand", "Bernard", "Nguyen", "Morel", "Bertrand", "Ollivier", "Lefèvre",
        "Roussel", "Benali", "Garnier", "Fontaine", "Chevalier", "Diallo", "Perrin", "Lambert")

TOPICS = ("d'accueil des salariés en parcours", "de gestion des réclamations", "de formation",
          "de prévention des risques professionnels", "d'accompagnement socioprofessionnel",
          "de protection des données personnelles", "des achats responsables",
          "de suivi des sorties", "d'encadrement technique", "de pilotage de la qualité",
          "de gestion des compétences", "de communication interne", "de maîtrise documentaire",
          "d'intégration des nouveaux permanents", "de relation avec les prescripteurs")
MEETINGS = ("du comité de pilotage", "de la revue de direction", "du conseil d'administration",
            "du comité de suivi des parcours", "de la réunion d'équipe des encadrants",
            "du CSE", "du comité qualité", "du bureau de l'association")
ROLES = ("la directrice", "le directeur adjoint", "la chargée d'insertion professionnelle",
         "le conseiller en insertion", "l'encadrant technique du chantier", "la référente qualité",
         "le responsable administratif et financier", "trois salariés en parcours",
         "la présidente de l'association", "la responsable des ressources humaines",
         "deux encadrants techniques", "le référent sécurité")
SITE_THINGS = ("l'atelier et les postes de travail", "l'affichage obligatoire et les consignes",
               "le local de stockage des produits", "le tableau de suivi des parcours en salle d'équipe",
               "les équipements de protection individuelle", "la zone de tri et de valorisation",
               "le véhicule de transport des équipes", "l'espace d'accueil du public")

EVIDENCE_TITLES = {
    "procedure": ("Procédure {topic}, version {v}",
                  "Mode opératoire {topic}, mis à jour en {month}"),
    "record": ("Registre {topic} {year}", "Tableau de suivi {topic}, extraction du {date}",
               "Fiches d'enregistrement {topic} ({n} fiches)"),
    "minutes": ("Compte rendu {meeting} du {date}", "Procès-verbal {meeting} du {date}"),
    "interview": ("Entretien avec {role}", "Entretiens avec {role} et {role2}"),
    "contract": ("Contrats d'engagement réciproque signés ({n} dossiers)",
                 "Conventions de partenariat {topic}", "Contrats de travail et avenants {year}"),
    "indicator-source": ("Tableau de bord {topic} au {date}",
                         "Extraction du logiciel de suivi des parcours au {date}"),
    "sample": ("Échantillon de {n} dossiers de salariés en parcours",
               "Échantillon de {n} fiches {topic}"),
    "plan": ("Plan d'actions {topic} {year}", "Plan de formation {year}",
             "Plan de prévention {year}, révisé en {month}"),
    "report": ("Rapport d'activité {year}", "Rapport d'audit interne {topic} de {month}",
               "Bilan annuel {topic} {year}"),
    "policy": ("Politique {topic} signée par la direction", "Charte {topic}, version {v}"),
    "certificate": ("Certificats et attestations {topic}", "Attestation de conformité {topic}"),
    "observation": ("Observation sur site : {thing}", "Visite commentée : {thing}"),
    "training-record": ("Feuilles d'émargement et attestations de formation {topic}",
                        "Attestations de formation SST et habilitations {year}"),
    "other": ("Document de travail {topic}", "Note interne {topic} du {date}"),
    "attestation": ("Attestations de compétences remises en {month} ({n} salariés)",),
    "photo": ("Photographies datées : {thing}",),
    "survey": ("Enquête de satisfaction des salariés en parcours {year}",
               "Enquête de satisfaction des prescripteurs et partenaires {year}"),
}

C_OPEN = ("Exigence satisfaite", "Dispositif en place et connu des équipes",
          "Pratique formalisée et appliquée", "Organisation maîtrisée", "Conforme",
          "Fonctionnement conforme au référentiel")
C_DETAIL = (
    "la procédure en vigueur (version {v}) est appliquée par les encadrants rencontrés",
    "{n} dossiers consultés, complets, datés et signés",
    "les comptes rendus sont datés, diffusés et archivés dans l'espace partagé",
    "le tableau de bord est mis à jour chaque mois et présenté au bureau",
    "les responsabilités sont définies dans les fiches de poste, mises à jour en {month}",
    "les salariés en parcours interrogés connaissent le dispositif et leurs interlocuteurs",
    "la dernière revue, en {month}, a donné lieu à un plan d'actions suivi",
    "les enregistrements demandés sont disponibles et exploitables",
    "les partenaires du territoire sont associés lors des comités de suivi",
    "les actions décidées lors du précédent audit sont soldées",
)
C_END = ("Aucune remarque.", "Bonne appropriation par l'équipe permanente.",
         "Pratique homogène sur les sites visités.", "")
PF_DETAIL = (
    "démarche exemplaire, co-construite avec les salariés en parcours et reprise par le réseau",
    "outil de suivi partagé, simple et tenu à jour en temps réel par toute l'équipe",
    "implication remarquable de la gouvernance, qui examine les résultats à chaque séance",
    "partenariats nombreux et formalisés, avec des bilans annuels chiffrés",
    "dispositif d'accueil très complet, apprécié des salariés rencontrés",
)
PP_DETAIL = (
    "formaliser par écrit la pratique, aujourd'hui transmise oralement entre encadrants",
    "élargir l'enquête de satisfaction aux prescripteurs et aux entreprises partenaires",
    "automatiser la consolidation des indicateurs, aujourd'hui faite à la main chaque trimestre",
    "harmoniser les modèles de comptes rendus entre les sites",
    "prévoir une revue annuelle de la procédure avec les salariés concernés",
    "mieux tracer les décisions prises en réunion d'équipe",
)
PS_DETAIL = (
    "la pratique n'est pas homogène entre les encadrants : deux trames différentes coexistent",
    "le suivi repose sur une seule personne, sans suppléance prévue en cas d'absence",
    "la mise à jour du document est en retard de plusieurs mois sur le calendrier prévu",
    "les enregistrements existent mais sont dispersés, ce qui rend le suivi difficile",
    "les délais annoncés ne sont pas toujours tenus en période de forte activité",
    "la communication des résultats aux salariés en parcours reste limitée",
)
NCM_MINOR = (
    "{k} dossiers sur {n} ne comportent pas le document attendu",
    "la procédure n'est pas appliquée sur le site de {site} : l'enregistrement est absent",
    "le document de référence n'a pas été revu depuis plus de deux ans",
    "les comptes rendus prévus ne sont pas rédigés de façon systématique",
    "l'indicateur n'est pas suivi selon la fréquence définie",
    "les actions décidées lors de la précédente revue ne sont pas soldées ni replanifiées",
)
NCM_MAJOR = (
    "absence totale de dispositif : aucune procédure ni aucun enregistrement n'a pu être présenté",
    "l'exigence n'est pas mise en œuvre depuis le départ de la personne référente",
    "les écarts relevés lors du précédent audit n'ont fait l'objet d'aucune action",
    "défaillance généralisée constatée sur l'ensemble des dossiers de l'échantillon",
)
NC_EFFECT = (
    "Le suivi des salariés en parcours n'est pas garanti.",
    "L'exigence n'est que partiellement satisfaite.",
    "La traçabilité des décisions n'est pas assurée.",
    "Risque de perte d'information lors des changements d'interlocuteur.",
    "La direction n'a pas de vision consolidée de la situation.",
)
NA_JUST = (
    "Aucun équipement de mesure : l'activité de la structure n'en requiert pas.",
    "La structure ne conçoit pas de prestations nouvelles : elle réalise des prestations "
    "standard définies par ses clients.",
    "Aucune propriété des clients ou des prestataires externes n'est confiée à la structure.",
    "Activité sans sous-traitance : aucun prestataire externe n'intervient dans la réalisation.",
    "La structure n'accueille pas de public mineur.",
)
OVERRIDE = (
    "Indicateur conjoncturellement hors de la cible (fermeture d'un chantier pendant trois mois) ; "
    "la pratique est en place et les résultats des derniers mois sont revenus au niveau attendu.",
    "Échantillon réduit du fait du faible nombre d'entrées sur la période ; les dossiers examinés "
    "sont tous conformes, la note est maintenue.",
)
SAMPLE_NOTES = (
    "document signé {w} semaines après l'embauche", "compte rendu non daté",
    "pièce absente du dossier", "signature du salarié manquante", "délai de traitement dépassé",
    "fiche incomplète : objectifs non renseignés", "version obsolète du formulaire utilisée",
)
SAMPLE_PREFIX = (("salarié", "SAL"), ("entretien", "CR"), ("réclamation", "REC"),
                 ("fiche", "FP"), ("dossier", "DOS"))

BUILTIN_EVIDENCE = ("procedure", "record", "minutes", "interview", "contract", "indicator-source",
                    "sample", "plan", "report", "policy", "certificate", "observation",
                    "training-record", "other")
ORG_KINDS = ("ACI", "AI", "EI", "ETTI", "GES", "EBE", "other")

# Share of applicable, non-NA criteria by grade kind (grades scales).
GRADE_MIX = (("conforming", 0.735), ("strength", 0.04), ("opportunity", 0.09),
             ("observation", 0.08), ("minor-nc", 0.05), ("major-nc", 0.005))
NA_SHARE = 0.3  # of the applicable criteria that allow NA
OVERRIDE_SHARE = 0.01  # of the met criteria with an indicator or sample check
FINDINGS_FORM_SHARE = 0.15  # of observations and nonconformities


def quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def key(s):
    return s if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", s) else quote(s)


def num(v):
    """A number for YAML, exactly as computed (at most 4 decimals), without a trailing ".0"."""
    if abs(v - round(v)) < 1e-9:
        return str(int(round(v)))
    return ("%.4f" % v).rstrip("0").rstrip(".")


def as_bool(v):
    return v is True or (isinstance(v, str) and v.lower() == "true")


def as_num(v):
    return None if v is None else float(v)


def text_fr(t):
    if t is None:
        return ""
    if isinstance(t, dict):
        return t.get("fr") or next(iter(t.values()), "") or ""
    return str(t)


def luhn_ok(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def make_siret(rng):
    base = "".join(str(rng.randrange(10)) for _ in range(13))
    for last in "0123456789":
        if luhn_ok(base + last):
            return base + last
    raise AssertionError


def in_range(r, x):
    if not r:
        return True
    lo, hi = as_num(r.get("min")), as_num(r.get("max"))
    return (lo is None or x >= lo) and (hi is None or x <= hi)


def applies(crit, kind, headcount, sites):
    a = crit.get("applies_to") or {}
    kinds = a.get("kinds")
    if kinds and kind not in kinds:
        return False
    return in_range(a.get("headcount"), headcount) and in_range(a.get("sites"), sites)


def fill_at(rng, template, when, **extra):
    """`template` with its fields filled in; months and years are those of `when`."""
    values = {
        "v": str(rng.randint(2, 6)),
        "n": str(rng.randint(6, 20)),
        "month": "%s %d" % (MONTHS_FR[when.month - 1], when.year),
        "year": str(when.year),
        "topic": rng.choice(TOPICS),
        "meeting": rng.choice(MEETINGS),
        "role": rng.choice(ROLES),
        "role2": rng.choice(ROLES),
        "thing": rng.choice(SITE_THINGS),
        "w": str(rng.randint(5, 9)),
    }
    values.update(extra)
    return template.format(**values)


# ---------------------------------------------------------------------------------------------


class Generator:
    def __init__(self, ref, args):
        self.ref = ref
        self.args = args
        self.rng = random.Random(args.seed)
        scales = ref.get("scales") or []
        self.scales = {s["id"]: s for s in scales}
        self.default_scale = ref.get("default_scale") or (scales[0]["id"] if len(scales) == 1 else None)
        extra = []
        for e in ref.get("evidence_kinds") or []:
            extra.append((e["id"], text_fr(e.get("label"))) if isinstance(e, dict) else (e, e))
        self.kind_labels = dict(extra)
        self.known_kinds = list(BUILTIN_EVIDENCE) + [k for k, _ in extra]
        self.criteria = ref.get("criteria") or []
        policy = ref.get("decision") or {}
        # The grade mix, with nonconformities scaled to --nc-share (the others keep their ratios).
        nc = sum(p for k, p in GRADE_MIX if k in ("minor-nc", "major-nc"))
        share = args.nc_share if args.nc_share is not None else nc
        self.mix = [(k, p * share / nc if k in ("minor-nc", "major-nc") else p * (1 - share) / (1 - nc))
                    for k, p in GRADE_MIX]
        self.crit_escalations = [e for e in policy.get("escalations") or []
                                 if (e.get("within") or "chapter") == "criterion"]

    # -- organisation and audit -------------------------------------------------------------
    def organisation(self, out):
        rng = self.rng
        self.kind = self.args.kind
        n_sites = 3 if self.kind == "GES" else rng.randint(2, 3)
        self.permanent = rng.randint(5, 25)
        self.pathway = rng.randint(20, 120)
        towns = rng.sample(TOWNS, n_sites)
        self.sites = []
        for i, (town, cp) in enumerate(towns):
            sid = re.sub(r"[^a-z0-9]+", "-", town.lower().replace("é", "e").replace("ô", "o")
                         .replace("è", "e")).strip("-")
            self.sites.append((sid, "%s de %s" % (rng.choice(SITE_KINDS), town),
                               "%d %s, %s %s" % (rng.randint(1, 120), rng.choice(STREETS), cp, town)))
        self.site_towns = {s[0]: t for s, (t, _) in zip(self.sites, towns)}
        w = out.append
        w("organisation:")
        w("  name: %s" % quote(rng.choice(ORG_NAMES)))
        siret = make_siret(rng)
        w("  siret: %s" % quote("%s %s %s %s" % (siret[:3], siret[3:6], siret[6:9], siret[9:])))
        w("  kind: %s" % self.kind)
        w("  region: %s" % quote(rng.choice(REGIONS)))
        w("  headcount:")
        w("    permanent: %d" % self.permanent)
        w("    pathway: %d" % self.pathway)
        w("  sites:")
        for sid, name, address in self.sites:
            w("    - id: %s" % sid)
            w("      name: %s" % quote(name))
            w("      address: %s" % quote(address))
        w("")

    def audit(self, out):
        rng = self.rng
        self.start = datetime.date(2026, 9, 1) + datetime.timedelta(days=rng.randrange(61))
        self.end = self.start + datetime.timedelta(days=len(self.sites) + rng.randint(0, 1))
        self.decision = self.end + datetime.timedelta(days=rng.randint(7, 21))
        people = set()
        while len(people) < 4:
            people.add("%s %s" % (rng.choice(FIRST), rng.choice(LAST)))
        people = sorted(people)
        rng.shuffle(people)
        lead, team, decider = people[0], people[1:1 + rng.randint(1, 2)], people[3]
        self.lead = lead
        w = out.append
        w("audit:")
        w("  id: AUD-%d-%03d" % (self.start.year, rng.randint(1, 200)))
        self.audit_kind = rng.choice(("initial", "surveillance", "renewal"))
        w("  kind: %s" % self.audit_kind)
        w("  start: %s" % self.start.isoformat())
        w("  end: %s" % self.end.isoformat())
        w("  decision_date: %s" % self.decision.isoformat())
        w("  sites_visited: [%s]" % ", ".join(s[0] for s in self.sites))
        w("  lead_auditor: %s" % quote(lead))
        w("  auditors: [%s]" % ", ".join(quote(p) for p in team))
        w("  decision_maker: %s" % quote(decider))
        w("  scope: %s" % quote(
            "Accueil, accompagnement, formation et encadrement des salariés en parcours ; "
            "activités de production des sites de " +
            ", ".join(self.site_towns[s[0]] for s in self.sites)))
        w("  objectives: %s" % quote(
            "Audit de %s au regard du référentiel %s version %s : vérifier la conformité du "
            "système qualité et décider de l'attribution du label." %
            ("certification", self.ref["id"], self.ref["version"])))
        w("")
        # A surveillance or a renewal follows an earlier decision: the certificate's dates, on time
        # (a first surveillance 11 months after the decision, a renewal 34 months after it). No
        # random draw here, so the rest of the file does not depend on it.
        if self.audit_kind != "initial":
            months, done = (11, 0) if self.audit_kind == "surveillance" else (34, 2)
            cycle = add_months(self.start, -months)
            w("certificate:")
            w("  decision_date: %s" % cycle.isoformat())
            w("  surveillances_done: %d" % done)
            if done:
                w("  last_audit: %s" % (add_months(cycle, 12 * done) - datetime.timedelta(days=30)).isoformat())
            w("")

    # -- evidence register ------------------------------------------------------------------
    def used_kinds(self):
        kinds = set()
        for c in self.criteria:
            kinds.update(c.get("evidence") or [])
            for ch in c.get("checks") or []:
                if ch.get("type") == "evidence":
                    kinds.update(ch.get("kinds") or [])
        kinds.update(("interview", "observation"))  # every audit has some
        return [k for k in self.known_kinds if k in kinds]

    def evidence(self, out):
        rng = self.rng
        kinds = self.used_kinds()
        need = 1
        for c in self.criteria:
            for ch in c.get("checks") or []:
                if ch.get("type") == "evidence":
                    need = max(need, int(ch.get("min_count") or 1))
        per_kind = need + 2  # recent items guaranteed for each kind
        total = max(self.args.evidence, per_kind * len(kinds))
        width = max(2, len(str(total)))
        items = []
        for i in range(total):
            kind = kinds[i % len(kinds)] if i < per_kind * len(kinds) else rng.choice(kinds)
            guaranteed = i < per_kind * len(kinds)
            r = rng.random()
            if kind in ("interview", "observation", "photo") and (guaranteed or r < 0.7):
                date = self.start + datetime.timedelta(days=rng.randrange((self.end - self.start).days + 1))
            elif guaranteed or r < 0.75:
                date = self.start - datetime.timedelta(days=rng.randint(1, 150))
            elif r < 0.97:
                date = self.start - datetime.timedelta(days=rng.randint(151, 700))
            else:
                date = None
            items.append({"id": "E%0*d" % (width, i + 1), "kind": kind, "date": date})
        rng.shuffle(items)  # ids stay in order; kinds and dates are mixed
        for i, it in enumerate(items):
            it["id"] = "E%0*d" % (width, i + 1)
        self.evidence_items = items
        self.by_kind = {}
        for it in items:
            self.by_kind.setdefault(it["kind"], []).append(it)
        w = out.append
        w("evidence:")
        for it in items:
            kind = it["kind"]
            tmpl = rng.choice(EVIDENCE_TITLES.get(kind) or
                              ((self.kind_labels.get(kind, kind) or kind) + " : {topic}",))
            ref_date = it["date"] or self.start
            title = fill_at(rng, tmpl, ref_date, date=date_fr(ref_date))
            title = title[0].upper() + title[1:]
            date = ", date: %s" % it["date"].isoformat() if it["date"] else ""
            w("  - {id: %s, kind: %s, title: %s%s}" % (it["id"], kind, quote(title), date))
        w("")

    def fresh(self, item, check):
        age = check.get("max_age_months")
        if age is None:
            return True
        if item["date"] is None:
            return False
        return item["date"] >= add_months(self.start, -int(age))

    # -- assessments ------------------------------------------------------------------------
    def pick_kind(self, blocking):
        r = self.rng.random()
        mix = [(k, p) for k, p in self.mix if not (blocking and k in ("minor-nc", "major-nc"))]
        total = sum(p for _, p in mix)
        r *= total
        for k, p in mix:
            r -= p
            if r < 0:
                return k
        return mix[-1][0]

    def finding_text(self, kind, crit, notes):
        rng = self.rng
        past = self.start - datetime.timedelta(days=rng.randint(20, 400))

        def fill(rng, template, **extra):
            return fill_at(rng, template, past, **extra)

        site = self.site_towns[rng.choice(self.sites)[0]]
        extra = (" " + " ".join(notes)) if notes else ""
        if kind == "conforming":
            parts = rng.sample(C_DETAIL, rng.randint(1, 2))
            end = rng.choice(C_END)
            s = "%s : %s.%s%s" % (rng.choice(C_OPEN), " ; ".join(fill(rng, p) for p in parts),
                                  extra, (" " + end) if end else "")
        elif kind == "strength":
            s = "Point fort : %s ; %s.%s" % (fill(rng, rng.choice(PF_DETAIL)),
                                             fill(rng, rng.choice(C_DETAIL)), extra)
        elif kind == "opportunity":
            s = "Dispositif en place ; piste de progrès : %s.%s" % (
                fill(rng, rng.choice(PP_DETAIL)), extra)
        elif kind == "observation":
            s = "Point sensible sur le site de %s : %s. %s%s" % (
                site, fill(rng, rng.choice(PS_DETAIL)), "Sans effet constaté à ce jour sur les "
                "parcours, mais à surveiller.", extra)
        elif kind == "minor-nc":
            n = rng.randint(6, 12)
            s = "Écart : %s.%s %s" % (fill(rng, rng.choice(NCM_MINOR), n=str(n),
                                          k=str(rng.randint(1, 3)), site=site),
                                     extra, rng.choice(NC_EFFECT))
        elif kind == "major-nc":
            s = "Écart majeur : %s.%s %s %s" % (fill(rng, rng.choice(NCM_MAJOR)), extra,
                                               rng.choice(NC_EFFECT),
                                               "Une action corrective immédiate est requise.")
        else:
            s = "Constat."
        return s[0].upper() + s[1:]

    def indicator_value(self, lo, hi, pct, ok, near=False):
        """A value within [lo, hi] when ok, outside otherwise (see can_fail); `near`: just outside."""
        rng = self.rng
        if not ok and near:
            if lo is not None and lo > 0:
                return max(0.0, round(lo - rng.uniform(0.1, max(0.2, lo * 0.08)), 1))
            return round(hi + rng.uniform(0.1, max(0.2, hi * 0.08)), 1)
        if ok:
            if lo is not None and hi is not None:
                a, b = lo, hi
            elif lo is not None:
                a, b = lo, (min(100.0, lo + 35) if pct else lo + max(5.0, lo * 0.5))
            else:
                a, b = max(0.0, hi * 0.3), hi
            if b < a:
                b = a
            v = round(rng.uniform(a, b), 1)
            if lo is not None:
                v = max(v, lo)
            if hi is not None:
                v = min(v, hi)
            return v
        if lo is not None and lo > 0 and (hi is None or rng.random() < 0.7):
            return max(0.0, round(lo - rng.uniform(max(0.1, lo * 0.02), max(0.2, lo * 0.4)), 1))
        return round(hi + rng.uniform(max(0.1, hi * 0.05), max(1.0, hi * 0.8)), 1)

    @staticmethod
    def can_fail(lo, hi):
        return (lo is not None and lo > 0) or hi is not None

    def sample(self, size, rate, label, ok, small=False):
        """A sample that passes (size and rate) when ok; `small`: fails by its size only."""
        rng = self.rng
        n = size + rng.randint(0, 4)
        need = math.ceil(rate * n - 1e-9)  # the evaluator: passed / n + 1e-9 >= rate
        if ok:
            passed = rng.randint(need, n)
        elif small and size > 1:
            n = rng.randint(max(1, size - 2), size - 1)
            passed = n
        elif size > 1 and rng.random() < 0.25:
            n = rng.randint(1, size - 1)  # too small a sample
            passed = rng.randint(0, n)
        else:
            passed = rng.randint(max(0, need - 3), need - 1)
        prefix = next((p for word, p in SAMPLE_PREFIX if word in label), "ECH")
        ids = sorted(rng.sample(range(1, 1000), n))
        fails = set(rng.sample(range(n), n - passed))
        items = []
        for k, i in enumerate(ids):
            if k in fails:
                note = fill_at(rng, rng.choice(SAMPLE_NOTES), self.start)
                items.append('{id: "%s-%04d", pass: false, note: %s}' % (prefix, i, quote(note)))
            else:
                items.append('{id: "%s-%04d", pass: true}' % (prefix, i))
        return items, passed, n

    def assess(self, crit, out, stats):
        rng = self.rng
        cid = crit["id"]
        scale = self.scales.get(crit.get("scale") or self.default_scale)
        checks = crit.get("checks") or []
        blocking = as_bool(crit.get("blocking"))
        w = out.append
        w("  %s:" % key(cid))

        maturity = scale.get("type") == "maturity"
        if maturity:
            levels = [lv["code"] for lv in scale.get("levels") or []]
            pass_from = levels.index(scale["pass_from"]) if scale.get("pass_from") else 0
            if pass_from > 0 and not blocking and rng.random() < 0.12:
                li = rng.randrange(pass_from)
            else:
                li = rng.randint(pass_from, len(levels) - 1)
            met = li >= pass_from
            kind = ("conforming" if met else "minor-nc")
            code = levels[li]
            stats[code] = stats.get(code, 0) + 1
        else:
            grades = scale.get("grades") or []
            by_kind = {}
            for g in grades:
                by_kind.setdefault(g["kind"], g["code"])
            if as_bool(crit.get("na_allowed")) and "not-applicable" in by_kind and \
                    rng.random() < NA_SHARE:
                code = by_kind["not-applicable"]
                stats[code] = stats.get(code, 0) + 1
                w("    grade: %s" % code)
                w("    na_justification: %s" % quote(rng.choice(NA_JUST)))
                return
            kind = self.pick_kind(blocking)
            while kind not in by_kind:
                kind = "conforming" if "conforming" in by_kind else next(
                    k for k in by_kind if k != "not-applicable")
            code = by_kind[kind]
            met = kind in ("strength", "conforming", "opportunity")
            stats[code] = stats.get(code, 0) + 1

        # Which checks pass. Met grades: all, except an overridden one now and then (an indicator
        # or a sample). Other grades: checks mostly fail for nonconformities, sometimes for
        # observations; any outcome is valid there, since only a met grade can be contradicted.
        passes = []
        for ch in checks:
            if met:
                passes.append(True)
            elif kind in ("minor-nc", "major-nc"):
                passes.append(rng.random() >= 0.7)
            else:
                passes.append(rng.random() >= 0.3)
        # Indicator checks grouped by indicator id, sample checks into one sample: a value or a
        # sample must satisfy every check of its group to pass, and fails the strictest bound.
        ind_groups = {}
        for i, ch in enumerate(checks):
            if ch.get("type") == "indicator":
                g = ind_groups.setdefault(ch["indicator"], {"lo": None, "hi": None, "idx": [],
                                                            "check": ch})
                lo, hi = as_num(ch.get("min")), as_num(ch.get("max"))
                if lo is not None:
                    g["lo"] = lo if g["lo"] is None else max(g["lo"], lo)
                if hi is not None:
                    g["hi"] = hi if g["hi"] is None else min(g["hi"], hi)
                g["idx"].append(i)
        for g in ind_groups.values():
            if not self.can_fail(g["lo"], g["hi"]):
                for i in g["idx"]:
                    passes[i] = True
        sample_idx = [i for i, ch in enumerate(checks) if ch.get("type") == "sample"]
        override = None
        overridable = [i for i in sample_idx] + [i for g in ind_groups.values()
                                                 if self.can_fail(g["lo"], g["hi"])
                                                 for i in g["idx"]]
        if met and overridable and rng.random() < OVERRIDE_SHARE:
            i = rng.choice(sorted(overridable))
            passes[i] = False
            override = OVERRIDE[0] if checks[i]["type"] == "indicator" else OVERRIDE[1]
            stats["override"] = stats.get("override", 0) + 1

        # Evidence: what the failing evidence checks forbid, then what the checks need.
        failing_ev = [ch for ch, ok in zip(checks, passes) if ch.get("type") == "evidence" and not ok]

        def counts_for_failing(item):
            return any(item["kind"] in (ch.get("kinds") or []) and self.fresh(item, ch)
                       for ch in failing_ev)

        def would_pass_a_failing(extra):
            return any(sum(1 for x in extra if x["kind"] in (f.get("kinds") or [])
                           and self.fresh(x, f)) >= int(f.get("min_count") or 1)
                       for f in failing_ev)

        cited = []

        def cite(item):
            if item not in cited:
                cited.append(item)

        notes = []
        for ch, ok in zip(checks, passes):
            if ch.get("type") != "evidence":
                continue
            kinds = ch.get("kinds") or []
            need = int(ch.get("min_count") or 1)
            pool = [it for k in kinds for it in self.by_kind.get(k, [])]
            if ok:
                fresh = [it for it in pool if self.fresh(it, ch)]
                good = [it for it in fresh if not counts_for_failing(it)]
                if len(good) < need:
                    if met:  # cannot happen: met grades have no failing evidence check
                        raise SystemExit("error: %s: not enough evidence of kinds %s" % (cid, kinds))
                    good = fresh  # a failing check of this criterion will pass after all
                for it in rng.sample(good, min(len(good), need + rng.randint(0, 1))):
                    cite(it)
            else:
                # Fewer fresh items than needed, or only stale ones.
                stale = [it for it in pool if not self.fresh(it, ch)]
                if stale and rng.random() < 0.5:
                    cite(rng.choice(stale))
                    notes.append("Preuves présentées trop anciennes ou non datées.")
                else:
                    fresh = [it for it in pool if self.fresh(it, ch)]
                    rng.shuffle(fresh)
                    for it in fresh[:rng.randint(0, need - 1)]:
                        if not would_pass_a_failing(cited + [it]):
                            cite(it)
                    notes.append("Preuves attendues insuffisantes." if need > 1 else
                                 "Preuves attendues absentes.")
        # The evidence the criterion expects, then at least one item in any case.
        expected = list(crit.get("evidence") or [])
        for k in rng.sample(expected, min(len(expected), rng.randint(1, 2))):
            choices = [it for it in self.by_kind.get(k, []) if not counts_for_failing(it)]
            if choices:
                cite(rng.choice(choices))
        while not cited:
            it = rng.choice(self.evidence_items)
            if not counts_for_failing(it):
                cite(it)

        # Indicators and samples.
        indicators = []
        for ind, g in ind_groups.items():
            ok = all(passes[i] for i in g["idx"])
            ch = g["check"]
            unit = ch.get("unit") or ""
            v = self.indicator_value(g["lo"], g["hi"], unit == "%", ok, near=override is not None)
            indicators.append((ind, v))
            notes.append("Indicateur %s : %s%s." % (
                text_fr(ch.get("label")) or ind, num(v).replace(".", ","),
                (" %" if unit == "%" else (" " + unit if unit else ""))))
        sample_lines = None
        if sample_idx:
            size = max(int(checks[i]["min_size"]) for i in sample_idx)
            rate = max(float(checks[i]["pass_rate"]) for i in sample_idx)
            label = text_fr(checks[sample_idx[0]].get("sample")).lower()
            ok = all(passes[i] for i in sample_idx)
            sample_lines, passed, n = self.sample(size, rate, label, ok, small=override is not None)
            notes.append("Échantillon de %d %s : %d conforme%s." % (
                n, label or "éléments", passed, "s" if passed > 1 else ""))

        text = self.finding_text(kind, crit, notes)
        word = "level" if maturity else "grade"
        use_findings = (not maturity and kind in ("observation", "minor-nc", "major-nc")
                        and len(self.sites) > 1 and len(cited) > 1
                        and rng.random() < FINDINGS_FORM_SHARE)
        if use_findings:
            second_kind = "observation" if kind != "observation" else "opportunity"
            second = by_kind.get(second_kind)
            codes = [code, second]
            fires = any(sum(1 for c in codes if c == e.get("from")) >= int(e.get("count"))
                        for e in self.crit_escalations)
            if second is None or fires:
                use_findings = False
        if use_findings:
            half = max(1, len(cited) // 2)
            s1, s2 = rng.sample(self.sites, 2)
            w("    findings:")
            w("      - grade: %s" % code)
            w("        text: %s" % quote(text))
            w("        evidence: [%s]" % ", ".join(it["id"] for it in cited[:half]))
            w("        site: %s" % s1[0])
            w("      - grade: %s" % second)
            w("        text: %s" % quote(self.finding_text(second_kind, crit, [])))
            w("        evidence: [%s]" % ", ".join(it["id"] for it in cited[half:]))
            w("        site: %s" % s2[0])
            stats["findings-form"] = stats.get("findings-form", 0) + 1
        else:
            w("    %s: %s" % (word, code))
            if kind != "conforming" or override or rng.random() < 0.9:
                w("    finding: %s" % quote(text))
            else:
                w("    finding: %s" % quote("Conforme."))
            w("    evidence: [%s]" % ", ".join(it["id"] for it in cited))
        if indicators:
            w("    indicators: {%s}" % ", ".join("%s: %s" % (key(i), num(v)) for i, v in indicators))
        if sample_lines is not None:
            w("    sample:")
            for line in sample_lines:
                w("      - " + line)
        if override:
            w("    override: %s" % quote(override))

    def run(self):
        out = []
        w = out.append
        a = self.args
        w("# Generated by bench/gen_dossier.py %s --seed %d --kind %s --evidence %d"
          % (os.path.basename(a.referential), a.seed, a.kind, a.evidence))
        w("format: 1")
        w("referential: {id: %s, version: %s}" % (key(self.ref["id"]), quote(str(self.ref["version"]))))
        w("")
        self.organisation(out)
        self.audit(out)
        self.evidence(out)
        headcount = self.permanent + self.pathway
        stats = {}
        w("assessments:")
        applicable = 0
        for crit in self.criteria:
            if not applies(crit, self.kind, headcount, len(self.sites)):
                continue
            applicable += 1
            self.assess(crit, out, stats)
        w("")
        summary = ", ".join("%s %d" % (k, v) for k, v in sorted(stats.items()))
        print("gen_dossier.py: %d criteria, %d applicable and assessed, %d evidence items; %s"
              % (len(self.criteria), applicable, len(self.evidence_items), summary),
              file=sys.stderr)
        return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("referential", help="referential YAML file")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--kind", default="ACI", choices=ORG_KINDS, help="organisation kind")
    ap.add_argument("--evidence", type=int, default=300, help="evidence register size")
    ap.add_argument("--nc-share", type=float, default=None,
                    help="share of nonconformities (minor + major) among graded criteria, "
                         "default 0.055; blocking criteria are never failed")
    args = ap.parse_args()
    with open(args.referential, encoding="utf-8") as f:
        try:
            ref = load_yaml_subset(f.read())
        except YamlError as e:
            raise SystemExit("error: %s: %s (unsupported YAML for this reader)" % (args.referential, e))
    if not isinstance(ref, dict) or "criteria" not in ref:
        raise SystemExit("error: %s is not a referential" % args.referential)
    data = Generator(ref, args).run().encode("utf-8")
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
