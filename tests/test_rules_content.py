"""Behaviour of the content rules on posts written for these tests (not the rules' own examples).

offensive-content, complaint-whistleblowing, internal-information and poll-canvassing:
each must catch paraphrases and disguised spellings, and leave ordinary hospital
posts (supportive mentions of groups, medical words, idioms, Trust-run surveys) alone.
"""

from __future__ import annotations

from typing import Any

import pytest

MINE = ("offensive-content", "complaint-whistleblowing", "internal-information", "poll-canvassing")


@pytest.fixture(scope="module")
def content_linter(make_linter):
    # Only these rules run, so another rule's findings cannot blur what is measured here.
    return make_linter(select=list(MINE))


def _rules(linter, case: Any) -> set[str]:
    if isinstance(case, dict):
        meta = dict(case)
        text = meta.pop("text")
    else:
        text, meta = case, {}
    return {f.rule for f in linter.check_text(text, **meta)}


def _params(rule: str, cases: list[Any]) -> list[Any]:
    return [pytest.param(rule, c, id=f"{rule}-{i}") for i, c in enumerate(cases)]


OFFENSIVE_FAIL = [
    # profanity, plain and disguised
    "What a load of shit from the council today",
    "This parking situation is sh1t",
    "f u c k this weather",
    "Absolute b.i.t.c.h of a shift",
    "Only an 1d10t would park across the ambulance bay",
    "Don't be stuuupid, wear your seatbelt",
    "f*ck me, what a day",
    "What the fukc happened to the car park",
    "Some idoit parked in the disabled bay again",
    "Whoever took the charity box is a total wanker",
    "The new rota is bullsh!t",
    "Stop being such an arsehole to reception staff",
    "That consultant is a complete twat",
    "Pissed off with these delays",
    "WTF is going on with the lifts",
    "what a bunch of m0r0ns",
    "Those protesters outside are scum",
    "Who is the dickhead blocking the drop-off zone?",
    "sh*t happens, just deal with it",
    "What a stupid decision by the board",
    # hostility towards groups, no slur needed
    "Muslims are disgusting",
    "Immigrants are ruining the NHS",
    "We should get rid of all the foreigners",
    "Those people don't belong here",
    "Gay people are disgusting and shouldn't be allowed to adopt",
    "Trans people are mentally ill freaks",
    "Foreign nurses should go back to their own country",
    "Send the migrants home, they're a drain on our hospitals",
    "I hate Polish people",
    "Disabled people are a burden on the NHS",
    "Asylum seekers are vermin",
    "Ban all muslims from working here",
    "Eastern Europeans are taking over our wards",
    # threats and harassment
    "I know where you live",
    "You'll regret this",
    "Watch your back, nurse",
    "We know where you work and we're coming for you",
    "You're going to pay for this",
    "I'll smash your face in if you make me wait again",
    "Someone should shoot that receptionist",
    "Go kill yourself",
    "I hope you die",
    "That doctor deserves to be shot",
]

OFFENSIVE_PASS = [
    "Proud to support our LGBT+ staff network at Norwich Pride",
    "Celebrating Black History Month with our colleagues",
    "Our Muslim chaplaincy offers prayer space on level 2",
    "Disabled parking is available next to the main entrance",
    "Welcoming 40 international nurses who joined us from India and the Philippines this month",
    "Refugee Week: our interpreters help patients in more than 50 languages",
    "Visiting from Scunthorpe? Here's how to find us",
    "Join us for a mocktail evening, no cocktails needed!",
    "Your assessment will take about 30 minutes",
    "Meet Sam, our new occupational therapist",
    "We're recruiting in Essex and Norfolk",
    "New analysis of A&E waiting times published today",
    "Wash your hands to kill germs",
    "We're shooting a video for our maternity tour today",
    "Get your flu shot at the pharmacy",
    "Breast screening appointments are now available",
    "Our sexual health clinic is open Monday to Friday",
    "Anal fissures are common and usually heal on their own",
    "Information about rectal bleeding and when to see your GP",
    "Penis and vagina are the correct words to teach children",
    "Testicular cancer awareness month: check yourself",
    "Cocktail of medicines: ask your pharmacist for a review",
    "There's no such thing as a stupid question: ask your midwife",
    "Dick Whittington panto on the children's ward today!",
    "We hate to see patients waiting, so our new discharge lounge opens Monday",
    "Shoot us a message if you want to volunteer",
    "Stroke survivors group meets every Tuesday",
    "Our hospice team will never give up on you",
    "Smoking kills: ask us about free stop smoking support",
    "The results are killer! Our fun run raised £3,000",
    "Our Norfolk Broads walk: past the dyke and the windmill",
    "Arsenal fans raised £500 for the children's ward",
    "Hancock, Sussex and Middlesex: a history of nursing exhibition",
    "Finger prick blood tests are quick and almost painless",
    "Tips for beating exhaustion during Ramadan for our Muslim colleagues",
    "Older people are more at risk from flu, so book your jab",
    "Immigrants make up a third of our workforce and we're proud of every one",
    "Spastic cerebral palsy: our physiotherapy team explains",
    "Don't let them get away with it: report fraud to the NHS Counter Fraud Authority",
    "Look out for your neighbours in the cold weather",
    "Please be patient with our staff: we'll get you seen as soon as we can",
]

