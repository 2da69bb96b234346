"""The JSON API and the exports under a property-based fuzzer (issue 15): Schemathesis reads
/openapi.json and sends what it allows (positive) and what it does not (negative) to every
documented operation, through the real app, on the seed database. Not one answer may be a 5xx,
and every status must be one the operation documents.

Two runs. Schemathesis's own command line against the app served by uvicorn, with its coverage
phase (boundary values, missing and wrong-typed parameters) and its fuzzing phase, seeded and
deterministic. Then, through its Python API, every operation with any mix of its parameters and
each query parameter alone (a request that sends a dozen random filters is refused for the
first bad one, so the parsing and the date arithmetic behind each filter are only reached one
at a time), derandomized. Bounded: about 1,500 requests, a minute or two in all.
"""

from __future__ import annotations

import collections
import copy
import json
import re
import subprocess
import sys

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import status_code_conformance

from tests.support.live_server import serve

pytestmark = pytest.mark.nlp  # the seed database is built by the real pipeline

MIXED = {GenerationMode.POSITIVE: 30, GenerationMode.NEGATIVE: 10}
ALONE = {GenerationMode.POSITIVE: 8, GenerationMode.NEGATIVE: 3}


@pytest.fixture(scope="module")
def app(seeded_settings):
    from app.main import create_app

    return create_app(seeded_settings)


@pytest.fixture(scope="module")
def served(app):
    """The same app over HTTP, for the command line, which cannot call an app in this process."""
    with serve(app) as base_url:
        yield base_url


def test_the_command_line_run_finds_no_server_error_and_no_undocumented_status(served, tmp_path):
    report = tmp_path / "run.json"
    result = subprocess.run(
        [sys.executable, "-m", "schemathesis.cli", "run", f"{served}/openapi.json",
         "--checks", "not_a_server_error,status_code_conformance", "--phases", "examples,coverage,fuzzing",
         "--max-examples", "25", "--seed", "20261130", "--generation-deterministic", "--workers", "1",
         "--report", "json", "--report-json-path", str(report)],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    summary = result.stdout[result.stdout.rfind("SUMMARY"):]
    assert re.search(r"Tested: 1\d\b", summary), summary
    counts = re.search(r"Test cases:\s+(\d+) generated, (\d+) passed\s", summary)
    assert counts and int(counts[1]) == int(counts[2]) >= 300, summary
    assert json.loads(report.read_text())  # the run's report, kept for whoever debugs a failure


def one_parameter_at_a_time(document: dict) -> dict[str, dict]:
    """For each query parameter, the API document with only that one (and path parameters)."""
    names = {p["name"] for item in document["paths"].values() for op in item.values()
             for p in op.get("parameters", []) if p["in"] == "query"}
    variants = {}
    for name in sorted(names):
        variant = copy.deepcopy(document)
        for path, item in list(variant["paths"].items()):
            for method, operation in list(item.items()):
                parameters = operation.get("parameters", [])
                if not any(p["in"] == "query" and p["name"] == name for p in parameters):
                    del item[method]
                    continue
                operation["parameters"] = [p for p in parameters if p["in"] == "path" or p["name"] == name]
            if not item:
                del variant["paths"][path]
        variants[name] = variant
    return variants


def fuzz_schema(schema, examples: dict, statuses: dict) -> None:
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode, count in examples.items():
            @settings(max_examples=count, derandomize=True, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(generation_mode=mode))
            def fuzz(case):
                response = case.call()
                statuses[operation.label][response.status_code] += 1
                case.validate_response(response, checks=[not_a_server_error, status_code_conformance])

            try:
                fuzz()
            except Unsatisfiable:
                # Only in negative mode, where every parameter accepts any string: there is no
                # invalid request to make.
                assert mode is GenerationMode.NEGATIVE, operation.label


def test_no_server_error_and_no_undocumented_status(app):
    statuses: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    assert len(list(schema.get_all_operations())) >= 10
    fuzz_schema(schema, MIXED, statuses)
    for variant in one_parameter_at_a_time(schema.raw_schema).values():
        single = schemathesis.openapi.from_dict(variant)
        single.app = app
        fuzz_schema(single, ALONE, statuses)
    sent = sum(sum(counter.values()) for counter in statuses.values())
    print(f"\n{sent} requests:", {label: dict(counter) for label, counter in sorted(statuses.items())})
    assert sent >= 300
    assert not any(code >= 500 for counter in statuses.values() for code in counter)
