#!/usr/bin/env python3
"""verify_draw.py: check a treatyreview draw record without trusting the platform.

    python3 verify_draw.py draw-12-record.json

Prints "reproduced" and exits 0 when the record reproduces exactly from its input and seed(s) and obeys every
rule; otherwise prints the first difference and exits 1. One file, Python 3.9 or later, standard library only,
no network. It is written from the specification docs/draw-algorithm.md (section numbers below refer to it) and
reads records of every algorithm version (1, 2 and 3): the commitment (section 1), the random stream (2), the
replay of the draw (6, 6.1, 7, 9) and of every redraw (8), and the rules (3-4).
"""

import hashlib
import hmac
import itertools
import json
import math
import sys
from bisect import bisect_right
from fractions import Fraction

NAME, FORMAT = "treatyreview-lots", "treatyreview-draw-record"
INSTRUMENTS = ("UNTOC", "TIP", "SOM", "FIREARMS")
UNTOC, SAME, OTHER = "UNTOC", "same-group", "other-group"
SLOTS = (SAME, OTHER)
REASONS = ("no_experts", "opted_out", "deferred", "reio_not_designated")
RULES = {"same_group_reviewers": (int, 1, (0, 1)), "other_group_reviewers": (int, 1, (0, 1)),
         "max_reviewers_total": (int, 4, (1, 10)), "max_reviews_per_reviewer": (int, 3, (1, 50)),
         "max_redraws": (int, 2, (0, 10)), "no_mutual_review": (bool, True, (True, False)),
         "supplementary_draw": (str, "conditional", ("conditional", "joint"))}
# Budgets (section 11): they decide when a draw stops without a record, never what a record holds.
STATE_TRIES, SEARCH_V2, SEARCH_V3, GROUP_ATTEMPTS = 100_000, 200_000, 2_000_000, 1_000_000


class Bad(Exception):
    """The record does not reproduce; the message says where."""


