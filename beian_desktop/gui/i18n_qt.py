"""Qt side of the two languages.

Source strings in forms and code are Chinese (the default UI). English comes from
``resources/i18n/beian_desktop_en.qm`` (compiled from ``beian_desktop_en.ts`` by ``build_forms.py``).
:func:`set_ui_language` switches at run time: Qt sends ``LanguageChange`` to every widget, which re-translates
itself (``retranslateUi`` for forms, ``retranslate()`` for texts set in code, ``Msg.text()`` for core messages).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from beian_desktop import i18n
from beian_desktop.paths import resource_path

translate = QCoreApplication.translate

_translators: list[QTranslator] = []


def qm_path():
    return resource_path("i18n", "beian_desktop_en.qm")


def set_ui_language(lang: str | None) -> str:
    """Make ``lang`` the language of the whole UI (Qt texts and core ``Msg`` texts). Returns the normalised code."""
    lang = i18n.set_language(lang)
    app = QCoreApplication.instance()
    if app is None:
        return lang
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    if lang == "en":
        translator = QTranslator(app)
        if translator.load(str(qm_path())):
            app.installTranslator(translator)
            _translators.append(translator)
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    else:
        # Qt's own texts (file dialogs, message-box buttons, context menus) in Chinese too
        qt_translator = QTranslator(app)
        if qt_translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_",
                              QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt_translator)
            _translators.append(qt_translator)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return lang


def current() -> str:
    return i18n.current_language()


def msg_text(msg) -> str:
    """Text of a core :class:`~beian_desktop.i18n.Msg` (or a plain string) in the current UI language."""
    if msg is None:
        return ""
    if hasattr(msg, "text") and callable(msg.text):
        return msg.text(i18n.current_language())
    return str(msg)


def count(n: int, zh_unit: str, en_singular: str, en_plural: str | None = None) -> str:
    """``n`` things in the UI language, with the English plural right: "1 error", "2 errors", "3 个错误"."""
    english = en_singular if n == 1 else (en_plural or en_singular + "s")
    return i18n.Msg(f"{n} {zh_unit}", f"{n} {english}").text(i18n.current_language())
