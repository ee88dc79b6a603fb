#!/usr/bin/env python3
"""Writes own-cache-keys.json: cache-key vectors for @mizan/base computed without its code.

The expected canonical forms are written out by hand from docs/internals/key-derivation.md and RFC 8785 (not produced by
any canonicaliser); the keys are HMAC-SHA256 computed here with Python's hmac module.
Run: python3 own_cache_keys.py > own-cache-keys.json
"""
import hashlib
import hmac
import json

def key(secret, name, scope, canonical):
    subkey = hmac.new(secret.encode("utf-8"), b"mizan/cache-key/v1", hashlib.sha256).digest()
    material = "mizan/v1\n" + name + "\n" + scope + "\n" + canonical
    return hmac.new(subkey, material.encode("utf-8"), hashlib.sha256).hexdigest()

# (name, scope, paramTypes, params as JSON text as a client sends it, canonical written by hand)
CASES = [
    ("catalog", "public", {}, '{}', '{}'),
    ("todos", "user:alice", {"list": "integer"}, '{"list": 3}', '{"list":3}'),
    ("search", "public", {"q": "string"}, '{"q": "caf\u00e9 \u2615 \U0001F600"}', '{"q":"caf\u00e9 \u2615 \U0001F600"}'),
    ("order", "user:b\u00f6b", {"id": "integer"}, '{"id": 12345678901234567890}', '{"id":"12345678901234567890"}'),
    ("edges", "public", {"hi": "integer", "lo": "integer"},
     '{"lo": -9007199254740992, "hi": 9007199254740991}', '{"hi":9007199254740991,"lo":"-9007199254740992"}'),
    ("floats", "public", {"x": "number", "y": "number", "z": "number"},
     '{"z": 1.50, "y": 1E30, "x": 0.000001}', '{"x":0.000001,"y":1e+30,"z":1.5}'),
    ("filtered", "public", {"filter": "object"},
     '{"filter": {"b": null, "a": [1, null, {"z": null, "y": 2}]}}', '{"filter":{"a":[1,null,{"y":2}]}}'),
    ("ordering", "public", {"f": "object"},
     '{"f": {"\ufb01": 2, "\U0001F600": 1, "a": 0}}', '{"f":{"a":0,"\U0001F600":1,"\ufb01":2}}'),
    ("prices", "public", {"price": "string"}, '{"price": "1.50"}', '{"price":"1.50"}'),
    ("flags", "user:carol", {"active": "boolean", "gone": "string"},
     '{"active": true, "gone": null}', '{"active":true}'),
    ("tags", "public", {"tags": "array"}, '{"tags": ["b", "a", null, 10000000000000000000001]}',
     '{"tags":["b","a",null,"10000000000000000000001"]}'),
]

SECRET = "s3cret-\u00e9t\u00e9"
out = []
for name, scope, types, params, canonical in CASES:
    out.append({
        "secret": SECRET, "name": name, "scope": scope, "paramTypes": types,
        "params": "@@" + params + "@@", "canonical": canonical,
        "stableKey": name + "|" + canonical, "key": key(SECRET, name, scope, canonical),
    })
# params are spliced in as the exact text a client sends (big integers stay plain numbers)
text = json.dumps(out, ensure_ascii=False, indent=2)
for case in out:
    text = text.replace(json.dumps(case["params"], ensure_ascii=False), case["params"][2:-2])
print(text)
