"""How the newsroom names people in messages, emails and the admin."""


def display_name(user) -> str:
    """The user's full name, else the username ("" for nobody)."""
    if user is None:
        return ""
    return (user.get_full_name() or "").strip() or user.get_username()
