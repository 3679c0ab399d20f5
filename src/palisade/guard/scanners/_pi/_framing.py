"""Persuasion and role-play jailbreaks: a *frame* (fiction, a game, a hypothetical, a persona, "for
research") wrapped around an *unsafe ask* (weaken a control, hand over a secret, write malware).

An unsafe ask is also a harmful behaviour (``_harm.harm_asks``: weapons, drugs, malware, fraud, violence), the
shape of attacker-model jailbreaks that wrap a benchmark behaviour in a teacher's, novelist's or
researcher's story.

Neither half is an attack on its own — developers ask for role-play prompts, and asking for an insecure
setting is a request the assistant refuses with a secure alternative — so the signal fires only when both
occur in the same text. This catches attacker-model (PAIR-style) rewrites that avoid every trigger phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from palisade.guard.scanners._pi._anchors import Anchored, WordIndex
from palisade.guard.scanners._pi._harm import harm_asks

__all__ = ["FRAMES", "UNSAFE_ASKS", "criticised", "framed_unsafe"]

_FRAMES = re.compile(
    r"\b(?:roleplay|roleplaying|role-play|role-playing|role play|let'?s play|play (?:a|the) (?:game|role)|pretend|"
    r"pretending|make-?believe)\b|\bimagine (?:you(?:'re| are| were)?|a world|that you|being|if|yourself|we)\b|"
    r"\bhypothetically\b|\b(?:in a|this is a|purely) hypothetical\b|\bhypothetical (?:scenario|situation|world|"
    r"question|response|story)\b|\bthought experiment\b|\bin (?:a|an|this|that) (?:fictional|fictitious|alternate|"
    r"parallel|imaginary|hypothetical|dystopian|future) (?:world|universe|story|scenario|reality|setting|"
    r"timeline)\b|\bin a world where\b|"
    r"\b(?:for|in|of) (?:a|an|my|the|our) (?:[\w-]+ )?(?:novel|story|screenplay|movie|film|script|book|stage play|"
    r"fiction|fanfic|video game|game|ctf|capture the flag|red[- ]team(?:ing)? (?:exercise|drill|engagement)|"
    r"training (?:exercise|scenario|module|course|dataset)|tabletop|simulation|thriller|comic|podcast|"
    r"short story|sci-?fi)\b|"
    r"\bwrite (?:me )?(?:a|an|the) (?:\w+ )?(?:story|scene|screenplay|script|dialogue|poem|song|monologue|"
    r"chapter|play|tale|fable)\b|"
    r"\b(?:you are|you're|act as|acting as|(?:play|playing) the role of|you will be|become|simulate|emulate|"
    r"impersonate)\s+(?:now\s+)?(?:an?\s+|the\s+|my\s+)?(?:\w+\s+){0,3}(?:character|persona|villain|hacker|"
    r"version of (?:yourself|you)|ai (?:without|with no)|terminal|shell|console|interpreter|grandma|"
    r"grandmother|model that|assistant that|ai that|bot that|twin|alter ego)\b|"
    r"\bmy (?:late |dead |deceased |dear )?(?:grand(?:ma|mother|pa|father)|nana|granny)\b|"
    r"\b(?:for|purely for|strictly for|only for) (?:educational|research|academic|learning|informational|"
    r"testing|awareness|training) (?:purposes|reasons|use)\b|"
    r"\bin character\b|\bstay in (?:the )?role\b|\btabletop exercise\b|\byou(?:'re| are| will)? play(?:ing)?\b|"
    r"\bcontinue (?:the|our|this|my) (?:story|tale|scene|screenplay|novel|game)\b|\bopposite day\b|\bjust (?:a|as a) (?:joke|game|test|prank)\b|"
    r"\b(?:no one|nobody) will (?:ever )?(?:know|see|use it|notice)\b|"
    # pressure: urgency, claimed authority, emotional appeal, exceptions
    r"\bi(?:'ll| will)? take (?:full |all )?(?:the )?responsibility\b|\bno time for (?:the )?(?:usual|normal|regular) "
    r"(?:process|checks|review|procedure)\b|\b(?:i am|i'm) (?:fully )?(?:authori[sz]ed|allowed|permitted|cleared)\b|"
    r"\bas (?:the|your) (?:\w+ ){0,3}(?:auditor|administrator|admin|owner|operator|developer|security officer|"
    r"ciso|manager|supervisor)\b|\b(?:i'?ll|i will) (?:be fired|lose my job|get fired)\b|\b(?:just|only) this once\b|"
    r"\b(?:make|making) (?:a |an )?(?:small |tiny |one-time )?exception\b|\bi'?m begging\b|\bplease,? i'?m desperate\b|"
    r"\b(?:refusing|refusal) (?:would|will) be (?:logged|reported|treated)\b|\bit'?s (?:purely |totally |just )?(?:fictional|fiction|"
    r"hypothetical|for a story)\b|"
    r"\b(?:only|just) (?:format|formatting|transcribe|autocomplete|continue|complete)\b.{0,40}\b(?:don'?t|"
    r"do not|no need to|without) (?:judg|evaluat|check|filter|refus|worry|question)|"
    # persuasion: a borrowed role, audience or good cause (teacher, novelist, researcher, memoirs, danger)
    r"\b(?:i'?m|i am|we'?re|we are) (?:writing|drafting|working on|making|creating|developing) (?:a|an|my|our) "
    r"(?:\w+ ){0,2}(?:novel|story|screenplay|script|book|thriller|game|play|comic|fanfic|movie|film|series|"
    r"episode|campaign)\b|"
    r"\b(?:i'?m|i am|as) (?:a |an )?(?:\w+ ){0,2}(?:teacher|professor|lecturer|instructor|educator|tutor|trainer|"
    r"student|researcher|journalist|novelist|writer|author|screenwriter|historian|chemist|police officer|"
    r"detective|investigator|scientist|phd student|doctor|nurse)\b|"
    r"\b(?:for|to|with) (?:my|our) (?:students|class|pupils|lesson|lecture|course|readers|audience|viewers|"
    r"thesis|dissertation|paper|research|book|memoirs?|documentary|podcast|campaign|players|slides)\b|"
    r"\b(?:documentary|memoirs?|dungeon master)\b|"
    r"\bmy (?:\w+ )?(?:teacher|professor|instructor|tutor|lecturer|prof|teacher's|professor's)\b|"
    r"\b(?:homework|coursework|course work|class project|school project|exam question|term paper)\b|"
    r"\b(?:it'?s|this is) for (?:a good cause|self-defen[cs]e|my (?:own )?safety|my family|a (?:class|course|"
    r"thesis|lesson|lecture))\b|"
    r"\b(?:only|sole|last) way to (?:protect|save|help|keep)\b|"
    r"\b(?:my|our) (?:family|life|lives|child|children|kids?|daughter|son|mother|father) (?:is|are) in danger\b|"
    r"\bpurely (?:academic|theoretical|educational|hypothetical)\b|\bin that (?:world|universe|story|game)\b|"
    r"\b(?:training|evaluation|test) (?:data|dataset|corpus|examples?) for (?:a|an|our|my) (?:\w+ ){0,2}"
    r"(?:classifier|model|filter|detector)\b|"
    r"\b(?:you are|you're|act as|play|playing|as) (?:a |an |the )?(?:retired |former |veteran |famous )?(?:\w+ ){0,2}"
    r"(?:detective|chemist|hacker|criminal|smuggler|con artist|drug dealer|assassin|spy|mobster|gang member|"
    r"arms dealer|cartel \w+|bomb maker|thief)\b",
    re.IGNORECASE,
)

_UNSAFE_ASKS = re.compile(
    # weaken a security control of the kind Palisade builds
    r"\b(?:disable|disabled|disables|turn off|turns off|turned off|remove|removed|removes|without|skip|skips|"
    r"skipped|no|drop|drops|dropped|strip|stripped|"
    r"bypass|bypasses|bypassed|weaken|weakened|switch off|switched off|get rid of|circumvent|kill|killed)\s+"
    r"(?:the\s+|all\s+|any\s+|its\s+|their\s+)?(?:\w+\s+){0,2}(?:encryption|logging|audit(?:ing)? logs?|"
    r"auditing|mfa|2fa|multi-factor|validation|policy checks|checkov|guardrails?|security (?:checks|controls|"
    r"baseline|groups? rules)|cloudtrail|guardduty|branch protection|key rotation|rotation|tls|https only|"
    r"firewall|waf|authentication|monitoring|alerting|versioning|public access block|default-deny|"
    r"network polic(?:y|ies)|pod security|rbac|least privilege|confirmation|code review|approvals?)\b|"
    r"\b(?:turn|switch|shut)\s+(?:the\s+)?(?:\w+\s+){1,3}off\b|"
    r"\b(?:from|to) (?:anywhere|everywhere|the (?:whole )?internet|any ip|all ips)\b|"
    r"\b(?:action|actions|resource|principal)\s*(?:=|:|with|on)?\s*['\"]?\*(?![\w*])['\"]?|"
    r"\b(?:delete|remove|drop)\s+(?:the\s+)?(?:\w+\s+){0,3}(?:network ?polic(?:y|ies)|default-deny|guardduty|"
    r"cloudtrail|branch protection|waf|firewall)\b|"
    r"\bwithout (?:asking|confirming|confirmation|review|approval|validation|any checks)\b|"
    r"\bwithout (?:showing|asking|telling|checking with|confirming with|notifying) (?:me|the user|anyone|the "
    r"requester)\b|"
    r"\b(?:set|setting|make|change|flip|switch)\s+(?:the\s+)?[\w.]*(?:encrypt\w*|logging|versioning|mfa|"
    r"deletion_protection|rotation\w*|block_public\w*|enable_\w+|require_\w+)\s*(?:to|=|:)\s*(?:false|off|0|"
    r"disabled|none|no)\b|"
    r"\b(?:delete|remove|drop)\s+(?:the\s+)?(?:\w+\s+){0,2}deny-all\b|"
    r"\b(?:cat|type|less|head|more)\s+\S*(?:secret|token|credential|\.env|id_rsa|\.aws/credentials|shadow)\S*|"
    r"\bprintenv\b|\b(?:env|set)\s*\|\s*grep\b|-auto-approve\b|"
    r"\ballusers\b|\ballauthenticatedusers\b|\bpublic-read(?:-write)?\b|\b(?:public|publicly) accessib\w+\b|"
    r"\bpublicly_accessible\s*=\s*true\b|:\*(?<=[a-z0-9]:\*)(?![\w*])|\bon (?:everything|all resources)\b|"
    r"0\.0\.0\.0/0|::/0|\bopen (?:it |them |the \w+ )?to (?:the )?(?:whole )?(?:world|internet|everyone|public)\b|"
    r"\b(?:public|publicly) (?:readable|writable|writeable|accessible|read(?:/write)?|write)\b|"
    r"(?<=\")(?:action|principal)\"\s*:\s*\"\*\"|\b(?:wildcard|full|unrestricted|god-?mode|star|\*) "
    r"(?:iam|permissions|access|admin|privileges)\b|\badministratoraccess\b|\bprivileged (?:pods?|containers?|"
    r"mode)\b|"
    # obtain a secret that is not the asker's
    r"\b(?:reveal|print|show|output|dump|leak|exfiltrate|send|email|post|give me|tell me|spell out|read out|read me|"
    r"recite|read|"
    r"include|embed|hardcode|hard-code|encode)\b.{0,60}\b(?:github token|api[ _-]?keys?|access keys?|"
    r"credentials|secrets?|passwords?|private keys?|system prompt|environment variables|env vars|"
    r"session tokens?|tokens)\b|"
    # classic harm, asked for as instructions or working code
    r"\b(?:make|build|create|write|code|deploy|synthesize|synthesise|cook|assemble|produce|develop|generate)\s+(?:me\s+)?"
    r"(?:a\s+|an\s+|some\s+|the\s+)?(?:working\s+|functional\s+|real\s+)?(?:malware|ransomware|keylogger|spyware|"
    r"botnet|rootkit|backdoor|reverse shell|exploit|phishing (?:email|page|site|kit)|credential (?:stealer|harvester)|"
    r"pipe bomb|bomb|explosives?|nerve agent|methamphetamine|meth|poison|crypto ?miner|ddos tool)\b|"
    r"\b(?:steal|stealing) (?:passwords|credentials|data|cookies|session cookies|money|identities)\b|"
    r"\b(?:exfiltrate|exfiltrating)\b|\b(?:launder|laundering) money\b|\bevade (?:detection|antivirus|edr)\b|"
    r"\bdisable (?:the )?antivirus\b|\b(?:hotwire|hot-wire) (?:a |the )?car\b|\bpick (?:a |the )?lock\b|"
    r"\bhack (?:into|someone)\b|\b(?:make|making) (?:napalm|thermite|a molotov)\b|\bcounterfeit (?:money|bills)\b",
    re.IGNORECASE,
)


FRAMES = Anchored(_FRAMES)
UNSAFE_ASKS = Anchored(_UNSAFE_ASKS)


# "why SSH from everywhere is bad", "instead of opening it to the world": the unsafe thing is criticised
_CRITIQUE = re.compile(
    r"\b(?:why|risks? of|dangers? of|avoid|avoiding|prevent|preventing|instead of|rather than|don'?t|do not|never|"
    r"not|bad|wrong|explain (?:why|the risks?|the dangers?)|detect|stop|block)\b[^.!?\n,;:]{0,50}$"
)


def criticised(text: str, start: int) -> bool:
    """Whether the ask starting at ``start`` is the object of a critique ("why … is bad", "instead of …")."""
    return _CRITIQUE.search(text, max(0, start - 60), start) is not None


def _asks(index: WordIndex) -> Iterator[re.Match[str]]:
    """Unsafe asks, then harmful ones: the harm patterns run only if no unsafe ask stands uncriticised."""
    yield from UNSAFE_ASKS.matches(index)
    yield from harm_asks(index)


def framed_unsafe(index: WordIndex) -> tuple[int, int] | None:
    """The span from the frame to the unsafe ask when both occur in the indexed text (an ask that the text
    criticises does not count); None otherwise."""
    frame = FRAMES.search(index)
    if frame is None:
        return None
    for ask in _asks(index):
        if not criticised(index.text, ask.start()):
            return (min(frame.start(), ask.start()), max(frame.end(), ask.end()))
    return None
