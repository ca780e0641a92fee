"""The `complaints` frame: lawsuits, formal complaints and requests to investigate.

Verbs and nouns are data (``complaint_verbs.tsv``, ``complaint_nouns.tsv``,
``complaint_blockers.tsv``): "X sued Y in <court>", "X filed a complaint with the FEC
against Y", "a lawsuit brought by X", "the suit, filed in U.S. District Court, accuses Y of
...", "X filed a Freedom of Information Act lawsuit", "X asked the DOJ to probe whether Y
breached Z", "X filed a complaint with the OCE asking it to investigate Y" (one
complaint), "X called for an inquiry into Y", "a request from X to investigate Y", "the
review was requested by X" (the review the article told of), "X referred the matter to
the FBI", "X argued in court that Y ...", "the plaintiffs included X", "joining X as
plaintiffs were A and B", "a coalition of states led by <State> Attorney General X", "A and
B led the lawsuit", "the suit names Y as a defendant" (and "It named Y", of the suit before),
"filed a bid protest with the GAO", "asked the agency's inspector general to investigate
whether ..." (about the agency).

A complaint with several complainants or respondents becomes one entry per (complainant,
respondent) pair, as the gold guidelines count "A, B and C asked ..." (one entry each). A
lawsuit an article tells in parts ("the plaintiffs included X"; "the lawsuit accused Y")
is joined to the lawsuit told before it, else to the article's only one. A complaint that
leaves a side unnamed is dropped when another of its kind (or, in the lede, of any kind)
names that side. An accusation alone is a claim, not a complaint: "accused" counts only
inside a lawsuit or complaint.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING

from ...gazetteer import read_tsv, titles
from ...model import Complaint, Entity, EntityType
from ...resources import data_path
from .. import FrameContext, Frames, register_frame
from ._util import evidence
from ._view import ACTORS, TokenView

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["extract_complaints"]

_BODIES = frozenset(t for t in EntityType if t.is_organization)
_MAX_ALLEGATION = 160
_PLAINTIFFS = "plaintiffs"
_TARGETS = frozenset({"target", "subject", "focus"})
_OVERSEERS = frozenset({"inspector"})  # an inspector general investigates its own agency
_GROUPS = frozenset(
    {"group", "organization", "coalition", "watchdog", "alliance", "nonprofit"}
)  # a lawsuit known only by its plaintiffs, until joined
_ARTICLES = frozenset({"the", "a", "an"})
_SEPARATE = frozenset({"separate", "second", "new", "another", "other", "different"})
_GROUP_TYPES = frozenset({EntityType.ADVOCACY_GROUP, EntityType.ORGANIZATION})
_PERSONAL = dict.fromkeys(("he", "she"), frozenset({EntityType.PERSON}))
_DASHES = frozenset({"-", "--", "\u2014", "\u2013"})


@dataclass(frozen=True)
class _Verb:
    frame: str
    kind: str | None
    needs: str | None


@dataclass(frozen=True)
class _Noun:
    role: str
    kind: str
    formal: bool
    addressed: bool = False  # counts only addressed to a body: "a bid protest with the GAO"


@dataclass
class _Found:
    """One complaint as one trigger tells it, before its lists are paired."""

    kind: str
    tokens: list[Token]
    confidence: float
    complainants: list[Entity] = field(default_factory=list)
    respondents: list[Entity] = field(default_factory=list)
    addressee: Entity | None = None
    law: Entity | None = None
    allegation: str | None = None
    told: bool = False  # asks for an investigation the article tells of ("its review")


@cache
def _verbs() -> dict[str, tuple[_Verb, ...]]:
    found: dict[str, list[_Verb]] = {}
    for r in read_tsv(data_path("lexicons", "complaint_verbs.tsv")):
        kind, needs = (None if v in {"", "-"} else v for v in (r["kind"], r["needs"]))
        found.setdefault(r["lemma"], []).append(_Verb(r["frame"], kind, needs))
    return {lemma: tuple(specs) for lemma, specs in found.items()}


@cache
def _nouns() -> dict[str, _Noun]:
    rows = read_tsv(data_path("lexicons", "complaint_nouns.tsv"))
    return {
        r["noun"]: _Noun(r["role"], r["kind"], r["formal"] == "always", r["formal"] == "addressed")
        for r in rows
    }


@cache
def _blockers(where: str) -> frozenset[str]:
    rows = read_tsv(data_path("lexicons", "complaint_blockers.tsv"))
    return frozenset(r["word"] for r in rows if r["where"] == where)


def _frame(token: Token, frame: str) -> _Verb | None:
    return next((s for s in _verbs().get(token.lemma_.lower(), ()) if s.frame == frame), None)


def _role(token: Token | None) -> str | None:
    noun = _nouns().get(token.lemma_.lower()) if token is not None else None
    return noun.role if noun is not None else None


def _office(noun: Token) -> bool:
    """True for an office one person holds ("her attorney general", "Roe's governor"), whose
    holder is not a possessor that is a person."""
    words = [c.text for c in noun.lefts if c.dep_ == "compound"] + [noun.text]
    return titles().get(" ".join(words).title(), ("", ""))[1] == "office"


class _Reader:
    """Reads the complaints of one article off its parse."""

    def __init__(self, view: TokenView) -> None:
        self.view = view
        self.datelines = _datelines(view.doc)

    def stopped(self, token: Token) -> bool:
        """True when nothing was filed: "did not sue", "declined to sue", "could sue"; a
        coordinated verb shares its first verb's modal: "would ask X to ... and refer Y"."""
        view, modals = self.view, _blockers("modal")
        return (
            view.negated(token)
            or view.blocked(token, _blockers("governor"), modals)
            or self.modal_above(token)
        )

    def modal_above(self, verb: Token) -> bool:
        """True when a verb shares the modal of a verb it is coordinated with or controlled
        by: "would ask X to hold Y in contempt and refer the matter to Z"."""
        modals = _blockers("modal")
        for _ in range(4):
            if verb.dep_ not in {"conj", "xcomp"} or verb.head.pos_ not in {"VERB", "AUX"}:
                return False
            if verb.dep_ == "conj" and any(c.dep_ in {"aux", "nsubj"} for c in verb.children):
                return False  # "sued and will appeal": a clause of its own
            verb = verb.head
            if any(c.dep_ == "aux" and c.lemma_.lower() in modals for c in verb.children):
                return True
        return False

    def actors(self, token: Token | None) -> list[Entity]:
        """Who a noun phrase names; for "Y's travels", "the use of Y" or "travel by Y", Y; for "a
        coalition led by X", X; for "a council member" whom the next sentence names
        ("Council member Jane Roe"), her; for "the Roe campaign", Jane Roe; for "the attorneys
        general of A and B", A and B."""
        view = self.view
        if token is not None and token.i in self.datelines:
            return []  # "SPRINGFIELD, Ill. (AP) —" is where the story was filed
        if token is not None and token.lower_ in _PERSONAL and token.dep_ == "nsubj":
            token = self.first_subject(token) or token  # "X asked Y to ..., and he sued": X
        found = [e for e in view.entities_of(token, ACTORS) if not self.members(e, token)]
        if token is not None and self.datelines:
            placed = {view.entity(t) for t in token.subtree if t.i in self.datelines}
            found = [e for e in found if e not in placed]
        if token is not None and not found and view.entity(token) is None:
            owner = view.child(token, "poss")
            held = view.resolve(owner)
            if _office(token) and held is not None and held.type is EntityType.PERSON:
                owner = None  # "her attorney general" is not she; "the EPA's inspector general"
            general = next((c for c in token.children if c.dep_ == "amod"), None)
            of = (
                owner
                or view.prep_object(token, "of", "by")
                or view.prep_object(general, "of")  # "the attorneys general of A and B"
            )
            found = view.entities_of(of, ACTORS) or view.led(token) or view.introduced(token)
        elif token is not None and all(e.type is EntityType.POLITICAL_PARTY for e in found):
            found = view.led(token) or found  # "Democrats on the panel, led by Rep. Roe": Roe
            if not found and token.lemma_ in _GROUPS:  # "the EPIC watchdog group"
                named = (view.entity(c) for c in token.children if c.dep_ == "compound")
                found = [e for e in named if e is not None and e.type in _BODIES]
        return list({e.key: e for e in map(view.principal, found)}.values())

    def members(self, entity: Entity, token: Token | None) -> bool:
        """True for a party named only as a count of its members: "Roe and three other
        Democrats" are Roe and some Democrats, not the Democratic Party."""
        if entity.type is not EntityType.POLITICAL_PARTY or token is None:
            return False
        words = (t for t in token.subtree if self.view.entity(t) is entity and t.tag_ == "NNPS")
        return any(
            c.dep_ == "nummod" or c.lower_ in {"other", "several", "some", "many"}
            for t in words
            for c in t.children
        )

    def first_subject(self, pronoun: Token) -> Token | None:
        """The subject of the first of two coordinated clauses, which a subject pronoun of the
        second refers to: "Roe asked the attorney general to investigate, and he sued"."""
        verb = pronoun.head
        if verb.dep_ != "conj" or verb.head.pos_ not in {"VERB", "AUX"}:
            return None
        first = self.view.subject(verb.head)
        wanted = _PERSONAL[pronoun.lower_]
        kind = self.view.entity_type(first)
        return first if kind is not None and kind in wanted else None

    def complainants(self, token: Token | None) -> list[Entity]:
        """Who a complainant phrase names; a group known by a description ("a watchdog
        group", "the watchdog") is the organization named nearest it."""
        if token is not None and token.lower_ in _ARTICLES:  # a parse that split "The attorneys"
            token = next(
                (c for c in token.head.children if c.dep_ == token.dep_ and c.i != token.i),
                token,
            )
        found = self.actors(token)
        if found or token is None or token.lemma_.lower() not in _GROUPS:
            return found
        if self.view.entity(token) is not None or token.tag_ != "NN":
            return found  # "civil rights groups" are several, unnamed
        if token.dep_ not in {"nsubj", "nsubjpass", "pobj"}:
            return found
        group = self.group_near(token)
        return [group] if group is not None else []

    def group_near(self, noun: Token) -> Entity | None:
        """The group a description stands for: for "a watchdog", the first group named in
        the next sentences; for "the group", the last one named before it (else the next)."""
        doc = noun.doc
        start = noun.sent.start
        before = doc[start - 1].sent.start if start > 0 else 0
        before = doc[before - 1].sent.start if before > 0 else 0
        end = noun.sent.end
        for _ in range(3):
            end = doc[end].sent.end if end < len(doc) else end
        indefinite = any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children)
        ahead = range(noun.i + 1, end)
        behind = range(noun.i - 1, before - 1, -1)
        for span in (ahead,) if indefinite else (behind, ahead):
            for i in span:
                entity = self.view.entity(doc[i])
                if entity is not None and entity.type in _GROUP_TYPES and i not in self.datelines:
                    return entity
        return None

    def body(self, token: Token, *preps: str) -> Entity | None:
        """The agency or court after one of some prepositions ("with the FEC")."""
        for word in preps:
            entity = self.view.resolve(self.view.prep_object(token, word))
            if entity is not None and entity.type in _BODIES:
                return entity
        return None

    def alleged(self, found: _Found, phrase: Token | None) -> None:
        """The law a phrase names, or else its words as the allegation."""
        if phrase is None:
            return
        laws = (self.view.entity(t) for t in phrase.subtree)
        found.law = found.law or next(
            (e for e in laws if e is not None and e.type is EntityType.LAW), None
        )
        if found.law is None and found.allegation is None:
            words = phrase.doc[phrase.left_edge.i : phrase.right_edge.i + 1].text.strip(" ,.")
            found.allegation = words[:_MAX_ALLEGATION] or None

    def investigated(self, found: _Found, inv: Token) -> None:
        """Respondent and law from what an investigation verb or noun is about."""
        view = self.view
        clause = next(
            (
                c
                for c in inv.children
                if c.dep_ in {"ccomp", "advcl"}
                and any(m.lower_ in {"whether", "if"} for m in c.children)
            ),
            None,
        )
        if clause is not None:  # "probe whether he breached the Hatch Act"
            found.respondents = self.actors(view.subject(clause))
            self.alleged(found, clause)
            return
        target = view.child(inv, "dobj") or view.prep_object(inv, "into", "of", "about", "at")
        if target is None and inv.pos_ == "NOUN":  # "the review", "its review": told before
            earlier = self.earlier(inv)
            target = earlier and view.prep_object(earlier, "into", "of", "about")
            owner = view.child(inv, "poss") or (earlier and view.child(earlier, "poss"))
            opener = earlier and earlier.dep_ == "dobj" and view.subject(earlier.head)
            for who in (owner, opener or None):
                bodies = [e for e in self.actors(who) if e.type in _BODIES]
                found.addressee = found.addressee or next(iter(bodies), None)
        found.respondents = self.actors(target)
        done = view.child(target, "relcl") if target is not None else None
        if not found.respondents and done is not None:  # "the way Y used the dossier"
            found.respondents = self.actors(view.subject(done))
        if view.entity(target) is None:  # "Y's travels": the travels are the allegation
            self.alleged(found, target)
        found.tokens.append(inv)

    def earlier(self, noun: Token) -> Token | None:
        """The investigation a definite "the review" or "its probe" refers back to: the
        nearest earlier one of that word, or else of any investigation word."""
        if not any(c.dep_ in {"det", "poss"} and c.lower_ != "a" for c in noun.children):
            return None
        view = self.view
        before = [
            t
            for t in noun.doc[: noun.i]
            if _role(t) == "investigation" and view.prep_object(t, "into", "of", "about")
        ]
        same = [t for t in before if t.lemma_ == noun.lemma_]
        return (same or before)[-1] if before else None

    def against(self, root: Token) -> Token | None:
        """The object of "against" anywhere in a clause, wherever the parser hung it:
        "filed a complaint with the FEC against Y", "a lawsuit by X against Y"."""
        near = self.view.clause(root)
        near.update(
            i
            for c in root.subtree
            if c.dep_ == "acl" and _frame(c, "file")
            for i in self.view.clause(c)
        )  # "a suit brought by X against Y"
        doc = root.doc
        preps = (doc[i] for i in sorted(near) if doc[i].lower_ == "against")
        return next((o for p in preps if (o := self.view.child(p, "pobj")) is not None), None)

    def investigates(self, verb: Token) -> bool:
        """True for "investigate", "look into", "look at"."""
        return any(
            s.frame == "investigate"
            and (s.needs is None or self.view.prep_object(verb, s.needs) is not None)
            for s in _verbs().get(verb.lemma_.lower(), ())
        )

    def sue(self, verb: Token, spec: _Verb) -> _Found | None:
        """A suing verb: "X sued Y over Z", "Y was sued by X", "X challenged Y in court"."""
        view = self.view
        subject, obj = view.subject(verb), view.child(verb, "dobj")
        if view.passive(verb):
            subject, obj = view.prep_object(verb, "by"), view.child(verb, "nsubjpass")
        found = _Found(
            spec.kind or "lawsuit",
            [verb],
            0.9,
            self.complainants(subject),
            self.actors(obj or view.prep_object(verb, "against", "about")),
        )
        found.addressee = self.body(verb, "in", "before", "with", "to")
        court = view.prep_object(verb, "in")
        if (spec.needs == "body" and found.addressee is None) or (
            spec.needs == "court"
            and (found.addressee is None and (court is None or court.lemma_.lower() != "court"))
        ):
            return None
        for word in ("over", "for", "under"):
            self.alleged(found, view.prep_object(verb, word))
        return found

    def ask(self, verb: Token, spec: _Verb) -> _Found | None:
        """A request to investigate, by verb: "X asked Y to probe Z", "X called on Y to
        investigate Z", "X called for an inquiry into Z", "X wants an examination of Z"."""
        view = self.view
        if view.passive(verb):  # "the review was requested by X"
            inv = view.child(verb, "nsubjpass")
            if _role(inv) != "investigation" or inv is None:
                return None
            asker = self.actors(view.prep_object(verb, "by"))
            found = _Found("investigation_request", [verb], 0.85, asker, told=True)
            self.investigated(found, inv)
            return found
        asked = view.child(verb, "dobj") or view.prep_object(verb, "on")
        if asked is not None and _court(view, asked):
            return self.enjoined(verb, asked)
        found = _Found("investigation_request", [verb], 0.85, self.complainants(view.subject(verb)))
        inv = next(
            (
                self.opened(c) or c
                for t in (verb, asked)
                if t is not None
                for c in t.children
                if _infinitive(c) and (self.investigates(c) or self.opened(c))
            ),
            None,
        )
        if inv is not None:
            addressee = view.resolve(asked)
            if asked is not None and asked.lower_ in {"it", "them"} and verb.dep_ == "advcl":
                addressee = self.body(verb.head, "to", "with")  # "wrote to X asking it to"
            found.addressee = addressee if addressee and addressee.type in _BODIES else None
        else:
            inv = view.prep_object(verb, "for")
            if inv is None and spec.needs != "for":
                inv = view.child(verb, "dobj")  # never "called the probe a hoax"
            if inv is None or _role(inv) != "investigation":
                return None
            found.addressee = self.body(inv, "by") or self.body(verb, "from", "to")
        self.investigated(found, inv)
        if asked is not None and not [r for r in found.respondents if r != found.addressee]:
            found.respondents = self.overseen(asked)
        return found

    def enjoined(self, verb: Token, court: Token) -> _Found | None:
        """A lawsuit made by asking a court for an order: "X asked a state court to block Y
        from releasing records", "X asked the court to quash the demand, arguing that Y had
        no authority" (the order's object, else whom the argument is about)."""
        view = self.view
        order = next(
            (
                c
                for c in (*verb.children, *court.children)
                if _infinitive(c) and _frame(c, "enjoin")
            ),
            None,
        )
        if order is None:
            return None
        found = _Found("lawsuit", [verb], 0.8, self.complainants(view.subject(verb)))
        court_entity = view.resolve(court)
        found.addressee = court_entity if court_entity and court_entity.type in _BODIES else None
        found.respondents = self.actors(view.child(order, "dobj"))
        for clause in (*verb.children, *order.children):
            if clause.dep_ in {"advcl", "conj"} and _frame(clause, "allege"):
                self.alleges(found, clause)  # "..., alleging that the transfer broke Z"
        return found if found.respondents else None  # never joined to another lawsuit

    def overseen(self, asked: Token) -> list[Entity]:
        """The agency an inspector general asked to investigate oversees: "asked the
        agency's inspector general to investigate whether the contracts were legal" asks
        about the agency."""
        words = {t.lower_ for t in asked.subtree}
        owner = self.view.child(asked, "poss") or self.view.child(asked, "compound")
        if not words & _OVERSEERS or owner is None:
            return []
        return [e for e in self.actors(owner) if e.type in _BODIES]

    def opened(self, verb: Token) -> Token | None:
        """The investigation a verb opens: "to open an investigation into Y"."""
        noun = self.view.child(verb, "dobj")
        return noun if _role(noun) == "investigation" else None

    def refer(self, verb: Token, spec: _Verb) -> _Found | None:
        """A referral, which asks a body to investigate: "X referred the matter to the
        Justice Department", "X referred Y to the House Ethics Committee"."""
        view = self.view
        addressee, obj = self.body(verb, "to"), view.child(verb, "dobj")
        if addressee is None or obj is None:
            return None
        referred = self.actors(obj) if view.entity(obj) else []
        if not referred and _role(obj) != "matter":
            return None  # "referred questions to the agency"
        found = _Found("investigation_request", [verb], 0.8, self.complainants(view.subject(verb)))
        found.addressee, found.told = addressee, True
        target = view.prep_object(obj, "of", "against", "involving", "about", "into")
        found.respondents = referred or self.actors(target)
        return found

    def complaint_of(self, verb: Token) -> Token | None:
        """The complaint noun a filing verb files ("filed a complaint"), or the verb it
        governs ("threatened to file a complaint"), if any."""
        for v in (verb, self.view.child(verb, "xcomp")):
            noun = self.view.child(v, "dobj") if v is not None else None
            if (
                v is not None
                and _frame(v, "file")
                and noun is not None
                and _role(noun) == "complaint"
            ):
                return noun
        return None

    def in_court(self, verb: Token, spec: _Verb) -> _Found | None:
        """A lawsuit of X against Y: "X argued in court that Y's policy violated Z"."""
        court = self.view.prep_object(verb, "in", "before")
        entity = self.view.entity(court)
        if court is None or (
            court.lemma_.lower() != "court"
            and (entity is None or entity.type is not EntityType.COURT)
        ):
            return None
        found = _Found("lawsuit", [verb], 0.7, self.actors(self.view.subject(verb)))
        found.addressee = entity
        self.alleges(found, verb)
        return found

    def alleges(self, found: _Found, verb: Token) -> None:
        """Respondent and law of "accused Y of violating Z", "argued that Y's rule broke Z"."""
        view = self.view
        obj, clause = view.child(verb, "dobj"), view.child(verb, "ccomp")
        if self.actors(obj):
            found.respondents = found.respondents or self.actors(obj)
            self.alleged(found, view.prep_object(verb, "of") or view.prep_object(obj, "of"))
        elif clause is not None:
            found.respondents = found.respondents or self.actors(view.subject(clause))
            self.alleged(found, clause)
        found.tokens.append(verb)

    def participles(self, verb: Token) -> list[Token]:
        """The clauses that say what a filing verb's complaint alleges, wherever the parser
        hung them: "filed a complaint, alleging ...", "filed a complaint with the FEC accusing
        Y of ..." (on "FEC")."""
        found = [c for c in verb.children if c.dep_ in {"advcl", "xcomp"}]
        objects = [self.view.child(p, "pobj") for p in verb.children if p.dep_ == "prep"]
        objects.append(self.view.child(verb, "dobj"))
        return found + [
            c
            for o in objects
            if o is not None
            for c in o.children
            if c.dep_ == "acl" and c.tag_ == "VBG" and _frame(c, "allege")
        ]

    def complaint(self, noun: Token, spec: _Noun) -> _Found | None:
        """A lawsuit or complaint noun, with whoever its phrase and its verb name."""
        view = self.view
        head = noun.head
        governed = noun.dep_ in {"dobj", "nsubjpass"} and head.pos_ == "VERB"
        if (
            view.modified_by(noun, _blockers("modifier"))
            or view.negated(noun)
            or _counted(noun)
            or (governed and (self.stopped(head) or head.lemma_.lower() in _blockers("governor")))
        ):
            return None
        filed = governed and _frame(head, "file") is not None
        laws = (view.entity(c) for c in noun.children if c.dep_ == "compound")
        found_law = next((e for e in laws if e is not None and e.type is EntityType.LAW), None)
        found = _Found(
            spec.kind,
            [noun],
            0.8,
            self.actors(view.child(noun, "poss") or view.prep_object(noun, "by", "from")),
            law=found_law,  # "a Freedom of Information Act lawsuit"
        )
        court = None
        for clause in (c for c in noun.children if c.dep_ in {"acl", "relcl"}):
            if _frame(clause, "file"):  # "a suit brought by X", "the suit, filed in <court>"
                found.complainants = found.complainants or self.actors(
                    view.prep_object(clause, "by")
                )
                court = court or self.body(clause, "in", "with", "before", "to")
            if _frame(clause, "allege"):  # "a lawsuit that accused Y of ..."
                self.alleges(found, clause)
        for clause in self.participles(head) if filed else ():
            if _frame(clause, "allege"):  # "filed a complaint alleging that Y ..."
                self.alleges(found, clause)
            asked = self.ask(clause, _Verb("ask", None, None)) if _frame(clause, "ask") else None
            if asked is not None:  # "filed a complaint with X, asking it to investigate Y"
                found.respondents = found.respondents or asked.respondents
                found.law, found.allegation = found.law or asked.law, asked.allegation
        if filed and not found.complainants:
            found.complainants = self.complainants(
                view.prep_object(head, "by") if view.passive(head) else view.subject(head)
            )
        if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_ in _TARGETS:
            target = view.described(head.head)  # "Y is the target of a lawsuit"
            found.respondents = self.actors(target) if target is not None else []
        alleging = noun.dep_ == "nsubj" and _frame(head, "allege") is not None
        if alleging:  # "the suit accuses Y", "the suit names Y as defendants"
            self.alleges(found, head)
        misread = None if alleging else _misread_verb(noun)
        if misread is not None:  # "X's complaint names Y, ..." parsed as a noun phrase
            alleging = True
            found.complainants = found.complainants or self.actors(view.child(misread, "poss"))
            found.respondents = self.named_after(misread)
        if noun.dep_ == "pobj" and head.lower_ == "in" and _frame(head.head, "allege"):
            found.complainants = found.complainants or self.actors(view.subject(head.head))
            self.alleges(found, head.head)  # "X alleged in a complaint that Y ..."
        holders = (noun, head) if governed else (noun,)
        against = next((t for h in holders if (t := view.prep_object(h, "against"))), None)
        against = against or self.against(head if governed else noun)
        found.respondents = found.respondents or self.actors(
            against or view.prep_object(noun, "about", "over")
        )
        found.addressee = next(
            (b for h in holders if (b := self.body(h, "with", "to", "in", "before"))), court
        )
        received = governed and _frame(head, "receive") is not None
        if governed and (received or _frame(head, "decide")):  # "the court dismissed it"
            bodies = [e for e in self.actors(view.subject(head)) if e.type in _BODIES]
            found.addressee = found.addressee or next(iter(bodies), None)
        if not (spec.formal or filed or received or alleging or found.addressee or against):
            return None  # "a complaint about the media" is no formal complaint
        if spec.addressed and found.addressee is None:
            return None  # "led the protest against the agency": in the street
        self.alleged(found, view.prep_object(noun, "over", "about"))
        return found

    def named_after(self, verb: Token) -> list[Entity]:
        """Whom a misread "names" or "accuses" names: the actors after it, up to "as" ("...
        as defendants"), "of" and a gerund ("accuses Y of violating ...") or the sentence's
        end."""
        found: dict[str, Entity] = {}
        for t in verb.doc[verb.i + 1 : verb.sent.end]:
            after = t.nbor() if t.i + 1 < len(t.doc) else t
            if t.lower_ == "as" or (t.lower_ == "of" and after.tag_ == "VBG"):
                break
            entity = self.view.entity(t)
            if entity is not None and entity.type in ACTORS and t.i not in self.datelines:
                found.setdefault(entity.key, self.view.principal(entity))
        return list(found.values())

    def request(self, noun: Token) -> _Found | None:
        """An investigation request: "a request from X to investigate Y", "agreed to probe Y
        at the request of X"."""
        view = self.view
        found = _Found(
            "investigation_request",
            [noun],
            0.8,
            self.actors(view.child(noun, "poss") or view.prep_object(noun, "from", "by", "of")),
        )
        inv = next(
            (c for c in noun.children if c.dep_ in {"acl", "relcl"} and self.investigates(c)), None
        )
        asker = (
            noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ in {"at", "upon"} else None
        )
        if inv is None and asker is not None:
            inv = next((t for t in (asker, *asker.children) if self.investigates(t)), None)
        if inv is None and _role(target := view.prep_object(noun, "for")) == "investigation":
            inv = target  # "a request for an inquiry into Y"
        if inv is None:
            return None
        self.investigated(found, inv)
        granter = noun.head if noun.dep_ == "dobj" else asker  # "the GAO accepted a request"
        body = view.resolve(view.subject(granter)) if granter is not None else None
        found.addressee = (
            body if body is not None and body.type in _BODIES else self.body(noun, "to")
        )
        return found

    def plaintiffs(self, noun: Token) -> _Found | None:
        """Who brought a lawsuit: "the plaintiffs included X", "X, one of the plaintiffs"."""
        view = self.view
        named = view.described(noun)
        if named is None and noun.dep_ == "nsubj" and noun.head.lemma_ in {"include", "be"}:
            named = view.child(noun.head, "dobj") or view.child(noun.head, "attr")
        one = noun.head.head if noun.dep_ == "pobj" else noun
        if named is None and one.lower_ == "one" and one.dep_ == "appos":
            named = one.head
        actors = self.actors(named)
        return _Found(_PLAINTIFFS, [noun], 0.7, actors) if actors else None

    def told_again(self, verb: Token) -> _Found | None:
        """A complaint a pronoun refers back to, with what it alleges: "The lawsuit was
        brought by X. It named Y as a defendant", "It also accuses Z of ..."."""
        subject = self.view.child(verb, "nsubj")
        if subject is None or subject.lower_ != "it" or not _frame(verb, "allege"):
            return None
        start = verb.doc[verb.sent.start - 1].sent.start if verb.sent.start > 0 else 0
        nouns = [t for t in verb.doc[start : subject.i] if _role(t) == "complaint"]
        spec = _nouns().get(nouns[-1].lemma_.lower()) if nouns else None
        found = self.complaint(nouns[-1], spec) if nouns and spec else None
        if found is None:
            return None
        found.respondents, found.law, found.allegation = [], None, None
        self.alleges(found, verb)
        return found if found.respondents else None

    def read(self, token: Token) -> _Found | None:
        """The complaint a token starts, if it starts one."""
        if token.pos_ == "VERB":
            readers = {
                "sue": self.sue,
                "ask": self.ask,
                "allege": self.in_court,
                "refer": self.refer,
            }
            if token.dep_ in {"advcl", "acl", "xcomp"} and self.complaint_of(token.head):
                return None  # "filed a complaint with X asking it to investigate": one complaint
            told = self.told_again(token)
            if told is not None:
                return told
            for spec in _verbs().get(token.lemma_.lower(), ()):
                reading = readers.get(spec.frame)
                found = reading(token, spec) if reading is not None else None
                if found is not None:
                    return None if self.stopped(token) else found
            return None
        noun = _nouns().get(token.lemma_.lower()) if token.pos_ in {"NOUN", "PROPN"} else None
        if noun is None or noun.role == "complaint":
            return self.complaint(token, noun) if noun else None
        if noun.role == "request":
            return self.request(token)
        return self.plaintiffs(token) if noun.role == "complainant" else None