def canonical(value):
    """Section 1.1: UTF-8, sorted keys, no whitespace, only the escapes JSON requires."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def sha256(value):
    return hashlib.sha256(canonical(value)).hexdigest()


# ------------------------------------------------------------------------------------------- section 2
class Stream:
    def __init__(self, commitment, seed, label):
        self.prk = hmac.new(commitment, seed.encode("utf-8"), hashlib.sha256).digest()
        self.label, self.counter, self.buffer = label.encode("utf-8"), 0, b""

    def read(self, n):
        while len(self.buffer) < n:
            block = self.label + self.counter.to_bytes(8, "big")
            self.buffer += hmac.new(self.prk, block, hashlib.sha256).digest()
            self.counter += 1
        out, self.buffer = self.buffer[:n], self.buffer[n:]
        return out

    def below(self, n):
        if n < 1:
            raise Bad(f"below({n}) is undefined")
        if n == 1:
            return 0
        bits = (n - 1).bit_length()
        while True:
            x = int.from_bytes(self.read((bits + 7) // 8), "big") & ((1 << bits) - 1)
            if x < n:
                return x

    def choose(self, weights):
        """The first index whose running sum exceeds below(total); a zero weight is never chosen."""
        u, running = self.below(sum(weights)), 0
        for i, w in enumerate(weights):
            running += w
            if u < running:
                return i
        raise Bad("choose: no weight")

    def choice(self, weights, remainder):
        """Section 6.1.4: the exact bucket of a uniform read 8 bytes at a time."""
        cumulative = list(itertools.accumulate(weights, initial=Fraction(0)))[1:]
        if remainder:
            cumulative.append(Fraction(1))
        scale = math.lcm(*(c.denominator for c in cumulative))
        scaled = [c.numerator * (scale // c.denominator) for c in cumulative]
        t, u, bits = scaled[-1], int.from_bytes(self.read(8), "big"), 64
        while True:
            k = bisect_right(scaled, (u * t) >> bits)
            if (u + 1) * t <= scaled[k] << bits:
                return k
            u, bits = (u << 64) | int.from_bytes(self.read(8), "big"), bits + 64


# ------------------------------------------------------------------------------------------- section 1
def expect(value, kind, path):
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    raise Bad(f"{path}: expected {kind.__name__}, got {json.dumps(value)[:40]}")


def code_of(value, path):
    text = expect(value, str, path)
    if not text or text != text.strip():
        raise Bad(f"{path}: invalid State code {text!r}")
    return text


def instruments_of(value, path):
    seen = []
    for j, x in enumerate(expect(value, list, path)):
        if expect(x, str, f"{path}[{j}]") not in INSTRUMENTS or x in seen:
            raise Bad(f"{path}[{j}]: unknown or repeated instrument {x!r}")
        seen.append(x)
    return tuple(i for i in INSTRUMENTS if i in seen)


def known_keys(obj, keys, path):
    for key in obj:
        if key not in keys:
            raise Bad(f"{path}{key}: unknown field")


class Input:
    """A validated input (section 1) of algorithm version `version`."""

    def __init__(self, data, reviewers, version):
        self.version = version
        top = ["rules", "states", "under_review", "exclusions", "existing"]
        top += ["attempt", "earlier_attempts"] * (version >= 2) + ["algorithm_version"] * (version >= 3)
        obj = expect(data, dict, "input")
        known_keys(obj, top, "input.")
        if "algorithm_version" in obj and expect(obj["algorithm_version"], int, "algorithm_version") != version:
            raise Bad(f"input.algorithm_version: must be {version}")
        rules = expect(obj.get("rules", {}), dict, "rules")
        known_keys(rules, RULES, "rules.")
        self.rules = {}
        for key, (kind, default, allowed) in RULES.items():
            value = expect(rules.get(key, default), kind, f"rules.{key}")
            if (kind is int and not allowed[0] <= value <= allowed[1]) or (kind is not int and value not in allowed):
                raise Bad(f"rules.{key}: {value!r} is out of range")
            self.rules[key] = value
        self.slots = tuple(s for s, k in zip(SLOTS, ("same_group_reviewers", "other_group_reviewers"))
                           if self.rules[k])
        if not self.slots or self.rules["max_reviewers_total"] < len(self.slots):
            raise Bad("rules: no slot, or max_reviewers_total below the number of slots")
        self.cap, self.limit = self.rules["max_reviews_per_reviewer"], self.rules["max_reviewers_total"]
        self.mutual = self.rules["no_mutual_review"]
        if "states" not in obj:
            raise Bad("states: missing field")
        self.index = {}
        for i, raw in enumerate(expect(obj["states"], list, "states")):
            self._state(raw, f"states[{i}]")
        self.codes = sorted(self.index)
        self.states = [self.index[c] for c in self.codes]
        if reviewers and "under_review" not in obj:
            raise Bad("under_review: missing field")
        under = []
        for i, raw in enumerate(expect(obj.get("under_review", []), list, "under_review")):
            code = code_of(raw, f"under_review[{i}]")
            if code not in self.index or code in under or UNTOC not in self.index[code]["parties"]:
                raise Bad(f"under_review[{i}]: {code!r} unknown, repeated or not party to UNTOC")
            under.append(code)
        self.under_review = tuple(sorted(under))
        pairs = set()
        for i, raw in enumerate(expect(obj.get("exclusions", []), list, "exclusions")):
            pair = expect(raw, list, f"exclusions[{i}]")
            if len(pair) != 2:
                raise Bad(f"exclusions[{i}]: expected a pair")
            a, b = (code_of(pair[k], f"exclusions[{i}][{k}]") for k in (0, 1))
            if a not in self.index or b not in self.index or a == b:
                raise Bad(f"exclusions[{i}]: unknown or equal States")
            pairs.add((min(a, b), max(a, b)))
        self.exclusions = tuple(sorted(pairs))
        existing = set()
        for i, raw in enumerate(expect(obj.get("existing", []), list, "existing")):
            entry, path = expect(raw, dict, f"existing[{i}]"), f"existing[{i}]"
            keys = ("under_review", "reviewer", "instrument")
            known_keys(entry, keys, path + ".")
            if any(k not in entry for k in keys):
                raise Bad(f"{path}: missing field")
            ur, rv = code_of(entry["under_review"], path), code_of(entry["reviewer"], path)
            if (ur not in self.index or rv not in self.index or ur == rv or ur in under
                    or expect(entry["instrument"], str, path) not in INSTRUMENTS):
                raise Bad(f"{path}: invalid earlier assignment")
            existing.add((ur, rv, entry["instrument"]))
        self.existing = tuple(sorted(existing, key=lambda e: (e[0], e[1], INSTRUMENTS.index(e[2]))))
        self.attempt = expect(obj.get("attempt", 1), int, "attempt")
        earlier = expect(obj.get("earlier_attempts", []), list, "earlier_attempts")
        if self.attempt < 1 or len(earlier) != self.attempt - 1:
            raise Bad("attempt: must be at least 1, with attempt - 1 earlier attempts")
        self.earlier = []
        for i, raw in enumerate(earlier):
            entry, path = expect(raw, dict, f"earlier_attempts[{i}]"), f"earlier_attempts[{i}]"
            keys = ("attempt", "input_sha256", "record_sha256", "status")
            known_keys(entry, keys, path + ".")
            if (any(k not in entry for k in keys) or expect(entry["attempt"], int, path) != i + 1
                    or entry["status"] != "cancelled" or not is_hex(entry["input_sha256"])
                    or not (entry["record_sha256"] is None or is_hex(entry["record_sha256"]))):
                raise Bad(f"{path}: invalid earlier attempt")
            self.earlier.append({k: entry[k] for k in keys})

    def _state(self, raw, path):
        entry = expect(raw, dict, path)
        fields = ["code", "group", "parties", "can_review", "cannot_review_reason"]
        fields += ["may_review"] * (self.version >= 2)
        known_keys(entry, fields, path + ".")
        if any(k not in entry for k in ("code", "group", "parties")):
            raise Bad(f"{path}: missing code, group or parties")
        code, group = code_of(entry["code"], f"{path}.code"), entry["group"]
        if group is not None and not expect(group, str, f"{path}.group").strip():
            raise Bad(f"{path}.group: empty regional group")
        state = {"code": code, "group": group, "parties": instruments_of(entry["parties"], f"{path}.parties"),
                 "can_review": expect(entry.get("can_review", True), bool, f"{path}.can_review"),
                 "cannot_review_reason": entry.get("cannot_review_reason"), "may_review": None}
        reason = state["cannot_review_reason"]
        if self.version < 2:
            if reason is not None:
                expect(reason, str, f"{path}.cannot_review_reason")
        elif (reason is not None) if state["can_review"] else reason not in REASONS:
            raise Bad(f"{path}.cannot_review_reason: {reason!r} does not fit can_review")
        if entry.get("may_review") is not None:
            state["may_review"] = instruments_of(entry["may_review"], f"{path}.may_review")
        if code in self.index:
            raise Bad(f"{path}.code: {code!r} is listed twice")
        self.index[code] = state
        return state

    def to_json(self):
        fields = ("code", "group", "parties", "can_review", "cannot_review_reason", "may_review")
        fields = fields if self.version >= 2 else fields[:5]
        data = {"rules": dict(self.rules), "under_review": list(self.under_review),
                "states": [{k: list(s[k]) if isinstance(s[k], tuple) else s[k] for k in fields} for s in self.states],
                "exclusions": [list(p) for p in self.exclusions],
                "existing": [{"under_review": u, "reviewer": r, "instrument": i} for u, r, i in self.existing]}
        if self.version >= 2:
            data.update(attempt=self.attempt, earlier_attempts=self.earlier)
        if self.version >= 3:
            data["algorithm_version"] = self.version
        return data

    def label(self, tail):
        return f"{NAME}/v{self.version}/{tail}"


def is_hex(value):
    return isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)


def reviews_for(state, instrument):
    return instrument in state["parties"] and (state["may_review"] is None or instrument in state["may_review"])


# ------------------------------------------------------------------------------------------- section 3
class Context:
    """The assignments held fixed around a slot: loads, who reviews whom, refused States."""

    def __init__(self, inp, fixed=(), refused=None):
        self.inp, self.refused, self.load, self.reviews, self.reviewers_of = inp, refused or {}, {}, set(), {}
        for ur, reviewer, _ in (*inp.existing, *fixed):
            self.load.setdefault(reviewer, set()).add(ur)
            self.reviews.add((reviewer, ur))
            self.reviewers_of.setdefault(ur, set()).add(reviewer)

    def reasons(self, ur, slot, instrument, code):
        """The reason codes of section 3 that rule out `code` for (ur, slot, instrument)."""
        inp, s, r = self.inp, self.inp.index[ur], self.inp.index[code]
        out = ["same_state"] * (code == ur) + ["cannot_review"] * (not r["can_review"])
        if not reviews_for(r, instrument):
            out.append("not_party" if instrument not in r["parties"] else "not_designated")
        group = group_reason(slot, s["group"], r["group"])
        out += [group] if group else []
        out += ["excluded_pair"] * ((min(code, ur), max(code, ur)) in inp.exclusions)
        out += ["refused"] * (code in self.refused.get(ur, ()))
        if code != ur:
            out += ["mutual"] * (inp.mutual and (ur, code) in self.reviews)
            if code in self.reviewers_of.get(ur, ()):
                out.append("already_reviewing")
            elif len(self.load.get(code, ())) >= inp.cap:
                out.append("load_limit")
        return out


def group_reason(slot, own, other):
    if slot == SAME:
        return "not_same_group" if own is not None and other != own else None
    if own is None:
        return "no_regional_group" if other is None else None
    return "same_group" if other == own else None


def partitions(m):
    """Every partition of range(m) as sorted tuples of sorted blocks, in sorted order (section 4)."""
    def rec(items):
        if not items:
            yield []
            return
        for part in rec(items[1:]):
            yield [[items[0]], *part]
            for k in range(len(part)):
                yield [*part[:k], [items[0], *part[k]], *part[k + 1:]]
    return sorted({tuple(sorted(tuple(sorted(b)) for b in p)) for p in rec(list(range(m)))})


def injective(sets):
    """Ways to pick one element per set, all different (the Moebius sum of section 4)."""
    total = 0
    for part in partitions(len(sets)):
        term = 1
        for block in part:
            term *= (-1) ** (len(block) - 1) * math.factorial(len(block) - 1)
            term *= len(frozenset.intersection(*(sets[i] for i in block)))
        total += term
    return total


class Slot:
    """One slot of one State under review: pools, patterns, Convention candidates (sections 3-4)."""

    def __init__(self, ctx, ur, slot):
        inp = ctx.inp
        self.ur, self.slot, s = ur, slot, inp.index[ur]
        self.instruments = s["parties"]
        blocked = {ur, *ctx.refused.get(ur, ()), *ctx.reviewers_of.get(ur, ())}
        blocked |= {b if a == ur else a for a, b in inp.exclusions if ur in (a, b)}
        blocked |= {u for r, u in ctx.reviews if r == ur} if inp.mutual else set()
        blocked |= {r for r, v in ctx.load.items() if len(v) >= inp.cap and r not in ctx.reviewers_of.get(ur, ())}
        self.pools = {i: tuple(c for c in inp.codes if c not in blocked and inp.index[c]["can_review"]
                               and reviews_for(inp.index[c], i) and not group_reason(slot, s["group"],
                                                                                       inp.index[c]["group"]))
                      for i in self.instruments}
        self.lacking, self.patterns, self.candidates = {}, {}, []
        self.by_k = [([], []) for _ in self.instruments]  # per k: Convention candidates and completions
        self.by_fewest = [[] for _ in self.instruments]
        for code in self.pools[UNTOC]:
            lacking = tuple(p for p in self.instruments[1:] if not reviews_for(inp.index[code], p))
            if lacking not in self.patterns:
                self.patterns[lacking] = self._patterns(lacking)
            if not self.patterns[lacking]:
                continue
            self.candidates.append(code)
            self.lacking[code] = lacking
            for k, found in self.patterns[lacking].items():
                self.by_k[k][0].append(code)
                self.by_k[k][1].append(sum(p[2] for p in found))
            self.by_fewest[min(self.patterns[lacking])].append(code)
        self.weights = [sum(w) for _, w in self.by_k]

    def _patterns(self, lacking):
        out = {}
        for part in partitions(len(lacking)):
            blocks = tuple(tuple(lacking[i] for i in block) for block in part)
            sets = [frozenset.intersection(*(frozenset(self.pools[p]) for p in b)) for b in blocks]
            count = injective(sets) if blocks else 1
            if count:
                choices = tuple(tuple(c for c in self.pools[b[0]] if c in m) for b, m in zip(blocks, sets))
                out.setdefault(len(blocks), []).append((blocks, choices, count))
        return out

    def fewest(self, code):
        return min(self.patterns[self.lacking[code]])

    def completions(self, code, k):
        return sum(p[2] for p in self.patterns[self.lacking[code]].get(k, ()))

    def completion(self, stream, code, k):
        """Section 4: a completion with exactly k supplementary reviewers, uniform."""
        patterns = self.patterns[self.lacking[code]][k]
        blocks, choices, _ = patterns[stream.choose([p[2] for p in patterns])]
        while True:
            values = [c[stream.below(len(c))] for c in choices]
            if len(set(values)) == len(values):
                break
        chosen = {p: v for block, v in zip(blocks, values) for p in block}
        return {UNTOC: code, **{i: chosen.get(i, code) for i in self.instruments[1:]}}

    def supplementary_choices(self, code, seen, ok, room=4):
        """The deterministic enumeration of section 6.1.6: values for the lacking Protocols, in order."""
        lacking = self.lacking[code]

        def rec(k, chosen):
            if k == len(lacking):
                yield chosen
                return
            pool = self.pools[lacking[k]]
            reuse = [c for c in dict.fromkeys(chosen) if c in pool]
            fresh = [c for c in pool if c not in chosen] if len(set(chosen)) < room else []
            for c in (*reuse, *fresh):
                if c not in seen and ok(c, seen | {code, *chosen}):
                    yield from rec(k + 1, (*chosen, c))
        yield from rec(0, ())


class State:
    """The profiles of one State under review (sections 6-7): Convention (fewest) and joint (k) weights."""

    def __init__(self, ur, slots, allowed):
        self.ur, self.slots, self.allowed = ur, slots, allowed
        self.conv, self.conv_w, self.joint, self.joint_w = [], [], [], []
        for f in itertools.product(range(4), repeat=len(slots)):
            w = math.prod(len(s.by_fewest[x]) if x < len(s.by_fewest) else 0 for s, x in zip(slots, f))
            if sum(f) <= allowed and w:
                self.conv.append(f)
                self.conv_w.append(w)
            w = math.prod(s.weights[x] if x < len(s.weights) else 0 for s, x in zip(slots, f))
            if sum(f) <= allowed and w:
                self.joint.append(f)
                self.joint_w.append(w)

    def sample_joint(self, stream, others=frozenset()):
        for _ in range(STATE_TRIES):
            profile = self.joint[stream.choose(self.joint_w)]
            picks = []
            for slot, k in zip(self.slots, profile):  # slot by slot: its Convention reviewer, then its completion
                codes, weights = slot.by_k[k]
                picks.append(slot.completion(stream, codes[stream.choose(weights)], k))
            seen = set(others)
            for p in picks:
                if set(p.values()) & seen:
                    break
                seen |= set(p.values())
            else:
                return picks, seen - set(others)
        raise Bad(f"{self.ur}: no distinct slots in {STATE_TRIES} tries")


# ------------------------------------------------------------------------------------------- section 6
def plan(inp):
    ctx = Context(inp)
    states = []
    for ur in inp.under_review:
        slots = [Slot(ctx, ur, slot) for slot in inp.slots]
        states.append(State(ur, slots, inp.limit - len(slots)))
        if not all(s.candidates for s in slots) or not states[-1].joint:
            raise Bad(f"{ur}: no eligible reviewer (the draw is infeasible)")
    return states, {r: len(v) for r, v in ctx.load.items()}


def admit(ur, reviewers, load, drawn, inp):
    """Add a State's new reviewers to the loads, or return False when one breaks the load limit or mutuality."""
    mine = drawn.setdefault(ur, set())
    new = sorted(set(reviewers) - mine)
    if any(load.get(r, 0) >= inp.cap or (inp.mutual and ur in drawn.get(r, ())) for r in new):
        return False
    for r in new:
        load[r] = load.get(r, 0) + 1
        mine.add(r)
    return True


