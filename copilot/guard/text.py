"""The steps before the tree: checks of the text, tokenizing, checks of the tokens, parsing."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from sqlglot import exp
from sqlglot.dialects.dialect import Dialect
from sqlglot.errors import ParseError, TokenError
from sqlglot.tokens import Token, TokenType

from .errors import GuardError, line_col
from .policy import Policy

# Statements that reach outside the data: settings, files, extensions, databases, transactions, plans.
COMMANDS = frozenset(
    [
        "PRAGMA",
        "SET",
        "RESET",
        "ATTACH",
        "DETACH",
        "COPY",
        "INSTALL",
        "FORCE",
        "LOAD",
        "CALL",
        "EXPORT",
        "IMPORT",
        "CHECKPOINT",
        "VACUUM",
        "ANALYZE",
        "USE",
        "BEGIN",
        "START",
        "COMMIT",
        "ROLLBACK",
        "ABORT",
        "END",
        "SAVEPOINT",
        "RELEASE",
        "PREPARE",
        "EXECUTE",
        "DEALLOCATE",
        "EXPLAIN",
        "DESCRIBE",
        "DESC",
        "SHOW",
        "SUMMARIZE",
        "GRANT",
        "REVOKE",
        "COMMENT",
        "LISTEN",
        "NOTIFY",
        "UNLISTEN",
        "LOCK",
        "DISCARD",
        "CLUSTER",
        "REINDEX",
        "REFRESH",
        "DO",
        "DECLARE",
        "FETCH",
        "MOVE",
        "CLOSE",
        "KILL",
    ]
)
# Statements that change data or the schema.
WRITES = frozenset(
    [
        "INSERT",
        "UPDATE",
        "DELETE",
        "MERGE",
        "UPSERT",
        "REPLACE",
        "CREATE",
        "DROP",
        "ALTER",
        "TRUNCATE",
        "RENAME",
    ]
)
# Unicode categories refused anywhere: control (tab and newlines aside), format (zero-width, bidi),
# surrogate, private use, unassigned, line and paragraph separators.
REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
OPENING = frozenset({TokenType.L_PAREN, TokenType.L_BRACKET, TokenType.L_BRACE, TokenType.CASE})
CLOSING = frozenset({TokenType.R_PAREN, TokenType.R_BRACKET, TokenType.R_BRACE, TokenType.END})


def not_empty(sql: str, policy: Policy) -> None:
    """Refuse a query that is empty or only white space."""
    if not sql.strip():
        raise GuardError("empty", "The query is empty.", "Die Abfrage ist leer.")


def not_too_long(sql: str, policy: Policy) -> None:
    """Refuse text longer than the cap, before any work is spent on it."""
    if len(sql) > policy.max_chars:
        raise GuardError(
            "too_long",
            f"The query has {len(sql):,} characters; at most {policy.max_chars:,} are allowed.",
            f"Die Abfrage hat {len(sql):,} Zeichen; erlaubt sind höchstens {policy.max_chars:,}.".replace(
                ",", "."
            ),
        )


def no_control_chars(sql: str, policy: Policy) -> None:
    """Refuse NUL, control, zero-width and text-direction characters, which hide what the query says."""
    for offset, char in enumerate(sql):
        if char not in "\t\n\r" and unicodedata.category(char) in REFUSED_CATEGORIES:
            line, col = line_col(sql, offset)
            code = f"U+{ord(char):04X}"
            raise GuardError(
                "control_chars",
                f"The query contains the invisible or control character {code} at line {line}, column {col}; "
                "type the query again without it.",
                f"Die Abfrage enthält das unsichtbare oder Steuerzeichen {code} in Zeile {line}, Spalte {col}; "
                "bitte ohne dieses Zeichen neu eingeben.",
                (line, col),
            )


TEXT_CHECKS: tuple[Callable[[str, Policy], None], ...] = (not_empty, not_too_long, no_control_chars)


def tokenize(sql: str, policy: Policy) -> list[Token]:
    """Split the text into sqlglot tokens; an unclosed quote or comment is a syntax error."""
    try:
        return Dialect.get_or_raise(policy.read_dialect).tokenize(sql)
    except TokenError as error:
        found = re.search(r"Missing (.+) from (\d+):(\d+)", str(error.__cause__ or error))
        position = line_col(sql, int(found.group(3))) if found else None
        where = f" at line {position[0]}, column {position[1]}" if position else ""
        wo = f" in Zeile {position[0]}, Spalte {position[1]}" if position else ""
        raise GuardError(
            "syntax",
            f"The query is not valid SQL: a quote, comment or number{where} is not closed or not well formed.",
            f"Die Abfrage ist kein gültiges SQL: ein Anführungszeichen, Kommentar oder eine Zahl{wo} ist nicht "
            "geschlossen oder fehlerhaft.",
            position,
        ) from error


def not_too_many_tokens(tokens: list[Token], policy: Policy) -> None:
    """Refuse more tokens than the cap."""
    if len(tokens) > policy.max_tokens:
        raise GuardError(
            "too_long",
            f"The query has {len(tokens)} words and symbols; at most {policy.max_tokens} are allowed.",
            f"Die Abfrage hat {len(tokens)} Wörter und Zeichen; erlaubt sind höchstens {policy.max_tokens}.",
        )


def not_too_many_aliases(tokens: list[Token], policy: Policy) -> None:
    """Refuse more AS aliases than the cap: each one costs the name checks a pass over the others."""
    count = sum(1 for token in tokens if token.token_type == TokenType.ALIAS)
    if count > policy.max_aliases:
        raise GuardError(
            "too_long",
            f"The query names {count} aliases with AS; at most {policy.max_aliases} are allowed.",
            f"Die Abfrage vergibt {count} Aliasnamen mit AS; erlaubt sind höchstens {policy.max_aliases}.",
        )


def not_too_deep(tokens: list[Token], policy: Policy) -> None:
    """Refuse brackets (and CASE) nested deeper than the cap: the parser recurses once per level."""
    depth = 0
    for token in tokens:
        depth += (token.token_type in OPENING) - (token.token_type in CLOSING)
        if depth > policy.max_nesting:
            raise GuardError(
                "too_complex",
                f"The query nests brackets more than {policy.max_nesting} levels deep; write it with WITH instead.",
                f"Die Abfrage schachtelt Klammern tiefer als {policy.max_nesting} Ebenen; bitte mit WITH aufteilen.",
                token_position(token),
            )


def one_statement(tokens: list[Token], policy: Policy) -> None:
    """Exactly one statement: semicolons inside strings and comments are not tokens, so they do not count."""
    statements = statements_of(tokens)
    if not statements:
        raise GuardError("empty", "The query is empty.", "Die Abfrage ist leer.")
    if len(statements) > 1:
        raise GuardError(
            "multiple_statements",
            f"Exactly one statement is allowed; a second one starts at line {statements[1][0].line}. "
            "Remove everything after the first semicolon.",
            f"Es ist genau eine Anweisung erlaubt; eine zweite beginnt in Zeile {statements[1][0].line}. "
            "Bitte alles nach dem ersten Semikolon entfernen.",
            token_position(statements[1][0]),
        )


def no_command(tokens: list[Token], policy: Policy) -> None:
    """Refuse statements that write, or reach settings, files, extensions or other databases, by their first word."""
    words = [t for t in tokens if t.token_type not in (TokenType.L_PAREN, TokenType.SEMICOLON)]
    if not words or words[0].token_type in (TokenType.IDENTIFIER, TokenType.STRING):
        return  # a quoted name or a string is not a keyword
    first = words[0]
    word = first.text.upper()
    if word in COMMANDS:
        raise GuardError(
            "forbidden_statement",
            f"{word} statements are not allowed: only read-only queries (SELECT, WITH, VALUES) can run.",
            f"{word}-Anweisungen sind nicht erlaubt: nur lesende Abfragen (SELECT, WITH, VALUES) laufen.",
            token_position(first),
        )
    if word in WRITES:
        raise GuardError(
            "not_a_query",
            f"Only read-only queries are allowed, not {word}; start with SELECT, WITH or VALUES.",
            f"Nur lesende Abfragen sind erlaubt, kein {word}; bitte mit SELECT, WITH oder VALUES beginnen.",
            token_position(first),
        )


TOKEN_CHECKS: tuple[Callable[[list[Token], Policy], None], ...] = (
    not_too_many_tokens,
    not_too_many_aliases,
    not_too_deep,
    one_statement,
    no_command,
)


def parse(sql: str, tokens: list[Token], policy: Policy) -> exp.Expr:
    """Parse the tokens into one tree; a syntax error names its line and column."""
    try:
        trees = Dialect.get_or_raise(policy.read_dialect).parser().parse(tokens, sql)
    except ParseError as error:
        first = error.errors[0] if error.errors else {}
        highlight = str(first.get("highlight") or "")
        position = None
        if first.get("line") and first.get("col"):
            width = len(highlight) if highlight and "\n" not in highlight else 1
            position = (int(first["line"]), max(1, int(first["col"]) - width + 1))
        near = f" near '{highlight[:40]}'" if highlight else ""
        where = f" at line {position[0]}, column {position[1]}" if position else ""
        wo = f" in Zeile {position[0]}, Spalte {position[1]}" if position else ""
        raise GuardError(
            "syntax",
            f"The query is not valid SQL{near}{where}; check the spelling and the order of the clauses there.",
            f"Die Abfrage ist kein gültiges SQL{near.replace('near', 'bei')}{wo}; bitte Schreibweise und "
            "Reihenfolge der Klauseln dort prüfen.",
            position,
        ) from error
    found = [
        tree for tree in trees if tree is not None and not isinstance(tree, exp.Semicolon)
    ]  # comment only
    if len(found) != 1:  # one_statement ran before; kept so parse is safe alone
        raise GuardError(
            "multiple_statements", "Exactly one statement is allowed.", "Genau eine Anweisung ist erlaubt."
        )
    return found[0]


def statements_of(tokens: list[Token]) -> list[list[Token]]:
    """The tokens of each non-empty statement."""
    statements: list[list[Token]] = [[]]
    for token in tokens:
        if token.token_type == TokenType.SEMICOLON:
            statements.append([])
        else:
            statements[-1].append(token)
    return [s for s in statements if s]


def token_position(token: Token) -> tuple[int, int]:
    """(line, column) where a token starts."""
    return token.line, max(1, token.col - (token.end - token.start))
