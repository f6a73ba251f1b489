"""How tags are typed: comma-separated, because Vietnamese tags are several words.

taggit's default parser splits on spaces when there is no comma ("Công đoàn" would become
two tags) and quotes every tag with a space when showing them; these replace both
(settings TAGGIT_TAGS_FROM_STRING / TAGGIT_STRING_FROM_TAGS).
"""

from core.text import nfc


def parse_tags(tagstring):
    """'Công đoàn, người lao động' -> ['Công đoàn', 'người lao động'] (sorted, unique)."""
    if not tagstring:
        return []
    names = {" ".join(nfc(part).split()) for part in tagstring.split(",")}
    names.discard("")
    return sorted(names)


def format_tags(tags):
    """The tags as the user types them: names joined by ', '."""
    return ", ".join(sorted(tag.name for tag in tags))
