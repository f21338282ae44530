"""app/rules/pii.py: masking of each identifier kind, names on shared screens, and transcript
redaction of identifiers said in digits or Korean digit words, with Contact Lens offsets."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from app.domain.calls import (
    CharacterOffsets,
    IssueDetected,
    PostContactSummary,
    Redaction,
    Transcript,
    Utterance,
    parse_segment,
    segment_to_wire,
)
from app.domain.enums import ParticipantRole
from app.rules.pii import (
    TAG,
    find_identifiers,
    is_masked,
    luhn_valid,
    mask_call_id,
    mask_customer,
    mask_identifier,
    mask_name,
    redact,
    redact_segment,
    redact_wire_segment,
    remap_offsets,
    sees_full_names,
    shared_subject,
    shared_text,
)

CARD = "4920123456789014"  # Luhn-valid
SPACED_CARD = f"{CARD[:4]} {CARD[4:8]} {CARD[8:12]} {CARD[12:]}"


# -- masking ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("110-123-456789", "••••••••••6789"),  # account (seed 004: last 4 digits)
        ("1234567890", "••••••7890"),
        ("850101-1234567", "••••••••••4567"),  # resident registration number
        ("010-2846-6290", "•••••••••6290"),  # phone
        ("4920-1234-5678-9014", "•••••••••••••••9014"),  # card
        ("AC-99-1-2345", "••••••••2345"),
        ("1234", "••••"),  # 4 digits or fewer: all of it
        ("", ""),
        (None, ""),
    ],
)
def test_mask_identifier_keeps_the_last_four_digits(value, masked) -> None:
    assert mask_identifier(value) == masked


def test_masking_is_idempotent_and_recognisable() -> None:
    once = mask_identifier("110-123-456789")
    assert mask_identifier(once) == once and is_masked(once)
    assert not is_masked("110-123-456789") and not is_masked("")


def test_mask_customer_takes_the_full_values_out_and_leaves_customer_id() -> None:
    customer = {
        "customer_id": "CUS-00000001",
        "name": "김지훈",
        "account_id": "110-123-456789",
        "phone": "010-1234-5678",
        "resident_id": "850101-1234567",
        "card_number": CARD,
    }
    masked, full = mask_customer(customer)
    assert masked["customer_id"] == "CUS-00000001" and masked["name"] == "김지훈"
    assert full == {
        "resident_id": "850101-1234567",
        "account_id": "110-123-456789",
        "phone": "010-1234-5678",
        "card_number": CARD,
    }
    assert all(is_masked(masked[k]) for k in full)
    again, nothing = mask_customer(masked)
    assert again == masked and nothing == {}


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("김지훈", "김*훈"),
        ("이수", "이*"),
        ("남궁민준", "남**준"),
        ("누리소프트 오세훈 책임", "누리소프트 오*훈 책임"),
        ("서하물류 김민지 매니저", "서하물류 김*지 매니저"),
        ("", ""),
    ],
)
def test_mask_name(name, masked) -> None:
    assert mask_name(name) == masked


def test_shared_screens_show_case_ids_and_short_call_references() -> None:
    call_id = "call_20261207160101_0001_abc123"
    assert mask_call_id(call_id) == "…c123"
    assert shared_subject({"entity": "case", "entity_id": "case_vip_001"}) == "case_vip_001"
    assert shared_subject({"entity": "call", "entity_id": call_id}) == "…c123"
    assert shared_subject({"entity": "call", "entity_id": call_id, "case_id": "C-1"}) == "C-1"
    text = shared_text(f"고객 부정 감정: {call_id} (general) — 010-2846-6290 콜백")
    assert call_id not in text and "010-2846-6290" not in text and TAG in text
    assert not sees_full_names(["supervisor"]) and sees_full_names(["supervisor", "reviewer"])


# -- redaction of each kind, digits and Korean digit words ------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "redacted"),
    [
        ("주민번호는 850101-1234567입니다", "resident_id", "주민번호는 [PII]입니다"),
        ("팔오공일공일 다시 일이삼사오육칠이요", "resident_id", "[PII]이요"),
        (f"카드 번호 {SPACED_CARD} 맞아요", "card_number", "카드 번호 [PII] 맞아요"),
        ("사구이공 일이삼사 오육칠팔 구공일사요", "card_number", "[PII]요"),
        ("계좌 110-123-456789로 보내 주세요", "account_id", "계좌 [PII]로 보내 주세요"),
        ("계좌는 삼오이공일팔팔사육이구공 입니다", "account_id", "계좌는 [PII] 입니다"),
        ("010-2846-6290 이 번호로 주세요", "phone", "[PII] 이 번호로 주세요"),
        ("공일공에 이팔사육에 육이구공이요.", "phone", "[PII]이요."),
        ("공일공 이팔사육 육이구공, 이 번호로", "phone", "[PII], 이 번호로"),
        ("영이 삼사팔일 팔팔공사로 주세요", "phone", "[PII]로 주세요"),
        ("이팔사육 육이구공으로 주세요", "phone", "[PII]으로 주세요"),
        ("０１０－１２３４－５６７８", "phone", "[PII]"),
    ],
)
def test_each_kind_is_redacted(text, kind, redacted) -> None:
    out, spans = redact(text)
    assert out == redacted
    assert [s.kind for s in spans] == [kind]
    for s in spans:
        assert out[s.begin : s.end] == TAG


@pytest.mark.parametrize(
    "text",
    [
        "끝자리 6290 개인 고객으로 확인되었습니다.",  # the last 4 are what masking shows
        "육이구공이요. 개인 고객이에요.",
        "칠칠일육입니다.",
        "장애 접수 번호는 INC-20261121-0147입니다.",  # a reference number, not a customer's
        "11월 3일과 11월 5일에 연회비 15만 원이 각각 청구되었습니다.",
        "오늘 오후 두 시 십오 분쯤부터요.",
        "이 번호로 주세요. 사이에 일이 있어서요.",
        "업무시간은 평일 09:00~18:00입니다.",
    ],
)
def test_ordinary_speech_is_left_alone(text) -> None:
    assert redact(text) == (text, [])


def test_offsets_of_several_redactions_point_at_each_tag() -> None:
    text = "번호 010-1234-5678 이고 계좌 110-123-456789, 카드 " + CARD + " 입니다"
    out, spans = redact(text)
    assert out == "번호 [PII] 이고 계좌 [PII], 카드 [PII] 입니다"
    assert [s.kind for s in spans] == ["phone", "account_id", "card_number"]
    assert [out[s.begin : s.end] for s in spans] == [TAG] * 3


def test_partials_redact_a_number_still_being_said() -> None:
    # a partial cut mid-number: the digits so far may be the start of one
    out, spans = redact("제 번호는 공일공 이팔", partial=True)
    assert out == "제 번호는 [PII]" and spans[0].begin == 6
    assert redact("제 번호는 공일공 이팔")[0] == "제 번호는 공일공 이팔"  # a final: too short
    assert redact("끝자리 6290", partial=True) == ("끝자리 6290", [])  # 4 digits stay


def test_remap_offsets_moves_ranges_to_the_redacted_text() -> None:
    text = "번호는 010-2846-6290 이고 카드 연회비 문제예요"
    begin = text.index("카드 연회비")
    b, e = remap_offsets(text, begin, begin + len("카드 연회비"))
    out, _ = redact(text)
    assert out[b:e] == "카드 연회비"
    b, e = remap_offsets(text, 0, text.index(" 이고"))  # overlapping: grows over the tag
    assert out[b:e] == "번호는 [PII]"


# -- Contact Lens segments ----------------------------------------------------------------------


def test_transcript_gets_redaction_offsets_and_moved_issues() -> None:
    content = "네, 010-2846-6290 이고요. 카드 연회비가 두 번 빠져나갔어요."
    issue = "카드 연회비가 두 번 빠져나갔어요"
    start = content.index(issue)
    seg = Transcript(
        "s1", "customer", ParticipantRole.CUSTOMER, content, 0, 10,
        IssuesDetected=[IssueDetected(CharacterOffsets(start, start + len(issue)))],
    )  # fmt: skip
    red = redact_segment(seg)
    assert red.Content == "네, [PII] 이고요. 카드 연회비가 두 번 빠져나갔어요."
    (off,) = red.Redaction.CharacterOffsets
    assert red.Content[off.BeginOffsetChar : off.EndOffsetChar] == TAG
    (moved,) = red.IssuesDetected
    o = moved.CharacterOffsets
    assert red.Content[o.BeginOffsetChar : o.EndOffsetChar] == issue
    assert redact_segment(red) == red  # idempotent
    wire = segment_to_wire(red)
    assert wire["Transcript"]["Redaction"] == {
        "CharacterOffsets": [{"BeginOffsetChar": 3, "EndOffsetChar": 8}]
    }
    assert parse_segment(wire) == red


def test_utterance_partials_are_redacted_with_offsets() -> None:
    seg = Utterance("s1", "s1", "customer", ParticipantRole.CUSTOMER, "공일공에 이팔사육에", 0, 5)
    red = redact_segment(seg)
    assert red.PartialContent == "[PII]에"
    assert red.Redaction == Redaction([CharacterOffsets(0, 5)])
    wire = redact_wire_segment(segment_to_wire(seg))
    assert wire["Utterance"]["PartialContent"] == "[PII]에"
    assert wire["Utterance"]["Redaction"]["CharacterOffsets"][0]["EndOffsetChar"] == 5


def test_clean_segments_keep_their_exact_shape() -> None:
    seg = Transcript("s1", "customer", ParticipantRole.CUSTOMER, "감사합니다", 0, 1)
    assert "Redaction" not in segment_to_wire(redact_segment(seg))["Transcript"]
    summary = PostContactSummary("콜백 번호 010-2846-6290 확인")
    assert redact_segment(summary).Content == "콜백 번호 [PII] 확인"


# -- properties ---------------------------------------------------------------------------------

_DIGITS_RUN = re.compile(r"\d{16,}")


def _luhn_window_left(text: str) -> bool:
    """A Luhn-valid run of 16 digits anywhere once spaces and hyphens are dropped."""
    flat = re.sub(r"[\s\-]", "", text)
    for run in _DIGITS_RUN.findall(flat):
        for i in range(len(run) - 15):
            if luhn_valid(run[i : i + 16]):
                return True
    return False


def _luhn_complete(prefix: str) -> str:
    for d in "0123456789":
        if luhn_valid(prefix + d):
            return prefix + d
    raise AssertionError("unreachable")


cards = st.lists(st.integers(0, 9), min_size=15, max_size=15).map(
    lambda ds: _luhn_complete("".join(map(str, ds)))
)
seps = st.sampled_from(["", " ", "-", "  "])


@st.composite
def spoken_card(draw) -> str:
    card = draw(cards)
    sep = draw(seps)
    groups = [card[i : i + 4] for i in range(0, 16, 4)]
    return sep.join(groups)


filler = st.text(
    alphabet=st.sampled_from([*"카드번호는 입니다요 고객님 확인 일이삼사오 abcXYZ-,.", "\n"]),
    max_size=20,
)
noise_digits = st.text(alphabet="0123456789 -", max_size=12)


@given(st.lists(st.one_of(spoken_card(), filler, noise_digits), min_size=1, max_size=6))
@example([f"{CARD[:8]} {CARD[8:]}"])
@example(["a", CARD, "1"])
@example(["INC-", CARD])
def test_redaction_never_leaves_a_luhn_valid_card_and_offsets_point_at_tags(parts) -> None:
    text = "".join(parts)
    for partial in (False, True):
        out, spans = redact(text, partial=partial)
        assert not _luhn_window_left(out), (text, out)
        assert all(out[s.begin : s.end] == TAG for s in spans)
        assert [s.begin for s in spans] == sorted(s.begin for s in spans)
        assert redact(out, partial=partial)[0] == out  # nothing left to redact


@given(st.text(max_size=60))
def test_redaction_never_fails_and_offsets_hold_for_any_text(text) -> None:
    out, spans = redact(text)
    assert all(out[s.begin : s.end] == TAG for s in spans)
    found = find_identifiers(text)
    assert len(found) == len(spans)


def test_companies_nationwide_numbers_are_not_a_persons_phone() -> None:
    assert redact("상담은 1588-1234 번으로 연락 주세요")[1] == []
    assert redact("휴대폰 2846-6290 으로 주세요")[0] == "휴대폰 [PII] 으로 주세요"


def test_reference_codes_are_not_identifiers_but_cards_inside_codes_are() -> None:
    for text in (
        "고객 부정 감정: call_20261123010000_0007_85bbcf (general)",
        "결정 DEC-20261121-000501 참조",
        "장애 INC-20261121-0147 접수",
    ):
        assert redact(text) == (text, []), text
    assert redact(f"ref-{CARD}")[0] == "ref-[PII]"  # 16 digits: a card whatever surrounds it
    for stamp in range(20261123010000, 20261123010010):  # whatever the Luhn digit of the time
        assert redact(f"call_{stamp}_0007_85bbcf")[1] == []
    assert redact("x12345678901234567")[0] == "x[PII]"  # 17 digits: whatever surrounds them
