"""A functional development set for offensive-content's three weak spots, and its score.

    python benchmarks/offensive_functional.py --write     # (re)generate the corpus file
    python benchmarks/offensive_functional.py [--misses]  # recall / false alarms per function

The posts are filled in from templates written for this project (our own wording, no
public test suite read or imitated): many groups, verbs and disguises, each function
with hard negatives beside it. The file it writes, ``tests/corpus/offensive-functional.yaml``,
is a development set (tuned on); its labels are complete for offensive-content only.
Case ids say the function (``disguise``, ``threat``, ``hostility``) and ``pos`` / ``neg``.
"""

from __future__ import annotations

import sys

_HERE = __import__("os").path.dirname(__import__("os").path.abspath(__file__))
sys.path[:] = [p for p in sys.path if __import__("os").path.abspath(p or ".") != _HERE]
sys.path.insert(0, __import__("os").path.dirname(_HERE))

import argparse  # noqa: E402
import random  # noqa: E402
from collections import defaultdict  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import yaml  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "corpus" / "offensive-functional.yaml"
SEED = 20261206
RULE = "offensive-content"

# ---- disguised spelling ---------------------------------------------------------------

STRONG = ["fuck", "shit", "cunt", "bitch", "bastard", "wanker", "twat", "dickhead", "prick",
          "idiot", "moron", "retard", "slag", "whore", "arsehole", "asshole", "bollocks",
          "faggot", "tosser", "shite"]
SWEAR_FRAMES = ["what a load of {w}", "you absolute {w}", "this hospital is {w}",
                "the manager is a {w}", "{w} this car park", "shut up you {w}",
                "my consultant is a total {w}", "parking here is {w}", "ur a {w}",
                "absolute {w} of a shift"]
LEET = {"a": "4@", "e": "3", "i": "1!", "o": "0", "s": "5$", "t": "7", "l": "1"}
CYRILLIC = {"a": "а", "e": "е", "o": "о", "c": "с", "i": "і", "p": "р", "x": "х", "y": "у"}
ACCENTS = {"a": "á", "e": "é", "i": "ï", "o": "ö", "u": "ü", "c": "ç", "n": "ñ"}


def _leet(w: str, r: random.Random) -> str:
    spots = [i for i, ch in enumerate(w) if ch in LEET]
    if not spots:
        return w
    chosen = set(r.sample(spots, k=min(len(spots), r.choice([1, 1, 2, 3]))))
    return "".join(r.choice(LEET[ch]) if i in chosen else ch for i, ch in enumerate(w))


def _mask(w: str, r: random.Random) -> str:
    inner = [i for i in range(1, len(w) - 1) if w[i] in "aeiou"] or list(range(1, len(w) - 1))
    i = r.choice(inner)
    return w[:i] + r.choice(["*", "*", "**", "_", "-", "."]) + w[i + 1:]


def _dotted(w: str, r: random.Random) -> str:
    return r.choice([".", " ", "-", "_", "*", " . "]).join(w)


def _stretched(w: str, r: random.Random) -> str:
    spots = [i for i, ch in enumerate(w) if ch in "aeiou"] or [len(w) - 1]
    i = r.choice(spots)
    return w[:i + 1] + w[i] * r.randint(2, 5) + w[i + 1:]


def _dropped(w: str, r: random.Random) -> str:
    if len(w) < 5:
        return _stretched(w, r)
    i = r.randint(1, len(w) - 2)
    return w[:i] + w[i + 1:]


def _swapped(w: str, r: random.Random) -> str:
    if len(w) < 5:
        return _leet(w, r)
    i = r.randint(1, len(w) - 3)
    return w[:i] + w[i + 1] + w[i] + w[i + 2:]


def _one_letter_from(table: dict[str, str], w: str, r: random.Random) -> str:
    """``w`` with one letter that ``table`` has a stand-in for replaced by it (else leet)."""
    spots = [i for i, ch in enumerate(w) if ch in table]
    if not spots:
        return _leet(w, r)
    i = r.choice(spots)
    return w[:i] + table[w[i]] + w[i + 1:]


def _homoglyph(w: str, r: random.Random) -> str:
    return _one_letter_from(CYRILLIC, w, r)


def _accented(w: str, r: random.Random) -> str:
    return _one_letter_from(ACCENTS, w, r)


