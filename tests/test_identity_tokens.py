"""The code formats alone: long signed code, short typed code, check symbol."""

import contextlib
import secrets

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.identity import base32, token

SECRET = bytes(range(32))
QR_ALPHANUMERIC = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")


def test_long_code_round_trip_and_shape():
    card_id = secrets.token_bytes(12)
    text = token.make_long(SECRET, 7, card_id)
    assert len(text) == token.LONG_LENGTH == 43
    assert set(text) <= QR_ALPHANUMERIC, "upper-case alphanumeric keeps the QR small"
    code = token.parse_long(text)
    assert (code.version, code.key_id, code.card_id) == (1, 7, card_id)
    assert token.long_is_authentic(code, SECRET)
    assert not token.long_is_authentic(code, bytes(32))


def test_long_code_holds_nothing_but_version_key_card_and_tag():
    card_id = bytes(12)
    raw = base32.decode_bytes(token.make_long(SECRET, 1, card_id)[3:])
    assert raw[:15] == b"\x01\x00\x01" + card_id and len(raw) == 25


def test_unknown_version_is_malformed():
    header = bytes([2]) + (1).to_bytes(2, "big") + bytes(12)
    text = "PSK" + base32.encode_bytes(header + token.long_tag(SECRET, header))
    with pytest.raises(token.Malformed, match="version"):
        token.parse_long(text)


def test_short_code_round_trip_folding_and_check():
    short_id = token.new_short_id(SECRET)
    code = token.make_short(SECRET, short_id)
    assert len(code) == 13 and base32.is_canonical(code)
    shown = token.format_short(code)
    assert shown.count("-") == 3
    typed = shown.lower().replace("1", "l").replace("0", "o")
    parsed = token.parse_short(typed)
    assert parsed.short_id == short_id and token.short_is_authentic(parsed, SECRET)


def _every_valid_short_body():
    for _ in range(200):
        yield base32.encode_int(secrets.randbits(60), 12)


def test_check_symbol_catches_every_substitution_and_transposition():
    for body in _every_valid_short_body():
        value = base32.check_value(body)
        for i, original in enumerate(body):
            for replacement in base32.ALPHABET:
                if replacement != original:
                    changed = body[:i] + replacement + body[i + 1:]
                    assert base32.check_value(changed) != value
            if i + 1 < len(body) and body[i] != body[i + 1]:
                swapped = body[:i] + body[i + 1] + body[i] + body[i + 2:]
                assert base32.check_value(swapped) != value


def test_short_code_refuses_swap_with_the_check_symbol():
    short_id = token.new_short_id(SECRET)
    code = token.make_short(SECRET, short_id)
    if code[-1] != code[-2]:
        with pytest.raises(token.Malformed):
            token.parse_short(code[:-2] + code[-1] + code[-2])


@given(st.text(max_size=60))
def test_parsers_only_raise_malformed(text):
    for parse in (token.parse_long, token.parse_short):
        with contextlib.suppress(token.Malformed):
            parse(text)


@given(st.binary(min_size=25, max_size=25))
def test_random_bytes_in_a_well_formed_code_never_authenticate(raw):
    text = "PSK" + base32.encode_bytes(raw)
    try:
        code = token.parse_long(text)
    except token.Malformed:
        return
    assert not token.long_is_authentic(code, SECRET)


@given(st.binary(max_size=100), st.binary(max_size=200))
def test_prepared_signing_key_is_exactly_hmac_sha256(secret, message):
    import hmac
    from hashlib import sha256

    key = token.SigningKey(secret)
    assert key.digest(message) == hmac.digest(secret, message, sha256)
    assert key.digest(message) == key.digest(message), "the prepared states are not consumed"
    assert repr(key) == "SigningKey(...)", "never the secret"


def test_tags_are_the_same_from_a_secret_or_its_signing_key():
    key = token.SigningKey(SECRET)
    short_id = token.new_short_id(key)
    assert token.make_short(key, short_id) == token.make_short(SECRET, short_id)
    card_id = secrets.token_bytes(12)
    assert token.make_long(key, 3, card_id) == token.make_long(SECRET, 3, card_id)


@given(st.text(alphabet=st.characters(max_codepoint=0x2FF), max_size=30))
def test_normalise_folds_like_the_plain_unicode_rules(text):
    # the ASCII fast path must agree with upper() + the Crockford aliases
    expected = text.upper().translate(str.maketrans({"I": "1", "L": "1", "O": "0",
                                                     "-": None, " ": None}))
    assert base32.normalise(text) == expected


@given(st.text(alphabet=base32.ALPHABET + "ilo- abcxyz*~$=U_+", max_size=20))
def test_short_parser_agrees_with_the_check_symbol_rule(text):
    symbols = base32.normalise(text)
    valid = (len(symbols) == token.SHORT_LENGTH and base32.is_canonical(symbols)
             and base32.check_value(symbols[:-1]) == base32.ALPHABET.index(symbols[-1]))
    try:
        parsed = token.parse_short(text)
    except token.Malformed:
        assert not valid
    else:
        assert valid
        assert parsed.short_id == symbols[:8]
        assert parsed.tag == base32.decode_int(symbols[8:12])
