"""Values and units of the numbers in varied news sentences (written for these tests):
units of measure, currencies and their hundredths, scales, signs, changes against ranges,
fractions and ratios, number words, and numbers inside names, scores and times that are no
quantities.  Each sentence lists every quantity it must give, as (value, unit) or (value,
unit, value_max); nothing else may be found."""

import pytest

from newsfeed.extract.facts import extract_facts

CASES: list[tuple[str, list[tuple]]] = [
    # a change and the new level after a verb of change; ranges stay ranges
    ("Gold gained $12 to $1,950 an ounce in early trading.", [(12, "USD"), (1950, "USD")]),
    ("Brent crude fell $2.10 to $84.30 a barrel on Tuesday.", [(2.1, "USD"), (84.3, "USD")]),
    ("Average house prices rose £5,000 to £285,000.", [(5000, "GBP"), (285_000, "GBP")]),
    ("The index rose 1.2 per cent to 4,567.8 points.", [(1.2, "%"), (4567.8, None)]),
    ("Shares climbed 8% from $40 to $43.20 after the results.",
     [(8, "%"), (40, "USD"), (43.2, "USD")]),
    ("The stamp price rose by 10 cents to 73 cents.", [(10, "cent"), (73, "cent")]),
    ("Shares fell 5p to 95p.", [(5, "pence"), (95, "pence")]),
    ("The Reserve Bank cut its cash rate by 25 basis points to 4.1 per cent.",
     [(25, "bp"), (4.1, "%")]),
    ("Inflation eased from 3.4% to 3.1% in March.", [(3.4, "%"), (3.1, "%")]),
    ("Between 200 and 300 people attended the vigil, and 40 to 50 cars were damaged.",
     [(200, None, 300), (40, None, 50)]),
    ("Prices rose 2 to 3 percent last month.", [(2, "%", 3)]),
    ("Earnings jumped 20-25% in the quarter.", [(20, "%", 25)]),
    ("Wages rose by between 4% and 5%.", [(4, "%", 5)]),
    ("Labour's lead narrowed to 14 points, down from 20.", [(14, None), (20, None)]),
    # units of measure
    ("The car travelled at 130 km/h on a road limited to 80 km/h.",
     [(130, "km/h"), (80, "km/h")]),
    ("Winds of up to 90 mph battered the coast, and gusts reached 150km/h in the hills.",
     [(90, "mph"), (150, "km/h")]),
    ("The shuttle reached speeds of 28,000 km per hour.", [(28_000, "km/h")]),
    ("The wildfire has burned more than 12,000 hectares, or about 30,000 acres, of forest.",
     [(12_000, "ha"), (30_000, "acre")]),
    ("The national park covers 4,500 square kilometres.", [(4500, "km2")]),
    ("The flat measures 1,500 sq ft.", [(1500, "ft2")]),
    ("Temperatures fell to minus 5C overnight, and Chicago recorded -12°F on Sunday.",
     [(-5, "°C"), (-12, "°F")]),
    ("Forecasters expect highs of 38 degrees Celsius in Delhi this week.", [(38, "°C")]),
    ("The mercury touched 47.2 degrees C in Rajasthan.", [(47.2, "°C")]),
    ("The plant will produce 500MW of power, enough for 300,000 homes.",
     [(500, "MW"), (300_000, None)]),
    ("The country added 3.2 GW of solar capacity last year.", [(3.2, "GW")]),
    ("Annual demand is 300 TWh, and the battery stores 13.5 kWh.",
     [(300, "TWh"), (13.5, "kWh")]),
    ("Police seized 2.5 tonnes of cocaine and 40 kg of heroin at the port.",
     [(2.5, "t"), (40, "kg")]),
    ("The parcel weighed half a kilogram.", [(0.5, "kg")]),
    ("Each resident uses about 150 litres of water a day.", [(150, "l")]),
    ("The new phone comes with 8GB of memory and up to 1TB of storage.",
     [(8, "GB"), (1, "TB")]),
    ("The tower is 330 metres tall, while the old spire stood 1,000 feet high.",
     [(330, "m"), (1000, "ft")]),
    ("Some areas received 6 inches of rain in 24 hours.", [(6, "in"), (24, "hour")]),
    ("The telescope spotted a galaxy 13.4 billion light years away.", [(1.34e10, "ly")]),
    ("A 7.1-magnitude earthquake struck off the coast of Japan.", [(7.1, "magnitude")]),
    ("Snowfall of up to 30cm is expected, with temperatures as low as -15C.",
     [(30, "cm"), (-15, "°C")]),
    ("The chip has 50 billion transistors and runs at 3.5GHz.", [(5e10, None), (3.5, "GHz")]),
    ("Internet speeds reached 1 Gbps in the city.", [(1, "Gbps")]),
    ("The man weighed 300 pounds when he was arrested.", [(300, "lb")]),
    ("A 300-pound bear was spotted near the school.", [(300, "lb")]),
    # currencies and scales
    ("Natural gas surged 12 percent to $3.10 per million British thermal units.",
     [(12, "%"), (3.1, "USD")]),
    ("The deal values the company at about £6.8bn, or 450p a share.",
     [(6.8e9, "GBP"), (450, "pence")]),
    ("The firm paid 20 million pounds for the site.", [(2e7, "GBP")]),
    ("The company raised US$150 million from investors in Singapore.", [(1.5e8, "USD")]),
    ("Qantas posted a A$1.7 billion profit, and Air Canada lost C$400 million.",
     [(1.7e9, "AUD"), (4e8, "CAD")]),
    ("The ECB fined the bank €50m, and the regulator imposed a £2.3bn penalty.",
     [(5e7, "EUR"), (2.3e9, "GBP")]),
    ("Toyota expects an operating profit of ¥3 trillion this year.", [(3e12, "JPY")]),
    ("The government approved a Rs 1,200 crore package for farmers.", [(1.2e10, "INR")]),
    ("The ministry allocated ₹2,000 crore for the scheme and 1.5 lakh people will benefit.",
     [(2e10, "INR"), (150_000, None)]),
    ("China's exports rose to 2.4 trillion yuan, and the firm paid 300 million rupees in tax.",
     [(2.4e12, "CNY"), (3e8, "INR")]),
    ("The house sold for 1.2 million dollars, and the painting fetched 4 million euros.",
     [(1.2e6, "USD"), (4e6, "EUR")]),
    ("A pint of milk now costs 95 pence, up from 79 pence last year.",
     [(95, "pence"), (79, "pence")]),
    ("The rupee slipped 12 paise against the dollar.", [(12, "paise")]),
    ("The company will invest $5.6-billion in the project.", [(5.6e9, "USD")]),
    ("The government pledged a two-billion-dollar fund.", [(2e9, "USD")]),
    ("Police recovered 600kg of cannabis worth an estimated A$3m.",
     [(600, "kg"), (3e6, "AUD")]),
    ("The deal is worth US$1.2bn, and the fine was CHF 200 million.",
     [(1.2e9, "USD"), (2e8, "CHF")]),
    ("Apple sold 230m iPhones last year, and revenue was $383bn.",
     [(2.3e8, None), (3.83e11, "USD")]),
    ("The US national debt passed $34tn this year.", [(3.4e13, "USD")]),
    ("The bank lent $A200 million, and the fund has USD 5 million.",
     [(2e8, "AUD"), (5e6, "USD")]),
    ("The Rs 5,000-crore project will create 10,000 jobs.", [(5e10, "INR"), (10_000, None)]),
    ("Tickets cost $10-$12 each.", [(10, "USD", 12)]),
    ("The cost is between £1m and £2m.", [(1e6, "GBP", 2e6)]),
    ("Three quarters of a million people have signed.", [(750_000, None)]),
    # signs, percentages and points
    ("Output was negative 0.5% in the quarter, and sales were −2.3% lower.",
     [(-0.5, "%"), (-2.3, "%")]),
    ("India's economy grew 7.8% in the quarter, and GDP fell -1.3% in Germany.",
     [(7.8, "%"), (-1.3, "%")]),
    ("Support for the party is up 3 percentage points at 41%.", [(3, "pp"), (41, "%")]),
    ("The bank raised rates by half a percentage point to 5.25%.", [(0.5, "pp"), (5.25, "%")]),
    ("Exports grew 3.4 per cent year on year, while imports shrank 2.1pc.",
     [(3.4, "%"), (2.1, "%")]),
    # fractions, ratios and number words
    ("One in five adults in the country smokes.", [(0.2, "fraction")]),
    ("Two out of three voters said the economy was their top concern.",
     [(2 / 3, "fraction")]),
    ("About 3 in 10 Americans own a gun.", [(0.3, "fraction")]),
    ("A third of the workforce is now remote, and three-quarters of firms plan more hiring.",
     [(1 / 3, "fraction"), (0.75, "fraction")]),
    ("Nearly two-thirds of voters backed the measure.", [(2 / 3, "fraction")]),
    ("A dozen protesters were arrested, and two dozen officers were injured.",
     [(12, None), (24, None)]),
    ("A couple of hundred fans waited at the airport.", [(200, None)]),
    ("A hundred firefighters fought the blaze.", [(100, None)]),
    ("Some 10,000-strong crowd marched through the city.", [(10_000, None)]),
    ("The earthquake killed at least 2,000 people and injured 5,500 more.",
     [(2000, None), (5500, None)]),
    ("The candidate received 48,213 votes, a majority of 1,205.", [(48_213, None), (1205, None)]),
    ("The risk is about 1 in 100,000.", [(1e-5, "fraction")]),
    ("Crime fell 5% last year, but knife offences rose by a quarter.",
     [(5, "%"), (0.25, "fraction")]),
    ("Scores of people were injured.", [(40, None)]),
    # durations and ages
    ("The suspect was sentenced to 12 years in prison.", [(12, "year")]),
    ("The trial lasted six weeks, and the jury deliberated for 10 hours.",
     [(6, "week"), (10, "hour")]),
    ("Half an hour later, police arrived.", [(0.5, "hour")]),
    # numbers inside names, scores, times, dates and phone numbers: no quantities
    ("The Boeing 737 crashed shortly after take-off with 62 people on board.", [(62, None)]),
    ("Microsoft will stop supporting Windows 10 in October 2025.", []),
    ("More than 6.9 million people have died of COVID-19 worldwide.", [(6.9e6, None)]),
    ("The G20 leaders met in New Delhi for two days.", [(2, "day")]),
    ("The 2012 Olympics in London drew 11 million visitors.", [(1.1e7, None)]),
    ("Apollo 11 landed on the Moon in July 1969.", []),
    ("The diner on Route 66 has served 40,000 customers.", [(40_000, None)]),
    ("The prime minister returned to No. 10 at 3:30pm on Friday.", []),
    ("For more information call 555-0142 or 1-800-555-0199.", []),
    ("Arsenal beat Chelsea 2-1 at the Emirates.", []),
    ("Djokovic won 6-3, 6-4 to reach his 10th final in Melbourne.", []),
    ("The 5G network covers 90% of the population, and the TV supports 4K video.",
     [(90, "%")]),
    ("Air Force One landed at 4 pm, and the new iOS 17 update fixes 20 bugs.", [(20, None)]),
    ("She came third in the 1500m.", [(1500, "m")]),
    ("The company filed for Chapter 11 bankruptcy, and Britain triggered Article 50.", []),
    ("A Category 4 hurricane hit Florida, and the city moved to Level 3 restrictions.", []),
    ("The Airbus A350 and the Boeing 787 Dreamliner are rivals.", []),
]


def _same(got: float | None, want: float | None) -> bool:
    if got is None or want is None:
        return got is want
    return abs(got - want) <= 1e-6 * max(1.0, abs(want))


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_values_and_units(sentence: str, expected: list[tuple]) -> None:
    quantities = extract_facts(sentence).quantities
    got = [(q.value, q.unit, q.value_max) for q in quantities]
    assert len(got) == len(expected), got
    for want in expected:
        value, unit, value_max = (*want, None)[:3]
        assert any(_same(g[0], value) and g[1] == unit and _same(g[2], value_max)
                   for g in got), (want, got)
