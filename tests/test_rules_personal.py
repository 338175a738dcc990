"""named-person-consent, patient-identifier and reply-signposting on posts in new voices.

A scratch set written apart from the rule examples and the corpus: thank-you posts
from families, staff announcements, press-office copy, ward noticeboard posts,
LinkedIn-style celebrations and replies to the public. Each case says whether the
rule must fire (positive) or stay silent (negative). All names, numbers and
addresses are invented, apart from public figures and public places.

Cases the rules are known to get wrong are marked ``xfail`` with the reason, so the
figures printed by ``python tests/test_rules_personal.py`` stay honest.
"""

from __future__ import annotations

from typing import Any

import pytest

RULES = ("named-person-consent", "patient-identifier", "reply-signposting")


def _r(question: str) -> dict[str, Any]:
    return {"reply_to": {"author": "@someone", "text": question}}


# -- named-person-consent -----------------------------------------------------------

NAMED_POSITIVE: list[tuple[str, dict[str, Any]]] = [
    ("A huge thank you from the Hendry family to the staff on Ward 3 who looked after our dad, Keith.", {}),
    ("Mum was in for a week and nurse Becky made every day brighter. Thank you Becky!", {}),
    ("We said goodbye to Grandad Alan on Tuesday. Thank you to the palliative team for the dignity you gave him.", {}),
    ("Please join us in welcoming Priya Raman, our new Deputy Director of Nursing.", {}),
    ("After 32 years at the James Paget, Linda Cartwright is hanging up her uniform. Happy retirement Linda!", {}),
    ("Shout out to porter Dave Rix, who found a lost wedding ring in the laundry and tracked down its owner.", {}),
    ("Our volunteer of the month is Frank Dyble, who has served tea in outpatients since 2009.", {}),
    ("Congratulations to Mr Okonkwo, consultant orthopaedic surgeon, on his 1,000th hip replacement.", {}),
    ("Today we celebrate Ms Harriet Gowing, our longest-serving healthcare assistant.", {}),
    ("Little Alfie, 4, came back to see the paediatric team who treated his broken arm.", {}),
    ("Freya and Isla, twins born on our maternity unit in 2019, raised £300 with a cake sale.", {}),
    ("Big thanks to Niamh from the discharge lounge for going above and beyond this weekend.", {}),
    ("Sister Maggie O'Donnell led her final shift on the stroke unit yesterday.", {}),
    ("Meet Tomasz, one of our international nurses, who joined the respiratory ward this spring.", {}),
    ("Thank you Kwame Mensah for running the Norwich half marathon for our neonatal unit.", {}),
    ("Dr Fenwick-Hale has been named Trainer of the Year by our junior doctors.", {}),
    ("In memory of Pauline Bessey, her family have donated two recliner chairs to the chemotherapy suite.", {}),
    ("Jayden, 12, wanted to say thank you to the A&E nurses who stitched his knee.", {}),
    ("Our ICU follow-up clinic caught up with Gareth six months after his ventilation.", {}),
    ("Wishing a very happy 90th birthday to Doreen, one of our longest-standing volunteers!", {}),
    ("Mrs Ellis on the frailty unit would like to thank everyone for her birthday card.", {}),
    ("Well done to midwife Chloe Barker, who delivered her 500th baby this month.", {}),
    ("Proud to announce that our estates manager, Gary Lund, has completed his master's degree.", {}),
    ("Farewell and thank you to Jean Pointer, who volunteered on the chaplaincy team for 20 years.", {}),
    ("We were delighted to welcome back Amara and her parents to the neonatal unit today.", {}),
    ("Our apprentice of the year is Callum Feeney from the pathology labs.", {}),
    ("Physio Hannah Lowe ran 5k every day in January for the hospital charity.", {}),
    ("It was lovely to see Stan again - he walked out of the cardiac ward on his 80th birthday!", {}),
    ("The family of Rita Gedge have thanked the district nurses for caring for her at home.", {}),
    ("Dr Aisha Siddiqui has joined our diabetes team as a consultant.", {}),
    ("This is Olwen, our oldest volunteer at 91, who still knits hats for the special care babies.", {}),
    ("Huge congratulations to Rob and Jess, who met on our AMU night shift and married on Saturday!", {}),
    ("Mr Barnes, you were a pleasure to care for. Enjoy being home with your grandchildren.", {}),
    ("Our thoughts are with the family of porter Terry Goate, who passed away last week.", {}),
    ("Charlie Nunn, 17, has started his work experience with the radiology team.", {}),
    ("Hats off to Bernadette from housekeeping, nominated for the Unsung Hero award.", {}),
    ("A lovely letter arrived from Mrs Joan Kerrison thanking Ward 15 for their kindness.", {}),
    ("Staff nurse Ifeoma Chukwu passed her advanced clinical practice course - well done!", {}),
    ("Our speech therapist Lucy helped Dennis say his first words after his stroke.", {}),
    ("Retiring today after 40 years in the switchboard: Maureen Thirtle. We'll miss you!", {}),
    ("Thank you Mohammed for translating for our patients during Ramadan.", {}),
    ("Anita Kowalczyk, our lead sonographer, spoke at the national conference.", {}),
    ("The fundraising target was smashed by Wendy Brame and her book club!", {}),
    ("Baby Oscar went home from special care after 94 days. Good luck little man!", {}),
    ("Please help us thank Kevin Sayer, who gave blood for the 100th time this week.", {}),
    ("Sandra from the League of Friends shop turns 70 today - happy birthday Sandra!", {}),
    ("Our patient Elsie celebrated her 102nd birthday on the ward with a cake from the kitchen team.", {}),
    ("Congratulations to Dr Obi on passing her membership exams.", {}),
    ("Retired GP Colin Meek has donated his medical library to our education centre.", {}),
    ("Nurse Connor Blyth and his dog Biscuit visited the children's ward for Pets as Therapy.", {}),
    ("Thank you to everyone who came to Ivan Petrov's leaving do in the social club.", {}),
    ("Student midwife Saoirse Kelly has won the university's clinical practice prize.", {}),
    ("Delighted to share that Matron Debbie Larter has been made a Queen's Nurse.", {}),
    ("Congratulations to our catering supervisor Marek Nowicki on 25 years of service.", {}),
    ("Nadia's mum wrote to say thank you to the theatre team for making her feel safe.", {}),
    ("Our chaplain Reverend Paul Whitby blessed the new garden of remembrance.", {}),
    ("Mr and Mrs Goddard celebrated their 60th wedding anniversary on Ward 2 today.", {}),
    ("Zara Hussain from our HR team has completed the Three Peaks Challenge.", {}),
    ("Bill Hewitt, who had his knee replaced here in March, is back on the bowling green.", {}),
    ("Meet Dr Leo Marchetti, the newest member of our emergency department.", {}),
    ("Thank you Graham, Shirley and all the volunteers who decorated the outpatients tree.", {}),
    ("Congratulations Sister Jones and Dr Patel!", {"consent": [{"name": "Dr Patel"}]}),
]