def _counted(noun: Token) -> bool:
    """True for complaints counted as a kind, none in particular: "the latest in a string of
    lawsuits by Democratic attorneys general against the agency"; not when someone files
    them ("X filed a string of lawsuits against Y")."""
    head = noun.head
    series = head.head
    return (
        noun.tag_ in {"NNS", "NNPS"}
        and noun.dep_ == "pobj"
        and head.lower_ == "of"
        and series.lemma_.lower() in _blockers("series")
        and not (series.dep_ == "dobj" and _frame(series.head, "file"))
    )


def _court(view: TokenView, token: Token) -> bool:
    """True for "a state court", "the court" or a named court."""
    entity = view.entity(token)
    return token.lemma_.lower() == "court" or (
        entity is not None and entity.type is EntityType.COURT
    )


def _infinitive(clause: Token) -> bool:
    """True for what a request asks for: "asked X to probe Y", "called on X to probe Y"; and
    "asked X on Tuesday to probe Y", which the parser may hang as an adverbial clause."""
    if clause.dep_ in {"xcomp", "ccomp", "acl"}:
        return True
    return clause.dep_ == "advcl" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in clause.children
    )


def _misread_verb(noun: Token) -> Token | None:
    """The verb after a complaint noun that the parser took for a noun, leaving the sentence
    without a verb: "Roe's lawsuit, filed in <court>, names Y and Z" (with "names" a
    modifier and "lawsuit" the root)."""
    sent = noun.sent
    if sent.root.pos_ in {"VERB", "AUX"}:
        return None
    for t in noun.doc[noun.i + 1 : sent.end]:
        if t.pos_ in {"VERB", "AUX"} and t.i not in {c.i for c in noun.subtree}:
            return None
        lemma = t.lower_[:-1] if t.lower_.endswith("s") else ""
        if t.pos_ in {"NOUN", "PROPN"} and any(
            s.frame == "allege" for s in _verbs().get(lemma, ())
        ):
            return t
    return None


