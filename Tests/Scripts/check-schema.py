#!/usr/bin/env python3
# Checks workflow files against a HavenFlow JSON Schema with Python's `jsonschema` (Draft 2020-12),
# reading YAML with YAML 1.2 booleans only (so `on:` stays a string key). Used by the schema tests of
# FlowCoreTests and CLITests. Usage: check-schema.py SCHEMA.json FILE...
# Prints one line per file: `ok|invalid<TAB>FILE<TAB>first errors`.
import json, re, subprocess, sys
try:
    import jsonschema
except ImportError:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "jsonschema"], check=True)
    import jsonschema
import yaml

class Loader(yaml.SafeLoader):
    pass

Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))

schema = json.load(open(sys.argv[1]))
validator = jsonschema.Draft202012Validator(schema)
jsonschema.Draft202012Validator.check_schema(schema)
for path in sys.argv[2:]:
    document = json.loads(json.dumps(yaml.load(open(path), Loader=Loader), default=str))
    errors = list(validator.iter_errors(document))
    print(("ok" if not errors else "invalid") + "\t" + path + "\t" + "; ".join(e.message[:200] for e in errors[:3]))
