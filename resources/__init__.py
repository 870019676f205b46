"""lcplanner's own files (templates/, fonts/), installed as the package ``lcplanner._resources``.

Nothing to import: the code finds these files through ``lcplanner.resources``.
"""
