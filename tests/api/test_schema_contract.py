"""The schema contract: schema.graphql is current and everything in the schema is described."""

from pathlib import Path

from django.core.management import call_command
from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLObjectType, GraphQLScalarType

from carrot.management.commands.carrot_graphql_schema import schema_sdl
from carrot.schema import schema

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema.graphql"
BUILT_IN_SCALARS = {"String", "Int", "Float", "Boolean", "ID"}


def test_schema_graphql_is_current():
    assert SCHEMA_FILE.read_text() == schema_sdl(), (
        "schema.graphql is stale: run `PYTHONPATH=. DJANGO_SETTINGS_MODULE=tests.settings "
        ".venv/bin/django-admin carrot_graphql_schema` and commit the result"
    )


def test_the_command_checks_and_writes(tmp_path, capsys):
    out = tmp_path / "schema.graphql"
    call_command("carrot_graphql_schema", out=str(out))
    assert out.read_text() == schema_sdl()
    call_command("carrot_graphql_schema", out=str(out), check=True)
    assert "up to date" in capsys.readouterr().out
    out.write_text("type Query { old: String }\n")
    try:
        call_command("carrot_graphql_schema", out=str(out), check=True)
    except Exception as exc:  # CommandError
        assert "stale" in str(exc)
    else:
        raise AssertionError("--check passed on a stale file")


def test_every_type_field_and_argument_is_described():
    missing = []
    for name, kind in schema.graphql_schema.type_map.items():
        if name.startswith("__") or name in BUILT_IN_SCALARS:
            continue
        if not kind.description:
            missing.append(name)
        if isinstance(kind, GraphQLObjectType | GraphQLInputObjectType):
            for field_name, field in kind.fields.items():
                if not field.description:
                    missing.append(f"{name}.{field_name}")
                for arg_name, arg in getattr(field, "args", {}).items():
                    if not arg.description:
                        missing.append(f"{name}.{field_name}({arg_name})")
        if isinstance(kind, GraphQLEnumType):
            missing += [f"{name}.{value}" for value, v in kind.values.items() if not v.description]
        assert isinstance(
            kind, GraphQLObjectType | GraphQLInputObjectType | GraphQLEnumType | GraphQLScalarType
        )
    assert missing == []
