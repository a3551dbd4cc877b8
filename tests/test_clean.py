"""clean_body: wrapped lines, run-on sentences, glued headings, boilerplate, repeats."""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from pathlib import Path

import pytest

from newsfeed.extract.clean import CleanSettings, clean_body, split_paragraphs, split_sentences

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "qusair.txt"


@pytest.fixture(scope="module")
def seed_body() -> str:
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED}")
    return clean_body(SEED.read_text(encoding="utf-8"))


# --- the seed article -------------------------------------------------------------------


def test_seed_has_no_repeated_paragraph_or_sentence(seed_body: str) -> None:
    paragraphs = split_paragraphs(seed_body)
    assert len(paragraphs) == len(set(paragraphs))
    sentences = [s for p in paragraphs for s in split_sentences(p) if len(s) >= 20]
    repeated = [s for s, n in Counter(sentences).items() if n > 1]
    assert repeated == []
    assert seed_body.count("But given the massive firepower") == 1
    assert seed_body.count("The political impact will also be felt") == 1


def test_seed_keeps_first_occurrence_and_the_sentence_glued_to_a_repeat(seed_body: str) -> None:
    # "...strategic victory.But given ..." : the repeat goes, the new sentence stays
    assert (
        "hailed by Damascus as an important strategic victory.\n\nShe said there were"
        in seed_body
    )
    assert seed_body.index("But given the massive firepower") < seed_body.index("Analysis")


def test_seed_has_no_boilerplate(seed_body: str) -> None:
    assert "Continue reading the main story" not in seed_body
    assert "Send us your comments" not in seed_body
    assert "Are you or anyone you know in Qusair?" not in seed_body


def test_seed_run_on_sentences_are_repaired(seed_body: str) -> None:
    assert "Hezbollah. State TV said" in seed_body
    assert "Hezbollah.State" not in seed_body
    assert not re.search(r"[a-z][.!?][A-Z]", seed_body)
    assert "1.5 million" in seed_body


def test_seed_glued_subheadings_are_split_off(seed_body: str) -> None:
    paragraphs = split_paragraphs(seed_body)
    assert "Clear message" in paragraphs
    assert "New levels of brutality" in paragraphs
    assert any(p.endswith("June as had been planned.") for p in paragraphs)
    assert any(p.startswith("More than 80,000 people have been killed") for p in paragraphs)
    assert "planned.'" not in seed_body


def test_seed_has_no_mid_sentence_line_breaks(seed_body: str) -> None:
    assert "\n\n\n" not in seed_body
    assert "\n" not in seed_body.replace("\n\n", "")
    paragraphs = split_paragraphs(seed_body)
    for paragraph in paragraphs:
        assert not paragraph[0].islower(), paragraph
    assert any(
        p.startswith("Russian and US officials met in Geneva on Wednesday") for p in paragraphs
    )
    assert "The UN and Arab League envoy to Syria, Lakhdar Brahimi, said" in seed_body


def test_seed_keeps_headings_and_list_items(seed_body: str) -> None:
    paragraphs = split_paragraphs(seed_body)
    assert paragraphs[0] == "Syrian army retakes town of Qusair"
    assert "Analysis" in paragraphs
    assert "Strategic town of Qusair" in paragraphs
    assert "- Estimated population of 30,000 people" in paragraphs
    assert sum(p.startswith("- ") for p in paragraphs) == 4


# --- small cases ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It ended.Then it rained.", "It ended. Then it rained."),
        ("He won.But given the odds, barely.", "He won. But given the odds, barely."),
        ('She said "no."The talks ended.', 'She said "no." The talks ended.'),
        ("Prices rose in 2011.The year fell.", "Prices rose in 2011. The year fell."),
    ],
)
def test_run_on_sentences_get_a_space(text: str, expected: str) -> None:
    assert clean_body(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "More than 1.5 million people fled.",
        "The U.S. and the U.K. agreed.",
        "See bbc.co.uk for details.",
        "Shops, e.g. bakeries, stayed open.",
        "Read it at https://www.Example.com/News.Today?x=1 tonight.",
        "Mail press@Example.Org today.",
        "ASP.NET and Node.js are tools.",
        "Version 3.2 shipped.",
    ],
)
def test_abbreviations_decimals_and_urls_are_untouched(text: str) -> None:
    assert clean_body(text) == text


