"""Generalisation sets for complaint-whistleblowing and internal-information.

Written from scratch in many voices (nurses, HCAs, porters, junior doctors, admin and
secretarial staff, union reps, patients and relatives) to check that the ``cues``
detectors catch grievances and leaks by their ingredients, not by fixed sentences,
and that Trust good news, recruitment, Freedom to Speak Up and wellbeing posts,
"you said, we did", apologies with PALS details, thank-yous and strike information
stay silent. None of these sentences is pasted into a rule.
"""

from __future__ import annotations

import pytest

COMPLAINT_FAIL = [
    # nurses and HCAs
    "Eight months since I applied for flexible working and HR still haven't replied",
    "Our sister keeps giving the good shifts to her mates. Same names off at Christmas every year",
    "Bank shifts cancelled last minute for the third time this month, no explanation",
    "Another week, another hoist out of action on ward 10. Reported it. Again.",
    "Fourteen patients and me on nights with one HCA. Somehow that counts as safe on the rota",
    "Our ward manager rewrote the rota so her favourites get every weekend off. Nobody dares say anything",
    "My appraisal was done in 5 minutes in a corridor. That's how much they value us",
    "Spent 45 minutes hunting for a working obs machine on the ward tonight. Still no new ones ordered",
    "The staff room heating has been broken since October and estates say it's 'on the list'",
    "Been a band 5 doing band 6 work for two years. Banding review? Still pending.",
    "Honestly this place runs on goodwill and the managers know it",
    "Just putting it out there that three of us on the same unit handed our notice in this month",
    "Every time someone complains about the matron on our unit they end up moved. Coincidence I'm sure 🙃",
    "Agency nurses on £60 an hour next to us on band 5 doing the same job. Explain that, JPUH",
    "We're supposed to have 6 on the late shift. Had 3. Again.",
    "HCA life: no lunch, no thanks, and told off for being 5 minutes late back from a break I never got",
    "Management say morale is a priority then cancel the staff Christmas do. Right.",
    "Incident reports about the broken drug fridge go nowhere",
    "Nobody from senior management has set foot on our ward in a year",
    "The Datix system is where concerns go to die",
    "Anyone else on ED been told they can't take any leave in December? Ridiculous.",
    "ED was 40 over capacity last night and we had 2 doctors. I'm done.",
    "Came home from a 13 hour shift and cried in the shower. Can't keep doing this",
    "Six weeks waiting for occupational health to see me after I hurt my back on the ward",
    "Still no lockers for night staff. We leave our bags in the sluice.",
    "My manager told me I 'lack resilience' after I asked for help with the workload",
    "Our rota came out 3 days before the month started. Try arranging childcare around that",
    "Students on placement are being used as HCAs because we're that short",
    "Apparently asking to go home on time makes you 'not a team player' on this ward",
    "Love that we got a thank-you email instead of the enhancements we're owed 🙃",
    "A colleague was sent home in tears by the ward sister yesterday and nothing will happen, it never does",
    "The night coordinator moved me to three different wards in one shift. No handover, no thanks",
    "We've had no permanent ward manager for 18 months. Interims come and go",
    "Our midwives miss their breaks every shift and the unit is still short by 12 posts",
    "Paid £8 to park so I could go to work yesterday. Staff parking charges are a disgrace",
    # porters, admin, estates
    "porter here. 9 jobs waiting, 2 of us on. patients sat in x-ray for an hour waiting to go back. every night the same",
    "Porters expected to cover the whole site with four of us on a Saturday night. Joke.",
    "The lift in the tower block has been broken for three weeks and we're carrying oxygen cylinders up the stairs",
    "Admin team have been told our contracts are 'under review' for six months now. Nobody will tell us anything",
    "Payroll have underpaid me for the second month running. Still waiting for it to be fixed",
    "Medical secretaries are drowning: 400 letters in the backlog and they've cut our overtime",
    "Admin staff are treated as second class citizens in this trust",
    "Cleaners got a two per cent rise while the cost of parking here doubled. Shameful",
    "Reception staff get abuse every day and when we ask for security we're told there's no budget",
    "Why does it take HR four months to process a simple job offer? We've lost two candidates already",
    "Whoever decided to move the pharmacy hatch has clearly never worked a night shift here",
    # junior doctors
    "FY1 here. No induction at all, thrown onto the wards on day one",
    "Exception reports for the extra hours we work keep vanishing. Funny how that works",
    "Mandatory training has to be done on our days off, unpaid. Make of that what you will",
    "The doctors' mess has been shut for 'refurbishment' for a year. Nowhere to eat or rest on nights",
    "Theatres cancelled my list again because there were no anaesthetic nurses. Third time this month",
    "Love how the execs had an away day at a hotel while we can't get a working BP machine 🙄",
    "Funny how there's always money for new managers but never for more HCAs",
    "The new e-rostering system has wiped my leave twice and nobody in HR can explain it",
    # union reps
    "Union rep here: members on the stroke unit have been refused breaks on 12 hour shifts for weeks",
    "As branch secretary I've had 20 members this month with incorrect pay. The trust's response? Silence.",
    "Our porters have had no increase in their on-call allowance for 3 years",
    "Got a letter about my sickness record after I caught covid at work. Brilliant.",
    "Six patients waiting for beds in our department and we're told to 'find space'. Where?",
    # patients and relatives
    "Waited 7 hours in A&E with chest pain and nobody checked on me once",
    "My dad's been on a trolley in the corridor since last night. No bed, no food, no one to ask",
    "Third time they've cancelled mum's operation. Nobody even rang, we found out when we got there",
    "Sat in outpatients for 2 hours for my appointment, then told the doctor had gone home",
    "My nan was left in a soiled bed for hours on ward 4 because the nurses were too busy",
    "The James Paget lost my blood test results and I had to go back twice. Shocking",
    "Asked for pain relief at 2am, got it at 6. My wife was in agony",
    "My son's referral has been 'in the system' for 14 months. Still no appointment",
    "They discharged my 89 year old grandad at 11pm with no transport home. Disgusting",
    "Been ringing the ward for updates on my mum all day and nobody answers the phone",
    "The food they gave my dad was stone cold and nobody helped him eat it",
    "Scan results were meant to be back in a week. It's been six and nobody can tell me anything",
    "My daughter's x-ray was misread and we were sent home with a broken wrist",
]