COMPLAINT_FAIL = [
    "Management ignored our concerns about staffing",
    "We're exhausted and nobody listens",
    "I've raised a grievance about my manager",
    "The investigation into the incident on ward 5 found the nurse had not checked the chart",
    "Staff are at breaking point and the board doesn't care",
    "Nobody in management listens to the nurses on the floor",
    "We raised concerns about unsafe staffing months ago and nothing was done",
    "I'm going to blow the whistle on what's happening in theatres",
    "Another shift with no break, we're overworked and undervalued",
    "Our complaint about the rota was rejected again",
    "A nurse on ward 12 has been suspended pending an investigation",
    "The patient's family complained that he was left for six hours",
    "Toxic culture in this department, bullied by senior managers for years",
    "The trust refuses to listen to its own staff",
    "Still haven't been paid for the overtime we did in March. Disgraceful",
    "The disciplinary hearing for the two porters is next week",
    "Unsafe staffing levels on the night shift again: 2 nurses for 30 patients",
    "HR have completely ignored my complaint",
    "I have formally complained about how the trust treated me",
    "The complaint was upheld and the consultant was disciplined",
]

COMPLAINT_PASS = [
    "Contact PALS if you have a concern about your care",
    "Thank you for the lovely compliment about our maternity team!",
    "It's Freedom to Speak Up month: our Guardians are here to listen",
    "We're recruiting nurses: apply now on NHS Jobs",
    "We're exhausted but proud after the Great Yarmouth fun run!",
    "Feeling burnt out? Our staff wellbeing hub is open 24/7",
    "If you'd like to make a complaint, our PALS team can help: pals@jpaget.nhs.uk",
    "Our staff worked tirelessly through the storm. Thank you!",
    "Feel like nobody listens? Our Talking Therapies team is here for you",
    "Compliments and complaints help us improve: find out how to give feedback on our website",
    "Speaking up protects patients. Find your Freedom to Speak Up Guardian on the intranet",
    "Our ward 5 team won the Nursing Times award for patient safety",
    "Our investigation into new treatments for sepsis has been published in the BMJ",
    "Patients told us parking was hard, so we've added 200 spaces",
    "A huge thank you to our porters, who walk 15 miles a shift!",
    "Stress Awareness Month: tips for looking after yourself",
    "Nurses' pay rise confirmed: find out what it means for you on NHS Employers",
]

INTERNAL_FAIL = [
    "EMBARGOED until 00:01 Thursday: new cancer centre confirmed",
    "Under embargo until 10am tomorrow - the CQC rating is Good!",
    "INTERNAL ONLY: the new car parking charges start in May",
    "For internal use only. Ward 4 will close for refurbishment",
    "Not for publication: board agreed to merge the two wards",
    "CONFIDENTIAL - draft restructure of the estates team",
    "DRAFT: new visiting times (not final)",
    "Please do not share this outside the team until it's announced",
    "Staff only: the pay award letters go out on Friday",
    "Leaked board papers show plans to close the birthing unit",
    "Strictly confidential: the chief executive is stepping down",
    "Don't share yet but we've got funding for the new scanner!",
    "This is still hush hush, but the new MRI is coming in June",
    "According to an internal memo, outpatient clinics will move to Lowestoft",
    "Part 2 private board session agreed the budget cuts",
    "Not to be circulated externally: winter plan v3",
    "The news isn't public yet but we've won the bid!",
    "Keep this under wraps: the Duchess is visiting on Tuesday",
    "Commercial in confidence: our tender figures for the new wing",
]