def _invisible(w: str, r: random.Random) -> str:
    i = r.randint(1, len(w) - 1)
    return w[:i] + r.choice(["\u200b", "\u00ad", "\u200d"]) + w[i:]


def _upper_spaced(w: str, r: random.Random) -> str:
    return " ".join(w.upper())


def _leet_stretched(w: str, r: random.Random) -> str:
    return _stretched(_leet(w, r), r)


DISGUISES: dict[str, Callable[[str, random.Random], str]] = {
    "leet": _leet, "mask": _mask, "dotted": _dotted, "stretched": _stretched,
    "dropped": _dropped, "swapped": _swapped, "homoglyph": _homoglyph,
    "accented": _accented, "invisible": _invisible, "spaced-caps": _upper_spaced,
    "leet-stretched": _leet_stretched,
}

# Threats and group hostility with their key word disguised.
DISGUISED_SENTENCES = [
    ("I will {kill} you", "kill"), ("I'm going to {stab} that nurse", "stab"),
    ("ur {dead} mate", "dead"), ("{immigrants} are vermin", "immigrants"),
    ("{muslims} are a plague on this country", "muslims"), ("go {back} to where you came from", "back"),
    ("hope you {die} in a fire", "die"), ("{kill} yourself", "kill"),
    ("you're a {stupid} cow", "stupid"), ("I know where you {live}", "live"),
    ("{refugees} are parasites", "refugees"), ("someone should {shoot} that receptionist", "shoot"),
]

# Ordinary words and names a disguise-reading rule must leave alone.
REAL_WORDS = [
    "Visiting from Scunthorpe? The X1 bus stops at the main entrance.",
    "The assassin bug exhibit at the museum is closed this week.",
    "Our antenatal class starts on Tuesday at 6pm.",
    "Meet Priya, our new speech and language therapist.",
    "Book club this month: Great Expectations by Charles Dickens.",
    "Try our new shiitake mushroom risotto in the staff canteen.",
    "Shitake and leek soup is on the menu today.",
    "Mocktail and cocktail evening for the hospital charity on Friday.",
    "The analysis of our patient survey is now published.",
    "Our colleagues from Sussex Partnership NHS Trust visited today.",
    "Welcome to our new GP colleagues in Penistone.",
    "Five a day: try a handful of grapes or a grapefruit.",
    "A&E waits are longer than usual tonight; NHS 111 can help.",
    "Take your B12 injection as prescribed, 1 every 3 months.",
    "Ward 3B has moved to level 4.",
    "Our 24/7 helpline is 0800 123 4567.",
    "COVID-19 and flu jabs are available at the H1N1 clinic entrance.",
    "Wards 7 and 9 are open for visiting 2pm to 8pm.",
    "The N H S turns 78 this year!",
    "Our I C U team celebrated ten years on Friday.",
    "Sooooo proud of our midwives today!",
    "Yessss! The new scanner is finally here.",
    "Helloooo to all our new starters this week.",
    "Shhhh, quiet hours on the ward are 10pm to 7am.",
    "Essex and Middlesex students visited our labs.",
    "Butterscotch and pecan cake at the bake sale.",
    "Flight simulator session for the air ambulance crew in the cockpit.",
    "Dick Whittington is this year's panto on the children's ward.",
    "Our passionate team assessed 300 patients this weekend.",
    "Grass pollen is high today: take your hayfever tablets.",
    "Hancock Ward is closed for cleaning.",
    "Cockermouth and Cockfosters are a long way from Great Yarmouth!",
    "Peacock feathers are part of our new art installation.",
    "Class of 2026: congratulations to our graduating nurses.",
    "We have a bass player in our staff band.",
    "Therapists and analysts met in the Sussex suite.",
    "The rapid assessment unit is on the ground floor.",
    "Sextant Avenue is closed; use the Harfreys entrance.",
    "Mr Shitole from our radiology team retires today.",
    "Harshit and Shital ran the staff 10k.",
    "Titchwell Marsh walk for the dementia charity.",
    "Scunthorpe United visited the children's ward.",
    "p.s. the car park is free after 6pm",
    "R.I.P. to our much-loved porter Dave.",
    "Please note: f.a.q. at the end of the leaflet.",
    "Use plan B: e.g. call 111 or visit www.nhs.uk",
    "The dock leaf remedy is a myth, says our pharmacist.",
    "Our Cantonese interpreter service is free.",
    "Cumbria and Lancashire colleagues joined our webinar.",
    "Document your shifts in the new app.",
    "Rapeseed oil is a healthy choice for cooking.",
    "Therapist-led groups run every Wednesday.",
    "Mass vaccination clinic at the Assembly Rooms.",
    "Matsushita microscopes arrive in pathology next month.",
    "The Shi'ite community centre hosts our health talk.",
    "Manhattan, Manchester and Mansfield teams joined the call.",
    "Kittiwake Ward celebrates its 5th birthday.",
    "The pen is mightier than the sword: write to your MP about staffing.",
    "Cocktail sticks are a choking hazard for toddlers.",
    "Our new pharmacist, Dr Phuc Nguyen, joins us today.",
    "Arsenal fans raised £2,000 for the children's ward.",
    "Clitheroe colleagues shared their good practice.",
    "Our retired ambulance 'Big Bertha' is off to a museum.",
    "Spotted a cuckoo at the hospital pond this morning.",
    "The scrap metal amnesty ends this Friday.",
    "Please wear a mask (f.f.p.3) on Ward 10.",
    "We mean b-u-s-y: the Emergency Department is full.",
    "Spelling bee winner spelled n-u-r-s-e in record time!",
    "Bitcoin scams are on the rise: never share your bank details.",
    "The Fanny Adams mural is in the old wing.",
    "Shuttlecock tournament raised money for the hospice.",
    "A skunk was spotted in the car park (really!).",
    "Take the stairs: it's g-o-o-d for your heart.",
    "Our HR team is hiring: apply by 5 June.",
    "Half-term craft sessions: b.y.o. glitter!",
]

