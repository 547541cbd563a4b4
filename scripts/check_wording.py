#!/usr/bin/env python3
"""Checks the French of sceau's diagnostics (engine/strings/diagnostics.yaml, see engine/wording.h).

Every English template the sources pass to Fmt("...") or Tr("...") must have a French one that
takes the same arguments, and the catalogue must hold no template the sources no longer use.

    scripts/check_wording.py [--list] [--catalogue FILE]
(--list: print the templates the sources use, as YAML to fill in)
Exit status 0 when the catalogue is complete and consistent, 1 otherwise (each problem printed).
"""
import argparse
import pathlib
import re
import string
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "engine" / "strings" / "diagnostics.yaml"
SOURCE_DIRS = ["engine", "reports", "register", "cli"]

CALL = re.compile(r"\b(?:Fmt|Tr|Wording)\(\s*")
PLURAL = re.compile(r'\bSCEAU_PLURAL\([^,]*,\s*"((?:[^"\\\n]|\\.)*)"\s*,\s*"((?:[^"\\\n]|\\.)*)"')
LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"\s*')
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "'": "'"}


def unescape(s):
    # C escapes as the compiler reads them: simple ones, and octal (\033).
    def one(m):
        if m.group(1):
            return chr(int(m.group(1), 8))
        return ESCAPES.get(m.group(2), m.group(0))

    return re.sub(r"\\(?:([0-7]{1,3})|(.))", one, s)


def strip_comments(text):
    # Line comments that are not inside a string literal.
    out = []
    for line in text.split("\n"):
        in_str = False
        i = 0
        while i < len(line):
            c = line[i]
            if c == "\\" and in_str:
                i += 2
                continue
            if c == '"':
                in_str = not in_str
            elif not in_str and line.startswith("//", i):
                line = line[:i]
                break
            i += 1
        out.append(line)
    return "\n".join(out)


def templates_in_sources():
    found = {}
    for d in SOURCE_DIRS:
        for path in sorted((ROOT / d).glob("*.[ch]*")):
            if path.name == "wording.h":  # its comments show Fmt and Tr
                continue
            text = strip_comments(path.read_text(encoding="utf-8"))
            for m in CALL.finditer(text):
                pos = m.end()
                parts = []
                while True:
                    lit = LITERAL.match(text, pos)
                    if not lit:
                        break
                    parts.append(unescape(lit.group(1)))
                    pos = lit.end()
                if parts:
                    line = text.count("\n", 0, m.start()) + 1
                    found.setdefault("".join(parts), f"{path.relative_to(ROOT)}:{line}")
            for m in PLURAL.finditer(text):
                line = text.count("\n", 0, m.start()) + 1
                for form in m.groups():
                    found.setdefault(unescape(form), f"{path.relative_to(ROOT)}:{line}")
    return found


def fields(template):
    """The argument each replacement field takes, as indices, and whether they are numbered."""
    auto, manual, out = 0, False, []
    for _, name, spec, _ in string.Formatter().parse(template.replace("{{", "").replace("}}", "")):
        if name is None:
            continue
        if name == "":
            out.append((auto, spec))
            auto += 1
        else:
            manual = True
            out.append((int(name), spec))
    return out, manual


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--catalogue", type=pathlib.Path, default=CATALOGUE,
                        help="the catalogue to check (default: the project's)")
    args = parser.parse_args()
    used = templates_in_sources()
    if args.list:
        for t in sorted(used):
            print(yaml.safe_dump({t: ""}, allow_unicode=True, width=1000).rstrip())
        return 0
    catalogue = yaml.safe_load(args.catalogue.read_text(encoding="utf-8")) or {}
    problems = []
    for t, where in sorted(used.items(), key=lambda kv: kv[1]):
        if not re.search(r"[A-Za-z]", re.sub(r"\{[^}]*\}", "", t)):
            continue  # no words: nothing to translate
        fr = catalogue.get(t)
        if not fr:
            problems.append(f"{where}: no French for {t!r}")
            continue
        try:
            en_fields, _ = fields(t)
        except ValueError:
            continue  # not a template (a fixed text with braces, for Tr): nothing to fill
        try:
            fr_fields, _ = fields(fr)
        except ValueError as e:
            problems.append(f"{where}: malformed template {t!r} or {fr!r}: {e}")
            continue
        if sorted(set(en_fields)) != sorted(set(fr_fields)):
            problems.append(f"{where}: the French {fr!r} does not take the arguments of {t!r}")
    for t in sorted(catalogue):
        if t not in used:
            problems.append(f"{args.catalogue.name}: {t!r} is used nowhere")
    for p in problems:
        print(p)
    print(f"{len(used)} templates, {len(catalogue)} translations, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
