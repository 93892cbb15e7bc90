"""The demo official reads the prompts the bot really sends."""

from __future__ import annotations

from bot import texts
from standin.demo_scenario import answer_for


def test_the_demo_answers_the_quarter_s_own_target_whatever_the_quarter() -> None:
    later = texts.ask_value(1, 5, "Panjang jalan", "km", "Triwulan IV Tahun 2026", "17,40",
                            "48,80", "akumulasi", "48,80", None, "87,5")
    first = texts.ask_value(1, 5, "Panjang jalan", "km", "Triwulan I Tahun 2026", "10,00",
                            "48,80", "akumulasi", "10,00", None, "87,5")
    assert answer_for(later, short=False) == "17,40"
    assert answer_for(later, short=True) == "15,66"
    assert answer_for(first, short=False) == "10,00"
