"""The `stances` frame extractor: what each named actor did about a request.

A request is a noun ("the chairman's request", "a subpoena from the committee") or a verb
("asked states to turn over voter data") from ``stance_requests.tsv``. A stance is a
word from ``stance_verbs.tsv`` ("would not comply", "declined to provide the records",
"still studying the request") whose subject names an actor; ``stance_markers.tsv`` says
what counts as requested material, a partial answer, or a group noun standing for its
State or body ("Maryland election officials"). Each stance points at the request it
names, else its sentence's, else the latest before it; one actor's mixed answers to one
request make a partial compliance.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ...gazetteer import read_tsv
from ...model import EntityType, Request, ResponseStatus, Stance
from ...resources import data_path
from .. import FrameContext, Frames, register_frame
from ._actors import ActorResolver, negated, pobjs, subject_of
from ._util import evidence

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...model import Entity

__all__ = ["extract_stances"]

_NOT_ACTORS = {EntityType.NEWS_OUTLET, EntityType.POLITICAL_PARTY, EntityType.ELECTION}
_ACTORS = frozenset(EntityType) - _NOT_ACTORS - {EntityType.LAW}
_GIVING = frozenset({ResponseStatus.COMPLIED, ResponseStatus.PARTIALLY_COMPLIED})
_SPEAKERS = frozenset({"it", "they", "he", "she", "we"})
_ONGOING_TAGS = frozenset({"VBG", "VB", "VBZ", "VBP"})
_OBJECT_PREPS = frozenset({"with", "to", "for", "of"})
_COMPLEMENTS = frozenset(
    {"dobj", "dative", "prep", "xcomp", "ccomp", "advcl", "attr", "acomp", "oprd", "conj"}
)
_ASIDES = frozenset({"on", "in", "at", "after", "before", "during", "since"})
_Status = tuple[ResponseStatus, "Token", float]  # status, the word carrying it, confidence


@dataclass(frozen=True)
class _Lexicon:
    verbs: dict[str, tuple[tuple[str, str, float], ...]]  # lemma -> (particle, kind, sure)...
    requests: dict[tuple[str, str], tuple[str, bool]]  # (lemma, POS) -> (label, strong)
    marks: dict[str, frozenset[str]]  # mark -> words

    def entry(self, verb: Token) -> tuple[str, str, float] | None:
        """A stance word's reading: the one whose particle it has ("turn down"), else the
        one without a particle."""
        particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
        rows = self.verbs.get(verb.lemma_.lower(), ())
        return next((r for r in rows if r[0] in particles), None) or next(
            (r for r in rows if not r[0]), None
        )

    def has(self, mark: str, token: Token) -> bool:
        # The lemmatizer turns "data" into "datum": look at the word as written too.
        words = self.marks.get(mark, frozenset())
        return token.lower_ in words or token.lemma_.lower() in words


@cache
def _lexicon() -> _Lexicon:
    folder = data_path("lexicons")
    verbs: dict[str, list[tuple[str, str, float]]] = defaultdict(list)
    for r in read_tsv(folder / "stance_verbs.tsv"):
        verbs[r["lemma"]].append((r["particle"], r["kind"], float(r["confidence"])))
    requests = {
        (r["word"], r["pos"]): (r["label"], r["strength"] == "strong")
        for r in read_tsv(folder / "stance_requests.tsv")
    }
    marks: dict[str, set[str]] = defaultdict(set)
    for row in read_tsv(folder / "stance_markers.tsv"):
        marks[row["marks"]].add(row["word"])
    frozen = {k: tuple(v) for k, v in verbs.items()}
    return _Lexicon(frozen, requests, {k: frozenset(v) for k, v in marks.items()})


@dataclass
class _Mention:
    """One place the article names a request, before mentions are grouped into requests."""

    token: Token
    label: str
    agent: Entity | None
    strong: bool
    key: str = ""
    act: str = ""  # the deed asked for, when it is one ("asked Roe to concede": concede)
    asked: tuple[Entity, ...] = ()  # the actors asked to do it
    whom: str = ""  # the key of the one the deed is done to ("endorse Roe"), if named


@dataclass(frozen=True)
class _Found:
    actor: Entity
    status: ResponseStatus
    verb: Token
    leaf: Token
    confidence: float
    answers: _Mention | None = None  # the request it answers, when the deed says which


def _objects(verb: Token) -> list[Token]:
    """Objects, passive subjects and prepositional objects ("comply with the order")."""
    found = [c for c in verb.children if c.dep_ in {"dobj", "dative", "nsubjpass"}]
    return found + list(pobjs(verb, _OBJECT_PREPS))


def _bare(verb: Token) -> bool:
    """Whether a verb stands alone, its answer the request in context ("have refused"),
    maybe with a time or a participle aside ("declined on Monday, saying ...")."""
    return not any(
        c.dep_ in _COMPLEMENTS
        and not (c.dep_ == "advcl" and c.tag_ == "VBG")
        and not (c.dep_ == "prep" and c.lower_ in _ASIDES)
        for c in verb.children
    )


def _conditional(verb: Token) -> bool:
    """Whether a verb heads an "if" or "unless" clause."""
    return verb.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in verb.children
    )


def _speaker(verb: Token) -> Token | None:
    """The subject of the verb whose reported clause holds this one ("Ohio said it ...")."""
    for _ in range(4):
        if verb.dep_ == "ccomp":
            return subject_of(verb.head)
        if verb.dep_ not in {"conj", "xcomp"}:
            return None
        verb = verb.head
    return None


def _open_question(clause: Token) -> bool:
    """Whether a clause asks an open question ("whether it will comply")."""
    return clause.dep_ == "ccomp" and any(
        c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in clause.children
    )


def _phrase(token: Token) -> str:
    return " ".join([*(c.lower_ for c in token.lefts if c.dep_ == "compound"), token.lower_])


class _Stances:
    def __init__(self, ctx: FrameContext) -> None:
        self.lex = _lexicon()
        self.actors = ActorResolver.of(ctx)
        self.mentions: dict[int, _Mention] = {}

    def material(self, token: Token) -> Token | None:
        """The requested material a noun phrase names ("some of the voter data" -> data)."""
        if self.lex.has("material", token):
            return token
        found = next((p for p in pobjs(token, {"of"}) if self.lex.has("material", p)), None)
        # "ballot images and voter rolls": any item of a list
        return found or next(
            (c for c in token.children if c.dep_ == "conj" and self.lex.has("material", c)), None
        )

    def request_at(self, token: Token) -> None:
        """Note a request named by this word, if it names one."""
        entry = self.lex.requests.get((token.lemma_.lower(), token.pos_))
        if entry is None or token.i in self.mentions:
            return
        doc, (label, strong) = token.doc, entry
        if token.pos_ == "NOUN":
            around = doc[max(token.i - 1, 0) : token.i + 2]
            if [t.lower_ for t in around] == ["in", token.lower_, "to"]:
                return  # "in order to"
            near = [c for c in token.children if c.dep_ == "compound"]
            near += pobjs(token, {"for"})
            if any(self.lex.has("exclude", t) for t in near):
                return  # "a request for comment", "an injunction request"
            what = next((t for t in near if self.material(t)), None)
            owners = [c for c in token.children if c.dep_ in {"poss", "compound"}]
            if token.dep_ == "dobj" and self.lex.has("issue", token.head):  # "X sent a letter"
                owners += [s for s in [subject_of(token.head)] if s is not None]
            agent = next(
                (a for t in [*owners, *pobjs(token, {"from", "by"})] if (a := self._first(t))), None
            )
        else:
            leaf = next((c for c in token.children if c.dep_ in {"xcomp", "ccomp"}), token)
            what = next((o for o in _objects(leaf) if self.material(o)), None)
            subject = subject_of(token)
            agent = self._first(subject) if subject is not None else None
            if what is None:
                # "asked the agency to investigate" is no request to hand anything over;
                # "called on Roe to concede" asks a deed Roe can do or refuse
                self._deed_request(token, label, agent)
                return
        text = f"{_phrase(what)} {label}" if what is not None else label
        asked = self._whom(token) if token.pos_ == "VERB" else ()
        self.mentions[token.i] = _Mention(token, text, agent, strong, asked=asked)

    def _whom(self, verb: Token) -> tuple[Entity, ...]:
        """The actors a request verb asks ("asked Ohio and Utah", "called on Roe")."""
        whom = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
        whom += pobjs(verb, {"on"})
        return tuple({e.key: e for w in whom for e in self.actors.resolve(w)[0]}.values())

    def _deed_request(self, token: Token, label: str, agent: Entity | None) -> None:
        """Note "asked Roe to concede" (a deed of ``stance_markers.tsv``) with who was asked."""
        deeds = self.lex.marks.get("deed", frozenset())
        leaf = next(
            (
                c
                for c in token.children
                if c.dep_ in {"xcomp", "ccomp", "advcl"}
                and c.lemma_.lower() in deeds
                and any(a.lower_ == "to" for a in c.children if a.dep_ == "aux")
            ),
            None,
        )
        if leaf is None:
            return
        asked = self._whom(token)
        if asked:
            act = leaf.lemma_.lower()
            text = f"{act} {label}"
            whom = self._deed_object(leaf)
            self.mentions[token.i] = _Mention(
                token, text, agent, True, act=act, asked=asked, whom=whom
            )

    def _deed_object(self, verb: Token) -> str:
        """The key of the one entity a deed is done to ("endorse Roe"), else ""."""
        found = [e for c in verb.children if c.dep_ == "dobj" for e in self.actors.resolve(c)[0]]
        return found[0].key if len(found) == 1 else ""

    def _first(self, token: Token) -> Entity | None:
        found = self.actors.resolve(token)[0]
        return found[0] if found else None

    def _requested(self, token: Token) -> bool:
        """Whether a noun names a request (not mere material: "granted the data" is odd)."""
        self.request_at(token)
        return token.i in self.mentions

    def asked(self, token: Token) -> bool:
        """Whether a noun is something asked for: a request or the material requested."""
        self.request_at(token)
        return token.i in self.mentions or self.material(token) is not None

    def status(self, verb: Token, depth: int = 0) -> _Status | None:
        """The stance a word expresses, the word that carries it, and how sure it is."""
        entry = self.lex.entry(verb) if depth <= 3 else None
        neg = negated(verb) or (verb.dep_ == "acomp" and negated(verb.head))
        if entry is None:
            if verb.pos_ == "VERB" and self.lex.has("deed", verb):  # "Roe did not concede"
                return (ResponseStatus.REFUSED if neg else ResponseStatus.COMPLIED), verb, 0.75
            return None
        _, kind, sure = entry
        follow = next((c for c in verb.children if c.dep_ == "xcomp"), None)
        inner = self.status(follow, depth + 1) if follow is not None else None
        giving = inner is not None and inner[0] in _GIVING
        refused = ResponseStatus.REFUSED
        if kind in {"refuse", "fail"} and not neg:
            if inner is not None and giving:  # "declined to provide the records"
                return refused, inner[1], sure * inner[2]
            if kind == "refuse" and _bare(verb):  # "Ohio and Utah have refused."
                return refused, verb, sure * 0.85
            asked = kind == "refuse" and any(self.asked(o) for o in _objects(verb))
            if kind == "refuse" and not asked and verb.dep_ == "conj":
                # "provided the names but withheld the birth dates": the rest was refused
                given = self.status(verb.head, depth + 1)
                asked = given is not None and given[0] in _GIVING
            return (refused, verb, sure) if asked else None
        if kind == "comply":  # "has partly complied"
            partly = any(self.lex.has("partial", c) for c in verb.children if c.dep_ == "advmod")
            complied = ResponseStatus.PARTIALLY_COMPLIED if partly else ResponseStatus.COMPLIED
            return (refused if neg else complied), verb, sure
        if kind == "provide":  # sending a letter answers no request: material only
            obj = next((o for o in _objects(verb) if self.material(o)), None)
            if obj is not None and neg:  # "has not yet provided": still pending
                pending = any(c.lower_ == "yet" for c in verb.children)
                return (ResponseStatus.UNDECIDED if pending else refused), verb, sure
            if obj is None:
                return None
            # "some of the data", "returns for only the past three years"
            scope = [*verb.children, *obj.subtree]
            scope += [t for p in pobjs(verb, {"for", "from", "of"}) for t in p.subtree]
            partial = any(self.lex.has("partial", t) for t in scope)
            return (
                ResponseStatus.PARTIALLY_COMPLIED if partial else ResponseStatus.COMPLIED,
                verb,
                sure,
            )
        if kind == "decide" and neg:
            return ResponseStatus.UNDECIDED, verb, sure
        if kind == "tell" and neg and any(_open_question(c) for c in verb.children):
            return ResponseStatus.UNDECIDED, verb, sure  # "has not said whether it will"
        if kind == "accede" or (kind == "agree" and inner is None):
            # "granted the request", "agreed to the demand", "would not honor the order"
            if any(self._requested(o) for o in _objects(verb)):
                return (refused if neg else ResponseStatus.COMPLIED), verb, sure
            return None
        if kind in {"agree", "pass", "decide"} and inner is not None:
            if neg:  # "did not agree to provide"
                return (refused, inner[1], sure * inner[2]) if giving else None
            return inner[0], inner[1], sure * inner[2]
        ongoing = verb.tag_ in _ONGOING_TAGS or any(c.lower_ == "still" for c in verb.children)
        if ((kind == "study" and ongoing) or kind == "undecided") and not neg:
            return ResponseStatus.UNDECIDED, verb, sure
        if kind == "respond" and neg and any(self.asked(o) for o in _objects(verb)):
            return refused, verb, sure
        return None

    def stance_at(self, verb: Token) -> list[_Found]:
        """The stances a stance word states: one per actor its subject names."""
        if verb.dep_ in {"xcomp", "amod", "acl", "pcomp"}:
            return []  # "compel the state to comply", "without providing": no answer here
        if verb.dep_ == "ccomp" and (verb.head.lemma_.lower(), verb.head.pos_) in self.lex.requests:
            return []  # "demanded that the agency turn over records" is the request itself
        if _conditional(verb) or _open_question(verb):
            return []  # "if the agency does not comply", "whether it will": no answer
        found = self.status(verb)
        if found is None:
            return []
        entry = self.lex.entry(found[1])
        weighing = entry is not None and entry[1] in {"study", "decide", "undecided", "tell"}
        if weighing and not self._weighs(verb):
            return []  # "weighing options", "has not decided whether to run"
        if any(c.dep_ == "auxpass" for c in verb.children):  # "was rejected by Ohio"
            subject = next(pobjs(verb, {"by"}, dep="agent"), None)
        else:
            subject = subject_of(verb)
        if subject is not None and subject.lower_ in _SPEAKERS:
            subject = _speaker(verb) or subject
        if subject is None:
            return []
        proxies = self.lex.marks.get("actor", frozenset())
        owner = next((c for c in subject.children if c.dep_ == "poss"), None)
        if owner is not None and owner.pos_ == "PRON" and subject.lemma_.lower() in proxies:
            subject = _speaker(verb) or owner  # "Roe said his office would comply": Roe's
        actors, how = self.actors.resolve(subject, proxies)
        if subject.lower_ in _SPEAKERS and (asked := self._asked_before(verb)):
            actors, how = list(asked), 0.8  # "called on Roe to concede, but he declined"
        status, leaf, sure = found
        if entry is None:  # a deed answers only a request that asked this actor to do it
            return [
                _Found(a, status, verb, leaf, sure * how, deed)
                for a in actors
                if a.type in _ACTORS and (deed := self._deed_asked(verb, a)) is not None
            ]
        return [_Found(a, status, verb, leaf, sure * how) for a in actors if a.type in _ACTORS]

    def _asked_before(self, verb: Token) -> tuple[Entity, ...]:
        """Who a deed request earlier in the verb's sentence asked, if it asked anyone."""
        sent = self.actors.sent(verb)
        deeds = [m for i, m in self.mentions.items() if sent.start <= i < verb.i and m.asked]
        return deeds[-1].asked if deeds else ()

    def _deed_asked(self, verb: Token, actor: Entity) -> _Mention | None:
        """The latest earlier request that asked this actor to do this deed."""
        act, whom = verb.lemma_.lower(), self._deed_object(verb)
        return max(
            (
                m
                for i, m in self.mentions.items()
                if i < verb.i
                and m.act == act
                and any(a.key == actor.key for a in m.asked)
                and not (m.whom and whom and m.whom != whom)  # "endorsed someone else"
            ),
            key=lambda m: m.token.i,
            default=None,
        )

    def _weighs(self, verb: Token) -> bool:
        """Whether an undecided actor weighs a request: one in its sentence, or whether to
        comply ("has not decided whether to comply")."""
        clauses = [c for c in verb.children if c.dep_ in {"ccomp", "xcomp"}]
        if any(self.lex.has("issue", c) for c in clauses):
            return False  # "would consider issuing a subpoena": weighing a request of its own
        sent = self.actors.sent(verb)
        for token in sent:
            self.request_at(token)
        if any(sent.start <= i < sent.end for i in self.mentions):
            return True
        if _bare(verb):  # "Utah has not decided.", after the request it answers
            return any(i < verb.i and m.strong for i, m in self.mentions.items())
        return any(self.status(t) for c in clauses for t in c.subtree if t.pos_ == "VERB")

    def request_for(self, found: _Found) -> _Mention | None:
        """The request a stance answers: the one it names, else its sentence's, else the
        latest before it, else one its refusal implies, else the first after it."""
        if found.answers is not None:
            return found.answers
        verb, mentions = found.verb, self.mentions
        inside = {t.i for t in verb.subtree}
        named = [m for i, m in mentions.items() if i in inside]
        sent = self.actors.sent(verb)
        named = named or [m for i, m in mentions.items() if sent.start <= i < sent.end]
        if named:
            return min(named, key=lambda m: abs(m.token.i - verb.i))
        before = [m for i, m in mentions.items() if i < verb.i and m.strong]
        if before:
            return max(before, key=lambda m: m.token.i)
        obj = next((o for o in _objects(found.leaf) if self.material(o)), None)
        if obj is not None and found.status is ResponseStatus.REFUSED:
            # "refused to turn over voter data" implies a request; handing data over does not
            mentions[obj.i] = _Mention(obj, f"{_phrase(obj)} request", None, False)
            return mentions[obj.i]
        return min(
            (m for m in mentions.values() if m.strong), key=lambda m: m.token.i, default=None
        )