INTERNAL_PASS = [
    "The restrictions on visiting have been lifted",
    "A confidential counselling service is available to all staff",
    "Our internal medicine department is recruiting",
    "Please share this post!",
    "Share this with anyone who's due their flu jab",
    "Our sexual health clinic offers free, confidential testing",
    "Your information is kept confidential and secure",
    "Have your say on our draft clinical strategy at jpaget.nhs.uk/strategy",
    "Board papers for Thursday's meeting in public are on our website",
    "We will never ask for your bank details or confidential information by text",
    "Internal bleeding after a fall: when to call 999",
    "The staff car park is staff only from Monday; visitors please use car park B",
    "Never share your NHS login with anyone",
    "Draft your questions before your appointment so you don't forget",
    "The embargo has now lifted: we can confirm our new cancer centre!",
    "Internal candidates are encouraged to apply",
    "Confidential advice is available from the Samaritans on 116 123",
]

POLL_FAIL = [
    {"text": "Which day would suit you for our open day?",
     "poll": {"question": "Best day?", "options": ["Saturday", "Sunday"]}},
    {"text": "Tell us!", "poll": {"question": "How was your stay?", "options": ["Good", "Bad"]}},
    "Rate your stay 1-5",
    "Vote: which clinic was best?",
    "How did we do? Reply with a 👍 or 👎",
    "Tell us in the comments what you think of our A&E",
    "How would you rate our new café? Let us know below!",
    "On a scale of 1 to 10, how happy were you with your care?",
    "Rate us out of 10 in the replies",
    "Quick poll: are our car parking charges fair?",
    "Comment below with your experience of our maternity unit",
    "Leave us a review on Facebook and tell us about your stay",
    "Vote for your favourite ward in the comments!",
    "Like this post if you were happy with your outpatient appointment",
    "What did you think of the care on ward 10? Drop your thoughts below",
    "How satisfied were you with our discharge process? Reply yes or no",
    "Give our new appointment booking system a score out of 5 in the comments",
    "Share your feedback on our A&E below 👇",
]

POLL_PASS = [
    "Don't forget to vote in the local elections on Thursday",
    "Staff voted Jane our nurse of the year!",
    "Friends and Family Test results are out: 96% would recommend our wards",
    "Complete the Friends and Family Test at https://www.jpaget.nhs.uk/fft, it's run by our Patient Experience team",
    "Heart rate monitors help us keep an eye on your baby",
    "The rate of hospital infections has fallen for the third year",
    "The National Staff Survey results are published today",
    "Thank you for your lovely review of our children's ward!",
    "Your midwife may ask you to rate your pain from 0 to 10",
    "A recent YouGov poll found most people trust nurses",
    "Register to vote by 16 April",
    "Polling stations open at 7am: our buses stop outside",
    "Our patient survey results are in: thank you to everyone who took part",
    "Want to share your experience? Contact our PALS team or fill in the official survey at jpaget.nhs.uk/feedback",
    "Our nurses voted the new uniform the comfiest yet",
    "The birth rate in Norfolk is falling",
]


