"""The wizard pages, one module per step (see :data:`beian_desktop.gui.wizard.PAGE_CLASSES`)."""
