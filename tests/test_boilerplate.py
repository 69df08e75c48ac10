"""Boilerplate removal on real, self-written pages (no evaluation data).

Every removed block must carry a category a person can read; article
paragraphs must survive, also in short articles with no junk at all.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from reader.clean import clean_text
from reader.clean.boilerplate import MODEL_PATH, classify, keyword_category, load_model, section_category
from reader.clean.features import FEATURE_NAMES, STAGE2_NAMES
from reader.model import BOILERPLATE_CATEGORIES, Role

SEED_LEDE = "(MENAFN) Chinese President Xi Jinping"

# A scraped page as a naive scraper writes it: menus, a cookie banner, the
# article, share prompts, a related-links list, comments and a footer.
JUNK_PAGE = """\
Skip to main content

Home

News

Sport

Business

Culture

Weather

Search

Subscribe

Sign In

We use cookies to give you the best experience on our website. By continuing you accept our use of cookies.

Accept all

Harbour ferry service to resume after two-year pause

By Tomas Reyes

March 4, 2025

The harbour ferry between Northpoint and the old town will run again from next month, the transport authority said on Tuesday, two years after the service was suspended because its only boat failed a safety inspection.

A refitted vessel with room for 240 passengers will make the crossing every 20 minutes at peak times, cutting the journey for many commuters from almost an hour by road to about twelve minutes.

"People have waited a long time for this, and we wanted to get it right," said Amara Lind, who chairs the authority's board. She said fares would stay at the level they were before the suspension for at least a year.

Local businesses near the pier welcomed the news. The owner of a café on the waterfront said takings had fallen by a third since the ferry stopped, as fewer visitors walked along the quay.

The authority will publish the new timetable next week. Trial crossings without passengers begin on Monday.

Photo: Harbour Authority

Share this article

Facebook

Twitter

Email

Related stories

- New cycle bridge opens over the river
- Bus fares to rise in April
- Council approves harbour wall repairs

Advertisement

Comments

Jo K. 3 hours ago

Finally! I used to take this ferry every day and the drive has been awful.

Reply

Sam P. 2 hours ago

Hope they keep the old fares for longer than a year.

Reply

Tags: ferry, harbour, transport

Sign up for our newsletter to get the day's top stories in your inbox.

