#!/usr/bin/env python3
"""Renders the conformance corpus with Python's Jinja2 and writes the goldens run-service's renderer must match.

Re-run after changing the corpus (SPEC §10 "Templates are Jinja2"):
    python3 run-service/src/test/jinja2/generate.py
The reference is jinja2.Environment() with its defaults. Each golden holds the template, its context and either
the exact output or, for a template Jinja2 refuses, the error class, message and line.
"""
import json
import pathlib
import sys
import traceback

import jinja2

from corpus import CASES

OUT = pathlib.Path(__file__).resolve().parents[1] / "resources" / "jinja2" / "goldens.json"


def template_line(exc):
    """The template line an error happened on: Jinja2 rewrites tracebacks so template frames carry it."""
    lineno = getattr(exc, "lineno", None)
    if lineno:
        return lineno
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == "<template>":
            line = frame.lineno
    return line


def render(env, template, context):
    try:
        return {"output": env.from_string(template).render(**context)}
    except Exception as exc:  # noqa: BLE001 - every refusal is a golden
        message = exc.message if isinstance(exc, jinja2.TemplateError) and exc.message else str(exc)
        if isinstance(exc, KeyError):
            message = str(exc.args[0])
        return {"error": {"class": type(exc).__name__, "message": message, "line": template_line(exc)}}


def main():
    env = jinja2.Environment()
    names = set()
    goldens = []
    for name, template, context in CASES:
        if name in names:
            sys.exit(f"duplicate case name {name}")
        names.add(name)
        goldens.append({"name": name, "template": template, "context": context, **render(env, template, context)})
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"jinja2_version": jinja2.__version__, "cases": goldens}, indent=1,
                              ensure_ascii=False) + "\n")
    errors = sum(1 for golden in goldens if "error" in golden)
    print(f"{len(goldens)} goldens ({errors} refusals) written to {OUT}")


if __name__ == "__main__":
    main()