NAMED_NEGATIVE: list[tuple[str, dict[str, Any]]] = [
    ("Our Louise Hamilton Centre is hosting a coffee morning for families on Friday.", {}),
    ("The Sandra Chapman Centre offers support to people living with and beyond cancer.", {}),
    ("Visitors to the Burrage Centre can now park in the new bays by the main entrance.", {}),
    ("Ramadan Mubarak to all our colleagues and patients observing the holy month.", {}),
    ("Eid Mubarak from everyone at the James Paget! 🌙", {}),
    ("Happy Diwali to all our staff and their families celebrating the festival of lights 🪔", {}),
    ("Santa and his elves visited the children's ward this morning 🎅", {}),
    ("Father Christmas arrived by fire engine to hand out presents on the paediatric unit.", {}),
    ("Florence Nightingale's birthday on 12 May is International Nurses Day.", {}),
    ("75 years ago Aneurin Bevan opened the first NHS hospital in Trafford.", {}),
    ("His Majesty the King has sent a message of thanks to NHS staff.", {}),
    ("The Prime Minister Keir Starmer visited a hospital in Norfolk this week.", {}),
    ("Health Secretary Wes Streeting announced new funding for community diagnostic centres.", {}),
    ("Rupert Lowe MP met our nurses to talk about recruitment.", {}),
    ("Ed Sheeran's song played at our staff awards when the winners went on stage.", {}),
    ("Our Christmas panto this year is Jack and the Beanstalk, starring the estates team!", {}),
    ("The children loved the Peter Pan show put on by the hospital radio volunteers.", {}),
    ("Marie Curie nurses provide care at home for people at the end of life.", {}),
    ("Our Macmillan information and support service is open Monday to Friday.", {}),
    ("Sue Ryder's bereavement support line is free for anyone who needs it.", {}),
    ("Many Parkinson's patients benefit from our specialist nurse clinic.", {}),
    ("Alzheimer's Society dementia friends sessions are open to all staff.", {}),
    ("Storm Darragh means some outpatient clinics may start late today.", {}),
    ("Thank you to John Lewis for donating bedding to our discharge lounge.", {}),
    ("Great to see our team on BBC Look East tonight!", {}),
    ("Wishing everyone a peaceful Hanukkah ✡️", {}),
    ("Happy Vaisakhi to all our Sikh colleagues!", {}),
    ("Gung Hei Fat Choi! Wishing everyone a happy Lunar New Year 🧧", {}),
    ("Merry Christmas and a Happy New Year from the Board of Directors.", {}),
    ("Thanks to all our nurses #ThankYouNHS @JamesPagetNHS", {}),
    ("Follow @NorfolkWaveneyICB for updates on winter vaccinations.", {}),
    ("Welcome to our new starters! Induction starts in the Education Centre at 9am.", {}),
    ("Fantastic news: our maternity unit has been rated Good by the CQC.", {}),
    ("Brilliant turnout for our Walk for Wards this weekend, thank you all.", {}),
    ("Tune in to Radio Norfolk at 8am to hear our chief nurse talk about recruitment.", {}),
    ("Captain Tom's 100 laps inspired our own sponsored walk round the hospital.", {}),
    ("Sir David Attenborough narrates the film being shown in the children's playroom.", {}),
    ("The Princess of Wales visited an early years centre in Norfolk today.", {}),
    ("Mary Seacole is remembered for nursing soldiers in the Crimean War.", {}),
    ("Edward Jenner's work on smallpox led to the first vaccine.", {}),
    ("Our Nightingale ward has reopened after refurbishment.", {}),
    ("The Cavell Day Unit has new opening hours from Monday.", {}),
    ("The Earsham Wing is closed for maintenance this weekend.", {}),
    ("Paracetamol and ibuprofen are available from the League of Friends shop.", {}),
    ("Download the NHS App to manage your prescriptions.", {}),
    ("Costa in the main entrance is now open until 8pm.", {}),
    ("Greggs have donated 200 sausage rolls to the night staff 🥐", {}),
    ("Wishing everyone a reflective Yom Kippur.", {}),
    ("Happy Pride month from the JPUH LGBTQ+ staff network 🏳️‍🌈", {}),
    ("Ronald McDonald House gives families a home from home near the hospital.", {}),
    ("Barnardo's and our health visitors are running a parenting course.", {}),
    ("Thank you to Kirsty Reeve and the ward team for the fundraising cake sale.",
     {"consent": [{"name": "Kirsty Reeve", "form": "CF-3001"}]}),
    ("Dr Mensah and Sister Abbott led the simulation day.",
     {"consent": [{"name": "Dr Ama Mensah"}, {"name": "Sister Jo Abbott"}]}),
    ("Adult wards now have protected mealtimes from 12 to 1pm.", {}),
    ("Morale was high at the staff awards last night!", {}),
    ("Cast your mind back to 1982, when our hospital first opened.", {}),
    ("Dick Whittington and his cat delighted the children on Friday's panto visit.", {}),
    ("Our staff choir sang Silent Night in the main atrium.", {}),
    ("Thanks to Norwich City FC players who visited the children's ward today ⚽", {}),
    ("Remember Remember the Fifth of November: please take care with fireworks.", {}),
    ("Happy St Patrick's Day from the Irish nurses' network ☘️", {}),
]

