"""Dock widgets beside the panes: the article list and the findings, with their item models."""
