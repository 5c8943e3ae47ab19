"""The core: reading records, scoring them under their schemes, checking them, and the findings.

It imports no other layer of the package and no MkDocs (tests/test_architecture.py): the site,
review, importers, exporters and the command line are all built on it.
"""
