"""What the words around a name say it is: the context cues of ``extract.names``.

Each cue is a general rule of news English, read off the words right before or after a
name (and the parse), and votes for one label for the whole name in the article:

* a common noun of a kind at the start of a name, or right before it: "Cyclone Phailin",
  "Hurricane Fran", "Operation Desert Storm" → EVENT; "Space Shuttle Atlantis", "USS Cole"
  → PRODUCT (storms, operations and vehicles, which the model takes for people);
* a last word that is a legal form or a kind of body: "Dresdner Bank", "Acme Ltd" → ORG;
  a league's: "the Premier League", "the Bundesliga" → ORG (a body, not a place); what
  shares are held in: "shares in Croda", "a stake in Rusal" → ORG (no known place); what
  has shareholders, a chairman or a unit: "Croda's chief executive", "Korvald's
  chairman" → ORG; "Tessby shares closed higher" → ORG; Romance company words and
  "-bank" names: "Banco Pereira", "Grupo ...", "Tessby Sparebank" → ORG;
* a body's noun right before a name, or after one between "the" (or an owner) and it:
  "cement maker Cementos Ruvalca", "its unit Korvald Finans", "the daily Gazeta
  Poranna", "the Handelsblatt newspaper", "the Nikkei average" → ORG;
* a newspaper's last word: "the Jordan Times", "the Daily Herald", and after a place "the
  Toronto Star", "the Edmonton Sun" → ORG (what the model took for a place or a person);
* a word of letters and digits in what the model took for a place or a person: "IE6",
  "STS-1", "F-16" → PRODUCT (products, models and missions carry numbers; towns and
  people do not);
* a last word that says what kind of thing a name is: "Castle Road", "Heathrow Airport"
  → FAC, "Hubble Space Telescope" → PRODUCT, "the Winter Olympics", "the Lantern
  Festival" → EVENT;
* a city (or a name beginning or ending with one) next to a result in a sentence with a
  score: "Barcelona beat Valencia 2-1", "Marseille drew 1-1 with Lyon", "Ajax Amsterdam
  lost 2-0", and so a "place" the gazetteer does not know: "lost 2-1 to Feyenoord" → ORG
  (clubs named after their towns; national sides stay places); "held 1-1 by Marseille";
  in a team sport's report (its headline opens with the sport) a town next to a result's
  words without a score too, "beat Zaragoza", and a team's standing before a name:
  "leaders Valencia", "champions Barcelona" → ORG;
* a town before a team's role: "Barcelona coach Bobby Robson", "Valencia striker ..." →
  ORG (a country stays a place: "England coach Glenn Hoddle"); a club's last word:
  "Leeds United", "Blackburn Rovers" → ORG;
* a capital "The" inside a sentence: "told The Meridian" → ORG (a newspaper, a band;
  what the model took for a nationality or a person);
* a title before a name: "Gen Selim Idriss", "Mr Fabius" → PERSON;
* a place noun: "the town of Qusair", "the outskirts of Goma", "Sindh province", "the
  mayor of Porto Alegre" → GPE/LOC;
* a noun before it or in apposition: "the newspaper Zero Hora", "the state news agency,
  Sana," → ORG; "the UN envoy, Kofi Annan," / "Kone, a farmer," / an age, "Havel, 60,"
  → PERSON; "Rusal, the aluminium exporter," → ORG (a trade); "the provincial
  capital, Goma," → GPE; "the tanker Sea Star" → PRODUCT.

``title_not_name`` tells the start of a job title that the model took for an organisation
("Transport Minister"); ``ORG_LAST_WORDS`` ("Ltd", "Party") a name that is no person's.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from newsfeed.extract import gazetteer
from newsfeed.extract.given_names import is_given_name
from newsfeed.extract.spelling import singular

# Titles that precede a person's name; stripped from person mentions and names.
PERSON_TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
    "gen", "general", "col", "colonel", "maj", "major", "capt", "captain", "lt", "sgt",
    "adm", "admiral", "brig", "marshal", "president", "vice-president", "pm", "premier",
    "chancellor", "minister", "secretary", "governor", "mayor", "senator", "sen", "rep",
    "judge", "justice", "king", "queen", "prince", "princess", "sheikh", "emir", "pope",
    "rev", "reverend", "father", "imam", "ayatollah", "commander", "chief", "envoy",
    "ambassador", "spokesman", "spokeswoman", "spokesperson", "prosecutor", "inspector",
    "constable", "superintendent", "sergeant", "detective", "bishop", "archbishop",
    "cardinal", "rabbi",
}
# Nouns that say what a name is: "the state news agency, Sana,", "the UN envoy, Kofi Annan,".
ORG_NOUNS = {
    "agency", "group", "organisation", "organization", "network", "channel", "broadcaster",
    "newspaper", "paper", "daily", "ministry", "department", "company", "firm", "bank",
    "party", "movement", "militia", "council", "committee", "mission", "fund", "programme",
    "program", "union", "office", "charity", "station", "service", "alliance", "coalition",
    "faction", "front", "army", "force", "forces", "institute", "university", "website",
}
PERSON_NOUNS = {
    "minister", "spokesman", "spokeswoman", "spokesperson", "envoy", "president", "leader",
    "governor", "mayor", "commander", "chief", "head", "director", "ambassador", "secretary",
    "chairman", "chairwoman", "chair", "official", "representative", "economist", "analyst",
    "farmer", "doctor", "nurse", "engineer", "colleague", "father", "mother", "son",
    "daughter", "wife", "husband", "brother", "sister", "prosecutor", "lawyer", "general",
    "correspondent", "editor", "reporter", "founder", "owner", "resident", "worker",
    "activist", "witness", "professor", "teacher", "student", "premier", "chancellor",
    "negotiator", "researcher", "adviser", "advisor", "candidate", "senator", "judge",
    "woman", "man", "girl", "boy", "teenager",
}
PLACE_NOUNS = {
    "town", "city", "village", "province", "region", "district", "county", "state",
    "capital", "port", "island", "neighbourhood", "neighborhood", "suburb", "municipality",
    "governorate", "valley", "river",
}
# Words after which "in X" names a place: "forces in Tarkesh", "born in Goma".
IN_PLACE_WORDS = {
    "forces", "troops", "conflict", "war", "fighting", "violence", "unrest", "clashes",
    "crisis", "protests", "residents", "refugees", "camps", "born", "based", "headquartered",
    "riot", "riots", "rioting", "demonstrations", "explosion", "blast", "earthquake", "floods",
    "arrived", "lives", "lived", "living",
}
FLEE_WORDS = {"fled", "flee", "flees", "fleeing"}
VEHICLE_NOUNS = {
    "ship", "vessel", "yacht", "tanker", "freighter", "ferry", "frigate", "destroyer",
    "submarine", "carrier", "aircraft", "spacecraft", "shuttle", "probe", "satellite",
    "rocket",
}
SETTLEMENT_NOUNS = {"town", "city", "village", "capital", "port", "suburb"}
LOC_NOUNS = {"valley", "river", "lake", "mountains", "desert", "sea"}
OF_PLACE_HEADS = {
    "outskirts", "north", "south", "east", "west", "north-east", "north-west", "south-east",
    "south-west", "northeast", "northwest", "southeast", "southwest", "centre", "center",
    "heart", "suburbs", "streets",
}
OF_PLACE_PEOPLE = {"mayor", "governor", "people", "residents", "citizens", "parts"}
FOLLOWING_PLACE_NOUNS = {
    "river": "LOC", "rivers": "LOC", "valley": "LOC", "mountains": "LOC", "lake": "LOC",
    "desert": "LOC", "province": "GPE", "district": "GPE", "region": "GPE", "state": "GPE",
    "county": "GPE", "districts": "GPE", "provinces": "GPE", "regions": "GPE",
}
# Last words of organisation names: legal forms and kinds of body or institution.
ORG_LAST_WORDS = {
    "inc", "corp", "corporation", "co", "ltd", "plc", "llc", "ag", "sa", "nv", "gmbh", "spa",
    "bv", "ab", "asa", "holdings", "group", "party", "council", "committee", "commission",
    "ministry", "agency", "association", "federation", "union", "institute", "foundation",
    "university", "college", "bank", "airlines", "airways", "fc", "centre", "center",
    "museum", "gallery", "hospital", "school", "academy", "clinic", "laboratory", "library",
    # company names: legal forms and the trades that end them ("Bre-X Minerals")
    "limited", "incorporated", "cos", "bhd", "pty", "oyj", "kk", "srl", "llp", "lp",
    "industries", "enterprises", "motors", "securities", "investments", "insurance",
    "minerals", "mining", "petroleum", "pharmaceuticals", "telecom", "telecommunications",
    "communications", "electronics", "technologies", "airline", "railways", "brewery",
}
# Legal forms of companies, written after the name: "Siemens AG", "Nvidia Corp.", "Acme
# Holdings"; the name without one is the same company ("Siemens", "Nvidia").
LEGAL_FORMS = {"inc", "corp", "corporation", "co", "ltd", "plc", "llc", "ag", "sa", "se", "nv",
               "gmbh", "spa", "bv", "ab", "asa", "limited", "incorporated", "cos", "bhd", "pty",
               "oyj", "kk", "srl", "llp", "lp", "holdings"}
ORG_LAST_WORDS |= LEGAL_FORMS
# Common nouns that begin companies' names in Romance languages ("Banco Ruvalca", "Grupo
# Quintera", "Compagnie ...") and that end them ("Quintera Industrias"); a last word
# ending in "bank" ("Tessby Sparebank", "Handelsbank").
ORG_FIRST_WORDS = {"banco", "banca", "banque", "grupo", "groupe", "gruppo", "compagnie",
                   "compania", "compañía", "société", "societe", "sociedad", "societa",
                   "società", "industrias", "cementos", "aerolineas", "aerolíneas"}
ORG_LAST_WORDS |= {"industrias", "industrie", "gruppe", "konzern"}
# First words of sports clubs' names, which alone name the club in a team sport's report:
# "Deportivo Coruna", "Deportivo were unable to capitalise", "Dynamo Moscow".
CLUB_FIRST_WORDS = {"real", "deportivo", "sporting", "dynamo", "dinamo", "atletico",
                    "atlético", "olympique", "borussia", "eintracht", "lokomotiv", "spartak",
                    "steaua", "partizan", "racing", "inter", "fc", "ac", "afc", "cf", "sc",
                    "rapid", "slavia", "sparta", "hertha", "fortuna"}
# Trades that end companies' names, after which the first words alone are the same company
# when the article writes them so: "Dongbu Metals" and "a Dongbu spokesman".
TRADE_WORDS = {"bank", "metals", "steel", "chemicals", "foods", "textiles", "shipping",
               "motors", "airlines", "airways", "securities", "industries", "electronics",
               "minerals", "mining", "petroleum", "pharmaceuticals", "telecom", "insurance",
               "investments", "enterprises", "brewery", "breweries", "international",
               "holdings", "group"}
ORG_LAST_WORDS |= TRADE_WORDS
BANK_SUFFIX = "bank"
# Last words of sports clubs' names ("Leeds United", "Blackburn Rovers", "Glasgow Rangers"):
# no place's name ends in one, so they make an organisation whatever the model said.
CLUB_LAST_WORDS = {"united", "rovers", "wanderers", "athletic", "albion", "hotspur", "rangers"}
ORG_LAST_WORDS |= CLUB_LAST_WORDS
# A team's staff and players, named right after the team: "Barcelona coach Bobby Robson",
# "Valencia striker Claudio Lopez", "Derbyshire's captain".
TEAM_ROLES = {
    "coach", "manager", "striker", "midfielder", "defender", "goalkeeper", "keeper",
    "winger", "captain", "skipper", "batsman", "bowler", "quarterback", "pitcher",
    "playmaker", "forward", "fly-half", "scrum-half", "full-back", "fullback", "centre-back",
    "center-back", "left-back", "right-back", "sweeper", "fans", "supporters",
}
# Positions that name a team's player in a team sport's report only: "Houston center Akeem
# Owusu" (elsewhere "the Houston center" is a building).
SPORT_ROLES = {"center", "centre", "guard", "flanker", "hooker", "prop", "wing", "lock"}
# The positions of players, named before the player: "striker Jon Dahl Tomasson"; and in
# rugby "centre Leigh Davies", "flanker ...".
PLAYER_ROLES = (TEAM_ROLES | SPORT_ROLES) - {"fans", "supporters"}
# Who a report of an individual sport names before the competitor: "Wimbledon finalist
# MaliVai Washington", "top seed Ana Lund" (in a team sport a club can be a finalist).
ATHLETE_ROLES = {"finalist", "semifinalist", "semi-finalist", "quarterfinalist", "runner-up",
                 "seed", "wildcard", "qualifier", "golfer", "boxer", "sprinter", "athlete",
                 "swimmer", "cyclist", "rider", "driver", "jockey", "challenger", "compatriot"}
# Kinds of body that an apposition says a name is: "Ansar Dine, an Islamist group".
APPOSED_ORG_NOUNS = {"group", "organisation", "organization", "company", "firm", "party",
                     "steelmaker", "shipbuilder", "brewer",
                     "movement", "militia", "charity", "agency", "newspaper", "broadcaster",
                     "bank", "carmaker", "insurer", "retailer", "airline", "union",
                     "monopoly", "conglomerate", "manufacturer", "maker", "lender",
                     "supplier", "exporter", "importer", "refiner", "utility", "chain",
                     "giant", "provider", "distributor", "wholesaler", "automaker",
                     "drugmaker", "chipmaker", "miner"}
# Nouns of a body written right before its name ("cement maker Cementos Ruvalca", "its unit
# Korvald Finans", "the daily Gazeta Poranna") or right after it ("the Handelsblatt
# newspaper", "its Maschinenbau unit", "the IG Metall union").
KIND_ORG_NOUNS = APPOSED_ORG_NOUNS | {"unit", "subsidiary", "affiliate", "holding", "daily",
                                      "weekly"}
FOLLOWING_ORG_NOUNS = {
    "newspaper", "daily", "weekly", "agency", "company", "firm", "group", "bank", "party",
    "unit", "subsidiary", "union", "broadcaster", "network", "carmaker", "insurer",
    "retailer", "airline", "conglomerate", "lender", "club", "movement", "militia",
    "index", "average",  # a stock index: "the Nikkei average", "the Hang Seng index"
}
INDEX_NOUNS = {"index", "average"}
OWNER_WORDS = {"the", "its", "his", "her", "their", "our", "'s", "’s"}
# Words before a company's name in business news: "shares in Croda", "a stake in Rusal".
HOLDING_WORDS = {"shares", "stake", "stakes", "holding", "holdings"}
# What only a company has, written after its name and "'s": "Croda's shareholders",
# "Bellway's chief executive" (a person's "chief of staff" or "chief adviser" aside).
COMPANY_POSSESSIONS = {"shareholders", "subsidiary", "subsidiaries", "board", "unit", "units",
                       "profits", "earnings", "turnover", "revenues", "shares", "stock"}
TELL_FORMS = {"told", "tell", "tells", "telling"}
# Verbs whose object a business owns or gets: "owns Anadol Cam", "acquired Telnor".
OWNING_VERBS = {"own", "owns", "owned", "owning", "acquire", "acquires", "acquired",
                "acquiring", "buy", "buys", "bought", "buying", "sell", "sells", "sold",
                "selling", "divest", "divests", "divested"}
# What only a state or a town has, written after its name and "'s": "Tarvik 's government".
STATE_POSSESSIONS = {"government", "capital", "parliament", "constitution", "mayor",
                     "population", "citizens", "borders", "territory"}
# Members of a party, whose plural after another word names the party: "Social Democrats".
PARTY_MEMBERS = {"democrats", "socialists", "republicans", "liberals", "conservatives",
                 "communists", "nationalists", "greens", "radicals", "unionists"}
CHAIR_WORDS = {"chairman", "chairwoman"}  # a body's, never a person's: "Brandello's chairman"
RESULT_NOUNS = {"profit", "income", "loss"}  # "Korvald's net profit"
CHIEF_OFFICERS = {"executive", "financial", "operating"}
# Lower-case role nouns written right before a person's full name, with no "the" nor
# comma: "chief executive Pieter-Jan Maerten", "spokeswoman Jana Hruba".
ROLE_BEFORE_NAME = (PERSON_NOUNS | {"executive", "officer", "manager", "economist",
                                    "treasurer", "deputy", "aide"}) - {"head", "man", "woman"}
# Last words of the names of leagues, which are bodies, not places: "the Premier League",
# "the Bundesliga", "La Liga".
LEAGUE_WORDS = {"league", "liga"}
# Last words of newspapers' names: "the Daily Herald", "Le Soir" aside.  The weak ones name
# a paper only after a place: "the Toronto Star", "the Jordan Times"; not "the North Star".
PAPER_LAST_WORDS = {"herald", "gazette", "tribune", "times", "journal", "chronicle",
                    "telegraph", "courier", "inquirer", "observer", "dispatch", "ledger",
                    "examiner", "bulletin"}
PLACE_PAPER_WORDS = {"post", "star", "sun", "news", "mail", "express", "standard", "globe"}
# Common nouns that begin the name of a thing of that kind ("Cyclone Phailin"), longest first.
KIND_WORDS = {
    ("space", "shuttle"): "PRODUCT", ("tropical", "storm"): "EVENT",
    ("tropical", "cyclone"): "EVENT", ("super", "typhoon"): "EVENT",
    ("hurricane",): "EVENT", ("cyclone",): "EVENT", ("typhoon",): "EVENT",
    ("operation",): "EVENT", ("shuttle",): "PRODUCT", ("spacecraft",): "PRODUCT",
    ("uss",): "PRODUCT", ("hms",): "PRODUCT",
}
# Last words of the names of ways, buildings, instruments and events: never a person's.
THING_LAST_WORDS = {
    "road": "FAC", "street": "FAC", "avenue": "FAC", "boulevard": "FAC", "lane": "FAC",
    "square": "FAC", "bridge": "FAC", "airport": "FAC", "stadium": "FAC", "highway": "FAC",
    "motorway": "FAC", "telescope": "PRODUCT",
    # events: "the Winter Olympics", "the Davis Cup", "the Lantern Festival"
    "games": "EVENT", "olympics": "EVENT", "paralympics": "EVENT", "olympiad": "EVENT",
    "championship": "EVENT", "championships": "EVENT", "cup": "EVENT", "tournament": "EVENT",
    "festival": "EVENT", "fair": "EVENT", "expo": "EVENT", "summit": "EVENT",
    "convention": "EVENT", "marathon": "EVENT", "carnival": "EVENT", "jubilee": "EVENT",
}
# Names of events that are one word.
EVENT_NAMES = {"olympics", "paralympics", "olympic", "paralympic", "olympiad"}
# Words next to a team in a match report: "beat Valencia", "Lyon drew", "lost to Lyon".
RESULT_WORDS = {
    "beat", "beats", "beating", "drew", "draw", "draws", "lost", "lose", "loses", "won",
    "win", "wins", "defeated", "defeat", "edged", "thrashed", "crushed", "routed",
    "hammered", "overcame", "held", "against", "over", "to", "with", "at", "v", "vs", "by",
}
# Words of a result that name a team on their own, without a score in the sentence: "beat
# Zaragoza", "Bilbao lost", "lost at home to Oviedo" (``RESULT_VERBS`` up to three words
# before "to", "by" or "with").
RESULT_VERBS = {"beat", "beats", "beating", "defeated", "thrashed", "crushed", "routed",
                "hammered", "overcame", "edged", "drew", "lost", "losing", "held", "won"}
RESULT_BEFORE = RESULT_VERBS - {"drew", "lost", "losing", "held", "won"}
RESULT_LINKS = {"to", "by", "with", "against"}
# Words of a player's doings for a club named after "for": "scored twice for Eindhoven".
PLAYING_WORDS = {"scored", "scores", "scoring", "played", "plays", "playing", "signed",
                 "signs", "goal", "goals", "appearances", "debut"}
# Verbs of a fixture that name a team after them: "will play Heerlen", "face Oviedo".
FIXTURE_VERBS = {"play", "plays", "played", "playing", "face", "faces", "faced", "facing",
                 "host", "hosted", "hosting", "entertain", "entertained", "entertains"}
# A team's standing written before its name: "leaders Valencia", "champions Barcelona".
SIDE_WORDS = {"leaders", "champions", "holders", "hosts", "visitors", "rivals",
              "second-placed", "third-placed", "bottom-placed", "title-holders", "newcomers",
              "neighbours", "neighbors", "runners-up", "cup-holders"}
# A team sport's headline: "SOCCER - LEADERS STUMBLE", "RUGBY UNION - ...".
TEAM_SPORT = re.compile(r"^\s*(?:SOCCER|FOOTBALL|RUGBY(?: UNION| LEAGUE)?|CRICKET|BASKETBALL|"
                        r"BASEBALL|(?:ICE )?HOCKEY|NFL|NBA|NHL|MLB|AMERICAN FOOTBALL|HANDBALL|"
                        r"COLLEGE (?:BASKETBALL|FOOTBALL)|"
                        r"VOLLEYBALL|WATER POLO)\b[^\n]{0,80}? - ")
# Places a club may be named after: towns, and states or provinces ("Werder Bremen",
# "Queensland beat Victoria"); national sides, named after countries, stay places.
CITY_KINDS = {"capital", "big city", "city", "region"}
SCORE = re.compile(r"^\d{1,2}[-–]\d{1,2}$")
MINUTE = re.compile(r"^\d{1,3}(?:st|nd|rd|th)$")  # of a goal: "( 12th )", "( 90th pen )"
PERSON = "PERSON"
MIN_AGE, MAX_AGE = 2, 110  # a person's age in apposition: "Havel, 60,"


def is_title(tok: Token) -> bool:
    """A title-case person title: "Mr", "Gen.", "President"."""
    return tok.is_title and tok.lower_.rstrip(".") in PERSON_TITLES


def context_label(doc: Doc, ent: Span) -> str | None:
    """The label the words around ``ent`` give it, or None when they say nothing."""
    before = list(doc[max(ent.sent.start, ent.start - 6):ent.start])
    after = list(doc[ent.end:min(ent.sent.end, ent.end + 6)])
    for cue in (_paper_cue, _league_cue, _party_cue, _based_cue, _holding_cue, _owned_cue,
                _addressee_cue, _possession_cue, _kind_cue, _team_cue, _staff_cue, _side_cue,
                _nickname_cue, _scorer_cue, _the_cue, _title_cue, _place_cue,
                _noun_before_cue, _apposition_cue):
        label = cue(ent, before, after)
        if label is not None:
            return label
    return None


def title_not_name(doc: Doc, ent: Span) -> bool:
    """An ORG that begins a job title: "Home" in "Home Secretary", "Transport Minister"."""
    if ent.label_ != "ORG" or ent.end >= len(doc):
        return False
    nxt = doc[ent.end]
    return nxt.is_title and nxt.lower_ in PERSON_NOUNS and nxt.lower_ not in ORG_NOUNS


def kind_of(words: tuple[str, ...] | list[str]) -> str | None:
    """The label of a name that begins with a common noun of a kind: "Cyclone Phailin"
    → EVENT, "Space Shuttle" → PRODUCT; None for other names and a one-word noun alone."""
    low = tuple(w.lower() for w in words)
    for n in (2, 1):
        if (len(low) > n or len(low) == n == 2) and low[:n] in KIND_WORDS:
            return KIND_WORDS[low[:n]]
    return None


def _kind_cue(ent: Span, before: list[Token], after: list[Token]) -> str | None:
    """ "Cyclone Phailin", "Space Shuttle Atlantis" ("Hurricane" left out of the span),
    "Castle Road"; "IE6"."""
    for n in (2, 1):
        lead = before[-n:]
        if len(lead) == n and all(t.is_title or t.is_upper for t in lead):
            label = KIND_WORDS.get(tuple(t.lower_ for t in lead))
            if label is not None:
                return label
    if ent.label_ in {"GPE", "LOC", PERSON} and any(
            any(c.isdigit() for c in t.text) and any(c.isalpha() for c in t.text) for t in ent):
        return "PRODUCT"  # "IE6", "STS-1"; not "Japan 2" of a score
    words = [t.text for t in ent if t.lower_ not in {"the", "a", "an"}]
    if len(words) == 1 and words[0].lower() in EVENT_NAMES:
        return "EVENT"
    if len(words) > 1 and ent[-1].is_title:
        label = THING_LAST_WORDS.get(ent[-1].lower_)
        if label is not None:
            return label  # "Castle Road", not "the road"
    if words and words[0].lower() in CLUB_FIRST_WORDS and team_sport(ent.doc):
        return "ORG"  # "Deportivo Coruna", "Real" of "Real looked to be in deep trouble"
    if len(words) > 1 and ent.label_ not in {"GPE", "LOC", "FAC"} and (
            words[0].lower() in ORG_FIRST_WORDS or len(words[-1]) > len(BANK_SUFFIX) + 2
            and words[-1].lower().endswith(BANK_SUFFIX)):
        return "ORG"  # "Banco Ruvalca", "Tessby Sparebank"
    if len(words) > 1 and words[-1].lower().rstrip(".") in ORG_LAST_WORDS and (
            ent.label_ not in {"GPE", "LOC", "FAC"} or words[-1].lower() in CLUB_LAST_WORDS):
        return "ORG"  # "Dresdner Bank", "Leeds United"; not "the Soviet Union"
    return kind_of(words)


def paper_name(words: list[str]) -> bool:
    """The name of a newspaper: "Saudi Gazette", "Financial Times", "Edmonton Sun"."""
    if len(words) < 2 or not all(w[:1].isupper() for w in words[-2:]):
        return False
    last = words[-1].lower()
    if last in PAPER_LAST_WORDS:
        return True
    return last in PLACE_PAPER_WORDS and gazetteer.place(" ".join(words[:-1])) is not None


def _paper_cue(ent: Span, before: list[Token], after: list[Token]) -> str | None:
    """ "the Jordan Times", "the Toronto Star": a newspaper, whatever the model said."""
    words = [t.text for t in ent if t.lower_ not in {"the", "a", "an"} and not t.is_punct]
    return "ORG" if paper_name(words) else None


def _league_cue(ent: Span, before: list[Token], after: list[Token]) -> str | None:
    """ "the Premier League", "the Bundesliga", "the Primeira Liga": a league is a body
    (what the model took for a place)."""
    last = ent[-1].lower_
    if not ent[-1].is_title:
        return None
    if last in LEAGUE_WORDS and len(ent) > 1 or len(last) > 6 and last.endswith("liga"):
        return "ORG"
    return None


def _holding_cue(ent: Span, before: list[Token], after: list[Token]) -> str | None:
    """ "shares in Croda", "a 20 percent stake in Rusal": what shares are held in is a
    company, not a place the gazetteer knows."""
    low = [t.lower_ for t in before]
    if len(low) >= 2 and low[-1] in {"in", "of"} and low[-2] in HOLDING_WORDS and \
            ent.label_ in {"ORG", PERSON, "GPE", "LOC", "NORP", "PRODUCT"} and \
            gazetteer.place(ent.text) is None:
        return "ORG"
    if after[:1] and after[0].lower_ == "shares" and (
            len(after) < 2 or after[1].pos_ in {"VERB", "AUX"}) and \
            ent.label_ in {"ORG", PERSON, "GPE", "PRODUCT"} and gazetteer.place(ent.text) is None:
        return "ORG"  # "Brandello shares closed higher"; not "Tokyo shares"
    return None


def _owned_cue(ent: Span, before: list[Token], after: list[Token]) -> str | None:
    """ "the group owns Korsan Tekstil and Anadol Cam", "agreed to acquire Telnor": what a
    business owns, buys or takes over (the object of the verb, or one coordinated with it)
    is a company; not a person's full name, a place the gazetteer knows, nor a player a
    club buys in a team sport's report."""
    root = ent.root
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head
    if root.dep_ != "dobj" or root.head.lower_ not in OWNING_VERBS or \
            ent.label_ not in {"ORG", PERSON, "GPE", "PRODUCT"} or \
            not all(t.is_title or t.is_upper for t in ent) or \
            gazetteer.place(ent.text) is not None or team_sport(ent.doc) or \
            is_given_name(ent[0].text) and ent.label_ == PERSON:
        return None
    return "ORG"


