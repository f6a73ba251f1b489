"""Which articles go where on the article page and the home page.

Article page (around the text: "Tin liên quan" and the three blocks):

Rules (DESIGN.md, "Article page anatomy"):

- "Tin liên quan" (2-3 links at the top of the body): the editor's picks in their order,
  then the most related articles.
- ``interest`` ("Có thể bạn quan tâm"): the next most related articles. "Most related"
  means more shared tags first, then the same section, then newest.
- ``mustread`` ("Nên xem"): the newest featured articles.
- ``other`` ("Tin khác"): the newest articles of the article's own section not already on
  the page; never another section's (fewer items rather than a block that lies under its
  "Xem thêm" link to the section).
- "Đọc nhiều" in the sidebar: the most read recent articles.

No article appears twice on the page, the article itself never does, only published
articles are shown (every query starts from ``Article.objects.published()``), and the
order is deterministic (ties broken by newest, then highest id). A block that its own
rule cannot fill is topped up with the newest articles not yet on the page ("Tin liên
quan" and "Tin khác" are not: they list what their rule finds, or fewer links).

Home page: the lead story (newest featured, else newest), the other featured stories,
the latest news, one block per section shown on home (with its child sections), "Đọc
nhiều"; again no article twice.
"""

from collections import Counter
from dataclasses import dataclass, field

from articles import selectors
from articles.models import RelatedArticle

RELATED_LINKS = 3
INTEREST = 6
MUST_READ = 5
OTHER = 8
MOST_READ = 5
# Bounds on the candidates ranked by shared tags: a tag on thousands of articles must not
# make every article page rank thousands of rows. The newest tagged articles (per tag)
# are enough.
TAGGED_CANDIDATES = 100
NO_PICK = 32767


@dataclass
class ArticleBlocks:
    """Ids for each place of the article page, in display order."""

    related: list = field(default_factory=list)
    interest: list = field(default_factory=list)
    mustread: list = field(default_factory=list)
    other: list = field(default_factory=list)
    most_read: list = field(default_factory=list)

    def all_ids(self):
        return [*self.related, *self.interest, *self.mustread, *self.other, *self.most_read]


def ranked_related_ids(article, *, limit, tag_ids=None):
    """Ids most related to article: editor's picks first (in order), then by shared tags,
    same section and recency; article itself and unpublished ones left out.

    The candidates are bounded by indexes, whatever the archive's size: the picks, the
    newest TAGGED_CANDIDATES articles of each tag (tagged_tag_article_idx) and the
    section's newest; they are ranked here, in Python, after one query for their
    section and time."""
    if tag_ids is None:
        tag_ids = [tag.pk for tag in article.tags.all()]
    picks = dict(
        RelatedArticle.objects.filter(from_article=article.pk).values_list("to_article", "position")
    )
    shared = Counter(selectors.tagged_candidates(tag_ids, per_tag=TAGGED_CANDIDATES))
    same_section = selectors.newest_ids(limit=limit + 1, section=article.section_id)
    candidates = (set(picks) | set(shared) | set(same_section)) - {article.pk}
    facts = selectors.publication_facts(candidates)

    def rank(pk):
        section_id, published_at = facts[pk]
        return (
            picks.get(pk, NO_PICK),
            -shared[pk],
            0 if section_id == article.section_id else 1,
            -published_at.timestamp(),
            -pk,
        )

    return sorted(facts, key=rank)[:limit]


def article_blocks(article):
    """ArticleBlocks for article (ids only; the view loads them with one query)."""
    blocks = ArticleBlocks()
    used = {article.pk} if article.pk else set()

    def take(ids, n):
        chosen = []
        for pk in ids:
            if pk not in used and len(chosen) < n:
                chosen.append(pk)
                used.add(pk)
        return chosen

    if article.pk and article.section_id:
        ranking = ranked_related_ids(article, limit=RELATED_LINKS + INTEREST)
    else:
        ranking = []
    blocks.related = take(ranking, RELATED_LINKS)
    blocks.interest = take(ranking, INTEREST)
    blocks.mustread = take(
        selectors.newest_ids(limit=MUST_READ, featured=True, exclude=used), MUST_READ
    )
    if article.section_id:
        same_section = selectors.newest_ids(limit=OTHER, section=article.section_id, exclude=used)
        blocks.other = take(same_section, OTHER)

    wanted = {"interest": INTEREST, "mustread": MUST_READ}
    short = {name: n - len(getattr(blocks, name)) for name, n in wanted.items()}
    pool = []
    if any(n > 0 for n in short.values()):
        # One query tops up every short block, in page order, from the newest articles
        # (and leaves some for "Đọc nhiều" should its own list run short).
        pool = selectors.newest_ids(limit=sum(short.values()) + MOST_READ, exclude=used)
        for name, missing in short.items():
            if missing > 0:
                getattr(blocks, name).extend(take(pool, missing))
    blocks.most_read = take(selectors.most_read_ids(), MOST_READ)
    blocks.most_read.extend(take(pool, MOST_READ - len(blocks.most_read)))
    return blocks


