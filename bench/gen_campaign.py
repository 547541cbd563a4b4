#!/usr/bin/env python3
"""Generates a synthetic audit campaign of a whole network: one dossier per member, from a seed.

    gen_campaign.py --out DIR [--seed S] [--members 560] [--referential FILE]

Writes DIR/<category>/<NNNN>.yaml, one valid dossier (format 1) per member, for the referential
(default: referentials/cedre-iso9001.yaml), and DIR/campaign.csv, one row per member with what
was drawn (kind, region, headcount, sites, audit kind and date, the planned decision). Prints the
mix (members by kind and by planned decision, by region) on stderr.

The network's real proportions (560 members): 110 ACI, 286 AI, 54 ETTI and ETT ESS, 33 EI, 26 GES,
28 others and 20 services to persons. The dossier format knows the kinds ACI, AI, EI, ETTI, GES, EBE
and other: ETTI and "ETT ESS" are `ETTI`; the others and the services to persons are `other`, kept
apart in their folder (`autres/`, `sap/`). With another --members, each category keeps its share
(largest remainders). Regions: the 12 regions of mainland France other than Corsica, weighted
roughly by the network's presence.

Per member, drawn from the seed: a headcount that depends on the kind (permanent staff and
employees on a pathway), 1 to 9 sites (most have one or two; GES have more), an audit kind
(initial, surveillance, renewal) with dates spread over 2026, the sites visited (at least the
IAF MD 1 sample for the audit kind: ceil(sqrt n), ceil(0.6 sqrt n), ceil(0.8 sqrt n)), a
register of 30 to 70 evidence items, and a quality that sets the planned decision:

    granted             no nonconformity; a few observations and opportunities;
    conditional         1 to 4 minor nonconformities on non-blocking criteria;
    refused (major)     1 or 2 major nonconformities, and some minor ones;
    refused (blocking)  a blocking criterion graded as a minor or major nonconformity.

Everything else (checks that agree with each grade, indicator values, samples, cited evidence,
French finding texts, NA only where allowed with its justification, applicability) comes from
bench/gen_dossier.py's generator, so every dossier passes `sceau check` with no error. With the
CEDRE referential's policy, the planned decision is the engine's decision; bench/run_campaign.sh
audits the campaign and prints the decisions the engine actually took.

The output depends only on the arguments and the referential: the same seed gives the same bytes.
Standard library only.
"""

import argparse
import csv
import datetime
import math
import os
import random
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ left in bench/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_dossier as gd  # noqa: E402  (the dossier generator, reused member by member)

# (folder, organisation kind, label, members out of 560)
CATEGORIES = (
    ("aci", "ACI", "ACI (ateliers et chantiers d'insertion)", 110),
    ("ai", "AI", "AI (associations intermédiaires)", 286),
    ("etti", "ETTI", "ETTI et ETT ESS", 54),
    ("ei", "EI", "EI (entreprises d'insertion)", 33),
    ("ges", "GES", "GES (groupes économiques solidaires)", 26),
    ("autres", "other", "autres structures", 28),
    ("sap", "other", "services à la personne", 20),
)

