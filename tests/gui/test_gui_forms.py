"""Generated forms and translations are in step with their sources (ui/*.ui, resources/i18n/*.ts)."""

from __future__ import annotations

import ast

from beian_desktop.gui import build_forms


def test_every_ui_file_is_compiled_and_up_to_date():
    assert build_forms.stale_forms() == [], "run: python -m beian_desktop.gui.build_forms"


def test_generated_forms_say_do_not_edit():
    for ui_file in build_forms.UI_DIR.glob("*.ui"):
        text = build_forms.form_target(ui_file).read_text(encoding="utf-8")
        assert "DO NOT EDIT" in text.splitlines()[0]


def test_translations_complete_and_compiled():
    assert build_forms.stale_translations() == []


def test_no_ui_file_is_loaded_at_run_time():
    for path in build_forms.GUI_DIR.rglob("*.py"):
        if build_forms.FORMS_DIR in path.parents:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)} | {
            n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        assert "QUiLoader" not in names and "loadUi" not in names, path
