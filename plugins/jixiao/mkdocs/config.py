"""Typed options of the `jixiao` MkDocs plugin.

A wrong value stops the build before anything is read, with a Chinese message naming the option:
MkDocs prints it as "Config value 'plugins': Plugin 'jixiao' option '…': <message>".
"""

from datetime import date

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from ..core.collection import RECORDS_IN_MEMORY
from ..core.publication import parse_day
from .search_parts import PART_PAGES


class _Day(c.BaseConfigOption[date]):
    """A calendar day, quoted or not (YAML reads an unquoted 2025-06-30 as a date already)."""

    def run_validation(self, value: object) -> date | None:
        if value is None:
            return None
        try:
            return parse_day(value)
        except ValueError as error:
            raise c.ValidationError(f"today {error}") from None


class _PositiveInt(c.BaseConfigOption[int]):
    def __init__(self, what: str, default: int):
        super().__init__()
        self.what = what
        self.default = default

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise c.ValidationError(f"{self.what}必须是正整数，现为 {value}")
        return value


class JixiaoConfig(Config):
    # Folder of records inside docs_dir: reports/<year>/<id>.md
    reports_dir = c.Type(str, default="reports")
    # Optional folder (relative to the config file) of site-local scoring schemes, as YAML
    schemes_dir = c.Optional(c.Type(str))
    # public: what citizens see; internal: everything, for finance staff (drafts, embargoes, notes)
    edition = c.Choice(("public", "internal"), default="public")
    # The date that decides embargoes (publish_date); empty means the day of the build in China
    # (Asia/Shanghai), whatever the build machine's time zone
    today = _Day()
    # Rows per page on every generated list (groups, indicator uses, finding codes), and values
    # per page on the browse pages: no generated page grows with the collection
    page_size = _PositiveInt("page_size（每页行数）", default=100)
    # Report pages per part of the search index: each part is indexed by its own Pagefind run,
    # whose memory grows with its pages (jixiao/mkdocs/search_parts.py)
    search_part_pages = _PositiveInt("search_part_pages（检索索引每部分的页数）", default=PART_PAGES)
    # Megabytes the Pagefind runs at once may hold, by their estimate from their pages (0.6 MB a
    # page and 60 MB each): runs beside each other only while they fit; a part above it runs alone.
    # By default two full parts (1,000 pages each) go side by side, and the build with the process
    # that started it stays within 1.5 GB
    search_memory = _PositiveInt("search_memory（检索索引同时运行的内存上限，MB）", default=1400)
    # Records held whole in memory: with more, each record is kept in a temporary file once read
    # and checked, and read back when its page and its data are written (core/record_store.py),
    # so that a build's memory does not grow with the records (about 46 KB each) but with the
    # catalog. At 10,000 reports the records are about 0.5 GB, and reading them back costs time
    records_in_memory = _PositiveInt("records_in_memory（整体留在内存中的记录份数上限）", default=RECORDS_IN_MEMORY)
    # Processes that build at once: Pagefind runs over the index's parts (and, through
    # `scripts/site build --jobs N`, the processes that write the pages)
    jobs = _PositiveInt("jobs（并行进程数）", default=1)