def completion_search(inp, states, convention, base_load, base_drawn, budget):
    """Section 6.1.6: whether the Convention reviewers admit a valid completion: found, none or unknown."""
    load, drawn, nodes = dict(base_load), {k: set(v) for k, v in base_drawn.items()}, 0

    def choices(state, j, sets):
        nonlocal nodes
        if j == len(state.slots):
            yield sets
            return
        ur, slot, code = state.ur, state.slots[j], convention[state.ur][j]
        others = set().union(*(x for i, x in enumerate(sets) if i != j))

        def ok(c, seen):
            return c in seen or (load.get(c, 0) < inp.cap and not (inp.mutual and ur in drawn.get(c, ())))
        for supplementary in slot.supplementary_choices(code, others, ok, inp.limit - len(others | {code})):
            nodes += 1
            if nodes > budget:
                return
            new = [*sets[:j], sets[j] | set(supplementary), *sets[j + 1:]]
            if len(set().union(*new)) <= inp.limit:
                yield from choices(state, j + 1, new)

    def go(i):
        if i == len(states):
            return True
        ur = states[i].ur
        for sets in choices(states[i], 0, [{c} for c in convention[ur]]):
            added = set().union(*sets) - set(convention[ur])
            for r in added:
                load[r] = load.get(r, 0) + 1
            drawn[ur] |= added
            if go(i + 1):
                return True
            drawn[ur] -= added
            for r in added:
                load[r] -= 1
            if nodes > budget:
                return False
        return False
    return "found" if go(0) else "unknown" if nodes > budget else "none"


