"""Every import points down: core <- media/sections/authors/imprint <- articles <- reader/demo
<- newsroom.

Within the second floor the media library sits lowest: authors (and sections) may show
library photos, the library knows neither.

Read from the source (ast), so an import inside a function counts like one at the top,
and so do the other ways of reaching up: apps.get_model("articles", ...) and reversing a
URL name that belongs to a room above (reverse() in Python, {% url %} in templates).
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = [
    "core",
    "media",
    "sections",
    "authors",
    "imprint",
    "articles",
    "reader",
    "demo",
    "newsroom",
]
FLOOR = {
    "core": 0,
    "media": 1,
    "sections": 2,
    "authors": 2,
    "imprint": 2,
    "articles": 3,
    "reader": 4,
    "demo": 4,
    "newsroom": 5,
}
# URL names and the room that owns them. Models reverse their own page's name
# (get_absolute_url), so the namespaces belong to the content apps even though the
# reader's urls.py defines the patterns; the names without a namespace are the reader's.
URL_OWNERS = {"articles:": "articles", "sections:": "sections", "authors:": "authors"}
READER_NAMES = {"home", "search", "robots_txt", "sitemap", "sitemap_news", "sitemap_section"}
REVERSERS = {"reverse", "reverse_lazy", "redirect", "resolve_url"}
TEMPLATE_URL = re.compile(r"""{%\s*url\s+['"]([^'"]+)['"]""")


def room_of_module(name):
    top = name.split(".", 1)[0]
    return top if top in FLOOR else None


def room_of_url_name(name):
    for prefix, room in URL_OWNERS.items():
        if name.startswith(prefix):
            return room
    if name.startswith("admin:"):
        model = name.split(":", 1)[1]
        label = model.split("_", 1)[0]
        return label if label in FLOOR else None
    return "reader" if name in READER_NAMES else None


def python_files(package):
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def template_files(package):
    yield from sorted((ROOT / package / "templates").rglob("*.html"))
    yield from sorted((ROOT / "templates" / "admin" / package).rglob("*.html"))


def _module_of(path):
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def references(source, module):
    """[(line, kind, target room, what)] of a Python module's reaches into other rooms."""
    found = []
    tree = ast.parse(source)
    top_level = {id(node) for node in tree.body}
    package = module.rsplit(".", 1)[0] if not module.endswith("__init__") else module
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: max(0, len(base) - node.level + 1)]
                if node.module:
                    names = [".".join([*base, node.module])]
                else:
                    names = [".".join([*base, alias.name]) for alias in node.names]
            else:
                names = [node.module or ""]
        for name in names:
            room = room_of_module(name)
            if room:
                kind = "import" if id(node) in top_level else "function-level import"
                found.append((node.lineno, kind, room, name))
        if isinstance(node, ast.Call):
            func = node.func
            func_name = getattr(func, "attr", None) or getattr(func, "id", None)
            first = node.args[0] if node.args else None
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue
            if func_name == "get_model":
                room = room_of_module(first.value.split(".")[0])
                if room:
                    found.append((node.lineno, "get_model", room, first.value))
            elif func_name in REVERSERS:
                room = room_of_url_name(first.value)
                if room:
                    found.append((node.lineno, "URL name", room, first.value))
    return found


def template_references(source):
    return [
        (source[: m.start()].count("\n") + 1, "URL name", room_of_url_name(m.group(1)), m.group(1))
        for m in TEMPLATE_URL.finditer(source)
        if room_of_url_name(m.group(1))
    ]


def violations(package, refs, *, path):
    """What in refs reaches a room above package (or sideways into one it must not)."""
    bad = []
    for line, kind, room, what in refs:
        if room == package:
            continue
        upward = FLOOR[room] >= FLOOR[package]
        if upward:
            bad.append(f"{path}:{line}: {kind} of {what} ({room}) from {package}")
    return bad


def imports_in_functions(refs, *, path):
    """Function-level imports of the project's own modules, which hide cycles. Only an
    AppConfig.ready() may import late (it runs once the apps are loaded)."""
    if path.name == "apps.py":
        return []
    return [
        f"{path}:{line}: {what} imported inside a function"
        for line, kind, _room, what in refs
        if kind == "function-level import"
    ]


def all_problems():
    problems = []
    for package in PACKAGES:
        for path in python_files(package):
            refs = references(path.read_text(encoding="utf-8"), _module_of(path))
            rel = path.relative_to(ROOT)
            problems += violations(package, refs, path=rel)
            problems += imports_in_functions(refs, path=rel)
        for path in template_files(package):
            refs = template_references(path.read_text(encoding="utf-8"))
            problems += violations(package, refs, path=path.relative_to(ROOT))
    return problems


def test_every_import_points_down():
    assert all_problems() == []


REACHING_UP = [
    ("core", "core.text", "from articles.models import Article", "import of articles"),
    ("media", "media.usage", "from reader import views", "import of reader"),
    ("media", "media.admin", "apps.get_model('articles', 'Article')", "get_model of articles"),
    ("media", "media.admin", "reverse('admin:articles_article_change')", "admin:articles_"),
    ("sections", "sections.models", "import articles.models", "articles"),
    ("articles", "articles.admin.article", "from reader.views import preview", "reader"),
    ("articles", "articles.models", "reverse('home')", "URL name of home"),
    ("articles", "articles.admin.guard", "from ... import reader", "reader"),
]


@pytest.mark.parametrize(("package", "module", "source", "expected"), REACHING_UP)
def test_the_checker_finds_what_reaches_up(package, module, source, expected):
    refs = references(source, module)
    found = violations(package, refs, path=Path(module))
    assert any(expected in line for line in found), found


def test_the_checker_finds_imports_hidden_in_functions():
    source = "def view(request):\n    from articles import views\n    return views\n"
    refs = references(source, "reader.views")
    assert imports_in_functions(refs, path=Path("reader/views.py"))
    assert not imports_in_functions(refs, path=Path("reader/apps.py"))


def test_templates_are_checked_for_url_names():
    refs = template_references("<a href=\"{% url 'articles:detail' 1 %}\">x</a>")
    assert violations("media", refs, path=Path("media/templates/x.html"))
    assert not violations("articles", refs, path=Path("articles/templates/x.html"))
