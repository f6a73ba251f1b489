import importlib
import io
from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage

from articles.models import Article, ArticleAuthor
from authors.models import Author
from media.models import Image
from sections.models import Section


def image_bytes(size=(64, 36), color=(200, 30, 30), fmt="JPEG", **save_kwargs):
    """A real image file's bytes, drawn with Pillow."""
    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, fmt, **save_kwargs)
    return buffer.getvalue()


def image_upload(name="anh.jpg", **kwargs):
    return SimpleUploadedFile(name, image_bytes(**kwargs), content_type="image/jpeg")


def role_group(name):
    """The role's group as migration 0002 makes it; recreated when a transactional test's
    flush removed it."""
    group = Group.objects.filter(name=name).first()
    if group is None:
        migration = importlib.import_module("articles.migrations.0002_editorial_groups")
        group = Group.objects.create(name=name)
        for app_label, codenames in migration.GROUPS[name].items():
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
            )
    return group


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password("secret-pass-123")
    is_staff = True


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    name = factory.Sequence(lambda n: f"Chuyên mục {n}")
    position = factory.Sequence(lambda n: n)


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Nguyễn Văn Đức {n}")
    byline = factory.Sequence(lambda n: f"N.V.Đ{n}")


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Image

    title = factory.Sequence(lambda n: f"Ảnh {n}")
    file = factory.LazyFunction(image_upload)


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Đổi mới công tác tuyên truyền số {n}")
    sapo = "Chiều 16/8, hội nghị tổng kết công tác công đoàn đã diễn ra tại Hà Nội."
    body = "<p>Nội dung bài viết về hoạt động công đoàn.</p>"
    section = factory.SubFactory(SectionFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create and extracted:
            for position, author in enumerate(extracted):
                ArticleAuthor.objects.create(article=self, author=author, position=position)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)
