"""The controllability classifier: the labelled sets, the article's examples, and the hard cases by kind
(the fit that data/model.json comes from: tests/build/test_classify_fit.py)."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from fixtures.sites import DATA, record_figure
from mkdocs_okr.check import Options, check_text
from mkdocs_okr.classify import assess, fit, site_words
from mkdocs_okr.classify.explain import aim
from mkdocs_okr.classify.reading import read
from mkdocs_okr.classify.vocabulary import vocabulary
from mkdocs_okr.classify.words import token_spans, tokenize
from mkdocs_okr.model import Controllability, Level


def classify(
    text: str, customer=(), customers_users=(), declared: str | None = None
) -> tuple[Controllability, Controllability]:
    assessed = assess(text, customer, customers_users, declared)
    return assessed.result, assessed.inferred


def is_measurable(text: str, has_target: bool) -> bool:
    return assess(text, has_target=has_target).measurable


FOOD = (["restaurant owners", "restaurants"], ["diners"])
SCHOOL = (["school districts", "superintendents"], ["teachers", "parents", "students"])


def labelled(name: str) -> list[tuple[str, list[str], list[str], dict]]:
    data = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    return [
        (item["text"], group.get("customer") or [], group.get("customers_users") or [], item)
        for group in data["groups"]
        for item in group["key_results"]
    ]


def test_the_development_set_is_big_and_varied_enough() -> None:
    items = labelled("key_results.yaml")
    domains = {g["domain"] for g in yaml.safe_load((DATA / "key_results.yaml").read_text())["groups"]}
    assert len(items) >= 150 and len(domains) >= 12
    assert sum(1 for *_, item in items if item.get("hard")) >= len(items) / 3
    assert all(item.get("why") for *_, item in items)


def figures(name: str) -> dict[str, float]:
    """A set's figures with each group as a page, through the checker as a user's pages go."""
    labels, answers = [], []
    for group in yaml.safe_load((DATA / name).read_text(encoding="utf-8"))["groups"]:
        block = {"team": group.get("team") or group["domain"], "period": "2026-Q1"}
        block |= {key: group[key] for key in ("customer", "customers_users") if group.get(key) is not None}
        block["objectives"] = [
            {
                "title": group.get("objective") or group["domain"],
                "key_results": [{"text": kr["text"]} for kr in group["key_results"]],
            }
        ]
        okr = check_text(
            "---\n" + yaml.safe_dump({"okr": block}, allow_unicode=True) + "---\n", "page.md", Options()
        ).okr
        assert okr is not None
        for kr, model in zip(group["key_results"], okr.objectives[0].key_results):
            if kr["level"] != "mixed":
                assert model.controllability is not None
                labels.append(kr["level"])
                answers.append(model.controllability.level.value)
    return fit.figures(labels, answers)


@pytest.mark.parametrize(
    "name, floor, alarms",
    [
        ("unseen/key_results_blind5.yaml", 0.80, 0.016),
        ("unseen/key_results_published2.yaml", 0.79, 0.012),
        ("unseen/key_results_blind6.yaml", 0.72, 0.036),  # above the goal of 3 %: 5 of 141
        ("unseen/key_results_blind7.yaml", 0.73, 0.016),
        ("unseen/key_results_published3.yaml", 0.66, 0.050),  # above the goal of 3 %: 7 of 141
        ("unseen/key_results_blind8.yaml", 0.78, 0.016),
        ("unseen/key_results_blind9.yaml", 0.82, 0.008),
        ("unseen/key_results_blind10.yaml", 0.73, 0.008),
        ("unseen/key_results_blind11.yaml", 0.78, 0.008),
        ("unseen/key_results_blind12.yaml", 0.70, 0.008),
        ("unseen/key_results_published4.yaml", 0.71, 0.008),
    ],
)
def test_sets_it_was_never_fitted_on(name: str, floor: float, alarms: float) -> None:
    """Their figures (tests/data/unseen/README.md), kept from falling by more than a point, or
    from more false alarms."""
    shown = figures(name)
    record_figure(f"classifier on {name}: " + ", ".join(f"{k} {v:.3f}" for k, v in shown.items()))
    assert shown["accuracy"] >= floor and shown["false_alarms"] <= alarms, shown


def test_every_article_example_is_right() -> None:
    article = [(t, c, u, i) for t, c, u, i in labelled("key_results.yaml") if i.get("article")]
    assert len(article) >= 11
    for text, customer, users, item in article:
        assert classify(text, customer, users)[0].level.value == item["level"], text


@pytest.mark.parametrize(
    "text, parties, level, actor",
    [
        # the actor only implied by the metric
        ("Average order value up 10%", FOOD, "customers_users", None),
        ("Cut logo churn to 1% a month", FOOD, "customer", None),
        # "customer" meaning the end consumer, and meaning the team's customer
        ("Increase a restaurant's first-time customers who order again", FOOD, "customers_users", "customers"),
        (
            "Raise the renewal rate of our restaurant customers from 82% to 90%",
            FOOD,
            "customer",
            "restaurant customers",
        ),
        ("Grow merchants' customers' repeat purchases", ([], []), "customers_users", None),
        # per-unit phrasings: the metric decides, not the denominator
        ("Orders per active diner per week from 1.2 to 1.5", FOOD, "customers_users", None),
        ("Support contacts per 1,000 restaurants from 40 to 25", FOOD, "customer", None),
        # who reports is not who is measured
        ("Bugs reported by restaurants down 40%", FOOD, "team", None),
        ("Number of complaints from restaurant owners halved", FOOD, "customer", "restaurant owners"),
        # the customer's staff: the customer, unless the page declares them its users
        (
            "Teachers grade 80% of homework in the gradebook",
            (["school districts", "teachers"], ["students"]),
            "customer",
            "Teachers",
        ),
        ("Teachers grade 80% of homework in the gradebook", SCHOOL, "customers_users", "Teachers"),
        # the customer acts on its users
        ("Help restaurants reply to 90% of diner reviews within 24 hours", FOOD, "customer", "restaurants"),
        # negation and exclusion
        ("Fewer diners abandoning carts at checkout", FOOD, "customers_users", "diners"),
        ("Raise restaurant renewals, not diner orders, to 90%", FOOD, "customer", None),
        # the team's own output
        ("Ship the menu photo uploader to all restaurants by Q2", FOOD, "team", None),
        ("Menu page p95 latency under 800 ms", FOOD, "team", None),
        ("Add 30 restaurants from existing restaurant groups", FOOD, "customer", None),
        # number-only
        ("NRR 115%", ([], []), "customer", None),
        pytest.param(  # a known failure: the acronym alone falls short of the confidence "Outside your control" needs
            "AOV +8%",
            ([], []),
            "customers_users",
            None,
            marks=pytest.mark.xfail(strict=True, reason="a known failure of the reader"),
        ),
        # whose people the customers' users are names the customer, even where it is literally "customers"
        (
            "Customers passing SPF, DKIM and DMARC from 70% to 95%",
            (["customers"], ["the recipients of our customers' emails"]),
            "customer",
            "Customers",
        ),
        ("Gyms renewing their annual plan to 90%", ([], ["a gym's members"]), "customer", "Gyms"),
        ("Members checking in three times a week up 10%", ([], ["a gym's members"]), "customers_users", "Members"),
        # the page's own names for its parties win over the vocabulary
        ("Raise weekly bookings by guests of our partner spas", (["spas"], ["guests"]), "customers_users", None),
        # nothing to go on
        ("Improve NPS", ([], []), "customer", None),  # the scores customers give (shared/labelling.md)
        # "make", like "improve" or "better", is a word of any aim (grammar.yaml): it names nobody
        ("Make Q3 great", ([], []), "unknown", None),
        ("Do better in Q3", ([], []), "unknown", None),
        # a booking named only by its verb: confident enough for "Outside your control" once the
        # corpus held more bookings (train_15 to train_18)
        ("Sunbeds booked online per weekend up 20%", (["beach clubs"], ["sunbathers"]), "customers_users", None),
        # the time a customer takes to publish, with no party named; and the words "owner" and
        # "point", which elsewhere weigh towards end users (pet owners, loyalty points), beside the
        # declared customer who acts: both read right once the penalty grew with the corpus (L2 1.0)
        (
            "Cut the median time to publish a full menu from 3 days to 1 day",
            (["restaurant owners"], ["diners"]),
            "customer",
            None,
        ),
        (
            "Raise the share of restaurant owners who connect their point-of-sale from 25% to 40%",
            (["restaurant owners"], ["diners"]),
            "customer",
            None,
        ),
    ],
)
def test_hard_cases(text: str, parties: tuple[list[str], list[str]], level: str, actor: str | None) -> None:
    result, _ = classify(text, *parties)
    assert result.level.value == level, (result.level, result.evidence)
    if actor is not None:
        assert result.actor == actor
    assert result.source == "inferred" and result.reason
    assert (result.suggestion is not None) == (level == "customers_users")


@pytest.mark.parametrize(
    "text, customer, party",
    [
        ("OTAs live on the new widget: 9 → 15", "online travel agencies that embed our widget", "OTAs"),
        ("Terminals publishing slot capacity 48h ahead", "container terminal operators", "Terminals"),
        ("10 festivals switch on vendor self-onboarding", "festival organisers (with their bar managers)", "festivals"),
    ],
)
def test_a_page_may_call_its_customer_by_initials_or_by_the_organisation(text: str, customer: str, party: str) -> None:
    """Teams shorten what they declare: "online travel agencies" are OTAs, and "container terminal
    operators" are terminals."""
    found = [
        (s.text, s.level, s.source) for s in read(text, (customer,), (), vocabulary()).signals if s.kind == "actor"
    ]
    assert (party, Level.CUSTOMER) in [(text, level) for text, level, _ in found], found


