"""Certificates: the wish for them, the ones named loosely ('the CKA') and the ones already held."""

from __future__ import annotations

import re

from bot.domain.catalog import Catalog
from bot.domain.reading import PerCatalog
from bot.domain.understanding.facts import Facts
from bot.domain.understanding.matcher import Matcher, Target
from bot.domain.understanding.text import norm_tokens, unique

_CERT = r"(?:cert(?:ificate|ification)?s?|credentials?|certified)"
# Certificates as people name them in a hurry: "certs", "a cert or two", "some certifications".
_SOME_CERTS = (r"(?:(?:a|an|some|the|a\s+few|a\s+couple\s+of|any|2|two|3|few)\s+)?" + _CERT
               + r"(?:\s+(?:or|and)\s+(?:2|two|3|three|so|more|more))?")
_CERT_NEG = re.compile(
    r"\b(?:don'?t|do\s+not|doesn'?t|does\s+not|won'?t|never)\s+(?:really\s+)?(?:care|need|want|matter|value|bother)"
    r"\w*\s+(?:\w+\s+){0,3}?" + _CERT + r"|\b" + _CERT + r"\s+(?:are\s+|is\s+)?(?:don'?t|do\s+not|doesn'?t|does\s+not)"
    r"\s+matter|\b" + _CERT + r"\s+(?:are\s+|is\s+)?(?:not\s+(?:needed|necessary|important|required|a\s+priority|worth"
    r"|my\s+priority|for\s+me)|useless|pointless|overrated|irrelevant|unnecessary|meaningless|a\s+waste|optional|"
    r"worthless)|\b(?:no\s+need\s+for|skip(?:ping)?|without|not\s+interested\s+in|not\s+into|no|not\s+after|not"
    r"\s+looking\s+for|forget(?:\s+about)?|not\s+bothered\s+(?:about|with)|(?:don'?t|do\s+not)\s+care\s+(?:about|for))"
    r"\s+(?:the\s+|any\s+)?(?:\w+\s+)?" + _CERT + r"|\b" + _CERT
    + r"\s*[:=?-]?\s*(?:no|nope|not\s+needed|none|meh|nah|not\s+really|don'?t\s+care|whatever)\b"
    # "don't have any certifications and honestly don't care about them"
    r"|\b" + _CERT + r"[^.!?]{0,60}\b(?:don'?t|do\s+not)\s+(?:really\s+)?care\s+(?:about|for)\s+(?:them|those|it)\b"
    # a no-word aimed at them ("nah to certs", "no for certificates") and refusing to do them ("not doing certs")
    r"|\b(?:no|nah|nope|not)\s*,?\s*(?:to|for|on)\s+(?:the\s+|any\s+)?(?:\w+\s+)?" + _CERT
    + r"|\bnot\s+(?:really\s+|very\s+|that\s+|too\s+)?(?:into|keen\s+on|fussed\s+about)\s+(?:the\s+|any\s+)?" + _CERT
    + r"|\b(?:not|n't|never)\s+(?:\w+\s+)?(?:doing|do|getting|taking|pursuing|chasing|bothering\s+with)\s+"
    r"(?:the\s+|any\s+)?(?:\w+\s+)?" + _CERT
)
_CERT_POS = re.compile(
    r"\b(?:want|need|would\s+like|'d\s+like|like|get|earn|obtain|prefer|looking\s+for|interested\s+in|value"
    r"|pass|aim\s+for|include|with|love|hoping\s+for|also|plus)\s+(?:to\s+(?:get|have|earn|obtain)\s+)?"
    r"(?:a\s+|an\s+|some\s+|the\s+|to\s+be\s+)?(?:\w+\s+){0,4}?" + _CERT
    + r"|\b" + _CERT + r"\w*\s*[:=-]?\s+(?:are\s+|is\s+|would\s+be\s+|do\s+|could\s+be\s+)?"
    r"(?:really\s+|very\s+)?(?:important|matter|nice|great|good|useful|valuable|a\s+must|required|needed|a\s+plus"
    r"|welcome|helpful|essential|a\s+priority|big|help|would\s+help|count|open\s+doors|cool|a\s+bonus|good\s+to\s+have"
    r"|nice\s+to\s+have)|\bget\s+certified\b"
    r"|\b" + _SOME_CERTS + r"\s*[:=?-]?\s*(?:yes|yep|yeah|yup|sure|please|pls|plz|definitely|absolutely|of\s+course"
    r"|ok|okay|why\s+not|too|as\s+well)\b"
    # a yes-word aimed at them: "yes to certificates", "sure, certs", "yeah certifications please"
    r"|\b(?:yes|yeah|yep|yup|sure|ok|okay|definitely|absolutely)\s*[,:-]?\s*(?:to|for|on)\s+(?:the\s+|some\s+)?"
    r"(?:\w+\s+)?" + _CERT
    + r"|\b(?:yes|yeah|yep|yup|sure|definitely|absolutely)\s*[,:-]?\s*" + _SOME_CERTS
    + r"\s*(?:pls|please|plz|too|also|as\s+well)?\s*(?:[.!,;]|$)"
    # "a cert or 2 would be nice", "certificates sound good", "certs would help"
    r"|\b" + _CERT + r"(?:\s+(?:or|and)\s+(?:2|two|so|more))?\s+(?:would|'d|could|will|sounds?|seem)\s+(?:be\s+)?"
    r"(?:really\s+|very\s+|pretty\s+)?(?:nice|good|great|cool|useful|helpful|help|handy|a\s+plus|welcome)\b"
    r"|\b(?:i'?d|i\s+would|i\s+will|i'll|happy\s+to|keen\s+to|willing\s+to)\s+(?:\w+\s+)?(?:take|do|get|go\s+for)\s+"
    r"(?:the\s+|some\s+|a\s+few\s+|any\s+)?(?:\w+\s+){0,3}?" + _CERT
    # someone paying for them: "company pays for certs", "my employer covers certifications"
    # "I have no certs and would like one"
    + r"|\b" + _CERT + r"[^.!?]{0,40}\b(?:would\s+like|'d\s+like|want|need)\s+(?:one|1|some|them|a\s+few)\b"
    r"|\b(?:employer|company|work|boss|job|manager|team)\s+(?:will\s+|would\s+|can\s+)?(?:pays?|covers?|reimburses?"
    r"|sponsors?|funds?)\s+(?:for\s+)?(?:the\s+|my\s+|any\s+|all\s+)?(?:\w+\s+){0,2}?" + _CERT
)