# ---- threats --------------------------------------------------------------------------

TARGETS = ["you", "that nurse", "the receptionist", "your manager", "that consultant",
           "every one of you", "the lot of you", "that doctor", "her", "him", "your staff",
           "the midwife"]
DIRECT = ["I'll {v} {t}", "I'm going to {v} {t}", "I swear I will {v} {t}", "gonna {v} {t}",
          "we will {v} {t}", "I'm gonna {v} {t} when I see them"]
VERBS = ["kill", "stab", "hurt", "batter", "shoot", "beat up", "strangle", "smash up"]
THREAT_FIXED = [
    "I'll find you.", "I will find you and you will regret it.", "We'll find you, don't worry.",
    "I know where your nurses park.", "I know where you park your car.",
    "I know what time your shift ends.", "I know which house is yours.",
    "I know where your kids go to school.", "Found your address. See you soon.",
    "You'll get what's coming to you.", "You'll get what's coming.", "Your time is coming.",
    "Your day is coming, trust me.", "You'll pay for what you did to my mum.",
    "You'll be sorry you ever met me.", "You have no idea what I'm capable of.",
    "Hope your ward burns.", "Hope the whole hospital burns down with you in it.",
    "Hope you all die in there.", "I hope that nurse gets stabbed.",
    "Hope someone runs you over on your way home.", "I hope your kids get sick and nobody helps them.",
    "Someone should shoot them.", "Someone needs to teach that doctor a lesson.",
    "Somebody ought to torch that place.", "Someone should put that receptionist in the ground.",
    "Someone should burn that mosque down.", "Somebody needs to shut that surgeon up for good.",
    "It would be a shame if something happened to your car.",
    "Be a shame if something happened to your family.", "Accidents happen to nurses like you.",
    "Careful walking to your car tonight.", "Watch yourself on your way home tonight.",
    "We'll see how brave you are in the car park.", "Let's see how tough you are without security.",
    "If my mum dies I'll burn this hospital down.", "If you cancel again you'll regret it.",
    "Touch my kid again and you're dead.", "If anything happens to her I'm coming for every one of you.",
    "If they don't fix this someone will get hurt, and it won't be me.",
    "If I see that doctor again I'll knock him out.", "One more cancellation and I'm bringing a knife.",
    "Next time I come in I'm bringing a bat.", "Do that again and I'll break your legs.",
    "If she's not seen today I'll smash your windows.",
    "They should all be hanged.", "Immigrants should be shot on sight.", "Line them up against a wall.",
    "A bullet is too good for them.", "Those people need to be wiped out.",
    "Put them all in a camp and gas them.", "Every one of those doctors deserves a bullet.",
    "Round them up and shoot them.", "Muslims should be burned alive.",
    "The trans lot should be strung up.", "I'd happily run them over.",
    "Give me five minutes with that receptionist.", "That nurse won't be so smug with a broken jaw.",
    "Wait until I catch you in the car park.", "I'll be waiting for you outside after your shift.",
    "Sleep well tonight, I know where you live.", "Enjoy your last shift.",
    "You won't see the end of the week.", "You're next.",
    "Your family will pay for this.", "I'm going to make you suffer.",
    "Keep laughing, you won't be laughing when I'm done with you.",
    "Ur gonna get ur head kicked in.", "im gonna end u", "Say that to my face and see what happens.",
    "Bring the bomb, blow the place up.", "This place deserves a bomb.",
    "Someone should set fire to the A&E.", "Bet that ward would burn nicely.",
]
IDIOMS = [
    "Our fundraisers are absolutely killing it this month!", "I could murder a coffee after that night shift.",
    "Shoot us a message if you have questions.", "This heat is killing me, stay hydrated everyone.",
    "My feet are killing me after a 12 hour shift.", "We smashed our fundraising target!",
    "Knock 'em dead at your interview, students!", "Break a leg at the staff panto tonight!",
    "Shoot for the stars, apprentices!", "Don't forget your flu shot.", "Drop us a line any time.",
    "The new cafe cake is to die for.", "I nearly died laughing at the Christmas video.",
    "We'll beat last year's record.", "Beat the queues: book online.", "Fight the flu: get vaccinated.",
    "Kill two birds with one stone: flu and COVID jabs together.", "You'll find us on level 2.",
    "We'll find you a parking space.", "I know where the car park is, it's just full!",
    "Burning the midnight oil for our audit.", "Fire safety training this Thursday.",
    "We're coming for you, flu!", "Knife crime awareness week: our A&E team shares their stories.",
    "Our stab vest donation drive for paramedics.", "Shooting pain in your leg? Call 111.",
    "The cake went down a bomb.", "Heart attack symptoms: call 999.",
    "Asthma attack? Use your blue inhaler.", "Smoking kills: we can help you quit.",
    "Our team will hunt down the best deals for the staff shop.", "You'll get what you need at the pharmacy.",
    "Wash your hands to kill germs.", "The virus needs to be wiped out.",
    "Kill all bacteria with this handwash.", "We'll be coming to your ward with cake!",
    "The physio team will beat you at rounders.", "Her singing slayed at the gala.",
    "Get shot of old medicines at the pharmacy.", "We are shooting a video on Ward 5.",
    "He's dead good at his job.", "You'll be sorry to hear that our cafe is closing.",
    "Your time is precious: book online.", "Your day is coming: retirement party for Sue!",
    "Someone should shoot a video of this amazing team!", "If you miss your appointment, you'll need to rebook.",
    "If anything happens to your baby's breathing, call 999.", "Watch yourself on icy paths this winter.",
    "Careful walking to your car tonight: the car park is icy.", "Next time you come in, bring your red book.",
    "We blew the competition away at the awards.", "Our nurses are the bomb.",
    "The results are a killer: 98% satisfaction!", "This workout will destroy you (in a good way).",
    "I'm going to hug every one of you at the party.", "Let's knock flu out this winter.",
    "Dying to tell you about our new ward!", "We'll crush this target together.",
    "Target practice: our archery club for staff.", "I swear I will bake for every one of you.",
]