def _addressee_cue(ent: Span, before: list[Token], after: list[Token]) -> str | None:
    """ "told the Bundestag", "told the Sejm": what one tells with "the" before its name is
    a body (a parliament, a paper, a court), not a thing nor a place the gazetteer knows."""
    if len(before) < 2 or before[-1].text != "the" or before[-2].lower_ not in TELL_FORMS or \
            not all(t.is_title or t.is_upper for t in ent) or \
            ent.label_ not in {"ORG", PERSON, "GPE", "PRODUCT", "WORK_OF_ART", "FAC"} or \
            gazetteer.place(ent.text) is not None:
        return None
    return "ORG"


def _based_cue(ent: Span, before: list[Token], after: list[Token]) -> str | None:
    """ "the Tarvik-based Sorenna Relief": what a body is based in is a place, and what is
    based somewhere is a body, not a person."""
    if len(after) >= 2 and after[0].text == "-" and after[1].lower_ == "based" and \
            not ent[-1].whitespace_ and not after[0].whitespace_ and \
            ent.label_ in {"ORG", PERSON, "GPE", "LOC", "NORP", "FAC", "PRODUCT"}:
        return "GPE"
    if len(before) >= 2 and before[-1].lower_ == "based" and before[-2].text == "-" and \
            not before[-2].whitespace_ and all(t.is_title or t.is_upper for t in ent) and \
            ent.label_ in {"ORG", PERSON, "GPE", "PRODUCT", "WORK_OF_ART", "FAC"} and \
            gazetteer.place(ent.text) is None and not (
                ent.label_ == PERSON and len(ent) > 1 and is_given_name(ent[0].text)):
        return "ORG"
    return None


