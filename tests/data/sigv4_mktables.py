#!/usr/bin/env python3
# sigv4_mktables.py: turn the SigV4 reference vectors into C tables for
# tests/check_sigv4.c.  Run once by hand; the output is committed and the
# tests never read the source files:
#
#   python3 tests/data/sigv4_mktables.py /work/shared
#
# writes tests/data/sigv4_suite.inc (the 38 header-signing cases of the
# aws-c-auth v4 suite in shared/sigv4-testsuite/v4) and
# tests/data/sigv4_botocore.inc (the 12 botocore 1.43.11 vectors in
# shared/aws-models/sigv4-vectors-botocore-1.43.11.json).
#
# Inputs become the request fields; expected outputs (canonical request,
# string to sign, signature, Authorization, X-Amz-Date) are kept apart and
# never fed back as input.  Suite paths stay raw (the test encodes them
# once with sigv4_uri_encode() to get the wire form); a raw UTF-8 query is
# percent-encoded here so that it is a valid wire query.
import calendar
import json
import os
import sys
import time
import urllib.parse

# Signing names (aws-apis.md section 1), keyed by the botocore service.
SIGNING_NAME = {
    "bedrock": "bedrock",
    "service-quotas": "servicequotas",
    "sts": "sts",
    "cloudwatch": "monitoring",
}
# Added by the signer or by the HTTP layer after signing, never passed in.
NOT_INPUT = {"authorization", "content-length", "x-amz-date",
             "x-amz-security-token"}
WIDTH = 60


def c_str(s):
    """A C string expression for "s" (str or bytes), split over lines."""
    if s is None:
        return "NULL"
    if isinstance(s, str):
        s = s.encode("utf-8")
    pieces, cur = [], ""
    for b in s:
        ch = chr(b)
        if ch == "\\":
            cur += "\\\\"
        elif ch == '"':
            cur += '\\"'
        elif ch == "\n":
            cur += "\\n"
        elif ch == "\t":
            cur += "\\t"
        elif 0x20 <= b < 0x7f:
            cur += ch
        else:
            cur += "\\%03o" % b
        if ch == "\n" or len(cur) >= WIDTH:
            pieces.append(cur)
            cur = ""
    if cur or not pieces:
        pieces.append(cur)
    return "\n\t    ".join('"%s"' % p for p in pieces)


def emit(out, v):
    out.write("{\n")
    out.write("\t.name = %s,\n" % c_str(v["name"]))
    for k in ("method", "host", "path"):
        out.write("\t.%s = %s,\n" % (k, c_str(v[k])))
    out.write("\t.raw_path = %d,\n" % v["raw_path"])
    out.write("\t.query = %s,\n" % c_str(v["query"]))
    out.write("\t.headers = {\n")
    for n, val in v["headers"]:
        out.write("\t    { %s,\n\t    %s },\n" % (c_str(n), c_str(val)))
    out.write("\t},\n")
    out.write("\t.headersz = %d,\n" % len(v["headers"]))
    out.write("\t.body = %s,\n" % c_str(v["body"]))
    out.write("\t.bodysz = %d,\n" % len(v["body"]))
    out.write("\t.sign_body = %d,\n" % v["sign_body"])
    for k in ("akid", "secret", "token", "region", "service"):
        out.write("\t.%s = %s,\n" % (k, c_str(v[k])))
    out.write("\t.now = %dLL,\n" % v["now"])
    out.write("\t.flags = %s,\n" % v["flags"])
    for k in ("amz_date", "creq", "sts", "sig", "authz"):
        out.write("\t.%s = %s,\n" % (k, c_str(v[k])))
    out.write("},\n")


def read(path):
    with open(path, "rb") as f:
        return f.read()


def parse_request(raw):
    """Method, target, headers (folded lines kept with '\\n') and body."""
    head, _, body = raw.partition(b"\n\n")
    lines = head.decode("utf-8").split("\n")
    # "GET /example space/ HTTP/1.1": the target may hold a space.
    method, rest = lines[0].split(" ", 1)
    target = rest.rsplit(" ", 1)[0]
    headers = []
    for line in lines[1:]:
        if line[:1] in (" ", "\t"):
            n, val = headers[-1]
            headers[-1] = (n, val + "\n" + line)
        elif line:
            n, _, val = line.partition(":")
            headers.append((n, val))
    return method, target, headers, body


