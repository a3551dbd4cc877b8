"""Numbers as news writes them, read from a run of token texts.

``read_number`` reads one number phrase starting at a token: digits ("80,000", "-1.3",
"1.2bn", "25k", "HK$300", "5.5pc"), number words ("forty-one", "two hundred"; via
text2num), scale words ("1.5 million", "£3.5m", "3 lakh"), vague plurals ("hundreds",
"tens of thousands", "several hundred"), fractions ("two-thirds", "a third of", "half of",
"two and a half"), ratios ("one in five") and multipliers ("sixfold", "6-fold": 6, as a
ratio); "a" before a measure and "of" is one ("a foot of snow"); thousands may be grouped
by dots ("1.250.000", two groups at least) or thin and no-break spaces.  ``read_unit``
reads the unit after a number: currencies (ISO 4217 codes; names from pycountry, "Swiss
francs"; "dollars" alone = USD),
hundredths of a currency kept as written ("95 pence", "95p", "73 cents", "12 paise"),
percent ("%", "per cent", "pct"), percentage and basis points, lengths, areas, weights,
volumes, speeds, energy, power, temperature ("40C", "-12°F", "47.2 degrees C"), data sizes
and rates, frequencies, light years and durations (seconds to centuries).
Currency symbols before a number: "$" is USD unless a country prefix says otherwise
("A$", "C$", "NZ$", "HK$", "S$", "R$", "NT$", also written "$A200"); local signs ("Rs",
"KSh", "RM", "Rp", "Tk") may be glued to the digits ("Rs500") or split by a point
("Rs. 500").  "minus" and "negative" before a number are its sign; "half a percentage
point" is 0.5 pp.

The functions take token texts (and Penn tags, for "m" = million or metres) so they can be
tested without a parser; ``quantities`` decides which phrases are quantities.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import pycountry
from text_to_num import text2num

SCALES = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 10**12, "lakh": 100_000, "lakhs": 100_000, "crore": 10**7, "crores": 10**7,
    "mln": 1_000_000, "bln": 1_000_000_000, "mn": 1_000_000, "bn": 1_000_000_000,
    "tn": 10**12, "trn": 10**12,
}
# Suffixes glued to digits ("25k", "1.2bn"); "m" and "b" are decided by context.
SCALE_SUFFIXES = {"k": 1_000, "mn": 1_000_000, "mln": 1_000_000, "bn": 1_000_000_000,
                  "bln": 1_000_000_000, "tn": 10**12, "trn": 10**12}
# Vague plurals get a representative value, twice the scale ("hundreds" = 200; "tens of
# thousands" = 20,000), and approximate=True.
VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2_000,
         "millions": 2_000_000, "billions": 2_000_000_000, "tens": 20}
VAGUE_COUNTS = {"several": 3, "few": 3}  # "several hundred", "a few thousand"
DASHES = ("-", "–", "—")
SCALE_WORDS = ("hundred", "thousand", "million", "billion", "trillion")
NUMBER_WORDS = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
    "eighty", "ninety", "hundred", "thousand", "million", "billion", "trillion",
}
DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10,
}
# Words after "by a fifth" that end the phrase ("fell by a fifth to £2bn"), unlike a noun
# ("by a third party").
FRACTION_FOLLOWERS = {"to", "from", "in", "on", "since", "over", "after", "during", "and",
                      "or", "but", "while", "as", "last", "this", "compared", "against"}
# Nouns after "a quarter-point": a move of a rate, in percentage points.
RATE_MOVES = {"cut", "cuts", "rise", "rises", "hike", "hikes", "increase", "increases",
              "reduction", "reductions", "drop", "fall", "move", "moves"}
CURRENCY_SYMBOLS = {
    "$": "USD", "US$": "USD", "U.S.$": "USD", "A$": "AUD", "AU$": "AUD", "C$": "CAD",
    "CA$": "CAD", "CAN$": "CAD", "NZ$": "NZD", "HK$": "HKD", "S$": "SGD", "R$": "BRL",
    "NT$": "TWD", "MX$": "MXN", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW",
    "₽": "RUB", "₺": "TRY", "₦": "NGN", "₱": "PHP", "₪": "ILS", "Rs": "INR", "Rs.": "INR",
    "KSh": "KES", "Ksh": "KES", "RM": "MYR", "Rp": "IDR", "Tk": "BDT", "Dh": "AED",
    "Dhs": "AED",
}
# "NZ $ 26": a country prefix written apart from the dollar sign.
DOLLAR_PREFIXES = {"US": "USD", "U.S.": "USD", "A": "AUD", "AU": "AUD", "C": "CAD",
                   "CA": "CAD", "NZ": "NZD", "HK": "HKD", "S": "SGD", "R": "BRL", "NT": "TWD"}
# Three capitals that are ISO codes but more often English words in headlines.
NOT_CODES = {"ALL", "TOP", "CUP", "SOS", "MOP", "BOB", "PEN", "MAD", "TRY", "GEL", "SAR",
             "XXX", "XTS", "CHE", "CHW", "COU", "USN", "BOV"}
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "dlrs": "USD", "euro": "EUR", "euros": "EUR",
    "pound": "GBP", "pounds": "GBP", "sterling": "GBP", "stg": "GBP", "yen": "JPY",
    "yuan": "CNY", "renminbi": "CNY", "rupee": "INR", "rupees": "INR", "rouble": "RUB",
    "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "naira": "NGN", "rand": "ZAR",
    "francs": "CHF", "lira": "TRY", "liras": "TRY", "riyal": "SAR", "riyals": "SAR",
    "dirham": "AED", "dirhams": "AED", "shilling": "KES", "shillings": "KES", "pesos": "MXN",
    "reais": "BRL", "taka": "BDT", "zloty": "PLN", "zlotys": "PLN", "forint": "HUF",
    "ringgit": "MYR", "baht": "THB", "rupiah": "IDR", "hryvnia": "UAH", "hryvnias": "UAH",
    "shekel": "ILS", "shekels": "ILS", "soles": "PEN", "cedi": "GHS", "cedis": "GHS",
    "kwacha": "ZMW", "bitcoin": "BTC", "bitcoins": "BTC", "kronor": "SEK", "krona": "SEK",
}
# Hundredths of a currency, kept as written: "95 pence", "73 cents", "12 paise", "95p".
SUBUNITS = {"pence": "pence", "penny": "pence", "cent": "cent", "cents": "cent",
            "paise": "paise", "kopecks": "kopeck", "kopeks": "kopeck"}
SUBUNIT_SUFFIXES = {"p": "pence", "c": "cent"}
# Currency words that are also common English: only right after a scale word.
SCALED_CURRENCY_WORDS = {"won": "KRW", "real": "BRL", "dong": "VND", "sol": "PEN"}

MONEY, PERCENTAGE, DURATION = "money", "percentage", "duration"
# Kinds of unit that "a" may stand before as one: "a foot of snow", "an inch of rain".
MEASURE_KINDS = {"distance", "area", "weight", "volume"}
MEASURES: dict[str, tuple[str, str]] = {
    # phrase → (unit, kind)
    "%": ("%", PERCENTAGE), "percent": ("%", PERCENTAGE), "per cent": ("%", PERCENTAGE),
    "pct": ("%", PERCENTAGE), "per-cent": ("%", PERCENTAGE),
    "percentage point": ("pp", PERCENTAGE), "percentage points": ("pp", PERCENTAGE),
    "pp": ("pp", PERCENTAGE), "ppt": ("pp", PERCENTAGE), "ppts": ("pp", PERCENTAGE),
    "basis point": ("bp", PERCENTAGE), "basis points": ("bp", PERCENTAGE),
    "bps": ("bp", PERCENTAGE), "basis - point": ("bp", PERCENTAGE),
    "percentage - point": ("pp", PERCENTAGE),
    "km": ("km", "distance"), "kms": ("km", "distance"), "kilometre": ("km", "distance"),
    "kilometres": ("km", "distance"), "kilometer": ("km", "distance"),
    "kilometers": ("km", "distance"), "m": ("m", "distance"), "metre": ("m", "distance"),
    "metres": ("m", "distance"), "meter": ("m", "distance"), "meters": ("m", "distance"),
    "cm": ("cm", "distance"), "centimetres": ("cm", "distance"),
    "centimeters": ("cm", "distance"), "mm": ("mm", "distance"),
    "millimetres": ("mm", "distance"), "millimeters": ("mm", "distance"),
    "mile": ("mi", "distance"), "miles": ("mi", "distance"), "mi": ("mi", "distance"),
    "nautical miles": ("nmi", "distance"), "ft": ("ft", "distance"),
    "feet": ("ft", "distance"), "foot": ("ft", "distance"), "yards": ("yd", "distance"),
    "inches": ("in", "distance"), "inch": ("in", "distance"),
    "sq km": ("km2", "area"), "square kilometres": ("km2", "area"),
    "square kilometers": ("km2", "area"), "km2": ("km2", "area"), "km²": ("km2", "area"),
    "square metres": ("m2", "area"), "square meters": ("m2", "area"),
    "square metre": ("m2", "area"), "square meter": ("m2", "area"), "sq m": ("m2", "area"),
    "m2": ("m2", "area"), "m²": ("m2", "area"), "square miles": ("mi2", "area"),
    "sq miles": ("mi2", "area"), "square feet": ("ft2", "area"), "sq ft": ("ft2", "area"),
    "hectares": ("ha", "area"), "hectare": ("ha", "area"), "ha": ("ha", "area"),
    "acres": ("acre", "area"), "acre": ("acre", "area"),
    "kg": ("kg", "weight"), "kilograms": ("kg", "weight"), "kilogrammes": ("kg", "weight"),
    "kilos": ("kg", "weight"), "kilogram": ("kg", "weight"), "kilo": ("kg", "weight"),
    "gram": ("g", "weight"), "grams": ("g", "weight"), "milligrams": ("mg", "weight"),
    "gallon": ("gal", "volume"), "centimetre": ("cm", "distance"),
    "centimeter": ("cm", "distance"), "millimetre": ("mm", "distance"),
    "millimeter": ("mm", "distance"), "yard": ("yd", "distance"),
    "square kilometre": ("km2", "area"), "square kilometer": ("km2", "area"),
    "square mile": ("mi2", "area"), "square foot": ("ft2", "area"), "grammes": ("g", "weight"),
    "mg": ("mg", "weight"), "tonnes": ("t", "weight"), "tonne": ("t", "weight"),
    "tons": ("t", "weight"), "ton": ("t", "weight"), "lb": ("lb", "weight"),
    "lbs": ("lb", "weight"), "ounces": ("oz", "weight"), "oz": ("oz", "weight"),
    "litres": ("l", "volume"), "liters": ("l", "volume"), "litre": ("l", "volume"),
    "liter": ("l", "volume"), "ml": ("ml", "volume"), "gallons": ("gal", "volume"),
    "barrels": ("bbl", "volume"), "barrel": ("bbl", "volume"), "bbl": ("bbl", "volume"),
    "bpd": ("bbl", "volume"),  # barrels per day
    "cubic metres": ("m3", "volume"), "cubic meters": ("m3", "volume"),
    "km/h": ("km/h", "speed"), "kph": ("km/h", "speed"), "kmh": ("km/h", "speed"),
    "km / h": ("km/h", "speed"), "kilometres per hour": ("km/h", "speed"),
    "kilometers per hour": ("km/h", "speed"), "km per hour": ("km/h", "speed"),
    "kilometres an hour": ("km/h", "speed"), "kilometers an hour": ("km/h", "speed"),
    "km an hour": ("km/h", "speed"), "km/hr": ("km/h", "speed"),
    "miles an hour": ("mph", "speed"),
    "mph": ("mph", "speed"), "miles per hour": ("mph", "speed"), "knots": ("kn", "speed"),
    "kw": ("kW", "power"), "kilowatts": ("kW", "power"), "mw": ("MW", "power"),
    "megawatts": ("MW", "power"), "gw": ("GW", "power"), "gigawatts": ("GW", "power"),
    "kwh": ("kWh", "energy"), "mwh": ("MWh", "energy"), "gwh": ("GWh", "energy"),
    "twh": ("TWh", "energy"), "°c": ("°C", "temperature"), "°f": ("°F", "temperature"),
    "degrees celsius": ("°C", "temperature"), "degrees centigrade": ("°C", "temperature"),
    "degrees fahrenheit": ("°F", "temperature"),
    "degrees": ("°", "temperature"), "degree": ("°", "temperature"),
    "degrees c": ("°C", "temperature"), "degrees f": ("°F", "temperature"),
    "° c": ("°C", "temperature"), "° f": ("°F", "temperature"), "°": ("°", "temperature"),
    "light years": ("ly", "distance"), "light - years": ("ly", "distance"),
    "light-years": ("ly", "distance"), "light year": ("ly", "distance"),
    "magnitude": ("magnitude", "magnitude"), "gb": ("GB", "data"),
    "gigabytes": ("GB", "data"), "mb": ("MB", "data"), "megabytes": ("MB", "data"),
    "tb": ("TB", "data"), "terabytes": ("TB", "data"),
    "gbps": ("Gbps", "data rate"), "mbps": ("Mbps", "data rate"),
    "kbps": ("kbps", "data rate"), "ghz": ("GHz", "frequency"),
    "mhz": ("MHz", "frequency"), "khz": ("kHz", "frequency"),
    "gigahertz": ("GHz", "frequency"), "megahertz": ("MHz", "frequency"),
}
TIME_UNITS = {
    "second": "second", "seconds": "second", "secs": "second", "minute": "minute",
    "minutes": "minute", "mins": "minute", "hour": "hour", "hours": "hour", "hrs": "hour",
    "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
    "months": "month", "year": "year", "years": "year", "yrs": "year", "decade": "decade",
    "decades": "decade", "century": "century", "centuries": "century",
}
for _word, _unit in TIME_UNITS.items():
    MEASURES[_word] = (_unit, DURATION)
    for _kind in ("working", "business", "calendar", "consecutive", "straight"):
        MEASURES[f"{_kind} {_word}"] = (_unit, DURATION)

_DIGITS = re.compile(
    r"(?P<cur>[A-Z]{0,3}\$|[€£¥₹₩₽₺₦₱₪])?(?P<sign>[-+−])?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3}){2,}|\d+(?:\.\d+)?|\.\d+)"
    r"(?P<suffix>[a-zA-Z%]{1,4})?"
)
_PREFIX_AFTER = re.compile(r"(?P<prefix>[A-Z]{1,2})(?P<rest>\d[\d,.]*[a-z]{0,2})")
_SYMBOL_GLUED = re.compile(r"(?P<prefix>[A-Z][A-Za-z]{1,2}\.?)(?P<rest>\d[\d,.]*[a-z]{0,2})")
GROUP_SPACES = {"\u2009", "\u202f", "\u00a0"}  # thin, narrow no-break, no-break
_PLAIN = re.compile(r"\d+(?:\.\d+)?")
_PERCENT_SUFFIXES = {"%", "pc", "pct"}


@dataclass
class NumberPhrase:
    """One number read from tokens ``start``..``end`` (exclusive)."""

    start: int
    end: int
    value: float
    approximate: bool = False  # vague: "hundreds", "several thousand"
    currency: str | None = None  # ISO code from a symbol or code before or glued
    unit: str | None = None  # a unit glued to the digits: "5.5pc" → "%"
    fraction: bool = False  # "two-thirds", "one in five": value is a share of one
    in_words: bool = False  # written in words ("forty-one")
    scaled: bool = False  # a scale word or suffix was applied ("1.5 million")
    scale: float = 1.0  # the last scale applied: 1e6 for "1.5 million"
    value_max: float | None = None  # a range written as one token: "8–10"


@functools.cache
def _currency_names() -> dict[str, str]:
    """Lower-case currency names of two or more words ("swiss franc(s)") → ISO code."""
    out: dict[str, str] = {}
    for cur in pycountry.currencies:
        name = cur.name.lower()
        if " " not in name or "(" in name or not name.isascii():
            continue
        out[name] = cur.alpha_3
        out[name + "s"] = cur.alpha_3
    out.update({
        "us dollars": "USD", "u.s. dollars": "USD", "american dollars": "USD",
        "taiwan dollars": "TWD", "pakistani rupees": "PKR", "swedish kronor": "SEK",
        "danish kroner": "DKK", "norwegian kroner": "NOK", "cfa francs": "XOF",
        "pounds sterling": "GBP", "ugandan shillings": "UGX",
    })
    return out


def iso_currency(text: str) -> str | None:
    """``text`` when it is an ISO 4217 code written in capitals ("EUR"), else None."""
    if len(text) != 3 or not text.isupper() or text in NOT_CODES:
        return None
    return text if pycountry.currencies.get(alpha_3=text) is not None else None


def read_unit(texts: list[str], i: int, after_scale: bool = False) -> tuple[str, str, int] | None:
    """The unit starting at token ``i``: (unit, kind, end); kind is money, percentage,
    duration, distance, area, weight, volume, speed, power, energy, temperature or data."""
    lows = [t.lower() for t in texts[i:i + 4]]
    for size in (4, 3, 2, 1):
        if len(lows) < size:
            continue
        phrase = " ".join(lows[:size])
        if phrase.endswith(".") and len(phrase) > 1 and phrase[:-1] in MEASURES:
            phrase = phrase[:-1]  # a sentence-final "km/h.": the full stop glued on
        if phrase in _currency_names():
            return _currency_names()[phrase], MONEY, i + size
        if phrase in MEASURES:
            unit, kind = MEASURES[phrase]
            return unit, kind, i + size
    if not lows:
        return None
    if texts[i] == "pc":
        return "%", PERCENTAGE, i + 1  # "4.9 pc" (not "PC", a computer)
    if lows[0] in CURRENCY_WORDS:
        return CURRENCY_WORDS[lows[0]], MONEY, i + 1
    if lows[0] in SUBUNITS:
        return SUBUNITS[lows[0]], MONEY, i + 1
    if after_scale and lows[0] in SCALED_CURRENCY_WORDS:
        return SCALED_CURRENCY_WORDS[lows[0]], MONEY, i + 1
    code = iso_currency(texts[i])
    if code:
        return code, MONEY, i + 1
    return None


def _number_value(text: str) -> float:
    if text.count(".") > 1:
        return float(text.replace(".", ""))  # European thousands: "1.250.000"
    return float(text.replace(",", ""))


def _words_value(words: list[str]) -> float | None:
    """Value of number words ("forty - one", "two hundred and fifty")."""
    words = [w for w in words if w != "-"]
    if words and words[0] in ("a", "an"):
        words = ["one", *words[1:]]
    try:
        return float(text2num(" ".join(words), "en"))
    except ValueError:
        return None


def _scaled(value: float, scale: float) -> float:
    """``value`` times ``scale`` without binary noise: 4.1 * 1e9 is 4100000000, not
    4099999999.9999995."""
    return float(f"{value * scale:.12g}")


def _is_million_m(texts: list[str], tags: list[str], i: int, money: bool) -> bool:
    """"m" after digits is million with money, a plural noun next ("3m people") or a unit
    next ("3.4m sq km")."""
    return money or (i + 1 < len(tags) and tags[i + 1] in ("NNS", "NNPS")) or (
        i + 1 < len(texts) and read_unit(texts, i + 1) is not None)


def _glued(texts: list[str], tags: list[str], i: int, money: bool) -> NumberPhrase | None:
    """A number written in one token: "80,000", "-1.3", "HK$300", "1.2bn", "5.5pc", "8–10"."""
    match = _DIGITS.fullmatch(texts[i])
    if match is None and texts[i].endswith(".") and i + 1 == len(texts):
        match = _DIGITS.fullmatch(texts[i][:-1])  # the full stop glued on: "-15C."
        if match is not None and not match["suffix"]:
            match = None
    if not match:
        low, _, high = texts[i].partition("–") if "–" in texts[i] else texts[i].partition("-")
        if money and high[:1] in "$€£¥₹" and high[:1]:
            high = high[1:]  # "$10-$12": the sign written again
        if not money and low.endswith("%") and texts[i + 1:i + 2] == ["%"]:
            low = low[:-1]  # "1.5%-2" + "%"
        scale = 1.0
        if money and (low[-1:] in ("m", "k") or low[-2:] == "bn"):
            suffix = "bn" if low.endswith("bn") else low[-1]
            low, scale = low[:-len(suffix)], {"m": 1e6, "k": 1e3, "bn": 1e9}[suffix]
        if _PLAIN.fullmatch(low) and _PLAIN.fullmatch(high) and (
                scale > 1 or float(high) > float(low)):
            # "£1m-£2" + "m": the low end scaled by its own suffix, the high end by the next
            return NumberPhrase(i, i + 1, float(low) * scale, value_max=float(high),
                                scaled=scale > 1, scale=scale)
        return None
    value = _number_value(match["num"])
    if match["sign"] in ("-", "−"):
        value = -value
    phrase = NumberPhrase(i, i + 1, value)
    if match["cur"]:
        phrase.currency = CURRENCY_SYMBOLS.get(match["cur"])
        if phrase.currency is None:
            return None
        money = True
    suffix = (match["suffix"] or "").lower()
    if not suffix:
        return phrase
    if suffix in SCALE_SUFFIXES or (suffix == "m" and _is_million_m(texts, tags, i, money)) or (
            suffix == "b" and money):
        phrase.scale = SCALE_SUFFIXES.get(suffix) or (1e6 if suffix == "m" else 1e9)
        phrase.value = _scaled(phrase.value, phrase.scale)
        phrase.scaled = True
    elif suffix in _PERCENT_SUFFIXES:
        phrase.unit = "%"
    elif match["suffix"] in ("C", "F"):
        phrase.unit = "°" + match["suffix"]  # "40C"
    elif suffix in MEASURES:
        phrase.unit = MEASURES[suffix][0]
    elif match["suffix"] in SUBUNIT_SUFFIXES and not match["cur"]:
        phrase.unit = SUBUNIT_SUFFIXES[match["suffix"]]  # "95p", "73c"
    else:
        return None  # "1990s", "18th", "5G", "3D"
    return phrase


def _word_run(lows: list[str], i: int) -> int:
    """End of the run of number words starting at ``i`` ("forty - one", "a hundred")."""
    j = i
    if lows[j] in ("a", "an"):
        if lows[j + 1:j + 2] == ["dozen"]:
            return j + 1  # "a dozen": one, times twelve (see _apply_scales)
        if not (lows[j + 1:j + 2] and lows[j + 1] in SCALE_WORDS):
            return i
        j += 1
    while j < len(lows):
        low = lows[j]
        nxt = lows[j + 1] if j + 1 < len(lows) else ""
        prev = lows[j - 1] if j > i else ""
        if low in NUMBER_WORDS:
            j += 1
        elif low == "-" and prev in NUMBER_WORDS and nxt in NUMBER_WORDS:
            j += 1  # "forty - one"
        elif low == "and" and prev in SCALE_WORDS and nxt in NUMBER_WORDS:
            j += 1  # "two hundred and fifty"
        else:
            break
    return j


def _apply_scales(phrase: NumberPhrase, texts: list[str], tags: list[str],
                  money: bool) -> None:
    """Multiply by scale words after the number ("1.5 million", "£3.5 m", "3 lakh")."""
    j = phrase.end
    while j < len(texts):
        low = texts[j].lower()
        if low in DASHES and j + 1 < len(texts) and texts[j + 1].lower() in SCALES \
                and j == phrase.end:
            j += 1  # "$5.6-billion"
            low = texts[j].lower()
        if low.endswith(".") and j + 1 == len(texts) and low[:-1] in (*SCALES, "m"):
            low = low[:-1]  # the sentence's full stop glued on: "A$3m."
        if low in SCALES:
            scale = SCALES[low]
        elif low == "m" and _is_million_m(texts, tags, j, money):
            scale = 1_000_000
        elif low == "dozen":
            scale = 12
        else:
            break
        if not (phrase.scaled and phrase.value_max is not None):
            phrase.value = _scaled(phrase.value, scale)
        if phrase.value_max is not None:
            phrase.value_max = _scaled(phrase.value_max, scale)  # "8–10 million"
        phrase.scale = scale
        phrase.scaled = True
        j += 1
    phrase.end = j


def _and_a_half(phrase: NumberPhrase, lows: list[str]) -> None:
    """"two and a half (million)" → 2.5 before the scale."""
    j = phrase.end
    if lows[j:j + 3] == ["and", "a", "half"]:
        phrase.value += 0.5
        phrase.end = j + 3


def _single_value(low: str) -> float | None:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", low):
        return float(low.replace(",", ""))
    return _words_value([low]) if low in NUMBER_WORDS else None


def _ratio_word_end(lows: list[str], end: int) -> int | None:
    """Where the denominator starts after "in" or "out of" at ``end`` ("one in five"; also
    hyphenated before a noun: "a one - in - five chance", "a 1 - in-3 chance"), or None."""
    if lows[end:end + 1] == ["in"]:
        return end + 1
    if lows[end:end + 2] == ["out", "of"]:
        return end + 2
    if lows[end:end + 3] == ["-", "in", "-"]:
        return end + 3
    if lows[end:end + 1] == ["-"] and end + 1 < len(lows) and lows[end + 1].startswith("in-"):
        return end + 2
    return None


def _fraction(lows: list[str], i: int, numerator: float, end: int) -> NumberPhrase | None:
    """A share right after a numerator ending at ``end``: "two - thirds", "one third of",
    "one in five", "1 out of every 4"."""
    hyphen = lows[end:end + 1] == ["-"]
    j = end + 1 if hyphen else end
    if j < len(lows) and lows[j] in DENOMINATORS:
        word = lows[j]
        plural = word.endswith("s")
        nxt = lows[j + 1] if j + 1 < len(lows) else ""
        by_a = lows[i] in ("a", "an") and i > 0 and lows[i - 1] == "by"  # "fell by a fifth"
        ends = not nxt.isalpha() or (by_a and nxt in FRACTION_FOLLOWERS)
        singular_ok = numerator == 1 and not plural and (
            hyphen or nxt in ("of", "the") or ((lows[i] == "one" or by_a) and ends))
        if (plural and numerator > 1) or singular_ok:
            return NumberPhrase(i, j + 1, numerator / DENOMINATORS[word], fraction=True,
                                in_words=True)
        return None
    if numerator != int(numerator) or numerator < 1:
        return None
    k = _ratio_word_end(lows, end)
    if k is None:
        return None
    glued = lows[k - 1].startswith("in-")  # "1 - in-3"
    if not glued and lows[k:k + 1] == ["every"]:
        k += 1
    if glued:
        denominator, k = _single_value(lows[k - 1][3:]), k - 1
    else:
        denominator = _single_value(lows[k]) if k < len(lows) else None
    if denominator is None or denominator <= max(1, numerator):
        return None
    if read_unit(lows, k + 1) is not None:
        return None  # "3 in 10 minutes", "one in 20 years"
    return NumberPhrase(i, k + 1, numerator / denominator, fraction=True,
                        in_words=lows[i].isalpha())


def _spaced_groups(texts: list[str], i: int) -> int:
    """The last token of a number grouped by thin or no-break spaces ("10 000", which the
    tokenizer splits around the space), else ``i``."""
    j = i
    if not re.fullmatch(r"\d{1,3}", texts[i]):
        return i
    while j + 2 < len(texts) and texts[j + 1] in GROUP_SPACES and \
            re.fullmatch(r"\d{3}(?:[.,]\d+)?", texts[j + 2]):
        j += 2
    return j


def read_number(texts: list[str], tags: list[str], i: int,
                lows: list[str] | None = None) -> NumberPhrase | None:
    """The number phrase whose first token is ``i`` (a currency sign included), or None;
    ``lows``: the texts in lower case, when the caller has them."""
    lows = lows if lows is not None else [t.lower() for t in texts]
    start = i
    last = _spaced_groups(texts, i)
    if last > i:  # "10 000" with a thin space: read as one number at its last group
        texts = [*texts[:last], "".join(texts[i:last + 1:2]), *texts[last + 1:]]
        lows = [t.lower() for t in texts]
        i = last
    currency = None
    sign = 1.0
    text = texts[i]
    prefixed = _PREFIX_AFTER.fullmatch(texts[i + 1]) if text == "$" and i + 1 < len(texts) \
        else None
    glued = _SYMBOL_GLUED.fullmatch(text)
    if prefixed and prefixed["prefix"] in DOLLAR_PREFIXES:
        currency, i = DOLLAR_PREFIXES[prefixed["prefix"]], i + 1  # "$A200 million"
        texts = [*texts[:i], prefixed["rest"], *texts[i + 1:]]
        lows = [t.lower() for t in texts]
    elif glued and glued["prefix"] in CURRENCY_SYMBOLS:
        currency = CURRENCY_SYMBOLS[glued["prefix"]]  # "RM2.6", "KSh2", "Rs500"
        texts = [*texts[:i], glued["rest"], *texts[i + 1:]]
        lows = [t.lower() for t in texts]
    elif text + "." in CURRENCY_SYMBOLS and texts[i + 1:i + 2] == ["."] and i + 2 < len(texts) \
            and _DIGITS.fullmatch(texts[i + 2]):
        currency, i = CURRENCY_SYMBOLS[text + "."], i + 2  # "Rs. 500": the point split off
    elif text in CURRENCY_SYMBOLS and i + 1 < len(texts):
        currency, i = CURRENCY_SYMBOLS[text], i + 1
    elif text in DOLLAR_PREFIXES and texts[i + 1:i + 2] == ["$"] and i + 2 < len(texts):
        currency, i = DOLLAR_PREFIXES[text], i + 2
    elif iso_currency(text) and i + 1 < len(texts) and _DIGITS.fullmatch(texts[i + 1]):
        currency, i = text, i + 1
    elif lows[i] in ("minus", "negative") and i + 1 < len(texts) and (
            _DIGITS.fullmatch(texts[i + 1]) or lows[i + 1] in NUMBER_WORDS):
        sign, i = -1.0, i + 1
    phrase = _read_core(texts, tags, lows, i, currency is not None)
    if phrase is None or (currency and phrase.currency and phrase.currency != currency):
        return None
    phrase.start = start
    phrase.value *= sign
    phrase.currency = currency or phrase.currency
    return phrase


def _read_core(texts: list[str], tags: list[str], lows: list[str], i: int,
               money: bool) -> NumberPhrase | None:
    low = lows[i]
    nxt = lows[i + 1] if i + 1 < len(lows) else ""
    if low == "half" and nxt in ("a", "an") and i + 2 < len(lows) and lows[i + 2] in (
            *SCALE_WORDS, "dozen"):
        scale = SCALES.get(lows[i + 2], 12)
        return NumberPhrase(i, i + 3, scale / 2, in_words=True, scaled=True, scale=scale)
    if low == "half" and nxt in ("a", "an") and read_unit(texts, i + 2) is not None:
        return NumberPhrase(i, i + 2, 0.5, in_words=True)  # "half a percentage point"
    if low in ("half", "quarter") and nxt == "-":
        for words in (["point"], ["percentage", "-", "point"]):
            end = i + 2 + len(words)
            if lows[i + 2:end] == words and lows[end:end + 1] and lows[end] in RATE_MOVES:
                return NumberPhrase(i, end, 0.5 if low == "half" else 0.25, in_words=True,
                                    unit="pp")  # "a quarter-point cut", not a chess score
    if low == "a" and nxt == "couple" and lows[i + 2:i + 3] == ["of"] and \
            i + 3 < len(lows) and lows[i + 3] in SCALE_WORDS:
        phrase = NumberPhrase(i, i + 3, 2.0, approximate=True, in_words=True)
        _apply_scales(phrase, texts, tags, money)  # "a couple of hundred"
        return phrase
    if low == "half" and nxt in ("of", "the", "its", "their", "his", "her"):
        return NumberPhrase(i, i + 1, 0.5, fraction=True, in_words=True)
    fold = _fold(lows, i)
    if fold is not None:
        return fold
    if low in ("a", "an") and (unit := read_unit(texts, i + 1)) is not None and \
            unit[1] in MEASURE_KINDS and lows[unit[2]:unit[2] + 1] == ["of"] and \
            nxt not in ("ton", "tons"):  # not "a ton of questions": a lot
        return NumberPhrase(i, i + 1, 1.0, in_words=True)  # "a foot of snow"
    if low in ("a", "an") and nxt in DENOMINATORS and not nxt.endswith("s"):
        return _of_a_scale(_fraction(lows, i, 1.0, i + 1), lows) if nxt != "half" else None
    if low in VAGUE:
        return _vague(lows, i)
    if low in VAGUE_COUNTS or (low == "a" and nxt == "few"):
        j = i + (2 if low == "a" else 1)
        if j < len(lows) and lows[j] in (*SCALE_WORDS, "dozen"):
            phrase = NumberPhrase(i, j, float(VAGUE_COUNTS.get(low, 3)), approximate=True,
                                  in_words=True)
            _apply_scales(phrase, texts, tags, money)
            return phrase
        return None
    phrase = _glued(texts, tags, i, money)
    if phrase is None:
        end = _word_run(lows, i)
        value = _words_value(lows[i:end]) if end > i else None
        if value is None:
            return None
        fraction = _fraction(lows, i, value, end)
        if fraction is not None:
            return _of_a_scale(fraction, lows)
        phrase = NumberPhrase(i, end, value, in_words=True, scale=SCALES.get(lows[end - 1], 1),
                              scaled=any(w in SCALES for w in lows[i:end]))
    elif not phrase.unit and not phrase.currency and (phrase.value == 1 or (
            _ratio_word_end(lows, i + 1) is not None and phrase.value == int(phrase.value))):
        fraction = _fraction(lows, i, phrase.value, i + 1)  # "1 in 5", "3 in 10"
        if fraction is not None:
            return fraction
    _and_a_half(phrase, lows)
    if not phrase.unit:
        _apply_scales(phrase, texts, tags, money or phrase.currency is not None)
    return phrase


def _fold(lows: list[str], i: int) -> NumberPhrase | None:
    """A multiplier: "sixfold", "thirtyfold", "6-fold", "two - fold" (a ratio: value 6)."""
    low = lows[i]
    if low.endswith("fold") and len(low) > 4:
        head, end = low[:-4].rstrip("-"), i + 1
    elif lows[i + 1:i + 3] == ["-", "fold"]:
        head, end = low, i + 3
    else:
        return None
    value = _single_value(head) if head.isdigit() else _words_value([head])
    if value is None or value < 2 or head in ("a", "an", "many", "one"):
        return None
    if i > 0 and lows[i - 1] in ("is", "are", "was", "were", "be", "'s"):
        return None  # "the problem is twofold": in two parts, no ratio
    return NumberPhrase(i, end, value, fraction=True, in_words=not head.isdigit())


def _of_a_scale(fraction: NumberPhrase | None, lows: list[str]) -> NumberPhrase | None:
    """"three quarters of a million", "a quarter of a million": the share of the scale."""
    if fraction is None:
        return None
    end = fraction.end
    if lows[end:end + 2] == ["of", "a"] and end + 2 < len(lows) and lows[end + 2] in SCALE_WORDS:
        scale = SCALES[lows[end + 2]]
        return NumberPhrase(fraction.start, end + 3, _scaled(fraction.value, scale),
                            in_words=True, scaled=True, scale=scale)
    return fraction


def _vague(lows: list[str], i: int) -> NumberPhrase | None:
    """"hundreds", "tens of thousands", "hundreds of millions"; "tens" needs "of" + scale."""
    value = float(VAGUE[lows[i]])
    end = i + 1
    if lows[end:end + 1] == ["of"] and end + 1 < len(lows) and lows[end + 1] in VAGUE \
            and lows[end + 1] not in ("tens", "dozens", "scores"):
        value *= VAGUE[lows[end + 1]] / 2
        end += 2
    elif lows[i] == "scores" and lows[end:end + 1] == ["of"]:
        end = i + 1  # "scores of people"
    elif lows[i] in ("tens", "scores"):
        return None  # "tens" alone, "scores" (of a match)
    return NumberPhrase(i, end, value, approximate=True, in_words=True, scaled=True)


def parse_number(words: list[str]) -> tuple[float, bool] | None:
    """Value of a number written as ``words`` (digits and/or words); (value, approximate)."""
    phrase = read_number(words, [""] * len(words), 0)
    if phrase is None or phrase.end != len(words):
        return None
    return phrase.value, phrase.approximate
