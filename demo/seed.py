"""Demo content for `manage.py seed_demo`: sections, authors, staff accounts, articles, covers.

All the text is original demo copy. Everything is looked up by a stable key before it is
created, so running the seed again changes nothing.
"""

import io
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from PIL import Image as PILImage
from PIL import ImageDraw

from articles import services
from articles.models import Article, RelatedArticle
from articles.permissions import PUBLISH, SAVE, SUBMIT
from authors.models import Author
from core.text import slugify_vi
from imprint.models import SiteSettings
from media import renditions
from media.models import Image, Rendition
from sections.models import Section

from .content import (  # noqa: F401 - part of this module's interface
    ACCOUNTS,
    AUTHORS,
    BEATS,
    CORRECTION_NOTE,
    IMPRINT,
    RETURN_NOTE,
    ROTATION,
    SECOND_BYLINE,
    SECTIONS,
    SECTIONS_BY_SLUG,
    TOP_LEVEL_ORDER,
    UPDATE_NOTE,
    WORK_IN_PROGRESS,
    SectionSpec,
    Story,
)

DEFAULT_PASSWORD = "newsroom-demo"
# Enough for a second page in every section (a lead and 20 a page), over about five weeks.
DEFAULT_ARTICLES = 240
COVER_SIZE = (1600, 900)
# Each section has a small photo library its articles draw covers and inline photos from.
PHOTOS_PER_SECTION = 6
# Newsroom hours (local time): demo articles are published between these.
DAY_START, DAY_END = 6, 22
DAY_MINUTES = (DAY_END - DAY_START) * 60
MINUTES_APART = 150  # of newsroom hours between two articles, jittered
LICENCE_DATE = date(2021, 3, 15)
# Demo articles are identified by source_url. A valid URL on a reserved host (RFC 2606)
# keeps URLField validation happy and can never point at a real site.
KEY_PREFIX = "https://demo.invalid/"


@dataclass(frozen=True)
class ArticlePlan:
    """What one demo article will be: its key, section, story and the place it is set in."""

    key: str
    number: int
    status: str
    section: SectionSpec
    story: Story
    place: str
    title: str


@dataclass
class SeedResult:
    """What a seed run did: rows created and rows found already present, by kind."""

    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)
    covers: int = 0  # photos drawn for the section libraries
    updated: int = 0
    related: int = 0
    passwords_reset: int = 0


def published_plan(count):
    """Plans of the first count published demo articles; a prefix of any longer plan."""
    used = {story.title for _, _, story in WORK_IN_PROGRESS}
    plans = []
    for number in range(1, count + 1):
        slot = (number - 1) % len(ROTATION)
        round_ = (number - 1) // len(ROTATION)
        spec = SECTIONS_BY_SLUG[ROTATION[slot]]
        story = spec.stories[round_ % len(spec.stories)]
        place = spec.places[(round_ + slot) % len(spec.places)]
        base = story.title.format(place=place)
        title, repeat = base, 2
        # Only very long runs exhaust the story x place pairs; titles stay unique anyway.
        while title in used:
            title, repeat = f"{base} (kỳ {repeat})", repeat + 1
        used.add(title)
        plans.append(
            ArticlePlan(
                key=f"{KEY_PREFIX}article/{number}",
                number=number,
                status=Article.Status.PUBLISHED,
                section=spec,
                story=story,
                place=place,
                title=title,
            )
        )
    return plans


def work_in_progress_plan():
    """Plans of the reporter's drafts, pending and returned articles."""
    plans, seen = [], Counter()
    for status, slug, story in WORK_IN_PROGRESS:
        seen[status] += 1
        plans.append(
            ArticlePlan(
                key=f"{KEY_PREFIX}{status}/{seen[status]}",
                number=0,
                status=status,
                section=SECTIONS_BY_SLUG[slug],
                story=story,
                place="",
                title=story.title,
            )
        )
    return plans


def published_time(number, now):
    """Publication time of published article number (1 the newest): about 150 minutes of
    newsroom hours (06:00-22:00 local) apart, jittered so times do not look machine-made,
    never after now; the default 240 articles span about five weeks."""
    back = 25 + (number - 1) * MINUTES_APART + (number * 37) % 60
    local = timezone.localtime(now)
    day = local.date()
    opened = local.hour * 60 + local.minute - DAY_START * 60  # minutes of today's hours so far
    today = min(max(opened, 0), DAY_MINUTES)
    if back <= today:
        days, into_day = 0, today - back
    else:
        days, rest = divmod(back - today, DAY_MINUTES)
        days, into_day = days + 1, DAY_MINUTES - rest
    start = datetime.combine(day - timedelta(days=days), time(DAY_START))
    moment = timezone.make_aware(start, timezone.get_current_timezone())
    return min(moment + timedelta(minutes=into_day), now)


