"""Group linked reports into events: deterministic, order-independent, constraint-aware.

Input is one connected component of the link graph (reports joined by links that scored
enough, or by an analyst's merge). Analyst merges are applied first (must-links); then links
are taken strongest first (ties broken by the reports' content keys, never by insertion
order) and join two groups only when no pair across them is ruled out: by `match.conflict`
(different districts, dates apart, same document, ...) or by an analyst's split (cannot-link).
Because the outcome depends only on the set of reports, links and overrides, ingesting A then
B gives exactly what B then A gives.
"""
from __future__ import annotations

from collections.abc import Iterable

from .match import LinkReport, conflict


def cluster(reports: dict[int, LinkReport], links: Iterable[tuple[int, int, float]],
            must: Iterable[tuple[int, int]] = (), cannot: Iterable[tuple[int, int]] = ()) -> list[list[int]]:
    """Partition `reports` (id -> report) into events; each event is a sorted list of report ids."""
    parent = {rid: rid for rid in reports}
    members = {rid: [rid] for rid in reports}
    forbidden = {(min(a, b), max(a, b)) for a, b in cannot}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(ra: int, rb: int) -> None:
        if len(members[ra]) < len(members[rb]):
            ra, rb = rb, ra
        parent[rb] = ra
        members[ra].extend(members.pop(rb))

    def key(rid: int) -> str:
        return reports[rid].rkey

    must = [(a, b) for a, b in must if a in reports and b in reports]
    for a, b in sorted(must,
                       key=lambda p: tuple(sorted((key(p[0]), key(p[1]))))):
        ra, rb = find(a), find(b)
        if ra != rb:
            union(ra, rb)

    # reports an analyst merged are vouched for: a report joining them is checked against them
    # only for splits and same-document, so a new report of a merged event still finds it
    pinned = {x for pair in must for x in pair}

    def compatible(ra: int, rb: int) -> bool:
        for x in members[ra]:
            rx = reports[x]
            for y in members[rb]:
                ry = reports[y]
                if (min(x, y), max(x, y)) in forbidden or rx.doc == ry.doc:
                    return False
                if x not in pinned and y not in pinned and conflict(rx, ry):
                    return False
        return True

    ordered = sorted(((a, b, s) for a, b, s in links if a in reports and b in reports),
                     key=lambda e: (-e[2], *sorted((key(e[0]), key(e[1])))))
    for a, b, _ in ordered:
        ra, rb = find(a), find(b)
        if ra != rb and compatible(ra, rb):
            union(ra, rb)
    return sorted((sorted(m) for m in members.values()), key=lambda m: min(key(r) for r in m))
