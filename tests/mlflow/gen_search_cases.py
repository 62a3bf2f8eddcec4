#!/usr/bin/python3
"""Generates tests/mlflow/search_cases.json: what MLflow 2.12.2 makes of search filters and
order_by lists, computed by MLflow's own code (mlflow/utils/search_utils.py plus the checks its
SQL stores apply before querying), never copied by hand. Cairn's src/mlflow parsers are tested
against this table.

Each case: {"grammar": runs|experiments|registered_models|model_versions,
            "kind": filter|order_by, "input": str | [str],
            "expected": {"clauses": [...]} | {"error": message}}
A filter clause is MLflow's dict {"type", "key", "comparator", "value"}; an order_by item is
{"type", "key", "ascending"}. Errors are INVALID_PARAMETER_VALUE unless "error_code" says
otherwise (MLflow raises a few as INTERNAL_ERROR; Cairn answers those with
INVALID_PARAMETER_VALUE and the same message).

Usage: eval "$(../shared/mlflow-client/setup.sh)"; /usr/bin/python3 tests/mlflow/gen_search_cases.py
"""

import json
import os
import sys
import tempfile

os.environ.setdefault("PYTHONHASHSEED", "0")

import sqlparse  # noqa: E402

from mlflow.exceptions import MlflowException  # noqa: E402
from mlflow.store.model_registry.sqlalchemy_store import (  # noqa: E402
    SqlAlchemyStore as RegistryStore,
)
from mlflow.store.tracking import sqlalchemy_store as tracking_sql  # noqa: E402
from mlflow.utils.search_utils import (  # noqa: E402
    SearchExperimentsUtils,
    SearchModelUtils,
    SearchModelVersionUtils,
    SearchUtils,
)

HERE = os.path.dirname(os.path.abspath(__file__))

