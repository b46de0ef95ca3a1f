"""Commentary that fits only the bundled corpus, and the checks of its books, shown by the notebooks on it alone.

The notebooks' prose about the data is written at run time from the results (:mod:`textlab.study.narrate`) and
holds for any corpus. What a reader of the bundled books adds (history, the books' editions, which topic is one
book's style) is here, keyed by notebook section, and :func:`note` returns it only when the corpus is the
bundled one (:func:`textlab.study.bundled.is_bundled`): on another corpus the marked cells show nothing. The
same holds for :func:`segmentation_checks`, the stylometric checks of Cliff's quotations and of Wildcat's
introduction in the Gorter file.

Examples
--------
>>> from textlab.corpus.examples import example_corpus
>>> note(example_corpus(), "02.quotations"), segmentation_checks(example_corpus())
('', [])
>>> note(example_corpus(), "nope")
Traceback (most recent call last):
...
KeyError: "no note 'nope'; notes are ['01.cleaning', '02.groups', '02.quotations', '02.terms', '03.takeaways', \
'03.topics', '04.over_time', '04.pair', '04.prevalence', '04.shift', '05.quoted', '05.reuse', '05.themes', \
'06.groups']"
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from textlab.study import bundled, checks

__all__ = ["NOTES", "note", "segmentation_checks"]

_HEAD = "**On the bundled corpus.** "

#: The commentary on the bundled corpus, by notebook section.
NOTES: dict[str, str] = {
    "01.cleaning": (
        "The clean sources, the 1928 letter and Cliff's ebook, set the reference: the target for the three OCR "
        "sources is to come within one point of them (the band in the figure)."
    ),
    "02.groups": (
        "The groups are named in the editable table `data/groups.csv` (source file and author to group). "
        "Wildcat's 1989 introduction and the other authors of the 1923-25 book are in no group. Each group is one "
        "book, so author, period and edition cannot be told apart: Trotsky 1928 is a single letter."
    ),
    "02.terms": (
        "The words followed are those of the debates: *bureaucracy*, and *bureaucratism*, Trotsky's word of 1923, "
        "beside it; *Thermidor*, the Left Opposition's name for the danger of restoration; the *united front*. "
        "Keyword in context over every row shows who says *Thermidor*: quotations and editors' words show up as "
        "what they are."
    ),
    "02.quotations": (
        "Cliff's book is largely quotation (notebook 05), most of it Trotsky's. Left in, the quotations lend "
        "Cliff Trotsky's words. Two cautions hold for every comparison with Cliff: he writes in 1993 about "
        "1927-40, so the events after 1931 (Hitler, the Popular Front, the trials) are his and not the Trotsky of "
        "this corpus, whose writings stop in 1931; and author and period cannot be told apart here."
    ),
    "03.topics": (
        "The topics are named by a reader in `data/topic_names.csv`; a topic nobody named is called by its top three "
        "words by relevance. The one left unnamed, “nin / spanish / treint”, mixes the Spanish revolution's names "
        "with the Treint affair and does not come back in other seeds; it has the lowest share of lexicon words "
        "because its top words are names the English lexicon does not know (*nin*, *boc*, *treint*), not because it "
        "is OCR debris. Two frequent topics are vocabulary rather than themes: “general political vocabulary” (the "
        "largest, and †) and “the vocabulary of argument”. The document prior the model learns gathers the common "
        "words of every text there, which keeps the other topics sharp; read the shares of the themes beside them."
    ),
    "03.takeaways": (
        "Three of the themes are mostly one book's: tactics in Western Europe (Gorter's letter), and the Trotskyist "
        "groups and Spain (Cliff's book). A topic that is one book's can be that book's style as much as a theme. "
        'Set against gensim\'s variational Bayes on the same chunks (`backend="gensim"`): its sweep gives K = 15 with '
        "9 of the 15 topics coming back across seeds, and document vectors that tell works apart less well than word "
        "counts at every K (AUC 0.69-0.76 against TF-IDF's 0.80); the default, tomotopy's Gibbs sampler, gives K = 25 "
        "with 19 of 25 coming back and vectors at least as good as word counts. Few of its topics have a close gensim "
        "match (the figure above): the two methods cut this corpus differently, and the findings of notebooks 04 and "
        "05 rest on the stable topics of this model. Notebook 04 compares the authors and periods on these."
    ),
    "04.prevalence": (
        "Gorter's letter is mostly one topic (tactics in Western Europe: trade unions, England), close to its "
        "author's own vocabulary (notebook 02's *western_europe* and *tactic*): for a group that is one text, a topic "
        "can be its style as much as its theme. The largest share of each Trotsky group is the general vocabulary of "
        "politics and argument, not a theme (notebook 03). Among the themes, Trotsky in 1923-25 writes on production, "
        "industry and the world market, on October and the soviets, on the apparatus and bureaucratism and on "
        "military affairs; in 1930-31 on the Landau group and the French opposition, on Stalin, the Right and the "
        "Left Opposition, on the League, and on class, regime and Bonapartism. Cliff's book, in his own words, turns "
        "to the Trotskyist groups (SAP, SFIO), to Trotsky on Stalinism, to Spain and to the Moscow trials: years "
        "after 1931 that the Trotsky of this corpus does not reach. Each group is one book of one author in one span "
        "of years, edited by its own editors: a difference between groups is a difference between these books, not a "
        "property of the author alone."
    ),
    "04.shift": (
        "The rise of the Landau group and the French opposition, of Stalin, the Right and the Left Opposition, of the "
        "League and of China is Trotsky's exile and the building of the international groups; what falls (production, "
        "industry and the world market, October and the soviets, the apparatus and bureaucratism, military affairs) "
        "is the debates of 1923-25. The rise of class, regime and Bonapartism, a topic that comes back across seeds, "
        "fits the vocabulary shift of notebook 02 (*Thermidor*, *Bonapartism*)."
    ),
    "04.pair": (
        "Cliff, in his own words (every quotation cut out), gives more room than Trotsky himself to the Trotskyist "
        "groups, to Trotsky on Stalinism, to Spain and to the Moscow trials, and less to the Landau group and the "
        "French opposition and to China: the years after 1931 that his book covers and this corpus's Trotsky does "
        "not. He also uses less of the general vocabulary of politics and argument: a biographer's narrative, not a "
        "polemic. Notebook 05 shows how much of Cliff's profile moves when his quotations are put back."
    ),
    "04.over_time": (
        "The yearly series runs over the three Trotsky groups (1920 and 1928 are one row each: no interval); the "
        "monthly one over 1930-31, where a month holds a handful of articles and one long article can carry a "
        "theme alone."
    ),
    "05.reuse": (
        "What the reuse finds, against what we knew: Cliff (004) quotes Trotsky's *Writings 1930-31* (001) word "
        "for word, a few of the passages with the editors' notes of 001; Cliff's introduction and his closing "
        'section, "The Legacy", share passages he reworded lightly, and the diary entry of 25 March 1935 ("I '
        'think that the work in which I am engaged now..."), which Cliff quotes three times; within *The '
        "Challenge of the Left Opposition* (002) and within the *Writings* (001) the same documents are quoted or "
        "reprinted in several places."
    ),
    "05.quoted": (
        "Cliff's quotations are Trotsky's for the most part, in block quotations and inline. Trotsky in 1923-25 "
        "quotes resolutions, his opponents' articles and Lenin."
    ),
    "05.themes": (
        "Whatever the size of the move, the direction of notebook 04's comparison of Cliff with Trotsky holds with "
        "or without the quotations; but a comparison that leaves them in credits Trotsky's themes to his "
        "biographer."
    ),
    "06.groups": (
        "The streamed fit is gensim's variational Bayes; the corpus model of notebooks 03-04 is tomotopy's Gibbs "
        "sampler, so the two differ in method as well as in path, and fewer topics match closely than two fits of one "
        "method would. The largest move is Trotsky 1928's (one letter of 12 chunks), whose share of the general "
        "political vocabulary differs most between the methods: a group of one document is where a finding depends "
        "most on the fit."
    ),
}


def note(corpus: Any, key: str) -> str:
    """The commentary ``key`` as Markdown on the bundled corpus; ``""`` on any other corpus.

    Parameters
    ----------
    corpus : textlab.Corpus
    key : str
        A key of :data:`NOTES` (``"04.shift"``).
    """
    if key not in NOTES:
        raise KeyError(f"no note {key!r}; notes are {sorted(NOTES)}")
    return _HEAD + NOTES[key] if bundled.is_bundled(corpus) else ""


def segmentation_checks(corpus: Any) -> list[tuple[str, pd.DataFrame | None]]:
    """The stylometric checks of the bundled books' segmentation, as (Markdown, table) pairs; ``[]`` on any other
    corpus.

    Check 1: are Cliff's block quotations of Trotsky closer to Trotsky than to Cliff, also without the 1930-31
    writings Cliff quotes word for word (:func:`textlab.study.checks.quotation_check`)? Check 2: do the rows the
    segmentation gives to Wildcat's introduction in the Gorter file read as one author, as rows and as windows
    of 300 tokens (:func:`textlab.study.checks.wildcat_check`)?
    """
    if not bundled.is_bundled(corpus):
        return []
    _, summary = checks.quotation_check(corpus)
    _, without = checks.quotation_check(corpus, exclude_groups=[bundled.PERIODS[1]])
    pieces, wsummary = checks.wildcat_check(corpus)
    windows, _ = checks.wildcat_check(corpus, size=300)
    cols = ["doc_id", "line_start", "line_end", "segment", "n_tokens", "d_Herman Gorter", "d_Wildcat", "attributed"]
    agree = int((windows["attributed"] == windows["segment"]).sum())
    wild = pieces[pieces["segment"] == "Wildcat"]
    astray = wild.loc[wild["attributed"] != "Wildcat", "doc_id"].tolist()
    rows_note = (
        f"{len(wild) - len(astray)} of the {len(wild)} Wildcat rows long enough to test are closer to Wildcat than "
        "to Gorter's letter"
        + (f"; {', '.join(f'`{d}`' for d in astray)} lean{'s' if len(astray) == 1 else ''} to Gorter" if astray else "")
        + "."
    )
    if "gorter1920-00684" in astray:
        rows_note += (
            " `gorter1920-00684`, on finance capital, speaks of Gorter in the third person: a miss of the method, not "
            "of the segmentation."
        )
    disagree = windows.loc[
        windows["attributed"] != windows["segment"],
        ["doc_id", "segment", "start", "n_tokens", "d_Herman Gorter", "d_Wildcat", "attributed"],
    ]
    return [
        (
            _HEAD + "**Check 1: are Cliff's block quotations of Trotsky closer to Trotsky than to Cliff?** "
            "Chunks of the quotations attributed to Trotsky, against both authors' own chunks:",
            summary,
        ),
        ("The same without *Writings 1930-31*, the book Cliff quotes word for word:", without),
        (
            "Part of the signal is translated Russian prose rather than Trotsky alone: Cliff's quotations of other "
            "Bolsheviks in translation also lean to Trotsky, those of historians to Cliff (see "
            '`checks.quotation_check` with `quoted=r"^(?!.*Trotsky)"`).\n\n'
            "**Check 2: do Wildcat's pieces in the Gorter file read as one author?** Each Wildcat row long enough "
            "to test, against the other Wildcat rows and Gorter's letter:",
            wsummary,
        ),
        (f"The rows. {rows_note}", pieces[cols]),
        (
            f"On windows of 300 tokens, {agree} of {len(windows)} windows agree with the segmentation; those that "
            "do not:",
            disagree,
        ),
        (
            "An earlier run of this check found a real error: the end of `gorter1920-00993`, "
            "labelled Gorter, was Wildcat's text on the Second Congress, after Gorter's footnote 34. The Gorter "
            "book module (`textlab.books.gorter_open_letter`) now reads a printed line that opens with a note "
            "number as a footnote, ends a page there, and lets the speaker change more cheaply at a page end and "
            "at the edges of a garbled zone (two pages interleaved); `tests/books/` holds these boundaries, read "
            "in the raw file. Author, period, edition and translator are confounded throughout: Trotsky and "
            "Gorter are read in translation, and the stylometric signal is evidence about these English texts, "
            "not about the authors alone.",
            None,
        ),
    ]