def test_a_party_before_an_infinitive_acts() -> None:
    """ "time for restaurant owners to publish": the owners publish; they are not the object."""
    signals = read("Cut the median time for restaurant owners to publish a full menu", (), (), vocabulary()).signals
    assert [(s.text, s.role) for s in signals if s.kind == "actor"] == [("restaurant owners", "subject")]


def test_our_own_people_are_the_team() -> None:
    """ "our crews" are the team's, though crews elsewhere are a customer's staff (shared/labelling.md)."""
    parties = (("regional parcel carriers and their drivers",), ())
    ours = read("Installs completed by our crews within 3 weeks", *parties, vocabulary()).signals
    theirs = read("Installs completed by crews within 3 weeks", *parties, vocabulary()).signals
    assert [(s.level, s.source) for s in ours if s.kind == "actor"] == [(Level.TEAM, "ours")]
    assert [s.level for s in theirs if s.kind == "actor"] == [Level.CUSTOMER]


@pytest.mark.parametrize(
    "text", ["Improve things", "Get better at it", "Make it better", "Do more of the right things"]
)
def test_words_of_any_aim_are_no_evidence(text: str) -> None:
    """A key result that says only that things get better names nobody's behaviour."""
    assert classify(text)[1].level is Level.UNKNOWN


def test_the_sites_words_decide_where_they_agree() -> None:
    """A metric the site's `vocabulary` gives an owner is that owner's, though no fit has seen it."""
    words = site_words({"metrics": {"customers_users": ["hoof trims"], "team": ["pasture walks"]}})
    assert assess("Hoof trims per month: 200 to 300", site=words).inferred.level is Level.CUSTOMERS_USERS
    assert assess("Pasture walks per month: 20 to 30", site=words).inferred.level is Level.TEAM
    diners = site_words({"customers_users": ["diners"]})
    assert assess("Uptime of the diner app 99.9%", site=diners).inferred.level is Level.TEAM