def _party_cue(ent: Span, before: list[Token], after: list[Token]) -> str | None:
    """ "the opposition Social Democrats", "the Free Democrats": a party named by its
    members, in two words or more (one word, "Democrats", may be the people)."""
    words = [t for t in ent if t.lower_ != "the"]
    if ent.label_ != "NORP" or len(words) < 2 or not all(t.is_title for t in words) or \
            words[-1].lower_ not in PARTY_MEMBERS:
        return None
    return "ORG"


def _possession_cue(ent: Span, before: list[Token], after: list[Token]) -> str | None:
    """ "Croda's shareholders", "Hollin Matthey's chief executive": what has shareholders or
    a chief executive is a company, not a person nor a place the gazetteer knows."""
    possessive = {"'s", "’s"}
    if ent[-1].text in possessive:  # the model's span took the "'s" in
        name, rest = ent[:-1].text, after
    elif after[:1] and after[0].text in possessive:
        name, rest = ent.text, after[1:]
    else:
        return None
    if not rest or gazetteer.place(name) is not None:
        return None
    word, nxt = rest[0].lower_, rest[1].lower_ if len(rest) > 1 else ""
    head = len(rest) < 2 or rest[1].pos_ not in {"NOUN", "PROPN"}  # not "board game"
    if word == "share" and nxt == "price" or word in COMPANY_POSSESSIONS and head or \
            word == "chief" and nxt in CHIEF_OFFICERS or word in CHAIR_WORDS or \
            word == "net" and nxt in RESULT_NOUNS:
        return "ORG"
    if word in STATE_POSSESSIONS and head and ent.label_ in {"ORG", PERSON, "GPE", "LOC"} and \
            len(ent) <= 3 and not (len(ent) > 1 and is_given_name(ent[0].text)) and \
            not any(t.lower_ in ORG_LAST_WORDS for t in ent):
        return "GPE"  # "Tarvik 's government", "Kowende 's mayor": a state's or a town's
    return None