def draw_cover(seed, colors, size=COVER_SIZE):
    """JPEG bytes of an abstract cover: a gradient in colors plus shapes placed by seed."""
    rng = random.Random(seed)
    width, height = size
    start, end = colors
    mask = PILImage.linear_gradient("L").resize(size)
    if rng.random() < 0.5:
        mask = mask.transpose(PILImage.Transpose.ROTATE_180)
    image = PILImage.composite(
        PILImage.new("RGB", size, end), PILImage.new("RGB", size, start), mask
    )
    # An RGBA draw on an RGB image blends each shape with what is under it.
    draw = ImageDraw.Draw(image, "RGBA")
    for _ in range(rng.randint(6, 10)):
        tint = _mix(rng.choice(colors), rng.choice([(255, 255, 255), (0, 0, 0)]), 0.35)
        fill = (*tint, rng.randint(50, 120))
        x, y = rng.randrange(-200, width), rng.randrange(-200, height)
        extent = rng.randrange(120, 520)
        shape = rng.choice(("circle", "rectangle", "triangle"))
        if shape == "circle":
            draw.ellipse((x, y, x + extent, y + extent), fill=fill)
        elif shape == "rectangle":
            draw.rectangle((x, y, x + extent, y + extent * rng.uniform(0.3, 0.8)), fill=fill)
        else:
            draw.polygon(
                [(x, y + extent), (x + extent // 2, y), (x + extent, y + extent)], fill=fill
            )
    # A low skyline along the bottom edge, so covers read as city news rather than wallpaper.
    skyline = (*_mix(start, (0, 0, 0), 0.45), 170)
    x = 0
    while x < width:
        block = rng.randrange(60, 180)
        draw.rectangle((x, height - rng.randrange(60, 260), x + block, height), fill=skyline)
        x += block + rng.randrange(4, 24)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


def _mix(color, other, amount):
    return tuple(round(a + (b - a) * amount) for a, b in zip(color, other, strict=True))


def _when(moment):
    local = timezone.localtime(moment)
    if local.hour < 5:
        local, part = local - timedelta(days=1), "Tối"
    elif local.hour < 11:
        part = "Sáng"
    elif local.hour < 13:
        part = "Trưa"
    elif local.hour < 18:
        part = "Chiều"
    else:
        part = "Tối"
    return f"{part} {local.day}/{local.month}"


def _figure(photo, caption):
    """An inline photo as the editor inserts one: the library's body rendition (made when
    the seed commits; its name is known from the plan), captioned."""
    body = next(
        v for v in renditions.plan(photo) if v.spec.name == "article" and v.format != "WEBP"
    )
    src = Rendition._meta.get_field("file").storage.url(body.name)
    width, height = body.size
    return (
        f'<figure class="image"><img src="{escape(src)}" alt="{escape(photo.alt_text)}" '
        f'width="{width}" height="{height}"><figcaption>{escape(caption)} '
        f"({escape(photo.credit)})</figcaption></figure>"
    )


def _body(plan, values, inline=None):
    """The article's HTML; inline: (photo, caption) placed after the second paragraph."""
    spec, story, layout = plan.section, plan.story, plan.number % 4
    paragraphs = [f"<p>{escape(text.format(**values))}</p>" for text in story.paragraphs]
    quote = ""
    if story.quote:
        text, speaker = story.quote
        quote = f"<blockquote><p>“{escape(text)}”</p><p><em>{escape(speaker)}</em></p></blockquote>"
    blocks = paragraphs[:2]
    if inline:
        blocks.append(_figure(*inline))
    if quote and layout == 1:
        blocks.insert(1, quote)
    if plan.number and layout in (1, 2):
        heading = spec.headings[plan.number % len(spec.headings)]
        blocks.append(f"<h2>{escape(heading)}</h2>")
    blocks.extend(paragraphs[2:])
    if quote and layout == 3:
        blocks.append(quote)
    if plan.number and layout != 2:
        blocks.append(f"<p>{escape(spec.closings[plan.number % len(spec.closings)])}</p>")
    return "\n".join(blocks)


def _tags(plan):
    tags = [plan.section.tag, *plan.story.tags] if plan.number else list(plan.story.tags)
    if plan.number % 3 == 0 and plan.number:
        tags.append("Hà Nội")
    return list(dict.fromkeys(tags))


def _section_photos(spec, *, uploader, result, saved_files):
    """The section's small photo library (looked up by title, drawn when missing)."""
    photos = []
    author = BEATS[spec.slug][0]
    for n in range(1, PHOTOS_PER_SECTION + 1):
        title = f"Ảnh tư liệu {spec.name} {n}"
        photo = Image.objects.filter(title=title).first()
        if photo is None:
            seed = sum(map(ord, spec.slug)) * 7919 + n
            photo = Image(
                file=ContentFile(draw_cover(seed, spec.colors), name=f"demo-{spec.slug}-{n}.jpg"),
                title=title,
                caption=spec.captions[n % len(spec.captions)].format(place=spec.places[0]),
                credit=f"Ảnh: {author}",
                alt_text=(
                    f"Hình minh họa chuyên mục {spec.name}: các hình khối trên nền "
                    f"{spec.color_name}"
                ),
                uploaded_by=uploader,
            )
            photo.save()
            saved_files.append((photo.file.storage, photo.file.name))
            result.covers += 1
        photos.append(photo)
    return photos


def _ensure_imprint(result):
    """The paper's legal footer, unless an administrator has filled it already."""
    _settings, created = SiteSettings.objects.get_or_create(
        pk=1, defaults={**IMPRINT, "licence_date": LICENCE_DATE}
    )
    (result.created if created else result.existing)["site settings"] += 1


def _ensure_sections(result):
    sections = {}
    # Parents first, so children can point at them.
    for spec in sorted(SECTIONS, key=lambda s: s.parent is not None):
        section, created = Section.objects.get_or_create(
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "description": spec.description,
                "position": spec.position,
                "parent": sections.get(spec.parent),
                "is_active": True,
                "show_on_home": spec.parent is None,
            },
        )
        sections[spec.slug] = section
        (result.created if created else result.existing)["sections"] += 1
    return sections


def _ensure_authors(result):
    authors = {}
    for name, byline, bio in AUTHORS:
        author, created = Author.objects.get_or_create(
            slug=slugify_vi(name), defaults={"name": name, "byline": byline, "bio": bio}
        )
        authors[name] = author
        (result.created if created else result.existing)["authors"] += 1
    return authors


def _ensure_accounts(password, authors, result):
    users = {}
    user_model = get_user_model()
    for username, (group_name, superuser, author_name) in ACCOUNTS.items():
        first_name = author_name or ""
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={
                "email": f"{username}@example.com",
                "first_name": first_name,
                "is_staff": True,
                "is_superuser": superuser,
            },
        )
        (result.created if created else result.existing)["accounts"] += 1
        if created or not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
            if not created:
                result.passwords_reset += 1
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
        author = authors.get(author_name)
        if author and author.user_id is None and not Author.objects.filter(user=user).exists():
            author.user = user
            author.save(update_fields=["user"])
        users[username] = user
    return users


