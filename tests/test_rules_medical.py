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


# ---------------------------------------------------------------------------------------
# Scratch sets written in voices unlike the development corpus (a nurse on the ward
# account, a pharmacist, a GP practice, a Facebook volunteer, text-speak and typos,
# hedged advice) with hard negatives of the same kinds (campaigns, news, notices, the
# prescribed signposting reply in many wordings). The rules were generalised against
# these by their grammatical shape; no sentence below is pasted into a pattern.
#
# Decision: a post quoting a patient's thanks ("the nurse told me to keep my leg up and
# it worked!") reports care already given to that patient; it tells no reader what to
# do, so medical-advice stays silent on it.
# ---------------------------------------------------------------------------------------

MEDICAL_SCRATCH_FAIL = [
    # text-speak and typos
    "u shud take 2 paracetamol and get some kip x",
    reply("sounds like hayfever hun, get some piriton down u", "eyes streaming all day, any ideas?"),
    "prob just a bug tbh, plenty of fluids and u'll be grand",
    "defo sounds like a uti babe, drink loads of water and get some cystitis sachets",
    reply("ur lil one is prob teething, calpol n a cold teething ring works a treat",
          "my baby wont stop crying and has red cheeks"),
    "omg thats def shingles, my nan had exactly the same",
    "hun thats deffo an ear infection, warm flannel on it and some calpol",
    "take 2 puffs of ur blue inhaler every 4 hrs til it settles",
    # hedged advice
    "I'd try antihistamines if I were you.",
    "@sam most people find a warm compress helps with a stye.",
    reply("Have you tried upping your inhaler?", "My asthma has been bad all week"),
    reply("It's safe to breastfeed on that.", "I've been prescribed amoxicillin, can I still feed my baby?"),
    reply("Don't worry, that's normal after a c-section.", "Still bleeding 3 weeks after my section"),
    "If it was me I'd be taking ibuprofen regularly for a few days.",
    "Might be worth trying an antihistamine before bed.",
    "You could always try Gaviscon after meals.",
    "Honestly, a hot water bottle on your back and some rest should sort it.",
    reply("A lot of mums swear by Infacol for colic, worth a go.", "Baby screaming after every feed"),
    "Personally I'd give him Calpol and keep an eye on his temperature.",
    "Worth cutting your sertraline down to half for a week and seeing how you feel.",
    "Perhaps try taking your omeprazole at night instead?",
    reply("You may find it easier to take the tablets with food.", "My new tablets make me feel sick"),
    # a nurse replying from the ward account
    reply("Hi Linda, from what you describe that sounds like normal wound healing, keep it clean "
          "and dry and it'll be fine.", "My scar is a bit pink, is that ok?"),
    "Hi Tom, swelling after a knee replacement is normal for up to six weeks - keep icing it three times a day.",
    reply("Hi Jen, a little bleeding after the procedure is expected, just rest and it should stop.",
          "Bleeding a bit since my biopsy"),
    reply("Sorry to hear your dad's still drowsy, that's quite normal with the morphine and it should wear off.",
          "Dad is very sleepy since he got home"),
    "Hi Amy, that level of pain is normal after a hysterectomy, keep taking your painkillers regularly.",
    reply("Ward 12 here! A little bit of redness around the stitches is fine, just keep an eye on it.",
          "Is it ok that my stitches look red?"),
    # a pharmacist
    "Pharmacy team here: ibuprofen and paracetamol can be taken together, so you can alternate them.",
    reply("Yes, you can have a glass of wine with amoxicillin, it won't interact.", "Can I drink on antibiotics?"),
    "Naproxen is fine alongside your blood pressure tablets, just take it with food.",
    reply("The usual adult dose is 500mg to 1g, up to four times in 24 hours.", "How much paracetamol can I have?"),
    reply("If you've missed a dose, take it as soon as you remember unless it's nearly time for the next one.",
          "I forgot my blood thinner this morning"),
    "You're fine to take cetirizine with your sertraline.",
    "Just leave 4 hours between the co-codamol and the ibuprofen and you'll be ok.",
    # a GP-practice voice
    "Dear patient, your symptoms are consistent with a viral infection; antibiotics are not needed.",
    "The doctor has read your message: it sounds like hay fever, so please buy an antihistamine from the pharmacy.",
    "Please increase your levothyroxine to 75mcg from tomorrow.",
    "No need to book in, it's viral and will clear up in 7-10 days.",
    # a volunteer on Facebook
    "Aww bless him, sounds like croup to me, take him out in the cold night air, that always helped mine.",
    "My advice as a volunteer here: get some Sudocrem on it and it'll clear up in no time.",
    "Sounds like you've pulled something, hot bath and a couple of nurofen.",
    # whether to seek care, in new shapes
    "I wouldn't bother with A&E for that.",
    reply("A&E is rammed, try waiting it out.", "Should I go to A&E with my wrist?"),
    reply("You'll be fine till Monday.", "My GP is closed, can this wait?"),
    "Honestly it can wait until your GP opens on Monday.",
    "Give it a few days before you go anywhere, it'll probably settle.",
    "Not worth coming in for, it'll heal on its own.",
    "A&E won't do anything for a sprain so save yourself the wait.",
    "Skip the walk-in centre, they'll only tell you to rest it.",
    "Sit tight and see how you are in the morning.",
    "If I were you I'd stay home and sleep it off.",
    "Don't bother calling 111, they'll just send you to A&E.",
    "You don't need an ambulance for that, get a taxi in the morning.",
    "There's no point coming to the emergency department with a cold.",
    # treatment, in new shapes
    "Elevate it on a couple of pillows and use a bag of frozen peas for 20 mins.",
    reply("Best thing for your burn is cool running water for 20 minutes, then cling film.", "Burnt my hand on the oven"),
    "Drink plenty, rest up and take regular paracetamol, you'll be right in a few days.",
    "A salt water bath will help your stitches heal.",
    "Try sleeping propped up on pillows, it helps with reflux.",
    "Use a steroid cream on the patches twice a day for a week.",
    reply("Cut out dairy for a fortnight and see if the bloating settles.", "Constantly bloated, any tips?"),
    "Put him in a lukewarm bath to bring his temperature down.",
    # diagnosis, in new shapes
    "That's just a stye, nothing to worry about.",
    reply("Classic hay fever symptoms, you poor thing.", "Sneezing and itchy eyes all week"),
    "Definitely a sprain not a break if you can walk on it.",
    "Your baby's rash is probably just heat rash.",
    reply("Those are textbook migraine symptoms.", "Flashing lights then a thumping headache"),
    "I reckon it's a trapped nerve.",
]