# -- patient-identifier -------------------------------------------------------------

PID_POSITIVE: list[tuple[str, dict[str, Any]]] = [
    ("Can the family of the patient with NHS number 609-139-0996 contact the ward please", {}),
    ("nhs no: 907.866.6617 - transfer to Norwich booked", {}),
    ("NHS#1163726516 needs his walking frame brought in", {}),
    ("Re: NHS Number 931 417 0586, the discharge letter has gone to the wrong address", {}),
    ("His NHS number is 7407188181 if anyone needs it for the notes.", {}),
    ("Patient (NHS 137 484 7771) asked us to thank the paramedics.", {}),
    ("Her NHS num is 452 984 1537, could someone check her prescription?", {}),
    ("Chasing bloods for 156 404 1042 please, urgent", {}),
    ("Hosp no J2045188 - family want a call back", {}),
    ("RN: 1234567 ready for transport home", {}),
    ("MRN:K7654321 has been moved to the discharge lounge", {}),
    ("His unit number is 0093311, could outpatients rebook him?", {}),
    ("hospital no. JP204577 - meds to take out are ready", {}),
    ("Please update the notes for Hospital Number A1234567.", {}),
    ("d.o.b 12/03/1950 - lady asking for her son", {}),
    ("The gentleman was born on 14 August 1938 and is asking for his wife.", {}),
    ("Patient details: b. 12/03/1950, lives alone, needs a care package", {}),
    ("DOB: 1950-03-12. Daughter is on her way.", {}),
    ("Date of birth 3rd March 1947, admitted overnight with a fall", {}),
    ("dob 07-11-1962 - please ring the family", {}),
    ("Her DoB is 21.6.44 and she's lost her hearing aid.", {}),
    ("She lives at 12 Church Road, Bradwell NR31 8QT and would love visitors.", {}),
    ("Cards for Bert can go to his home address: Flat 3, 9 High Street, Lowestoft NR32 1AA", {}),
    ("If you find his dog please return it to 7 Beach Road, Hopton NR31 9BW.", {}),
    ("Our patient's home is at 41 Marine Crescent, Great Yarmouth - neighbours please check on the cat.", {}),
    ("Please send the donation receipt to her at 5 Mill Lane, Belton NR31 9JS", {}),
    ("Message her on julie.farrow64@hotmail.co.uk if you have any photos from the day.", {}),
    ("Email mike1962@yahoo.com to join the quiz team", {}),
    ("For the lost property, contact the owner at sarah_k@btinternet.com", {}),
    ("Email my mum at pat.jones@outlook.com, she wants to thank the night staff.", {}),
    ("Contact davesmith77@icloud.com about the raffle prize.", {}),
    ("Call his daughter on +44 7700 900123", {}),
    ("Text me on +447700900456 about the fun run", {}),
    ("Ring her son on 07700-900-789 with any news", {}),
    ("Her mobile is 07700 900 321 if the ward needs her.", {}),
    ("Please ring Sharon on (07700) 900654 about the collection.", {}),
    ("Call me on +44 (0)7700 900987 if you found my purse.", {}),
    ("Lady in bay 3 bed 2 is asking for her glasses", {}),
    ("Our patient in side room 4 on Ward 7 wants to thank her church for the flowers.", {}),
    ("Gentleman in Ward 10, bed 6 would like his newspaper brought up.", {}),
    ("Visiting my nan in bed 12 on Ward 3 this afternoon 💐", {}),
    ("Cavell Ward, bay 2, bed 4 - the family is on the way.", {}),
    ("Ward 5 side room 2 - relatives please bring pyjamas", {}),
    ("Bed 3, Ward 9: patient asking for the chaplain.", {}),
    ("My dad is in bed 7 of Ward 14 if anyone from the club wants to visit.", {}),
    ("Bay 4, bed 1 on the stroke ward needs a hearing loop.", {}),
    ("NI no. AB 12 34 56 C was left on the form in the canteen.", {}),
    ("Her national insurance number is JG103759A, pass it to payroll.", {}),
    ("nhs number 5849 243 372 for the transfer", {}),
    ("NHS: 2446431143 - family on the way", {}),
    ("Hosp. No. K1234567, DOB 01/02/1933 - discharged today", {}),
    ("m.r.n 00442871 awaiting transport", {}),
    ("date of birth: 09/09/1999 - student needs her notes sent to Leeds", {}),
    ("born 2nd Feb 1941 - our patient of the week!", {}),
    ("Ring his wife on 07700 900 111 please", {}),
    ("Her personal email is kathleen.a.moss@gmail.com", {}),
    ("Whatsapp me on 07700900222 if you saw the accident", {}),
    ("Patient in W7 B3 asking for a hairbrush", {}),
    ("His home postcode is NR32 4TF, ambulance crew please note", {}),
    ("The lady from 18 Gorleston Road, Oulton NR32 3AB has left her coat in A&E.", {}),
]