COMPLAINT_PASS = [
    "We're hiring on nights! Join our friendly team on Ward 7",
    "Staffing on our wards is at its highest level in five years, thanks to 90 new nurses",
    "Freedom to Speak Up: if something isn't right at work, talk to us. We're listening",
    "You told us the staff room on Ward 3 needed a refresh, so we've done it",
    "We've listened to feedback about parking and fixed the barrier at the staff car park",
    "We're sorry your visit didn't go as planned. Please contact PALS on 01493 452452 so we can help",
    "Thank you to our night team on the acute medical unit for all your hard work",
    "Junior doctors' strike from 7am Wednesday: please still come to your appointment",
    "Our HR team runs drop-in sessions on flexible working every Tuesday",
    "Payroll reminder: overtime claims need to be in by the 10th",
    "Your banding review questions answered: join our webinar on Thursday",
    "Our matrons walked 20 miles this week for charity!",
    "The board approved funding for 30 more healthcare assistants",
    "Waiting for test results can be worrying. Here's how to find out when yours will be ready",
    "Our A&E waiting times have improved for the third month in a row",
    "X-ray opening hours change from Monday: see our website",
    "We've introduced self-rostering on every ward, so staff have more say over their hours",
    "Still not sure whether to get your flu jab? Talk to our nurses",
    "Again this year our maternity unit was rated one of the best in the region",
    "Our incident reporting culture was praised by the CQC",
    "Annual leave planning for Christmas: rota requests are open now on the intranet",
    "Welcome to our new ward manager on Ward 12, Sister Amy",
    "Agency spend is down 40% as more nurses join our bank",
    "Appraisal season: book your slot with your line manager",
    "Colleagues across the trust raised £5,000 for the Louise Hamilton Centre",
    "Feeling burnt out? You're not alone. Our wellbeing hub is open to all staff",
    "Crying is okay. Our chaplaincy team is here for staff and patients, day and night",
    "Bullying is never acceptable. If it happens to you, speak to our Guardian",
    "Our unit was buzzing today with a visit from the Duchess",
    "After your feedback, we now text you when your clinic is running late",
    "We know waiting is frustrating. Our volunteers are in A&E to help with drinks and updates",
    "We apologise to patients whose appointments were cancelled because of the IT outage",
    "Thank you to our porters, HCAs and cleaners: the unsung heroes of every shift",
    "Strike update: A&E is open as normal. Please use NHS 111 for anything else",
    "Fancy a change? Our theatres team is recruiting ODPs, apply by Friday",
    "Incident reporting helps us learn. Thank you to every colleague who completed a Datix this year",
    "Our exec team spent the day shadowing nurses on the wards",
    "Nights can be tough. Free hot meals for staff on night shifts this month",
    "Staff pay: the 5.5% award will be in your October salary with back pay",
    "Our new hoists have arrived on ward 5, thanks to the League of Friends",
    "The trust has met its target for staff flu vaccinations",
    "Did you know our appointment reminder service saves 3,000 missed appointments a year?",
    "Our doctors and nurses will be at the careers fair on Saturday",
    "Patients waited less time for x-rays this winter than last",
    "Our nurse-led clinic means you can get your results in one visit",
    "This place is special. Happy 40th birthday to the James Paget!",
    "We're sorry for the long waits in ED today. Our teams are working hard to see everyone",
    "Had a good experience on Ward 10? Tell us through the Friends and Family Test",
    "If you have a concern about your care, please speak to the nurse in charge or contact PALS",
    "Our HR director will host a live Q&A for staff on the new pension changes",
    "Unpaid carers: our carers' passport gives you free parking and meals",
    "Again, thank you to everyone who came to our open day!",
    "Hours of fun at the children's ward Halloween party 🎃",
    "Our leave policy now includes two days of paid carers' leave",
    "The results are in: our staff survey response rate is the highest ever",
    "Our Datix training is now available on e-learning",
    "A big welcome to our 25 international nurses who started on the wards this week",
    "Still time to nominate a colleague for our Star Awards!",
    "No one does teamwork like our stroke unit. Congratulations on your award!",
    "We've listened to staff and made parking free for night shifts",
    "The Trust and the BMA have reached agreement on rota changes for junior doctors",
    "Our payroll team won an award for accuracy this year",
    "A reminder that the staff Christmas lunch is on the 18th in the restaurant",
    "Board meeting in public: the agenda includes our six-monthly staffing report",
    "Our new manager development programme opens for applications",
    "Please be kind to our staff. They're working incredibly hard",
    "Waiting lists for hip operations have fallen by a third",
    "Missed your appointment? Here's how to rebook",
    "Our night sisters share their top tips for new starters on nights",
    "Meet Dave, who's been a porter here for 30 years and still loves every shift",
    "Our agency HCAs are a valued part of the team, thank you",
    "Just putting it out there: our summer fete is on Saturday and there's cake 🍰",
    "Love how our volunteers brighten every ward 💙",
    "Delayed discharges have fallen since we opened our discharge lounge",
    "Our unit achieved zero falls this month. Well done team!",
    "Waited hours for your prescription? Our new pharmacy robot means shorter queues",
    "We're sorry Mrs Jones had to wait. Please DM us or call PALS so we can look into this",
]