MEDICAL_SCRATCH_PASS = [
    # campaigns to everyone
    "Sepsis can be hard to spot. Symptoms in adults include slurred speech, mottled skin and "
    "breathlessness. If you think someone has sepsis, call 999.",
    "Not sure where to go? Think Pharmacy First: your local pharmacist can now treat seven common "
    "conditions including sinusitis, sore throat and earache.",
    "Know where to go: A&E is for life-threatening emergencies. For everything else, use NHS 111 online.",
    "Our vaccine clinic is open this Saturday 9am-1pm for flu and covid jabs. No need to book.",
    "Heatwave alert: drink plenty of fluids, stay out of the sun from 11am to 3pm and check on vulnerable neighbours.",
    "Hay fever season is here. Your pharmacist can recommend the right antihistamine for you.",
    "Are you over 65? You're eligible for a free flu vaccine. Book at your GP practice or pharmacy.",
    "Norovirus is circulating: if you've had sickness or diarrhoea, please don't visit the wards "
    "until 48 hours after your symptoms stop.",
    "Antibiotics don't work for viral infections like colds and flu. Keep antibiotics working.",
    "Most sore throats get better on their own within a week. A pharmacist can help with self-care.",
    "Did you know? Your pharmacist can give advice on coughs, colds, aches and pains.",
    "Keep your medicine cabinet stocked this winter: paracetamol, rehydration sachets and a thermometer.",
    "Our Emergency Department is extremely busy. Please think about whether your visit is necessary "
    "- NHS 111 online can help you find the right service.",
    "Strike notice: please keep your appointment unless we contact you. A&E remains open for emergencies.",
    "World Asthma Day: make sure you know how to use your inhaler properly - ask your pharmacist "
    "or practice nurse to check your technique.",
    "Going on holiday? Remember to pack enough of your regular medicines and keep them in your hand luggage.",
    "Stay safe in the sun: use sunscreen of at least SPF 30 and reapply every two hours.",
    "Men's health week: if you notice any changes, don't ignore them. Speak to your GP.",
    "Was your A&E visit really necessary? Last winter 1 in 5 patients could have been seen elsewhere.",
    "Bank holiday weekend: GP surgeries are closed, but pharmacies have extended hours. Use NHS 111 "
    "online for urgent advice.",
    "Measles cases are rising in England. Check your child's red book and book their MMR jab with your GP.",
    "Worried about a lump? Don't wait - see your GP.",
    "Stoptober: quitting smoking is the best thing you can do for your health. Our stop smoking service can help.",
    "Flu can be serious. Anyone with a long-term condition like asthma or diabetes is eligible for a free jab.",
    "If your child has a high temperature and a rash that doesn't fade under a glass, call 999 immediately.",
    "Sunburn? Cool the skin with a cold shower and use aftersun. See a pharmacist if it's severe.",
    "Hot weather warning: it's never safe to leave children or pets in cars. Keep babies out of direct sunlight.",
    "Mental Health Awareness Week: it's OK not to be OK. Talk to someone you trust, or call Samaritans on 116 123.",
    "Dry January starts tomorrow! Our alcohol liaison nurses share their tips for cutting down.",
    "It's Pharmacy First week! Pharmacists can now supply antibiotics for UTIs in women aged 16-64 "
    "without a GP appointment.",
    "Please don't wait: if you're worried about chest pain, call 999.",
    # news, staff stories
    "Meet Priya, our lead pharmacist, who has spent 15 years helping patients understand their medicines.",
    "Our stroke team gave clot-busting treatment to 120 patients last year.",
    "Our pharmacy team dispensed 45,000 prescriptions last month - thank you for your hard work!",
    "Congratulations to Dr Okafor, named Trainee of the Year for her work on sepsis.",
    "New research from our respiratory team shows inhaler technique reviews cut asthma admissions by a third.",
    "Breastfeeding Awareness Week: our infant feeding team run drop-in sessions every Tuesday at 10am.",
    "Our Hospital at Home team cares for patients in their own homes, giving IV antibiotics and monitoring.",
    "Today our staff took part in a sepsis simulation exercise. Well done everyone!",
    "Staff story: 'As a nurse, the best part of my day is seeing patients go home.' - Kerry, Ward 2.",
    "Dr Shah explains how our new migraine clinic is helping patients across Norfolk and Waveney.",
    "Patients taking warfarin can now have their blood tests at our new anticoagulation clinic in Beccles.",
    "Our maternity team are running an online antenatal class about what to expect after a c-section.",
    "Local hospital trials new drug that halves recovery time after hip surgery.",
    "Our volunteers handed out 200 free water bottles to visitors during the heatwave.",
    "Our physios say: sit less, move more! Join our free staff pilates class on Thursdays.",
    "lol our IT team are working hard to fix the wifi, bear with us",
    # quoting a patient's thanks (documented decision above)
    "'The nurse told me to keep my leg up and it worked!' - lovely feedback for the team on Ward 6",
    "'Sister Jones explained everything about my new inhaler and I've not had an attack since.' "
    "Thank you for sharing, Mark!",
    "Brilliant feedback from our Day Surgery Unit: 'They told me exactly what painkillers to take "
    "when I got home, so I felt really confident.'",
    "A patient wrote: 'I came in thinking it was just a virus but the team spotted my sepsis early.' "
    "Thank you for letting us share your story.",
    "omg thank u sooo much to the nurses on ward 3, u were amazing with my nan xx",
    # the prescribed signposting reply, many wordings
    reply("Thank you for your message. We're sorry you're feeling unwell, but we're not able to give "
          "medical advice over social media. Please speak to your GP, call 111, or in an emergency dial 999.",
          "Should I take ibuprofen for my back?"),
    reply("Sorry to hear that, Sam. We can't advise on individual symptoms here - NHS 111 is available "
          "24/7 and can point you to the right place.", "Is a rash after my jab normal?"),
    reply("Hi Jo, we hope you feel better soon. For advice about your medication, please contact your "
          "GP or community pharmacist.", "Can I double my sertraline?"),
    reply("So sorry you're going through this. It's really important you get the right advice, so "
          "please call 111 or visit 111.nhs.uk.", "Bad stomach pain since last night"),
    reply("We'd really encourage you to speak to your GP about this - they know your history and can help.",
          "Could my tablets be causing my headaches?"),
    reply("We're not able to comment on clinical matters on social media, but our PALS team would be "
          "happy to help: 01493 453240.", "Why did the doctor stop my warfarin?"),
    reply("We're so sorry to hear your mum is poorly. We can't give medical advice here, but NHS 111 "
          "will be able to help, or please call 999 if it's an emergency.", "Mum is confused and has a UTI"),
    reply("Hi Emma, so sorry you're in pain. We can't advise you here, but please ring 111 - they can "
          "book you a GP or urgent care appointment.", "Toothache is unbearable, what can I take?"),
    reply("Hi Carol, that's lovely to hear! We'll pass your thanks on to the ward team.",
          "The nurses on ward 2 sorted my dad's pain out brilliantly"),
    reply("Thanks for the kind words about Ward 8, Dave - glad you're feeling better after your op!",
          "Home after my hernia op, great care"),
    reply("We hear you - long waits in A&E are frustrating. We're working hard to see everyone as "
          "quickly as we can.", "8 hours in A&E with a broken wrist!"),
    reply("Sorry you've had such a long wait. We're unable to discuss individual cases here; please DM "
          "us your contact details and our PALS team will get in touch.", "Still no answer about my scan results"),
]

