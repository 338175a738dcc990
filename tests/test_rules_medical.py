"""Behaviour of the rules medical-advice and appointment-details on varied posts.

The rules' own examples live in their YAML files; these are a wider scratch set of
paraphrases and hard negatives (public-health campaigns, hospital news, service
notices) that must stay silent.
"""

from __future__ import annotations

import pytest

MED = "medical-advice"
APPT = "appointment-details"


def reply(text: str, question: str = "Can you help? I have a question.") -> dict:
    return {"text": text, "reply_to": {"author": "@someone", "text": question}}


def fired(linter, case, rule: str) -> list:
    if isinstance(case, dict):
        meta = {k: v for k, v in case.items() if k != "text"}
        text = case["text"]
    else:
        meta, text = {}, case
    return [f for f in linter.check_text(text, **meta) if f.rule == rule]


MEDICAL_FAIL = [
    # diagnosis
    "Sounds like you have shingles, it should clear up in a few weeks.",
    "That's probably just a migraine, nothing to worry about.",
    "Your symptoms sound like a chest infection to me.",
    "It's almost certainly a urine infection, you'll need antibiotics from your GP.",
    "You've probably got a virus, it will pass in a day or two.",
    reply("It looks like an allergic reaction. Try an antihistamine like cetirizine.",
          "My lips are swelling after eating nuts, what should I do?"),
    reply("That's most likely tennis elbow.", "My elbow hurts when I lift the kettle"),
    # medication and dosage
    "Take 2 paracetamol every 4 hours and you should feel better.",
    "You can double your dose if the pain gets worse.",
    "Stop taking your metformin until the rash goes away.",
    "Double your dose of ibuprofen and call NHS 111 if it doesn't help.",
    "Hi Mark, I'd suggest taking 400mg ibuprofen three times a day with food.",
    "You should stop your blood pressure tablets before the operation.",
    "Try halving your insulin dose overnight.",
    "You can safely take ibuprofen with your antidepressants.",
    "Increase your dose of sertraline to 100mg.",
    reply("Keep taking the antibiotics, the side effects will pass.",
          "My antibiotics are making me feel sick, should I stop?"),
    "@katie_r just take a couple of ibuprofen and have an early night x",
    # treatment
    "Put ice on it and keep your foot raised.",
    "Keep the wound dry and change the dressing daily.",
    "Rub some Sudocrem on the rash twice a day.",
    "It's nothing serious, just a sprain - rest it, ice it and keep it elevated.",
    reply("Sorry you're feeling rough! Gargle salt water and take some Lemsip, you'll be right as rain.",
          "Sore throat for three days, any tips?"),
    reply("If the swelling hasn't gone down in 48 hours see your GP, until then rest and take painkillers.",
          "I twisted my ankle, is it broken?"),
    "Hi Paul, you need to apply the cream to the affected area morning and night.",
    # whether to seek care
    "No need to come to A&E for that, it'll settle on its own.",
    "You don't need to see a doctor, it's just a cold.",
    "Just wait and see if it gets worse.",
    "I wouldn't bother going to A&E, the wait is 8 hours and it's probably just a virus.",
    reply("There's no need to see your GP, that's completely normal after the jab.",
          "My arm is really sore after my covid jab, should I see my GP?"),
    "You don't need to go to hospital for a bump like that, you'll be fine.",
]