© 2025 Northpoint Daily. All rights reserved.
"""

ARTICLE_STARTS = (
    "The harbour ferry between Northpoint",
    "A refitted vessel",
    '"People have waited',
    "Local businesses near the pier",
    "The authority will publish",
)


def _kept_texts(article) -> list[str]:
    return [article.raw[b.start : b.end] for b in article.blocks if b.kept]


def _removed(article) -> dict[str, str]:
    """Text of each removed boilerplate block -> its category."""
    return {
        article.raw[b.start : b.end]: b.reason.category
        for b in article.blocks
        if b.reason is not None and b.reason.kind == "boilerplate"
    }


# -- the shipped model -----------------------------------------------------------------


def test_model_file_is_small_and_matches_the_features():
    assert MODEL_PATH.is_file()
    assert MODEL_PATH.stat().st_size < 200_000
    model = load_model()
    assert model["stage1"]["features"] == list(FEATURE_NAMES)
    assert model["stage2"]["features"] == list(STAGE2_NAMES)
    assert 0.0 < model["threshold"] < 1.0
    # The training figures travel with the weights: cross-validated, not only in-sample.
    assert model["training"]["cv"]["grouped_by"] == "site"
    assert 0.0 < model["training"]["cv"]["f1"] <= 1.0


def test_model_loading_rejects_mismatched_features(tmp_path):
    model = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    model["stage1"]["features"] = model["stage1"]["features"][:-1]
    bad = tmp_path / "model.json"
    bad.write_text(json.dumps(model), encoding="utf-8")
    with pytest.raises(ValueError, match="retrain"):
        load_model(bad)


def test_core_does_not_need_numpy():
    code = "import sys, reader.clean; reader.clean.clean_text('A b c.'); print('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# -- the seed ------------------------------------------------------------------------


def test_seed_keeps_the_four_body_paragraphs_and_names_every_removal(seed_text):
    a = clean_text(seed_text)
    assert a.title == "Xi, Putin pledge to boost bilateral ties"
    body = a.clean.split("\n\n")
    assert len(body) == 4
    assert body[0].startswith(SEED_LEDE)
    dups = [b for b in a.blocks if b.reason and b.reason.kind == "duplicate"]
    assert len(dups) == 3
    cats = {b.reason.category for b in a.blocks if b.reason and b.reason.kind == "boilerplate"}
    assert {"legal", "related", "comments"} <= cats
    removed = _removed(a)
    assert removed["Legal Disclaimer:"] == "legal"
    assert removed["Most popular stories"] == "related"
    assert removed["Comments"] == "comments"
    assert removed["No comment"] == "comments"
    assert any(text.startswith("MENAFN provides") and cat == "legal" for text, cat in removed.items())


def test_seed_through_the_cli(seed_path):
    out = subprocess.run(
        [sys.executable, "-m", "reader", "clean", str(seed_path), "--format", "json", "--no-annotate"],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(out.stdout)
    assert data["title"] == "Xi, Putin pledge to boost bilateral ties"
    assert data["text"].startswith(SEED_LEDE)
    assert len(data["text"].split("\n\n")) == 4
    for block in data["blocks"]:
        if not block["kept"]:
            reason = block["reason"]
            assert reason["kind"] in {"duplicate", "boilerplate", "title", "metadata"}
            assert reason["description"]
            if reason["kind"] == "boilerplate":
                assert reason["category"] in BOILERPLATE_CATEGORIES


# -- a page full of junk -----------------------------------------------------------------


@pytest.fixture(scope="module")
def junk_article():
    return clean_text(JUNK_PAGE)


def test_junk_page_keeps_exactly_the_article(junk_article):
    kept = _kept_texts(junk_article)
    assert len(kept) == len(ARTICLE_STARTS)
    for text, start in zip(kept, ARTICLE_STARTS):
        assert text.startswith(start)
    assert junk_article.title == "Harbour ferry service to resume after two-year pause"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Sport", "navigation"),
        ("Skip to main content", "navigation"),
        ("Subscribe", "subscribe"),
        ("Accept all", None),  # a button next to the cookie banner: any category will do
        ("Photo: Harbour Authority", "caption"),
        ("Share this article", "share"),
        ("Related stories", "related"),
        ("- Bus fares to rise in April", "related"),
        ("Advertisement", "ads"),
        ("Comments", "comments"),
        ("Finally! I used to take this ferry every day and the drive has been awful.", "comments"),
        ("Tags: ferry, harbour, transport", "tags"),
        ("Sign up for our newsletter to get the day's top stories in your inbox.", "subscribe"),
        ("© 2025 Northpoint Daily. All rights reserved.", "legal"),
    ],
)
def test_junk_page_categories(junk_article, text, category):
    removed = _removed(junk_article)
    assert text in removed, f"{text!r} should be removed"
    if category is not None:
        assert removed[text] == category
    assert removed[text] in BOILERPLATE_CATEGORIES


def test_cookie_banner_is_cookie(junk_article):
    removed = _removed(junk_article)
    banner = next(t for t in removed if t.startswith("We use cookies"))
    assert removed[banner] == "cookie"


def test_byline_and_date_are_metadata_not_removed(junk_article):
    roles = {junk_article.raw[b.start : b.end]: b for b in junk_article.blocks}
    assert roles["By Tomas Reyes"].role is Role.METADATA
    assert roles["March 4, 2025"].role is Role.METADATA
    assert junk_article.byline == "Tomas Reyes"


def test_every_removed_block_has_a_readable_reason(junk_article):
    for b in junk_article.blocks:
        if not b.kept:
            assert b.reason is not None
            assert b.reason.describe()
            assert b.reason.badge()


# -- keyword and section rules ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Legal Disclaimer:", "legal"),
        ("Copyright 2025 Example Media Ltd", "legal"),
        ("This document is subject to copyright.", "legal"),
        ("We use cookies to improve your experience. Accept cookies", "cookie"),
        ("Subscribe to our newsletter", "subscribe"),
        ("Already a subscriber? Log in", "subscribe"),
        ("Share on Facebook", "share"),
        ("Leave a comment", "comments"),
        ("Read more: Ten things to do this weekend", "related"),
        ("Sponsored content", "ads"),
        ("Photo: Jane Doe / Reuters", "caption"),
        ("Tags: politics, budget", "tags"),
        ("Home > World > Europe", "tags"),
        ("Back to top", "navigation"),
        ("## Share this story", "share"),
        ("The council voted to approve the budget on Tuesday.", None),
    ],
)
def test_keyword_category(text, category):
    assert keyword_category(text) == category


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Most popular stories", "related"),
        ("You might also like", "related"),
        ("Explore further", "related"),
        ("12 Comments", "comments"),
        ("Legal Disclaimer:", "legal"),
        ("## Share this story", "share"),
        ("Why the bridge closed", None),
    ],
)
def test_section_category(text, category):
    assert section_category(text) == category


# -- short articles keep every paragraph -----------------------------------------------------

ONE_PER_LINE = """\
Council approves new bike lanes on Harbour Road
The city council voted 7-2 on Monday to build protected bike lanes along Harbour Road, ending a debate that has run for almost two years.
Supporters said the lanes would make the busy route safer for children cycling to school. Opponents worried about the loss of forty parking spaces.
Work is expected to start in March and finish before the summer holidays, the council said.
"""

BLANK_LINES = """\
Local bakery wins national award

