"""Each engine's own escapes: functions and clauses that reach the JVM, the operating system, files or the server.

The general rules already refuse statements that are not queries (COPY, SET ROLE, ADD JAR, LOAD DATA,
INSERT OVERWRITE DIRECTORY …) and the common file and settings functions. This rule adds what only
one engine offers, checked for both the dialect the SQL was written in and the one it will run on,
since a function name unknown to DuckDB is written through unchanged to PostgreSQL or Spark.
"""

from __future__ import annotations

import re

from sqlglot import exp

from .errors import GuardError, position_of
from .policy import Policy
from .rules import function_name

ENGINE_FUNCTIONS: dict[str, re.Pattern[str]] = {
    # PostgreSQL: server files and large objects, other servers, queries given as text, server facts
    "postgres": re.compile(
        r"""^(pg_.* | lo_.* | dblink.* | ts_stat | ts_rewrite | .*_to_xml(schema)?(_and_xmlschema)? | xpath.*
        | xml(parse|serialize) | txid_.* | inet_(server|client)_.* | current_setting | set_config)$""",
        re.IGNORECASE | re.VERBOSE,
    ),
    # Spark: Java reflection, XML with external entities, descriptor files, the files behind a table
    "spark": re.compile(
        r"""^(reflect | try_reflect | java_method | xpath.* | from_xml | (from|to)_(protobuf|avro)
        | input_file_.* | read_files | spark_partition_id | session_user | current_user)$""",
        re.IGNORECASE | re.VERBOSE,
    ),
}
ENGINE_NODES: dict[str, tuple[type[exp.Expr], ...]] = {
    "spark": (exp.QueryTransform,),  # SELECT TRANSFORM(…) USING 'program' runs a program on the executors
}


def no_engine_escapes(tree: exp.Expr, policy: Policy) -> exp.Expr:
    """No function or clause that lets the source's or the target's engine leave the data."""
    engines = {policy.read_dialect, policy.dialect}
    nodes = tuple(node for engine in engines for node in ENGINE_NODES.get(engine, ()))
    patterns = [ENGINE_FUNCTIONS[e] for e in engines if e in ENGINE_FUNCTIONS]
    for node in tree.walk():
        if nodes and isinstance(node, nodes):
            raise GuardError(
                "forbidden_statement",
                f"{node.key.upper()} runs a program outside the data and is not allowed.",
                f"{node.key.upper()} startet ein Programm außerhalb der Daten und ist nicht erlaubt.",
                position_of(node),
            )
        if isinstance(node, exp.Func) and any(p.match(function_name(node)) for p in patterns):
            raise GuardError(
                "forbidden_function",
                f"The function {function_name(node)} is not allowed on {policy.dialect}: it reaches the server, "
                "files or code outside the data.",
                f"Die Funktion {function_name(node)} ist auf {policy.dialect} nicht erlaubt: sie greift auf den "
                "Server, Dateien oder Code außerhalb der Daten zu.",
                position_of(node),
            )
    return tree