# 12 regions (mainland France without Corsica), with a weight (share of the network's members)
# and a few towns with their postcodes.
REGIONS = (
    ("Auvergne-Rhône-Alpes", 13, (("Lyon", "69003"), ("Grenoble", "38000"), ("Clermont-Ferrand", "63000"),
                                   ("Saint-Étienne", "42000"), ("Annecy", "74000"), ("Valence", "26000"))),
    ("Bourgogne-Franche-Comté", 6, (("Dijon", "21000"), ("Besançon", "25000"), ("Auxerre", "89000"),
                                     ("Mâcon", "71000"), ("Dole", "39100"))),
    ("Bretagne", 9, (("Rennes", "35000"), ("Brest", "29200"), ("Quimper", "29000"), ("Vannes", "56000"),
                     ("Saint-Brieuc", "22000"), ("Lorient", "56100"))),
    ("Centre-Val de Loire", 5, (("Orléans", "45000"), ("Tours", "37000"), ("Bourges", "18000"),
                                ("Chartres", "28000"), ("Blois", "41000"))),
    ("Grand Est", 9, (("Strasbourg", "67000"), ("Metz", "57000"), ("Nancy", "54000"), ("Reims", "51100"),
                      ("Épinal", "88000"), ("Mulhouse", "68100"))),
    ("Hauts-de-France", 11, (("Lille", "59000"), ("Amiens", "80000"), ("Roubaix", "59100"),
                             ("Arras", "62000"), ("Beauvais", "60000"), ("Valenciennes", "59300"))),
    ("Île-de-France", 12, (("Paris", "75011"), ("Saint-Denis", "93200"), ("Créteil", "94000"),
                           ("Nanterre", "92000"), ("Évry-Courcouronnes", "91000"), ("Cergy", "95000"))),
    ("Normandie", 6, (("Rouen", "76000"), ("Caen", "14000"), ("Le Havre", "76600"), ("Saint-Lô", "50000"),
                      ("Alençon", "61000"))),
    ("Nouvelle-Aquitaine", 10, (("Bordeaux", "33000"), ("Limoges", "87000"), ("Poitiers", "86000"),
                                ("Pau", "64000"), ("Périgueux", "24000"), ("Agen", "47000"))),
    ("Occitanie", 10, (("Toulouse", "31000"), ("Montpellier", "34000"), ("Albi", "81000"),
                       ("Rodez", "12000"), ("Nîmes", "30000"), ("Perpignan", "66000"))),
    ("Pays de la Loire", 6, (("Nantes", "44000"), ("Angers", "49000"), ("Le Mans", "72000"),
                             ("Laval", "53000"), ("La Roche-sur-Yon", "85000"))),
    ("Provence-Alpes-Côte d'Azur", 8, (("Marseille", "13003"), ("Nice", "06000"), ("Toulon", "83000"),
                                       ("Avignon", "84000"), ("Gap", "05000"), ("Arles", "13200"))),
)

# Headcount by category: (permanent lo, hi), (pathway lo, hi).
HEADCOUNT = {
    "aci": ((4, 15), (12, 60)),
    "ai": ((2, 12), (25, 220)),
    "etti": ((3, 10), (20, 160)),
    "ei": ((5, 25), (6, 45)),
    "ges": ((15, 70), (60, 400)),
    "autres": ((4, 40), (0, 30)),
    "sap": ((6, 45), (0, 20)),
}

NAME_PATTERNS = {
    "aci": ("Chantier d'insertion {p} {t}", "Jardins de {t}", "Ressourcerie {p} {t}",
            "Atelier {p} de {t}", "Régie de quartier de {t}"),
    "ai": ("Association intermédiaire {p} {t}", "{P} Emploi {t}", "Relais Emploi de {t}",
           "Solidarité Emploi {t}", "AI {P} du pays de {t}"),
    "etti": ("{P} Intérim Insertion", "{P} Travail Temporaire d'insertion de {t}",
             "ETT ESS {P} de {t}"),
    "ei": ("{P} Services {t}", "Entreprise d'insertion {P} de {t}", "{P} Recyclage de {t}"),
    "ges": ("Groupe {P} de {t}", "GES {P} {t}", "Groupe économique solidaire {P}"),
    "autres": ("{P} Solidarités {t}", "Association {P} de {t}", "Coopérative {P} de {t}"),
    "sap": ("{P} Services à domicile de {t}", "Aide à domicile {P} {t}", "{P} Services aux personnes"),
}
NAME_WORDS = ("Tremplin", "Passerelle", "Horizon", "Envol", "Rebond", "Éclaircie", "Étape",
              "Trait d'union", "Boussole", "Équinoxe", "Sillon", "Archipel", "Estran", "Ancrage",
              "Levain", "Bourgeon", "Ricochet", "Cap Avenir", "Alizé", "Cordée")
# Sites distribution for 1..9 sites (weights).
SITES_WEIGHTS = (35, 25, 14, 9, 6, 4, 3, 2, 2)

# Planned decisions: (code, weight). Most members are granted, some conditional, a few refused.
PLAN_MIX = (("granted", 60), ("conditional", 31), ("refused-major", 6), ("refused-blocking", 3))
AUDIT_KINDS = (("initial", 20), ("surveillance", 55), ("renewal", 25))


def slug(s):
    s = s.lower()
    for a, b in (("é", "e"), ("è", "e"), ("ê", "e"), ("ë", "e"), ("à", "a"), ("â", "a"), ("î", "i"),
                 ("ï", "i"), ("ô", "o"), ("û", "u"), ("ù", "u"), ("ç", "c"), ("'", "-"), ("œ", "oe")):
        s = s.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def weighted(rng, pairs):
    total = sum(w for _, w in pairs)
    r = rng.random() * total
    for v, w in pairs:
        r -= w
        if r < 0:
            return v
    return pairs[-1][0]


