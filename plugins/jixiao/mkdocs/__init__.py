"""The MkDocs adapter: a thin layer that feeds the core's records into MkDocs pages."""
