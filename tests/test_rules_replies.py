"""medical-advice on replies: a clinical question answered in ordinary sentences is advice.

JPUH-BUSM 5.0(9): never give medical advice in response to messages from individuals;
the only suitable response is to point them to their GP, NHS 111 or hospital. These are a
scratch set of (question, reply) pairs written for this test: replies that answer the
clinical question (reassurance, what is normal, what to do, first aid beyond "call 999"),
and replies that only signpost, sympathise or answer a non-clinical question, which must
stay silent.
"""

from __future__ import annotations

import pytest

RULE = "medical-advice"

# (question, reply): the reply answers the clinical question, so it is advice.
ADVICE = [
    ("Is it normal to have cramps a week after my miscarriage?",
     "Some cramping can carry on for a couple of weeks and is usually nothing to worry about."),
    ("My 2 year old has a temperature of 38.5, what should I do?",
     "Keep him in light clothing and give him plenty of fluids. Most fevers in toddlers are "
     "caused by viruses and pass within a few days."),
    ("How long will my knee be swollen after my arthroscopy?",
     "It can stay puffy for up to six weeks, which is quite normal."),
    ("Can I drink alcohol on metronidazole?",
     "No, avoid alcohol completely while you're on it and for 48 hours after the last tablet."),
    ("I've got a really bad cold sore, anything I can do?",
     "They generally clear up within 10 days without any treatment. Try not to touch it and "
     "wash your hands often."),
    ("My stitches feel tight and itchy, is that ok?",
     "Yes, itching is a sign the wound is healing. Don't scratch them."),
    ("Should I still go for a run with shin splints?",
     "Best to give running a rest for a couple of weeks and swap to swimming or cycling."),
    ("Do I need to go to A&E with a bee sting on my hand, it's swollen?",
     "Swelling from a sting often gets bigger over a day or two before going down."),
    ("Baby keeps being sick after feeds, should I be worried?",
     "Lots of babies bring up a bit of milk after feeds and they grow out of it. Hold her "
     "upright for a while after each feed."),
    ("Is it safe to have my covid booster while pregnant?",
     "Yes, it's safe at any stage of pregnancy and protects your baby too."),
    ("My husband's blood sugar dropped to 3.2, what should he do?",
     "He needs to have something sugary straight away, like a glass of juice or some jelly "
     "babies, then a starchy snack."),
    ("How long after my tooth extraction can I smoke?",
     "Ideally wait at least 72 hours, otherwise you risk a dry socket."),
    ("I've had diarrhoea for 2 days, should I stop eating?",
     "No, carry on eating normally if you can and drink lots of fluids to stay hydrated."),
    ("My daughter has nits again, what do we do?",
     "Wet combing with conditioner every few days for two weeks usually gets rid of them."),
    ("Should I keep taking my iron tablets, they make me constipated",
     "You could try having them every other day instead, which often helps with constipation."),
    ("My scar from my c-section is numb, is that normal?",
     "Numbness around the scar is really common and can last months, sometimes longer."),
    ("Just had my coil fitted and I'm bleeding, is that normal?",
     "Irregular bleeding is common in the first three to six months and tends to settle down."),
    ("How much water should my newborn have in the heatwave?",
     "Breastfed babies don't need any water, just feed her more often while it's hot."),
    ("My son fell off his bike and banged his head, should I take him in?",
     "If he didn't knock himself out and he's acting normally, he can stay at home. Let him "
     "rest and keep an eye on him tonight."),
    ("Got a splinter under my nail, can't get it out",
     "Soak your finger in warm water for ten minutes to soften the skin and then try again "
     "with clean tweezers."),
    ("Is it ok to fly two weeks after my knee replacement?",
     "Generally you'd be fine on a short flight, just wear your compression stockings and walk "
     "around the cabin."),
    ("I think I've got food poisoning, anything I can do?",
     "It normally passes within 48 hours. Sip water or rehydration drinks little and often."),
    ("Can I give my 8 month old honey for her cough?",
     "No, honey isn't suitable until they're over a year old. Warm milk before bed is fine though."),
    ("Do I need a tetanus jab after a dog scratch?",
     "You won't need one if you had all five doses as a child."),
    ("Is it normal for my period to be late after stopping the pill?",
     "Yes, it can take a few months for your cycle to get back to normal."),
    ("My mum keeps getting leg cramps at night, what helps?",
     "Gentle calf stretches before bed can make a real difference."),
    ("My wound is weeping a bit, is that ok?",
     "A little clear fluid is fine in the first few days, just pat it dry and let the air get to it."),
    ("Can I breastfeed if I have mastitis?",
     "Yes, keep feeding from the sore side, it helps clear the blockage."),
    ("My tinnitus is getting worse, what can I do?",
     "Playing soft background noise at night and cutting down on caffeine can ease it."),
    ("Should I be worried about a mole that's itchy?",
     "Itchy moles are mostly harmless, especially if it hasn't changed shape."),
    ("How soon can I bath my baby after her jabs?",
     "You can bath her the same day, that's absolutely fine."),
    ("My toddler swallowed a coin, what do I do?",
     "Coins usually pass through on their own within a few days. Check his nappies for it."),
    ("Is it normal to feel this low two weeks after giving birth?",
     "Lots of new mums get the baby blues in the first fortnight and it usually lifts by itself."),
    ("Can I go back to the gym after my hernia op?",
     "Leave it six weeks before any heavy lifting, but walking is fine straight away."),
    ("My eye is red and sticky, do I need antibiotics?",
     "Sticky eyes often get better without treatment. Clean them with cooled boiled water."),
    ("Sunburnt really badly, skin is blistering, what do I do?",
     "Don't pop the blisters. Aftersun and a cool shower will take the heat out."),
    ("My daughter has chickenpox, can she go to the party on Saturday?",
     "Once all the spots have crusted over she's not contagious, so she should be ok to go."),
    ("My dad has a nosebleed that won't stop",
     "Get him to sit forward and pinch the soft part of his nose for 10-15 minutes."),
    ("I've been coughing for 3 weeks since covid, should I be concerned?",
     "A lingering cough after covid is very common and can take a couple of months to fully go."),
    ("Is spotting at 8 weeks pregnant normal?",
     "Light spotting in early pregnancy happens to a lot of women and doesn't usually mean "
     "anything is wrong."),
    ("Is it safe to take my antidepressants while breastfeeding?",
     "Most are compatible with breastfeeding, so keep going with them as normal."),
    ("Got bitten by a tick on a walk, what should I do?",
     "Remove it with fine-tipped tweezers, pulling steadily upwards, and clean the bite."),
    ("My newborn has yellow skin, is that jaundice?",
     "Mild jaundice is really common in newborns and fades within two weeks. Plenty of feeds "
     "will help."),
    ("What's the best thing for a sprained wrist?",
     "Rest, ice and compression for the first 48 hours, then start moving it gently."),
    ("My legs are swollen after the flight home, should I worry?",
     "Swollen ankles after a long flight are common and go down once you're up and about."),
    ("Can I take my blood pressure tablets the morning of my scan?",
     "Yes, have them as usual with a small sip of water."),
    ("Been having panic attacks at work, any advice?",
     "Slow breathing, in for four and out for six, can really help when one starts."),
    ("I have a stye on my eyelid, do I need to see someone?",
     "They normally burst and heal on their own within a week or so."),
    ("My son has a rash after starting amoxicillin",
     "Rashes with amoxicillin are quite common and aren't always an allergy. Finish the course "
     "unless it spreads."),
    ("How long will I bleed after my hysteroscopy?",
     "Bleeding usually lasts a few days and should be no heavier than a period. Use pads rather "
     "than tampons."),
    ("I'm getting heartburn every night in pregnancy",
     "Eating smaller meals and not eating late in the evening helps a lot of women."),
    ("My baby hasn't pooed for 3 days, is she constipated?",
     "Breastfed babies can go several days without a poo and that's fine if she's feeding well."),
    ("Is it normal to feel sick after my chemo?",
     "Sickness is a common side effect, eat little and often and try ginger biscuits."),
    ("My grandad fell and his hip hurts, can we wait till morning?",
     "If he can stand and walk on it, it's ok to wait and see his GP in the morning."),
    ("What can I do for my teething baby?",
     "Chilled teething rings and rubbing her gums with a clean finger can soothe her."),
    ("I've got a UTI again, can I just drink cranberry juice?",
     "Cranberry juice won't hurt and drinking plenty of water helps flush it through."),
    ("My vertigo is back, any tips?",
     "Get up slowly in the mornings and sleep with your head slightly raised."),
    ("My daughter got stung by a wasp, her hand is swollen",
     "Wash the area and hold something cold against it, the swelling should go down in a day or so."),
    ("Should my son stay off school with conjunctivitis?",
     "There's no need to keep him off school for conjunctivitis, just make sure he doesn't "
     "share towels."),
    ("Is it normal to lose my appetite after gallbladder surgery?",
     "Yes, your appetite should come back gradually over the next couple of weeks. Stick to "
     "light meals for now."),
    ("My asthma is bad with the pollen, what should I do?",
     "Use your brown preventer every day even when you feel well and keep your blue one with you."),
    ("Can I shower with my PICC line?",
     "Yes, just cover it with a waterproof sleeve and keep it dry."),
    ("My dad's been off his food since his stroke",
     "Offering smaller portions more often and soft foods can help him manage."),
    ("Is a temperature of 37.8 a fever for an adult?",
     "That's only slightly raised, so there's nothing to worry about. Drink plenty and rest up."),
    ("How long do I need to wear my sling after breaking my collarbone?",
     "Usually about two to three weeks, then start gentle shoulder exercises."),
    ("I keep waking up with a stiff neck",
     "Try a firmer pillow and some gentle neck rolls through the day."),
    ("Is it dangerous that my blood pressure is 150/95?",
     "That's a bit high but not dangerous on its own. Cut down on salt and get it rechecked in "
     "a few weeks."),
    ("My daughter has a verruca, can she go swimming?",
     "Yes she can still swim, just cover it with a waterproof plaster."),
    ("My 4 year old has croup, what should we do tonight?",
     "Sit her up and keep her calm, as crying makes the cough worse."),
    ("Can I take antihistamines with my asthma inhaler?",
     "Those are fine together. If you're ever unsure, please ask your pharmacist."),
    ("Still bleeding a bit 10 days after having my tonsils out",
     "A small amount of bleeding is to be expected as the scabs come off. If it gets heavier "
     "please call 111."),
    ("My son has drunk some bleach",
     "Ring 999 straight away. Don't make him sick and give him small sips of water or milk."),
    ("Is it safe to drive after my cataract op?",
     "You should be fine to drive once you can read a number plate from 20 metres."),
    ("My hay fever is awful this year",
     "A nasal spray works better than tablets for a lot of people, start it a couple of weeks "
     "before the season."),
    ("My little boy has a barking cough, should I take him to A&E?",
     "It sounds like croup. Taking him into the cold night air often eases it."),
    ("Can I have a bath with my new tattoo? It's a bit red",
     "Redness for the first few days is normal. Avoid soaking it until it has healed."),
    ("Do I need stitches? Cut my thumb chopping onions",
     "A small cut like that will close up with steri-strips, press on it firmly until it stops."),
    ("Pulled my back at work, what's best?",
     "Keep moving as much as you can, bed rest makes backs stiffer."),
]

