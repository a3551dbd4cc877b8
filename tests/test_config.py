"""The feeds file and OPML import."""

from __future__ import annotations

import pytest

from newsfeed.config import ConfigError, FeedConfig, feeds_from_opml, feeds_toml, load_feeds_file

OPML = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>My subscriptions</title></head>
  <body>
    <outline text="World">
      <outline type="rss" text="Daily Ledger World" title="Daily Ledger World"
               xmlUrl="https://ledger.example/world.rss" htmlUrl="https://ledger.example/"/>
      <outline type="rss" text="Harbour Times" xmlUrl="https://harbour.example/atom.xml"/>
    </outline>
    <outline type="rss" text="Science Wire" xmlUrl="https://science.example/rss"/>
    <outline type="rss" text="Duplicate" xmlUrl="https://science.example/rss"/>
  </body>
</opml>"""


def test_feeds_file_round_trip(tmp_path):
    feeds = [FeedConfig("https://a.example/feed", "A", ("world", "news")),
             FeedConfig("https://b.example/rss")]
    path = tmp_path / "feeds.toml"
    path.write_text(feeds_toml(feeds) + "\n[settings]\narticle_concurrency = 3\n")
    loaded, settings = load_feeds_file(path)
    assert loaded == feeds
    assert settings.article_concurrency == 3


@pytest.mark.parametrize(("text", "message"), [
    ("[[feeds]]\nname = 'x'\n", "needs an http(s) url"),
    ("[[feeds]]\nurl = 'ftp://x'\n", "needs an http(s) url"),
    ("feeds = [", "not valid TOML"),
    ("", "no [[feeds]] entries"),
    ("[[feeds]]\nurl = 'http://x'\n[settings]\nspeed = 3\n", "unknown setting(s): speed"),
])
def test_bad_feeds_files_say_why(tmp_path, text, message):
    path = tmp_path / "feeds.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("(", r"\(")
                       .replace(")", r"\)")):
        load_feeds_file(path)


def test_missing_feeds_file(tmp_path):
    with pytest.raises(ConfigError, match="feeds file not found"):
        load_feeds_file(tmp_path / "nope.toml")


def test_opml_folders_become_tags_and_duplicates_go():
    feeds = feeds_from_opml(OPML)
    assert [f.url for f in feeds] == ["https://ledger.example/world.rss",
                                      "https://harbour.example/atom.xml",
                                      "https://science.example/rss"]
    assert feeds[0] == FeedConfig("https://ledger.example/world.rss", "Daily Ledger World",
                                  ("World",))
    assert feeds[2].tags == ()


def test_opml_without_feeds_is_an_error():
    with pytest.raises(ConfigError, match="no feeds found"):
        feeds_from_opml(b"<html><body>not an outline</body></html>")