PID_NEGATIVE: list[tuple[str, dict[str, Any]]] = [
    ("Call our switchboard on 01493 452452 and ask for the ward.", {}),
    ("Switchboard: +44 1493 452452", {}),
    ("Media enquiries to communications@jpaget.nhs.uk please.", {}),
    ("You can email PALS on jpaget.pals@nhs.net", {}),
    ("To volunteer, email volunteers@jpaget.nhs.uk", {}),
    ("Fundraising team: charity@jpaget.nhs.uk", {}),
    ("We're at Lowestoft Road, Gorleston, Great Yarmouth NR31 6LA.", {}),
    ("Our open day is on 14/03/2026 in the main atrium.", {}),
    ("The deadline for nominations is 31.01.2026.", {}),
    ("The NHS was born on 5 July 1948.", {}),
    ("Babies born on Christmas Day get a knitted stocking from our volunteers 🎄", {}),
    ("If you were born before 1 September 1959 you can book your screening now.", {}),
    ("Ward 10 has 28 beds and a new day room.", {}),
    ("We have opened 12 extra beds on Ward 3 for winter.", {}),
    ("Bay 3 on Ward 5 has been refurbished with new flooring.", {}),
    ("Our bed managers work round the clock to find every patient a bed.", {}),
    ("The ward has four side rooms and two bays.", {}),
    ("Call NHS 111 or 999 in an emergency.", {}),
    ("Samaritans are there day or night on 116 123.", {}),
    ("The mental health crisis line is 0808 196 3494, open 24/7.", {}),
    ("Macmillan Support Line: 0808 808 00 00", {}),
    ("Outpatient appointments line: 01493 453 000", {}),
    ("Our charity number is 1048536.", {}),
    ("Company number 02402344, registered in England and Wales.", {}),
    ("Vacancy reference 382-JPH-1234, closing date 12/02/2026.", {}),
    ("Order reference 943 476 5918 for the new scanner.", {}),
    ("Please quote your NHS number when you call the booking team.", {}),
    ("Your hospital number is on your appointment letter.", {}),
    ("Never share your date of birth or NHS number online.", {}),
    ("We carried out 1 234 567 tests in our labs last year.", {}),
    ("Our lottery has 4,512 players and raised £12,345.", {}),
    ("The new CT scanner cost £1,865,000.", {}),
    ("Join us at the Marina Centre, Marine Parade, Great Yarmouth NR30 2ER for the health fair.", {}),
    ("Our community clinic is at Beacon Park, Gorleston NR31 7RA.", {}),
    ("Patients from NR31 and NR32 postcodes can use the new clinic.", {}),
    ("Lowestoft Hospital, Tennyson Road, Lowestoft NR32 1PT, has a new outpatient clinic.", {}),
    ("The hospital opened on 20 March 1982.", {}),
    ("Visiting hours on Ward 7 are 2pm to 8pm.", {}),
    ("Bed 4 in the ICU has a new monitoring system, funded by the League of Friends.", {}),
    ("The 24-bed ward will open in spring.", {}),
    ("Text SHOUT to 85258 for free, confidential support.", {}),
    ("Our Wi-Fi code is 4782 9930 11.", {}),
    ("Tickets are £12, doors open 7pm, and the event runs until 12.03.2026.", {}),
    ("Reference number: 2024/0567.", {}),
    ("Call 0300 123 1234 to book your blood test.", {}),
    ("Freephone 0800 011 4567 for the stop smoking service.", {}),
    ("Our NHS number checker is on the intranet.", {}),
    ("Staff born in the 1960s remember the old hospital.", {}),
    ("Happy 40th birthday to the James Paget! Opened on 20 March 1982 🎂", {}),
    ("The new maternity unit will open on 1 April 2026.", {}),
    ("Ward 12 is moving to the second floor on 03/05/2026.", {}),
    ("Your prescription number is on your repeat slip.", {}),
    ("Covid vaccination for people aged 75 and over starts 1 October.", {}),
    ("Press office: 01493 452452 (option 3)", {}),
    ("Our postcode for sat navs is NR31 6LA.", {}),
    ("The drop-in is at Gorleston Library, 5 Lowestoft Road, every Tuesday.", {}),
    ("For jobs, email jpaget.recruitment@nhs.net", {}),
    ("The hospital radio request line is 01493 453 999.", {}),
    ("Bay 2 is closed to visitors due to norovirus.", {}),
    ("The charity's new shop is at 150 King Street, Great Yarmouth.", {}),
]