def _team_cue(ent: Span, before: list[Token], after: list[Token]) -> str | None:
    """ "Barcelona beat Valencia 2-1", "Glasgow Rangers beat ...": a city, a name that
    begins or ends with one, or a "place" the gazetteer does not know ("lost to Feyenoord")
    next to a result word in a sentence with a score is a club; so is a city next to a
    result's words in a team sport's report ("beat Zaragoza", ``_result_next_to``)."""
    if ent.label_ not in {"GPE", "LOC", "FAC", PERSON, "PRODUCT", "ORG"}:  # "Leeds 3-0":
        return None
    words = [t.text for t in ent if t.lower_ != "the" and not t.like_num and t.text != "-"]
    if not words:
        return None
    places = [gazetteer.place(" ".join(part)) for part in _city_parts(words)]
    city = any(found is not None and found.kind in CITY_KINDS for found in places)
    if not city:
        if places[0] is not None or ent.label_ not in {"GPE", "LOC"} and not (
                ent.label_ == PERSON and len(words) == 1 and not is_given_name(words[0])
                and team_sport(ent.doc)):
            return None  # a one-word "person" may be a club in a team sport: "Juventus"
        if ent.label_ == PERSON and before[-1:] and before[-1].lower_ in FIXTURE_VERBS:
            return "ORG"  # "will play Heerlen": one plays a team, not a surname
        before = [t for t in before[-1:] if t.lower_ not in {"at", "in"}]  # a "place" it
        # does not know: "lost to Feyenoord", not "drew at Tarkesh"
    next_to = before[-1:] and before[-1].lower_ in RESULT_WORDS or after[:1] and (
        after[0].lower_ in RESULT_WORDS or after[0].like_num) or ent[-1].like_num
    if next_to and has_score(ent.sent):
        return "ORG"
    if _plural_verb_after(after) and len(words) == 1 and team_sport(ent.doc) and \
            not is_given_name(words[0]) and (city or places[0] is None):
        return "ORG"  # "Heerlen , who are bottom", "Bilbao are top": a club, not a person
    # without a score, only a town's name: "beat Zaragoza", not "West Indies beat Australia"
    return "ORG" if city and team_sport(ent.doc) and (
        _result_next_to(before, after) or _fixture_next_to(before, after)) else None