def test_hard_wrapped_lines_are_joined_but_paragraph_breaks_kept() -> None:
    text = (
        "The council met on\nTuesday and voted to\nclose the bridge.\n"
        "Engineers will inspect it.\n\nA new paragraph after a blank line."
    )
    assert clean_body(text) == (
        "The council met on Tuesday and voted to close the bridge.\n\n"
        "Engineers will inspect it.\n\n"
        "A new paragraph after a blank line."
    )


WRAPPED_STORY = [
    "Flood defences on the River Lune held overnight, but forecasters warned that more rain "
    "was due on Thursday. Residents of 40 homes spent the night in a school hall.",
    '"We have never seen the water this high in March," said Parish Councillor Edith '
    "Marwood, who has lived beside the river for 50 years.",
    "Key points",
    "The Environment Agency said two pumps from Carlisle would arrive by noon. A spokesman "
    "said crews had cleared three blocked culverts in Lancaster and Morecambe overnight.",
]


@pytest.mark.parametrize("width", [50, 64, 72])
def test_a_text_hard_wrapped_at_any_width_gets_its_paragraphs_back(width: int) -> None:
    # A line ends where the next word would not have fitted; a shorter line is a break
    # the writer made (the heading), whatever its last word.
    wrapped = "\n\n".join(textwrap.fill(paragraph, width) for paragraph in WRAPPED_STORY)
    assert split_paragraphs(clean_body(wrapped)) == WRAPPED_STORY


def test_lines_of_uneven_length_are_not_taken_for_a_wrapped_text() -> None:
    text = ("Storm warning\nForecasters warned that more rain was due on Thursday across the "
            "north.\nRoads\nSeveral roads were closed.\nSchools\nTwo schools stayed shut.\n"
            "Trains\nServices were cut.")
    assert split_paragraphs(clean_body(text))[:2] == [
        "Storm warning", "Forecasters warned that more rain was due on Thursday across the north."]


def test_heading_before_a_number_stays_a_heading_but_wrapped_numbers_join() -> None:
    assert split_paragraphs(clean_body("Timeline\n2011 was the first year.")) == [
        "Timeline",
        "2011 was the first year.",
    ]
    assert clean_body("More than\n80,000 people were killed.") == (
        "More than 80,000 people were killed."
    )


def test_rows_of_a_standings_table_stay_lines() -> None:
    # the games-behind dash of a row is not a wrapped sentence's dash
    text = ("W L PCT GB\nNEW YORK 74 59 .556 -\nBOSTON 69 65 .515 5 1/2\n"
            "Ajax 17 10 4 3 29 14 34\nFRIDAY'S SCHEDULE")
    assert split_paragraphs(clean_body(text)) == [
        "W L PCT GB", "NEW YORK 74 59 .556 -", "BOSTON 69 65 .515 5 1/2",
        "Ajax 17 10 4 3 29 14 34", "FRIDAY'S SCHEDULE"]


def test_a_line_ending_in_a_capital_a_is_not_wrapped_after_the_article() -> None:
    text = "Price range N / A\nShares offered N / A\nLead manager Halvor & Co"
    assert split_paragraphs(clean_body(text)) == [
        "Price range N / A", "Shares offered N / A", "Lead manager Halvor & Co"]


def test_wrap_after_an_abbreviation_is_joined() -> None:
    assert clean_body("Talks with the U.S.\nofficials stalled.") == (
        "Talks with the U.S. officials stalled."
    )


def test_hyphenated_wrap_keeps_the_hyphen() -> None:
    assert clean_body("There were no pre-\nconditions.") == "There were no pre-conditions."


def test_short_heading_and_list_items_stay_separate() -> None:
    text = "Key facts\n- 300 homes flooded\n* 12 warnings issued\n• Roads closed\nThe end."
    assert split_paragraphs(clean_body(text)) == [
        "Key facts",
        "- 300 homes flooded",
        "- 12 warnings issued",
        "- Roads closed",
        "The end.",
    ]