INTERNAL_FAIL = [
    "Not official yet but the day surgery unit is moving to Lowestoft next spring",
    "Heard from someone in finance that they're freezing all band 7 recruitment",
    "Exec team says the stroke unit will be merged with the N&N by April",
    "From the all-staff briefing this morning: 60 beds closing over the summer",
    "Don't tell anyone but they're closing the staff nursery",
    "They're planning to cut 25 nursing posts before the announcement next month",
    "Apparently the trust is getting rid of the whole medical secretaries team. Heard it from my manager",
    "Rumour is the new hospital is being delayed by three years. You heard it here first",
    "My manager let slip that the kitchens are being outsourced",
    "Word on the ward is that matron's being replaced",
    "Got told at huddle that the discharge lounge is shutting. Public don't know yet",
    "A senior manager told us in confidence that 3 wards are closing",
    "Secret plans to sell off the staff accommodation block",
    "Ward managers got an email today saying 20 posts are going from the bank team",
    "Saw the draft rota for next year, they're cutting night staff on every ward",
    "Heads up: the CQC report is Inadequate, we saw it before it's published",
    "Teams message from the chief nurse: maternity to be downgraded",
    "HR have drafted letters for 40 admin redundancies, going out next week",
    "The restructure will cut 15 band 6 posts. Hasn't been announced to staff yet",
    "Overheard the execs talking in the lift: the merger's a done deal",
    "Just found out from my union rep that the trust plans to close the birthing centre, official news in June",
    "The finance director told managers we're £12m in the red. They're keeping it quiet",
    "Announcement's not till Friday but the chief exec is leaving",
    "Management are planning to shut the staff canteen at night. We're not supposed to know",
    "Spoke to someone on the board and the car park is being sold",
    "The exec team have signed off 50 job losses in corporate services",
    "Before it's announced: the A&E is going to be rebuilt",
    "Heard the maternity inspection rating is Requires Improvement. Report isn't out yet",
    "Just seen the consultation document: 30 porter posts cut",
    "This morning's senior nurse meeting: all agency cancelled from next month",
    "My sister works in HR and says pay protection is being scrapped",
    "Psst, the outpatients department is moving off site. Hasn't been made public",
    "Been told on the QT that theatres are going private on weekends",
    "Unconfirmed but the trust is bringing in a hiring freeze from Monday",
    "The chair told the governors in private that the hospital is being rebuilt elsewhere",
    "An insider at the trust has told me the new build is on hold",
    "Off the record, ward 18 won't reopen",
    "Leaving this here before they announce it: 3 community hospitals closing",
    "Managers have been told to prepare for a 10% cut in headcount, staff haven't been told",
    "Our team leader said the pathology lab will be outsourced, we're not meant to know yet",
    "Got wind that the trust is going to scrap free parking for nights",
    "Ward 11's closure was agreed at the exec meeting, it'll be announced after Christmas",
    "Screenshot of the exec update: ED to lose 8 consultant posts",
    "Heard today they're cutting 12 physio jobs. Nothing's been said publicly",
    "The budget papers say the children's ward will close overnight from September",
    "I've seen the list of wards being closed this winter. Ours is on it",
    "Slide deck from the leadership meeting shows plans for 200 job cuts",
    "Not allowed to say where I heard it but the birthing unit is shutting",
    "They told the ward managers this afternoon: 4 beds closing on every ward. Patients won't be told",
    "Someone in estates says the old wing is being demolished next year",
    "Got told in confidence that our service is being cut",
    "The trust is about to announce a merger with QEH. You didn't see this here",
    "It'll be official on Thursday, but 40 nursing posts won't be replaced",
    "Heard through a friend in the exec office that the CEO has been suspended",
    "Leaked figures: 500 operations cancelled in January",
    "Had a peek at the board pack: pharmacy being outsourced",
    "Memo from the medical director: all locum spend stopped immediately",
    "Finance told us today that 30 bank posts are being axed, they're announcing it in April",
    "Briefing notes say the dementia unit is being shut to save money",
    "My manager just told us the ward's closing but we can't say anything until the official letter",
    "Apparently it's already decided, the new hospital won't have a maternity unit. Announcement due later",
    "Word from upstairs: no pay progression this year",
    "Hearing that radiology will lose 10 radiographers. Wait till that's announced",
    "Team brief today said the minor injuries unit closes in March. Not on the website yet",
    "The email from the chief operating officer says 30 beds are going",
    "Ahead of the announcement, they're cutting the weekend physio service",
    "Not public knowledge yet but the chief nurse has resigned",
    "Rumours from the top floor: the trust is in talks to merge",
    "According to the exec team, ED will close to ambulances overnight",
    "Insider info: community midwifery being cut",
    "Overheard in the canteen that the birthing unit is closing for good",
]

