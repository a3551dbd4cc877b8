"""extract_article / article_from_text / article_from_feed_entry on pages we wrote."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsfeed.extract.body import (
    BodySettings,
    ExtractionError,
    article_from_feed_entry,
    article_from_text,
    detect_language,
    extract_article,
    parse_published,
)
from newsfeed.extract.clean import split_paragraphs
from newsfeed.extract.encoding import decode_html, media_type

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "qusair.txt"


def page(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_english_page_body_without_navigation_ads_or_comments() -> None:
    url = "https://www.northshire-courier.example/n/1"
    article = extract_article(page("article_en.html"), url=url)
    paragraphs = split_paragraphs(article.body)
    assert paragraphs[0].startswith("Emergency services have evacuated more than 4,000 residents")
    assert paragraphs[-1].startswith("Residents in Aldwater have criticised the delay")
    assert len(paragraphs) == 7
    for noise in (
        "Advertisement",
        "cookies",
        "Sport",
        "Related stories",
        "Same thing every year",  # a reader comment
        "Share this article",
        "All rights reserved",
        "newsletter",
        "Image caption",
    ):
        assert noise not in article.body, noise
    assert "Floods force thousands" not in article.body  # the headline is the title, not body


def test_english_page_metadata() -> None:
    article = extract_article(page("article_en.html"))
    assert article.title == "Floods force thousands from homes in river valley"
    assert article.author == "Helen Marsh"
    assert article.site_name == "Northshire Courier"
    assert article.language == "en"
    assert article.published == datetime(2024, 3, 14, 8, 30, tzinfo=UTC)
    assert article.published.tzinfo is not None


def test_french_page_language_detected_without_html_lang() -> None:
    html = page("article_fr.html")
    assert b"<html>" in html  # no lang attribute: the text decides
    article = extract_article(html)
    assert article.language == "fr"
    assert article.title.startswith("Inondations : des milliers d\u2019habitants")
    assert article.author == "Claire Dubois"
    assert article.published == datetime(2024, 3, 16, 17, 5, tzinfo=UTC)
    assert "\u00ab Nous n\u2019avons jamais vu l\u2019eau monter aussi vite \u00bb" in article.body
    assert "Par Claire Dubois" not in article.body
    assert "Publicit\u00e9" not in article.body
    assert "Alerte orange" not in article.body


RESULTS_TABLE = "\n\n".join([
    "Women's 400 metres", "1. Marta Okonkwo (Nigeria) 50.12 seconds",
    "2. Ilse Vandersteen (Belgium) 50.40", "3. Keisha Marrow (Jamaica) 50.77",
    "4. Agnieszka Wrona (Poland) 51.02", "Men's 3,000 metres steeplechase",
    "1. Joseph Kiprono (Kenya) eight minutes 11.05 seconds",
    "2. Abdelaziz Benali (Morocco) 8:12.40",
    "3. Pascal Ferrand (France) 8:14.96", "Men's high jump",
    "1. Oleksiy Hrytsenko (Ukraine) 2.33 metres", "2. Carlos Ibarra (Cuba) 2.30",
])


def test_a_results_table_is_english_not_a_creole() -> None:
    # Read whole, names and figures made py3langid answer "pcm" (Nigerian Pidgin), and
    # the page lost its facts; its uncapitalised words ("metres", "seconds") are English.
    assert article_from_text(RESULTS_TABLE).language == "en"


def test_too_few_words_leave_the_language_undetermined() -> None:
    assert detect_language("Okonkwo (Nigeria) 50.12, Vandersteen (Belgium) 50.40") is None
    assert detect_language("Le gouvernement a annoncé mardi une réforme des retraites.") == "fr"
    assert detect_language("东京电力公司今天宣布了新的计划。") == "zh"  # no capitals to drop


def test_german_page_declared_latin1_bytes_are_decoded() -> None:
    html = page("article_de_latin1.html")
    with pytest.raises(UnicodeDecodeError):
        html.decode("utf-8")
    article = extract_article(html)
    assert article.language == "de"
    assert article.title == (
        "Hochwasser: B\u00fcrgermeister fordert schnellere Hilfe f\u00fcr M\u00fchlendorf"
    )
    assert "Die Stra\u00dfen in M\u00fchlendorf stehen seit Dienstag unter Wasser." in article.body
    # declared ISO-8859-1, written as windows-1252: the German quotes survive
    assert "\u201eWir k\u00f6nnen nicht wochenlang auf Formulare warten\u201c" in article.body
    assert "Anzeige" not in article.body
    assert "Von Markus Wei\u00df" not in article.body
    assert "Leser123" not in article.body
    assert article.published == datetime(2024, 3, 15, tzinfo=UTC)


def test_declared_encoding_wins_over_meta() -> None:
    html = "<html><head><meta charset='utf-8'></head><body><p>Caf\u00e9</p></body></html>"
    assert "Caf\u00e9" in decode_html(html.encode("cp1252"), "text/html; charset=windows-1252")
    assert "Caf\u00e9" in decode_html(html.encode("utf-8"))


def test_page_without_article_raises() -> None:
    with pytest.raises(ExtractionError) as caught:
        extract_article(page("no_article.html"))
    assert "too short" in caught.value.reason


def test_min_body_chars_is_a_setting() -> None:
    article = extract_article(page("no_article.html"), settings=BodySettings(min_body_chars=5))
    assert "Watch the video." in article.body


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        ("   \n ", "empty"),
        (b"%PDF-1.7\n\x00\x01\x02 binary", "not HTML"),
        ("Just a line of plain text, no markup at all.", "not HTML"),
        ('{"title": "json, not html"}', "not HTML"),
    ],
)
def test_not_html_raises(content: str | bytes, reason: str) -> None:
    with pytest.raises(ExtractionError) as caught:
        extract_article(content)
    assert reason in caught.value.reason


def test_a_stray_nul_character_does_not_lose_the_page() -> None:
    paragraphs = "".join(f"<p>Paragraph {n} says the harbour board met on Monday and agreed "
                         f"to repair berth {n} before the winter storms.</p>" for n in range(4))
    html = f"<html><head><title>Har\x00bour</title></head><body><article>{paragraphs}" \
           "</article></body></html>"
    article = extract_article(html.replace("board", "bo\x00ard", 1).encode())
    assert "the harbour board met" in article.body and "\x00" not in article.body
    with pytest.raises(ExtractionError, match="not HTML"):
        extract_article(b"<html>" + b"\x00" * 40 + b"<body><p>x</p></body></html>")


def test_parse_published_gives_aware_utc() -> None:
    assert parse_published("2024-03-14T09:30:00+0100") == datetime(2024, 3, 14, 8, 30, tzinfo=UTC)
    assert parse_published("2024-03-14") == datetime(2024, 3, 14, tzinfo=UTC)
    assert parse_published("not a date") is None
    assert parse_published(None) is None


def test_article_from_seed_text() -> None:
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED}")
    article = article_from_text(SEED.read_text(encoding="utf-8"))
    assert article.title == "Syrian army retakes town of Qusair"
    assert article.body.startswith("Syrian government forces have taken full control")
    assert article.language == "en"
    assert "Hezbollah. State TV" in article.body
    assert "Continue reading the main story" not in article.body


def test_article_from_text_with_explicit_title() -> None:
    text = "Bridge reopens\nThe bridge reopened on Monday."
    article = article_from_text(text, title="Bridge reopens")
    assert article.title == "Bridge reopens"
    assert article.body == "The bridge reopened on Monday."


def test_article_from_feed_entry_strips_html() -> None:
    published = datetime(2024, 3, 15, 9, 15, tzinfo=UTC)
    article = article_from_feed_entry(
        "Ceasefire talks resume in Geneva",
        "<p>Delegations arrived on Thursday.<br>Talks start today.</p>"
        "<ul><li>Third round</li><li>Two days</li></ul><script>track()</script>"
        "<p>Officials said &ldquo;progress&rdquo; was possible.Both sides agreed.</p>",
        published=published,
    )
    assert split_paragraphs(article.body) == [
        "Delegations arrived on Thursday.",
        "Talks start today.",
        "- Third round",
        "- Two days",
        "Officials said \u201cprogress\u201d was possible. Both sides agreed.",
    ]
    assert article.title == "Ceasefire talks resume in Geneva"
    assert article.published == published


def test_article_from_feed_entry_plain_text_and_empty() -> None:
    article = article_from_feed_entry("Fish &amp; chips", "Fish &amp; chip shop wins award.")
    assert article.body == "Fish & chip shop wins award."
    assert article.title == "Fish & chips"
    with pytest.raises(ExtractionError):
        article_from_feed_entry("Title only", "  ")
    with pytest.raises(ExtractionError):
        article_from_feed_entry("Title only", "<p> </p>")


def test_a_wrong_declared_charset_does_not_garble_the_page() -> None:
    html = "<html><body><p>Caf\u00e9 cr\u00e8me, na\u00efve r\u00e9sum\u00e9</p></body></html>"
    text = decode_html(html.encode("latin-1"), "text/html; charset=utf-8")  # served wrongly
    assert "Caf\u00e9 cr\u00e8me" in text and "\ufffd" not in text


def test_media_type_of_a_content_type_header() -> None:
    assert media_type("Text/HTML; charset=UTF-8") == "text/html"
    assert media_type("application/rss+xml") == "application/rss+xml"
    assert media_type("") is None and media_type(None) is None


LEAD_PARAGRAPHS = "".join(
    f"<p>Paragraph {n}: the district council of Brenmoor approved plan {n} for the riverside "
    f"park after residents of ward {n} spoke at a long public meeting.</p>" for n in range(5))


def lead_page(head: str, figure: str = "") -> str:
    return (f"<html><head><title>Park plan approved</title>{head}</head><body><article>"
            f"<h1>Park plan approved</h1>{figure}{LEAD_PARAGRAPHS}</article></body></html>")


def test_lead_image_caption_and_canonical_when_the_page_declares_them() -> None:
    head = ('<meta property="og:image" content="/media/park.jpg">'
            '<link rel="canonical" href="../stories/park-plan">')
    figure = ('<figure><img srcset="/media/park-small.jpg 480w, /media/park.jpg 960w" '
              'src="/media/park-small.jpg"><figcaption>The riverside  park site, '
              'seen from the bridge</figcaption></figure>')
    article = extract_article(lead_page(head, figure),
                              url="https://courier.example/news/today/park?utm_source=x")
    assert article.image_url == "https://courier.example/media/park.jpg"
    assert article.image_caption == "The riverside park site, seen from the bridge"
    assert article.canonical_url == "https://courier.example/news/stories/park-plan"


def test_og_image_alt_is_the_caption_and_twitter_image_counts() -> None:
    head = ('<meta name="twitter:image" content="https://cdn.example/p.jpg">'
            '<meta property="og:image:alt" content="Councillors vote on the plan">')
    article = extract_article(lead_page(head), url="https://courier.example/a")
    assert article.image_url == "https://cdn.example/p.jpg"
    assert article.image_caption == "Councillors vote on the plan"
    assert article.canonical_url is None


def test_no_image_caption_or_canonical_when_none_is_declared() -> None:
    figure = '<figure><img src="/media/other.jpg"><figcaption>Not the lead</figcaption></figure>'
    article = extract_article(lead_page("", figure), url="https://courier.example/a")
    assert (article.image_url, article.image_caption, article.canonical_url) == (
        None, None, None)


def test_script_and_relative_addresses_without_a_page_url_are_refused() -> None:
    head = ('<meta property="og:image" content="javascript:alert(1)">'
            '<link rel="canonical" href="/relative/only">')
    article = extract_article(lead_page(head))
    assert article.image_url is None and article.canonical_url is None
    head = ('<meta property="og:image" content="data:image/png;base64,AAAA">'
            '<link rel="canonical" href="JavaScript:void(0)">')
    article = extract_article(lead_page(head), url="https://courier.example/a")
    assert article.image_url is None and article.canonical_url is None


def test_a_base_element_resolves_relative_addresses() -> None:
    head = ('<base href="https://static.courier.example/site/">'
            '<meta property="og:image" content="img/lead.jpg">')
    article = extract_article(lead_page(head), url="https://courier.example/a")
    assert article.image_url == "https://static.courier.example/site/img/lead.jpg"


def test_a_feed_entry_body_has_no_image_or_canonical() -> None:
    article = article_from_feed_entry("Title", "<p>Text of the entry. <img src='x.jpg'></p>")
    assert (article.image_url, article.image_caption, article.canonical_url) == (
        None, None, None)


@pytest.mark.parametrize("wrapper", ["<div>", "<font><b>"])
def test_an_article_nested_hundreds_of_levels_deep_keeps_its_body(wrapper: str) -> None:
    # Generated pages with hundreds of unclosed tags exist; libxml2's default limit is 256.
    paragraphs = "".join(f"<p>Paragraph {n}: the council closed bridge {n} to traffic after "
                         f"engineers found cracks in {n + 1} of its supports.</p>"
                         for n in range(5))
    html = (f"<html><head><title>Bridge</title></head><body><article>{wrapper * 300}"
            f"{paragraphs}</article></body></html>")
    body = extract_article(html).body
    assert "Paragraph 0: the council" in body and "Paragraph 4: the council" in body
