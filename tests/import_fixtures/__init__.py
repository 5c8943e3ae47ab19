"""Builders for the importer tests: Word and Excel files in the layouts of the seed reports."""