def _create_article(plan, *, sections, authors, users, now, photos):
    spec = plan.section
    published = plan.status == Article.Status.PUBLISHED
    published_at = published_time(plan.number, now) if published else None
    values = {"place": plan.place, "when": _when(published_at) if published_at else "Mới đây"}
    reporter, editor = users["reporter"], users["editor"]
    round_ = (plan.number - 1) // len(ROTATION)
    if published:
        beat = BEATS[spec.slug]
        byline = [beat[round_ % len(beat)]]
        if plan.number % 4 == 0:
            byline.append(SECOND_BYLINE[spec.slug])
    else:
        byline = [ACCOUNTS["reporter"][2]]
    article_authors = [authors[name] for name in byline]
    # The reporter's own stories go through the review queue; the desk publishes the rest.
    by_reporter = not published or article_authors[0].user_id == reporter.pk

    library = photos[spec.slug]
    cover, cover_caption, inline = None, "", None
    if published and plan.number % 10:
        caption = spec.captions[plan.number % len(spec.captions)].format(**values)
        cover_caption = f"{caption} (Ảnh minh họa)"
        cover = library[round_ % len(library)]
    if published and plan.number % 3 == 1:  # about a third carry a photo in the text
        caption = spec.captions[(plan.number + 1) % len(spec.captions)].format(**values)
        inline = (library[(round_ + 3) % len(library)], caption)

    article = Article(
        title=plan.title,
        sapo=plan.story.sapo.format(**values),
        body=_body(plan, values, inline),
        section=sections[spec.slug],
        is_featured=published and plan.number % 8 == 3,
        cover_image=cover,
        cover_caption=cover_caption,
        source_url=plan.key,
    )

    # Through the workflow services, so each article has its revisions and workflow log.
    if plan.status == Article.Status.DRAFT:
        first_step = (SAVE, reporter)
    elif by_reporter:
        first_step = (SUBMIT, reporter)
    else:
        first_step = (PUBLISH, editor)
    action, user = first_step
    services.article_save(
        article=article,
        user=user,
        action=action,
        notify=False,
        publish_at=published_at if action == PUBLISH else None,
        tags=_tags(plan),
        authors=article_authors,
    )
    if published and action != PUBLISH:
        article = services.article_publish(
            article=article, user=editor, publish_at=published_at, notify=False
        )
    elif plan.status == Article.Status.RETURNED:
        article = services.article_return(
            article=article, user=editor, note=RETURN_NOTE, notify=False
        )
    if published and (plan.number % 9 == 2 or plan.number == CORRECTED):
        article = _update_after_publication(article, plan, editor, published_at, now)
    return article