# ---- implicit hostility ----------------------------------------------------------------

# (plural, singular as a noun or adjective before a role)
GROUPS = [
    ("women", "woman"), ("black people", "black"), ("Muslims", "Muslim"), ("Jews", "Jewish"),
    ("Asians", "Asian"), ("Pakistanis", "Pakistani"), ("Indians", "Indian"),
    ("Chinese people", "Chinese"), ("Africans", "African"), ("Arabs", "Arab"), ("Hindus", "Hindu"),
    ("Sikhs", "Sikh"), ("Catholics", "Catholic"), ("gay men", "gay"), ("lesbians", "lesbian"),
    ("gay people", "gay"), ("bisexual people", "bisexual"), ("trans women", "trans"),
    ("trans people", "trans"), ("disabled people", "disabled"), ("autistic people", "autistic"),
    ("deaf people", "deaf"), ("wheelchair users", "disabled"), ("immigrants", "foreign"),
    ("refugees", "refugee"), ("asylum seekers", "foreign"), ("migrants", "foreign"),
    ("foreigners", "foreign"), ("Poles", "Polish"), ("Romanians", "Romanian"),
    ("Eastern Europeans", "Eastern European"), ("Travellers", "Traveller"), ("Gypsies", "Gypsy"),
    ("Somalis", "Somali"), ("Nigerians", "Nigerian"), ("Irish people", "Irish"),
    ("people with Down's syndrome", "disabled"), ("girls", "female"),
]
DEHUMANISE = ["vermin", "parasites", "a plague", "cockroaches", "animals", "rats", "a disease",
              "a cancer on this country", "subhuman", "leeches", "a virus", "savages", "filth",
              "not even human", "a stain on this country", "mentally defective"]