RUN_FILTERS = [
    "",
    "metrics.auc > 0.8",
    "metrics.auc >= 1",
    "metrics.auc < -0.5",
    "metrics.auc <= 1e-3",
    "metrics.auc = 2.5E3",
    "metrics.auc != .5",
    "metrics.auc > 5.",
    "metric.auc > 1",
    "metrics.`my metric` > 1",
    'metrics."my metric" > 1',
    "metrics.'my metric' > 1",
    "metrics.a.b.c > 1",
    "metrics.loss/val > 1",
    "metrics.auc > '0.8'",
    "metrics.auc > x",
    "metrics.auc LIKE '1'",
    "metrics.auc IN (1, 2)",
    "params.depth = '6'",
    'params.depth = "6"',
    "params.depth != '6'",
    "params.depth LIKE '6%'",
    "params.depth ILIKE '%A_'",
    "params.depth like '6%'",
    "param.depth = '6'",
    "parameter.depth = '6'",
    "parameters.depth = '6'",
    "params.depth = 6",
    "params.depth > '6'",
    "params.depth = six",
    "params.depth IN ('6')",
    "params.`a b` = 'x'",
    "params.depth = 'it''s'",
    "tags.team = 'alpha'",
    "tag.team = 'alpha'",
    "tags.`mlflow.runName` = 'x'",
    'tags."mlflow.user" = \'bob\'',
    "tags.team LIKE 'a%'",
    "tags.team ILIKE 'A%'",
    "tags.team < 'b'",
    "tags.team = 1",
    "attributes.status = 'FINISHED'",
    "attribute.status = 'FINISHED'",
    "attr.status = 'FINISHED'",
    "run.status = 'FINISHED'",
    "status = 'FINISHED'",
    "status != 'RUNNING'",
    "status LIKE 'FIN%'",
    "status ILIKE 'fin%'",
    "attributes.status > 'A'",
    "attributes.status = 3",
    "attributes.run_name = 'my-run'",
    "run_name = 'my-run'",
    "run_name LIKE 'my%'",
    "attributes.`run name` = 'x'",
    "attributes.`Run name` = 'x'",
    "attributes.run_id = 'abc'",
    "attributes.run_id IN ('a', 'b')",
    "attributes.run_id IN ('a')",
    "attributes.run_id IN ('a','B','c')",
    "run_id NOT IN ('a', 'b')",
    "attributes.run_id IN ()",
    "attributes.run_id IN (1, 2)",
    "attributes.run_id IN ('a', 2)",
    "attributes.status IN ('FINISHED')",
    "attributes.artifact_uri = 'x'",
    "attributes.user_id = 'bob'",
    "attributes.lifecycle_stage = 'active'",
    "attributes.start_time > 0",
    "attributes.start_time >= 1700000000000",
    "start_time < 5",
    "attributes.end_time != 1",
    "attributes.created > 3",
    "attributes.Created > 3",
    "attributes.start_time > '0'",
    "attributes.start_time LIKE 1",
    "attributes.start_time > 1.5",
    "attributes.owner = 'x'",
    "foo.bar = 'x'",
    "datasets.name = 'iris'",
    "dataset.digest IN ('a', 'b')",
    "datasets.context = 'training'",
    "datasets.profile = 'x'",
    "metrics.auc > 0.5 AND params.depth = '6'",
    "metrics.auc > 0.5 and params.depth = '6'",
    "metrics.auc > 0.5 AnD params.depth = '6' AND tags.team = 'a'",
    "metrics.auc > 0.5 AND",
    "AND metrics.auc > 0.5",
    "metrics.auc > 0.5 AND AND params.depth = '6'",
    "metrics.auc > 0.5 OR metrics.auc < 0.2",
    "metrics.auc > 0.5; params.depth = '6'",
    "metrics.auc",
    "metrics.auc >",
    "> 0.5",
    "metrics.auc > 0.5 params.depth = '6'",
    "(metrics.auc > 0.5)",
    "metrics.auc >> 1",
    "metrics.auc == 1",
    "metrics.auc <> 1",
    "params.depth = 'unterminated",
    "metrics.auc > 0.5 -- comment",
    "  metrics.auc   >   0.5  ",
    "metrics.auc\t>\n0.5",
    "METRICS.auc > 1",
    "tags.team = 'a' AND tags.team = 'b'",
    "params.depth != \"it\"\"s\"",
    "tags.`a``b` = 'x'",
    "metrics.x > 0x10",
    "metrics.x > -1.5e-3",
    # sqlparse grouping corner cases: aliases, chains, operations, lists, functions, comments
    "metrics.x > 1 y",
    "metrics.x y > 1",
    "metrics.a = metrics.b = 1",
    "metrics.a + 1 > 2",
    "metrics.a > 1 + 2",
    "metrics.a > 1, metrics.b > 2",
    "attributes.run_id IN ( 'a', 'b' )",
    "attributes.run_id IN ('a',)",
    "attributes.run_id IN ('a' 'b')",
    "attributes.run_id IN ('a''b')",
    "attributes.run_id IN ('a\\x41b')",
    "attributes.run_id IN ('123')",
    "attributes.run_id IN (\"a\")",
    "attributes.run_id IN ('a', 'b'",
    "run_id NOT  IN ('a')",
    "run_id not in ('a')",
    "metrics.f(1) > 2",
    "f(1) > 2",
    "metrics.auc > 0.5 /* c */",
    "metrics.auc > 0.5;",
    "metrics.auc > 1e",
    "metrics.auc > 12abc",
    "metrics.auc > 1.5.2",
    "metrics . auc > 1",
    "tags.owner = 'x'",
    "owner = 'x'",
    "text = 'x'",
    "params.x = NULL",
    "params.x NOT LIKE 'a'",
    "params.x RLIKE 'a'",
    "tags.x = 'a' AND NOT tags.y = 'b'",
    "[metrics].auc > 1",
    "metrics.[auc] > 1",
    "metrics.auc > ?",
    "metrics.auc > :v",
    "metrics.`auc > 1",
    "'metrics.auc' > 1",
    "\"metrics.auc\" > 1",
    "metrics.* > 1",
    "metrics.auc ~ 1",
    "metrics.auc > 1 ORDER BY x",
    "   ",
    "params.p = 'caf\u00e9'",
    "tags.t LIKE '%'",
    "run.run_name = 'x'",
    "attributes.run name = 'x'",
    "datasets.name IN ('a', 'b')",
    "datasets.name > 'a'",
    "datasets.digest = 1",
]

EXPERIMENT_FILTERS = [
    "",
    "name = 'exp'",
    "name != 'exp'",
    "name LIKE 'exp%'",
    "name ILIKE 'EXP%'",
    "attribute.name = 'exp'",
    "attributes.name = 'exp'",
    "name > 'a'",
    "name IN ('a')",
    "name = 1",
    "tags.team = 'alpha'",
    "tag.team = 'alpha'",
    "tags.`a b` LIKE '%x'",
    "tags.team > 'a'",
    "creation_time > 0",
    "attribute.creation_time >= 1700000000000",
    "last_update_time < 5",
    "creation_time LIKE 5",
    "creation_time > '5'",
    "experiment_id = '1'",
    "params.x = 'y'",
    "metrics.x > 1",
    "name = 'a' AND tags.t = 'b'",
    "name = 'a' OR name = 'b'",
    "name = ",
    "lifecycle_stage = 'active'",
]

