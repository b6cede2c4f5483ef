"""Sphinx configuration for the django-carrot documentation."""

import os
import sys

sys.path.insert(0, os.path.abspath(".."))

project = "django-carrot"
author = "django-carrot developers"
extensions = ["sphinx.ext.autodoc", "myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
html_theme = "furo"
html_static_path = ["_static"]
html_title = "django-carrot"
myst_heading_anchors = 3