PREDICATES = [
    "{G} are {d}.", "{G} are nothing but {d}.", "Honestly {G} are {d}",
    "{G} should not be allowed to vote.", "{G} shouldn't be allowed to work in the NHS.",
    "{G} should not be allowed to adopt.", "{G} shouldn't be allowed near children.",
    "{G} should never be allowed to be nurses.", "Typical {G}.", "typical {G} behaviour",
    "{G}, typical.", "{G} can't be trusted.", "You can't trust {G}.", "{G} are all the same.",
    "{G} are all criminals.", "{G} are a drain on the NHS.", "{G} are ruining this country.",
    "This country would be better off without {G}.", "The world would be better without {G}.",
    "{G} don't belong in our hospitals.", "Keep {G} away from our kids.",
    "{G} are taking over.", "Get {G} out of our NHS.", "{G} are a burden on society.",
    "I'm sick of {G}.", "{G} are useless at everything.", "{G} are too stupid to be doctors.",
    "{G} are inferior.", "{G} are born liars.", "Never trust {G}.",
    "{G} ruin every ward they work on.", "{G} only come here for the benefits.",
    "{G} have no place in a hospital.", "{G} are an embarrassment to the human race.",
    "{G} are disgusting.", "{G} shouldn't be treated before British people.",
    "{G} are all lazy scroungers.", "{G} need to be kept out.",
]
SINGULAR = [
    "I'd never let a {g} doctor treat me.", "I would never let a {g} nurse touch my baby.",
    "I don't want a {g} doctor.", "No {g} midwife is coming near my wife.",
    "I refuse to be seen by a {g} nurse.", "I asked for a proper doctor, not a {g} one.",
]
GO_BACK = ["Go back to where you came from.", "Go back to your own country.",
           "Go back to Africa.", "Go back to Poland, we don't want you here.",
           "Why don't you go back home where you belong?", "Go home, foreigners.",
           "Go back to your own country and take your family with you.",
           "go back where u came from", "Go back to Pakistan.", "Go back to your mud hut."]
POSITIVE = [
    "{G} are welcome here.", "{G} are valued members of our team.", "We stand with {G}.",
    "{G} are more likely to miss out on screening; here's how we are helping.",
    "{G} should be allowed to access every service we offer.",
    "{G} should not be left without care.", "{G} should not be afraid to ask for help.",
    "Our staff network for {G} meets on Thursday.", "Celebrating {G} in our workforce.",
    "{G} deserve the same care as everyone else.", "{G} can use the interpreter service free of charge.",
    "Research shows {G} wait longer for diagnosis.", "Thank you to all the {G} who shared their stories.",
    "{G} are not a burden: they keep the NHS running.",
]
COUNTER = [
    "Saying '{G} are vermin' is disgusting and has no place here.",
    "Calling {G} parasites is hate speech, and we will report it.",
    "Someone wrote '{G} are a plague' on our wall. This is unacceptable and the police are investigating.",
    "No one should ever say {G} are parasites.", "{G} are not vermin; they are our neighbours and colleagues.",
    "It is wrong to claim {G} are a drain on the NHS.", "We reject anyone saying {G} should not be allowed to work here.",
    "'Go back to where you came from' is racist abuse, and we will not tolerate it.",
    "A patient told one of our nurses to go back to her own country. We have reported it to the police.",
    "The claim that {G} can't be trusted is a stereotype we all need to challenge.",
    "Our porter was called a racial slur by a visitor last night. Abuse of staff is never acceptable.",
    "Nobody should be told they don't belong in our hospitals.",
]

