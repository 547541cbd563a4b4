#!/usr/bin/python3
"""Validates YAML files against a JSON Schema (draft-07).

Usage: check_schema.py [--expect-invalid] SCHEMA FILE...

Prints one line per problem, `FILE: path.to.key: message`, and exits 0 when every file is valid,
1 otherwise (2 on a usage error or an unreadable schema). With --expect-invalid the result is
inverted: exit 0 only if every file is INVALID (a test proving the schema rejects bad files); the
problems found are still printed, and valid files are named.

YAML is read as the sceau formats specify (see referentials/README.md, "General rules"):
  - dates such as 2026-01-01 stay strings (no timestamp resolution);
  - plain numbers are numbers (decimal integers and floats; 010 is 10, not octal 8);
  - only `true` and `false` are booleans (`yes`, `on`, `True` are strings);
  - mapping keys are always strings, as written;
  - duplicate keys, merge keys (`<<`), a second document, NaN and infinities are errors;
  - the loader's limits apply: 64 MiB, nesting depth 64, 5,000,000 nodes after alias expansion.
Requires Debian's python3-yaml and python3-jsonschema.
"""

import difflib
import json
import math
import re
import sys

import jsonschema
import yaml

_TS = "tag:yaml.org,2002:"


class SceauLoader(yaml.SafeLoader):
    """SafeLoader with YAML-1.2-like plain scalars and string keys (see the module comment)."""


# Resolvers: drop timestamp, bool, int, float and merge; add strict bool / int / float below.
SceauLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in (_TS + "timestamp", _TS + "bool", _TS + "int", _TS + "float",
                           _TS + "merge")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