def draw_v2(inp, states, base, stream, max_attempts):
    """Sections 6 (conditional law) and 7 (joint law) by whole-attempt rejection: versions 1 and 2, and the
    joint law of version 3. Returns (picks per State, attempts, completion attempts)."""
    for attempt in range(1, max_attempts + 1):
        load, drawn, convention, ok = dict(base), {}, {}, True
        for state in states:
            if inp.rules["supplementary_draw"] == "joint":
                picks, reviewers = state.sample_joint(stream)
                ok = not any(load.get(r, 0) >= inp.cap or (inp.mutual and state.ur in drawn.get(r, ()))
                             for r in sorted(reviewers))
                if ok:
                    for r in reviewers:
                        load[r] = load.get(r, 0) + 1
                    drawn[state.ur] = reviewers
                    convention[state.ur] = picks
            else:
                for _ in range(STATE_TRIES):
                    f = state.conv[stream.choose(state.conv_w)]
                    picks = [s.by_fewest[x][stream.below(len(s.by_fewest[x]))] for s, x in zip(state.slots, f)]
                    if len(set(picks)) == len(picks):
                        break
                else:
                    raise Bad(f"{state.ur}: no distinct Convention reviewers in {STATE_TRIES} tries")
                ok = admit(state.ur, picks, load, drawn, inp)
                convention[state.ur] = picks
            if not ok:
                break
        if not ok:
            continue
        if inp.rules["supplementary_draw"] == "joint":
            return convention, attempt, 0
        if completion_search(inp, states, convention, load, drawn, SEARCH_V2) == "none":
            continue
        profiles = {}
        for state in states:
            rows = [(k, math.prod(s.completions(c, x) for s, c, x in zip(state.slots, convention[state.ur], k)))
                    for k in itertools.product(range(4), repeat=len(state.slots)) if sum(k) <= state.allowed]
            profiles[state.ur] = [row for row in rows if row[1]]
        for completion in range(1, max_attempts + 1):
            stage_load, stage_drawn, result = dict(load), {k: set(v) for k, v in drawn.items()}, {}
            for state in states:
                rows, conv = profiles[state.ur], convention[state.ur]
                for _ in range(STATE_TRIES):
                    k = rows[stream.choose([w for _, w in rows])][0]
                    picks = [s.completion(stream, c, x) for s, c, x in zip(state.slots, conv, k)]
                    sets = [set(p.values()) for p in picks]
                    if sum(len(x) for x in sets) == len(set().union(*sets)):
                        break
                else:
                    raise Bad(f"{state.ur}: no distinct slots in {STATE_TRIES} tries")
                if not admit(state.ur, set().union(*sets), stage_load, stage_drawn, inp):
                    break
                result[state.ur] = picks
            else:
                return result, attempt, completion
        raise Bad(f"no completion accepted in {max_attempts} completion attempts")
    raise Bad(f"no draw accepted in {max_attempts} attempts")


