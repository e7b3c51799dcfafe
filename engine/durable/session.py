"""The durable_rules C API (durable_rules_engine), wrapped: the only module that calls it.

Rulesets are created here under process-unique names (one allocator for every ruleset idm
makes), facts are asserted and firings drained here, and sessions are cleaned up here, so the
engine's quirks (docs/design/durable-rules.md) are handled in one place.
"""
from __future__ import annotations

import itertools
import json
from typing import Any, Callable, Iterable, List, Mapping, Optional, Tuple

try:
    import durable_rules_engine as dre
except ImportError as e:  # pragma: no cover - depends on how durable-rules was built
    # durable-rules 2.0.28 calls PyEval_CallObject, which Python 3.13 removed: built without the
    # README's CPPFLAGS its C module has an undefined symbol.  Say how to mend it instead of
    # letting a C-level ImportError surface (docs/design/durable-rules.md, Packaging).
    if "PyEval_CallObject" not in str(e):
        raise
    import sys
    raise SystemExit(
        "idm: durable-rules was built for Python %d.%d without the needed flag; reinstall it "
        "with\n  CPPFLAGS=-DPyEval_CallObject=PyObject_CallObject pip install --force-reinstall "
        "--no-cache-dir durable-rules==2.0.28" % sys.version_info[:2]) from None

from ..errors import EngineError

_names = itertools.count(1)   # ruleset names must be unique within the process


def _fact_encoder() -> Callable[[Any], str]:
    """json.dumps for facts, its C encoder made once: json.dumps makes one per call (and keeps
    a set of the containers seen, which a fact, a tree made just before, does not need): a
    tenth of the time of asserting a fact.  The same text as json.dumps."""
    from json.encoder import c_make_encoder, encode_basestring_ascii  # type: ignore[attr-defined]
    if c_make_encoder is None:   # pragma: no cover - CPython always has it
        return json.dumps
    make = c_make_encoder(None, _not_json, encode_basestring_ascii, None, ": ", ", ", False,
                          False, True)
    return lambda value: "".join(make(value, 0))


def _not_json(value: Any) -> Any:
    raise TypeError("Object of type %s is not JSON serializable" % type(value).__name__)


fact_text = _fact_encoder()


def create(kind: str, rules: Mapping[str, Any]) -> int:
    """A new ruleset of these durable_rules definitions; its handle."""
    return dre.create_ruleset("idm-%s%d" % (kind, next(_names)), json.dumps(rules))


def delete(handle: int) -> None:
    dre.delete_ruleset(handle)


def fire_fact(facts: Iterable[Tuple[int, str]], sid: str, fact_id: str) -> List[str]:
    """Assert one fact (JSON text, in session `sid` with id `fact_id`) into each ruleset of
    `facts` (handle, text: the fact as that ruleset gets it), take the names of the rules that
    fired, and retract it: working memory is empty afterwards."""
    gone = '{"sid":"%s","id":"%s"}' % (sid, fact_id)
    fired: List[str] = []
    for h, text in facts:
        try:
            rc, off = dre.assert_fact(h, text)
        except dre.error as e:
            raise EngineError("durable_rules refused a fact (error %s)" % (e,)) from None
        if rc == 2:
            raise EngineError("durable_rules still holds a previous fact")
        try:
            res = dre.start_action_for_state(h, off) if rc == 0 else None
            msgs = res[1] if res else None
            while msgs:                       # '{"<rule name>":{"m":{...}}}'
                fired.append(msgs[2:msgs.index('"', 2)])
                msgs = dre.complete_and_start_action(h, off)
        except BaseException:
            dre.abandon_action(h, off)        # a leased session would hide later findings
            raise
        finally:
            dre.retract_fact(h, gone)
    return fired


def fire_session(handle: int, facts: Iterable[dict], sid: str, skip: str,
                 fired: Callable[[dict], None],
                 transient: Optional[Callable[[dict], bool]] = None) -> None:
    """Assert `facts` into a fresh session `sid` of a ruleset; `fired(message)` with the matched
    facts of every firing whose rule is not `skip`.  A fact for which `transient(fact)` is true
    is retracted once its firings are taken (it can match nothing later: working memory stays
    the size of the facts kept).  The session is deleted afterwards."""
    asserted = False
    skipped = '{"%s"' % skip
    try:
        for i, f in enumerate(facts):
            f["sid"], f["id"] = sid, "j%d" % i
            rc, off = dre.assert_fact(handle, fact_text(f))
            asserted = True
            try:
                res = dre.start_action_for_state(handle, off) if rc == 0 else None
                msgs = res[1] if res else None
                while msgs:
                    if not msgs.startswith(skipped):
                        (m,) = json.loads(msgs).values()
                        fired(m)
                    msgs = dre.complete_and_start_action(handle, off)
            except BaseException:
                dre.abandon_action(handle, off)
                raise
            if transient is not None and transient(f):
                dre.retract_fact(handle, '{"sid":"%s","id":"%s"}' % (sid, f["id"]))
    finally:
        if asserted:
            dre.delete_state(handle, sid)
