"""The IDM ring's labels (engine/report/ring.py): in every language, every state and with counts
up to three digits, no two labels overlap, each core label stays inside its sector on a solid
band, a ring's icon stands apart from its curved name, rings and sectors keep a gap between them,
and a segment counts errors and warnings only."""
from __future__ import annotations

import itertools
import math
import re

import pytest

from idm.engine.check.run import check
from idm.engine.i18n import LANGS, catalogue
from idm.engine.model import DOMAINS
from idm.engine.pack.rulepack import load_ruleset_collecting
from idm.engine.report import html as html_report
from idm.engine.report import labels, ring
from idm.engine.report.states import STATES

DATE = "2026-11-22"


def _domains(lang: str, state: str, count: int) -> dict:
    """Every domain in one state with one count, named as the report names it."""
    return {d: {"key": d, "name": labels.domain_name(d, lang),
                "w": catalogue(lang).get("report.w." + d, ""), "state": state,
                "icon": html_report.ICONS[state], "count": count} for d in DOMAINS}


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


CASES = [(lang, state, count) for lang in LANGS for state in STATES for count in (0, 999)]


@pytest.mark.parametrize("lang,state,count", CASES)
def test_no_two_labels_overlap(lang, state, count):
    layout = ring.layout(_domains(lang, state, count), "x")
    boxes = ring.label_boxes(layout)
    assert len(boxes) == 6
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        assert not _overlap(box_a, box_b), (lang, a, b, box_a, box_b)


@pytest.mark.parametrize("lang,state,count", CASES)
def test_core_labels_stay_inside_their_sectors(lang, state, count):
    layout = ring.layout(_domains(lang, state, count), "x")
    for s in (s for s in layout["segments"] if s["kind"] == "sector"):
        angle = dict(ring.SECTORS)[s["key"]]
        x0, y0, x1, y1 = s["box"]
        for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1)):
            dx, dy = x - ring.CX, y - ring.CY
            assert math.hypot(dx, dy) < ring.CORE, (lang, s["key"], s["box"])
            off = (math.degrees(math.atan2(dy, dx)) - angle + 180) % 360 - 180
            assert abs(off) < 60, (lang, s["key"], s["box"])
        assert s["size"] >= 13      # still readable


@pytest.mark.parametrize("lang", LANGS)
def test_a_rings_icon_stands_apart_from_its_name_and_the_text_stays_on_the_band(lang):
    layout = ring.layout(_domains(lang, "missing_warning", 999), "x")
    for s in (s for s in layout["segments"] if s["kind"] == "ring"):
        name_half = s["name_w"] / 2 / s["name_r"]           # radians either side of the top
        icon = math.atan2(s["icon_y"] - ring.CY, s["icon_x"] - ring.CX) + math.pi / 2
        icon_half = ring.NAME_SIZE / 2 / s["name_r"]
        assert -icon - icon_half > name_half, s["key"]      # left of the name, not on it
        # the band reaches past both texts and stays on the upper half of the ring
        assert s["band_half"] > name_half and s["band_half"] > s["w_w"] / 2 / s["w_r"]
        assert s["band_half"] < math.pi / 2


def test_rings_and_sectors_keep_a_gap_between_them():
    radii = []
    for dom, (r0, r1) in ring.BOUNDS.items():
        radii.append((r0 + ring.GAP, r1 - ring.GAP))
    radii.sort()
    assert ring.CORE < radii[0][0]
    for (_, outer), (inner, _) in zip(radii, radii[1:]):
        assert inner - outer >= 2 * ring.GAP
    assert ring.SECTOR_SHIFT > 0


def test_an_info_finding_does_not_count_in_a_segment():
    """RIV-2026-001's only principles finding is an info (EXC-005): its segment is in order and
    counts 0, as do its matrix cell and its row of the ring's table."""
    rs, problems = load_ruleset_collecting(None)
    assert not problems
    result = check(["examples/portfolio"], rs, DATE)
    ini = next(r for r in result.initiatives if r.id == "RIV-2026-001")
    assert [f.severity.name for f in ini.findings if f.domain == "principles"] == ["info"]
    page = html_report.render(result, "nl")
    start = page.index('id="ini-riv-2026-001"')
    seg = re.search(r'<g class="seg frame" data-domain="principles" data-state="(\w+)" '
                    r'data-count="(\d+)">', page[start:])
    assert seg.groups() == ("clean", "0")
    assert "\u2713 Principes \u00b7 Binnen welke kaders? \u00b7 0" in page[start:]