# ----------------------------------------------------------------------------------------- section 6.1
class Tables:
    """Section 6.1.1: F_i[r][k], exact rationals, for steps i = 0..m and every State r of the input."""

    def __init__(self, steps, reviewers, cap):
        zero, one = Fraction(0), Fraction(1)
        pmf = [(one, *[zero] * cap)] * reviewers
        tables = [[tuple(itertools.accumulate(row)) for row in pmf]] * (len(steps) + 1)
        for i in reversed(range(len(steps))):
            if steps[i]:
                pmf, current = list(pmf), list(tables[i + 1])
                for r, q in steps[i].items():
                    row = pmf[r]
                    pmf[r] = tuple(row[k] * (1 - q) + (row[k - 1] * q if k else zero) for k in range(cap + 1))
                    current[r] = tuple(itertools.accumulate(pmf[r]))
                tables[i] = current
            else:
                tables[i] = tables[i + 1]
        self.tables = tables

    def f(self, i, r, k):
        return self.tables[i][r][k] if k >= 0 else Fraction(0)


class Step:
    """G and rho of section 6.1.1 at step i for the State under review `ur`."""

    def __init__(self, seq, tables, i, pool, candidates, load, drawn, ur):
        self.room = [seq.inp.cap - x for x in load]
        self.g = math.prod((tables.f(i + 1, r, self.room[r]) / tables.f(i, r, self.room[r]) for r in pool),
                           start=Fraction(1))
        self.rho = {r: (tables.f(i + 1, r, self.room[r] - 1) / tables.f(i + 1, r, self.room[r])
                        if seq.available(load, drawn, ur, r) else Fraction(0)) for r in candidates}

    def pick(self, stream, members):
        return members[stream.choice([self.rho[r] for r in members], remainder=False)]


