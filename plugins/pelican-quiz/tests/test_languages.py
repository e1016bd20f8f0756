"""Every reader-facing sentence in the page's language: built-in translations picked by the
page's ``lang``, the site's ``QUIZ_STRINGS`` for every language or per language, and a French
page of a two-language site with no English word in its quiz."""

from __future__ import annotations

import re
from string import Formatter

import pytest
from pelican.plugins.quiz.strings import DEFAULT_STRINGS, QuizStrings, built_in_locales

# Words of the English strings that French shares (or that name no language): the check
# looks for the others.
SHARED_WITH_FRENCH = {"question", "questions", "points", "quiz", "note", "total"}


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name is not None}


def english_words() -> set[str]:
    words = set()
    for text in DEFAULT_STRINGS.values():
        words |= {w.lower() for w in re.findall(r"[A-Za-z]{3,}", re.sub(r"\{\w+\}", "", text))}
    return words - SHARED_WITH_FRENCH


def test_every_locale_has_every_key_with_the_same_placeholders() -> None:
    locales = built_in_locales()
    # With English, the thirteen languages mkdocs-quiz ships, and more.
    assert set(locales) == {"de", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "sv", "zh"}
    for code, strings in locales.items():
        assert set(strings) == set(DEFAULT_STRINGS), code
        for key, english in DEFAULT_STRINGS.items():
            assert _placeholders(strings[key]) == _placeholders(english), (code, key)
            # Translated, not copied: a string with English words in it is another string.
            words = re.sub(r"\{\w+\}", "", english)
            if re.search(r"[A-Za-z]{3,}", words):
                assert strings[key] != english, (code, key)


def test_a_page_gets_the_strings_of_its_language_with_no_setting() -> None:
    strings = QuizStrings({})
    assert strings.for_language("fr")["next"] == "Suivant"
    assert strings.for_language("fr-CA")["next"] == "Suivant"  # the base language's
    assert strings.for_language("de_AT")["next"] == "Weiter"
    assert strings.for_language("en")["next"] == "Next"
    assert strings.for_language("xx")["next"] == "Next"  # no translation: English
    assert strings.for_language(None)["next"] == "Next"


def test_the_sites_strings_override_any_key_for_every_language_or_one() -> None:
    every = QuizStrings({"next": "Go on"})
    assert every.for_language("fr")["next"] == "Go on"
    assert every.for_language("fr")["back"] == "Retour"
    per = QuizStrings({"fr": {"next": "Continuer"}, "en-GB": {"finish": "Show me"}})
    assert per.for_language("fr")["next"] == "Continuer"
    assert per.for_language("fr")["back"] == "Retour"
    assert per.for_language("en-gb")["finish"] == "Show me"
    assert per.for_language("en")["finish"] == "See my result"


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        (
            {"next": "Go", "fr": {"next": "Suivant"}},
            "QUIZ_STRINGS: give either strings (for every language) or a mapping of them for "
            "each language code, such as {'fr': {'next': 'Suivant'}}, not both",
        ),
        ({"fr": {"nxet": "Suivant"}}, "QUIZ_STRINGS['fr']: unknown key(s) nxet; known: "),
    ],
)
def test_a_strings_setting_that_cannot_work_is_one_message(build_site, setting, message) -> None:
    built = build_site(QUIZ_STRINGS=setting)
    assert len(built.errors) == 1 and built.errors[0].startswith(message), built.errors


def test_each_page_of_a_two_language_site_speaks_its_own_language(build_site) -> None:
    built = build_site("languages")
    assert built.errors == []
    french = built.soup("the-quiz-fr.html").select_one("section.quiz")
    english = built.soup("the-quiz.html").select_one("section.quiz")
    french_text = french.get_text(" ")
    found = sorted(w for w in english_words() if re.search(rf"\b{w}\b", french_text, re.I))
    assert found == [], f"English in the French quiz: {found}"
    # The widget's own strings, in the data it reads, are French too.
    data = french.select_one("script[type='application/json']").get_text()
    assert "Suivant" in data and '"Next"' not in data
    assert "Next" in english.get_text(" ") and "Suivant" not in english.get_text(" ")


def test_a_translation_that_would_route_differently_fails_the_build(build_site) -> None:
    # Real sites, item 7: translations are proved to route as their original does.
    problems = build_site("translations-differ").errors[0].splitlines()
    assert problems == [
        "content/quizzes/mini-de.yaml:3: translation_of: unknown quiz 'mnii'; did you mean "
        "'mini'? (known: mini)",
        "content/quizzes/mini-fr.yaml:20: questions[0].options[1].score.calm: 3 where the "
        "original has 2; a translation of 'mini' may change only its text and links, so that "
        "every answer routes as in the original",
    ]


def test_a_page_in_the_translations_language_gets_it_in_place_of_the_original(
    build_site,
) -> None:
    built = build_site("languages")
    assert built.soup("the-quiz-fr.html").select_one("section.quiz")["id"] == "quiz-mini-fr"
    assert built.soup("the-quiz.html").select_one("section.quiz")["id"] == "quiz-mini"
