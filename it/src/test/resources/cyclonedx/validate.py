"""Validates CycloneDX 1.6 JSON files against the schema beside this script, offline. Exit 0: all valid."""
import json
import os
import sys

from jsonschema import Draft7Validator, FormatChecker, RefResolver

HERE = os.path.dirname(os.path.abspath(__file__))


def load(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return json.load(f)


bom = load("bom-1.6.SNAPSHOT.schema.json")
store = {}
for name in ("spdx.SNAPSHOT.schema.json", "jsf-0.82.SNAPSHOT.schema.json"):
    schema = load(name)
    store["http://cyclonedx.org/schema/" + name] = schema
    store[schema["$id"]] = schema
validator = Draft7Validator(bom, resolver=RefResolver(base_uri=bom["$id"], referrer=bom, store=store),
                            format_checker=FormatChecker())
errors = 0
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        document = json.load(f)
    for error in validator.iter_errors(document):
        errors += 1
        print(path, "/".join(str(p) for p in error.absolute_path), error.message[:300])
    print(path, "valid" if errors == 0 else "INVALID")
sys.exit(1 if errors else 0)