def apportion(total, weights):
    """Largest-remainder apportionment of `total` by `weights`."""
    s = sum(weights)
    exact = [total * w / s for w in weights]
    out = [int(math.floor(x)) for x in exact]
    rest = total - sum(out)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - out[i]), i))
    for i in order[:rest]:
        out[i] += 1
    return out


def sample_size(kind, n):
    """IAF MD 1: sites to visit among n for an audit of this kind."""
    if n <= 1:
        return n
    f = {"initial": 1.0, "surveillance": 0.6, "renewal": 0.8}[kind]
    return min(n, int(math.ceil(f * math.sqrt(n) - 1e-9)))


class Member(gd.Generator):
    """gen_dossier's generator, with the organisation, the audit and the grade mix of one member."""

    def __init__(self, ref, args, member):
        super().__init__(ref, args)
        self.m = member
        self.cur = None
        self.forced = {}
        # Grade kinds for criteria not forced: no nonconformity; the member's quality sets how many
        # observations and opportunities.
        q = member["quality"]
        self.base_mix = (("conforming", 0.80 + 0.10 * q), ("strength", 0.02 + 0.05 * q),
                         ("opportunity", 0.10 - 0.04 * q), ("observation", 0.08 - 0.06 * q))

    # -- organisation and audit -------------------------------------------------------------
    def organisation(self, out):
        rng = self.rng
        m = self.m
        self.kind = m["kind"]
        self.permanent, self.pathway = m["permanent"], m["pathway"]
        towns = list(m["towns"])
        self.sites = []
        used = set()
        for i, (town, cp) in enumerate(towns):
            sid = slug(town)
            if sid in used:
                sid = "%s-%d" % (sid, i + 1)
            used.add(sid)
            kind = rng.choice(gd.SITE_KINDS) if i else ("Siège et " + rng.choice(gd.SITE_KINDS).lower())
            self.sites.append((sid, "%s de %s" % (kind, town),
                               "%d %s, %s %s" % (rng.randint(1, 120), rng.choice(gd.STREETS), cp, town)))
        self.site_towns = {s[0]: t for s, (t, _) in zip(self.sites, towns)}
        w = out.append
        w("organisation:")
        w("  name: %s" % gd.quote(m["name"]))
        siret = gd.make_siret(rng)
        w("  siret: %s" % gd.quote("%s %s %s %s" % (siret[:3], siret[3:6], siret[6:9], siret[9:])))
        w("  kind: %s" % self.kind)
        w("  region: %s" % gd.quote(m["region"]))
        w("  headcount:")
        w("    permanent: %d" % self.permanent)
        w("    pathway: %d" % self.pathway)
        w("  sites:")
        for sid, name, address in self.sites:
            w("    - id: %s" % sid)
            w("      name: %s" % gd.quote(name))
            w("      address: %s" % gd.quote(address))
        w("")

    def audit(self, out):
        rng = self.rng
        m = self.m
        self.start = m["start"]
        n = len(self.sites)
        k = sample_size(m["audit_kind"], n)
        if k < n and rng.random() < 0.25:
            k += 1
        # The head office is always visited; the other sites drawn.
        visited = [self.sites[0]] + rng.sample(self.sites[1:], k - 1) if k else []
        self.visited = sorted(visited, key=self.sites.index)
        days = 1 if m["permanent"] + m["pathway"] < 40 and k <= 1 else min(4, max(2, k))
        self.end = self.start + datetime.timedelta(days=days - 1)
        self.decision = self.end + datetime.timedelta(days=rng.randint(7, 28))
        people = set()
        while len(people) < 4:
            people.add("%s %s" % (rng.choice(gd.FIRST), rng.choice(gd.LAST)))
        people = sorted(people)
        rng.shuffle(people)
        lead, team, decider = people[0], people[1:1 + rng.randint(0, 2)], people[3]
        self.lead = lead
        w = out.append
        w("audit:")
        w("  id: AUD-%d-%04d" % (self.start.year, m["index"]))
        w("  kind: %s" % m["audit_kind"])
        w("  start: %s" % self.start.isoformat())
        w("  end: %s" % self.end.isoformat())
        w("  decision_date: %s" % self.decision.isoformat())
        w("  sites_visited: [%s]" % ", ".join(s[0] for s in self.visited))
        w("  lead_auditor: %s" % gd.quote(lead))
        if team:
            w("  auditors: [%s]" % ", ".join(gd.quote(p) for p in team))
        w("  decision_maker: %s" % gd.quote(decider))
        w("  scope: %s" % gd.quote(
            "Accueil, accompagnement, formation et encadrement des salariés en parcours ; "
            "activités des sites de " + ", ".join(self.site_towns[s[0]] for s in self.sites)))
        what = {"initial": "certification initiale", "surveillance": "suivi",
                "renewal": "renouvellement"}[m["audit_kind"]]
        w("  objectives: %s" % gd.quote(
            "Audit de %s au regard du référentiel %s version %s." %
            (what, self.ref["id"], self.ref["version"])))
        w("")
        # A surveillance or a renewal follows an earlier decision: the certificate's dates (the
        # history before sceau), on time: a first surveillance 10 to 12 months after the decision
        # that started the cycle, a second one a year later, a renewal before expiry.
        if m["audit_kind"] != "initial":
            if m["audit_kind"] == "renewal":
                done, months = 2, 34
            else:
                done = 1 if rng.random() < 0.5 else 0
                months = 11 + 12 * done
            cycle = gd.add_months(self.start, -months) - datetime.timedelta(days=rng.randint(0, 25))
            w("certificate:")
            w("  decision_date: %s" % cycle.isoformat())
            w("  surveillances_done: %d" % done)
            if done:
                last = gd.add_months(cycle, 12 * done) - datetime.timedelta(days=rng.randint(20, 50))
                w("  last_audit: %s" % last.isoformat())
            w("")

    def evidence(self, out):
        """gen_dossier's register, smaller, with the items guaranteed for each kind dated within the
        strictest `max_age_months` of the checks on that kind (a register of 300 items makes that
        likely by chance; one of 30 to 70 does not)."""
        rng = self.rng
        kinds = self.used_kinds()
        need = 1
        max_age = {}
        for c in self.criteria:
            for ch in c.get("checks") or []:
                if ch.get("type") == "evidence":
                    need = max(need, int(ch.get("min_count") or 1))
                    if ch.get("max_age_months") is not None:
                        for k in ch.get("kinds") or []:
                            max_age[k] = min(max_age.get(k, 99), int(ch["max_age_months"]))
        per_kind = need + 2
        total = max(self.args.evidence, per_kind * len(kinds))
        width = max(2, len(str(total)))
        items = []
        for i in range(total):
            guaranteed = i < per_kind * len(kinds)
            kind = kinds[i % len(kinds)] if guaranteed else rng.choice(kinds)
            r = rng.random()
            if kind in ("interview", "observation", "photo") and (guaranteed or r < 0.7):
                date = self.start + datetime.timedelta(
                    days=rng.randrange((self.end - self.start).days + 1))
            elif guaranteed or r < 0.75:
                oldest = (self.start - gd.add_months(self.start, -max_age.get(kind, 99))).days - 1
                date = self.start - datetime.timedelta(days=rng.randint(1, min(150, oldest)))
            elif r < 0.97:
                date = self.start - datetime.timedelta(days=rng.randint(151, 700))
            else:
                date = None
            items.append({"id": "", "kind": kind, "date": date})
        rng.shuffle(items)
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
            tmpl = rng.choice(gd.EVIDENCE_TITLES.get(kind) or
                              ((self.kind_labels.get(kind, kind) or kind) + " : {topic}",))
            ref_date = it["date"] or self.start
            title = gd.fill_at(rng, tmpl, ref_date, date=gd.date_fr(ref_date))
            title = title[0].upper() + title[1:]
            date = ", date: %s" % it["date"].isoformat() if it["date"] else ""
            w("  - {id: %s, kind: %s, title: %s%s}" % (it["id"], kind, gd.quote(title), date))
        w("")

    # -- grades -------------------------------------------------------------------------------
    def plan_findings(self, applicable):
        """Forces the grade kinds that make the member's planned decision."""
        rng = self.rng
        plan = self.m["plan"]
        blocking = [c for c in applicable if gd.as_bool(c.get("blocking"))]
        other = [c for c in applicable if not gd.as_bool(c.get("blocking"))
                 and not gd.as_bool(c.get("na_allowed"))]

        def force(pool, n, kind):
            free = [c for c in pool if c["id"] not in self.forced]
            for c in rng.sample(free, min(n, len(free))):
                self.forced[c["id"]] = kind

        if plan == "conditional":
            force(other, weighted(rng, ((1, 40), (2, 30), (3, 20), (4, 10))), "minor-nc")
        elif plan == "refused-major":
            force(other, weighted(rng, ((1, 75), (2, 25))), "major-nc")
            force(other, rng.randint(0, 4), "minor-nc")
        elif plan == "refused-blocking":
            force(blocking, 1, weighted(rng, (("minor-nc", 70), ("major-nc", 30))))
            force(other, rng.randint(0, 3), "minor-nc")

    def pick_kind(self, blocking):
        if self.cur in self.forced:
            return self.forced[self.cur]
        r = self.rng.random() * sum(p for _, p in self.base_mix)
        for k, p in self.base_mix:
            r -= p
            if r < 0:
                return k
        return self.base_mix[-1][0]

    def assess(self, crit, out, stats):
        self.cur = crit["id"]
        forced = self.cur in self.forced
        saved_na, saved_sites = gd.NA_SHARE, self.sites
        if forced:
            gd.NA_SHARE = 0.0
        # Findings on several sites only name the sites visited.
        self.sites = self.visited
        try:
            super().assess(crit, out, stats)
        finally:
            gd.NA_SHARE, self.sites = saved_na, saved_sites

    def run(self):
        headcount = self.permanent_pathway()
        applicable = [c for c in self.criteria
                      if gd.applies(c, self.m["kind"], headcount, self.m["n_sites"])]
        self.plan_findings(applicable)
        return super().run()

    def permanent_pathway(self):
        return self.m["permanent"] + self.m["pathway"]


