"""The submission package: upload-ready documents and photo, ``manifest.json`` and a printable checklist.

Public API: :func:`beian_desktop.export.package.build_package`, :func:`~beian_desktop.export.package.read_package`,
:func:`~beian_desktop.export.package.import_package` (errors: :class:`~beian_desktop.export.package.PackageError`,
:class:`~beian_desktop.export.package.ExportRefused`), :func:`beian_desktop.export.problems.find_problems`,
:func:`beian_desktop.export.checklist.render_checklist` and, with Qt, :mod:`beian_desktop.export.checklist_pdf`.
The manifest schema is documented in ``docs/manifest.md``.
"""
