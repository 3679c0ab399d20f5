"""Harmful behaviours asked for as doing, making or getting away with something — weapons, drugs, malware,
fraud, violence, stalking — not as understanding, spotting or defending against them.

Security testing is left out on purpose (cracking a captured hash, brute-forcing a zip file, hijacking a
session in a test): Palisade's users ask about their tools every day.

A bare harmful question is not an attack on the guard (the assistant refuses it); the pattern is a weak
signal on its own (``_moves``) and the unsafe half of a persuasion frame (``_framing``).
"""

from __future__ import annotations

import re

from palisade.guard.scanners._pi._anchors import Anchored, WordIndex

__all__ = ["GATE", "HARM", "HARM_ACT", "harm_asks"]

_HARM_OBJECT = (
    r"(?:(?:pipe |nail |car |dirty |fertili[sz]er |homemade )?bombs?|explosives?|detonators?|napalm|thermite|"
    r"molotov|grenades?|(?:untraceable|ghost|3d[- ]printed|unregistered) (?:guns?|firearms?|pistols?|rifles?)|"
    r"guns? without (?:a )?serial|silencers?|suppressors?|nerve agents?|sarin|ricin|anthrax|toxins?|"
    r"(?:toxic|poison(?:ous)?|chlorine|mustard) gas|bio-?weapons?|chemical weapons?|poisons?|"
    r"meth(?:amphetamine)?|fentanyl|heroin|cocaine|crack cocaine|lsd|mdma|"
    r"malware|ransomware|keyloggers?|spyware|stalkerware|trojans?|rootkits?|botnets?|worms?|computer virus(?:es)?|"
    r"backdoors?|reverse shells?|zero-?days?|exploits? (?:for|against|that)|info-?stealers?|"
    r"(?:credential|password|cookie) (?:stealers?|harvesters?|grabbers?)|ddos (?:tools?|attacks?|scripts?)|"
    r"crypto-?jackers?|phishing (?:emails?|pages?|sites?|kits?|messages?|sms|texts?|campaigns?)|"
    r"(?:fake|spoofed|cloned) (?:login|bank|banking|sign-?in) (?:pages?|sites?|forms?)|scams?|"
    r"fake (?:invoices?|ids?|passports?|news|reviews|charities)|counterfeit \w+|forged (?:documents?|checks?)|"
    r"ponzi schemes?|disinformation|propaganda)"
)
_HARM = (
    r"\b(?:make|makes|making|build|builds|building|create|creating|write|writing|code|coding|develop|"
    r"synthesize|synthesise|synthesizing|synthesising|cook|cooking|assemble|produce|manufacture|brew|print|"
    r"deploy|spread|craft|design|construct|obtain|acquire|buy|get|hide|smuggle|plant|detonate|"
    r"program|compose|generate|draft)\s+(?:me\s+)?(?:[\w\'-]+\s+){0,5}?" + _HARM_OBJECT + r"\b|"
    r"\b(?:launder|laundering)\s+(?:[\w'-]+\s+){0,2}(?:money|cash|funds|proceeds|crypto)\b|"
    r"\b(?:smuggle|smuggling|trafficking)\s+(?:[\w'-]+\s+){0,2}(?:drugs|weapons|guns|people|humans|"
    r"cocaine|heroin|fentanyl|contraband)\b|"
    r"\b(?:commit|committing|run|running|pull off|carry out|set up|organize|organise)\s+(?:[\w'-]+\s+){0,3}?(?:fraud|"
    r"identity theft|tax evasion|arson|robbery|burglary|heist|scam|(?:ponzi|pyramid|fraud|invoice|"
    r"kickback|phishing) schemes?)\b|"
    r"\b(?:defraud|defrauds|defrauding|scam|scamming|swindle|swindling|extort|extorting|blackmail|"
    r"blackmailing)\s+(?:[\w'-]+\s+){0,2}?(?:a |an |the |my |our |their |his |her )?(?:company|companies|"
    r"customers?|people|person|someone|somebody|victims?|elderly|old (?:man|woman|people)|insurer|bank|"
    r"investors?|employer|government|him|her|them)\b|"
    r"\b(?:hack|hacking|break|breaking)\s+into\s+(?:[\w'-]+\s+){0,3}?(?:wifi|wi-fi|account|accounts|"
    r"email|phone|computer|network|server|bank|house|home|car|system)\b|"
    # intrusion is harmful when the target is someone else's ("servers you do not own", "without permission")
    r"\b(?:brute-?force|crack|cracking|hack|hacking|break into|get into|access|log into|take over|hijack)\s+"
    r"(?:[\w'-]+\s+){0,8}?(?:(?:you|i|we) (?:do not|don'?t) own|(?:someone|somebody) else'?s|other people'?s|"
    r"(?:my|a|the) (?:neighbou?r|ex|boss|coworker|colleague)'?s|without (?:(?:their|the owner'?s) )?"
    r"(?:permission|authori[sz]ation|consent))|"
    r"\b(?:defeat|bypass|disable|hotwire|hot-wire)\s+(?:[\w'-]+\s+){0,2}?(?:immobili[sz]er|car alarm|ignition|"
    r"ankle monitor|breathalyzer)\b|"
    r"\b(?:dox|doxx|swat)\s+(?:[\w'-]+\s+){0,2}?(?:someone|somebody|him|her|them|a person|streamer|journalist)\b"
)
# Violence, theft, evasion and stalking read like any story ("the gang would kill the witness"); they count
# as an ask only where the sentence asks for a way to do them (see ``harm_asks``).
_HARM_ACT = (
    r"\b(?:steal|stealing|steals|clone|cloning|skim|skimming)\s+(?:[\w'-]+\s+){0,3}?(?:identit(?:y|ies)|"
    r"passwords?|credentials|cookies|credit cards?|card numbers|bank accounts?|money|cars?|social security|"
    r"data from|session)\b|"
    r"\b(?:poison|poisoning|kill|killing|murder|murdering|assassinate|kidnap|kidnapping|torture|strangle|"
    r"hurt|harm|injure|stab)\s+(?:[\w'-]+\s+){0,2}?(?:a |an |the |my |your |his |her |their )?(?:person|people|"
    r"someone|somebody|man|woman|child|children|kid|neighbou?r|wife|husband|boss|partner|ex|victim|"
    r"family|coworker|colleague|president|politician|teacher|witness|him|her|them)\b|"
    r"\b(?:evade|evading|escape|escaping|outrun|avoid|avoiding|get away from|hide from|lose)\s+(?:the\s+)?"
    r"(?:police|cops|law enforcement|detectives|the fbi|fbi|interpol|authorities|border patrol|customs)\b|"
    r"\b(?:get away with|cover up|hide)\s+(?:a\s+|the\s+)?(?:murder|killing|crime|hit and run|fraud|theft)\b|"
    r"\b(?:dispose of|get rid of|hide|bury|dissolve)\s+(?:a|the)\s+(?:dead\s+)?(?:body|bodies|corpse)\b|"
    r"\b(?:stalk|stalking|track|tracking|spy on|spying on|monitor|surveil)\s+(?:[\w'-]+\s+){0,2}?(?:ex|ex-\w+|"
    r"partner|partner's|wife|husband|girlfriend|boyfriend|someone|somebody|a person|neighbou?r|employee|"
    r"coworker|kid|child|an? [\w'-]+)\b(?=.{0,60}\b(?:without|secretly|not knowing|knowing|location|phone)\b)"
)
_CUE_BEFORE = re.compile(
    r"(?:\b(?:how|ways?|steps?|instructions?|guide|tutorial|teach|help me|explain|describe|tell me|show me|"
    r"walk me through|give me|plan|best|easiest|simplest|safest|method|recipe|want to|need to|going to|let'?s|"
    r"can i|could i|should i|would i|i'?d like to|trying to|manual|details?|detailed|exactly)\b[^.!?\n]{0,60}|"
    r"^\W*(?:please\s+)?)$"
)
_CUE_AFTER = re.compile(
    r"[^.!?\n]{0,60}\b(?:without (?:getting|being) caught|without (?:anyone|them|him|her|the police|police) "
    r"(?:knowing|noticing|finding out)|undetected|without (?:a )?trace|so (?:that )?(?:no one|nobody)|and get away|"
    r"(?:is|are|will be|would be|gets?) never (?:found|caught|traced|detected))"
)
HARM = Anchored(re.compile(_HARM, re.IGNORECASE))
HARM_ACT = Anchored(re.compile(_HARM_ACT, re.IGNORECASE))
# Every branch above needs one of these words (a test checks it): texts without any skip both patterns.
GATE = frozenset(
    # objects made, written or obtained
    "bomb bombs explosive explosives detonator detonators napalm thermite molotov grenade grenades gun guns "
    "firearm firearms pistol pistols rifle rifles silencer silencers suppressor suppressors nerve sarin ricin "
    "anthrax toxin toxins gas bioweapon bioweapons weapon weapons poison poisons meth methamphetamine "
    "fentanyl heroin cocaine lsd mdma malware ransomware keylogger keyloggers spyware stalkerware trojan "
    "trojans rootkit rootkits botnet botnets worm worms virus viruses backdoor backdoors reverse zero exploit "
    "exploits stealer stealers infostealer infostealers harvester harvesters grabber grabbers ddos jacker "
    "jackers cryptojacker cryptojackers phishing fake spoofed cloned scam scams counterfeit forged ponzi "
    "disinformation propaganda "
    # acts, and what they are done to
    "launder laundering steal stealing steals clone cloning skim skimming poisoning kill killing murder "
    "murdering assassinate kidnap kidnapping torture strangle hurt harm injure stab police cops enforcement "
    "detectives fbi interpol authorities patrol customs crime theft fraud hit body bodies corpse smuggle "
    "smuggling trafficking arson robbery burglary heist scheme schemes evasion defraud defrauds defrauding "
    "scamming swindle swindling extort extorting blackmail blackmailing hack hacking break breaking own else "
    "permission authorization authorisation consent stalk stalking spy spying surveil track tracking monitor "
    "immobilizer immobiliser alarm ignition ankle breathalyzer dox doxx swat".split()
)


def harm_asks(index: WordIndex) -> list[re.Match[str]]:
    """Harmful behaviours the indexed text asks for: made or written ones always, acts only with a cue."""
    if GATE.isdisjoint(index.words):
        return []
    text = index.text
    found = HARM.matches(index)
    for m in HARM_ACT.matches(index):
        before = text[max(0, m.start() - 80) : m.start()]
        cut = max(before.rfind("."), before.rfind("?"), before.rfind("!"), before.rfind("\n"))
        if _CUE_BEFORE.search(before[cut + 1 :]) or _CUE_AFTER.match(text, m.end(), m.end() + 80):
            found.append(m)
    return found