def read_certificate_wish(num: str) -> bool | None:
    """The certificates wish: True, False, or None when not said (negative phrasings win)."""
    neg = _CERT_NEG.search(num)
    if neg and not re.match(r"\s*(?:yet|so\s+far)\b", num[neg.end() : neg.end() + 10]) and not re.search(
        r"\b(?:have|hold|got|own)\s+(?:no|zero|0)\s+$", num[max(0, neg.start() - 12) : neg.start() + 3]
    ):
        return False  # "no certs yet, but I'd like one" is a wish; "I have no certs" says what is held
    if _CERT_POS.search(num):
        return True
    return None


_CERT_WORD = re.compile(r"\b[a-z]{2,3}-?c?\d{2,3}\b|\b(?:cert|certs|certificate|certificates|certification"
                        r"|certifications|certified|exam|"
                        r"associate|specialty|speciality|practitioner|fundamentals|professional|cka|ckad)\b")
_HELD = re.compile(r"\b(?:i\s+(?:already\s+)?(?:have|hold|got|earned|passed|obtained|completed|cleared|own|did|took)|"
                   r"i've\s+(?:already\s+)?(?:got|earned|passed|obtained|completed|cleared|done|taken)"
                   r"|i'm\s+(?:already\s+)?"
                   r"(?:\w+\s+){0,3}certified|already\s+(?:have|hold|got|passed|certified|earned)|(?:have"
                   r"|hold)\s+(?:the|an?)"
                   r"\s+\w+|passed\s+the|certified\s+since"
                   # the verb alone at a clause start ("passed azure AI fundamentals", "got my CKA last year")
                   r"|(?:^|[,:(]\s*|\band\s+)(?:already\s+)?(?:passed|cleared|completed|earned|obtained|got|hold|have)"
                   r"(?=\s+(?:my|the|an?|both|\w+))|got\s+my|(?:cert(?:ificate|ification)?|credential)\s+holder"
                   r"|holder\s+of|my\s+(?:cert(?:ificate|ification)?s?|credentials?)\s*(?:are|is|:|include)"
                   r"|^\s*(?:cert(?:ificate|ification)?s?|credentials?)\s*(?:held\s*)?:|certified\s*:"
                   r"|^\s*(?:[a-z0-9-]+\s+){1,5}certified\b(?!\s+(?:in|for|by)\b))")
# Words of a certification's name that people leave out when they name it.
_CERT_ISSUER_OPTIONAL = frozenset({"certified", "google", "microsoft", "azure", "aws", "cloud", "team"})
_CERT_LEVELS = frozenset({"associate", "professional", "practitioner", "specialty", "fundamentals", "expert",
                          "developer", "engineer", "administrator", "certificate", "foundational"})
_CERT_STOP = frozenset({"certified", "certification", "certificate", "cert", "the", "and", "of", "for", "in", "on",
                        "microsoft", "cloud", "developer's"})
_TOKEN_MAP = {"machine": "ml", "amazon": "aws", "gcp": "google", "speciality": "specialty", "k8s": "kubernetes",
              "dev": "developer", "eng": "engineer", "llms": "llm", "pro": "professional", "assoc": "associate",
              "fundamental": "fundamentals", "administration": "administrator", "admin": "administrator"}