# -- reply-signposting ----------------------------------------------------------------

SIGN_POSITIVE: list[tuple[str, dict[str, Any]]] = [
    ("Thanks for getting in touch, hope you feel better soon!", _r("I've had a throbbing headache for four days now, is that normal?")),
    ("Sorry to hear that. We'll pass your message on.", _r("My stitches look red and hot, is it infected?")),
    ("Good question! Most people are fine.", _r("Can I take co-codamol with my sertraline?")),
    ("We hope your recovery goes well 💙", _r("How long does it take for a C-section wound to heal?")),
    ("Thanks for the message, please DM us.", _r("I'm 30 weeks pregnant and the baby hasn't moved much today")),
    ("It's usually nothing to worry about.", _r("Found a lump in my breast, should I be worried?")),
    ("Honestly you'll be fine, lots of people get that.", _r("My heart keeps racing at night, is that dangerous?")),
    ("Sending love, hope things get easier.", _r("I've been feeling really low and I don't know who to talk to")),
    ("Thanks, we've passed this on to the team.", _r("When will my biopsy results be back? I'm so anxious")),
    ("Hi, that's usually a side effect that settles down.", _r("Is it normal to feel dizzy after starting amlodipine?")),
    ("Sorry you're going through this!", _r("My 2 year old has a temperature of 39.5, what should I do?")),
    ("We can't really say, sorry.", _r("Should I go to A&E with a swollen ankle or wait?")),
    ("Oh no! Hope it settles.", _r("Twisted my knee at football, it's really swollen. Do I need an x-ray?")),
    ("Thank you for your question, we'll look into it.", _r("Is it safe to drink alcohol on metronidazole?")),
    ("Rest up and drink plenty of water!", _r("Been vomiting since last night and can't keep anything down")),
    ("That's a really common question! Usually yes.", _r("Can I breastfeed while taking antibiotics?")),
    ("No need to come to A&E for that, just keep an eye on it.", _r("My son fell off his bike and banged his head, should we come in?")),
    ("Don't waste your time in A&E, it'll heal on its own.", _r("Cut my finger quite deep on a knife, does it need stitches?")),
    ("You don't need your GP for that, it usually clears up.", _r("Got a weird rash on my neck after gardening")),
    ("Most people don't need to ring 111 for this.", _r("My baby has green poo, is that normal?")),
    ("Thanks for letting us know! We'll share with the team.", _r("I'm on warfarin, can I have my teeth out next week?")),
    ("We're sorry to hear that. Hope you're ok.", _r("Since my operation I've had pain in my calf, should I be worried?")),
    ("It sounds like anxiety, try some breathing exercises.", _r("I keep getting chest tightness when I'm stressed, is it my heart?")),
    ("Hi! Scans can take a couple of weeks to be reported.", _r("Had an MRI on my back 3 weeks ago and haven't heard anything, is that bad?")),
    ("Lovely to hear from you! Drink plenty of fluids.", _r("I think I have a UTI, it burns when I wee")),
    ("Thank you, hope the little one feels better.", _r("My daughter's ear is really hurting and she's got a discharge coming out")),
    ("Hope you're feeling better soon 😊", _r("Bleeding a bit after my smear test, is that normal?")),
    ("It's fine to carry on as normal.", _r("Can I still go swimming with my new PICC line?")),
    ("We can't comment on individual cases, sorry.", _r("My mum's blood sugar keeps dropping at night, what should we do?")),
    ("Thanks for reaching out. Take care.", _r("I've been having panic attacks every day this week")),
    ("That sounds so hard, sending hugs.", _r("I don't see the point in anything anymore")),
    ("Thank you for your message.", _r("How many paracetamol can I take in a day with a cold?")),
    ("Great question - we'll ask our pharmacy colleagues and get back to you.", _r("Can I take the pill and antibiotics at the same time?")),
    ("Most bruising goes down within a fortnight.", _r("My arm is really bruised after my blood test, is that ok?")),
    ("It's usually just a virus.", _r("My toddler has had diarrhoea for five days, when should I worry?")),
    ("Thanks for asking! We'll find out for you.", _r("Is it okay to fly two weeks after a knee replacement?")),
    ("Sorry, we're not sure.", _r("My wound is weeping yellow stuff, should I get it checked?")),
    ("Have you tried ice and rest?", _r("Sprained my wrist at work, how long until it heals?")),
    ("Thanks for your message, we hope your appointment goes well.", _r("Should I stop my blood thinners before my colonoscopy?")),
    ("Ah sorry to hear! Keep us posted.", _r("Had my covid booster and now my arm is numb, is that a reaction?")),
    ("It's normal to feel tired for a few weeks.", _r("Three weeks after my hysterectomy and I'm still exhausted, is this right?")),
    ("We've shared your message with the team.", _r("My husband's had a stroke and his speech is getting worse at home")),
    ("Hope it clears up soon!", _r("Eye has been red and sticky for days, is it conjunctivitis?")),
    ("That's a tough one, everyone is different.", _r("How long after a miscarriage can we try again?")),
    ("Sorry to hear you've been struggling.", _r("My anxiety has got so bad I can't leave the house")),
    ("Thanks, hope your dad is better soon.", _r("Dad has gone yellow and is really itchy, is that his liver?")),
    ("Keep an eye on it and see how it goes!", _r("Mole on my back has changed shape and bleeds sometimes")),
    ("Thank you for your kind words and your question!", _r("Can I have the flu jab if I'm 20 weeks pregnant?")),
    ("Sorry, we don't have that information.", _r("Are my cholesterol results back yet? My level was high last time")),
    ("Hope you feel better. Warm drinks help!", _r("Sore throat and can't swallow for 5 days, do I need antibiotics?")),
    ("Lots of people feel like that after surgery.", _r("Is it normal to have no appetite a week after my gallbladder op?")),
    ("Thanks for reaching out.", _r("My waters might have broken, what do I do?")),
    ("Try keeping a diary of what you eat!", _r("I get awful stomach cramps after every meal, what could it be?")),
    ("Hi, we'll pass this on.", _r("Can I drive after having my cataract done?")),
    ("Sorry to hear that - hope she's comfortable.", _r("Nan's leg ulcer smells really bad, is that infection?")),
    ("We don't think so, but thanks for asking!", _r("Could my new tablets be causing my hair loss?")),
    ("Take it easy and rest up!", _r("Got shingles again, is it contagious to my grandchildren?")),
    ("It might be hay fever, lots around at the moment.", _r("Wheezy and coughing every night, is it asthma?")),
    ("That sounds scary, hope you're OK now.", _r("Heart was pounding and I nearly fainted at work today")),
    ("You'll probably be fine to go back to the gym in a week.", _r("When can I exercise after my hernia repair?")),
    ("Thanks for your message, the team will be in touch.", _r("My baby's soft spot looks sunken, should I be worried?")),
]