def _datelines(doc: Doc) -> frozenset[int]:
    """The tokens of each dateline ("SPRINGFIELD, Ill. (AP) —"): from the start of its line
    to the dash after the agency in brackets."""
    found: set[int] = set()
    for t in doc:
        i = t.i
        if t.text != "(" or i + 3 >= len(doc) or doc[i + 2].text != ")":
            continue
        if doc[i + 3].text not in _DASHES:
            continue
        start = i
        while start > 0 and i - start < 8 and "\n" not in doc[start - 1].text_with_ws:
            start -= 1
        if start == 0 or "\n" in doc[start - 1].text_with_ws:
            found.update(range(start, i + 4))
    return frozenset(found)


def _continues(f: _Found) -> bool:
    """True when a lawsuit or complaint is told as one already told: "the suit", "It named
    Y", "X's lawsuit", "the plaintiffs"; never "a separate complaint"."""
    if f.kind == _PLAINTIFFS:
        return True
    noun = f.tokens[0]
    if noun.pos_ not in {"NOUN", "PROPN"} or noun.tag_ in {"NNS", "NNPS"}:
        return False
    if any(c.lower_ in _SEPARATE for c in noun.children):
        return False
    return any(
        (c.dep_ == "det" and c.lower_ in {"the", "this", "that"}) or c.dep_ == "poss"
        for c in noun.children
    )