SceauLoader.add_implicit_resolver(_TS + "bool", re.compile(r"^(?:true|false)$"), list("tf"))
SceauLoader.add_implicit_resolver(_TS + "int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
SceauLoader.add_implicit_resolver(
    _TS + "float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))


def _construct_int(loader, node):
    return int(loader.construct_scalar(node))


def _construct_float(loader, node):
    value = loader.construct_scalar(node)
    lowered = value.lower()
    if lowered.endswith(".inf"):
        return -math.inf if value.startswith("-") else math.inf
    if lowered == ".nan":
        return math.nan
    return float(value)


def _construct_bool(loader, node):
    return loader.construct_scalar(node) == "true"


def _construct_mapping(loader, node, deep=False):
    """Builds a dict keyed by the keys' text; duplicates keep the first value (see node_problems)."""
    if not isinstance(node, yaml.MappingNode):
        raise yaml.constructor.ConstructorError(None, None, "expected a mapping", node.start_mark)
    result = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.value in result:
            continue
        if key_node.value == "<<" and key_node.style is None:
            continue
        result[key_node.value] = loader.construct_object(value_node, deep=deep)
    return result


# The loader's limits (engine/yaml_tree.h, YamlLimits).
MAX_FILE_BYTES = 64 << 20
MAX_DEPTH = 64
MAX_NODES = 5000000


class _Fatal(Exception):
    """A problem after which the document cannot be checked further: (path, message)."""


def node_problems(root):
    """Walks the composed node graph once, in document order.

    Returns duplicate keys, non-scalar keys and merge keys as (path, message) pairs. Raises _Fatal
    for a recursive alias, nesting deeper than MAX_DEPTH, or more than MAX_NODES nodes once aliases
    are expanded (keys count as nodes, as in the loader).
    """
    out = []
    expanded = {}  # id(node) -> nodes in its subtree with aliases expanded
    open_nodes = set()

    def walk(node, path, depth):
        key = id(node)
        if key in open_nodes:
            raise _Fatal((format_path(path), "line %d: an alias may not refer to a node that "
                          "contains it" % (node.start_mark.line + 1)))
        if key in expanded:  # an alias: already checked where it was defined
            return expanded[key]
        if isinstance(node, yaml.ScalarNode):
            expanded[key] = 1
            return 1
        if depth >= MAX_DEPTH:
            raise _Fatal((format_path(path), "line %d: nesting deeper than %d levels" % (
                node.start_mark.line + 1, MAX_DEPTH)))
        open_nodes.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                total += walk(item, path + [i], depth + 1)
        else:
            first = {}
            for key_node, value_node in node.value:
                line = key_node.start_mark.line + 1
                total += walk(key_node, path, depth + 1)
                if not isinstance(key_node, yaml.ScalarNode):
                    out.append((format_path(path), "line %d: a key must be a plain string, not "
                                "a %s" % (line, "list" if isinstance(key_node, yaml.SequenceNode)
                                          else "map")))
                elif key_node.value == "<<" and key_node.style is None:
                    out.append((format_path(path), "line %d: merge keys (<<) are not supported"
                                % line))
                elif key_node.value in first:
                    out.append((format_path(path + [key_node.value]),
                                "line %d: duplicate key '%s' (first given at line %d)" % (
                                    line, key_node.value, first[key_node.value])))
                else:
                    first[key_node.value] = line
                total += walk(value_node, path + [key_node.value], depth + 1)
        open_nodes.discard(key)
        if total > MAX_NODES:
            raise _Fatal((format_path(path), "the document expands to more than %d nodes "
                          "(aliases included); refusing to go on" % MAX_NODES))
        expanded[key] = total
        return total

    walk(root, [], 0)
    return out


def _construct_yaml_map(loader, node):
    data = {}
    yield data
    data.update(_construct_mapping(loader, node))


SceauLoader.add_constructor(_TS + "int", _construct_int)
SceauLoader.add_constructor(_TS + "float", _construct_float)
SceauLoader.add_constructor(_TS + "bool", _construct_bool)
SceauLoader.add_constructor(_TS + "map", _construct_yaml_map)


def format_path(path):
    """['criteria', 3, 'checks', 0, 'min'] -> 'criteria[3].checks[0].min'; [] -> '(root)'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += "[%d]" % part
        else:
            out += ("." if out else "") + str(part)
    return out or "(root)"


def load_yaml(path):
    """Returns (data, problems); problems are (label, message) pairs."""
    with open(path, "rb") as f:
        raw = f.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        return None, [("(file)", "file is over the limit of %d bytes" % MAX_FILE_BYTES)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return None, [("(file)", "invalid UTF-8 at byte offset %d: the file must be UTF-8 text" % e.start)]
    loader = SceauLoader(text)
    problems = []
    try:
        if not loader.check_node():
            return None, [("(file)", "no YAML document")]
        node = loader.get_node()
        problems += node_problems(node)
        data = loader.construct_document(node)
        if loader.check_node():
            mark = loader.peek_event().start_mark
            problems.append(("(file)", "line %d: a second YAML document starts here; a file "
                                       "holds exactly one" % (mark.line + 1)))
    except _Fatal as e:
        return None, problems + [e.args[0]]
    except RecursionError:
        return None, problems + [("(file)", "nesting deeper than %d levels" % MAX_DEPTH)]
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = "line %d: " % (mark.line + 1) if mark else ""
        return None, problems + [("(file)", "%sYAML syntax error: %s" % (
            where, getattr(e, "problem", None) or e))]
    finally:
        loader.dispose()
    problems += non_json_numbers(data, [])
    return data, problems


def non_json_numbers(value, path):
    """NaN and infinities are not JSON numbers: the format rejects them."""
    if isinstance(value, float) and not math.isfinite(value):
        return [(format_path(path), "%r is not a finite number" % value)]
    out = []
    if isinstance(value, dict):
        for k, v in value.items():
            out += non_json_numbers(v, path + [k])
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += non_json_numbers(v, path + [i])
    return out


def leaf_errors(error):
    """Descends into oneOf/anyOf errors to the branch that best fits the instance.

    For a oneOf whose branches are discriminated by a `type` const (checks, scales), the branch
    whose discriminator matches is chosen; otherwise the branch with the fewest errors.
    """
    if error.validator not in ("oneOf", "anyOf") or not error.context or exactly_one_of(error):
        return [error]
    branches = {}
    for sub in error.context:
        branches.setdefault(sub.schema_path[0], []).append(sub)
    instance = error.instance

    def mismatched_discriminator(errs):
        return any(list(e.relative_path) == ["type"] and e.validator == "const" for e in errs)

    def rank(item):
        _, errs = item
        return (mismatched_discriminator(errs),
                any(e.validator == "type" and not e.relative_path for e in errs),
                len(errs))

    if isinstance(instance, dict) and error.validator == "anyOf" and all(
            len(errs) == 1 and errs[0].validator == "required" for errs in branches.values()):
        return [error]  # "at least one of min / max": the anyOf message says it best
    if all(len(errs) == 1 and errs[0].validator == "type" and not errs[0].relative_path
           for errs in branches.values()):
        return [error]  # wrong type for every branch: one message naming the types allowed
    _, best = min(branches.items(), key=rank)
    if all(mismatched_discriminator(errs) for errs in branches.values()):
        return [error]  # the discriminator itself is wrong: report the oneOf as a whole
    out = []
    for sub in best:
        out += leaf_errors(sub)
    return out


def exactly_one_of(error):
    """The keys of a oneOf whose branches are each `{required: [KEY]}` (exactly one of them)."""
    if error.validator != "oneOf" or not isinstance(error.instance, dict):
        return []
    keys = []
    for branch in error.validator_value:
        if not isinstance(branch, dict) or list(branch) != ["required"] or \
                len(branch["required"]) != 1:
            return []
        keys.append(branch["required"][0])
    return keys


def message(error):
    v = error.validator
    keys = exactly_one_of(error)
    if keys:
        given = [k for k in keys if k in error.instance]
        return "needs exactly one of %s; %s" % (
            " / ".join(keys), "has %s" % " and ".join(given) if given else "has none")
    if v == "anyOf" and isinstance(error.instance, dict) and all(
            s.get("required") for s in error.validator_value if isinstance(s, dict)):
        names = " / ".join(s["required"][0] for s in error.validator_value)
        return "needs at least one of %s" % names
    if v == "not" and isinstance(error.validator_value, dict):
        sub = error.validator_value
        if "anyOf" in sub:
            return "at most one of %s may be given" % " / ".join(
                sorted({k for s in sub["anyOf"] for k in s.get("required", [])}))
        if "required" in sub:
            return "%s cannot be combined" % " and ".join(sub["required"])
    if v == "oneOf" and isinstance(error.instance, dict) and "type" in error.instance:
        types = [s.get("properties", {}).get("type", {}).get("const") for s in
                 (resolve(b) for b in error.validator_value)]
        types = [t for t in types if t]
        if types:
            return "unknown type %s; expected one of: %s" % (
                json.dumps(error.instance["type"], ensure_ascii=False), ", ".join(types))
    if v == "additionalProperties" and isinstance(error.instance, dict):
        known = list((error.schema.get("properties") or {}).keys())
        patterns = list((error.schema.get("patternProperties") or {}).keys())
        extra = [k for k in error.instance if k not in known
                 and not any(re.search(p, k) for p in patterns)]
        parts = []
        for key in extra:
            close = difflib.get_close_matches(key, known, n=1)
            parts.append("unknown key '%s'%s" % (
                key, " (did you mean '%s'?)" % close[0] if close else ""))
        if parts:
            return "; ".join(parts)
    if v == "contains" and isinstance(error.validator_value, dict) and \
            "const" in error.validator_value:
        return "must contain %s" % json.dumps(error.validator_value["const"], ensure_ascii=False)
    if v in ("anyOf", "oneOf") and error.context and all(
            e.validator == "type" and not e.relative_path for e in error.context):
        names = {"object": "a map", "array": "a list", "string": "a string",
                 "number": "a number", "integer": "an integer", "boolean": "a boolean"}
        wanted = []
        for e in error.context:
            for t in e.validator_value if isinstance(e.validator_value, list) else [
                    e.validator_value]:
                if names.get(t, t) not in wanted:
                    wanted.append(names.get(t, t))
        return "%s is not of an allowed type (expected %s)" % (
            json.dumps(error.instance, ensure_ascii=False, default=str), " or ".join(wanted))
    if v in ("minProperties", "maxProperties") and isinstance(error.instance, dict):
        keys = sorted((error.schema.get("properties") or {}).keys())
        return "must hold exactly one of: %s (has %d keys)" % (", ".join(keys),
                                                               len(error.instance))
    return error.message


_resolver = None  # the validator's RefResolver, set by main()


def resolve(subschema):
    """Follows a $ref to the schema it names."""
    if "$ref" in subschema and _resolver is not None:
        return _resolver.resolve(subschema["$ref"])[1]
    return subschema


def check_file(validator, path):
    """Returns the problems of one file as printable lines."""
    try:
        data, problems = load_yaml(path)
    except OSError as e:
        return ["%s: (file): %s" % (path, e.strerror or e)]
    lines = ["%s: %s: %s" % (path, where, msg) for where, msg in problems]
    if data is None and problems:
        return lines
    seen = set()
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        for leaf in leaf_errors(error):
            line = "%s: %s: %s" % (path, format_path(leaf.absolute_path), message(leaf))
            if line not in seen:
                seen.add(line)
                lines.append(line)
    return lines


def main(argv):
    args = [a for a in argv[1:] if a != "--expect-invalid"]
    expect_invalid = len(args) != len(argv) - 1
    if len(args) < 2 or any(a.startswith("--") for a in args):
        sys.stderr.write("usage: check_schema.py [--expect-invalid] SCHEMA FILE...\n")
        return 2
    schema_path, files = args[0], args[1:]
    try:
        with open(schema_path, encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft7Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.SchemaError) as e:
        sys.stderr.write("%s: cannot use schema: %s\n" % (schema_path, e))
        return 2
    validator = jsonschema.Draft7Validator(schema,
                                           format_checker=jsonschema.draft7_format_checker)
    global _resolver
    _resolver = validator.resolver
    failed = False
    for path in files:
        lines = check_file(validator, path)
        for line in lines:
            print(line)
        if expect_invalid and not lines:
            print("%s: (root): valid, but expected to be invalid" % path)
            failed = True
        elif not expect_invalid and lines:
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
