"""Names of the editorial groups created by migration 0002."""

REPORTERS = "Phóng viên"
EDITORS = "Biên tập viên"
