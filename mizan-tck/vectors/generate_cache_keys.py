#!/usr/bin/env python3
"""Independent reference implementation of Mizan's cache keys (docs/internals/key-derivation.md).

Writes the TCK's cache-key vectors, or verifies a vectors file written by another implementation.
It shares no code with the Java or TypeScript code under test: only the Python 3 standard library.

    python3 generate_cache_keys.py                       # (re)write ../src/main/resources/vectors/cache-keys.json
    python3 generate_cache_keys.py --out FILE            # write elsewhere
    python3 generate_cache_keys.py --verify FILE [...]   # recompute every vector of FILE, exit 1 on a mismatch
    python3 generate_cache_keys.py --rfc8785 DIR         # check the canonicaliser on RFC 8785's input/ -> output/

Rules implemented (docs/internals/key-derivation.md):
  * A top-level param that is absent or null is left out; inside values, object members whose value is null
    are left out at any depth; array elements (null included) stay.
  * An integer literal (no fraction, no exponent) stays a JSON integer within +-(2**53 - 1), else becomes
    the JSON string of its exact decimal digits. Other numbers are IEEE 754 doubles written as ES6 does.
  * A top-level param whose schema type is "string" but which was sent as a JSON number becomes the string
    of that number in plain decimal notation: the literal itself when it has no exponent, without the sign
    of a zero (what java.math.BigDecimal.toPlainString() gives). Its exponent may not exceed 1000 in size.
  * NaN, infinities (a literal too large for a double, e.g. 1e400) and lone surrogates are invalid.
  * canonical = RFC 8785 (keys sorted by UTF-16 code units, ES6 numbers, minimal string escapes).
  * key = lowercase hex HMAC-SHA256(subkey, "mizan/v1\\n" + name + "\\n" + scope + "\\n" + canonical) where
    subkey = HMAC-SHA256(secret as UTF-8, "mizan/cache-key/v1"); stableKey = name + "|" + canonical.
"""

import argparse
import hashlib
import hmac
import json
import math
import os
import re
import sys
from decimal import Decimal

MAX_SAFE_INTEGER = 2 ** 53 - 1
MAX_PLAIN_EXPONENT = 1000
INTEGER_LITERAL = re.compile(r"-?(?:0|[1-9][0-9]*)\Z")


class Num:
    """A JSON number kept as the literal the sender wrote."""

    __slots__ = ("text",)

    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return "Num(%s)" % self.text


class InvalidParam(Exception):
    def __init__(self, param, message):
        super().__init__("%s: %s" % (param, message))
        self.param = param


def _reject_constant(name):
    raise ValueError("not JSON: " + name)


def _no_duplicates(pairs):
    result = {}
    for key, value in pairs:
        if key in result:
            raise ValueError("duplicate member " + repr(key))
        result[key] = value
    return result


def parse(text):
    """Parses JSON text, keeping every number's literal."""
    return json.loads(text, parse_int=Num, parse_float=Num, parse_constant=_reject_constant,
                      object_pairs_hook=_no_duplicates)


# ---------------------------------------------------------------- section 4 pre-processing

def _check_text(param, text):
    for ch in text:
        # json.loads joins an escaped surrogate pair into one code point, so a surrogate left is unpaired.
        if 0xD800 <= ord(ch) <= 0xDFFF:
            raise InvalidParam(param, "lone surrogate U+%04X" % ord(ch))
    return text


def _number(param, literal):
    if INTEGER_LITERAL.match(literal):
        value = int(literal)
        return value if abs(value) <= MAX_SAFE_INTEGER else str(value)
    value = float(literal)
    if math.isinf(value) or math.isnan(value):
        raise InvalidParam(param, "number out of range: " + literal)
    return value