def draw_members(rng, n_members, year):
    counts = apportion(n_members, [c[3] for c in CATEGORIES])
    members = []
    region_weights = [(r, r[1]) for r in REGIONS]
    first_day = datetime.date(year, 1, 5)
    workdays = [first_day + datetime.timedelta(days=d) for d in range(350)
                if (first_day + datetime.timedelta(days=d)).weekday() < 5
                and not ((first_day + datetime.timedelta(days=d)).month == 8
                         and (first_day + datetime.timedelta(days=d)).day < 25)]
    for (folder, kind, _label, _share), count in zip(CATEGORIES, counts):
        for i in range(count):
            region = weighted(rng, region_weights)
            n_sites = weighted(rng, [(k + 1, w) for k, w in enumerate(SITES_WEIGHTS)])
            if folder == "ges":
                n_sites = min(9, n_sites + 2)
            towns = [rng.choice(region[2])]
            pool = [t for t in region[2] if t != towns[0]]
            rng.shuffle(pool)
            while len(towns) < n_sites:
                # Regions list 5 or 6 towns; beyond that, a second site in the same town.
                towns.append(pool.pop() if pool else rng.choice(region[2]))
            (plo, phi), (wlo, whi) = HEADCOUNT[folder]
            permanent = rng.randint(plo, phi) + (n_sites - 1) * rng.randint(0, 2)
            pathway = int(round(wlo + (whi - wlo) * rng.random() ** 1.7)) + (n_sites - 1) * rng.randint(0, 8)
            word = rng.choice(NAME_WORDS)
            name = rng.choice(NAME_PATTERNS[folder]).format(P=word, p=word, t=towns[0][0])
            quality = rng.betavariate(4, 2)
            plan = weighted(rng, PLAN_MIX)
            audit_kind = weighted(rng, AUDIT_KINDS)
            members.append({
                "folder": folder, "kind": kind, "file": "%s/%04d.yaml" % (folder, i + 1),
                "region": region[0], "towns": towns, "n_sites": n_sites, "permanent": permanent,
                "pathway": pathway, "name": name, "quality": quality, "plan": plan,
                "audit_kind": audit_kind, "start": rng.choice(workdays), "seed": rng.randrange(1 << 30),
                "evidence": rng.randint(30, 70),
            })
    for i, m in enumerate(members):
        m["index"] = i + 1
    return members


