"""``newsfeed eval --devset DIR``: fact quality on an open development set of real news.

A dev set (e.g. ``../shared/devsets/gum_news``: Wikinews articles from the GUM corpus,
annotated by others) holds ``texts/*.txt``, ``gold.jsonl`` and, one folder up, its scorer
``score.py``. Every text goes through ``newsfeed extract`` (the same code, the same JSON); the
set's own scorer then compares the predictions with the gold, and its figures come back as a
dict (``score.py --json``), with the scorer's report and error lists as text.

Speaker precision and recall are added here, from the scorer's own quote matching:
precision = right speakers / matched quotes given a speaker (where the gold names one),
recall = right speakers / gold quotes that have a speaker.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from newsfeed.local import extract_files


class DevsetError(RuntimeError):
    """The folder is not a dev set (no texts, gold or scorer); the message says what lacks."""


@dataclass(frozen=True)
class DevsetResult:
    """The figures of one dev set (score.py's JSON plus ``speakers``) and its report."""

    figures: dict
    report: str


def scorer_path(devset: Path) -> Path:
    """The set's ``score.py``: beside it, or one folder up (``devsets/score.py``)."""
    for candidate in (devset / "score.py", devset.parent / "score.py"):
        if candidate.is_file():
            return candidate
    raise DevsetError(f"no score.py in {devset} or {devset.parent}")


def _load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("devset_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def speaker_figures(scorer: ModuleType, gold_file: Path, predictions: list[dict]) -> dict:
    """Speaker precision and recall over the body quotes of the scored documents."""
    gold = {g["doc"]: g for g in scorer.load_jsonl(str(gold_file))}
    given = right = with_speaker = 0
    for prediction in predictions:
        doc = gold.get(scorer.doc_key(prediction["path"]))
        if doc is None:
            continue
        quotes = scorer.gold_items(doc.get("quotes"), False)
        found = [q for q in prediction["quotes"] if q.get("text")]
        with_speaker += sum(bool(q.get("speaker_name") or q.get("speaker")) for q in quotes)
        for i, j in scorer.match_quotes(quotes, found):
            names = [quotes[i].get("speaker_name"), quotes[i].get("speaker")]
            said = found[j].get("speaker") or found[j].get("speaker_role")
            if any(names) and said:
                given += 1
                right += scorer.name_match(said, names)
    return {"right": right, "given": given, "gold": with_speaker,
            "p": right / given if given else 0.0,
            "r": right / with_speaker if with_speaker else 0.0}


def evaluate_devset(devset: Path, details: int = 0) -> DevsetResult:
    """Extract every text of ``devset`` and score it with the set's scorer."""
    devset = Path(devset)
    texts = sorted((devset / "texts").glob("*.txt"))
    gold_file = devset / "gold.jsonl"
    if not texts or not gold_file.is_file():
        raise DevsetError(f"{devset} is not a dev set: it needs texts/*.txt and gold.jsonl")
    scorer = scorer_path(devset)
    predictions = extract_files(texts)
    with tempfile.TemporaryDirectory(prefix="newsfeed-devset-") as tmp:
        pred_file, json_file = Path(tmp) / "pred.jsonl", Path(tmp) / "figures.json"
        pred_file.write_text("".join(json.dumps(p, ensure_ascii=False, default=str) + "\n"
                                     for p in predictions), encoding="utf-8")
        done = subprocess.run(
            [sys.executable, str(scorer), str(gold_file), str(pred_file), "--json",
             str(json_file), "--details", str(details)],
            capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise DevsetError(f"{scorer} failed: {done.stderr.strip()[-500:]}")
        figures = json.loads(json_file.read_text(encoding="utf-8"))
    figures["speakers"] = speaker_figures(_load_scorer(scorer), gold_file, predictions)
    s = figures["speakers"]
    report = (done.stdout.rstrip() + "\n\nSPEAKERS (of matched quotes whose gold names one)\n"
              f"  precision {s['p']:.1%} ({s['right']} right of {s['given']} given a speaker), "
              f"recall {s['r']:.1%} (of {s['gold']} gold quotes with a speaker)\n")
    return DevsetResult(figures, report)
