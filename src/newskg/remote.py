"""A SPARQL server as a newskg store: Virtuoso, Fuseki, GraphDB, Oxigraph server.

Each article graph is written with one Graph Store Protocol ``PUT ?graph=<iri>``, which
replaces the graph whole, so a retried or repeated write is harmless. Metadata and merge
records go in by SPARQL Update (delete, then insert: also safe to repeat); metadata lives
in the named graph ``graph/build``, since servers differ on what their default graph is.
Queries go over the SPARQL protocol, every graph read through ``GRAPH ?g``.

``--store URL`` names the **query endpoint**; the update and graph store endpoints are
derived from it by the server's usual layout, or given by ``$NEWSKG_UPDATE_URL`` and
``$NEWSKG_GRAPH_STORE_URL``:

=================================  ===================  ===========================
query endpoint                     update endpoint      graph store endpoint
=================================  ===================  ===========================
``http://host:8890/sparql``        the same             ``/sparql-graph-crud``
(Virtuoso)
``http://host:3030/ds/sparql``     ``/ds/update``       ``/ds/data``
(Fuseki; also ``/ds/query``)
``http://host/repositories/R``     ``.../statements``   ``.../rdf-graphs/service``
(GraphDB, RDF4J)
``http://host:7878/query``         ``/update``          ``/store``
(Oxigraph server)
=================================  ===================  ===========================

User and password in the URL (``http://user:pw@host/...``) are sent with basic or
digest authentication, as the server asks.
"""

from __future__ import annotations

import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence

from .errors import QueryError, StoreError
from .ids import article_graph_iri
from .query import QueryResult, _read_query
from .store import ArticleRecord, StoreBase, restore_datatypes, update_text
from .vocab import GRAPH

__all__ = ["METADATA_GRAPH", "RemoteStore", "endpoints"]

