"""Gazetteer data files (see ATTRIBUTION.md); a package so that the files ship in the wheel."""
