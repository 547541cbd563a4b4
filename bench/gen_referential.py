#!/usr/bin/env python3
"""Generates a large, valid sceau referential (format 1) for load benchmarks.

    gen_referential.py --criteria N [--deps D | --density X] --seed S [--chapters C] [--depth L]
        [--long-ids] > ref.yaml

The output follows the referential format (referentials/README.md): a grades scale
(PF/C/PP/PS/NCm/NCM/NA), extra evidence kinds, a framework with items, two levels of chapters,
N criteria with French and English texts of realistic length, and a decision policy with four
outcomes ending in a fallback. Exactly D `requires` links are written; each points to a criterion
earlier in the file, so the graph is a DAG by construction. The output depends only on the
arguments: the same seed gives the same bytes.

The dependency density can be given instead of the number of links: --density X writes
round(X * N) links (X prerequisites per criterion on average; --density 2 is --deps 2N).

Standard library only.
"""

import argparse
import math
import random
import sys

# Words for the French-like texts (with accents, as real referentials have).
FR_WORDS = (
    "la structure l'organisme le salarié les salariés en parcours d'insertion l'accompagnement "
    "socioprofessionnel est formalisé et réévalué régulièrement avec les partenaires du "
    "territoire la direction s'assure que les procédures sont connues appliquées et mises à "
    "jour le référent veille à la sécurité des données personnelles et à la traçabilité des "
    "décisions prises en comité les entretiens individuels font l'objet d'un compte rendu "
    "daté et signé les indicateurs de résultats sont suivis analysés et communiqués au "
    "conseil d'administration la qualité de vie au travail est prise en compte dans "
    "l'organisation des équipes les réclamations des bénéficiaires sont enregistrées traitées "
    "et clôturées dans un délai défini les compétences acquises sont reconnues par une "
    "attestation ou une certification la gouvernance associe les salariés permanents aux "
    "orientations stratégiques le plan de formation répond aux besoins identifiés lors des "
    "entretiens professionnels l'évaluation des risques professionnels est réalisée chaque "
    "année et le document unique est tenu à disposition les fournisseurs sont sélectionnés "
    "selon des critères éthiques et environnementaux la démarche d'amélioration continue "
    "s'appuie sur des audits internes périodiques"
).split()

EN_WORDS = (
    "the organisation ensures that employees on an integration pathway receive structured "
    "support which is documented and reviewed regularly with local partners management "
    "makes sure that procedures are known applied and kept up to date the officer protects "
    "personal data and keeps decisions traceable individual interviews are recorded dated "
    "and signed result indicators are monitored analysed and reported to the board quality "
    "of working life is considered when organising teams complaints from beneficiaries are "
    "logged handled and closed within a defined time acquired skills are recognised by a "
    "certificate governance involves permanent staff in strategic choices the training plan "
    "meets the needs identified during professional reviews occupational risks are assessed "
    "every year and suppliers are selected on ethical and environmental criteria continuous "
    "improvement relies on periodic internal audits"
).split()

FR_TOPICS = (
    "Accueil", "Gouvernance", "Accompagnement", "Formation", "Sécurité", "Qualité de vie",
    "Partenariats", "Réclamations", "Données personnelles", "Amélioration continue",
    "Pilotage", "Ressources humaines", "Achats responsables", "Environnement", "Santé",
    "Communication", "Finances", "Écoute des bénéficiaires", "Compétences", "Éthique",
)
EN_TOPICS = (
    "Reception", "Governance", "Support", "Training", "Safety", "Quality of working life",
    "Partnerships", "Complaints", "Personal data", "Continuous improvement",
    "Steering", "Human resources", "Responsible purchasing", "Environment", "Health",
    "Communication", "Finance", "Listening to beneficiaries", "Skills", "Ethics",
)

BUILTIN_EVIDENCE = (
    "procedure", "record", "minutes", "interview", "contract", "indicator-source", "sample",
    "plan", "report", "policy", "certificate", "observation", "training-record", "other",
)
EXTRA_EVIDENCE = (
    ("attestation", "Attestation de compétences", "Skills certificate"),
    ("photo", "Photographie datée", "Dated photograph"),
    ("survey", "Enquête de satisfaction", "Satisfaction survey"),
)
ORG_KINDS = ("ACI", "AI", "EI", "ETTI", "GES", "EBE", "other")
INDICATORS = (
    ("taux-sorties-dynamiques", "Taux de sorties dynamiques", "Positive exit rate", "%"),
    ("delai-reclamations", "Délai moyen de traitement des réclamations",
     "Average complaint handling time", "jours"),
    ("taux-formation", "Part des salariés formés", "Share of trained employees", "%"),
    ("taux-absenteisme", "Taux d'absentéisme", "Absenteeism rate", "%"),
)
SAMPLES = (
    ("dossiers de salariés en parcours", "files of employees on a pathway"),
    ("comptes rendus d'entretien", "interview reports"),
    ("réclamations clôturées", "closed complaints"),
    ("fiches de poste", "job descriptions"),
)