METADATA_GRAPH = str(GRAPH["build"])
_TRIES = 4
# A server holds other graphs too (Virtuoso keeps its own): newskg reads only its own.
_OURS = f'FILTER (STRSTARTS(STR(?g), "{GRAPH}"))'
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def endpoints(url: str) -> tuple[str, str, str]:
    """The (query, update, graph store) endpoints of a server, from its query endpoint."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path.rstrip("/")

    def at(new_path: str) -> str:
        return urllib.parse.urlunsplit((parts.scheme, parts.netloc, new_path, "", ""))

    if path == "/sparql":
        update, store = url, at("/sparql-graph-crud")
    elif re.search(r"/repositories/[^/]+$", path):
        update, store = at(path + "/statements"), at(path + "/rdf-graphs/service")
    elif path.endswith(("/sparql", "/query")):
        base = path.rsplit("/", 1)[0]
        update = at(base + "/update")
        store = at(base + "/data") if base else at("/store")
    else:
        update, store = url, url
    return (
        url,
        os.environ.get("NEWSKG_UPDATE_URL", update),
        os.environ.get("NEWSKG_GRAPH_STORE_URL", store),
    )


class RemoteStore(StoreBase):
    """A SPARQL 1.1 server used as a store (see the module documentation)."""

    metadata_graph = METADATA_GRAPH

    def __init__(self, url: str, *, timeout: float = 60.0) -> None:
        parts = urllib.parse.urlsplit(url)
        self.location = urllib.parse.urlunsplit(
            (parts.scheme, parts.hostname or "", parts.path, parts.query, "")
        )
        if parts.port:
            self.location = self.location.replace(
                f"//{parts.hostname}", f"//{parts.hostname}:{parts.port}", 1
            )
        self.query_url, self.update_url, self.graph_store_url = endpoints(self.location)
        self.timeout = timeout
        handlers: list[urllib.request.BaseHandler] = []
        if parts.username:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(
                None, self.location, parts.username, urllib.parse.unquote(parts.password or "")
            )
            handlers += [
                urllib.request.HTTPBasicAuthHandler(passwords),
                urllib.request.HTTPDigestAuthHandler(passwords),
            ]
        self._opener = urllib.request.build_opener(*handlers)

    def close(self) -> None:
        """Nothing to release: every request is its own connection."""

    # -- HTTP ----------------------------------------------------------------------------
    def _send(self, method: str, url: str, body: bytes | None, headers: dict[str, str]) -> bytes:
        """One request, retried with backoff on connection errors and 5xx/429 answers."""
        for attempt in range(_TRIES):
            request = urllib.request.Request(url, data=body, method=method, headers=headers)
            try:
                with self._opener.open(request, timeout=self.timeout) as response:
                    data: bytes = response.read()
                    return data
            except urllib.error.HTTPError as err:
                detail = err.read().decode("utf-8", "replace").strip().splitlines()
                retry = err.code >= 500 or err.code == 429
                if not retry or attempt == _TRIES - 1:
                    first = detail[0][:300] if detail else err.reason
                    raise StoreError(
                        f"{url}: the server answered {err.code} ({first}); check the URL "
                        "and that the server allows this (SPARQL update, graph store "
                        "writes)"
                    ) from err
            except (urllib.error.URLError, OSError) as err:
                if attempt == _TRIES - 1:
                    reason = getattr(err, "reason", err)
                    raise StoreError(
                        f"{url}: cannot reach the SPARQL server ({reason}); check the URL "
                        "and that the server is running"
                    ) from err
            time.sleep(0.5 * 2**attempt)
        raise AssertionError("unreachable")

    def _sparql(self, sparql: str, accept: str) -> bytes:
        body = urllib.parse.urlencode({"query": _prologue() + sparql}).encode()
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": accept,
        }
        return self._send("POST", self.query_url, body, headers)

    def _select(self, sparql: str) -> list[dict[str, dict[str, str]]]:
        answer = json.loads(self._sparql(sparql, "application/sparql-results+json"))
        rows: list[dict[str, dict[str, str]]] = answer["results"]["bindings"]
        return rows

    def _rows(self, sparql: str) -> list[dict[str, str]]:
        return [{k: v["value"] for k, v in row.items()} for row in self._select(sparql)]

    def _update(self, sparql: str) -> None:
        """Run a SPARQL update."""
        body = urllib.parse.urlencode({"update": sparql}).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        self._send("POST", self.update_url, body, headers)

    def put_graph(self, graph: str, ntriples: str) -> None:
        """Replace one named graph with N-Triples (Graph Store Protocol PUT)."""
        url = f"{self.graph_store_url}?{urllib.parse.urlencode({'graph': graph})}"
        headers = {"Content-Type": "text/turtle; charset=utf-8"}
        self._send("PUT", url, ntriples.encode("utf-8"), headers)

    # -- the store API -------------------------------------------------------------------
    def replace_articles(self, records: Sequence[ArticleRecord]) -> None:
        """PUT each article graph, then its metadata and merges in one update."""
        for record in records:
            self.put_graph(str(article_graph_iri(record.article_id)), record.graph)
        if records:
            self._update(update_text(records, METADATA_GRAPH, graphs=False))

    def query(self, sparql: str) -> QueryResult:
        """Run SPARQL (newskg's prefixes predeclared) on the server; a table."""
        form = _FORM.search(_strip_prologue(sparql))
        kind = form.group(1).upper() if form else "SELECT"
        try:
            if kind in ("CONSTRUCT", "DESCRIBE"):
                return _triples_table(self._sparql(sparql, "application/n-triples"))
            answer = json.loads(self._sparql(sparql, "application/sparql-results+json"))
        except StoreError as err:
            raise QueryError(f"the query failed: {err}") from err
        if "boolean" in answer:
            return QueryResult(("answer",), ((str(bool(answer["boolean"])).lower(),),))
        columns = tuple(answer["head"]["vars"])
        rows = tuple(
            tuple(row.get(c, {}).get("value", "") for c in columns)
            for row in answer["results"]["bindings"]
        )
        return QueryResult(columns, rows)

    def construct(self, sparql: str) -> bytes:
        """Run a CONSTRUCT query; the triples as N-Triples."""
        return self._sparql(sparql, "application/n-triples")

    def dump(self) -> bytes:
        """newskg's graphs as N-Quads; ``graph/build`` becomes the default graph.

        Other graphs on the server (Virtuoso's own, say) are left out.
        """
        lines = []
        rows = self._select(f"SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_OURS} }}")
        for row in rows:
            graph = row["g"]["value"]
            terms = " ".join(_nt(row[v]) for v in ("s", "p", "o"))
            where = "" if graph == METADATA_GRAPH else f" <{graph}>"
            lines.append(f"{terms}{where} .\n")
        return restore_datatypes("".join(lines).encode("utf-8"))

    def triples(self) -> int:
        """How many triples newskg's graphs on the server hold."""
        rows = self._select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_OURS} }}")
        return int(rows[0]["n"]["value"]) if rows else 0


def _prologue() -> str:
    text = _read_query("_prefixes.rq")
    return "".join(line + "\n" for line in text.splitlines() if line.startswith("PREFIX"))


def _strip_prologue(sparql: str) -> str:
    text = re.sub(r"#[^\n]*", "", sparql)
    return re.sub(r"(?is)^\s*((PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*", "", text)


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def _nt(term: dict[str, str]) -> str:
    """A SPARQL JSON result term as N-Triples."""
    kind, value = term["type"], term["value"]
    if kind == "uri":
        return f"<{value}>"
    if kind == "bnode":
        return f"_:{value}"
    text = f'"{_escape(value)}"'
    if "xml:lang" in term:
        return f"{text}@{term['xml:lang']}"
    if "datatype" in term:
        return f"{text}^^<{term['datatype']}>"
    return text


def _triples_table(data: bytes) -> QueryResult:
    import pyoxigraph

    triples = pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.N_TRIPLES)
    rows = tuple((t.subject.value, t.predicate.value, t.object.value) for t in triples)
    return QueryResult(("subject", "predicate", "object"), rows)