REGISTERED_MODEL_FILTERS = [
    "",
    "name = 'm'",
    "name LIKE 'm%'",
    "name ILIKE 'M%'",
    "name != 'm'",
    "name > 'm'",
    "name = 1",
    "attribute.name = 'm'",
    "tags.owner = 'ml'",
    "tag.owner LIKE 'm%'",
    "tags.owner > 'a'",
    "tags.`a b` = 'x'",
    "run_id = 'x'",
    "name = 'a' AND tags.t = 'b'",
    "name = 'a' OR name = 'b'",
    "params.x = 'y'",
]

MODEL_VERSION_FILTERS = [
    "",
    "name = 'm'",
    "name='m'",
    "name LIKE 'm%'",
    "name ILIKE 'M%'",
    "run_id = 'abc'",
    "run_id IN ('a', 'b')",
    "run_id IN ('a', 'B')",
    "name IN ('a')",
    "run_id NOT IN ('a')",
    "source_path = 's3://x'",
    "source_path LIKE 's3://%'",
    "version_number = 1",
    "version_number > 1.5",
    "version_number >= 2",
    "version_number = '1'",
    "name = 1",
    "tags.k = 'v'",
    "tags.k > 'v'",
    "tags.`k k` = 'v'",
    "stage = 'Production'",
    "name = 'a' AND run_id = 'b'",
    "name = 'a' OR run_id = 'b'",
]

RUN_ORDER_BYS = [
    [], ["metrics.auc"], ["metrics.auc DESC"], ["metrics.auc desc"], ["metrics.auc ASC"],
    ["metrics.`my metric` DESC"], ['metrics."my metric" DESC'], ["params.depth"],
    ["tags.team ASC"], ["attributes.start_time DESC"], ["start_time"], ["run_name DESC"],
    ["attributes.status"], ["created DESC"], ["attributes.artifact_uri"], ["run_id"],
    ["attributes.owner"], ["foo.bar"], ["metrics.auc SIDEWAYS"], ["metrics.auc DESC ASC"],
    ["metrics.auc", "metrics.auc DESC"], ["metrics.auc", "params.auc"],
    ["start_time", "attributes.start_time"], [""], ["metrics.auc,params.x"],
    ["timestamp"], ["metrics.auc  DESC"], ["attributes.lifecycle_stage"],
    ["attributes.end_time ASC", "metrics.x DESC", "tags.t"], ["datasets.name"],
    ["metrics.`my metric`"], ['metrics."my metric"'], ["timestamp DESC"], ["timestamp  asc"],
    ["metrics.auc desc "], [" metrics.auc"], ["created", "start_time"], ["run name"],
    ["metrics.auc DESC NULLS LAST"], ["metrics.a + 1"], ["1"], ["'metrics.auc'"],
    ["metrics.created", "attributes.created"], ["tags.`a b` DESC"],
]

EXPERIMENT_ORDER_BYS = [
    [], ["name"], ["name DESC"], ["experiment_id ASC"], ["creation_time DESC"],
    ["last_update_time"], ["attribute.name"], ["tags.x"], ["params.x"], ["owner"],
    ["name", "name DESC"], ["name SIDEWAYS"],
]

REGISTERED_MODEL_ORDER_BYS = [
    [], ["name"], ["name DESC"], ["timestamp DESC"], ["last_updated_timestamp"],
    ["creation_timestamp"], ["version_number"], ["name", "name DESC"],
    ["timestamp", "last_updated_timestamp"], ["name SIDEWAYS"],
]

MODEL_VERSION_ORDER_BYS = [
    [], ["name"], ["version_number DESC"], ["creation_timestamp"], ["last_updated_timestamp DESC"],
    ["run_id"], ["timestamp"], ["name", "name DESC"], ["tags.x"], ["name SIDEWAYS"],
]


def jsonable(value):
    if isinstance(value, (list, tuple, set)):
        return [jsonable(v) for v in value]
    return value


def clause_dicts(parsed):
    return [{"type": c["type"], "key": c["key"], "comparator": c["comparator"],
             "value": jsonable(c["value"])} for c in parsed]


def run(fn):
    try:
        return {"clauses": fn()}
    except MlflowException as e:
        out = {"error": e.message}
        if e.error_code != "INVALID_PARAMETER_VALUE":
            out["error_code"] = e.error_code
        return out