def _told(found: list[_Found]) -> list[_Found]:
    """Join the parts of each lawsuit or complaint an article tells in several sentences:
    "The coalition sued the agency. ... Oregon joined the suit. It names the secretary as a
    defendant" is one lawsuit by Oregon against the agency and the secretary. A part told as
    one already told joins the last of its kind, unless both sides it names are new."""
    whole: list[_Found] = []
    last: dict[str, _Found] = {}
    for f in found:
        kind = "lawsuit" if f.kind == _PLAINTIFFS else f.kind
        before = last.get(kind) if kind != "investigation_request" else None
        keys = {e.key for e in (*f.complainants, *f.respondents)}
        told = before is not None and {e.key for e in (*before.complainants, *before.respondents)}
        if (
            before is None
            or not _continues(f)
            or (f.complainants and f.respondents and told and not keys & told)
        ):
            f = replace(f, tokens=list(f.tokens), complainants=list(f.complainants))
            f.respondents = list(f.respondents)
            whole.append(f)
            last[f.kind if f.kind != _PLAINTIFFS else "lawsuit"] = f
            continue
        before.tokens.extend(f.tokens)
        before.complainants.extend(e for e in f.complainants if e not in before.complainants)
        before.respondents.extend(e for e in f.respondents if e not in before.respondents)
        before.addressee = before.addressee or f.addressee
        before.law = before.law or f.law
        before.allegation = before.allegation or f.allegation
        if before.kind == _PLAINTIFFS:
            before.kind = "lawsuit" if kind == "lawsuit" else before.kind
    return whole