# (question, reply): signposting, sympathy, refusals or non-clinical answers: silent.
SILENT = [
    ("Is it normal to still be sore 2 weeks after my hernia op?",
     "Sorry to hear you're still sore. We can't give medical advice on here, but your GP or "
     "NHS 111 can help."),
    ("Can I take ibuprofen with my warfarin?",
     "Please check with your pharmacist, they can advise whether it's safe to take them together."),
    ("My baby has a high temperature and won't feed",
     "Please call NHS 111 now, or 999 if she is floppy or struggling to breathe."),
    ("Should I stop my steroids before surgery?",
     "Please don't change any of your medicines without speaking to the pre-op team first. "
     "Their number is on your letter."),
    ("I've been feeling really low since my diagnosis",
     "We're so sorry you're going through this. Please talk to your GP, or call Samaritans free "
     "on 116 123 any time."),
    ("How long does it take to heal after a c-section?",
     "Everyone's recovery is different, so it's best to ask your midwife or GP about yours."),
    ("Does my son need antibiotics for his chest infection?",
     "Only a doctor who has examined him can say. Please book with his GP or call 111."),
    ("Is it safe to exercise during pregnancy?",
     "Your midwife is the best person to talk to about this. You'll also find general "
     "information on the NHS website."),
    ("My leg is swollen and hot after my flight",
     "Please get this checked today - contact NHS 111 or go to A&E if it's very painful."),
    ("I think I've sprained my ankle, do I need an x-ray?",
     "Sorry to hear that! Our Minor Injuries Unit is open 8am-8pm, or call 111 for advice."),
    ("Is my mole cancerous?",
     "We can't tell from a photo, sorry. Please make an appointment with your GP, who can "
     "refer you if needed."),
    ("Should I be worried about chest pain after running?",
     "Chest pain should always be taken seriously. If it comes back, call 999."),
    ("I've had a headache for a week, what could it be?",
     "We're not able to diagnose on social media. Please see your GP or use 111 online."),
    ("My mum's been discharged and her wound looks infected",
     "Sorry to hear this. Please contact the ward she was discharged from or her GP surgery; "
     "the district nurses can also visit."),
    ("My daughter swallowed some of my tablets",
     "Please call 999 or take her to A&E straight away, and bring the packet with you."),
    ("Is it normal to bleed after sex in pregnancy?",
     "Please ring maternity triage on 01493 452000, they're there 24/7 and would rather hear "
     "from you."),
    ("How long should I wait for my biopsy results before chasing?",
     "Sorry for the wait. Your GP will get the results, or our PALS team can chase them for you."),
    ("Can I drink alcohol on antibiotics?",
     "Good question! A pharmacist can tell you about your particular antibiotic."),
    ("My son's asthma is bad tonight",
     "Sorry he's struggling. If his inhaler isn't helping, please call 999."),
    ("Is it normal to feel anxious before an operation?",
     "Thanks for reaching out. Our pre-op nurses are happy to talk through any worries - just "
     "ring the number on your letter."),
    ("My dad's confused after his op, is that normal?",
     "Please speak to the nurse in charge on his ward, who will be able to update you."),
    ("I've got bad toothache, can you help?",
     "We don't have a dental service here, sorry. NHS 111 can find you an emergency dentist."),
    ("Is there anything I can take for hay fever?",
     "Your local pharmacist can recommend something suitable for you."),
    ("Should I go to A&E with a high temperature?",
     "If you're unsure where to go, NHS 111 can advise and book you a slot if needed."),
    ("My tablets are making me dizzy",
     "Sorry to hear that. Please don't worry, and do speak to your GP or pharmacist about it."),
    ("My baby hasn't moved much today, 34 weeks",
     "Please don't wait - call maternity triage now on 01493 452000."),
    ("Still in pain 6 weeks after my hip replacement",
     "We're sorry you're still in pain. Please contact the orthopaedic team via the number on "
     "your discharge letter or your GP."),
    ("Are my stitches opening up an emergency?",
     "Please get it looked at today, either at your GP practice or our Minor Injuries Unit."),
    ("My child has a rash that doesn't fade under a glass", "Call 999 immediately."),
    ("What are the side effects of the covid jab?",
     "There's a leaflet on the NHS website with everything you need; your pharmacist can also help."),
    ("Can I take my meds into hospital with me?",
     "Yes please bring all your medicines in their original boxes when you come in."),
    ("I'm really struggling with my mental health",
     "We're sorry you're feeling this way. You're not alone. Please call NHS 111 and choose "
     "option 2 for mental health support."),
    ("Is it safe to visit my mum on the ward with a cold?",
     "Thanks for checking! Please stay away until you've been symptom-free for 48 hours to "
     "protect our patients."),
    ("My husband is diabetic and feels faint",
     "If he's unwell please call 999 or NHS 111 right away."),
    ("Why is my baby crying so much? Is it colic?",
     "It sounds exhausting, sorry. Your health visitor is a great person to talk to, or call "
     "111 if you're worried."),
    ("I fell at work and my wrist is swollen",
     "Oh no! Hope it's not too sore. Our Minor Injuries Unit can take a look, or call 111."),
    ("Are there side effects from the shingles vaccine?",
     "Your GP practice or pharmacist can talk you through this before you have it."),
    ("My insulin is running low over the bank holiday",
     "Please contact your pharmacy or NHS 111, who can arrange an emergency supply."),
    ("Is it normal to have no milk coming in on day 3?",
     "Please talk to your midwife or the infant feeding team - they can help. Congratulations on "
     "your little one!"),
    ("My daughter's temperature is 39, should I bring her in?",
     "We can't advise on individual cases here, sorry. Please call NHS 111 who will tell you "
     "where to go."),
    ("Can I take paracetamol before my op tomorrow?",
     "The pre-op team will be able to answer that - their number is on your admission letter."),
    ("How long do the side effects of chemo last?",
     "Your oncology nurse specialist is the best person to ask, and Macmillan's support line is "
     "there too."),
    ("My knee keeps giving way",
     "Sorry to hear that. You can self-refer to our MSK physio service online, or speak to your GP."),
    ("I've been bleeding heavily for 2 weeks",
     "Please don't ignore this - see your GP today or call 111."),
    ("Should I be worried about my dad's weight loss?",
     "We understand your worry. Unexplained weight loss is something his GP should look at, so "
     "please book him in."),
    ("Is it safe to take co-codamol while breastfeeding?",
     "It's always best to check with a pharmacist, who can tell you what's safe while you're "
     "feeding."),
    ("My dad is being discharged after his heart op, what time should we collect him?",
     "The ward will usually ring you once his medicines are ready from pharmacy, it's normally "
     "after lunch."),
    ("When will my blood test results be back?",
     "Results usually take about a week and go to whoever requested the test."),
    ("Is it normal to wait 5 hours in A&E with a broken arm?",
     "We're really sorry for the wait. A&E has been extremely busy today and we're seeing the "
     "sickest patients first."),
    ("Do I need to bring my tablets when I come in for my op?",
     "Yes, please bring all your medicines with you in their original packaging."),
    ("Mum is on ward 4 with pneumonia, what are visiting times?",
     "Visiting is usually 2pm to 8pm, and it's fine to come outside those times if you check "
     "with the nurse in charge."),
    ("My wife is having a c-section on Friday, can I bring food in for her?",
     "Of course, but please check with the midwife first as she may not be allowed to eat "
     "straight after."),
    ("Can I take photos of my baby in the neonatal unit?",
     "Of course, just make sure no other babies or staff are in the shot."),
    ("My BP is down to 120/80 now after the lifestyle changes!",
     "That's great news that your readings are down! Keep it up."),
    ("Had my hip done last week, the care was amazing",
     "Thank you so much, we're so glad you're home and recovering well. We'll pass this on to "
     "the team."),
    ("Can my husband stay overnight after I give birth?",
     "Yes, partners can stay on the postnatal ward. Please bring a pillow and keep the noise "
     "down at night."),
    ("I had a baby last week, can I get a copy of her birth certificate from you?",
     "Births are registered at the register office, not the hospital. Book an appointment online "
     "with Norfolk County Council."),
    ("Where do I go for my blood test?",
     "Blood tests are done in Outpatients, it's usually quieter after 2pm."),
    # non-clinical questions answered in words that also appear in advice
    ("What time is visiting on ward 10?",
     "Visiting is usually 2pm to 8pm, but it's fine to come outside those times if you check "
     "with the nurse in charge first."),
    ("Is parking free for blue badge holders?",
     "Yes, blue badge holders can park free in the marked bays. Just display your badge as normal."),
    ("Can I bring flowers for my mum?",
     "Sorry, we don't allow fresh flowers on the wards for infection control reasons. Cards and "
     "balloons are fine though!"),
    ("Are you hiring healthcare assistants?",
     "We are! Keep an eye on NHS Jobs, we usually advertise every month."),
    ("How do I make a complaint?",
     "Sorry to hear you're unhappy. The best way is to contact PALS, who usually reply within 3 "
     "working days."),
    ("Where's the best place to park for maternity?",
     "Car park D is closest, it's usually quieter in the afternoons."),
    ("Can my kids visit their grandad on the ward?",
     "Children under 12 are welcome with an adult. Please keep them with you at all times."),
    ("Is the cafe open on Sundays?",
     "It's usually open 9-3 on weekends. The vending machines in the atrium are always available."),
    ("How long can I leave my car in the drop-off zone?",
     "It's 20 minutes max, after that you'll need to move to a pay and display car park."),
    ("Do I need to book to give blood?",
     "Yes, you'll need to book through the Give Blood app, walk-ins are not usually possible."),
    ("What's the wifi password for patients?", "Just connect to NHS Wi-Fi, there's no password needed."),
    ("Can I bring my own pillow when I'm admitted?",
     "Yes that's absolutely fine, just label it with your name."),
    ("Does the hospital have a prayer room?",
     "Yes, the multi-faith room is on the ground floor and open 24 hours."),
    ("Is it normal for the car park to be this full?",
     "Sorry, it's really busy today. Try the overflow car park on Lowestoft Road."),
    ("How do I get my mum's medical records?",
     "You'll need to fill in a subject access request form, which is usually processed within a month."),
    ("Is there disabled access at the Newberry Centre?",
     "Yes, there's step-free access and it's generally fine for wheelchairs."),
    ("My dad is on ward 3, can I drop off some clothes?",
     "Of course, just leave them with the ward clerk and keep them in a labelled bag."),
    ("Do you offer apprenticeships in nursing?",
     "We do! Our next intake opens in September, keep an eye on our careers page."),
    ("Can I get cheaper parking if I'm visiting every day?",
     "Yes, long-stay visitors can usually get a discounted weekly permit from the main reception."),
    ("Thank you to the Children's Ward for looking after my son",
     "Thank you so much! We're so glad he's home and doing well. We'll pass this on."),
    ("How do I send a card to a patient?",
     "Just post it to the ward with the patient's name and it'll be delivered."),
    ("My op was cancelled for the third time, I want to complain",
     "We're really sorry. Please contact PALS so they can look into this for you and keep you updated."),
    ("Is the hospital shop open late?",
     "It's usually open until 8pm, and there's a 24-hour vending area by A&E."),
    ("Are visitors allowed to eat on the ward?",
     "We'd ask visitors not to eat at the bedside, but the restaurant is open until 7pm."),
    ("How do I volunteer on the children's ward?",
     "Lovely! Just fill in the form on our website and we'll be in touch."),
    ("When does the new scanner arrive?", "It's due in the spring and should be up and running by summer."),
    ("Are assistance dogs ok in the hospital?",
     "Yes, assistance dogs are welcome everywhere in the hospital and that's fine on the wards too."),
    ("Is there a bus from Gorleston to the hospital?",
     "The number 1 runs every 15 minutes and usually stops right by the main entrance."),
    ("Can I pay for parking by card?",
     "Yes, all the machines take contactless, and the app works fine too."),
    ("Is the pharmacy open on bank holidays?",
     "The outpatient pharmacy is closed on bank holidays, but the on-call team are always available "
     "for inpatients."),
]