def _plural_verb_after(after: list[Token]) -> bool:
    """A plural verb after a name, or after its ", who": "Heerlen are", ", who were"."""
    rest = after[2:] if len(after) >= 2 and after[0].text == "," and \
        after[1].lower_ == "who" else after
    return bool(rest) and rest[0].lower_ in {"are", "were", "have"}


def _fixture_next_to(before: list[Token], after: list[Token]) -> bool:
    """A fixture's verb before a town's name ("will play Heerlen", "face Oviedo"), or "who"
    after it ("Bilbao , who lost"): a town neither plays nor is a "who"; its club is."""
    if before[-1:] and before[-1].lower_ in FIXTURE_VERBS:
        return True
    if len(before) >= 2 and before[-1].lower_ == "for" and any(
            t.lower_ in PLAYING_WORDS for t in before[-4:-1]):
        return True  # "scored twice for Eindhoven", "has played for Oviedo"
    return len(after) >= 2 and after[0].text == "," and after[1].lower_ == "who"


def team_sport(doc: Doc) -> bool:
    """The article is a report of a team sport: its headline opens with the sport."""
    return TEAM_SPORT.match(doc[:120].text[:120]) is not None  # doc.text would join it all


def _result_next_to(before: list[Token], after: list[Token]) -> bool:
    """A result's words next to a name without a score: "beat Zaragoza", "Bilbao lost",
    "lost at home to Oviedo", "drew with Sevilla"."""
    low = [t.lower_ for t in before]
    if low[-1:] and low[-1] in RESULT_BEFORE:
        return True
    if low[-1:] and low[-1] in RESULT_LINKS and any(w in RESULT_VERBS for w in low[-4:-1]):
        return True
    return bool(after[:1]) and after[0].lower_ in RESULT_VERBS - {"held", "won"}