SIGN_NEGATIVE: list[tuple[str, dict[str, Any]]] = [
    ("We can't give medical advice here. Please contact your GP practice, or NHS 111 if it's urgent.", _r("I've had a throbbing headache for four days now, is that normal?")),
    ("Please ring your GP surgery today so someone can look at it.", _r("My stitches look red and hot, is it infected?")),
    ("A pharmacist can check whether those medicines are safe together.", _r("Can I take co-codamol with my sertraline?")),
    ("Please call maternity triage straight away on the number in your pregnancy notes.", _r("I'm 30 weeks pregnant and the baby hasn't moved much today")),
    ("Please speak to your doctor as soon as you can about this.", _r("Found a lump in my breast, should I be worried?")),
    ("Please talk to your GP or call 111 - they can help.", _r("My heart keeps racing at night, is that dangerous?")),
    ("You're not alone. Samaritans are there day or night on 116 123.", _r("I've been feeling really low and I don't know who to talk to")),
    ("Your consultant's secretary can update you - the number is on your letter.", _r("When will my biopsy results be back? I'm so anxious")),
    ("Please ask your pharmacist, who can advise about side effects.", _r("Is it normal to feel dizzy after starting amlodipine?")),
    ("Please use 111 online or call 111 for advice, or 999 if she's very unwell.", _r("My 2 year old has a temperature of 39.5, what should I do?")),
    ("Our minor injuries unit or an urgent treatment centre can assess it.", _r("Should I go to A&E with a swollen ankle or wait?")),
    ("Please visit an urgent treatment centre, which can x-ray it.", _r("Twisted my knee at football, it's really swollen. Do I need an x-ray?")),
    ("Your local chemist can advise on that.", _r("Is it safe to drink alcohol on metronidazole?")),
    ("If you can't keep fluids down, call NHS 111.", _r("Been vomiting since last night and can't keep anything down")),
    ("Your midwife or health visitor can answer this.", _r("Can I breastfeed while taking antibiotics?")),
    ("If he's drowsy or being sick, go to the emergency department or call 999.", _r("My son fell off his bike and banged his head, should we come in?")),
    ("Please call the ward directly - they can advise on your wound.", _r("My C-section wound is weeping, is that normal?")),
    ("Please contact your care team using the number on your discharge letter.", _r("Since my operation I've had pain in my calf, should I be worried?")),
    ("For crisis support call the 24/7 mental health crisis line on 0808 196 3494.", _r("I don't see the point in anything anymore")),
    ("Our PALS team can chase this for you.", _r("Had an MRI on my back 3 weeks ago and haven't heard anything, is that bad?")),
    ("Your health visitor is the best person to ask.", _r("My baby has green poo, is that normal?")),
    ("Please check with your dentist and the anticoagulation clinic - their number is on your yellow book.", _r("I'm on warfarin, can I have my teeth out next week?")),
    ("Please get this checked by your GP or a pharmacy.", _r("I think I have a UTI, it burns when I wee")),
    ("Call 111 for advice, and in an emergency ring 999.", _r("Heart was pounding and I nearly fainted at work today")),
    ("Please contact your practice nurse or GP about your results.", _r("My mum's blood sugar keeps dropping at night, what should we do?")),
    ("Please contact the endoscopy unit using the phone number on your appointment letter.", _r("Should I stop my blood thinners before my colonoscopy?")),
    ("Please ask your surgical team at your follow-up, or ring the ward you were on.", _r("Is it okay to fly two weeks after a knee replacement?")),
    ("Please speak to your midwife - call maternity triage if you're worried.", _r("Bleeding a bit at 12 weeks pregnant, is that normal?")),
    ("Please ring the labour ward on the number in your maternity notes now.", _r("My waters might have broken, what do I do?")),
    ("A pharmacist can help with eye infections - no appointment needed.", _r("Eye has been red and sticky for days, is it conjunctivitis?")),
    ("Please talk to your GP, who can refer you to talking therapies.", _r("My anxiety has got so bad I can't leave the house")),
    ("Please contact his GP today, or NHS 111 out of hours.", _r("Dad has gone yellow and is really itchy, is that his liver?")),
    ("Please book an appointment with your doctor to have it looked at.", _r("Mole on my back has changed shape and bleeds sometimes")),
    ("Your midwife can advise about vaccines in pregnancy.", _r("Can I have the flu jab if I'm 20 weeks pregnant?")),
    ("Please contact your surgeon's secretary or your GP.", _r("When can I exercise after my hernia repair?")),
    ("Please phone 999 now if he's struggling to breathe.", _r("Husband has chest pain and is grey and sweaty")),
    ("Contact the Samaritans any time on 116 123, or text SHOUT to 85258.", _r("I've been having panic attacks every day this week")),
    ("Please speak to a pharmacist or your GP about the right dose.", _r("How many paracetamol can I take in a day with a cold?")),
    # Not clinical questions at all.
    ("It's £3.50 for up to two hours, and free for blue badge holders.", _r("How much is parking at the hospital?")),
    ("Visiting on Ward 7 is 2pm to 8pm every day.", _r("What are the visiting times on Ward 7?")),
    ("Yes! The café opens at 8am on weekends.", _r("Is the café open on Sundays?")),
    ("Thank you so much, we'll pass this on to the team 💙", _r("Just wanted to say the staff on the stroke unit were amazing with my dad")),
    ("Please check our careers page for current vacancies.", _r("Are you hiring healthcare assistants?")),
    ("Lost property is kept at main reception for 30 days.", _r("Has anyone handed in a blue scarf?")),
    ("You can donate online through the JPUH Charity website.", _r("How can I donate to the children's ward?")),
    ("Yes, the Wi-Fi is free - choose NHS Wi-Fi.", _r("Is there free wifi for visitors?")),
    ("The main entrance is on Lowestoft Road.", _r("Where do I drop off for the outpatients building?")),
    ("Blood test clinic is in the Outpatients hall from 7.30am, no appointment needed.", _r("What time does the blood test clinic open?")),
    ("Yes, one birth partner can stay overnight on the maternity ward.", _r("Can my husband stay over after I give birth?")),
    ("The pharmacy hatch by the main entrance is open until 6pm.", _r("What time does the hospital pharmacy close?")),
    ("Thank you! We'll share your kind words with the ward 😊", _r("Can you thank the nurses on Ward 12 for me?")),
    ("Buses 1 and 1A stop right outside the main entrance.", _r("Which bus goes to the hospital?")),
    ("Hi, our volunteering team would love to hear from you!", _r("How do I become a volunteer?")),
    ("The League of Friends shop sells newspapers and snacks.", _r("Is there somewhere to buy a paper for my mum?")),
    ("Wheelchairs are available at the main entrance.", _r("Do you have wheelchairs for visitors who can't walk far?")),
    ("The chapel is open to everyone 24 hours a day.", _r("Is there a quiet room to pray?")),
    ("Thank you for running for us! Here is the fundraising pack.", _r("Can I run the marathon for the cancer centre?")),
    ("Yes, there's a baby change room by the outpatients entrance.", _r("Do you have baby changing facilities?")),
    ("Yes - the appointment line is open 8am to 6pm.", _r("What time does the appointments line open?")),
    ("Our stop smoking service can help - no referral needed.", _r("Do you have a stop smoking service I can use?")),
    ("Happy to help! The car park machines take cards.", _r("Can I pay for parking by card?")),
]