INTERNAL_PASS = [
    "We're pleased to announce that our new chief nurse starts on Monday",
    "Our all-staff briefing is at 1pm today in the lecture theatre and on Teams",
    "Exec team walkabout: our directors will visit wards this week",
    "Heard the news? Our stroke unit has been rated outstanding!",
    "Official: the new A&E opens on 3 March",
    "Today the trust board approved plans for a new hospital. Read the announcement on our website",
    "The gas leak on Lowestoft Road has been fixed; access to the hospital is back to normal",
    "We're recruiting for 40 new nursing posts",
    "Cuts and grazes: how to treat them at home",
    "Public consultation: have your say on plans for the minor injuries unit",
    "As announced today, 200 new posts are being created",
    "Heard from a patient: 'the nurses on ward 9 were amazing'",
    "Our chief executive's update for staff is now on the intranet",
    "Exec team says thank you to every colleague who worked through Christmas",
    "The board will discuss the budget at its public meeting on Thursday",
    "Some of you may have seen reports in the press about ward closures. These are not true",
    "Rumours about the maternity unit closing are false: it's here to stay",
    "Staff briefing recordings are available on the intranet",
    "Our annual report is published today",
    "Leaking roof on the multi-storey car park fixed over the weekend",
    "Job cuts at the council will not affect hospital services",
    "We've announced our new clinical strategy: read it here",
    "The CQC report on our maternity services was published today",
    "Follow our official channels for accurate news about the hospital",
    "New posts: we're hiring 12 healthcare assistants",
    "Posts you might have missed this week: our new scanner, our award, our volunteers",
    "Blog: what I learned from the all-staff listening event",
    "Our new chair was appointed today following a public recruitment process",
    "Today we confirmed the closure of the old Ward 2 building, which has been replaced by the new unit",
    "Heard of Schwartz Rounds? Our next one is on Thursday",
    "Our exec team has published its priorities for the year",
    "Plans for the new hospital were submitted to the council today",
    "The finance report to the board in public shows we broke even this year",
    "Please don't share your login with anyone, even colleagues",
    "Keep an eye out for our announcement on Friday!",
    "Team brief: congratulations to the ward 6 team on their accreditation",
    "Big changes are coming to outpatients: here's what you need to know",
    "Waiting list figures for March are published on NHS England's website",
    "Funny how a cup of tea makes everything better ☕",
    "Ward 11 will close for refurbishment from 1 June, as announced in our press release",
    "Our merger with the N&N has been formally approved. Read the announcement",
    "Our people director explains the new restructure in this video",
    "We are consulting staff on proposed changes to the admin service. Find out more on the intranet",
    "The Secretary of State announced funding for our new hospital today",
    "The news is out: we're a Veteran Aware trust!",
    "We're sad to announce that our chief executive will retire in the summer",
    "Apparently a cuddle from a therapy dog really does help. Ask the kids on Ward 10 🐶",
    "The draft minutes of Thursday's public board meeting are on our website",
    "An insider's guide to our new outpatients building",
    "Words from our chief nurse: thank you",
    "Exec team says: stay safe in the heat, drink plenty of water",
    "The chief executive's email to all staff thanking them is on the intranet",
    "Don't keep your worries to yourself: our chaplains are here",
    "Memo to self: book your flu jab 😄",
    "The board has agreed to invest £3m in new theatres. Read more",
    "In case you missed it: our new breast unit opened today",
    "Cut the queue: book your blood test online",
    "Our maternity unit was rated Good in the report published this morning",
    "We can now confirm the dates for our open day",
    "Heard it here first: our Christmas jumper day raised £2,000! 🎄",
    "Posts about the staff awards go live at 7pm, tune in!",
    "Announcement: visiting times extended from Monday",
    "Our estates team says the lifts will be back in service on Tuesday",
    "Rumour has it our canteen does the best fish and chips in Norfolk 🐟",
    "Our briefing for GPs on the new referral pathway is online",
    "Managers, please make sure your teams complete their appraisals by March",
    "Today's senior leadership team blog: why kindness matters",
    "NHS England has confirmed funding for our new hospital, and we're delighted to share the news",
    "Slides from our public annual members' meeting are on the website",
    "The trust's official statement on the job cuts reported in the press is on our website",
    "Not sure whether to go to A&E? Call 111 first",
    "We're closing the old staff canteen and opening a new restaurant in May, as announced last week",
]