MEDICAL_PASS = [
    # public-health campaigns addressed to everyone
    "Get your flu jab - book now at your GP surgery or local pharmacy.",
    "Feeling unwell? Call NHS 111 or visit 111.nhs.uk.",
    "Stay hydrated in the heatwave: drink plenty of water and keep out of the sun between 11am and 3pm.",
    "Know the signs of sepsis: slurred speech, extreme shivering, passing no urine in a day. Could it be sepsis? Call 999.",
    "Antibiotics don't work for colds or flu. Ask your pharmacist for advice on self-care.",
    "Don't stop taking your medicines without talking to your GP or pharmacist first.",
    "Act FAST: if you see signs of a stroke, call 999 immediately.",
    "A&E is very busy today. Please only come to A&E in an emergency. For minor illnesses use NHS 111 online or your local pharmacy.",
    "Wash your hands regularly to stop the spread of norovirus. If you have had diarrhoea or vomiting, please stay away from the hospital until 48 hours after your symptoms stop.",
    "Self-care week: most coughs and colds get better on their own in 7 to 10 days. Your pharmacist can help.",
    "Take 5 minutes today to check your breasts for any changes.",
    "Could you be at risk of type 2 diabetes? Take the Know Your Risk test online.",
    "If you have a cough for three weeks or more, see your GP - it could be a sign of cancer.",
    "Keep warm this winter: heat your home to at least 18C and get your flu and covid vaccines.",
    "Protect your skin in the sun: use at least SPF 30 sunscreen and cover up.",
    # news about treatments, staff stories
    "Our new scanner diagnoses cancer earlier, meaning patients start treatment sooner.",
    "Meet Sue, one of our pharmacists, who has helped patients manage their medication for 20 years.",
    "Our dermatology team can now diagnose skin cancer using photos taken at your GP surgery.",
    "Congratulations to Ward 5, recognised nationally for their wound care.",
    "Hospital pharmacists dispensed 2 million tablets last year.",
    "The new treatment reduces the dose of radiotherapy needed by a third.",
    "Research shows that patients who stop taking statins are at higher risk of heart attack.",
    "Take a look inside our new maternity unit!",
    "Our physio team share their top tips for staying active after a knee replacement - watch the video.",
    # the prescribed signposting reply
    reply("Sorry to hear that; we can't give medical advice here, please contact your GP or NHS 111.",
          "I've had chest pain since yesterday, should I take aspirin?"),
    reply("Hi Jo, we're really sorry to hear you're unwell. We're not able to give medical advice on "
          "social media, so please contact your GP, call NHS 111, or in an emergency dial 999.",
          "My son has a rash and a high temperature, what should I do?"),
    reply("Thanks for getting in touch. We can't advise on whether you should stop taking your "
          "medication; please speak to your GP or pharmacist.",
          "Should I stop taking my metformin?"),
    reply("Thank you for your kind words, we'll pass them on to the team on Ward 10!",
          "The nurses on ward 10 were amazing when my dad had his operation"),
]

APPT_FAIL = [
    "Your appointment on Tuesday at 2pm has been moved to Thursday.",
    "I've rebooked you for the 14th in clinic 4.",
    "Mrs Smith's scan is next week.",
    "You're number 43 on the waiting list.",
    reply("Hi Dave, we've checked and your operation with Mr Patel is now on 3 March.",
          "When is my operation?"),
    "We have cancelled your MRI scan on Friday; a new date will be sent in the post.",
    "Your new appointment is 10:30am on 5 June with Dr Jones in the fracture clinic.",
    "Hi Karen, you're booked in for your colonoscopy on the 22nd at 9am.",
    "Your husband's surgery has been postponed until next month.",
    "You are currently 12th in the queue for a hip replacement.",
    "I've spoken to the ward and your mum's follow-up appointment is confirmed for Monday.",
    "We'll reschedule your appointment with the consultant and call you tomorrow.",
    "Your consultant will be Dr Ahmed and your clinic is on Wednesday morning.",
    "John, your scan has been cancelled - sorry! We'll be in touch with a new date.",
    reply("Your appointment is still going ahead.",
          "Is my appointment tomorrow cancelled because of the strike?"),
    reply("I've moved you to the 9am slot on Friday.", "Can I come earlier?"),
    "Mr Brown, your operation has been brought forward to 7 May.",
    "We've put you on the cancellation list for an earlier scan.",
]

APPT_PASS = [
    "Outpatient appointments continue as normal during the strike.",
    "If you have an appointment tomorrow, please attend unless we contact you.",
    "Book your vaccine appointment online at nhs.uk.",
    "Missed appointments cost the NHS £1bn a year.",
    "Please arrive 10 minutes before your appointment time.",
    "If your appointment has been cancelled, we will contact you directly to rebook.",
    "You can now view, change or cancel your appointment in the NHS App.",
    "Our new outpatient clinic 4 opens on Monday 14 April.",
    "Mr Patel's clinic moves to the new outpatients building next week.",
    "Waiting lists have fallen for the third month running, with 43 fewer patients waiting over a year.",
    "Can't make your appointment? Let us know so we can offer it to someone else.",
    "Patients whose appointments are affected by the strike will be contacted directly.",
    "Your appointment letter will tell you which entrance to use.",
    "Appointments on Tuesday 3 June at the Newberry Clinic have moved to the main hospital.",
    "We've booked in over 3,000 patients for vaccines this week.",
    "Thank you to the team in clinic 4 who saw 120 patients yesterday.",
    reply("Sorry to hear about the wait. We can't discuss appointments here; please call our "
          "appointments team on 01493 452452.", "My appointment on Tuesday was cancelled again!"),
    "Number 1 on our list of reasons to join us: our people!",
    "Your GP can refer you to our memory clinic.",
    "Remember: your appointment may be by phone or video - check your letter for details.",
    "Our cancer waiting times are among the best in the region.",
    "Bring a list of your medicines to your appointment.",
    "Get your flu jab: appointments are available on Saturday at 9am in the outpatients department.",
]