def quote(s):
    """A double-quoted YAML scalar."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def text(fr, en):
    return "{fr: %s, en: %s}" % (quote(fr), quote(en))


def sentence(rng, words, lo, hi):
    n = rng.randint(lo, hi)
    out = []
    while len(out) < n:  # a few runs of consecutive words read more like real prose
        start = rng.randrange(len(words))
        run = min(n - len(out), rng.randint(4, 9))
        out.extend(words[(start + k) % len(words)] for k in range(run))
    s = " ".join(out)
    return s[0].upper() + s[1:] + "."


def topic(i):
    return FR_TOPICS[i % len(FR_TOPICS)], EN_TOPICS[i % len(EN_TOPICS)]


def distribute_deps(rng, n, d, max_per):
    """Number of prerequisites of each criterion: d in total, criterion i gets at most
    min(i, max_per), so every link can point to a distinct earlier criterion."""
    caps = [min(i, max_per) for i in range(n)]
    if d > sum(caps):
        raise SystemExit("error: %d deps do not fit in %d criteria (at most %d)"
                         % (d, n, sum(caps)))
    counts = [0] * n
    eligible = [i for i in range(n) if caps[i] > 0]
    for _ in range(d):
        k = rng.randrange(len(eligible))
        i = eligible[k]
        counts[i] += 1
        if counts[i] == caps[i]:
            eligible[k] = eligible[-1]
            eligible.pop()
    return counts


def pick_prereqs(rng, i, k):
    """k distinct criteria before i: mostly nearby ones (same area), some anywhere earlier."""
    if k == 0:
        return []
    if k * 2 > i:
        return sorted(rng.sample(range(i), k))
    chosen = set()
    while len(chosen) < k:
        if rng.random() < 0.7:
            j = rng.randrange(max(0, i - 60), i)
        else:
            j = rng.randrange(i)
        chosen.add(j)
    return sorted(chosen)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--criteria", type=int, default=10000, help="number of criteria (N)")
    ap.add_argument("--deps", type=int, default=None,
                    help="number of requires links (D; default 20000, or from --density)")
    ap.add_argument("--density", type=float, default=None,
                    help="dependency density: requires links per criterion on average "
                         "(writes round(X * N) links; not with --deps)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--chapters", type=int, default=0,
                    help="number of leaf chapters (default: about sqrt(N))")
    ap.add_argument("--max-deps-per-criterion", type=int, default=8)
    ap.add_argument("--depth", type=int, default=2,
                    help="levels of chapters from the top to the chapters holding the criteria "
                         "(default 2; more nests single sub-chapters in between, for the "
                         "report's layout tests)")
    ap.add_argument("--long-ids", action="store_true",
                    help="criterion ids of 40 to 60 characters, as some frameworks write them "
                         "(for the report's layout tests)")
    args = ap.parse_args()
    if args.deps is not None and args.density is not None:
        raise SystemExit("error: give --deps or --density, not both")
    if args.density is not None:
        if args.density < 0:
            raise SystemExit("error: need --density >= 0")
        args.deps = int(round(args.density * args.criteria))
    elif args.deps is None:
        args.deps = 20000
    n, d = args.criteria, args.deps
    if n < 1 or d < 0:
        raise SystemExit("error: need --criteria >= 1 and --deps >= 0")
    if args.depth < 2:
        raise SystemExit("error: need --depth >= 2")
    rng = random.Random(args.seed)

    leaves_wanted = args.chapters if args.chapters > 0 else max(1, round(math.sqrt(n)))
    leaves_wanted = min(leaves_wanted, n)
    tops = max(1, round(math.sqrt(leaves_wanted)))
    # Leaf chapters per top-level chapter, as even as possible.
    per_top = [leaves_wanted // tops + (1 if t < leaves_wanted % tops else 0) for t in range(tops)]
    leaves = []  # (top index, sub index)
    for t in range(tops):
        for s in range(per_top[t]):
            leaves.append((t, s))
    # Criteria per leaf chapter, as even as possible; the file lists them chapter by chapter.
    crit_leaf = []
    for li in range(len(leaves)):
        cnt = n // len(leaves) + (1 if li < n % len(leaves) else 0)
        crit_leaf.extend([li] * cnt)

    ids = []
    seen_in_leaf = {}
    for li in crit_leaf:
        t, s = leaves[li]
        k = seen_in_leaf.get(li, 0) + 1
        seen_in_leaf[li] = k
        if args.long_ids:
            ids.append("QUALITE-INSERTION.%s.%d.%d.EXIGENCE-%04d" % (
                ("GOUVERNANCE-ET-PILOTAGE", "PARCOURS", "RELATIONS-PARTIES-PRENANTES")[t % 3],
                t + 1, s + 1, k))
        else:
            ids.append("C-%d.%d.%d" % (t + 1, s + 1, k))

    dep_counts = distribute_deps(rng, n, d, args.max_deps_per_criterion)

    items = ["%d.%d" % (a, b) for a in range(4, 11) for b in range(1, 6)]
    out = []
    w = out.append
    w("# Generated by bench/gen_referential.py --criteria %d --deps %d --seed %d --chapters %d"
      % (n, d, args.seed, len(leaves)))
    w("format: 1")
    w("id: bench-%d" % n)
    w('version: "2026.1"')
    w("title: " + text("Référentiel de charge (%d critères)" % n,
                       "Load referential (%d criteria)" % n))
    w("description: " + text("Référentiel synthétique généré pour mesurer le chargement.",
                             "Synthetic referential generated to measure loading."))
    w('publisher: "sceau bench"')
    w("effective: 2026-01-01")
    w('supersedes: "2025.1"')
    w("languages: [fr, en]")
    w("default_scale: grades")
    w("scales:")
    w("  - id: grades")
    w("    type: grades")
    w("    title: " + text("Échelle de cotation", "Grading scale"))
    w("    grades:")
    for code, kind, fr, en, pts in (
            ("PF", "strength", "Point fort", "Strength", 100),
            ("C", "conforming", "Conforme", "Conforming", 100),
            ("PP", "opportunity", "Piste de progrès", "Opportunity for improvement", 90),
            ("PS", "observation", "Point sensible", "Observation", 75),
            ("NCm", "minor-nc", "Non-conformité mineure", "Minor nonconformity", 40),
            ("NCM", "major-nc", "Non-conformité majeure", "Major nonconformity", 0),
            ("NA", "not-applicable", "Non applicable", "Not applicable", None)):
        pts_s = "" if pts is None else ", points: %d" % pts
        w("      - {code: %s, kind: %s, label: %s%s}" % (code, kind, text(fr, en), pts_s))
    w("evidence_kinds:")
    for kid, fr, en in EXTRA_EVIDENCE:
        w("  - {id: %s, label: %s}" % (kid, text(fr, en)))
    w("frameworks:")
    w("  - id: iso9001")
    w("    title: " + text("ISO 9001:2015", "ISO 9001:2015"))
    w("    items:")
    for it in items:
        w("      - {id: %s, title: %s}" % (quote(it), text("Exigence %s" % it,
                                                             "Requirement %s" % it)))

    w("chapters:")
    for t in range(tops):
        fr, en = topic(t)
        w("  - id: %s" % quote(str(t + 1)))
        w("    title: " + text("%s (partie %d)" % (fr, t + 1), "%s (part %d)" % (en, t + 1)))
        w("    description: " + text(sentence(rng, FR_WORDS, 10, 20),
                                     sentence(rng, EN_WORDS, 10, 20)))
        if t % 3 == 1:
            w("    weight: 2")
        w("    chapters:")
        for s in range(per_top[t]):
            fr, en = topic(t * 7 + s + 3)
            w("      - id: %s" % quote("%d.%d" % (t + 1, s + 1)))
            w("        title: " + text("%s %d.%d" % (fr, t + 1, s + 1),
                                       "%s %d.%d" % (en, t + 1, s + 1)))
            if s % 4 == 3:
                w("        weight: 1.5")
            # Deeper levels: one sub-chapter in each, down to the one that holds the criteria.
            cid, pad = "%d.%d" % (t + 1, s + 1), "        "
            for level in range(3, args.depth + 1):
                cid += ".1"
                w(pad + "chapters:")
                w(pad + "  - id: %s" % quote(cid))
                w(pad + "    title: " + text("Niveau %d : %s" % (level, fr.lower()),
                                             "Level %d: %s" % (level, en.lower())))
                pad += "    "

    evidence_all = list(BUILTIN_EVIDENCE) + [e[0] for e in EXTRA_EVIDENCE]
    w("criteria:")
    for i in range(n):
        t, s = leaves[crit_leaf[i]]
        w("  - id: %s" % ids[i])
        w("    chapter: %s" % quote("%d.%d" % (t + 1, s + 1) + ".1" * (args.depth - 2)))
        w("    title: " + text(sentence(rng, FR_WORDS, 4, 8)[:-1],
                               sentence(rng, EN_WORDS, 4, 8)[:-1]))
        w("    requirement: " + text(sentence(rng, FR_WORDS, 15, 30),
                                     sentence(rng, EN_WORDS, 15, 30)))
        if rng.random() < 0.3:
            w("    guidance: " + text(sentence(rng, FR_WORDS, 10, 20),
                                      sentence(rng, EN_WORDS, 10, 20)))
        ev = sorted(rng.sample(evidence_all, rng.randint(1, 3)))
        w("    evidence: [%s]" % ", ".join(ev))
        r = rng.random()
        if r < 0.15:
            w("    weight: 2")
        elif r < 0.2:
            w("    weight: 3")
        elif r < 0.25:
            w("    weight: 0.5")
        if rng.random() < 0.05:
            w("    blocking: true")
        if rng.random() < 0.1:
            w("    na_allowed: true")
            w("    na_guidance: " + text(sentence(rng, FR_WORDS, 8, 15),
                                        sentence(rng, EN_WORDS, 8, 15)))
        if rng.random() < 0.1:
            w("    applies_to:")
            kinds = sorted(rng.sample(ORG_KINDS, rng.randint(1, 4)), key=ORG_KINDS.index)
            w("      kinds: [%s]" % ", ".join(kinds))
            if rng.random() < 0.5:
                lo = rng.choice((0, 5, 10, 20))
                w("      headcount: {min: %d, max: %d}" % (lo, lo + rng.choice((50, 200, 1000))))
            if rng.random() < 0.3:
                w("      sites: {min: %d}" % rng.randint(1, 3))
        if rng.random() < 0.3:
            w("    checks:")
            for ctype in sorted(rng.sample(("indicator", "evidence", "sample"), rng.randint(1, 2))):
                if ctype == "indicator":
                    ind, fr, en, unit = rng.choice(INDICATORS)
                    w("      - type: indicator")
                    w("        indicator: %s" % ind)
                    w("        label: " + text(fr, en))
                    w("        unit: %s" % quote(unit))
                    if unit == "%":
                        w("        min: %d" % rng.choice((30, 50, 60, 80)))
                    else:
                        w("        max: %d" % rng.choice((15, 30, 60)))
                elif ctype == "evidence":
                    w("      - type: evidence")
                    w("        kinds: [%s]" % ", ".join(sorted(rng.sample(evidence_all, 2))))
                    if rng.random() < 0.5:
                        w("        min_count: %d" % rng.randint(1, 3))
                    if rng.random() < 0.5:
                        w("        max_age_months: %d" % rng.choice((6, 12, 24)))
                else:
                    fr, en = rng.choice(SAMPLES)
                    w("      - type: sample")
                    w("        sample: " + text(fr, en))
                    w("        min_size: %d" % rng.choice((3, 5, 10)))
                    w("        pass_rate: %s" % rng.choice(("0.8", "0.9", "1")))
        prereqs = pick_prereqs(rng, i, dep_counts[i])
        if prereqs:
            w("    requires: [%s]" % ", ".join(ids[j] for j in prereqs))
        if n > 1 and rng.random() < 0.1:
            rel = set()
            for _ in range(rng.randint(1, 2)):
                j = rng.randrange(n)
                if j != i:
                    rel.add(j)
            if rel:
                w("    related: [%s]" % ", ".join(ids[j] for j in sorted(rel)))
        if rng.random() < 0.5:
            its = sorted(rng.sample(items, rng.randint(1, 2)), key=items.index)
            w("    mappings:")
            w("      iso9001: [%s]" % ", ".join(quote(x) for x in its))

    w("decision:")
    w("  points_scale: 1000")
    w("  validity_months: 36")
    w("  surveillance_months: 12")
    w("  deadlines:")
    w("    NCM: 3")
    w("    NCm: 6")
    w("  escalations:")
    w("    - {from: NCm, count: 3, within: chapter, to: NCM}")
    w("  outcomes:")
    w("    - id: refused-blocking")
    w("      decision: refused")
    w("      label: " + text("Label refusé", "Label refused"))
    w("      explanation: " + text("Un critère bloquant n'est pas satisfait.",
                                  "A blocking criterion is not met."))
    w("      when:")
    w("        - blocking_failed: {min: 1}")
    w("    - id: refused-major")
    w("      decision: refused")
    w("      label: " + text("Label refusé", "Label refused"))
    w("      when:")
    w("        - any:")
    w("            - count: {kind: major-nc, min: 1}")
    w("            - score: {each_chapter: true, max: 49.9}")
    w("    - id: conditional")
    w("      decision: conditional")
    w("      label: " + text("Label accordé sous conditions", "Label granted with conditions"))
    w("      when:")
    w("        - any:")
    w("            - count: {kind: minor-nc, min: 1}")
    w("            - points: {max: 799}")
    w("            - count: {grade: PS, chapter: %s, min: 3}" % quote("1"))
    w("    - id: granted")
    w("      decision: granted")
    w("      label: " + text("Label accordé", "Label granted"))
    w("")

    data = "\n".join(out).encode("utf-8")
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
