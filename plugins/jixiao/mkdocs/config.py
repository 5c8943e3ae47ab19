"""Typed options of the `jixiao` MkDocs plugin."""

from datetime import date

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class JixiaoConfig(Config):
    # Folder of records inside docs_dir: reports/<year>/<id>.md
    reports_dir = c.Type(str, default="reports")
    # Optional folder (relative to the config file) of site-local scoring schemes, as YAML
    schemes_dir = c.Optional(c.Type(str))
    # public: what citizens see; internal: everything, for finance staff (drafts, embargoes, notes)
    edition = c.Choice(("public", "internal"), default="public")
    # The date that decides embargoes (publish_date); empty means the day of the build in China
    # (Asia/Shanghai), whatever the build machine's time zone
    today = c.Optional(c.Type(str))
    # Rows per page on every generated list (groups, indicator uses, finding codes), and values
    # per page on the browse pages: no generated page grows with the collection
    page_size = c.Type(int, default=100)

    def validate(self):
        failed, warnings = super().validate()
        if not failed and self.page_size < 1:
            failed.append(("page_size", c.ValidationError(f"page_size（每页行数）必须是正整数，现为 {self.page_size}")))
        if not failed and self.today:
            try:
                date.fromisoformat(self.today)
            except ValueError:
                failed.append(("today", c.ValidationError(f"today 应为日历上的日期，写作 年-月-日（如 2025-06-30），现为“{self.today}”")))
        return failed, warnings