# A second, harder batch: other voices and disguises, and the ordinary posts most
# likely to trip each rule.
OFFENSIVE_FAIL += [
    "this car park is a f***ing joke",
    "s h i t service at the drop off today",
    "Whoever nicked my lunch is a b1tch",
    "You lazy pigs never answer the phone",
    "Pensioners who bed block are a burden on everyone",
    "Foreigners shouldn't get free NHS treatment",
    "I'd punch him in the face if I saw him again",
    "He deserves a good slap",
    "Shut up and do your job",
    "go back to where you came from",
    "She's a lying psycho and everyone knows it",
    "Travellers are filthy criminals",
]
OFFENSIVE_PASS += [
    "Thank you a lot to everyone who came to our open day",
    "If you see rats near the bins, please tell our estates team",
    "The pay offer felt like a slap in the face to many, says the union",
    "Our psychosis early intervention team is recruiting",
    "Getting rid of clutter at home can prevent falls",
    "Shut-eye matters: tips for better sleep on night shifts",
    "Our dementia café welcomes people who are living with memory loss",
    "Immigrants and refugees can register with a GP without proof of address",
    "Mentally ill people are more likely to be victims of crime than perpetrators",
    "Fat is an important part of a balanced diet",
    "Ride the bus? Our shuttle to the Lowestoft hub is free",
]
COMPLAINT_FAIL += [
    "Three weeks and still no reply from HR about my grievance",
    "Pharmacy team are on their knees and the execs couldn't care less",
    "We're treated like numbers by this trust",
    "My manager has been bullying me for months and nobody does anything",
    "Raising concerns here is a waste of time",
    "Porters have been told to work through their breaks again",
]
COMPLAINT_PASS += [
    "Our Guardians help staff raise concerns safely: find them on the intranet",
    "We listened to your feedback and extended visiting hours",
    "Dignity at Work: our new policy is out for consultation on the intranet",
    "Our bank staff are paid weekly: join the bank today",
    "Well done to our porters, who were praised in the CQC report",
    "The Trust board meets in public on Thursday: everyone is welcome",
]
INTERNAL_FAIL += [
    "Do not forward: redundancy numbers for admin staff",
    "[DRAFT v2] Winter pressures statement",
    "We're not supposed to say yet, but the new ward opens in June",
    "Leaked from the board meeting: three wards to merge",
]
INTERNAL_PASS += [
    "Don't share antibiotics with family or friends",
    "Your PIN is private: never share it with anyone",
    "Free, confidential and non-judgemental support for carers",
    "The water leaked from a burst pipe, so Ward 3 has moved to Ward 7 today",
    "Book a private session with our physiotherapy team",
]
POLL_FAIL += [
    "Which ward has the friendliest staff? Reply with your pick!",
    "Was our new menu a hit? Thumbs up or thumbs down",
    "We're collecting your views on our outpatient letters - comment below",
    "Give the new car park a score out of 10!",
]
POLL_PASS += [
    "We asked, you answered: 92% rated their care as good in our official survey",
    "Our charity fun run: vote with your feet and sign up today",
    "Polls open 7am to 10pm on Thursday",
]

NEUTRAL = [
    "Our new CT scanner is up and running, cutting waiting times for scans",
    "Happy International Nurses Day to our amazing team!",
    "Flu jabs are free for over-65s: book at your GP",
    "Visiting hours are 2pm to 8pm every day",
    "The Louise Hamilton Centre is holding a coffee morning on Friday",
    "Congratulations to our maternity team on their new award",
]

CASES = (
    [pytest.param("offensive-content", c, True, id=f"offensive-fail-{i}") for i, c in enumerate(OFFENSIVE_FAIL)]
    + [pytest.param("offensive-content", c, False, id=f"offensive-pass-{i}") for i, c in enumerate(OFFENSIVE_PASS)]
    + [pytest.param("complaint-whistleblowing", c, True, id=f"complaint-fail-{i}") for i, c in enumerate(COMPLAINT_FAIL)]
    + [pytest.param("complaint-whistleblowing", c, False, id=f"complaint-pass-{i}") for i, c in enumerate(COMPLAINT_PASS)]
    + [pytest.param("internal-information", c, True, id=f"internal-fail-{i}") for i, c in enumerate(INTERNAL_FAIL)]
    + [pytest.param("internal-information", c, False, id=f"internal-pass-{i}") for i, c in enumerate(INTERNAL_PASS)]
    + [pytest.param("poll-canvassing", c, True, id=f"poll-fail-{i}") for i, c in enumerate(POLL_FAIL)]
    + [pytest.param("poll-canvassing", c, False, id=f"poll-pass-{i}") for i, c in enumerate(POLL_PASS)]
)


@pytest.mark.parametrize(("rule", "case", "flagged"), CASES)
def test_rule_behaviour(content_linter, rule, case, flagged):
    found = _rules(content_linter, case)
    assert (rule in found) == flagged, f"{rule} {'missed' if flagged else 'wrongly flagged'}: {case!r}"


@pytest.mark.parametrize("text", NEUTRAL)
def test_ordinary_posts_trip_none(content_linter, text):
    assert _rules(content_linter, text) == set()


def test_poll_finding_points_at_the_poll(content_linter):
    findings = content_linter.check_text(
        "Help us choose!", poll={"question": "Which café menu?", "options": ["A", "B"]}
    )
    poll = [f for f in findings if f.rule == "poll-canvassing"]
    assert poll


def test_offensive_message_names_no_slur(builtin_rules):
    rule = next(r for r in builtin_rules if r.id == "offensive-content")
    assert "fuck" not in rule.message.lower() and "fuck" not in rule.suggestion.lower()
