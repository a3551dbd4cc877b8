-- newsfeed schema, version 11: documentation only. Since extractor 0.5.0 a partial quote of
-- speech (said the plan was "unworkable") counts as speech, not as a fragment; the comments
-- of quotes.is_fragment and of the quotes_by_speaker view say so.

COMMENT ON COLUMN quotes.is_fragment IS 'True when the quoted words are not speech: scare quotes ("terrorists"), titles of works, names and terms, slogans, signs; false for quoted speech, a whole sentence or part of one (said the plan was "unworkable").';
COMMENT ON VIEW quotes_by_speaker IS 'Quotes with their speaker and the article they appeared in (speaker NULL when unknown): quoted speech of confidence 0.5 or more, whole or partial; no fragments (scare quotes, titles, names, slogans).';