def table(title, rows, cols, key_row, key_col):
    """A text table of counts: rows x cols."""
    counts = {}
    for m in MEMBERS:
        counts[(key_row(m), key_col(m))] = counts.get((key_row(m), key_col(m)), 0) + 1
    width = max(len(title), max(len(r) for r in rows)) + 2
    head = title.ljust(width) + "".join(c.rjust(max(8, len(c) + 2)) for c in cols) + "   total"
    lines = [head, "-" * len(head)]
    for r in rows:
        vals = [counts.get((r, c), 0) for c in cols]
        lines.append(r.ljust(width) + "".join(str(v).rjust(max(8, len(c) + 2))
                                              for v, c in zip(vals, cols)) + str(sum(vals)).rjust(8))
    tot = [sum(counts.get((r, c), 0) for r in rows) for c in cols]
    lines.append("total".ljust(width) + "".join(str(v).rjust(max(8, len(c) + 2))
                                                for v, c in zip(tot, cols)) + str(sum(tot)).rjust(8))
    return "\n".join(lines)


MEMBERS = []


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True, help="output folder (created; existing files replaced)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--members", type=int, default=560)
    ap.add_argument("--year", type=int, default=2026, help="year the audits take place in")
    ap.add_argument("--referential", default=os.path.join(here, "..", "referentials", "cedre-iso9001.yaml"))
    args = ap.parse_args()
    if args.members < 1:
        raise SystemExit("error: --members must be at least 1")
    with open(args.referential, encoding="utf-8") as f:
        try:
            ref = gd.load_yaml_subset(f.read())
        except gd.YamlError as e:
            raise SystemExit("error: %s: %s" % (args.referential, e))
    rng = random.Random(args.seed)
    MEMBERS.extend(draw_members(rng, args.members, args.year))

    os.makedirs(args.out, exist_ok=True)
    ref_name = os.path.basename(args.referential)
    for m in MEMBERS:
        margs = argparse.Namespace(referential=args.referential, seed=m["seed"], kind=m["kind"],
                                   evidence=m["evidence"], nc_share=None)
        gen = Member(ref, margs, m)
        saved = sys.stderr
        sys.stderr = open(os.devnull, "w")  # gen_dossier's per-dossier summary line
        try:
            text = gen.run()
        finally:
            sys.stderr.close()
            sys.stderr = saved
        # gen_dossier's header names its own options; say what made this file instead.
        lines = text.split("\n")
        lines[0] = ("# Generated by bench/gen_campaign.py --seed %d --members %d (%s, member %d: %s, "
                    "planned decision %s)" % (args.seed, args.members, ref_name, m["index"],
                                              m["folder"], m["plan"]))
        path = os.path.join(args.out, m["file"])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = path + ".tmp"
        with open(tmp, "wb") as f:
            f.write(("\n".join(lines)).encode("utf-8"))
        os.replace(tmp, path)

    with open(os.path.join(args.out, "campaign.csv"), "w", newline="", encoding="utf-8") as f:
        wr = csv.writer(f)
        wr.writerow(["file", "category", "kind", "region", "organisation", "permanent", "pathway",
                     "sites", "sites_visited", "audit_kind", "start", "planned_decision"])
        for m in MEMBERS:
            wr.writerow([m["file"], m["folder"], m["kind"], m["region"], m["name"], m["permanent"],
                         m["pathway"], m["n_sites"], sample_size(m["audit_kind"], m["n_sites"]),
                         m["audit_kind"], m["start"].isoformat(), m["plan"]])

    plans = [p for p, _ in PLAN_MIX]
    cats = [c[0] for c in CATEGORIES]
    err = sys.stderr
    print("gen_campaign.py: %d dossiers in %s (seed %d, referential %s)\n"
          % (len(MEMBERS), args.out, args.seed, ref_name), file=err)
    print(table("category / planned", cats, plans, lambda m: m["folder"], lambda m: m["plan"]) + "\n",
          file=err)
    print(table("region / planned", [r[0] for r in REGIONS], plans, lambda m: m["region"],
                lambda m: m["plan"]) + "\n", file=err)
    print(table("category / audit", cats, [k for k, _ in AUDIT_KINDS], lambda m: m["folder"],
                lambda m: m["audit_kind"]) + "\n", file=err)
    print(table("category / sites", cats, [str(k) for k in range(1, 10)], lambda m: m["folder"],
                lambda m: str(m["n_sites"])), file=err)


if __name__ == "__main__":
    main()