def test_initials_name_a_party_only_in_capitals() -> None:
    """ "its" is no name for "independent tea shops", though "ITS" would be."""
    signals = read("Get its uptime to 99.9%", ("independent tea shops",), (), vocabulary()).signals
    assert not [s for s in signals if s.kind == "actor"], signals


@pytest.mark.parametrize(
    "text, order",
    [
        ("Perform docs assessments for all new projects", "Perform"),  # a verb of general English, never a noun
        ("Draft and maintain the staging guides", "Draft"),
        ("Measure the diversity of our members", "Measure"),  # a noun too, but before its object
        ("Measure accuracy weekly", None),  # the noun "measure", or the aim: the sentence decides
        ("Reduce the time to first order", None),  # a change it aims at, not work the team does
        ("Sign-ups from the landing page +20%", None),  # a noun that opens with a verb
        ("Ship the offline mode", "Ship"),  # the list of output verbs, read first
    ],
)
def test_an_order_to_the_team_opens_with_any_verb(text: str, order: str | None) -> None:
    verbs = [s for s in read(text, (), (), vocabulary()).signals if s.kind == "team-verb"]
    assert [s.text for s in verbs] == ([order] if order else []), verbs
    assert all(s.level is Level.TEAM for s in verbs)


def test_the_general_lexicon_fills_gaps_and_yields_to_the_lists() -> None:
    """A kind of organisation the lists do not know is read from lexicon.yaml ("apiaries"); where
    a metric family knows a phrase, its family is kept ("quiz completions"); a lexicon phrase hides
    no party ("site rollout") and repeats no opening verb ("Ship")."""
    apiaries = read("Apiaries logging hive inspections weekly", (), (), vocabulary()).signals
    assert any(s.text == "Apiaries" and s.source == "organisations" for s in apiaries), apiaries
    quiz = read("Applicants' quiz completions up 20%", (), (), vocabulary()).signals
    assert all(s.source != "lexicon" for s in quiz if s.kind == "metric"), quiz
    rollout = read("Site rollout completed by 12 districts", ("school districts",), (), vocabulary()).signals
    assert [s.text for s in rollout if s.kind == "actor"] == ["Site", "districts"], rollout
    ship = read("Ship the new API by June", (), (), vocabulary()).signals
    assert [s.kind for s in ship if s.text == "Ship"] == ["team-verb"], ship


