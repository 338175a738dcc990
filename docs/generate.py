"""Write docs/reference.md from the code and the schemas, so it cannot drift.

    python docs/generate.py          # rewrite docs/reference.md
    python docs/generate.py --check  # exit 1 if it is stale (tests/test_reference_docs.py)

The library part comes from ``socialpolicy.__all__`` (signatures and docstrings),
the command-line part from the click commands themselves, and the rule-file part
from ``schemas/rule.schema.json`` plus the keys each rule kind's module reads.
"""

from __future__ import annotations

import argparse
import ast
import inspect
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "reference.md"


def _first_paragraph(doc: str | None) -> str:
    text = inspect.cleandoc(doc or "").split("\n\n")[0]
    return " ".join(text.split())


def _docstring(obj: Any) -> str:
    text = inspect.cleandoc(obj.__doc__ or "").strip()
    # A dataclass without a docstring gets its signature as one: not worth repeating.
    return "" if inspect.isclass(obj) and text.startswith(f"{obj.__name__}(") else text


def _signature(name: str, obj: Any) -> str:
    """``name(a: int, *, b: str = 'x') -> R``, annotations written as in the source,
    one parameter per line when it would not fit on one."""
    signature = inspect.signature(obj)
    parts = []
    star_done = False
    for param in signature.parameters.values():
        if param.name == "self":
            continue
        if param.kind is param.KEYWORD_ONLY and not star_done:
            parts.append("*")
            star_done = True
        if param.kind is param.VAR_POSITIONAL:
            star_done = True
            text = f"*{param.name}"
        elif param.kind is param.VAR_KEYWORD:
            text = f"**{param.name}"
        else:
            text = param.name
        if param.annotation is not param.empty:
            text += f": {_annotation(param.annotation)}"
        if param.default is not param.empty:
            default = "..." if callable(param.default) or "<" in repr(param.default) else repr(param.default)
            text += f" = {default}" if param.annotation is not param.empty else f"={default}"
        parts.append(text)
    result = ""
    if signature.return_annotation is not signature.empty and not inspect.isclass(obj):
        result = f" -> {_annotation(signature.return_annotation)}"
    one_line = f"{name}({', '.join(parts)}){result}"
    if len(one_line) <= 88:
        return one_line
    inner = "".join(f"    {part},\n" for part in parts)
    return f"{name}(\n{inner}){result}"


def _annotation(annotation: Any) -> str:
    return annotation if isinstance(annotation, str) else inspect.formatannotation(annotation)


def library() -> Iterator[str]:
    import socialpolicy
    from socialpolicy.engine import Linter

    yield "## The library"
    yield ""
    yield _first_paragraph(socialpolicy.__doc__)
    yield ""
    yield "```python\nimport socialpolicy\n```"
    yield ""
    for name in sorted(n for n in socialpolicy.__all__ if not n.startswith("_")):
        obj = getattr(socialpolicy, name)
        yield f"### `socialpolicy.{name}`"
        yield ""
        if inspect.isfunction(obj) or inspect.isclass(obj):
            yield f"```python\n{_signature(name, obj)}\n```"
            yield ""
        text = _docstring(obj)
        if text:
            yield text
            yield ""
        if obj is Linter:
            for method in ("check_text", "check_file", "check_paths", "check_posts"):
                function = getattr(Linter, method)
                yield f"#### `Linter.{method}`"
                yield ""
                yield f"```python\n{_signature(method, function)}\n```"
                yield ""
                if _docstring(function):
                    yield _docstring(function)
                    yield ""


