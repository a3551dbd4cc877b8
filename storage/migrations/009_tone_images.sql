-- newsfeed schema, version 9: tone of each article and quote (GDELT-style, from VADER's
-- lexicon, extract/tone.py), and the lead image, its caption and the canonical URL a page
-- declares. Articles stored before have NULL here: `newsfeed reprocess --force` fills the
-- tone from the stored body; image, caption and canonical URL need the page, which is not
-- stored, so they stay NULL for those articles.

ALTER TABLE articles ADD COLUMN tone DOUBLE;
ALTER TABLE articles ADD COLUMN tone_positive DOUBLE;
ALTER TABLE articles ADD COLUMN tone_negative DOUBLE;
ALTER TABLE articles ADD COLUMN tone_polarity DOUBLE;
ALTER TABLE articles ADD COLUMN image_url VARCHAR;
ALTER TABLE articles ADD COLUMN image_caption VARCHAR;
ALTER TABLE articles ADD COLUMN canonical_url VARCHAR;
ALTER TABLE quotes ADD COLUMN tone DOUBLE;
COMMENT ON COLUMN articles.word_count IS 'Words in the body (whitespace-separated); the denominator of the tone percentages and the word count of the GKG tone block.';
COMMENT ON COLUMN articles.tone IS 'GDELT-style tone: tone_positive - tone_negative, -100 to +100 (news mostly -10 to +10; 0 neutral or balanced). Counts words of VADER''s English lexicon after its negation and booster rules, not how strong they are: coarse on news (attack, killed read negative whatever the stance). NULL when no facts were extracted (not English, empty body) or for articles stored before schema version 9.';
COMMENT ON COLUMN articles.tone_positive IS 'Share of the body''s words with a positive valence in VADER''s lexicon (after its rules), in % of word_count.';
COMMENT ON COLUMN articles.tone_negative IS 'Share of the body''s words with a negative valence in VADER''s lexicon (after its rules), in % of word_count (a positive number).';
COMMENT ON COLUMN articles.tone_polarity IS 'tone_positive + tone_negative: % of words carrying any tone, how emotionally charged the text is (high polarity with tone near 0: strong both ways).';
COMMENT ON COLUMN articles.image_url IS 'Lead (sharing) image the page declares (og:image, twitter:image, ...), absolute http(s); NULL when it declares none, for bodies from the feed, and for articles stored before schema version 9.';
COMMENT ON COLUMN articles.image_caption IS 'Caption of the lead image: og:image:alt / twitter:image:alt, else the figcaption of the figure holding the image; NULL when the page gives none.';
COMMENT ON COLUMN articles.canonical_url IS 'The canonical URL the page declares (link rel=canonical), resolved to an absolute http(s) URL; NULL when the page declares none or for bodies from the feed.';
COMMENT ON COLUMN quotes.tone IS 'VADER compound score of the quoted words, -1 (most negative) to +1 (most positive), weighing intensity; lexicon-based, so coarse (sarcasm and context are missed). NULL for quotes stored before schema version 9.';