The Riverside Bakery has been named the best small bakery in the country by a panel of judges.

Owner Maria Lopez said she was "thrilled" and thanked her staff.

The award comes with a prize of 5,000 pounds.
"""

HARD_WRAPPED = """\
Storm closes mountain pass

Heavy snow closed the northern mountain pass on Tuesday night, leaving
dozens of trucks stranded at the border crossing until the morning.
Police asked drivers to avoid the route.

Road crews worked through the night to clear the drifts, and the pass
reopened shortly after nine o'clock, a spokesman for the regional
transport office said.

More snow is forecast for the weekend.
"""

TERSE = """\
Library extends opening hours
The central library will stay open until 9pm on weekdays from next month.
The change follows a survey of readers.
Staff numbers will not change.
"""

SIX_PARAGRAPHS = """\
Orchard owners count cost of late frost

A late frost in the last week of April destroyed up to half of the apple blossom in the valley, growers said on Friday.

Temperatures fell to minus four degrees on two nights in a row.

"We have never seen it this late," said one grower, whose family has farmed the slopes for three generations.

Some farms used wind machines and small fires to keep the air moving, with mixed results.

The regional farmers' union has asked the government for emergency support.

Prices for local apples are expected to rise in the autumn.
"""


@pytest.mark.parametrize(
    ("text", "n_body"),
    [(ONE_PER_LINE, 3), (BLANK_LINES, 3), (HARD_WRAPPED, 3), (TERSE, 3), (SIX_PARAGRAPHS, 6)],
    ids=["one-per-line", "blank-lines", "hard-wrapped", "terse", "six-paragraphs"],
)
def test_short_junk_free_article_comes_out_whole(text, n_body):
    a = clean_text(text)
    assert a.title is not None
    assert len(a.kept_blocks()) == n_body, [(a.raw[b.start : b.end], b.reason) for b in a.blocks]
    assert not any(b.reason and b.reason.kind == "boilerplate" for b in a.blocks)


def test_single_paragraph_is_kept():
    text = "The river rose two metres overnight, and residents of the lower town were told to move their cars to higher ground before noon."
    a = clean_text(text)
    assert a.clean == text


def test_classify_copes_with_no_blocks():
    classify("", [])


def test_chinese_article_without_spaces_is_kept():
    # Written without spaces between words: block length must not be read as "one word".
    text = (
        "首页\n\n新闻\n\n体育\n\n"
        "北京市政府周二宣布，将在明年春季开通一条新的地铁线路，连接城市东部和西部的主要商业区。\n\n"
        "这条线路全长四十二公里，设有二十八个车站，预计每天可运送乘客超过一百万人次。\n\n"
        "市民普遍对这一消息表示欢迎，许多人说通勤时间将大大缩短。\n\n"
        "版权所有 © 2025 新闻网\n"
    )
    a = clean_text(text)
    kept = _kept_texts(a)
    assert sum(1 for t in kept if t.endswith("。")) == 3
    assert not any(t.startswith("版权所有") for t in kept)


# -- comment threads -----------------------------------------------------------------------

_COMMENT = (
    "I agree with everything said above, and I would add that the garden should have a small seating area "
    "for older neighbours who cannot work a plot themselves but would still enjoy an afternoon outside. The old "
    "benches from the station could be repaired and moved there without much cost."
)
GARDEN_PAGE = (
    "Harbour Notes\nHome\nNews\nSport\n"
    "Community garden opens on the old rail yard\n"
    "March 3, 2025 | by Mina Park\n"
    "Volunteers opened a community garden on the old rail yard on Saturday, with forty raised beds, a tool shed "
    "and a rain tank paid for by a neighbourhood grant, and the first seedlings went into the ground before noon.\n"
    "Plots can be booked at the library until the end of the month.\n"
    "Posted in Community | 3 Comments\nPrevious Post\nNext Post\n"
    "Comments\n"
    + "".join(
        f"{name} on March {day}, 2025 at 4:{day}2 pm said:\n{_COMMENT}\n{_COMMENT.replace('garden', 'park')}\n"
        for name, day in (("Rosa Lind", 3), ("Tom Berg", 4), ("Ana Sousa", 5))
    )
    + "Leave a Reply\n"
)


def test_comment_thread_after_a_short_article_is_comments():
    # Without the thread's header lines the comments (longer than the article) would look like the article.
    article = clean_text(GARDEN_PAGE)
    assert article.clean.startswith("Volunteers opened a community garden")
    assert article.clean.endswith("until the end of the month.")
    removed = _removed(article)
    assert removed[_COMMENT] == "comments"
    assert removed["Rosa Lind on March 3, 2025 at 4:32 pm said:"] == "comments"


def test_comments_link_in_a_share_bar_opens_no_thread():
    lede = (
        "A long opening paragraph of the article that runs well past twenty-five words, so that the page has "
        "prose before the share bar, and it ends like a sentence."
    )
    body = "The article goes on after the share bar with more sentences of its own, as articles do on this site."
    raw = "\n".join([lede, "Facebook", "Twitter", "Comments", "Print", "Email", body, body.replace("goes", "runs")])
    article = clean_text(raw)
    assert body in article.clean


def test_recent_comments_widget_before_the_article_opens_no_thread():
    teaser = (
        "Yesterday's story: the river festival drew record crowds on Sunday, with boat races, food stalls and a "
        "concert on the old quay that went on until long after midnight."
    )
    paragraphs = [
        "The regional rail authority will add two late trains on the coast line from June, after a year in which "
        "evening services were often so full that passengers were left on the platform at the busiest stations.",
        "The authority said the new trains would run on weekdays and Saturdays, and that the timetable for Sundays "
        "would be reviewed in the autumn once passenger numbers for the summer season are known.",
        "Commuter groups welcomed the change but asked for more carriages on the morning services as well, which "
        "they said were just as crowded and far more important for people travelling to work.",
    ]
    raw = "\n".join(
        [
            teaser,
            "Most recent comments",
            "Jo Park on May 2, 2025 said:",
            "Great news for the town",
            "Sam Lee on May 3, 2025 said:",
            "About time",
            "Coast line to get two late trains from June",
            *paragraphs,
        ]
    )
    article = clean_text(raw)
    for paragraph in paragraphs:
        assert paragraph in article.clean


# The fast paths of the feature code must count exactly what the regexes count.
SHAPE_TEXTS = [
    "",
    "Home | News / World",
    'He said "Yes" (Again) to The Board in 2019, at 4:47 pm.',
    "  \tTabs\tand\x0bOdd\x1fSpaces Before Capitals",
    "Café owners in Zürich say “Nein” — Über 20 Läden • «Ja» › Älter",
    "Москва 2020 / Новости · Главное",
]


@pytest.mark.parametrize("text", SHAPE_TEXTS)
def test_shape_counts_match_the_regexes(text):
    from reader.clean.features import _CAP_WORD, _DIGIT, _SEPARATORS, shape_counts

    caps, digits, seps = shape_counts([text])
    assert caps == [len(_CAP_WORD.findall(" " + text))]
    assert digits == [len(_DIGIT.findall(text))]
    assert seps == [len(_SEPARATORS.findall(text))]


@pytest.mark.parametrize(
    "text",
    [
        "Reply",
        "REPORT",
        "12 likes",
        "3 hours ago",
        "Posted a while ago",
        "Jo Bloggs said:",
        "Jo wrote",
        "Share",
        "Home",
        "May 2, 2019",
        "Flagged",
        "ſays",
        "Sports",
    ],
)
def test_cues_match_the_regexes(text):
    from reader.clean.features import _COMMENT_CUE, _DATE_CUE, _cues

    assert _cues.__wrapped__(text) == (_COMMENT_CUE.match(text) is not None, _DATE_CUE.search(text) is not None)


@pytest.mark.parametrize(
    "text",
    [
        "Legal Disclaimer",
        "© 2024 The Paper",
        "3 Comments",
        "## Comments",
        "- Share this",
        "Leia também",
        "Читайте также",
        "À lire aussi",
        "Most popular stories",
        "Photo: Jo Bloggs / AFP",
        "Sign up for our newsletter",
        "The council met on Tuesday.",
        "İstanbul news",
    ],
)
def test_block_rules_agree_with_the_category_functions(text):
    from reader.clean.boilerplate import _rules

    kw, head = keyword_category(text), section_category(text)
    assert _rules(text) == ((kw, head) if kw or head else (None, None))