def test_boilerplate_lines_are_dropped() -> None:
    text = "\n".join(
        [
            "Advertisement",
            "The bridge reopened on Monday.",
            "Image caption Engineers inspected the bridge",
            "Media playback is unsupported on your device",
            "Share this page",
            "We use cookies to give you the best experience.",
            "Sign up for our daily newsletter",
            "Related Topics",
            "Traffic was light.",
        ]
    )
    assert clean_body(text) == "The bridge reopened on Monday.\n\nTraffic was light."


def test_boilerplate_words_inside_a_wrapped_sentence_are_kept() -> None:
    text = "The publisher said that\nall rights reserved by the author\nwould be returned."
    assert clean_body(text) == (
        "The publisher said that all rights reserved by the author would be returned."
    )
    wrapped_ad = "The council voted to\nAdvertisement\nclose the bridge."
    assert clean_body(wrapped_ad) == "The council voted to close the bridge."


def test_boilerplate_sentence_is_cut_from_a_long_paragraph_only() -> None:
    long_sentence = "The flood barrier, approved in 2019, " + "has been delayed again " * 8 + "."
    text = f"{long_sentence} Send us your comments using the form below."
    assert clean_body(text) == " ".join(long_sentence.split())


def test_boilerplate_patterns_are_configurable() -> None:
    settings = CleanSettings(boilerplate_patterns=(r"^sponsored by ",))
    text = "Sponsored by Acme\n\nContinue reading the main story\n\nThe vote passed."
    assert split_paragraphs(clean_body(text, settings)) == [
        "Continue reading the main story",
        "The vote passed.",
    ]


def test_repeated_paragraphs_and_sentences_keep_first_occurrence() -> None:
    text = (
        "Rebels withdrew overnight from the town.\n\n"
        "The army entered at dawn. Rebels withdrew overnight from the town.\n\n"
        "Rebels withdrew overnight from the town.\n\n"
        "Analysis\n\nAnalysis"
    )
    assert split_paragraphs(clean_body(text)) == [
        "Rebels withdrew overnight from the town.",
        "The army entered at dawn.",
        "Analysis",
        "Analysis",  # shorter than min_repeat_chars: not treated as a repeat
    ]


def test_dedupe_can_be_switched_off() -> None:
    text = "The same sentence said twice.\n\nThe same sentence said twice."
    assert clean_body(text, CleanSettings(dedupe=False)).count("said twice") == 2


def test_glued_heading_can_be_dropped() -> None:
    text = "Talks were delayed until July.'Clear message' The army said it would fight on."
    assert clean_body(text) == (
        "Talks were delayed until July.\n\nClear message\n\nThe army said it would fight on."
    )
    assert clean_body(text, CleanSettings(glued_headings="drop")) == (
        "Talks were delayed until July.\n\nThe army said it would fight on."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He paused.'We will win,' he said.", "He paused. 'We will win,' he said."),
        ('He paused."We will win," he said.', 'He paused. "We will win," he said.'),
        ("He paused.\u201cWe win,\u201d he said.", "He paused. \u201cWe win,\u201d he said."),
        ("It was over.\u201dThe army left.", "It was over.\u201d The army left."),
    ],
)
def test_quote_after_a_run_on_is_placed_with_its_sentence(text: str, expected: str) -> None:
    assert clean_body(text) == expected


def test_unicode_and_whitespace_are_normalised_curly_quotes_kept() -> None:
    text = "Cafe\u0301\u00a0owner  said:\t\u201cWe\u2019re\u200b open.\u201d\r\nThe end."
    assert clean_body(text) == "Caf\u00e9 owner said: \u201cWe\u2019re open.\u201d\n\nThe end."


def test_split_sentences_respects_abbreviations() -> None:
    paragraph = "Gen. Selim Idriss met Mr. Smith in the U.S. on Monday. They talked. J. Doe left."
    assert split_sentences(paragraph) == [
        "Gen. Selim Idriss met Mr. Smith in the U.S. on Monday.",
        "They talked.",
        "J. Doe left.",
    ]


def test_empty_input_gives_empty_body() -> None:
    assert clean_body("") == ""
    assert clean_body(" \n\n \t\n") == ""
