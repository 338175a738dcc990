"""Check digits and contact normalisation: pure functions, no Presidio, no spaCy."""

from __future__ import annotations

import unicodedata

import regex

_NON_ALNUM = regex.compile(r"[^\p{L}\p{N}]+")
# An extension written after a number: "01493 452452 ext 3214", "..., extension 2200".
_EXTENSION = regex.compile(r"[\s,]*(?:\(\s*)?(?i:ext\.?|extn\.?|extension|x)\s*\d{1,6}\s*\)?\s*$")


def nhs_number_valid(text: str) -> bool:
    """Whether ``text`` holds a 10-digit NHS number whose modulus-11 check digit is right.

    Weights 10..2 on the first nine digits; the check digit is 11 minus the
    remainder (11 becomes 0, and 10 means no valid number has those nine digits).
    """
    digits = [c for c in text if c.isdigit()]
    if len(digits) != 10:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def luhn_valid(text: str) -> bool:
    """Whether the digits of ``text`` (13 to 19 of them) pass the Luhn check that every
    payment card number carries (one random number in ten does, so a card recognizer
    also asks for a card's first digits)."""
    digits = [int(c) for c in text if c.isdigit()]
    if not 13 <= len(digits) <= 19 or len(set(digits)) == 1:
        return False
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def iban_valid(text: str) -> bool:
    """Whether ``text`` (spaces allowed) is an IBAN whose two check digits are right:
    the country code and check digits moved to the end, letters read as 10..35, the
    number leaves 1 when divided by 97 (ISO 13616)."""
    code = "".join(text.split()).upper()
    if not regex.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", code):
        return False
    moved = code[4:] + code[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def contact_key(text: str) -> str:
    """A spelling-proof key for a phone number, email or address.

    Case, spaces and punctuation are dropped, and a UK number written in the
    international form (+44 (0)1493 ...) gets its national 0 back, so
    "01493 452452", "+44 1493 452452" and "01493452452" share one key.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    key = _NON_ALNUM.sub("", folded)
    if key.isdigit() and key.startswith("44") and len(key) >= 12:
        rest = key[2:]
        key = rest if rest.startswith("0") else "0" + rest
    return key


def allowed(text: str, keys: frozenset[str]) -> bool:
    """Whether ``text`` is (part of) an allow-listed contact.

    A found postcode or street is allowed when it is part of the Trust's full
    allow-listed address; very short keys never match inside longer ones.
    """
    key = contact_key(text)
    if not key:
        return False
    head = _EXTENSION.sub("", text)
    if head != text and head.strip():
        # An extension of an allow-listed number reaches the same switchboard.
        return allowed(head, keys)
    if key in keys:
        return True
    return len(key) >= 6 and any(key in allowed_key for allowed_key in keys)