def _scorer_cue(ent: Span, before: list[Token], after: list[Token]) -> str | None:
    """ "Vessi ( 12th )", "Carrizo ( 55th pen )": in a team sport's report a name before the
    minute of a goal in brackets is the scorer."""
    if len(after) < 3 or after[0].text != "(" or not MINUTE.match(after[1].text) or \
            ent.label_ not in {PERSON, "ORG", "GPE", "NORP", "PRODUCT"} or \
            not team_sport(ent.doc) or gazetteer.place(ent.text) is not None:
        return None
    return PERSON


def _nickname_cue(ent: Span, before: list[Token], after: list[Token]) -> str | None:
    """ "the Rockets beat Denver", "the Bulls": in a team sport's report a capitalised
    plural after "the" that the model took for a person or a thing is a team."""
    if not before or before[-1].text != "the" or ent.label_ not in {PERSON, "ORG", "PRODUCT",
                                                                    "WORK_OF_ART"}:
        return None
    words = [t for t in ent if t.lower_ != "the"]
    if not words or not all(t.is_title for t in words) or not words[-1].lower_.endswith("s") \
            or words[-1].lower_.endswith("ss") or not team_sport(ent.doc) or \
            gazetteer.place(" ".join(t.text for t in words)) is not None:
        return None  # not "the Netherlands"
    return "ORG"


