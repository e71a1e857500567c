#!/usr/bin/env python3
"""Checks Web/openapi.yaml against the real answers of a running `kh02 serve --demo`.

Usage: openapi_check.py --url http://127.0.0.1:PORT/ --token <central token> --province-token <province 01 token>
                        --spec Web/openapi.yaml [--admin-token <admin token>] [--store]

- Fetches /openapi.yaml and checks it is the spec file, byte for byte.
- Calls every documented operation at least once, with parameter values found through the API itself (a commune of
  province 01, a criterion key, the plan in effect, an upload id, a task group…), including error cases.
- Checks each answer's status is documented for the operation, its content type is the documented one, and a JSON
  body validates against the documented schema (`$ref`s inlined here, Draft 2020-12, formats date-time, date and
  uuid checked by this script). CSV answers must be UTF-8 with a BOM and CRLF line ends.
- Uploads are dry runs, except with `--store`: one small readiness upload (201), then the same request again (200,
  `Idempotent-Replay: true`). `--admin-token` adds the audit log's 200 answer (other tokens get 403).

Prints one line per call and a summary; exits 1 when anything failed.
Needs only the standard library, PyYAML and jsonschema (4.10 as in Debian bookworm, or newer).
"""

import argparse
import copy
import csv
import datetime
import http.client
import io
import json
import re
import sys
import urllib.parse
import uuid

import jsonschema
import yaml

METHODS = ("get", "post", "put", "patch", "delete")
VIETNAM = datetime.timezone(datetime.timedelta(hours=7))


# --- The document ------------------------------------------------------------------------------------------------

def pointer(document, ref):
    """The node `ref` (`#/a/b`) names in `document`."""
    if not ref.startswith("#/"):
        raise ValueError(f"only local $refs are supported: {ref}")
    node = document
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def inline(node, document, seen=()):
    """`node` with every `$ref` replaced by a copy of its target; a `$ref` with siblings becomes `allOf`."""
    if isinstance(node, list):
        return [inline(item, document, seen) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        ref = node["$ref"]
        if ref in seen:
            raise ValueError(f"recursive $ref {ref}")
        target = inline(copy.deepcopy(pointer(document, ref)), document, seen + (ref,))
        siblings = {k: inline(v, document, seen) for k, v in node.items() if k != "$ref"}
        if not siblings:
            return target
        if set(siblings) <= {"description", "summary"} and isinstance(target, dict):
            return {**target, **siblings}
        return {"allOf": [target], **siblings}
    return {k: inline(v, document, seen) for k, v in node.items()}


def format_checker():
    """date-time, date and uuid, checked the same way whatever the jsonschema version."""
    checker = jsonschema.FormatChecker(formats=())

    @checker.checks("date-time", raises=ValueError)
    def date_time(value):
        if not isinstance(value, str):
            return True
        match = re.fullmatch(r"(\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))", value)
        if not match:
            raise ValueError("not an RFC 3339 date-time")
        datetime.datetime.strptime(match.group(1).upper(), "%Y-%m-%dT%H:%M:%S")
        if match.group(4) and (int(match.group(4)) > 23 or int(match.group(5)) > 59):
            raise ValueError("bad offset")
        return True

    @checker.checks("date", raises=ValueError)
    def date(value):
        if not isinstance(value, str):
            return True
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError("not YYYY-MM-DD")
        datetime.date.fromisoformat(value)
        return True

    @checker.checks("uuid", raises=ValueError)
    def uuid_format(value):
        if not isinstance(value, str):
            return True
        if not re.fullmatch(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", value):
            raise ValueError("not a UUID")
        uuid.UUID(value)
        return True

    return checker


class Spec:
    def __init__(self, path):
        with open(path, "rb") as f:
            self.raw = f.read()
        self.document = yaml.safe_load(self.raw.decode("utf-8"))
        self.resolved = inline(self.document, self.document)
        self.checker = format_checker()
        self.operations = {}
        for template, item in self.resolved["paths"].items():
            for method, operation in item.items():
                if method in METHODS:
                    self.operations[(method.upper(), template)] = operation
        # Every schema must itself be valid Draft 2020-12.
        for name, schema in self.resolved.get("components", {}).get("schemas", {}).items():
            jsonschema.Draft202012Validator.check_schema(schema)

    def needs_credentials(self, method, template):
        """True unless the operation (or the document) says `security: []`."""
        operation = self.operations[(method, template)]
        security = operation.get("security", self.document.get("security", []))
        return bool(security) and all(requirement for requirement in security)

    def errors(self, schema, instance):
        validator = jsonschema.Draft202012Validator(schema, format_checker=self.checker)
        return sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))


# --- Calls -------------------------------------------------------------------------------------------------------