APPT_SCRATCH_FAIL = [
    "Hi Sarah, Mr Khan can see you Thursday 3.15 in Orthopaedics.",
    "We've moved your mum's MRI to the 12th.",
    reply("Your op's been pushed back again, sorry.", "Any news on my operation?"),
    "DM us your hospital number and we'll check your slot.",
    reply("The clinic letter for your follow-up is in the post.", "I still haven't heard about my follow-up"),
    "Good news Pete, your knee op is back on for next Wednesday!",
    "Hiya, just spoke to the booking team and they've got you down for 9.40 on Friday.",
    "Sorry Jan, Dr Lee is off sick so your clinic on Monday won't be going ahead.",
    "ur scan is at 2 tmrw in xray dept x",
    "Ur appt got cancelled cos of the strike sorry hun, they'll ring u",
    "We've got you in for your bloods at 8.30 tomorrow morning.",
    "Your dad's op is going ahead tomorrow, he's first on the list.",
    "Sorry Mrs Begum, the 3pm colposcopy has had to be cancelled, we'll rebook you.",
    "Message us your date of birth and we'll look up when your scan is.",
    "Send us a DM with your NHS number and we'll chase your referral.",
    "Pop us a private message with your details and we'll find out when your op is.",
    "The urology team have you pencilled in for March.",
    "Your wife's induction has been brought forward to Sunday.",
    reply("There's a cancellation on Tuesday at 11 if you'd like it - shall we swap you in?",
          "Is there anything sooner for my scan?"),
    "Your name's on the list for Thursday's theatre session.",
    reply("You've been bumped up the list, you should hear something in the next fortnight.",
          "How much longer for my hip?"),
    reply("Your referral's been received and you'll be seen within 6 weeks.", "Did you get my referral?"),
    "Fracture clinic is running about an hour behind today so your 2pm will be more like 3.",
    "Just checked - your daughter's grommets op is still on for the 28th.",
    "Your husband is on Mr Ahmed's list for Friday morning.",
    "Can confirm your colonoscopy is booked for 9am on 4 April at the Endoscopy Unit.",
    "Hi Gary, your hearing test has moved from the Louise Hamilton Centre to Outpatients 2 - same time.",
    "We've passed your details to the ENT secretary who'll call to rebook your op.",
    "Your baby's 6-week check is in the diary for the 3rd.",
    reply("Yes, you're still first on the list for Monday.", "Am I still on for Monday?"),
    "Your surgery is provisionally set for 14 August.",
    "The new date for your cataract op is 21 May.",
    "Sorry, your endoscopy can't go ahead tomorrow as the unit is closed.",
    "We've got your mum booked in for her echo on Thursday.",
    "You'll get a call from the anaesthetist the day before your op on the 9th.",
    "Your physio sessions will now be on Wednesdays at 4 with Hannah.",
    "Hi Kate, the midwife will see you at 32 weeks on the 5th at the Central Clinic.",
    "Your dad is due in for his angiogram next Tuesday.",
    "The scan you had on Monday has been reported and your GP will have the results.",
    "I've chased the orthopaedic secretaries and the letter with your new date went out yesterday.",
    "Your appointment's at the Newberry Centre, not the main hospital, at 10:20.",
    "We're really sorry - your cardiology clinic has been cancelled for the third time.",
    "Hi Mo, you've been allocated a slot with the pain team on 2 June.",
    "u r booked in 4 the 15th at 10 hun x",
    "Your son's tonsillectomy is now scheduled for half term.",
    reply("Yes, your follow-up is in 3 months, the letter will come through.", "Do I need to come back?"),
    "Your mum's been moved up the waiting list and should hear this month.",
    "Hi Steve, I've spoken to the ward and they'll keep your bed for admission on Sunday evening.",
    "The consultant wants to see you again in 6 weeks so we'll send you a date.",
    "Your pre-op is on Monday so no need to come in on Friday.",
    "Your smear results appointment has been rearranged to next Friday at 11.",
    "Sadly your surgeon has been called to an emergency, so today's list is cancelled and you'll be rebooked.",
    "We've spoken to radiology: your MRI is scheduled for next month.",
    "Your partner's elective c-section is confirmed for 7am on the 19th.",
    reply("You're 7th in line for a date with Mr Ali.", "Still waiting for my op date"),
    "Your 12 week scan is at 9:15 on the 2nd floor.",
    reply("Sorry to hear that - we'll look into why your op was cancelled and get you a new date asap.",
          "My op was cancelled on the day!"),
    reply("We'll make sure you get the first available slot once clinic reopens.", "When can I be seen?"),
    "Hi Ann - your dressing clinic appointment tomorrow is with the tissue viability nurse.",
    "Your chemo's been pushed to Thursday because of the bank holiday.",
    "Can you DM your hospital number so we can check where you are on the waiting list?",
    "Hi Raj, if you message us your NHS number we'll see if we can move your appointment earlier.",
]