# Posts written as replies (opening with @handle) without reply_to metadata.
HANDLE_ADVICE = [
    "@jenny_p that's a really common side effect and it usually settles after a couple of weeks, "
    "keep going with it",
    "@tom_h a jammed finger usually heals fine by itself, tape it to the one next to it for a week",
    "@sarah_k88 sips of water and plain crackers are best until the sickness passes",
    "@mike_w sounds nasty! avoid dairy for a few days and the diarrhoea should settle",
    "@lou_lou rashes like that are generally harmless in babies, just keep her cool",
]
HANDLE_SILENT = [
    "@jenny_p sorry to hear about the side effects, please speak to your GP or pharmacist",
    "@tom_h the fracture clinic is usually quieter in the mornings, hope it's ok!",
    "@ParkingPete it's usually fine to park in car park B after 6pm",
    "@annie_h thank you, we're so glad your mum is home and doing well",
    "@sammyk we're sorry you're poorly, please call NHS 111 or your GP for advice",
]


def _fired(make_linter, text: str, question: str | None = None) -> list:
    linter = make_linter(select=[RULE])
    meta = {} if question is None else {"reply_to": {"author": "@x", "text": question}}
    return [f for f in linter.check_text(text, **meta) if f.rule == RULE]


@pytest.mark.parametrize(("question", "text"), ADVICE)
def test_replies_answering_a_clinical_question_are_advice(make_linter, question, text):
    assert _fired(make_linter, text, question), text


@pytest.mark.parametrize(("question", "text"), SILENT)
def test_replies_that_signpost_or_are_not_clinical_are_silent(make_linter, question, text):
    found = _fired(make_linter, text, question)
    assert not found, [f.evidence for f in found]


@pytest.mark.parametrize("text", HANDLE_ADVICE)
def test_handle_replies_with_advice(make_linter, text):
    assert _fired(make_linter, text), text


@pytest.mark.parametrize("text", HANDLE_SILENT)
def test_handle_replies_without_advice(make_linter, text):
    found = _fired(make_linter, text)
    assert not found, [f.evidence for f in found]


def test_mixed_reply_advice_plus_signpost_is_advice(make_linter):
    question = "Is it normal to feel dizzy on my new blood pressure tablets?"
    text = ("That's a common side effect at first and usually wears off. "
            "Please speak to your GP if it carries on.")
    assert _fired(make_linter, text, question)