class Answer:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # lower-case name -> list of values
        self.body = body

    def header(self, name):
        values = self.headers.get(name.lower())
        return values[0] if values else None

    @property
    def media_type(self):
        return (self.header("content-type") or "").split(";")[0].strip().lower()

    def json(self):
        return json.loads(self.body.decode("utf-8"))


class Failure(Exception):
    pass


class Checker:
    def __init__(self, args):
        url = urllib.parse.urlsplit(args.url)
        self.host = url.hostname
        self.port = url.port or (443 if url.scheme == "https" else 80)
        self.https = url.scheme == "https"
        self.prefix = url.path.rstrip("/")
        self.spec = Spec(args.spec)
        self.tokens = {"central": args.token, "province": args.province_token, "admin": args.admin_token}
        self.store = args.store
        self.verbose = args.verbose
        self.results = []  # (ok, line)
        self.exercised = set()
        self.anonymous = set()  # operations answered 2xx without a token or cookie
        self.calls = 0
        self.today = datetime.datetime.now(VIETNAM).date()

    # The transport.
    def request(self, method, path, headers=None, body=None):
        connection = (http.client.HTTPSConnection if self.https else http.client.HTTPConnection)(
            self.host, self.port, timeout=300)
        try:
            connection.request(method, self.prefix + path, body=body, headers=headers or {})
            response = connection.getresponse()
            data = response.read()
            headers = {}
            for name, value in response.getheaders():
                headers.setdefault(name.lower(), []).append(value)
            return Answer(response.status, headers, data)
        finally:
            connection.close()

    def record(self, ok, line, call=False):
        self.results.append((ok, line))
        self.calls += call
        print(("ok    " if ok else "FAIL  ") + line, flush=True)

    # One documented call: sends it, checks status, headers, content type and body; returns the answer, or None when
    # the call failed or its status was not the expected one.
    def call(self, method, template, params=None, query=None, token="central", headers=None, body=None, expect=200,
             content_type=None, cookie=None, label=""):
        path = template
        for name, value in (params or {}).items():
            path = path.replace("{" + name + "}", urllib.parse.quote(str(value), safe=""))
        if query:
            path += "?" + urllib.parse.urlencode(query)
        shown = f"{method} {path}" + (f" [{label}]" if label else "")
        sent = dict(headers or {})
        if token:
            sent["Authorization"] = "Bearer " + (self.tokens.get(token) or token)
        if cookie:
            sent["Cookie"] = cookie
        if body is not None:
            if isinstance(body, (dict, list)):
                body = json.dumps(body, ensure_ascii=False).encode("utf-8")
                content_type = content_type or "application/json"
            elif isinstance(body, str):
                body = body.encode("utf-8")
            if content_type:
                sent["Content-Type"] = content_type
        self.exercised.add((method, template))
        try:
            answer = self.request(method, path, sent, body)
        except Exception as error:  # noqa: BLE001 - any transport failure is a failed check
            self.record(False, f"{shown}: request failed: {error}", call=True)
            return None
        anonymous = not token and not cookie
        try:
            self.verify(method, template, answer, expect)
            if anonymous and answer.status < 300 and self.spec.needs_credentials(method, template):
                raise Failure("answered without a token, but the operation is documented as needing one (security)")
        except Failure as failure:
            self.record(False, f"{shown} {answer.status}: {failure}", call=True)
            if self.verbose:
                print("      " + answer.body[:600].decode("utf-8", "replace"))
            # Go on with the answer when only its shape is wrong, so later calls still find their parameters.
            return answer if answer.status == expect else None
        if anonymous and answer.status < 300:
            self.anonymous.add((method, template))
        self.record(True, f"{shown} {answer.status}", call=True)
        return answer

    def verify(self, method, template, answer, expect):
        operation = self.spec.operations.get((method, template))
        if operation is None:
            raise Failure(f"{method} {template} is not documented")
        documented = operation.get("responses", {})
        response = documented.get(str(answer.status)) or documented.get("default")
        if response is None:
            raise Failure(f"status {answer.status} is not documented (documented: {', '.join(sorted(documented))})"
                          + self.error_code(answer))
        if expect is not None and answer.status != expect:
            raise Failure(f"expected {expect}" + self.error_code(answer))
        for name in response.get("headers", {}):
            if answer.header(name) is None:
                raise Failure(f"documented header {name} is missing")
        content = response.get("content")
        if not content:
            if answer.body:
                raise Failure(f"a body ({len(answer.body)} bytes) where none is documented")
            return
        media = answer.media_type
        if media not in content:
            raise Failure(f"content type {answer.header('content-type')!r}, documented: {', '.join(content)}")
        schema = content[media].get("schema")
        if media in ("application/json", "application/geo+json") or media.endswith("+json"):
            try:
                instance = answer.json()
            except ValueError as error:
                raise Failure(f"body is not JSON: {error}")
            if schema is not None:
                errors = self.spec.errors(schema, instance)
                if errors:
                    shown = "; ".join(
                        f"at /{'/'.join(str(p) for p in e.absolute_path)}: {e.message[:300]}" for e in errors[:5])
                    raise Failure(f"{len(errors)} schema error(s): {shown}")
        elif media == "text/csv":
            try:
                text = answer.body.decode("utf-8")
            except UnicodeDecodeError:
                raise Failure("CSV is not UTF-8")
            if not template.endswith("/original"):
                if not text.startswith("\ufeff"):
                    raise Failure("CSV without a UTF-8 BOM")
                if "\n" not in text or re.search(r"(?<!\r)\n", text):
                    raise Failure("CSV lines do not all end with CRLF")
                if (answer.header("content-disposition") or "").find("attachment") < 0:
                    raise Failure("CSV without Content-Disposition: attachment")

    @staticmethod
    def error_code(answer):
        try:
            body = answer.json()
            return f" (got {body['error']['code']}: {body['error'].get('message_en', '')})"
        except Exception:  # noqa: BLE001
            return ""

    def fact(self, ok, line):
        """A check that is not a documented call (the served document, a header value…)."""
        self.record(ok, line)

    # --- The scenario ----------------------------------------------------------------------------------------------

    def run(self):
        self.served_document()
        self.health_and_info()
        self.session()
        units = self.units()
        plan = self.plans()
        coverage = self.coverage()
        self.provinces(units)
        self.communes(units)
        self.tasks(plan)
        self.criteria(coverage)
        self.services()
        self.history(units)
        self.what_if(plan)
        self.maps()
        self.templates()
        self.uploads(units, plan)
        self.reports(units)
        self.audit()
        missing = sorted(set(self.spec.operations) - self.exercised)
        for method, template in missing:
            self.record(False, f"{method} {template}: documented but never called")
        for method, template in sorted(self.spec.operations):
            if not self.spec.needs_credentials(method, template) and (method, template) not in self.anonymous:
                self.record(False, f"{method} {template}: documented as open (security: []) but never answered without a token")
        failed = [line for ok, line in self.results if not ok]
        print()
        print(f"{self.calls} calls and {len(self.results) - self.calls} other checks: "
              f"{sum(1 for ok, _ in self.results if ok)} ok, {len(failed)} failed; "
              f"{len(self.exercised & set(self.spec.operations))} of {len(self.spec.operations)} documented operations called")
        if failed:
            print("FAILED:")
            for line in failed:
                print("  " + line)
        return 1 if failed else 0

    def served_document(self):
        try:
            answer = self.request("GET", "/openapi.yaml")
        except Exception as error:  # noqa: BLE001
            self.fact(False, f"GET /openapi.yaml: request failed: {error}")
            return
        same = answer.status == 200 and answer.body == self.spec.raw
        detail = "" if same else f": status {answer.status}, {len(answer.body)} bytes served vs {len(self.spec.raw)} in the file"
        self.fact(same, f"GET /openapi.yaml {answer.status} (served byte for byte){detail}")

    def health_and_info(self):
        self.call("GET", "/health", token=None)
        self.call("GET", "/ready", token=None)
        self.call("GET", "/api/v1/info", token=None)
        self.call("GET", "/api/v1/info", token="kh02_not_a_real_token_000", expect=401, label="unknown bearer")

    def session(self):
        csrf = {"X-KH02-CSRF": "1"}
        answer = self.call("POST", "/api/v1/session", token=None, headers=csrf, body={"token": self.tokens["central"]})
        cookie = None
        if answer is not None:
            for value in answer.headers.get("set-cookie", []):
                if value.startswith("kh02_session="):
                    cookie = value.split(";")[0]
            self.fact(cookie is not None and "HttpOnly" in " ".join(answer.headers.get("set-cookie", [])),
                      "POST /api/v1/session sets an HttpOnly kh02_session cookie")
        self.call("POST", "/api/v1/session", token=None, body={"token": self.tokens["central"]}, expect=403,
                  label="no CSRF header")
        self.call("POST", "/api/v1/session", token=None, headers=csrf, body={"token": "kh02_wrong_token_1234"},
                  expect=401, label="unknown token")
        self.call("POST", "/api/v1/session", token=None, headers=csrf, body={"nope": 1}, expect=400, label="bad body")
        self.call("GET", "/api/v1/session")
        self.call("GET", "/api/v1/session", token="province", label="province token")
        self.call("GET", "/api/v1/session", token=None, expect=401, label="no token")
        if cookie:
            self.call("GET", "/api/v1/session", token=None, cookie=cookie, label="cookie")
            self.call("DELETE", "/api/v1/session", token=None, cookie=cookie, expect=403, label="cookie, no CSRF")
            self.call("DELETE", "/api/v1/session", token=None, cookie=cookie, headers=csrf, expect=204, label="cookie")
        self.call("DELETE", "/api/v1/session", token=None, headers=csrf, expect=204, label="no cookie")

    def units(self):
        found = {"commune": None, "commune79": None}
        self.call("GET", "/api/v1/units/provinces", token=None)
        self.call("GET", "/api/v1/units/provinces", token=None, query={"as_of": self.past_day()}, label="past day")
        answer = self.call("GET", "/api/v1/units/provinces/{code}/communes", {"code": "01"}, token=None)
        if answer is not None:
            items = answer.json()["items"]
            found["commune"] = items[0]["code"] if items else None
            found["communes01"] = [item["code"] for item in items]
        answer = self.call("GET", "/api/v1/units/provinces/{code}/communes", {"code": "79"}, token=None)
        if answer is not None and answer.json()["items"]:
            found["commune79"] = answer.json()["items"][0]["code"]
        self.call("GET", "/api/v1/units/provinces/{code}/communes", {"code": "99"}, token=None, expect=404)
        self.call("GET", "/api/v1/units/provinces/{code}/communes", {"code": "1x"}, token=None, expect=400)
        if found["commune"]:
            self.call("GET", "/api/v1/units/communes/{code}", {"code": found["commune"]}, token=None)
        self.call("GET", "/api/v1/units/communes/{code}", {"code": "99999"}, token=None, expect=404)
        self.call("GET", "/api/v1/units/communes/{code}", {"code": "12"}, token=None, expect=400)
        return found

    def plans(self):
        plan = {"document": None, "id": None, "version": None}
        answer = self.call("GET", "/api/v1/plans", token=None)
        self.call("GET", "/api/v1/plans", query={"as_of": self.past_day()}, label="past day")
        self.call("GET", "/api/v1/plans", query={"as_of": "later"}, expect=400, label="bad as_of")
        if answer is None:
            return plan
        items = answer.json()["items"]
        current = next((item for item in items if item["in_effect"]), items[0] if items else None)
        if current is None:
            self.fact(False, "GET /api/v1/plans: no plan stored")
            return plan
        plan["id"], plan["version"] = current["id"], current["version"]
        answer = self.call("GET", "/api/v1/plans/{id}/{version}", {"id": plan["id"], "version": plan["version"]},
                           token=None)
        if answer is not None:
            plan["raw"] = answer.body
            plan["document"] = answer.json()
        self.call("GET", "/api/v1/plans/{id}/{version}", {"id": plan["id"], "version": 9999}, expect=404)
        self.call("GET", "/api/v1/plans/{id}/{version}", {"id": plan["id"], "version": "x"}, expect=400)
        return plan

    def coverage(self):
        answer = self.call("GET", "/api/v1/coverage")
        coverage = answer.json() if answer is not None else {}
        if answer is not None and answer.header("etag"):
            self.call("GET", "/api/v1/coverage", headers={"If-None-Match": answer.header("etag")}, expect=304,
                      label="If-None-Match")
        self.call("GET", "/api/v1/coverage", query={"as_of": self.past_day()}, label="past day")
        self.call("GET", "/api/v1/coverage", token="province", label="province token")
        self.call("GET", "/api/v1/coverage", token=None, expect=401, label="no token")
        self.call("GET", "/api/v1/coverage", query={"as_of": "yesterday"}, expect=400, label="bad as_of")
        self.call("GET", "/api/v1/coverage", query={"as_of": "2020-01-01"}, expect=422, label="before any plan")
        self.call("GET", "/api/v1/coverage.csv")
        self.call("GET", "/api/v1/coverage.csv", query={"as_of": self.past_day()}, label="past day")
        self.call("GET", "/api/v1/coverage.csv", token=None, expect=401, label="no token")
        return coverage

    def provinces(self, units):
        answer = self.call("GET", "/api/v1/provinces/{code}", {"code": "01"})
        if answer is not None and answer.header("etag"):
            self.call("GET", "/api/v1/provinces/{code}", {"code": "01"}, headers={"If-None-Match": answer.header("etag")},
                      expect=304, label="If-None-Match")
        self.call("GET", "/api/v1/provinces/{code}", {"code": "01"}, query={"as_of": self.past_day()}, label="past day")
        self.call("GET", "/api/v1/provinces/{code}", {"code": "01"}, token="province", label="province token, own")
        self.call("GET", "/api/v1/provinces/{code}", {"code": "79"}, token="province", expect=403,
                  label="province token, other")
        self.call("GET", "/api/v1/provinces/{code}", {"code": "79"})
        self.call("GET", "/api/v1/provinces/{code}", {"code": "01"}, token=None, expect=401, label="no token")
        self.call("GET", "/api/v1/provinces/{code}", {"code": "99"}, expect=404)
        self.call("GET", "/api/v1/provinces/{code}", {"code": "1x"}, expect=400)
        self.call("GET", "/api/v1/provinces/{code}.csv", {"code": "01"})
        self.call("GET", "/api/v1/provinces/{code}.csv", {"code": "01"}, token="province", label="province token")
        self.call("GET", "/api/v1/provinces/{code}.csv", {"code": "79"}, token="province", expect=403,
                  label="province token, other")
        self.call("GET", "/api/v1/provinces/{code}.csv", {"code": "99"}, expect=404)

    def communes(self, units):
        commune = units.get("commune")
        if commune:
            self.call("GET", "/api/v1/communes/{code}", {"code": commune})
            self.call("GET", "/api/v1/communes/{code}", {"code": commune}, token="province", label="province token")
            self.call("GET", "/api/v1/communes/{code}", {"code": commune}, query={"as_of": self.past_day()},
                      label="past day")
            # A commune that has reported (its history and last report are filled in), if any.
            reported = self.reported_commune()
            if reported and reported != commune:
                self.call("GET", "/api/v1/communes/{code}", {"code": reported}, label="reported commune")
        if units.get("commune79"):
            self.call("GET", "/api/v1/communes/{code}", {"code": units["commune79"]}, token="province", expect=403,
                      label="province token, other")
        self.call("GET", "/api/v1/communes/{code}", {"code": "99999"}, expect=404)
        self.call("GET", "/api/v1/communes/{code}", {"code": "1x"}, expect=400)

    def reported_commune(self):
        try:
            answer = self.request("GET", "/api/v1/provinces/01", {"Authorization": "Bearer " + self.tokens["central"]})
            for row in answer.json().get("communes", []):
                if row.get("report_id"):
                    return row["code"]
        except Exception:  # noqa: BLE001
            pass
        return None

    def tasks(self, plan):
        answer = self.call("GET", "/api/v1/tasks/overdue")
        groups = [g["code"] for g in (plan.get("document") or {}).get("task_groups", [])]
        if answer is not None and answer.json()["items"]:
            groups = [answer.json()["items"][0]["group"]] + groups
        if groups:
            self.call("GET", "/api/v1/tasks/overdue", query={"group": groups[0]}, label="group")
        self.call("GET", "/api/v1/tasks/overdue", query={"province": "01"}, label="province")
        self.call("GET", "/api/v1/tasks/overdue", query={"owner": "01", "as_of": self.past_day()}, label="owner, past day")
        self.call("GET", "/api/v1/tasks/overdue", query={"province": "1x"}, expect=400)
        self.call("GET", "/api/v1/tasks/overdue", token=None, expect=401, label="no token")
        self.call("GET", "/api/v1/tasks/overdue.csv")
        if groups:
            self.call("GET", "/api/v1/tasks/overdue.csv", query={"group": groups[0], "province": "01"}, label="filters")

    def criteria(self, coverage):
        keys = [c["key"] for c in coverage.get("criteria", [])]
        if not keys:
            self.fact(False, "no criterion key found in /api/v1/coverage")
            return
        for key in keys:
            self.call("GET", "/api/v1/criteria/{key}", {"key": key})
        self.call("GET", "/api/v1/criteria/{key}", {"key": keys[0]}, query={"state": "unmet"}, label="unmet")
        self.call("GET", "/api/v1/criteria/{key}", {"key": keys[0]}, query={"state": "unknown", "as_of": self.past_day()},
                  label="unknown, past day")
        self.call("GET", "/api/v1/criteria/{key}", {"key": keys[0]}, token="province", label="province token")
        self.call("GET", "/api/v1/criteria/{key}", {"key": keys[0]}, query={"state": "met"}, expect=400)
        self.call("GET", "/api/v1/criteria/{key}", {"key": "no_such_criterion"}, expect=404)

    def services(self):
        answer = self.call("GET", "/api/v1/services")
        month = None
        if answer is not None:
            month = next((i["services"].get("month") for i in answer.json()["items"] if i["services"].get("month")), None)
        self.call("GET", "/api/v1/services", query={"sort": "on_time_rate", "order": "desc"}, label="sorted")
        if month:
            self.call("GET", "/api/v1/services", query={"month": month}, label="month")
        self.call("GET", "/api/v1/services", query={"as_of": self.past_day()}, label="past day")
        self.call("GET", "/api/v1/services", query={"sort": "nope"}, expect=400)

    def history(self, units):
        self.call("GET", "/api/v1/history")
        self.call("GET", "/api/v1/history", query={"unit": "01", "from": self.past_day(6), "to": self.today.isoformat()},
                  label="province")
        if units.get("commune"):
            self.call("GET", "/api/v1/history", query={"unit": units["commune"], "from": self.past_day(3)},
                      token="province", label="commune, province token")
        self.call("GET", "/api/v1/history", query={"unit": "79"}, token="province", expect=403,
                  label="province token, other")
        self.call("GET", "/api/v1/history", query={"unit": "99"}, expect=404)
        self.call("GET", "/api/v1/history", query={"from": "2025-01-01", "to": "2025-12-31"}, expect=400,
                  label="too long")

    def what_if(self, plan):
        raw = plan.get("raw")
        if raw:
            self.call("POST", "/api/v1/whatif", body=raw, content_type="application/json")
            candidate = copy.deepcopy(plan["document"])
            candidate["version"] = candidate.get("version", 1) + 1
            self.call("POST", "/api/v1/whatif", body=candidate, query={"as_of": self.past_day()},
                      label="next version, past day")
            self.call("POST", "/api/v1/whatif", body=raw, content_type="application/json", token="province",
                      expect=403, label="province token")
            self.call("POST", "/api/v1/whatif", body=raw, content_type="application/json", query={"as_of": "2020-01-01"},
                      expect=422, label="before any plan")
        self.call("POST", "/api/v1/whatif", body={"id": "x"}, expect=422, label="invalid plan")
        self.call("POST", "/api/v1/whatif", body=b" " * (5 * 1024 * 1024 + 1), content_type="application/json",
                  expect=413, label="over 5 MiB")
        self.call("POST", "/api/v1/whatif", body={}, token=None, expect=401, label="no token")

    def maps(self):
        answer = self.call("GET", "/api/v1/map/provinces.geojson")
        if answer is not None and answer.header("etag"):
            self.call("GET", "/api/v1/map/provinces.geojson", headers={"If-None-Match": answer.header("etag")},
                      expect=304, label="If-None-Match")
        self.call("GET", "/api/v1/map/provinces/{code}/communes.geojson", {"code": "01"})
        self.call("GET", "/api/v1/map/provinces/{code}/communes.geojson", {"code": "01"}, token="province",
                  query={"as_of": self.past_day()}, label="province token, past day")
        self.call("GET", "/api/v1/map/provinces/{code}/communes.geojson", {"code": "79"}, token="province",
                  expect=403, label="province token, other")
        self.call("GET", "/api/v1/map/provinces/{code}/communes.geojson", {"code": "99"}, expect=404)

    def templates(self):
        self.template = {}
        for kind in ("readiness", "tasks", "services"):
            answer = self.call("GET", "/api/v1/templates/{file}", {"file": kind + ".csv"}, token="province",
                               label="province token")
            if answer is not None:
                self.template[kind] = list(csv.reader(io.StringIO(answer.body.decode("utf-8-sig"))))
        self.call("GET", "/api/v1/templates/{file}", {"file": "readiness.csv"}, query={"province": "01"})
        self.call("GET", "/api/v1/templates/{file}", {"file": "tasks.csv"}, token="province", query={"province": "79"},
                  expect=403, label="province token, other")
        self.call("GET", "/api/v1/templates/{file}", {"file": "nothing.csv"}, expect=404)
        self.call("GET", "/api/v1/templates/{file}", {"file": "readiness.csv"}, token=None, expect=401,
                  label="no token")

    def uploads(self, units, plan):
        criteria = (plan.get("document") or {}).get("readiness_criteria", [])
        value = {"boolean": "có", "ratio": "95%", "count": "3"}
        commune = units.get("commune")
        today = self.today.isoformat()
        dry = {"dry_run": "true"}
        if commune and criteria:
            # A date alone is the day's readiness round (or now while it is still ahead today): docs/UPLOADS.md.
            header = ["commune_code", "as_of"] + [c["key"] for c in criteria] + ["note"]
            row = [commune, today] + [value.get(c.get("kind"), "1") for c in criteria] + ["openapi_check"]
            good = "\r\n".join([",".join(header), ",".join(row)]) + "\r\n"
            answer = self.call("POST", "/api/v1/reports/readiness", query=dry, token="province", body=good,
                               content_type="text/csv", label="dry run, CSV")
            if answer is not None:
                body = answer.json()
                self.fact(body["dry_run"] is True and body["stored"] is False and "upload_id" not in body
                          and "colour_changes" in body, "dry run answer: dry_run, not stored, no upload_id, colour_changes")
            json_rows = {"as_of": today, "rows": [{k: v for k, v in zip(header, row) if k != "as_of"}]}
            no_as_of = "\r\n".join([",".join(h for h in header if h != "as_of"),
                                     ",".join(v for h, v in zip(header, row) if h != "as_of")]) + "\r\n"
            self.call("POST", "/api/v1/reports/readiness", query={"dry_run": "true", "as_of": self.past_day()},
                      token="province", body=no_as_of, content_type="text/csv", label="dry run, as_of parameter")
            # Today as the parameter means now while the day's round is still ahead, as in a file's as_of column.
            self.call("POST", "/api/v1/reports/readiness", query={"dry_run": "true", "as_of": today},
                      token="province", body=no_as_of, content_type="text/csv", label="dry run, as_of parameter today")
            self.call("POST", "/api/v1/reports/readiness", query={"dry_run": "true"}, token="province", body=json_rows,
                      label="dry run, JSON")
            self.call("POST", "/api/v1/reports/readiness", query=dry, token="province", body=good,
                      headers={"Idempotency-Key": "openapi-check-dry-run"}, content_type="text/csv",
                      label="dry run, Idempotency-Key")
            bad = "\r\n".join([",".join(header), ",".join(["abc", today] + ["maybe"] * len(criteria) + [""]),
                               ",".join([commune, "2025-02-30"] + ["200%"] * len(criteria) + [""])]) + "\r\n"
            answer = self.call("POST", "/api/v1/reports/readiness", query=dry, token="province", body=bad,
                               content_type="text/csv", expect=422, label="bad rows")
            if answer is not None:
                body = answer.json()
                self.fact(body.get("error", {}).get("code") == "upload_rejected" and len(body.get("problems", [])) >= 2,
                          "422 rejection lists every problem (upload_rejected)")
            self.call("POST", "/api/v1/reports/readiness", query=dry, token="province", body="", content_type="text/csv",
                      expect=422, label="empty file")
            if units.get("commune79"):
                other = "\r\n".join([",".join(header), ",".join([units["commune79"]] + row[1:])]) + "\r\n"
                self.call("POST", "/api/v1/reports/readiness", query=dry, token="province", body=other,
                          content_type="text/csv", expect=403, label="out of scope")
            self.call("POST", "/api/v1/reports/readiness", query=dry, body=good, content_type="text/csv", expect=403,
                      label="central token")
            self.call("POST", "/api/v1/reports/readiness", query=dry, token="province", body=good,
                      content_type="text/plain", expect=415, label="text/plain")
            self.call("POST", "/api/v1/reports/readiness", query=dry, token="province",
                      body="\ufeffcommune_code".encode("utf-16-le"), content_type="text/csv", expect=415,
                      label="UTF-16")
            # A malformed ?as_of= is read like an as_of cell: a 422 problem naming the column, nothing stored.
            answer = self.call("POST", "/api/v1/reports/readiness", query={"dry_run": "true", "as_of": "soon"},
                               token="province", body=good, content_type="text/csv", expect=422, label="bad as_of")
            if answer is not None:
                problems = answer.json().get("problems", [])
                self.fact(any(p.get("column") == "as_of" and p.get("code") == "invalid_date" for p in problems),
                          "a malformed as_of parameter is an invalid_date problem in column as_of")
            self.call("POST", "/api/v1/reports/readiness", query=dry, token=None, body=good, content_type="text/csv",
                      expect=401, label="no token")
            if self.store:
                key = "openapi-check-" + uuid.uuid4().hex
                stored = self.call("POST", "/api/v1/reports/readiness", token="province",
                                   body=good, content_type="text/csv", headers={"Idempotency-Key": key}, expect=201,
                                   label="stored")
                if stored is not None:
                    self.stored_id = stored.json().get("upload_id")
                    again = self.call("POST", "/api/v1/reports/readiness", token="province",
                                      body=good, content_type="text/csv", headers={"Idempotency-Key": key}, expect=200,
                                      label="retry")
                    if again is not None:
                        self.fact(again.header("idempotent-replay") == "true" and again.body == stored.body,
                                  "retry replays the first answer (Idempotent-Replay: true)")
                    self.call("POST", "/api/v1/reports/readiness", token="province",
                              body=good + commune + "," + ",".join(row[1:]) + "\r\n", content_type="text/csv",
                              headers={"Idempotency-Key": key}, expect=422, label="key reused")
        else:
            self.fact(False, "no commune of province 01 or no readiness criteria: readiness uploads not checked")
        # Tasks: the first row of the province's template, filled in.
        rows = self.template.get("tasks") or []
        if len(rows) >= 2:
            header, first = rows[0], dict(zip(rows[0], rows[1]))
            first.update({"status": "in_progress", "progress": "40", "as_of": today})
            line = ",".join(self.csv_cell(first.get(name, "")) for name in header)
            self.call("POST", "/api/v1/reports/tasks", query={"dry_run": "true"}, token="province",
                      body=",".join(header) + "\r\n" + line + "\r\n", content_type="text/csv", label="dry run, CSV")
            self.call("POST", "/api/v1/reports/tasks", query={"dry_run": "true"}, token="province",
                      body={"rows": [{**first, "status": "finished"}]}, expect=422, label="bad status")
        else:
            self.call("POST", "/api/v1/reports/tasks", query={"dry_run": "true"}, token="province",
                      body={"rows": []}, expect=422, label="no rows")
        month = self.today.strftime("%Y-%m")
        services = {"unit_code": "01", "period": month, "received": 10, "received_online": 6, "resolved": 8,
                    "resolved_on_time": 7, "overdue": 1, "results_online": 5}
        self.call("POST", "/api/v1/reports/services", query={"dry_run": "true"}, token="province",
                  body={"rows": [services]}, label="dry run, JSON")
        self.call("POST", "/api/v1/reports/services", query={"dry_run": "true"}, token="province",
                  body={"rows": [{**services, "resolved_on_time": 9}]}, expect=422, label="inconsistent counts")

    @staticmethod
    def csv_cell(text):
        return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\r\n') else text

    def reports(self, units):
        answer = self.call("GET", "/api/v1/reports")
        ids = [item["id"] for item in answer.json()["items"]] if answer is not None else []
        stored = getattr(self, "stored_id", None)
        self.call("GET", "/api/v1/reports", token="province", query={"limit": 5}, label="province token")
        self.call("GET", "/api/v1/reports", query={"unit": "01", "limit": 3}, label="unit")
        self.call("GET", "/api/v1/reports", token="province", query={"unit": "79"}, expect=403,
                  label="province token, other")
        self.call("GET", "/api/v1/reports", query={"unit": "x"}, expect=400)
        self.call("GET", "/api/v1/reports", token=None, expect=401, label="no token")
        for upload in ([stored] if stored else []) + ids[:1]:
            self.call("GET", "/api/v1/reports/{id}", {"id": upload})
            self.call("GET", "/api/v1/reports/{id}/original", {"id": upload})
        if not ids and not stored:
            self.fact(False, "GET /api/v1/reports lists no upload: /reports/{id} not checked with a real id")
        province_ids = self.own_upload_ids()
        if province_ids:
            self.call("GET", "/api/v1/reports/{id}", {"id": province_ids[0]}, token="province", label="province token")
        missing = "00000000-0000-4000-8000-000000000000"
        self.call("GET", "/api/v1/reports/{id}", {"id": missing}, expect=404)
        self.call("GET", "/api/v1/reports/{id}", {"id": "not-a-uuid"}, expect=400)
        self.call("GET", "/api/v1/reports/{id}/original", {"id": missing}, expect=404)

    def own_upload_ids(self):
        try:
            answer = self.request("GET", "/api/v1/reports?limit=3", {"Authorization": "Bearer " + self.tokens["province"]})
            return [item["id"] for item in answer.json()["items"]]
        except Exception:  # noqa: BLE001
            return []

    def audit(self):
        self.call("GET", "/api/v1/audit", expect=403, label="central token")
        self.call("GET", "/api/v1/audit", token=None, expect=401, label="no token")
        if self.tokens.get("admin"):
            self.call("GET", "/api/v1/audit", token="admin", query={"limit": 20}, label="admin token")
            self.call("GET", "/api/v1/audit", token="admin", query={"before": "later"}, expect=400, label="bad before")
        else:
            print("note  GET /api/v1/audit 200 not checked: no --admin-token", flush=True)

    def past_day(self, days=1):
        return (self.today - datetime.timedelta(days=days)).isoformat()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="the server, e.g. http://127.0.0.1:8080/")
    parser.add_argument("--token", required=True, help="a central token")
    parser.add_argument("--province-token", required=True, help="a province token for province 01")
    parser.add_argument("--admin-token", help="an admin token (checks the audit log's 200 answer)")
    parser.add_argument("--spec", default="Web/openapi.yaml", help="the OpenAPI file (default: Web/openapi.yaml)")
    parser.add_argument("--store", action="store_true", help="store one small readiness upload to check 201 and a retry")
    parser.add_argument("--verbose", action="store_true", help="print the start of the body of failed calls")
    args = parser.parse_args()
    try:
        checker = Checker(args)
    except (OSError, yaml.YAMLError, jsonschema.SchemaError, ValueError, KeyError) as error:
        print(f"FAIL  cannot read the spec {args.spec}: {error}")
        return 1
    return checker.run()


if __name__ == "__main__":
    sys.exit(main())