def commands() -> Iterator[str]:
    import click

    from socialpolicy.cli import cli

    yield "## The command line"
    yield ""

    def walk(command: click.Command, path: list[str]) -> Iterator[tuple[list[str], click.Command]]:
        yield path, command
        if isinstance(command, click.Group):
            for name in sorted(command.commands):
                yield from walk(command.commands[name], [*path, name])

    for path, command in walk(cli, ["socialpolicy"]):
        if isinstance(command, click.Group) and len(path) > 1:
            continue
        context = click.Context(command, info_name=" ".join(path))
        yield f"### `{' '.join(path)}`"
        yield ""
        yield f"```\n{command.get_usage(context)}\n```"
        yield ""
        if command.help:
            yield " ".join(inspect.cleandoc(command.help).split())
            yield ""
        options = [p for p in command.params if isinstance(p, click.Option)]
        if options and not isinstance(command, click.Group):
            yield "| option | meaning |"
            yield "|---|---|"
            for option in options:
                names = ", ".join(f"`{o}`" for o in option.opts)
                if isinstance(option.type, click.Choice):
                    names += " " + "|".join(str(c) for c in option.type.choices)
                meaning = " ".join((option.help or "").split()).replace("|", "\\|")
                yield f"| {names} | {meaning} |"
            yield ""


def _type(schema: dict[str, Any]) -> str:
    if "enum" in schema:
        return " \\| ".join(f"`{v}`" for v in schema["enum"])
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    kind = schema.get("type", "any")
    if isinstance(kind, list):
        return " or ".join(kind)
    if kind == "array" and isinstance(schema.get("items"), dict):
        return f"list of {_type(schema['items'])}"
    properties = schema.get("properties") or {}
    if kind == "object" and properties and all(
            "enum" in v or v.get("type") in ("string", "number", "integer", "boolean")
            for v in properties.values()):
        # A few keys of plain values (a classifier's second_stage): name each with its type.
        keys = ", ".join(f"`{k}` ({_type(v)})" for k, v in properties.items())
        return f"object: {keys}"
    return str(kind)


def rule_files() -> Iterator[str]:
    from socialpolicy.kinds import COMMON_OPTIONS, KINDS, detector_class

    schema = json.loads((ROOT / "schemas" / "rule.schema.json").read_text(encoding="utf-8"))
    yield "## Rule files"
    yield ""
    yield _first_paragraph(schema.get("description"))
    yield ""
    yield "| key | required | type | meaning |"
    yield "|---|---|---|---|"
    required = set(schema.get("required", []))
    for key, spec in schema["properties"].items():
        meaning = " ".join(str(spec.get("description", "")).split()).replace("|", "\\|")
        yield f"| `{key}` | {'yes' if key in required else ''} | {_type(spec)} | {meaning} |"
    yield ""
    yield "### Detectors (`detect:` and `unless:` entries)"
    yield ""
    yield "Every detector takes " + ", ".join(f"`{k}`" for k in sorted(COMMON_OPTIONS)) + "."
    yield ""
    folder = ROOT / "socialpolicy" / "kinds"
    for kind in sorted(KINDS):
        # The keys each kind declares (the rule schema's detector-<kind> is made from them).
        options = detector_class(kind).options
        yield f"#### `kind: {kind}`"
        yield ""
        # A kind is a module or, when it has grown, a package of small ones (kinds/pii/).
        source = folder / f"{KINDS[kind]}.py"
        if not source.exists():
            source = folder / KINDS[kind] / "__init__.py"
        module_doc = ast.get_docstring(ast.parse(source.read_text(encoding="utf-8")))
        if module_doc:
            yield _first_paragraph(module_doc)
            yield ""
        if options:
            yield "| key | type |"
            yield "|---|---|"
            for key in sorted(options):
                yield f"| `{key}` | {_type(dict(options[key]))} |"
        else:
            yield "No keys of its own."
        yield ""


def render() -> str:
    parts = [
        "# socialpolicy reference",
        "",
        "Generated by `python docs/generate.py` from the code and `schemas/`; do not edit by hand.",
        "",
        *library(),
        *commands(),
        *rule_files(),
    ]
    return "\n".join(parts).rstrip() + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if reference.md is stale")
    args = parser.parse_args()
    text = render()
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print("docs/reference.md is stale: run python docs/generate.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
