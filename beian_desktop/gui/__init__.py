"""Everything Qt: the main window, the wizard pages, workers. Designer forms in ``ui/`` compile to ``gui/forms/``."""