class Sequential:
    """Version 3, conditional law: sequential acceptance-rejection (section 6.1)."""

    def __init__(self, inp, states, base):
        self.inp, self.states = inp, states
        self.ix = {c: i for i, c in enumerate(inp.codes)}
        self.base = [base.get(c, 0) for c in inp.codes]
        steps, self.stage1 = [], []
        for state in states:
            miss, size = {}, math.prod(len(s.candidates) for s in state.slots)
            for s in state.slots:
                for c in s.candidates:
                    miss[self.ix[c]] = miss.get(self.ix[c], Fraction(1)) * (1 - Fraction(1, len(s.candidates)))
            steps.append({r: 1 - m for r, m in sorted(miss.items())})
            profiles = []
            for f in state.conv:
                lists = [[self.ix[c] for c in s.by_fewest[x]] for s, x in zip(state.slots, f)]
                profiles.append((lists, sorted(set(lists[0]).intersection(*lists[1:])) if len(lists) > 1 else []))
            self.stage1.append((state, tuple(sorted(miss)), size, profiles))
        self.tables1 = Tables(steps, len(inp.codes), inp.cap)

    def available(self, load, drawn, ur, r):
        return load[r] < self.inp.cap and not (self.inp.mutual and ur in drawn.get(self.inp.codes[r], ()))

    def convention_attempt(self, stream):
        load, drawn, chosen = list(self.base), {}, {}
        for i, (state, pool, size, profiles) in enumerate(self.stage1):
            step = Step(self, self.tables1, i, pool, pool, load, drawn, state.ur)
            weights = [step.g / size * (math.prod((sum((step.rho[r] for r in lst), Fraction(0)) for lst in lists),
                                                  start=Fraction(1)) - sum(step.rho[r] ** 2 for r in overlap))
                       for lists, overlap in profiles]
            k = stream.choice(weights, remainder=True)
            if k == len(profiles):
                return None
            while True:
                picks = [step.pick(stream, lst) for lst in profiles[k][0]]
                if len(set(picks)) == len(picks):
                    break
            for r in picks:
                load[r] += 1
                drawn.setdefault(state.ur, set()).add(self.inp.codes[r])
            chosen[state.ur] = [self.inp.codes[r] for r in picks]
        return chosen, load, drawn

    def completion(self, convention, load, drawn):
        """Section 6.1.3: the shapes of every State whose Convention reviewers lack a Protocol, and the tables."""
        inp, steps, plans = self.inp, [], []
        for state in self.states:
            conv = convention[state.ur]
            if all(not s.lacking[c] for s, c in zip(state.slots, conv)):
                continue
            mine, per_slot = {self.ix[c] for c in conv}, []
            for s, c in zip(state.slots, conv):
                found = s.patterns[s.lacking[c]]
                per_slot.append([(p[0], p[1]) for k in sorted(found) for p in found[k]] if s.lacking[c] else [((), ())])
            shapes = []
            for combo in itertools.product(*per_slot):
                if sum(len(blocks) for blocks, _ in combo) > inp.limit - len(inp.slots):
                    continue
                lists = tuple(tuple(r for r in (self.ix[x] for x in choice)
                                    if r not in mine and self.available(load, drawn, state.ur, r))
                              for _, choices in combo for choice in choices)
                if math.prod(len(x) for x in lists):
                    shapes.append((tuple(blocks for blocks, _ in combo), lists, math.prod(len(x) for x in lists)))
            members = tuple(sorted({r for shape in shapes for block in shape[1] for r in block}))
            q = {}
            for r in members:
                low = min(1 - math.prod((1 - Fraction(1, len(b)) for b in shape[1] if r in b), start=Fraction(1))
                          for shape in shapes)
                if low:
                    q[r] = low
            steps.append(q)
            plans.append((state, shapes, sum(s[2] for s in shapes), tuple(sorted(q)), members))
        return plans, Tables(steps, len(inp.codes), inp.cap)

    def completion_attempt(self, stream, plans, tables, convention, load, drawn):
        load, drawn, picks = list(load), {k: set(v) for k, v in drawn.items()}, {}
        for i, (state, shapes, total, pool, members) in enumerate(plans):
            step = Step(self, tables, i, pool, members, load, drawn, state.ur)
            k = stream.choice([step.g / total * moebius(shape[1], step.rho) for shape in shapes], remainder=True)
            if k == len(shapes):
                return None
            patterns, blocks, _ = shapes[k]
            while True:
                values = [step.pick(stream, block) for block in blocks]
                if len(set(values)) == len(values):
                    break
            out, position = [], 0
            for s, c, slot_blocks in zip(state.slots, convention[state.ur], patterns):
                chosen = {}
                for block in slot_blocks:
                    chosen.update({p: self.inp.codes[values[position]] for p in block})
                    position += 1
                out.append({UNTOC: c, **{i: chosen.get(i, c) for i in s.instruments[1:]}})
            for r in values:
                load[r] += 1
                drawn.setdefault(state.ur, set()).add(self.inp.codes[r])
            picks[state.ur] = out
        return picks

    def draw(self, stream, max_attempts):
        for attempt in range(1, max_attempts + 1):
            outcome = self.convention_attempt(stream)
            if outcome is None:
                continue
            convention, load, drawn = outcome
            loads = {c: load[i] for i, c in enumerate(self.inp.codes)}
            status = completion_search(self.inp, self.states, convention, loads, drawn, SEARCH_V3)
            if status == "unknown":
                raise Bad(f"whether attempt {attempt} can be completed is undecided: a version-3 draw stops here")
            if status == "none":
                continue
            plans, tables = self.completion(convention, load, drawn)
            for completion in range(1, max_attempts + 1):
                done = self.completion_attempt(stream, plans, tables, convention, load, drawn)
                if done is not None:
                    return {st.ur: done.get(st.ur) or [{UNTOC: c, **{i: c for i in s.instruments[1:]}} for s, c in
                                                      zip(st.slots, convention[st.ur])] for st in self.states}, \
                        attempt, completion
            break
        raise Bad(f"no draw accepted in {max_attempts} attempts")


def moebius(blocks, rho):
    """Section 6.1.3: the sum over injective choices of one reviewer per block of the product of their rho."""
    total, sets = Fraction(0), [frozenset(b) for b in blocks]
    for part in partitions(len(blocks)):
        term = Fraction(math.prod(math.factorial(len(q) - 1) * (-1) ** (len(q) - 1) for q in part))
        for q in part:
            term *= sum((rho[r] ** len(q) for r in sets[q[0]].intersection(*(sets[b] for b in q[1:]))), Fraction(0))
        total += term
    return total


# ---------------------------------------------------------------------------------------- sections 8, 10
def assignments_of(ur, slot, picks):
    return [{"under_review": ur, "instrument": i, "reviewer": r, "slot": slot, "supplementary": r != picks[UNTOC]}
            for i, r in picks.items()]


def in_order(items):
    return sorted(items, key=lambda a: (a["under_review"], SLOTS.index(a["slot"]), INSTRUMENTS.index(a["instrument"])))


def seal(record):
    record["record_sha256"] = sha256({k: v for k, v in record.items() if k != "record_sha256"})
    return record


def draw_reviewers(inp, seed, max_attempts):
    states, base = plan(inp)
    digest = sha256(inp.to_json())
    stream = Stream(bytes.fromhex(digest), seed, inp.label("reviewers"))
    if inp.version >= 3 and inp.rules["supplementary_draw"] == "conditional":
        result, attempts, completion = Sequential(inp, states, base).draw(stream, max_attempts)
    else:
        result, attempts, completion = draw_v2(inp, states, base, stream, max_attempts)
    assignments = [a for st in states for s, picks in zip(st.slots, result[st.ur]) for a in
                   assignments_of(st.ur, s.slot, picks)]
    notes = [{"under_review": s, "code": "no_regional_group",
              "message": f"{s} has no regional group: its same-group slot is filled from any group"}
             for s in inp.under_review if inp.index[s]["group"] is None and SAME in inp.slots]
    return seal({"format": FORMAT, "kind": "reviewers", "algorithm": {"name": NAME, "version": inp.version},
                 "input": inp.to_json(), "input_sha256": digest, "seed": seed, "attempts": attempts,
                 "completion_attempts": completion, "assignments": in_order(assignments), "notes": notes,
                 "redraws": []})