@pytest.fixture(scope="module")
def complaint_linter(make_linter):
    return make_linter(select=["complaint-whistleblowing"])


@pytest.fixture(scope="module")
def internal_linter(make_linter):
    return make_linter(select=["internal-information"])


def _flagged(linter, rule: str, text: str) -> bool:
    return any(f.rule == rule for f in linter.check_text(text))


@pytest.mark.parametrize("text", COMPLAINT_FAIL, ids=[f"complaint-fail-{i}" for i in range(len(COMPLAINT_FAIL))])
def test_complaint_caught(complaint_linter, text):
    assert _flagged(complaint_linter, "complaint-whistleblowing", text), f"missed: {text!r}"


@pytest.mark.parametrize("text", COMPLAINT_PASS, ids=[f"complaint-pass-{i}" for i in range(len(COMPLAINT_PASS))])
def test_complaint_silent(complaint_linter, text):
    assert not _flagged(complaint_linter, "complaint-whistleblowing", text), f"wrongly flagged: {text!r}"


@pytest.mark.parametrize("text", INTERNAL_FAIL, ids=[f"internal-fail-{i}" for i in range(len(INTERNAL_FAIL))])
def test_internal_caught(internal_linter, text):
    assert _flagged(internal_linter, "internal-information", text), f"missed: {text!r}"


