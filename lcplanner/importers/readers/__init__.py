"""Readers: each turns one kind of file into source blocks (see ``importers/blocks.py``)."""
