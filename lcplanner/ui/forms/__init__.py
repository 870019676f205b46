"""Generated from forms/*.ui by lcplanner.devtools.build_forms; do not edit."""
