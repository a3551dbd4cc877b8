"""Person names with surname particles ("van", "von der", "ten", "al"), which the model
cuts off or leaves out, and the surname written again on its own."""

from newsfeed.extract.facts import extract_facts


def _entities(body: str) -> dict[str, tuple[str, list[str]]]:
    return {e.name: (e.label, [m.text for m in e.mentions])
            for e in extract_facts(body).entities}


def test_particle_joins_the_name_and_the_surname_alone() -> None:
    ents = _entities(
        "Feyenoord manager Arne ten Brink said his players had tired late in the game. "
        "Ten Brink, who took over in March, wants two new defenders.")
    assert ents["Arne ten Brink"] == ("PERSON", ["Arne ten Brink", "Ten Brink"])
    assert "Arne" not in ents and "Brink" not in ents


def test_two_particles_keep_the_whole_name() -> None:
    ents = _entities(
        "Commission President Ulrike von der Berghe arrived in Warsaw on Monday for talks "
        "on energy. Von der Berghe met the prime minister for two hours.")
    assert ents["Ulrike von der Berghe"] == (
        "PERSON", ["Ulrike von der Berghe", "Von der Berghe"])
    assert not any(name.startswith("der ") or name == "Berghe" for name in ents)


def test_lower_case_words_after_a_name_are_no_particles() -> None:
    ents = _entities("Peter Hansen de facto runs the club, officials said on Tuesday.")
    assert "Peter Hansen" in ents
    assert not any("facto" in name for name in ents)


def test_a_capitalised_particle_is_a_surname_only_when_the_article_names_one() -> None:
    ents = _entities(
        "Ajax coach Mark van Dijkstra praised the crowd. Ten Dutch fans were hurt before "
        "the game, police said. Van Dijkstra visited them in hospital.")
    assert ents["Mark van Dijkstra"] == ("PERSON", ["Mark van Dijkstra", "Van Dijkstra"])
    assert not any(name.startswith("Ten") for name in ents)
