"""Write the second test corpus ``tests/data/one_year_corpus/``: invented essays, one year, no quotations.

It differs in kind from ``tests/data/small_corpus`` (passages of the bundled books, three authors over
seventy years, with quotations): three invented authors of 1887, twelve essays each, written here from word
lists by a seeded generator, with no text of the bundled corpus, no quotation marks, no quotation rows and no
passage shared between essays. Each author writes on two subjects of their own and one shared with another
author, and has habits of function words of their own ("upon", "whilst", "amongst"...), so that the vocabulary
comparisons, the topics and the stylometry have something to find. Every date is the year 1887: the corpus has
no change over time to show.

Run from the repository root::

    .venv/bin/python tests/data/make_one_year_corpus.py

The output is the same on every run (``random.Random`` with fixed seeds).
"""

from __future__ import annotations

import csv
import random
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "one_year_corpus"
YEAR = "1887"
ESSAYS = 12
MIN_WORDS, MAX_WORDS = 1050, 1450

#: Subjects: nouns, verbs and adjectives an essay on the subject draws on.
SUBJECTS = {
    "schools": (
        "school teacher pupil lesson reading library book parish child slate classroom master arithmetic grammar "
        "spelling examination inspector attendance village"
    ).split(),
    "harbour": (
        "harbour ship vessel sailor cargo quay pilot tide fishing boat lighthouse storm anchor captain voyage crew "
        "dock channel coast"
    ).split(),
    "farming": (
        "farm harvest field barley wheat plough tenant landlord cattle sheep meadow orchard barn labourer hay "
        "pasture rent crop"
    ).split(),
    "railway": (
        "railway station engine carriage passenger timetable signal line junction goods freight porter platform "
        "journey ticket bridge cutting"
    ).split(),
    "health": (
        "doctor fever illness nurse infirmary drain water cottage ventilation remedy patient medicine epidemic "
        "cleanliness sickness ward hospital"
    ).split(),
    "markets": (
        "market price trade merchant shop wage bread coal bargain stall customer profit loss credit ledger "
        "shilling pound"
    ).split(),
}
VERBS = (
    "improve neglect require support demand examine repair provide encourage measure consider remember observe "
    "increase reduce praise blame protect visit describe"
).split()
ADJECTIVES = (
    "useful poor honest careful idle busy ancient modern cheap costly narrow broad quiet crowded healthy cold "
    "damp bright patient sensible"
).split()
PEOPLE = "the town council|the county|every household|our neighbours|the vicar|the board|the public".split("|")

#: Each author: subjects (the first two their own), function-word habits, and sentence openings.
AUTHORS = {
    "Agnes Thornbury": {
        "subjects": ("schools", "health", "markets"),
        "habits": {"on": "upon", "while": "whilst", "among": "amongst", "but": "yet", "very": "exceedingly"},
        "openings": ["It must be owned that", "I confess that", "Surely", "Let it be said that"],
    },
    "Edwin Marlowe": {
        "subjects": ("harbour", "railway", "markets"),
        "habits": {"on": "on", "while": "while", "among": "among", "but": "but", "very": "very"},
        "openings": ["Now", "Plainly", "As every man knows,", "Mark this:"],
    },
    "Harriet Quill": {
        "subjects": ("farming", "health", "railway"),
        "habits": {"on": "on", "while": "whereas", "among": "among", "but": "though", "very": "most"},
        "openings": ["In my experience", "We may fairly say that", "Indeed", "It seems to me that"],
    },
}
TEMPLATES = [
    "{open} the {n1} {on} the {n2} is {very} {adj}, {but} the {n3} is {adj2}.",
    "{people} should {verb} the {n1} {while} the {n2} {verbs} the {n3}.",
    "{open} {people} will {verb} every {n1} {among} the people of the {n3}.",
    "The {adj} {n1} and the {adj2} {n2} {verbed} the {n3} {on} behalf of {people}.",
    "No {n1} can {verb} the {adj} {n2} {while} the {n3} remains {very} {adj2}.",
    "{open} the {n1} of the {n2} was {adj}, {but} {people} did not {verb} it.",
    "We {verb} the {n1} because the {n2} {on} the {n3} is {adj}.",
    "The {very} {adj} {n1} stands {among} the others, {but} the {n3} is {adj2} and {adj}.",
    "{people} spoke {on} the {n1} and the {n2} for an hour, {while} the {n3} waited.",
    "If the {n1} were {adj}, the {n2} would {verb} the {n3} {very} soon.",
]
TITLES = ["On the {}", "A letter on the {}", "Thoughts on the {}", "The {} in our parish", "Notes on the {}"]


def _past(verb: str) -> str:
    return verb + ("d" if verb.endswith("e") else "ed")


def _sentence(rng: random.Random, author: dict, words: list[str]) -> str:
    """One sentence: a template filled with the author's habits, openings and the essay's words."""
    verb = rng.choice(VERBS)
    fill = {
        "open": rng.choice(author["openings"]),
        "people": rng.choice(PEOPLE),
        "verb": verb,
        "verbs": rng.choice(VERBS) + "s",
        "verbed": _past(rng.choice(VERBS)),
        "adj": rng.choice(ADJECTIVES),
        "adj2": rng.choice(ADJECTIVES),
        "n1": rng.choice(words),
        "n2": rng.choice(words),
        "n3": rng.choice(words),
        **author["habits"],
    }
    s = " ".join(rng.choice(TEMPLATES).format(**fill).split())
    return s[0].upper() + s[1:]


def _essay(rng: random.Random, author: dict, subject: str, n_words: int) -> str:
    """Paragraphs of five to eight sentences on ``subject``, with a quarter of the nouns from the author's other
    subjects, up to ``n_words`` words."""
    own = SUBJECTS[subject]
    others = [w for s in author["subjects"] if s != subject for w in SUBJECTS[s]]
    paragraphs, total = [], 0
    while total < n_words:
        sentences = []
        for _ in range(rng.randint(5, 8)):
            words = own * 3 + others
            sentences.append(_sentence(rng, author, words))
        text = " ".join(sentences)
        paragraphs.append(text)
        total += len(text.split())
    return "\n\n".join(paragraphs)


def main() -> None:
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    meta = []
    for a, (name, author) in enumerate(AUTHORS.items()):
        stem = name.split()[-1].lower()
        for i in range(ESSAYS):
            rng = random.Random(1887 * 100 + a * 20 + i)
            subject = author["subjects"][i % 3 if i % 4 else 0]
            text = _essay(rng, author, subject, rng.randint(MIN_WORDS, MAX_WORDS))
            file = f"{stem}_{i + 1:02d}.txt"
            (OUT / file).write_text(text + "\n\n", encoding="utf-8")
            title = rng.choice(TITLES).format(rng.choice(SUBJECTS[subject][:4]))
            meta.append({"file": file, "author": name, "title": title, "date": YEAR})
    with open(OUT / "metadata.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["file", "author", "title", "date"], lineterminator="\n")
        w.writeheader()
        w.writerows(meta)
    (OUT / "README.md").write_text(
        "Second test corpus for `tests/test_cli.py`, written by `tests/data/make_one_year_corpus.py` "
        "(do not edit by hand).\n"
        "Invented essays of three invented authors, all dated 1887, generated from word lists with a fixed seed: "
        "no text of the bundled corpus, no quotations, one year. Free to use.\n",
        encoding="utf-8",
    )
    print(f"{len(meta)} files in {OUT}")


if __name__ == "__main__":
    main()
