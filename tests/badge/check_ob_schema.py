#!/usr/bin/python3
"""Validates Open Badges credentials (JSON) against the official JSON Schema (draft 2019-09).

Usage: check_ob_schema.py SCHEMA FILE...

Prints `FILE: valid`, or one line per problem `FILE: path/to/key: message`; exits 0 when every
file is valid, 1 otherwise. Formats (date-time) are checked too. Requires Debian's
python3-jsonschema.
"""

import json
import sys

import jsonschema


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft201909Validator.check_schema(schema)
    validator = jsonschema.Draft201909Validator(
        schema, format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER)
    status = 0
    for path in argv[2:]:
        with open(path, encoding="utf-8") as f:
            credential = json.load(f)
        errors = sorted(validator.iter_errors(credential), key=lambda e: list(e.absolute_path))
        for e in errors:
            where = "/".join(str(p) for p in e.absolute_path) or "(root)"
            print(f"{path}: {where}: {e.message}")
            status = 1
        if not errors:
            print(f"{path}: valid")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