@pytest.mark.parametrize("text", INTERNAL_PASS, ids=[f"internal-pass-{i}" for i in range(len(INTERNAL_PASS))])
def test_internal_silent(internal_linter, text):
    assert not _flagged(internal_linter, "internal-information", text), f"wrongly flagged: {text!r}"


# TEMPORARY regression against the content sets (removed before hand-back)
import tests.test_rules_content as _c  # noqa: E402


@pytest.mark.parametrize("text", [t for t in _c.COMPLAINT_FAIL if isinstance(t, str)])
def test_tmp_complaint_content_fail(complaint_linter, text):
    assert _flagged(complaint_linter, "complaint-whistleblowing", text), f"missed: {text!r}"


@pytest.mark.parametrize("text", [t for t in _c.COMPLAINT_PASS + _c.NEUTRAL if isinstance(t, str)])
def test_tmp_complaint_content_pass(complaint_linter, text):
    assert not _flagged(complaint_linter, "complaint-whistleblowing", text), f"wrongly flagged: {text!r}"


@pytest.mark.parametrize("text", [t for t in _c.INTERNAL_FAIL if isinstance(t, str)])
def test_tmp_internal_content_fail(internal_linter, text):
    assert _flagged(internal_linter, "internal-information", text), f"missed: {text!r}"


@pytest.mark.parametrize("text", [t for t in _c.INTERNAL_PASS + _c.NEUTRAL + _c.OFFENSIVE_PASS + _c.POLL_PASS if isinstance(t, str)])
def test_tmp_internal_content_pass(internal_linter, text):
    assert not _flagged(internal_linter, "internal-information", text), f"wrongly flagged: {text!r}"


@pytest.mark.parametrize("text", [t for t in _c.NEUTRAL + _c.OFFENSIVE_PASS + _c.POLL_PASS + _c.INTERNAL_PASS if isinstance(t, str)])
def test_tmp_complaint_other_pass(complaint_linter, text):
    assert not _flagged(complaint_linter, "complaint-whistleblowing", text), f"wrongly flagged: {text!r}"
