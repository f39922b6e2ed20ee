"""Reusable widgets and helpers of the GUI."""
