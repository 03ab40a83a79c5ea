"""The schema is written twice, on purpose: data/schema.sql (what the database enforces) and dashboard/store/tables.py
(what the loader checks row by row, to name the file, row and column). This keeps the two in step."""

from __future__ import annotations

import duckdb

from dashboard.store.tables import TABLES

SQL_TYPES = {
    "text": "VARCHAR",
    "address": "VARCHAR",
    "integer": "INTEGER",
    "number": "DOUBLE",
    "date": "DATE",
    "boolean": "BOOLEAN",
}


def database_columns(db_path, table: str) -> dict[str, tuple[str, bool]]:
    with duckdb.connect(str(db_path), read_only=True) as con:
        rows = con.execute(
            "SELECT column_name, data_type, is_nullable = 'YES' FROM information_schema.columns WHERE table_name = ?", [table]
        ).fetchall()
    return {name: (data_type, nullable) for name, data_type, nullable in rows}


def primary_key(db_path, table: str) -> tuple[str, ...]:
    with duckdb.connect(str(db_path), read_only=True) as con:
        rows = con.execute(
            "SELECT constraint_column_names FROM duckdb_constraints() WHERE table_name = ? AND constraint_type = 'PRIMARY KEY'",
            [table],
        ).fetchall()
    return tuple(rows[0][0]) if rows else ()


def test_every_declared_column_is_in_the_database_with_its_type_and_nullability(fixture_db):
    disagreements = []
    for table in TABLES.values():
        stored = database_columns(fixture_db, table.name)
        assert stored, f"{table.name} is declared in tables.py but not created by data/schema.sql"
        for column in table.columns:
            if column.name not in stored:
                disagreements.append(f"{table.name}.{column.name}: declared, not in schema.sql")
                continue
            data_type, nullable = stored[column.name]
            if data_type != SQL_TYPES[column.kind]:
                disagreements.append(f"{table.name}.{column.name}: {column.kind} in tables.py, {data_type} in schema.sql")
            if column.required and nullable:
                disagreements.append(f"{table.name}.{column.name}: required in tables.py, nullable in schema.sql")
    assert disagreements == []


def test_every_declared_key_is_the_tables_primary_key(fixture_db):
    for table in TABLES.values():
        if table.key:
            assert set(primary_key(fixture_db, table.name)) == set(table.key), table.name