def test_a_declaration_wins_and_the_text_is_still_read() -> None:
    result, inferred = classify("Increase orders per diner per week", *FOOD, declared="customer")
    assert (result.level, result.source) == (Level.CUSTOMER, "declared")
    assert inferred.level is Level.CUSTOMERS_USERS and "orders" in inferred.evidence


def test_suggestions_use_the_page_and_what_it_counts() -> None:
    result, _ = classify("Increase repeat orders per diner", *FOOD)
    assert result.suggestion is not None
    assert "restaurant owners" in result.suggestion and "repeat orders" in result.suggestion
    assert "renewal" in result.suggestion and "referral" in result.suggestion
    other, _ = classify("Better grades for students using the LMS", *SCHOOL)
    assert other.suggestion is not None and "school districts" in other.suggestion and "grades" in other.suggestion
    assert other.suggestion != result.suggestion


@pytest.mark.parametrize(
    "text, customer, users, reason, suggestion",
    [
        # each party named once; a capital there only because the key result starts with it dropped
        (
            "Hikers logging a route in the app within 24 hours: 30% → 60%",
            ["alpine clubs"],
            ["hikers"],
            "the behaviour of hikers",
            "how many new ones come",
        ),
        # no customer declared: "your customers", and never "new your customers"
        (
            "Players returning to the game the next day: 20% → 35%",
            [],
            ["players"],
            "of players",
            "what your customers do",
        ),
        # a name the page writes with capitals keeps them; an irregular plural is not given an -s
        (
            "Women booking their first appointment online: 40% → 70%",
            ["NHS trusts and their community midwives"],
            ["pregnant women"],
            "the behaviour of women (",
            "Measure what NHS trusts do",
        ),
        # a metric written as a verb is named by what its family counts
        (
            "Sunbeds booked online by sunbathers per weekend up 20%",
            ["beach clubs"],
            ["sunbathers"],
            "",
            "keep their users' bookings",
        ),
        # a metric ends before a preposition or direction, whether or not YAML would read it as a boolean
        ("DAU/MAU on the companion app 0.18 → 0.25", ["appliance makers"], ["households"], "", "drive DAU/MAU,"),
        ("Applicants' quiz completions up 20%", ["foundations"], ["applicants"], "", "leave quiz completions to"),
        # "Gift Aid" is a name, written as such
        ("Gift Aid uplift on donations: 60% → 80%", ["heritage trusts"], ["visitors"], "", "keep Gift Aid uplift"),
    ],
)
def test_messages_read_as_an_editor_writes(
    text: str, customer: list[str], users: list[str], reason: str, suggestion: str
) -> None:
    result, _ = classify(text, customer, users)
    assert result.level is Level.CUSTOMERS_USERS and result.suggestion is not None, result
    assert reason in result.reason and suggestion in result.suggestion, (result.reason, result.suggestion)
    named = customer[0].split(" and ")[0] if customer else "your customers"
    assert result.suggestion.count(named) == 1 and "new your" not in result.suggestion, result.suggestion


