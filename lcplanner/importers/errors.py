"""The importer's one error: a file that cannot be imported, said in one sentence."""
from __future__ import annotations


class PaperImportError(ValueError):
    """The file cannot be imported; ``str(err)`` is one clear sentence for the user."""