def _group(mentions: list[_Mention]) -> dict[str, _Mention]:
    """Give each mention its request's key; return each request's first mention (with the
    agent any mention names). A bare "the request" is the latest request, "Roe's order"
    the latest of Roe's or of no one's."""
    firsts: dict[str, _Mention] = {}
    for mention in sorted(mentions, key=lambda m: m.token.i):
        agent = mention.agent.key if mention.agent is not None else ""
        earlier = list(firsts.values())
        if " " not in mention.label:  # a bare "request", "Roe's subpoena"
            same = [m for m in earlier if not agent or not m.agent or m.agent.key == agent]
        else:
            same = [
                m
                for m in earlier
                if m.label == mention.label
                and (m.agent is None or not agent or m.agent.key == agent)
            ]
        mention.key = same[-1].key if same else f"request:{agent}:{mention.label}"
        first = firsts.setdefault(mention.key, mention)
        first.agent = first.agent or mention.agent
    return firsts


def _consolidate(statuses: set[ResponseStatus]) -> ResponseStatus:
    """One actor's answers to one request, taken together."""
    both = {ResponseStatus.COMPLIED, ResponseStatus.REFUSED}
    if ResponseStatus.PARTIALLY_COMPLIED in statuses or both <= statuses:
        return ResponseStatus.PARTIALLY_COMPLIED
    decided = statuses - {ResponseStatus.UNDECIDED}  # a decision ends the deliberation
    return min(decided) if decided else ResponseStatus.UNDECIDED