def _completed(found: list[_Found]) -> list[_Found]:
    """Join a lawsuit told in parts ("the plaintiffs included X") to the lawsuit told before
    it, else to the article's only one; drop plaintiffs that join nothing and investigation
    requests that name neither their target nor whom they were addressed to."""
    found = _told(found)
    sued = [f for f in found if f.kind == "lawsuit" and f.respondents]
    only = sued[0] if len(sued) == 1 else None
    kept = []
    for f in found:
        if f.kind in {"lawsuit", _PLAINTIFFS} and not f.respondents:
            start = min(t.i for t in f.tokens)
            before = [w for w in sued if min(t.i for t in w.tokens) < start]
            whole = before[-1] if before else only
            if whole is not None:
                f = _Found(
                    "lawsuit",
                    f.tokens + whole.tokens,
                    f.confidence * 0.8,
                    f.complainants,
                    whole.respondents,
                    f.addressee or whole.addressee,
                    whole.law,
                    whole.allegation,
                )
        unnamed = not f.respondents and not (f.complainants and (f.addressee or f.told))
        if f.kind != _PLAINTIFFS and not (f.kind == "investigation_request" and unnamed):
            kept.append(f)
    return kept


def _join(old: Complaint | None, new: Complaint) -> Complaint:
    """Two readings of one complaint as one, keeping what either names."""
    if old is None:
        return new
    law = old.law or new.law
    return replace(
        old,
        evidence=tuple(dict.fromkeys(old.evidence + new.evidence)),
        confidence=max(old.confidence, new.confidence),
        addressee=old.addressee or new.addressee,
        law=law,
        allegation=None if law else old.allegation or new.allegation,
    )