@pytest.mark.parametrize("case", MEDICAL_FAIL)
def test_medical_advice_fires(linter, case):
    assert fired(linter, case, MED), case


@pytest.mark.parametrize("case", MEDICAL_PASS)
def test_medical_advice_silent(linter, case):
    found = fired(linter, case, MED)
    assert not found, [f.evidence for f in found]


@pytest.mark.parametrize("case", APPT_FAIL)
def test_appointment_details_fires(linter, case):
    assert fired(linter, case, APPT), case


@pytest.mark.parametrize("case", APPT_PASS)
def test_appointment_details_silent(linter, case):
    found = fired(linter, case, APPT)
    assert not found, [f.evidence for f in found]


def test_medical_message_is_plain_and_signposts(linter):
    finding = fired(linter, "Take 2 paracetamol every 4 hours.", MED)[0]
    assert finding.severity == "error"
    assert "NHS 111" in finding.suggestion and "GP" in finding.suggestion
    assert "999" in finding.suggestion
    assert finding.clause.section == "5.0(9)"


def test_appointment_finding_clause(linter):
    finding = fired(linter, "Your appointment on Tuesday at 2pm has been moved.", APPT)[0]
    assert finding.severity == "error"
    assert "appointments" in finding.clause.quote


MEDICAL_MORE_PASS = [
    "Take your medicines as prescribed and return any unused medicines to your pharmacy.",
    "Hay fever season is here! Antihistamines are available from your local pharmacy without a prescription.",
    "It looks like flu cases are rising again this winter - please get vaccinated.",
    "Looks like the cold weather is here to stay. Keep warm and check on elderly neighbours.",
    "Flu can look like a cold at first. Know the symptoms.",
    "We're giving 500 doses of the covid vaccine at this weekend's clinic.",
    "Our nurses have been giving over 2,000 doses a week at the vaccination centre.",
    "The new tablet, taken twice a day, replaces weekly injections for many patients.",
    "Pick up your medicines from the pharmacy on the ground floor.",
    "Reduce your medicines waste: only order what you need.",
    "You can take your unused medicines to any pharmacy for safe disposal.",
    "Antibiotics won't help a cold - you cannot treat a virus with antibiotics.",
    "No need to book - walk-in vaccination clinic open Saturday 9am to 1pm.",
    "You don't need to see your GP first - you can refer yourself to our physiotherapy service online.",
    "Patients with minor injuries may wait 4 hours in A&E today.",
    "Norovirus: please wait 48 hours after your last symptoms before visiting the ward.",
    "We'll have to wait and see what the Government announces on Friday.",
    "Traffic is heavy around the hospital this morning but it should ease in a couple of hours.",
    "Soak it up! The sun is out for our summer fete.",
    "Keep it up, team - another amazing week on the wards!",
    "Stretch your legs and get moving: our staff step challenge starts today.",
    reply("We're sorry, we can't advise on whether to take ibuprofen with your other medicines. "
          "Please ask your pharmacist or call NHS 111.", "Can I take ibuprofen with my blood pressure tablets?"),
    "Use your brown preventer inhaler every day as prescribed. Your pharmacist can check your technique.",
]


@pytest.mark.parametrize("case", MEDICAL_MORE_PASS)
def test_medical_advice_silent_on_ordinary_posts(linter, case):
    found = fired(linter, case, MED)
    assert not found, [f.evidence for f in found]


MENTION_CASES = [
    ("@lee_t try some ibuprofen gel on it tonight", MED, True),
    ("@lee_t it could be a trapped nerve, keep moving", MED, True),
    ("@lee_t thank you for your lovely message, we'll pass it on to the team", MED, False),
    ("@lee_t Your follow-up has been moved to Thursday at 3pm.", APPT, True),
    ("@lee_t the clinic will see you on 4 May at 10am.", APPT, True),
    ("@lee_t Sorry, we can't discuss your appointment here - please call 01493 452452.", APPT, False),
    ("@lee_t Thanks for coming to our open day, lovely to meet you!", APPT, False),
]


@pytest.mark.parametrize(("text", "rule", "expected"), MENTION_CASES)
def test_posts_opening_with_a_mention_count_as_replies(linter, text, rule, expected):
    assert bool(fired(linter, text, rule)) is expected


@pytest.mark.parametrize("text", [
    "Your appointment on Monday will go ahead as planned unless we contact you.",
    "We will see you on Saturday at our charity fun run!",
    "Our volunteers will ring you on Tuesday to confirm your place on the course.",
])
def test_appointment_details_silent_on_notices(linter, text):
    assert not fired(linter, text, APPT)
