"""Particles follow the final consonant of the word before them, digits and Latin letters read
as a Korean reader says them."""

from __future__ import annotations

import pytest

from app.text.josa import fill, fill_qt, final_consonant, josa


@pytest.mark.parametrize(
    ("word", "form", "expected"),
    [
        ("케이스", "을", "케이스를"),
        ("승인 요청", "를", "승인 요청을"),
        ("검토자", "이", "검토자가"),
        ("슈퍼바이저", "은", "슈퍼바이저는"),
        ("사유 코드", "와", "사유 코드와"),
        ("업무함", "와", "업무함과"),
        ("팀장급", "로", "팀장급으로"),
        ("본부장급", "으로", "본부장급으로"),
        ("임원급", "로", "임원급으로"),
        ("서울", "으로", "서울로"),  # ㄹ final takes 로
        ("최유나", "으로", "최유나로"),
        ("메모", "이나", "메모나"),
        ("체크포인트", "이나", "체크포인트나"),
        ("3", "을", "3을"),  # 삼
        ("2", "을", "2를"),  # 이
        ("1", "로", "1로"),  # 일: ㄹ
        ("6", "으로", "6으로"),  # 육
        ("10", "이", "10이"),  # 십
        ("1,000", "이", "1,000이"),  # 천
        ("SLA", "를", "SLA를"),  # 에이
        ("URL", "으로", "URL로"),  # 엘
        ("P0", "이", "P0이"),  # 영
        ("CRM", "을", "CRM을"),  # 엠
        ("50%", "를", "50%를"),  # 퍼센트
        ("품질 관리(QA)", "를", "품질 관리(QA)를"),
        ("'신규'", "로", "'신규'로"),
        ("'검토 중'", "로", "'검토 중'으로"),
    ],
)
def test_josa(word, form, expected):
    assert josa(word, form) == expected


def test_final_consonant():
    assert final_consonant("달") == (True, True)
    assert final_consonant("강") == (True, False)
    assert final_consonant("가") == (False, False)


def test_fill_corrects_particles_after_fields_only():
    assert fill("{page}로 이동", page="업무함") == "업무함으로 이동"
    assert fill("{page}로 이동", page="승인 대기함") == "승인 대기함으로 이동"
    assert fill("{page}로 이동", page="케이스") == "케이스로 이동"
    assert fill("{level}으로 에스컬레이션", level="팀장급") == "팀장급으로 에스컬레이션"
    assert fill("추천 대안 {rec}이 아닌 {top}이 1위입니다.", rec="보수적", top="균형") == (
        "추천 대안 보수적이 아닌 균형이 1위입니다."
    )
    assert fill("{who}가 {what}를 승인했습니다", who="박지훈", what="케이스") == (
        "박지훈이 케이스를 승인했습니다"
    )
    assert fill("{n}가지 방법", n=3) == "3가지 방법"  # not a particle: 지 follows
    assert fill("{amount:,}원", amount=1200) == "1,200원"
    assert fill("{}과 {}", "A", "B") == "A와 B"


def test_fill_qt_placeholders():
    assert fill_qt("%1을 %2로 재할당", "케이스", "최유나") == "케이스를 최유나로 재할당"
    assert fill_qt("%1이 없습니다", "SLA") == "SLA가 없습니다"