def signed_header(raw, name):
    for line in raw.decode("utf-8").split("\n"):
        if line.lower().startswith(name.lower() + ":"):
            return line.split(":", 1)[1]
    raise ValueError(name)


def suite_case(d, name):
    ctx = json.loads(read(os.path.join(d, "context.json")))
    method, target, headers, body = parse_request(
        read(os.path.join(d, "request.txt")))
    path, _, query = target.partition("?")
    query = urllib.parse.quote(query, safe="!$&'()*+,;=:@/?%")
    host = [val for n, val in headers if n.lower() == "host"]
    assert len(host) == 1
    signed = read(os.path.join(d, "header-signed-request.txt"))
    flags = ["SIGV4_NORMALIZE_PATH"] if ctx["normalize"] else []
    if ctx.get("omit_session_token"):
        flags.append("SIGV4_OMIT_TOKEN")
    t = calendar.timegm(time.strptime(ctx["timestamp"], "%Y-%m-%dT%H:%M:%SZ"))
    return {
        "name": name, "method": method, "host": None, "path": path,
        "raw_path": 1, "query": query or None, "headers": headers,
        "body": body, "sign_body": int(ctx["sign_body"]),
        "akid": ctx["credentials"]["access_key_id"],
        "secret": ctx["credentials"]["secret_access_key"],
        "token": ctx["credentials"].get("token"),
        "region": ctx["region"], "service": ctx["service"], "now": t,
        "flags": " | ".join(flags) or "0",
        "amz_date": signed_header(signed, "X-Amz-Date"),
        "creq": read(os.path.join(d, "header-canonical-request.txt")),
        "sts": read(os.path.join(d, "header-string-to-sign.txt")),
        "sig": read(os.path.join(d, "header-signature.txt")).strip(),
        "authz": signed_header(signed, "Authorization"),
    }


def botocore_case(about, v):
    u = urllib.parse.urlsplit(v["url"])
    hs = v["headers_sent"]
    t = calendar.timegm(time.strptime(hs["X-Amz-Date"], "%Y%m%dT%H%M%SZ"))
    service = SIGNING_NAME[v["service"]]
    assert "/%s/aws4_request" % service in hs["Authorization"]
    assert "AKIDEXAMPLE" in about and "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" in about
    return {
        "name": "%s.%s" % (v["service"], v["operation"]),
        "method": v["method"], "host": u.netloc, "path": u.path or "/",
        "raw_path": 0, "query": u.query or None,
        "headers": [(n, val) for n, val in hs.items()
                    if n.lower() not in NOT_INPUT],
        "body": v["body"].encode("utf-8"), "sign_body": 0,
        "akid": "AKIDEXAMPLE",
        "secret": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        "token": v["session_token"], "region": v["region"],
        "service": service, "now": t, "flags": "SIGV4_DEFAULT",
        "amz_date": hs["X-Amz-Date"], "creq": v["canonical_request"],
        "sts": v["string_to_sign"], "sig": v["signature"],
        "authz": hs["Authorization"],
    }


HEADER = """/*
 * %s: generated by tests/data/sigv4_mktables.py from
 * %s.
 * Do not edit; rerun the script.  Included by tests/check_sigv4.c.
 */
static const struct vec %s[] = {
"""


def main():
    shared = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    suite = os.path.join(shared, "sigv4-testsuite", "v4")
    with open(os.path.join(here, "sigv4_suite.inc"), "w") as out:
        out.write(HEADER % ("sigv4_suite.inc",
                            "the aws-c-auth v4 suite (commit 495329c, "
                            "Apache-2.0)", "suite_vecs"))
        for name in sorted(os.listdir(suite)):
            emit(out, suite_case(os.path.join(suite, name), name))
        out.write("};\n")
    doc = json.loads(read(os.path.join(
        shared, "aws-models", "sigv4-vectors-botocore-1.43.11.json")))
    with open(os.path.join(here, "sigv4_botocore.inc"), "w") as out:
        out.write(HEADER % ("sigv4_botocore.inc",
                            "sigv4-vectors-botocore-1.43.11.json",
                            "botocore_vecs"))
        for v in doc["vectors"]:
            emit(out, botocore_case(doc["_about"], v))
        out.write("};\n")


if __name__ == "__main__":
    main()