@register_frame("stances")
def extract_stances(ctx: FrameContext, out: Frames) -> None:
    """Find requests and each named actor's stance toward them.

    Args:
        ctx: the article, its parse and its entities.
        out: receives one :class:`Request` per request a stance answers, and one
            :class:`Stance` per actor and request.
    """
    finder, lex = _Stances(ctx), _lexicon()
    candidates = []
    for token in ctx.doc:
        lemma = token.lemma_.lower()
        if (lemma, token.pos_) in lex.requests:
            finder.request_at(token)
        if lemma in lex.verbs or (token.pos_ == "VERB" and lex.has("deed", token)):
            candidates.append(token)
    found = [f for token in candidates for f in finder.stance_at(token)]
    links = [(f, finder.request_for(f)) for f in found]
    firsts = _group(list(finder.mentions.values()))
    by_pair: dict[tuple[str, str], list[_Found]] = defaultdict(list)
    for f, mention in links:
        agent = firsts[mention.key].agent if mention is not None else None
        if mention is None or (agent and agent.key == f.actor.key and f.status in _GIVING):
            continue  # no request; or sending out one's own request, which is no compliance
        by_pair[(f.actor.key, mention.key)].append(f)
    for (actor, key), group in by_pair.items():
        status = _consolidate({f.status for f in group})
        spans = tuple(dict.fromkeys(s for f in group for s in evidence(f.verb.subtree)))
        sure = max(f.confidence * (1.0 if f.status is status else 0.8) for f in group)
        out.stances.append(Stance(actor, status, key, spans, round(min(sure, 1.0), 3)))
    for key in sorted({key for _, key in by_pair}):
        first = firsts[key]
        asker = first.agent.key if first.agent is not None else None
        out.requests.append(Request(key, first.label, evidence([first.token]), asker))