@pytest.mark.parametrize(
    "text, carried, left",
    [
        ("Diners place 20% more repeat orders by Q3 2026", " by Q3 2026", "20%"),
        ("By the end of the year, grow repeat orders per diner by 15%", " by 15% by the end of the year", None),
        ("Repeat orders per diner from 2.1 to 2.6 a month within six months", " within six months", "2.6"),
        ("Increase repeat orders per diner", "", None),
    ],
)
def test_a_suggestion_keeps_the_time_frame_and_relative_change_of_its_key_result(
    text: str, carried: str, left: str | None
) -> None:
    """Its own time frame and a relative change carry over; numbers that count the diners' orders do not."""
    result, _ = classify(text, *FOOD)
    assert result.suggestion is not None and aim(text) == carried
    assert f"renewal rate{carried}," in result.suggestion
    assert left is None or left not in result.suggestion


@pytest.mark.parametrize(
    "text, target, measurable",
    [
        ("Improve onboarding", False, False),
        ("Make restaurants happier", False, False),
        ("Improve onboarding", True, True),
        ("Cut onboarding time", False, True),
        ("Raise renewal from 80% to 90%", False, True),
        ("Increase average order value per active user", False, True),
    ],
)
def test_measurable(text: str, target: bool, measurable: bool) -> None:
    assert is_measurable(text, target) is measurable


def test_classification_is_deterministic() -> None:
    texts = [t for t, *_ in labelled("key_results.yaml")]
    first = [classify(t, *FOOD)[0] for t in texts]
    assert first == [classify(t, *FOOD)[0] for t in texts]


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("abz09 .,'%-;:()/<>\u2013\u2014\u2019sS\u00e9\u0130\u00df\n")), max_size=60)
)
def test_each_token_stands_where_its_span_says(text: str) -> None:
    """Evidence is quoted from the key result as written: each token's span, in the text itself,
    holds that token, in order."""
    words, _ = tokenize(text)
    spans = token_spans(text, words)
    assert all(word in text[a:b].lower().replace("\u2019", "'") for word, (a, b) in zip(words, spans))
    assert all(b <= c for (_, b), (c, _) in zip(spans, spans[1:]))