def _side_cue(ent: Span, before: list[Token], after: list[Token]) -> str | None:
    """ "leaders Valencia", "champions Barcelona", "hosts Toulon": a team, a club unless
    the gazetteer knows a country of the name (a national side is a place)."""
    prev = ent.doc[ent.start - 1] if ent.start > 0 else None  # also a sentence's first word
    if prev is None or prev.lower_ not in SIDE_WORDS or not team_sport(ent.doc) or \
            ent.label_ not in {"GPE", "LOC", "FAC", PERSON, "ORG", "PRODUCT"}:
        return None
    found = gazetteer.place(" ".join(t.text for t in ent if t.lower_ != "the"))
    return None if found is not None and found.kind in {"country", "continent"} else "ORG"


def _staff_cue(ent: Span, before: list[Token], after: list[Token]) -> str | None:
    """ "Barcelona coach Bobby Robson", "Valencia striker Claudio Lopez", "Derbyshire's
    captain": a place name (or what the gazetteer knows as one) before a team's role is the
    club; a country is its national side and stays a place."""
    rest = after[1:] if after[:1] and after[0].text in {"'s", "’s"} else after
    if len(rest) > 2 and rest[0].ent_type_ == "NORP" and rest[1].lower_ in TEAM_ROLES:
        rest = rest[1:]  # "Barcelona 's Portuguese winger Luis Figueras"
    roles = TEAM_ROLES | SPORT_ROLES if team_sport(ent.doc) else TEAM_ROLES
    if not rest or not rest[0].is_lower or rest[0].lower_ not in roles or \
            ent[-1].text in {"'s", "’s"}:
        return None
    if not (len(rest) > 1 and (rest[1].is_title or rest[1].text in {",", "."} or
                               rest[1].pos_ in {"VERB", "AUX"})):
        return None  # "Barcelona coach Bobby Robson", "... said the Valencia coach ."
    found = gazetteer.place(" ".join(t.text for t in ent if t.lower_ != "the"))
    if found is not None and found.kind in {"country", "continent"}:
        return None  # "England coach Glenn Hoddle": a national side
    if ent.label_ in {"GPE", "LOC", "FAC"} or found is not None:
        return "ORG"
    if ent.label_ == PERSON and len(ent) == 1 and rest[1].is_title:
        return "ORG"  # "Volendam coach Arie Sloot": no person has a coach named after him
    return None


def _city_parts(words: list[str]) -> list[list[str]]:
    """The words that may be a club's town: all of them, or the first or the last of two
    or three ("Glasgow Rangers", "Ajax Amsterdam")."""
    return [words] + ([words[:1], words[-1:]] if 2 <= len(words) <= 3 else [])


def has_score(sent: Span) -> bool:
    """A match score in the sentence: "2-1", "2 - 1"."""
    toks = [t for t in sent if not t.is_space]
    return any(SCORE.match(t.text) for t in toks) or any(
        a.like_num and b.text in {"-", "–"} and c.like_num and len(a.text) <= 2
        for a, b, c in zip(toks, toks[1:], toks[2:], strict=False))


def _the_cue(ent: Span, before: list[Token], after: list[Token]) -> str | None:
    """ "spoke to The Meridian": a capital "The" inside a sentence begins a name, and a
    nationality word or a person's name does not take one."""
    if ent.label_ not in {"NORP", PERSON}:
        return None
    the = ent[0] if ent[0].text == "The" else before[-1] if before else None
    if the is None or the.text != "The" or the.is_sent_start or the.i == 0:
        return None
    prev = ent.doc[the.i - 1]
    return None if prev.is_punct and prev.text not in {",", ";"} else "ORG"


def _title_cue(ent: Span, before: list[Token], after: list[Token]) -> str | None:
    """ "President Ilves", "Gen. Dostum"; not a body's name that opens with a title's word
    ("Major League Baseball", "General Motors Corp")."""
    if len(ent) > 1 and is_title(ent[0]) and ent[1].is_title:
        if any(t.lower_ in ORG_LAST_WORDS or t.lower_ in LEAGUE_WORDS for t in ent[1:]):
            return None
        return PERSON
    if before and is_title(before[-1]) and all(t.is_title for t in ent):
        return PERSON
    return None


def _place_cue(ent: Span, before: list[Token], after: list[Token]) -> str | None:
    low = [t.lower_ for t in before]
    if len(low) >= 2 and low[-1] == "of":
        head = singular(low[-2])
        if head in PLACE_NOUNS:
            return "LOC" if head in LOC_NOUNS else "GPE"
        if low[-2] in OF_PLACE_HEADS or low[-2] in OF_PLACE_PEOPLE and ent.label_ == PERSON:
            return "GPE"
    if low[-1:] and low[-1] in FLEE_WORDS or low[-2:-1] and low[-2] in FLEE_WORDS and \
            low[-1] in {"to", "from"}:
        return "GPE"  # "fled Goma", "fled to Goma"
    if len(low) >= 2 and low[-1] == "in" and low[-2] in IN_PLACE_WORDS and not (
            after and after[0].text in {"'s", "’s"}):
        return "GPE"  # "fighting in Goma", not "born in Goma's hospital"
    if after and after[0].is_lower and after[0].lower_ in FOLLOWING_PLACE_NOUNS:
        return FOLLOWING_PLACE_NOUNS[after[0].lower_]
    return None