def redraw(inp, record, entry):
    """Section 8: replay one redraw request on the replayed record; returns the record with the redraw."""
    ur, slot, by, at, seed = (expect(entry.get(k), str, f"redraw.{k}") for k in ("under_review", "slot", "by",
                                                                                 "at", "seed"))
    kind = "requested" if entry.get("kind") == "requested" else "declined"
    if ur not in inp.under_review or slot not in inp.slots:
        raise Bad(f"redraw: {ur} {slot} is not a slot of this draw")
    mine = {a["instrument"]: a for a in record["assignments"] if a["under_review"] == ur and a["slot"] == slot}
    conv = mine[UNTOC]["reviewer"]
    if kind == "requested":
        used = sum(1 for r in record["redraws"] if r["under_review"] == ur and r["kind"] == "requested")
        if by != ur or used >= inp.rules["max_redraws"]:
            raise Bad(f"redraw refused: requested by {by}, {used} earlier request(s), limit {inp.rules['max_redraws']}")
        refused_code = conv
    elif by not in {a["reviewer"] for a in mine.values()}:
        raise Bad(f"redraw refused: {by} is not a reviewer of {ur} in the {slot} slot")
    else:
        refused_code = by
    refused = {}
    for r in (*record["redraws"], {"under_review": ur, "refused": refused_code}):
        refused.setdefault(r["under_review"], set()).add(r["refused"])
    redrawn = set(mine) if refused_code == conv else {i for i, a in mine.items() if a["reviewer"] == refused_code}
    fixed = [a for a in record["assignments"]
             if not (a["under_review"] == ur and a["slot"] == slot and a["instrument"] in redrawn)]
    ctx = Context(inp, [(a["under_review"], a["reviewer"], a["instrument"]) for a in fixed
                        if not (a["under_review"] == ur and a["slot"] == slot)], refused)
    s = Slot(ctx, ur, slot)
    kept = {a["instrument"]: a["reviewer"] for a in fixed if a["under_review"] == ur and a["slot"] == slot}
    others = {a["reviewer"] for a in fixed if a["under_review"] == ur and a["slot"] != slot}
    allowed, moving = inp.limit - 1 - len(others), [i for i in INSTRUMENTS if i in redrawn]

    def fits(combo):
        chosen = set(kept.values()) | set(combo)
        return not chosen & others and len(chosen | others) <= inp.limit
    request = {"previous_record_sha256": record["record_sha256"], "under_review": ur, "slot": slot, "kind": kind,
               "by": by, "at": at}
    stream = Stream(hashlib.sha256(canonical(request)).digest(), seed,
                    inp.label(f"redraw/{len(record['redraws']) + 1}"))
    attempts = 1
    if refused_code == conv:
        state = State(ur, [s], allowed)
        if not state.joint:
            raise Bad(f"redraw: no replacement for {ur} {slot}")
        if inp.rules["supplementary_draw"] == "joint":
            picks = state.sample_joint(stream, frozenset(others))[0][0]
        else:
            cands = [c for c in s.candidates if c not in others and s.fewest(c) <= allowed]
            if inp.index[ur]["group"] is None:
                cands = [c for c in cands if any(len({c, *x} | others) <= inp.limit for x in
                                                 s.supplementary_choices(c, others, lambda *_: True, allowed))]
            if not cands:
                raise Bad(f"redraw: no replacement for {ur} {slot}")
            code = cands[stream.below(len(cands))]
            ks = [k for k in range(4) if k <= allowed and s.completions(code, k)]
            for _ in range(STATE_TRIES):
                picks = s.completion(stream, code, ks[stream.choose([s.completions(code, k) for k in ks])])
                if not set(picks.values()) & others:
                    break
            else:
                raise Bad(f"redraw: no completion avoiding the other slot in {STATE_TRIES} tries")
    else:
        if not all(s.pools[i] for i in moving) or not any(fits(c) for c in itertools.product(
                *(s.pools[i] for i in moving))):
            raise Bad(f"redraw: no replacement for {ur} {slot}")
        while True:
            combo = tuple(s.pools[i][stream.below(len(s.pools[i]))] for i in moving)
            if fits(combo):
                break
            attempts += 1
        picks = {**kept, **dict(zip(moving, combo))}
    new = [a for a in assignments_of(ur, slot, picks) if a["instrument"] in redrawn]
    done = {"under_review": ur, "slot": slot, "kind": kind, "by": by, "refused": refused_code, "at": at, "seed": seed,
            "previous_record_sha256": record["record_sha256"], "attempts": attempts,
            "replaced": in_order(mine[i] for i in redrawn), "replacement": in_order(new)}
    return seal({**record, "assignments": in_order([*fixed, *new]), "redraws": [*record["redraws"], done]})


# ------------------------------------------------------------------------------------------- section 9
def draw_year_groups(inp, groups, seed):
    digest = sha256(inp.to_json())
    stream = Stream(bytes.fromhex(digest), seed, inp.label(f"year-groups/{groups}"))
    buckets = {}
    for s in inp.states:
        if UNTOC in s["parties"]:
            buckets.setdefault(s["group"], []).append(s["code"])
    order = sorted(buckets, key=lambda g: (g is None, g or ""))

    def shuffle(items, count):
        for i in range(min(count, len(items) - 1)):
            j = i + stream.below(len(items) - i)
            items[i], items[j] = items[j], items[i]
        return items
    attempt = 0
    while attempt < GROUP_ATTEMPTS:
        attempt += 1
        sizes, extras = [0] * groups, {}
        for g in order:
            extras[g] = shuffle(list(range(groups)), len(buckets[g]) % groups)[:len(buckets[g]) % groups]
            for j in extras[g]:
                sizes[j] += 1
        if max(sizes) - min(sizes) <= 1:
            break
    else:
        raise Bad("no balanced split")
    members = [[] for _ in range(groups)]
    for g in order:
        shuffled, position = shuffle(list(buckets[g]), len(buckets[g])), 0
        for j in range(groups):
            n = len(buckets[g]) // groups + (j in extras[g])
            members[j] += shuffled[position:position + n]
            position += n
    return seal({"format": FORMAT, "kind": "year-groups", "algorithm": {"name": NAME, "version": inp.version},
                 "input": inp.to_json(), "input_sha256": digest, "seed": seed, "groups": groups, "attempts": attempt,
                 "year_groups": [{"year_group": i + 1, "states": sorted(m)} for i, m in enumerate(members)]})