def _cert_tokens(text: str) -> set[str]:
    """Distinguishing words of a certification name or a sentence (machine learning -> ml)."""
    text = re.sub(r"\bmachine\s+learning\b", "ml", text.lower())
    text = re.sub(r"\bartificial\s+intelligence\b", "ai", text)
    text = re.sub(r"\bgen(?:erative)?[\s-]*ai\b", "genai", text)
    text = re.sub(r"\b([a-z]+)-certified\b", r"\1 certified", text)  # "NVIDIA-Certified Associate"
    words = re.findall(r"[a-z0-9][a-z0-9+-]*", text)
    return {_TOKEN_MAP.get(w, w) for w in words if w not in _CERT_STOP}


def _build_cert_index(catalog: Catalog) -> list[tuple[str, set[str], set[str], set[str]]]:
    """(id, name words, issuer words, exam-code words) per certification."""
    index = []
    for cert in catalog.certifications:
        name = re.sub(r"\(([A-Z0-9-]+)\)", r" \1 ", cert.name)
        # "Google (TensorFlow team)": the words in brackets name a team, not the issuer people say
        issuer = _cert_tokens(re.sub(r"\([^)]*\)", " ", cert.issuer)) | (
            {"azure"} if "microsoft" in cert.issuer.lower() else set())
        codes = _cert_tokens(" ".join(re.findall(r"\(([A-Z0-9-]+)\)", cert.name)))
        index.append((cert.id, _cert_tokens(name) | issuer, issuer, codes))
    return index


_cert_index = PerCatalog(_build_cert_index, keep=16)


def resolve_certification(text: str, catalog: Catalog, held: bool = False) -> str | None:
    """The certification a loose name points to ("AWS ML associate", "the CKA"), or None when unclear.

    When two candidates tie and one replaced the other (AI-900 and AI-901), a certificate already held is the
    older one and a wished-for one the replacement.
    """
    words = _cert_tokens(text)
    scored: list[tuple[tuple[int, int], str]] = []
    for cert_id, tokens, issuer, code_words in _cert_index(catalog):
        shared = words & tokens
        codes = {w for w in shared if any(ch.isdigit() for ch in w) or w == cert_id}
        distinct = shared - issuer - _CERT_LEVELS
        # Without its issuer a name must be said whole ("certified kubernetes administrator": nobody says CNCF).
        whole = bool(distinct) and not (tokens - issuer - code_words - _CERT_ISSUER_OPTIONAL - words)
        if not codes and (len(shared) < 2 or (issuer and not shared & issuer and not whole) or not distinct):
            continue  # "AWS Cloud Practitioner" shares only the issuer and a level with "AWS AI Practitioner"
        if not codes and not shared & _CERT_LEVELS and len(distinct) < 2:
            continue  # "the Google data analytics cert" shares one word with "Google ... Data Engineer", no level
        scored.append(((len(shared) + 2 * len(codes), -len(tokens - words)), cert_id))
    if not scored:
        return None
    best = max(key for key, _ in scored)
    top = [cert_id for key, cert_id in scored if key == best]
    if len(top) == 1:
        return top[0]
    if len(top) == 2:
        by_id = catalog.certification_by_id
        for old, new in (top, top[::-1]):
            if by_id[old].replacement == new:
                return old if held else new
    return None


def held_certificates(facts: Facts, low: str, catalog: Catalog, matcher: Matcher) -> None:
    """Certifications the learner holds ("I already have the AWS ML associate cert"), and loosely named ones."""
    held: list[str] = []
    previous_cert = False
    for sentence in re.split(r"[.!?;\n]|\bbut\b|(?:\band|,)\s+(?:i\s+|i'd\s+|then\s+)?(?=want|would|plan|hope|need|like"
                             r"|next|aiming|going\s+for)", low)[:40]:
        if not _CERT_WORD.search(sentence) and not (previous_cert and re.search(r"\bone\b", sentence)):
            previous_cert = False
            continue
        previous_cert = True
        found = [c for c in facts.certifications if _names_cert(sentence, c, matcher)]
        is_held = bool(_HELD.search(sentence)) and not re.search(
            r"\b(?:want|plan|planning|going\s+to|hope|will|would|aim|should|studying\s+for|preparing)\b", sentence
        )
        # "CKA and the AWS ML engineer associate": each listed name on its own, else the whole clause.
        items = [resolve_certification(part, catalog, held=is_held)
                 for part in re.split(r",|\band\b|&|\+|\bplus\b", sentence)[:12]]
        loose_ids = [c for c in items if c]
        if not loose_ids:
            whole = resolve_certification(sentence, catalog, held=is_held)
            loose_ids = [whole] if whole else []
        for loose in loose_ids:
            if loose not in found:
                found.append(loose)
        if not found:
            continue
        if is_held:
            held += found
        else:
            facts.certifications = unique([*facts.certifications, *found])
    facts.held_certifications = unique(held)
    facts.certifications = [c for c in facts.certifications if c not in facts.held_certifications]


def _names_cert(sentence: str, cert_id: str, matcher: Matcher) -> bool:
    """The sentence names this certification by a catalog phrase."""
    tokens = norm_tokens(sentence)
    for phrase, targets in matcher.phrases.items():
        if Target("cert", cert_id) in targets:
            n = len(phrase)
            if any(tokens[i : i + n] == phrase for i in range(len(tokens) - n + 1)):
                return True
    return False