def _cases(rule: str, positives: list[tuple[str, dict[str, Any]]],
           negatives: list[tuple[str, dict[str, Any]]]) -> list[Any]:
    out = []
    for expected, cases in ((True, positives), (False, negatives)):
        for index, (text, meta) in enumerate(cases):
            case_id = f"{rule}-{'pos' if expected else 'neg'}-{index:02d}"
            marks = []
            reason = KNOWN_MISSES.get(case_id)
            if reason:
                marks.append(pytest.mark.xfail(reason=reason, strict=True))
            out.append(pytest.param(rule, text, meta, expected, id=case_id, marks=marks))
    return out


# Cases the rules still get wrong: id -> why.
KNOWN_MISSES: dict[str, str] = {}

CASES = [
    *_cases("named-person-consent", NAMED_POSITIVE, NAMED_NEGATIVE),
    *_cases("patient-identifier", PID_POSITIVE, PID_NEGATIVE),
    *_cases("reply-signposting", SIGN_POSITIVE, SIGN_NEGATIVE),
]


@pytest.fixture(scope="module")
def personal(make_linter):
    return make_linter(select=RULES)


@pytest.mark.parametrize("rule, text, meta, expected", CASES)
def test_rule_on_new_voices(personal, rule, text, meta, expected):
    findings = [f for f in personal.check_text(text, **meta) if f.rule == rule]
    assert bool(findings) == expected, [f.evidence for f in findings]
    # Personal data never travels unmasked in a finding.
    for finding in findings:
        assert not finding.evidence or "*" in finding.evidence, finding.evidence


