#!/usr/bin/env python3
"""Compiles the diagnostics' French (engine/strings/diagnostics.yaml) into a C++ table.

    embed_wording.py CATALOGUE.yaml OUTPUT.cc

The table holds (English template, French template) pairs sorted by the English one's bytes, so
that engine/wording.cc finds a template by binary search with nothing to read at run time.
"""
import sys

import yaml


def literal(text):
    out = ['"']
    for byte in text.encode("utf-8"):
        c = chr(byte)
        if c in '"\\':
            out.append("\\" + c)
        elif 0x20 <= byte < 0x7F:
            out.append(c)
        else:
            out.append("\\%03o" % byte)  # octal: at most three digits, never runs on
    out.append('"')
    return "".join(out)


def main():
    source, output = sys.argv[1], sys.argv[2]
    with open(source, encoding="utf-8") as f:
        catalogue = yaml.safe_load(f) or {}
    if not isinstance(catalogue, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in catalogue.items()
    ):
        sys.exit(f"{source}: expected a map of English template -> French template")
    pairs = sorted(catalogue.items(), key=lambda kv: kv[0].encode("utf-8"))
    lines = [
        f"// Generated from {source.split('/')[-1]} by embed_wording.py. Do not edit.",
        "#include <cstddef>",
        "#include <string_view>",
        "#include <utility>",
        "",
        "namespace sceau::wording_internal {",
        "",
        "extern const std::pair<std::string_view, std::string_view> kFrench[];",
        "extern const size_t kFrenchSize;",
        "",
        "const std::pair<std::string_view, std::string_view> kFrench[] = {",
    ]
    lines += [f"    {{{literal(en)}, {literal(fr)}}}," for en, fr in pairs]
    lines += ["};", f"const size_t kFrenchSize = {len(pairs)};", "", "}  // namespace sceau::wording_internal", ""]
    with open(output, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