LEAD_AND_STRIP = 5  # the lead story and four more featured stories
LATEST = 10
PER_SECTION = 5


@dataclass
class HomeBlocks:
    """Ids for each place of the home page, in display order."""

    lead: list = field(default_factory=list)
    featured: list = field(default_factory=list)
    latest: list = field(default_factory=list)
    sections: list = field(default_factory=list)  # [(section, [ids])] in menu order
    most_read: list = field(default_factory=list)

    def all_ids(self):
        ids = [*self.lead, *self.featured, *self.latest, *self.most_read]
        for _section, section_ids in self.sections:
            ids.extend(section_ids)
        return ids


def home_blocks():
    """HomeBlocks (ids only): featured, latest, one block per home section, most read."""
    blocks = HomeBlocks()
    featured = selectors.newest_ids(limit=LEAD_AND_STRIP, featured=True)
    blocks.lead, blocks.featured = featured[:1], featured[1:]
    latest = selectors.newest_ids(limit=LATEST + 1, exclude=featured)
    if not blocks.lead:
        blocks.lead, latest = latest[:1], latest[1:]
    blocks.latest = latest[:LATEST]
    used = {*blocks.lead, *blocks.featured, *blocks.latest}
    sections = selectors.home_sections()
    per_section = selectors.newest_ids_per_section(
        sections=sections, per_section=PER_SECTION, exclude=used
    )
    for section in sections:
        ids = per_section.get(section.pk) or []
        if ids:
            blocks.sections.append((section, ids))
            used.update(ids)
    most_read = [pk for pk in selectors.most_read_ids() if pk not in used][:MOST_READ]
    if len(most_read) < MOST_READ:
        most_read += selectors.newest_ids(
            limit=MOST_READ - len(most_read), exclude=used | set(most_read)
        )
    blocks.most_read = most_read
    return blocks


SIDE_MUST_READ = 5
SIDE_MOST_READ = 5
SIDE_CANDIDATES = 60  # the newest articles of a section the sidebar and the lead pick from


@dataclass
class SideBlocks:
    """Ids of the sidebar of the list pages and the home page."""

    mustread: list = field(default_factory=list)
    most_read: list = field(default_factory=list)

    def all_ids(self):
        return [*self.mustread, *self.most_read]


def section_lead_id(section):
    """The section page's lead: its newest featured article (child sections included),
    else its newest article; None for an empty section (from the sidebar's candidates)."""
    candidates = selectors.side_candidates(section=section, limit=SIDE_CANDIDATES)
    featured = [row.pk for row in candidates if row.is_featured]
    newest = [row.pk for row in candidates]
    return (featured or newest or [None])[0]


def side_blocks(*, section=None, exclude=()):
    """ "Nên xem" (newest featured) and "Đọc nhiều" (most read) of section and its
    children, or of the whole paper without one; never what the page already shows.

    One query (cached 5 minutes): the newest SIDE_CANDIDATES articles of the scope with
    their flags. "Nên xem" is topped up with the newest of them, so the column is never
    blank while the scope has articles to show.
    """
    candidates = selectors.side_candidates(section=section, limit=SIDE_CANDIDATES)
    used = set(exclude)
    blocks = SideBlocks()

    def take(ids, n):
        chosen = [pk for pk in ids if pk not in used][:n]
        used.update(chosen)
        return chosen

    blocks.mustread = take([row.pk for row in candidates if row.is_featured], SIDE_MUST_READ)
    # Stable sort: equal counts stay newest first.
    ranked = sorted(candidates, key=lambda row: (row.recent, row.view_count), reverse=True)
    blocks.most_read = take([row.pk for row in ranked], SIDE_MOST_READ)
    blocks.mustread += take([row.pk for row in candidates], SIDE_MUST_READ - len(blocks.mustread))
    return blocks


def sidebar(*, section=None, exclude=(), lead=None):
    """The sidebar's articles, and the lead's when given, loaded with one query (and one
    for their covers): {"side_mustread", "side_most_read"}, and "lead" when asked."""
    chosen = side_blocks(section=section, exclude={*exclude, lead})
    by_id = selectors.fetch_for_lists([lead, *chosen.all_ids()] if lead else chosen.all_ids())
    context = {
        "side_mustread": selectors.pick(by_id, chosen.mustread),
        "side_most_read": selectors.pick(by_id, chosen.most_read),
    }
    if lead:
        context["lead"] = by_id.get(lead)
    return context
