"""Row helpers for author b's blind set. Every text in these files was written for Warden."""

ROWS = []


def row(label, family, carrier, lang, text, task=None):
    """Append one row; a task makes it an indirect row (document attached to a user request)."""
    ROWS.append(
        {
            "label": label,
            "family": family,
            "carrier": carrier,
            "lang": lang,
            "text": text.strip("\n"),
            "indirect": task is not None,
            "task": task or "",
        }
    )


def A(family, carrier, lang, text, task=None):
    row("attack", family, carrier, lang, text, task)


def B(family, carrier, lang, text, task=None):
    row("benign", family, carrier, lang, text, task)