APPT_SCRATCH_PASS = [
    "Strike notice: junior doctors strike from 7am Tuesday. Please keep your appointment unless we contact you.",
    "Missed appointments cost our Trust £2m last year. If you can't make yours, let us know.",
    "We've launched a new text reminder service for outpatient appointments.",
    "Our appointment booking system will be offline on Sunday from 8am to 12pm for an upgrade.",
    "You can now manage your outpatient appointments in the NHS App.",
    "Over 1,200 operations were carried out in our Day Surgery Unit last month.",
    "If you receive a text asking you to pay for an appointment, it's a scam. We never ask for bank details.",
    "Flu vaccine clinics: Saturday 9am-1pm at the Education Centre, walk in, no appointment needed.",
    "Our waiting list for hip and knee surgery has fallen by 20% this year.",
    "Please bring your appointment letter and a list of your medicines with you.",
    "Running late? Please call the number on your appointment letter so we can let the team know.",
    "Our new Community Diagnostic Centre means patients can have scans closer to home.",
    "Parking at the hospital is limited. Allow extra time to get to your appointment.",
    "Meet Tracey, who has booked outpatient appointments for 25 years!",
    "Bank holiday Monday: outpatient clinics will be closed. Patients will be contacted about rescheduled appointments.",
    "Waiting times for MRI scans are now under 6 weeks.",
    "Do you have an appointment on Friday? Please note the main entrance will be closed; use the East entrance.",
    "If you're due to have an operation, our pre-op team has made a video about what to expect.",
    "We will contact you if your appointment needs to change. If you don't hear from us, please attend as planned.",
    "Our Ophthalmology Clinic has moved to the Lowestoft Road site. All patients have been written to.",
    "The Breast Screening unit will be at Morrisons car park in Lowestoft from 5 to 30 June.",
    "Mr Khan joins our Orthopaedics team as a consultant hip surgeon.",
    "Due to high demand, our phone lines are busy. You can also email the booking team.",
    "Patients can self-refer to our MSK physiotherapy service - no GP appointment needed.",
    "The 10am tour of our new maternity unit is full; the next one is on the 12th.",
    "Thanks to everyone who came to our open day on Saturday!",
    "Sally, one of our endoscopy nurses, ran the London Marathon on Sunday to raise money for the unit.",
    "Our teams carried out 300 extra scans at weekend clinics this month to cut waits.",
    "Please do not come to your appointment if you have symptoms of norovirus. Call us to rearrange.",
    "Important: from Monday, all outpatient appointment letters will come by email via DrDoctor.",
    "Can't attend? Cancel or rebook online in seconds.",
    "Our new robot-assisted surgery programme performed its 100th operation today.",
    "Blood test clinic: walk-in Mon-Fri 8am-4pm. Book online to avoid waiting.",
    "Pharmacy First: no need for a GP appointment for seven common conditions.",
    "Remember to complete your pre-op questionnaire before you're admitted.",
    "We've answered your most frequently asked questions about appointments during the strike on our website.",
    "Our community team visits 500 patients a week in their own homes.",
    "Well done to the radiology team who scanned 250 patients on Saturday!",
    "Next week is Stroke Awareness Week. Join our stroke nurses in the atrium on Tuesday at 11am.",
    "A reminder that the day surgery unit is closed for refurbishment from the 3rd to the 17th.",
    "Our Trust board meets on Thursday at 3pm - members of the public are welcome.",
    "Mr Khan's team has completed its 1,000th hip replacement.",
    "Cancer waits: 78% of patients started treatment within 62 days in March.",
    "Would you like your appointment reminders by text? Update your mobile number with reception.",
    "Appointment letters are going out late due to a postal strike - if in doubt, call us.",
    "Patients are asked to arrive no more than 15 minutes before their appointment time.",
    "Pregnant? You can self-refer to our maternity service online - your first scan will be arranged for you.",
    "Join our team! We're recruiting outpatient booking clerks.",
    "Thank you to Mr and Mrs Smith for their generous donation to our children's ward.",
    "The patient transport booking line is open Monday to Friday 9am-5pm.",
    "Clinics on Tuesday are running as normal despite the snow.",
    "Our staff choir will perform in the atrium at 12.30 on Friday!",
    "Send us a DM if you'd like to join our patient panel.",
    # the prescribed reply and other replies that must stay silent
    reply("Sorry to hear that. We can't discuss appointments on social media - please call the number "
          "on your letter or contact PALS.", "My scan was cancelled again"),
    reply("Hi Jo, we're sorry you're still waiting. We're not able to talk about individual "
          "appointments here, but our PALS team can help: 01493 453240.", "Still no date for my op"),
    reply("Thanks for letting us know, Mark. Please ring the appointments line on the number at the "
          "top of your letter.", "Nobody answers about my follow-up"),
    reply("We understand how frustrating waiting is. Please contact your consultant's secretary using "
          "the details on your clinic letter.", "When is my operation?"),
    reply("Hi Sarah, thank you for your lovely message about Mr Khan and the Orthopaedics team!",
          "Mr Khan was brilliant at my appointment on Thursday"),
    reply("Hi Priya, so glad your mum had a good experience on Ward 4. We'll pass on your thanks!",
          "Mum's op went well, thanks all"),
    reply("We're sorry to hear your experience wasn't what it should be. Please DM us and we'll put "
          "you in touch with PALS.", "Terrible wait in outpatients today"),
    reply("Good luck for tomorrow, Sam! Our day surgery team will look after you.",
          "Nervous about my op tomorrow"),
]


