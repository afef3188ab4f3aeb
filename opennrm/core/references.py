"""Non-identifying reference codes shown instead of names (e.g. P-7K3M-9XQ2)."""

import secrets

# Crockford base32 without I, L, O, U: read aloud over a phone line without confusion.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_reference(prefix: str) -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{prefix}-{body[:4]}-{body[4:]}"


def looks_like_reference(text: str) -> bool:
    cleaned = text.strip().upper()
    parts = cleaned.split("-")
    return (
        len(parts) == 3
        and len(parts[0]) == 1
        and len(parts[1]) == 4
        and len(parts[2]) == 4
        and all(c in ALPHABET for c in parts[1] + parts[2])
    )