def _pairs(found: list[_Found]) -> list[Complaint]:
    """One complaint per (kind, complainant, respondent), each side of a list paired."""
    merged: dict[tuple[str, str | None, str | None], Complaint] = {}
    lede: set[tuple[str, str | None, str | None]] = set()  # told in the first two sentences
    lede_end = _lede_end(found[0].tokens[0].doc) if found else 0
    for f in _completed(found):
        by_sentence: dict[int, list[Token]] = {}
        for token in f.tokens:
            by_sentence.setdefault(token.sent.start, []).append(token)
        spans = tuple(s for tokens in by_sentence.values() for s in evidence(tokens))
        sides: tuple[list[Entity | None], list[Entity | None]] = (
            [*f.complainants] or [None],
            [*f.respondents] or [None],
        )
        for c in sides[0]:
            for r in sides[1]:
                if c is r or (c is not None and r is not None and c.key == r.key):
                    continue
                key = (f.kind, c.key if c else None, r.key if r else None)
                if all(t.i < lede_end for t in f.tokens):
                    lede.add(key)
                merged[key] = _join(
                    merged.get(key),
                    Complaint(
                        f.kind,
                        spans,
                        round(f.confidence, 2),
                        key[1],
                        key[2],
                        f.addressee.key if f.addressee else None,
                        f.law.key if f.law else None,
                        None if f.law else f.allegation,
                    ),
                )
    # A complaint missing a side that another of its kind names is that complaint; so is a
    # lede's of any kind: "two watchdog groups asked investigators to examine Y" is told
    # again below with the groups' names and what each filed.
    full = [(k, c, r) for k, c, r in merged if c and r]
    return [
        m
        for (k, c, r), m in merged.items()
        if (c and r)
        or not any(
            (fk == k or (k, c, r) in lede) and c in {None, fc} and r in {None, fr}
            for fk, fc, fr in full
        )
    ]


def _lede_end(doc: Doc) -> int:
    """The index of the first token after an article's first two sentences (its headline
    and lede, or its lede)."""
    starts = [s.start for _, s in zip(range(3), doc.sents, strict=False)]
    return starts[2] if len(starts) > 2 else len(doc)


@register_frame("complaints")
def extract_complaints(ctx: FrameContext, out: Frames) -> None:
    """Find lawsuits, formal complaints and requests to investigate.

    Args:
        ctx: the article, its parse and its entities.
        out: the facts found so far; complaints are appended to ``out.complaints``.
    """
    verbs, nouns = _verbs(), _nouns()
    reader = _Reader(TokenView.of(ctx))
    found = []
    for token in ctx.doc:
        lemma = token.lemma_.lower()
        if lemma in verbs or lemma in nouns:
            item = reader.read(token)
            if item is not None and (item.complainants or item.respondents):
                found.append(item)
    out.complaints.extend(_pairs(found))