@pytest.mark.parametrize("case", MEDICAL_SCRATCH_FAIL)
def test_medical_advice_fires_in_other_voices(linter, case):
    assert fired(linter, case, MED), case


@pytest.mark.parametrize("case", MEDICAL_SCRATCH_PASS)
def test_medical_advice_silent_in_other_voices(linter, case):
    found = fired(linter, case, MED)
    assert not found, [f.evidence for f in found]


@pytest.mark.parametrize("case", APPT_SCRATCH_FAIL)
def test_appointment_details_fires_in_other_voices(linter, case):
    assert fired(linter, case, APPT), case


@pytest.mark.parametrize("case", APPT_SCRATCH_PASS)
def test_appointment_details_silent_in_other_voices(linter, case):
    found = fired(linter, case, APPT)
    assert not found, [f.evidence for f in found]


@pytest.mark.parametrize(
    "text",
    [
        "A hot bath before bed helps you sleep - our sleep clinic's tips for #SleepAwarenessWeek",
        "Most people find a warm compress helps with a stye: read more on the NHS website.",
        "Cool running water for 20 minutes is the best first aid for a burn. #BurnsAwareness",
    ],
)
def test_wellbeing_tips_for_everyone_are_not_advice_to_one_person(linter, text):
    assert "medical-advice" not in {f.rule for f in linter.check_text(text)}