# A second batch, in other words, written after the first was tuned on (its first
# figure is in training/offensive/DATA.md); tuned on since.
BATCH2: dict[tuple[str, bool], list[str]] = {
 ("disguise", True): ["yer a c.u.n.t mate", "absolute sh1tsh0w of a clinic", "what a bunch of tw@ts", "f-u-c-k the parking fees",
   "STUPIIIID receptionist", "you're a m0r0n", "go f*** yourself", "shiiiit service", "she's a total b!tch", "the consultant is a d1ckh3ad",
   "he's a r3t@rd", "pr1cks the lot of them", "that nurse is a wh0re", "cnut", "you ugly c0w", "eat sh!t"],
 ("disguise", False): ["Our new Essex ward opens Monday", "Dr Hancock's clinic moves to level 3", "Pass the ketchup please",
   "Matron's cocktail party raised £300", "Therapists from Middlesex visited", "The P.I.C.U. team won an award",
   "Shiitake risotto is today's special", "Grapefruit can interact with some medicines", "Assassin's Creed night for the youth club",
   "Wards 4A and 4B merge on 1 May"],
 ("threat", True): ["I'll be outside when your shift finishes, nurse.", "Next time you see me it won't be to talk.",
   "I'm going to hunt down that receptionist.", "If my dad doesn't get a bed tonight, someone on that ward is getting hurt.",
   "That midwife better pray I never find her.", "I'll slash your tyres.", "I will end that doctor's career and then his life.",
   "Some of you nurses need a good kicking.", "I hope the consultant crashes his car on the way home.", "We'll burn your clinic to the ground.",
   "Keep ignoring me and see what I do to your staff.", "Rot in hell, every one of you.", "Muslims deserve to be wiped off the map.",
   "The doctors who did this should hang.", "I'm gonna smash that receptionist's face in.", "You lot won't be safe in that car park."],
 ("threat", False): ["We're going to smash our fundraising target!", "Our team is on fire this week!", "Shoot me an email with your questions.",
   "My back is killing me, any physio tips?", "We'll kill off the old paper forms next month.", "The band blew the roof off at the staff party.",
   "Nurses slay at the annual awards!", "I'd kill for a cup of tea right now.", "Our volunteers are knocking it out of the park.",
   "The new rota will hit the ground running."],
 ("hostility", True): ["Foreign nurses are a danger to patients.", "Trans people are mentally ill and shouldn't work with kids.",
   "Black doctors only got their jobs because of quotas.", "Women can't handle surgery, simple as.", "Gay men spread disease, everyone knows it.",
   "Polish workers are stealing our jobs and our houses.", "Immigrants are bleeding the NHS dry.", "Muslims are all terrorists at heart.",
   "Disabled people are a waste of NHS money.", "Why do we let Romanians in? They're all thieves.", "Jews control the NHS budget.",
   "Travellers are filthy animals.", "Asylum seekers should be sent back on the next boat.", "Autistic people shouldn't be allowed to have kids.",
   "Refugees are an invasion.", "Those Pakistani doctors can't even speak English."],
 ("hostility", False): ["Foreign nurses have kept our wards running for decades.", "Trans people can access our gender identity clinic by referral.",
   "Black doctors are under-represented in senior roles; our mentoring scheme aims to change that.", "Women surgeons in our team led 400 operations this year.",
   "Gay men can now get PrEP at our sexual health clinic.", "Polish interpreters are available on request.",
   "Calling immigrants a drain on the NHS is simply false: one in five of our staff were born abroad.",
   "We condemn the graffiti calling refugees an invasion.", "A visitor told our Muslim nurse to go home. That is racist abuse and we reported it.",
   "Disabled people are not a burden; they are our patients, colleagues and friends."],
}


def _groups(r: random.Random, k: int) -> list[tuple[str, str]]:
    return r.sample(GROUPS, k=min(k, len(GROUPS)))


