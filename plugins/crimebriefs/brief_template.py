"""The body a new brief starts with: placeholder lines the writer replaces, and the check recognises."""

PLACEHOLDERS = (
    "Write the first paragraph here: what happened, where and when, in two or three sentences.",
    "Add a paragraph for each further fact, saying where it comes from.",
    "## Analysis",
    "Say what it means: who gains, who loses, what to watch next.",
)
# The analysis heading is a sound heading to keep; only the sentences are placeholders.
PLACEHOLDER_SENTENCES = frozenset(line for line in PLACEHOLDERS if not line.startswith("#"))


def body() -> str:
    """The body of a new brief, blocks separated by blank lines."""
    return "\n\n".join(PLACEHOLDERS) + "\n"