def main():
    tmp = tempfile.mkdtemp()
    store = tracking_sql.SqlAlchemyStore(f"sqlite:///{tmp}/t.db", f"{tmp}/artifacts")
    cases = []

    def runs_filter(text):
        parsed = SearchUtils.parse_search_filter(text)
        with store.ManagedSessionMaker() as session:
            tracking_sql._get_sqlalchemy_filter_clauses(parsed, session, "sqlite")
        return clause_dicts(parsed)

    def experiments_filter(text):
        parsed = SearchExperimentsUtils.parse_search_filter(text)
        tracking_sql._get_search_experiments_filter_clauses(parsed, "sqlite")
        return clause_dicts(parsed)

    def registered_models_filter(text):
        parsed = SearchModelUtils.parse_search_filter(text)
        RegistryStore._get_search_registered_model_filter_query(parsed, "sqlite")
        return clause_dicts(parsed)

    def model_versions_filter(text):
        parsed = SearchModelVersionUtils.parse_search_filter(text)
        RegistryStore._get_search_model_versions_filter_clauses(parsed, "sqlite")
        return clause_dicts(parsed)

    def runs_order(items):
        with store.ManagedSessionMaker() as session:
            tracking_sql._get_orderby_clauses(items, session)
        out = []
        for item in items:
            t, k, asc = SearchUtils.parse_order_by_for_search_runs(item)
            out.append({"type": t, "key": k, "ascending": asc})
        return out

    def experiments_order(items):
        tracking_sql._get_search_experiments_order_by_clauses(items)
        out = []
        for item in items:
            t, k, asc = SearchExperimentsUtils.parse_order_by_for_search_experiments(item)
            out.append({"type": t, "key": k, "ascending": asc})
        return out

    def registered_models_order(items):
        RegistryStore._parse_search_registered_models_order_by(items)
        out = []
        for item in items:
            k, asc = SearchUtils.parse_order_by_for_search_registered_models(item)
            out.append({"type": "attribute", "key": k, "ascending": asc})
        return out

    def model_versions_order(items):
        RegistryStore._parse_search_model_versions_order_by(items)
        out = []
        for item in items:
            t, k, asc = SearchModelVersionUtils.parse_order_by_for_search_model_versions(item)
            out.append({"type": t, "key": k, "ascending": asc})
        return out

    table = [
        ("runs", "filter", RUN_FILTERS, runs_filter),
        ("experiments", "filter", EXPERIMENT_FILTERS, experiments_filter),
        ("registered_models", "filter", REGISTERED_MODEL_FILTERS, registered_models_filter),
        ("model_versions", "filter", MODEL_VERSION_FILTERS, model_versions_filter),
        ("runs", "order_by", RUN_ORDER_BYS, runs_order),
        ("experiments", "order_by", EXPERIMENT_ORDER_BYS, experiments_order),
        ("registered_models", "order_by", REGISTERED_MODEL_ORDER_BYS, registered_models_order),
        ("model_versions", "order_by", MODEL_VERSION_ORDER_BYS, model_versions_order),
    ]
    for grammar, kind, inputs, fn in table:
        for text in inputs:
            cases.append({"grammar": grammar, "kind": kind, "input": text,
                          "expected": run(lambda: fn(text))})

    # MLflow's offset page tokens: base64 of {"offset": N}.
    tokens = []
    for token in ["", "eyJvZmZzZXQiOiAyfQ==", "eyJvZmZzZXQiOiAyfQ", "garbage", "e30=",
                  "eyJvZmZzZXQiOiAwfQ==", "eyJvZmZzZXQiOiAiMTAifQ==", "eyJvZmZzZXQiOiAieCJ9",
                  "bm90IGpzb24=", "W10=", "eyJvZmZzZXQiOiAtM30="]:
        try:
            tokens.append({"input": token,
                           "expected": {"offset": SearchUtils.parse_start_offset_from_page_token(
                               token)}})
        except MlflowException as e:
            tokens.append({"input": token, "expected": {"error": e.message}})
        except Exception as e:  # MLflow lets some bad tokens escape as non-MLflow errors
            tokens.append({"input": token, "expected": {"error": None,
                                                        "python_exception": type(e).__name__}})
    encoded = [{"offset": n, "token": SearchUtils.create_page_token(n).decode()}
               for n in (1, 2, 10, 1000, 123456789)]

    out = {
        "generated_by": "tests/mlflow/gen_search_cases.py",
        "mlflow_version": "2.12.2",
        "sqlparse_version": sqlparse.__version__,
        "cases": cases,
        "page_tokens": {"decode": tokens, "encode": encoded},
    }
    path = os.path.join(HERE, "search_cases.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"{len(cases)} cases -> {os.path.relpath(path)}", file=sys.stderr)


if __name__ == "__main__":
    main()
