"""The site: the portal's pages, indexes, charts and open data, made from an analysed collection.

It imports only the core and no MkDocs; the MkDocs adapter (``jixiao.mkdocs``) hands its pages to
MkDocs.
"""
