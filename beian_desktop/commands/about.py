"""`beian-desktop about [--json]`: the version, the main libraries' versions and the licences of every bundled
third-party component (what 帮助 → 关于 shows). Exit status 1 when a component's licence text is missing (the
installer's smoke test runs it on the frozen app, so a licence text left out of the bundle fails the build)."""

from __future__ import annotations

import json
import sys

from beian_desktop.i18n import Msg, current_language

MISSING = Msg("缺少许可证文本：{key}: {files}", "Licence text missing: {key}: {files}")


def register(sub) -> None:
    parser = sub.add_parser("about", help="version and third-party licences (版本和第三方许可证)",
                            description="Print the version, the versions of the main libraries and the licence of every "
                                        "bundled third-party component with the paths of its licence texts.")
    parser.add_argument("--json", action="store_true", help="one JSON object")
    parser.set_defaults(func=run)


def run(args) -> int:
    from beian_desktop.about import APP_DISPLAY_NAME, about_info

    info = about_info()
    missing = info.missing_files()
    if args.json:
        print(json.dumps({
            "name": APP_DISPLAY_NAME, "version": info.version, "versions": info.versions,
            "components": [{"key": c.key, "name": c.name, "version": c.version, "license": c.license,
                            "files": [str(p) for p in c.license_paths()], "missing": c.missing_files()}
                           for c in info.components],
        }, ensure_ascii=False))
    else:
        lang = current_language()
        print(f"{APP_DISPLAY_NAME} {info.version}")
        print(", ".join(f"{k} {v}" for k, v in info.versions.items()))
        print()
        for c in info.components:
            note = f" - {c.note.text(lang)}" if c.note else ""
            print(f"{c.name} {c.version}: {c.license}{note}")
            for path in c.license_paths():
                print(f"    {path}")
    for key, files in missing.items():
        print(f"beian-desktop: {MISSING.format(key=key, files=', '.join(files) or '-').text()}", file=sys.stderr)
    return 1 if missing else 0