def _plain(param, literal):
    """The plain decimal notation of a literal, as java.math.BigDecimal.toPlainString() writes it."""
    sign, digits, exponent = Decimal(literal).as_tuple()
    if abs(exponent) > MAX_PLAIN_EXPONENT:
        raise InvalidParam(param, "number too long for a string: " + literal)
    text = "".join(map(str, digits))
    is_zero = text.strip("0") == ""
    if exponent >= 0:
        text = "0" if is_zero else text + "0" * exponent
    else:
        scale = -exponent
        text = text.rjust(scale + 1, "0")
        text = text[:-scale] + "." + text[-scale:]
    return ("-" if sign and not is_zero else "") + text


def _prepare(param, value):
    if isinstance(value, dict):
        return {_check_text(param, k): _prepare(param, v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_prepare(param, v) for v in value]
    if isinstance(value, str):
        return _check_text(param, value)
    if isinstance(value, Num):
        return _number(param, value.text)
    return value  # True, False, None (inside arrays)


def prepare_params(params, param_types):
    result = {}
    for name, value in params.items():
        _check_text(name, name)
        if value is None:
            continue
        if param_types.get(name) == "string" and isinstance(value, Num):
            result[name] = _plain(name, value.text)
        else:
            result[name] = _prepare(name, value)
    return result


# ---------------------------------------------------------------- RFC 8785

def es6_number(value):
    """ECMAScript Number::toString (ECMA-262 7.1.12.1) of a finite double."""
    if value == 0:
        return "0"
    if value < 0:
        return "-" + es6_number(-value)
    # repr gives the shortest digits that round-trip, picking the closest candidate, as ES6 requires.
    mantissa, _, exp_text = repr(value).partition("e")
    whole, _, fraction = mantissa.partition(".")
    raw = whole + fraction
    digits = raw.lstrip("0")
    n = len(whole) + (int(exp_text) if exp_text else 0) - (len(raw) - len(digits))
    digits = digits.rstrip("0")
    k = len(digits)
    if k <= n <= 21:
        return digits + "0" * (n - k)
    if 0 < n <= 21:
        return digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return "0." + "0" * (-n) + digits
    e = n - 1
    exponent = ("+" if e >= 0 else "-") + str(abs(e))
    return digits + "e" + exponent if k == 1 else digits[0] + "." + digits[1:] + "e" + exponent


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def jcs_string(text):
    out = ['"']
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20:
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def jcs(value):
    """RFC 8785 serialisation of a tree of dict / list / str / int / float / bool / None."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return jcs_string(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isinf(value) or math.isnan(value):
            raise ValueError("not a JSON number")
        return es6_number(value)
    if isinstance(value, list):
        return "[" + ",".join(jcs(v) for v in value) + "]"
    if isinstance(value, dict):
        members = sorted(value.items(), key=lambda kv: kv[0].encode("utf-16-be", "surrogatepass"))
        return "{" + ",".join(jcs_string(k) + ":" + jcs(v) for k, v in members) + "}"
    raise TypeError(type(value))


def _to_rfc_value(value):
    """For the RFC data: every number is a double."""
    if isinstance(value, Num):
        return float(value.text)
    if isinstance(value, dict):
        return {k: _to_rfc_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_to_rfc_value(v) for v in value]
    return value


# ---------------------------------------------------------------- keys

def canonical(params, param_types):
    return jcs(prepare_params(params, param_types))


def subkey(secret):
    return hmac.new(secret.encode("utf-8"), b"mizan/cache-key/v1", hashlib.sha256).digest()


def cache_key(secret, name, scope, canonical_text):
    material = "mizan/v1\n" + name + "\n" + scope + "\n" + canonical_text
    return hmac.new(subkey(secret), material.encode("utf-8"), hashlib.sha256).hexdigest()


def compute(secret, name, scope, param_types, params):
    text = canonical(params, param_types)
    return {"canonical": text, "stableKey": name + "|" + text, "key": cache_key(secret, name, scope, text)}


# ---------------------------------------------------------------- writing JSON with literals intact

def dump(value, indent=""):
    inner = indent + "  "
    if isinstance(value, Num):
        return value.text
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [inner + json.dumps(k, ensure_ascii=False) + ": " + dump(v, inner) for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(inner + dump(v, inner) for v in value) + "\n" + indent + "]"
    return json.dumps(value, ensure_ascii=False)


# ---------------------------------------------------------------- the vectors

SECRET_A = "test-secret-A: not for production"
SECRET_B = "s\u00e9cr\u00e8t-\U0001F511-B"
USER = "user:Zo\u00eb \u5c71\u7530"

# (secret, name, scope, paramTypes, params as JSON text exactly as a client sends them)
CASES = [
    (SECRET_A, "catalog", "public", {}, "{}"),
    (SECRET_B, "catalog", "public", {}, "{}"),
    (SECRET_A, "catalog", USER, {}, "{}"),
    (SECRET_A, "todos", "public", {"list": "integer"}, '{"list": 3}'),
    (SECRET_A, "todos", "user:alice", {"list": "integer"}, '{"list": 3}'),
    (SECRET_A, "todos", USER, {"list": "integer"}, '{"list": 3}'),
    (SECRET_B, "todos", USER, {"list": "integer"}, '{"list": 3}'),
    (SECRET_A, "todos", "public", {"list": "integer", "done": "boolean"}, '{"list": null, "done": true}'),
    (SECRET_A, "flags", "public", {"a": "boolean", "b": "boolean"}, '{"b": false, "a": true}'),
    (SECRET_A, "search", "public", {"q": "string", "page": "integer", "sort": "string"},
     '{"sort": "title", "q": "caf\u00e9", "page": 2}'),
    (SECRET_A, "search", "public", {"q": "string"}, '{"q": "\u65e5\u672c\u8a9e \U0001F600 emoji"}'),
    (SECRET_A, "search", "public", {"q": "string"}, '{"q": "quote \\" backslash \\\\ slash / tab \\t nl \\n"}'),
    (SECRET_A, "search", "public", {"q": "string"}, '{"q": "ctl \\u0001 \\u001f del \\u007f nbsp \\u00a0"}'),
    (SECRET_A, "search", "public", {"q": "string"}, '{"q": "\\u2028\\u2029 \\uD83D\\uDE00 escaped pair"}'),
    (SECRET_A, "search", "public", {"q": "string"}, '{"q": ""}'),
    (SECRET_A, "i18n", "public", {"\u00e9t\u00e9": "string", "ete": "string", "\u00c9t\u00e9": "string"},
     '{"\u00e9t\u00e9": "summer", "ete": "plain", "\u00c9t\u00e9": "capital"}'),
    (SECRET_A, "i18n", "public", {"\U0001F600": "string", "\uFB01": "string", "a": "string"},
     '{"\uFB01": "ligature fi (BMP, sorts after the emoji in UTF-16)", "\U0001F600": "emoji key", "a": "first"}'),
    (SECRET_A, "i18n", "public", {"\U0001F511": "integer", "\u20ac": "integer", "\uFFFD": "integer"},
     '{"\uFFFD": 3, "\u20ac": 2, "\U0001F511": 1}'),
    (SECRET_A, "sorting", "public", {"filter": "object"},
     '{"filter": {"b": 1, "a": 2, "B": 3, "aa": 4, "a\u00e1": 5, "": 6, "10": 7, "9": 8}}'),
    (SECRET_A, "floats", "public", {"x": "number"}, '{"x": 0.1}'),
    (SECRET_A, "floats", "public", {"x": "number"}, '{"x": 1e21}'),
    (SECRET_A, "floats", "public", {"x": "number"}, '{"x": 1E+20}'),
    (SECRET_A, "floats", "public", {"x": "number"}, '{"x": 1e-7}'),
    (SECRET_A, "floats", "public", {"x": "number"}, '{"x": 0.000001}'),
    (SECRET_A, "floats", "public", {"x": "number"}, '{"x": -0.0}'),
    (SECRET_A, "floats", "public", {"x": "number"}, '{"x": 5e-324}'),
    (SECRET_A, "floats", "public", {"x": "number"}, '{"x": 1.7976931348623157e308}'),
    (SECRET_A, "floats", "public", {"x": "number"}, '{"x": 123456789.123}'),
    (SECRET_A, "floats", "public", {"x": "number"}, '{"x": 333333333.33333329}'),
    (SECRET_A, "floats", "public", {"x": "number"}, '{"x": 2.50}'),
    (SECRET_A, "floats", "public", {"x": "number"}, '{"x": 1.0}'),
    (SECRET_A, "floats", "public", {"x": "number"}, '{"x": 9007199254740993.0}'),
    (SECRET_A, "floats", "public", {"x": "number"}, '{"x": -1.5e-10}'),
    (SECRET_A, "floats", "public", {"xs": "array"}, '{"xs": [1e300, 4.35, 0.30000000000000004, 100e-2]}'),
    (SECRET_A, "ints", "public", {"n": "integer"}, '{"n": 0}'),
    (SECRET_A, "ints", "public", {"n": "integer"}, '{"n": -0}'),
    (SECRET_A, "ints", "public", {"n": "integer"}, '{"n": 9007199254740991}'),
    (SECRET_A, "ints", "public", {"n": "integer"}, '{"n": -9007199254740991}'),
    (SECRET_A, "ints", "public", {"n": "integer"}, '{"n": 9007199254740992}'),
    (SECRET_A, "ints", "public", {"n": "integer"}, '{"n": -9007199254740992}'),
    (SECRET_A, "ints", "public", {"n": "integer"}, '{"n": 9007199254740993}'),
    (SECRET_A, "ints", "public", {"n": "integer"}, '{"n": 123456789012345678901234567890}'),
    (SECRET_A, "ints", "public", {"n": "integer"}, '{"n": 12345678901234567000}'),
    (SECRET_A, "ints", "public", {"ids": "array"}, '{"ids": [1, 9007199254740992, -18446744073709551616, 2]}'),
    (SECRET_A, "money", "public", {"amount": "string"}, '{"amount": "12.50"}'),
    (SECRET_A, "money", "public", {"amount": "string"}, '{"amount": 12.50}'),
    (SECRET_A, "money", "public", {"amount": "string"}, '{"amount": 12.5}'),
    (SECRET_A, "money", "public", {"amount": "string"}, '{"amount": 100}'),
    (SECRET_A, "money", "public", {"amount": "string"}, '{"amount": 0.0000001}'),
    (SECRET_A, "money", "public", {"amount": "string"}, '{"amount": 1.5e3}'),
    (SECRET_A, "money", "public", {"amount": "string"}, '{"amount": -0.00}'),
    (SECRET_A, "money", "public", {"amount": "string"}, '{"amount": 98765432109876543210.0001}'),
    (SECRET_A, "money", "public", {"amount": "string"}, '{"amount": "98765432109876543210.0001"}'),
    (SECRET_A, "money", "public", {"amount": "string", "count": "integer"},
     '{"amount": "1e400", "count": 1}'),
    (SECRET_A, "nested", "public", {"filter": "object"},
     '{"filter": {"status": null, "tags": ["a", null, "b"], "range": {"from": 1, "to": null}, "empty": {"x": null}}}'),
    (SECRET_A, "nested", USER, {"filter": "object", "limit": "integer"},
     '{"limit": null, "filter": {"deep": {"deeper": {"deepest": {"v": 1.25, "n": null, "s": "\u00df"}}}}}'),
    (SECRET_A, "arrays", "public", {"xs": "array"}, '{"xs": []}'),
    (SECRET_A, "arrays", "public", {"xs": "array"}, '{"xs": [null]}'),
    (SECRET_A, "arrays", "public", {"xs": "array"}, '{"xs": [[], {}, [null, {"a": null}], true, false, "s", 1]}'),
    (SECRET_A, "arrays", "public", {"xs": "array"}, '{"xs": ["c", "b", "a"]}'),
    (SECRET_A, "mixed", "public", {"s": "string", "b": "boolean", "o": "object", "a": "array", "n": "number"},
     '{"s": "x", "b": false, "o": {}, "a": [1], "n": 2.5}'),
    (SECRET_B, "mixed", "user:bob", {"s": "string", "b": "boolean", "o": "object", "a": "array", "n": "number"},
     '{"s": "x", "b": false, "o": {}, "a": [1], "n": 2.5}'),
    (SECRET_B, "\u00fcnicode-name", USER, {"k": "string"}, '{"k": "v"}'),
    # exponent-form numbers: integer or JCS number is decided from the literal, not from its value
    (SECRET_A, "exponents", "public", {"x": "number"}, '{"x": 1.2345678901234568e+16}'),
    (SECRET_A, "exponents", "public", {"x": "number"}, '{"x": 9.007199254740993e15}'),
    (SECRET_A, "exponents", "public", {"x": "number"}, '{"x": 9007199254740993}'),
    (SECRET_A, "exponents", "public", {"n": "integer"}, '{"n": 1e2}'),
    (SECRET_A, "exponents", "public", {"n": "integer"}, '{"n": 1.00E+2}'),
    (SECRET_A, "exponents", "public", {"n": "integer"}, '{"n": -12345678901234567e3}'),
    (SECRET_A, "exponents", "public", {"xs": "array"},
     '{"xs": [1e16, 10000000000000000, 1.5E300, 123456789012345678901234567890e-10, 9007199254740993.0]}'),
    (SECRET_A, "exponents", "public", {"f": "object"}, '{"f": {"big": 1.8446744073709552e19, "int": 18446744073709551616}}'),
    (SECRET_A, "exponents", "public", {"amount": "string"}, '{"amount": 1.2345678901234568e+16}'),
    (SECRET_A, "exponents", "public", {"amount": "string"}, '{"amount": 1.250E1}'),
]


def build_vectors():
    vectors = []
    for secret, name, scope, param_types, params_text in CASES:
        params = parse(params_text)
        vector = {"secret": secret, "name": name, "scope": scope, "paramTypes": param_types, "params": params}
        vector.update(compute(secret, name, scope, param_types, params))
        vectors.append(vector)
    return vectors


def verify(path):
    with open(path, encoding="utf-8") as f:
        vectors = parse(f.read())
    failures = 0
    for index, vector in enumerate(vectors):
        expected = compute(vector["secret"], vector["name"], vector["scope"], vector["paramTypes"], vector["params"])
        for field in ("canonical", "stableKey", "key"):
            if vector.get(field) != expected[field]:
                failures += 1
                print("%s[%d] %s: file has %r, expected %r" % (path, index, field, vector.get(field), expected[field]))
    print("%s: %d vectors, %d mismatches" % (path, len(vectors), failures))
    return failures == 0


def check_rfc8785(directory):
    ok = True
    for file in sorted(os.listdir(os.path.join(directory, "input"))):
        with open(os.path.join(directory, "input", file), encoding="utf-8") as f:
            actual = jcs(_to_rfc_value(parse(f.read())))
        with open(os.path.join(directory, "output", file), "rb") as f:
            expected = f.read()
        same = actual.encode("utf-8") == expected
        ok = ok and same
        print("%s %s" % ("ok  " if same else "FAIL", file))
    return ok


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_out = os.path.join(here, "..", "src", "main", "resources", "vectors", "cache-keys.json")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=default_out, help="where to write the vectors")
    parser.add_argument("--verify", nargs="+", metavar="FILE", help="verify vectors files instead of writing")
    parser.add_argument("--rfc8785", metavar="DIR", help="check the canonicaliser against RFC 8785 test data")
    args = parser.parse_args()
    if args.rfc8785:
        return 0 if check_rfc8785(args.rfc8785) else 1
    if args.verify:
        return 0 if all([verify(path) for path in args.verify]) else 1
    vectors = build_vectors()
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(dump(vectors) + "\n")
    print("wrote %d vectors to %s" % (len(vectors), os.path.normpath(args.out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