# ---------------------------------------------------------------------------------------- sections 3-4
def rule_problems(inp, record):
    """Every rule of sections 3-4 the final assignments break (with the refused sets of the redraws)."""
    refused = {}
    for r in record["redraws"]:
        refused.setdefault(r["under_review"], set()).add(r["refused"])
    ctx, problems, fixed = Context(inp, (), refused), [], []
    by_key = {(a["under_review"], a["slot"], a["instrument"]): a for a in record["assignments"]}
    if len(by_key) != len(record["assignments"]):
        return ["two reviewers for one slot and instrument"]
    for ur in inp.under_review:
        seen = set()
        for slot in inp.slots:
            mine = {i: by_key.get((ur, slot, i)) for i in inp.index[ur]["parties"]}
            if any(a is None for a in mine.values()):
                problems.append(f"{ur}: {slot} slot is incomplete")
                continue
            conv, chosen = mine[UNTOC]["reviewer"], set()
            for i, a in mine.items():
                supplementary = i != UNTOC and not reviews_for(inp.index[conv], i)
                if (not supplementary and a["reviewer"] != conv) or a["supplementary"] != supplementary:
                    problems.append(f"{ur}: {slot} {i}: the Convention reviewer or the supplementary flag is wrong")
                bad = [c for c in ctx.reasons(ur, slot, i, a["reviewer"])
                       if c not in ("load_limit", "already_reviewing", "mutual")]
                problems += [f"{ur}: {a['reviewer']} ({slot}, {i}): {', '.join(bad)}"] if bad else []
                chosen.add(a["reviewer"])
                fixed.append((ur, a["reviewer"], i))
            if chosen & seen:
                problems.append(f"{ur}: {', '.join(sorted(chosen & seen))} fills more than one slot")
            seen |= chosen
        if len(seen) > inp.limit:
            problems.append(f"{ur}: {len(seen)} reviewing States (the limit is {inp.limit})")
    total, pairs = Context(inp, fixed), {(r, u) for u, r, _ in fixed}
    problems += [f"{r} reviews {len(total.load[r])} States" for r in sorted({r for r, _ in pairs})
                 if len(total.load[r]) > inp.cap]
    problems += [f"{r} and {u} would review each other" for r, u in sorted(pairs) if inp.mutual
                 and (u, r) in total.reviews and (r < u or (u, r) not in pairs)]
    return problems


def first_difference(given, replayed, path="record"):
    if isinstance(given, dict) and isinstance(replayed, dict):
        for key in sorted(set(given) | set(replayed)):
            if key not in replayed:
                return f"{path}.{key}: a field outside the record's format"
            if key not in given:
                return f"{path}.{key}: missing (the replay has {json.dumps(replayed[key])[:80]})"
            found = first_difference(given[key], replayed[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(given, list) and isinstance(replayed, list):
        for i, (a, b) in enumerate(zip(given, replayed)):
            found = first_difference(a, b, f"{path}[{i}]")
            if found:
                return found
        if len(given) != len(replayed):
            return f"{path}: {len(given)} entries, the replay has {len(replayed)}"
        return None
    if canonical(given) != canonical(replayed):
        return f"{path}: the record has {json.dumps(given)[:80]}, the replay gives {json.dumps(replayed)[:80]}"
    return None


def verify(data):
    """None when the record reproduces and obeys every rule; otherwise the first difference, in words."""
    record = expect(data, dict, "record")
    if record.get("format") != FORMAT or record.get("kind") not in ("reviewers", "year-groups"):
        return "not a treatyreview draw record (format, kind)"
    algorithm = record.get("algorithm")
    version = algorithm.get("version") if isinstance(algorithm, dict) else None
    if type(version) is not int or version not in (1, 2, 3) or canonical(algorithm) != canonical(
            {"name": NAME, "version": version}):
        return f"algorithm: {json.dumps(algorithm)[:80]} is not treatyreview-lots version 1, 2 or 3"
    inp = Input(record.get("input"), record["kind"] == "reviewers", version)
    if canonical(record["input"]) != canonical(inp.to_json()):
        return "input: not in canonical form (section 1.1)"
    if record.get("input_sha256") != sha256(inp.to_json()):
        return f"input_sha256: the input hashes to {sha256(inp.to_json())} (section 1.2)"
    if record.get("record_sha256") != sha256({k: v for k, v in record.items() if k != "record_sha256"}):
        return "record_sha256: does not match the record (section 10)"
    seed = expect(record.get("seed"), str, "seed")
    if record["kind"] == "year-groups":
        groups = expect(record.get("groups"), int, "groups")
        if groups < 1:
            return "groups: must be at least 1"
        return first_difference(record, draw_year_groups(inp, groups, seed))
    budget = max(expect(record.get("attempts"), int, "attempts"),
                 expect(record.get("completion_attempts", 0), int, "completion_attempts"), 1)
    replay = draw_reviewers(inp, seed, budget)
    entries = expect(record.get("redraws", []), list, "redraws")
    for i, entry in enumerate(entries):
        expect(entry, dict, f"redraws[{i}]")
        if entry.get("previous_record_sha256") != replay["record_sha256"]:
            return f"redraws[{i}].previous_record_sha256: the replayed record is {replay['record_sha256']}"
        replay = redraw(inp, replay, entry)
        found = first_difference(entry, replay["redraws"][-1], f"record.redraws[{i}]")
        if found:
            return found
    found = first_difference(record, replay)
    if found:
        return found
    problems = rule_problems(inp, record)
    return f"a rule is broken: {problems[0]}" if problems else None


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 2 if not argv else 0
    failed = False
    for path in argv:
        prefix = f"{path}: " if len(argv) > 1 else ""
        try:
            with open(path, encoding="utf-8") as handle:
                problem = verify(json.load(handle))
        except (OSError, ValueError) as error:
            problem = f"cannot read the record ({error})"
        except Bad as error:
            problem = str(error)
        except (KeyError, TypeError, AttributeError, IndexError, ZeroDivisionError, RecursionError) as error:
            problem = f"the record is malformed ({type(error).__name__}: {error})"
        print(prefix + (problem or "reproduced"), file=sys.stdout if problem is None else sys.stderr)
        failed = failed or problem is not None
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
