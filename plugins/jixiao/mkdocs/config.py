"""Typed options of the `jixiao` MkDocs plugin."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class JixiaoConfig(Config):
    # Folder of records inside docs_dir: reports/<year>/<id>.md
    reports_dir = c.Type(str, default="reports")
    # Optional folder (relative to the config file) of site-local scoring schemes, as YAML
    schemes_dir = c.Optional(c.Type(str))
    # public: what citizens see; internal: everything, for finance staff (drafts, embargoes, notes)
    edition = c.Choice(("public", "internal"), default="public")
    # The date that decides embargoes (publish_date); empty means the day of the build
    today = c.Optional(c.Type(str))