def _noun_before_cue(ent: Span, before: list[Token], after: list[Token]) -> str | None:
    """ "the newspaper Zero Hora", "the town Kidal", "the tanker Sea Star"; a player's
    position: "striker Jon Dahl Tomasson", "centre Leigh Davies"; a competitor's standing in
    an individual sport: "finalist MaliVai Washington"."""
    if not before or not before[-1].is_lower:
        return _following_noun_cue(ent, before, after)  # "The Financieele Courant newspaper"
    word = before[-1].lower_
    if word in {"daily", "weekly"} and ent.label_ != "NORP":
        return "ORG"  # "the daily Gazeta Poranna" (an adjective to the tagger)
    if len(before) >= 3 and before[-2].text == "-" and not before[-2].whitespace_ and \
            not before[-3].whitespace_:
        word = f"{before[-3].lower_}-{word}"  # "fly-half Owen Pritchard"
    if word in PLAYER_ROLES and len(ent) > 1 and all(t.is_title for t in ent):
        return PERSON
    if word in ATHLETE_ROLES and 1 < len(ent) <= 3 and all(
            t.text[:1].isupper() and t.is_alpha for t in ent) and not team_sport(ent.doc):
        return PERSON  # "Wimbledon finalist MaliVai Washington"
    if word in ROLE_BEFORE_NAME and _given_full_name(ent):
        return PERSON  # "chief executive Pieter-Jan Maerten", "finance director Ann Cools"
    if before[-1].pos_ != "NOUN":
        return _following_noun_cue(ent, before, after)
    if word in ORG_NOUNS or word in KIND_ORG_NOUNS and ent.label_ != "NORP" and \
            gazetteer.place(ent.text) is None:
        return "ORG"
    if word in PLACE_NOUNS:
        return "GPE"
    if word in VEHICLE_NOUNS:
        return "PRODUCT"
    return _following_noun_cue(ent, before, after)


def _given_full_name(ent: Span) -> bool:
    """Two to four capitalised words (hyphened parts joined) opening with a given name and
    ending in none of an organisation's last words: "Pieter-Jan Maerten"."""
    words = [t for t in ent if t.text != "-"]
    hyphens = [t for t in ent if t.text == "-"]
    return 2 <= len(words) <= 4 and all(t.is_title and t.is_alpha for t in words) and \
        all(not t.whitespace_ and t.i > ent.start for t in hyphens) and \
        is_given_name(ent[0].text) and words[-1].lower_ not in ORG_LAST_WORDS and \
        gazetteer.place(ent.text) is None


def _following_noun_cue(ent: Span, before: list[Token], after: list[Token]) -> str | None:
    """ "the Handelsblatt newspaper", "its Maschinenbau unit", "the IG Metall engineering
    union": a name between an article or owner and the noun of a body is that body's; not
    a place the gazetteer knows ("the Tokyo bank"), a nationality or a person's full name
    ("the Rupert Murdoch group")."""
    if not before or before[-1].lower_ not in OWNER_WORDS or ent.label_ in {"NORP", "DATE"}:
        return None
    nouns = [t for t in after[:2] if t.is_lower]
    if not nouns or nouns[0] is not after[0] or not any(
            t.lower_ in FOLLOWING_ORG_NOUNS for t in nouns) or gazetteer.place(
            ent.text) is not None:
        return None
    head = next(t for t in nouns if t.lower_ in FOLLOWING_ORG_NOUNS)
    if head is not nouns[0] and nouns[0].pos_ not in {"NOUN", "ADJ"}:
        return None  # "the Korvald bank": "the Handelsblatt business daily", not "... and union"
    if ent.label_ == PERSON and len(ent) > 1 and is_given_name(ent[0].text):
        return None
    return "ORG"


def _phrase_head(tokens: list[Token]) -> Token | None:
    """The last noun of the noun phrase ``tokens`` begin: "group" of "Islamist group
    linked to", "executive" of "bank's chief executive"."""
    head = None
    for tok in tokens:
        if tok.pos_ == "NOUN":
            head = tok
        elif tok.pos_ not in {"ADJ", "PROPN", "PART", "NUM", "DET"} or tok.is_punct:
            break
    return head


def _apposition_cue(ent: Span, before: list[Token], after: list[Token]) -> str | None:
    """ "the state news agency, Sana," and "Kone, a farmer in Dembara,"."""
    if before and before[-1].text == "," and (not after or after[0].text in {",", "."}):
        head = before[-2] if len(before) >= 2 else None
        if head is not None and head.pos_ in {"NOUN", "PROPN"}:
            word = head.lower_
            if word in PERSON_NOUNS:  # "France's Foreign Minister, Laurent Fabius,"
                return PERSON
            if word in ORG_NOUNS and head.pos_ == "NOUN":
                return "ORG"
            if word in SETTLEMENT_NOUNS and head.pos_ == "NOUN":  # not "the Lombardy
                return "GPE"  # region, Roberto Maroni,"
            if word in VEHICLE_NOUNS and head.pos_ == "NOUN":
                return "PRODUCT"  # "the cruise ship, Sea Star,"
    if len(after) >= 3 and after[0].text == "," and after[1].text.isdigit() and \
            MIN_AGE <= int(after[1].text) <= MAX_AGE and after[2].text == "," and \
            all(t.is_title for t in ent) and not (before and before[-1].like_num) and \
            gazetteer.place(ent.text) is None:
        return PERSON  # "Havel , 60 , was in a stable condition": a person's age
    if len(after) >= 3 and after[0].text == "," and after[1].lower_ in {"a", "an", "the"}:
        noun = next((t for t in after[2:] if t.pos_ == "NOUN"), None)
        if noun is not None and noun.lower_ in PERSON_NOUNS and all(t.is_title for t in ent):
            return PERSON
        head = _phrase_head(after[2:])
        if head is not None and head.lower_ in APPOSED_ORG_NOUNS and ent.label_ in {
                PERSON, "ORG", "NORP", "GPE"} and gazetteer.place(ent.text) is None:
            return "ORG"  # "Ansar Dine, an Islamist group linked to ..."
    return None