def _figures() -> None:  # pragma: no cover - a measuring aid, not a test
    from socialpolicy.config import Config
    from socialpolicy.engine import Linter

    linter = Linter(Config(), select=RULES, show_evidence=True)
    for rule, positives, negatives in (
        ("named-person-consent", NAMED_POSITIVE, NAMED_NEGATIVE),
        ("patient-identifier", PID_POSITIVE, PID_NEGATIVE),
        ("reply-signposting", SIGN_POSITIVE, SIGN_NEGATIVE),
    ):
        tp = fp = fn = 0
        for expected, cases in ((True, positives), (False, negatives)):
            for index, (text, meta) in enumerate(cases):
                found = [f for f in linter.check_text(text, **meta) if f.rule == rule]
                if found and expected:
                    tp += 1
                elif found:
                    fp += 1
                    print(f"  FP {rule}-neg-{index:02d} {[f.evidence for f in found]} {text[:70]!r}")
                elif expected:
                    fn += 1
                    print(f"  FN {rule}-pos-{index:02d} {text[:80]!r}")
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        print(f"{rule:<24} pos {len(positives)} neg {len(negatives)} TP {tp} FP {fp} FN {fn} "
              f"precision {precision:.3f} recall {recall:.3f}")


if __name__ == "__main__":  # pragma: no cover
    _figures()