CORRECTED = 5  # the article that carries the demo's correction note


def _update_after_publication(article, plan, editor, published_at, now):
    """The desk edits a live story: the page shows "Cập nhật" with the time of the edit."""
    note = CORRECTION_NOTE if plan.number == CORRECTED else UPDATE_NOTE
    article.body = f"{article.body}\n<p><em>{escape(note)}</em></p>"
    article = services.article_save(
        article=article, user=editor, base_version=article.version, notify=False
    )
    # The edit happened a few hours after publication, not when the demo was seeded.
    revised_at = min(published_at + timedelta(hours=2 + plan.number % 5), now)
    Article.objects.filter(pk=article.pk).update(revised_at=revised_at)
    article.revised_at = revised_at
    return article


def _related_numbers(number):
    """Numbers of the earlier articles of the same section picked as related to article number."""
    round_ = (number - 1) // len(ROTATION)
    # Picks on the 2nd and 5th article of each section: enough to exercise "Tin liên quan"
    # without every article having them, as on a real site.
    picks = {1: 1, 4: 2}.get(round_, 0)
    return [number - len(ROTATION) * step for step in range(1, picks + 1)]


def seed_demo(*, password=DEFAULT_PASSWORD, articles=DEFAULT_ARTICLES, now=None, on_article=None):
    """Create the demo content that is missing; existing rows stay as they are (bar passwords)."""
    if articles < 0:
        raise ValueError("articles must be zero or more")
    now = (now or timezone.now()).replace(second=0, microsecond=0)
    result = SeedResult()
    saved_files = []
    try:
        # Seeding is not news: the workflow services send no mail for it.
        with transaction.atomic():
            sections = _ensure_sections(result)
            authors = _ensure_authors(result)
            users = _ensure_accounts(password, authors, result)
            _ensure_imprint(result)
            photos = {
                spec.slug: _section_photos(
                    spec, uploader=users["editor"], result=result, saved_files=saved_files
                )
                for spec in SECTIONS
            }
            plans = published_plan(articles) + work_in_progress_plan()
            by_key = Article.objects.in_bulk([plan.key for plan in plans], field_name="source_url")
            for plan in plans:
                if plan.key in by_key:
                    result.existing["articles"] += 1
                    continue
                article = _create_article(
                    plan,
                    sections=sections,
                    authors=authors,
                    users=users,
                    now=now,
                    photos=photos,
                )
                by_key[plan.key] = article
                result.created["articles"] += 1
                if article.revised_at:
                    result.updated += 1
                related = _related_numbers(plan.number) if plan.number else []
                for position, number in enumerate(related):
                    target = by_key.get(f"{KEY_PREFIX}article/{number}")
                    if target is not None and target.section_id == article.section_id:
                        RelatedArticle.objects.create(
                            from_article=article, to_article=target, position=position
                        )
                        result.related += 1
                if on_article:
                    on_article(article)
    except BaseException:
        # The rollback undoes the rows but not the files drawn for them.
        for storage, name in saved_files:
            storage.delete(name)
        raise
    return result