def generate() -> list[dict[str, object]]:
    r = random.Random(SEED)
    cases: list[dict[str, object]] = []

    def add(fn: str, pos: bool, text: str, note: str) -> None:
        n = sum(1 for c in cases if str(c["id"]).startswith(f"{fn}-{'pos' if pos else 'neg'}-"))
        cases.append({"id": f"{fn}-{'pos' if pos else 'neg'}-{n + 1:03d}", "text": text,
                      "labels": [RULE] if pos else [], "note": note})

    for name, disguise in DISGUISES.items():
        for word in r.sample(STRONG, k=10):
            frame = r.choice(SWEAR_FRAMES)
            add("disguise", True, frame.format(w=disguise(word, r)), name)
    for sentence, key in DISGUISED_SENTENCES:
        for name in r.sample(sorted(DISGUISES), k=3):
            text = sentence.replace("{" + key + "}", DISGUISES[name](key, r))
            add("disguise", True, text[0].upper() + text[1:], f"{name} in a threat or hostile claim")
    for text in REAL_WORDS:
        add("disguise", False, text, "real word or code")

    for _ in range(40):
        add("threat", True, r.choice(DIRECT).format(v=r.choice(VERBS), t=r.choice(TARGETS)) + ".",
            "direct threat")
    for text in THREAT_FIXED:
        add("threat", True, text, "threat: direct, indirect, conditional or wished")
    for text in IDIOMS:
        add("threat", False, text, "idiom or violent word in ordinary use")

    for template in PREDICATES:
        for plural, _ in _groups(r, 4):
            text = template.format(G=plural, d=r.choice(DEHUMANISE))
            add("hostility", True, text[0].upper() + text[1:], "group + hostile predicate")
    for template in SINGULAR:
        for _, adj in _groups(r, 4):
            add("hostility", True, template.format(g=adj), "refusing care from a group")
    for text in GO_BACK:
        add("hostility", True, text, "go back")
    for template in POSITIVE:
        for plural, _ in _groups(r, 4):
            text = template.format(G=plural)
            add("hostility", False, text[0].upper() + text[1:], "positive or neutral talk about a group")
    for template in COUNTER:
        groups = _groups(r, 4) if "{G}" in template else [("", "")]
        for plural, _ in groups:
            text = template.format(G=plural)
            add("hostility", False, text[0].upper() + text[1:], "counter-speech, negated or reported hate")
    for (fn, pos), texts in BATCH2.items():
        for i, text in enumerate(texts):
            cases.append({"id": f"{fn}-{'pos' if pos else 'neg'}-b2-{i + 1:03d}", "text": text,
                          "labels": [RULE] if pos else [], "note": "batch 2"})
    return cases


def write() -> None:
    header = ("# DEVELOPMENT set for offensive-content (tuned on), generated by\n"
              "# benchmarks/offensive_functional.py --write from templates written for this project.\n"
              "# Labels are complete for offensive-content only; score with\n"
              "# python benchmarks/offensive_functional.py, or benchmarks/quality.py --rules offensive-content.\n")
    body = yaml.safe_dump({"cases": generate()}, allow_unicode=True, sort_keys=False, width=200)
    OUT.write_text(header + body, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


def _cases() -> Iterator[dict[str, object]]:
    data = yaml.safe_load(OUT.read_text(encoding="utf-8"))
    yield from data["cases"]


def score(show_misses: bool) -> None:
    from benchmarks.quality import default_linter
    from benchmarks.real import Item, run

    cases = list(_cases())
    fired = run(default_linter([RULE]), [Item(str(c["text"]), bool(c["labels"])) for c in cases])
    table: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    by_note: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    for case, f in zip(cases, fired, strict=True):
        fn, side, _ = str(case["id"]).split("-", 2)
        hit = RULE in f
        table[(fn, side)][0] += hit
        table[(fn, side)][1] += 1
        by_note[(fn, str(case["note"]))][0] += hit
        by_note[(fn, str(case["note"]))][1] += 1
        if hit != (side == "pos"):
            misses.append(f"{case['id']}: {case['text']}")
    for fn in ("disguise", "threat", "hostility"):
        tp, pos = table[(fn, "pos")]
        fp, neg = table[(fn, "neg")]
        print(f"{fn:10} recall {tp}/{pos} = {tp / pos:.3f}   false alarms {fp}/{neg}")
    for (fn, note), (hit, n) in sorted(by_note.items()):
        print(f"   {fn:10} {note:48} {hit:3}/{n}")
    if show_misses:
        print("\n".join(misses))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", action="store_true", help="regenerate the corpus file")
    parser.add_argument("--misses", action="store_true", help="list every miss and false alarm")
    args = parser.parse_args()
    if args.write:
        write()
        return 0
    score(args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
