"""Geometry of the IDM ring (docs/board-pages.md, "The ring"): a frame (principles), three rings
(legacy, results, stakeholders), a core of three sectors (direction, design, operations) and a
bar (cadence), with every label placed so that none collides with another, each sits on a solid
band rather than on a state's pattern, and an icon stays upright.

Text widths are estimated from the number of characters (a bold character at most
`BOLD_EM` of the font size wide), generously, so a box computed here holds the text a browser
draws; `label_boxes` gives the boxes a test checks.
"""
from __future__ import annotations

import functools
import math
from typing import Any, Dict, List, Mapping, Tuple

CX, CY = 300.0, 320.0
# Ring boundaries from the inside out: a ring is drawn GAP inside its boundaries, so two rings
# (or a ring and the core) always have a strip of page between them, whatever their states.
BOUNDS = {"stakeholders": (120.0, 162.0), "results": (162.0, 204.0), "legacy": (204.0, 246.0)}
GAP = 3.0
CORE = BOUNDS["stakeholders"][0] - GAP   # the sectors' radius
SECTORS = (("direction", -90.0), ("design", 30.0), ("operations", 150.0))
SECTOR_SHIFT = 3.0      # each sector moved out along its bisector: a gap between sectors
NAME_SIZE, W_SIZE = 19.0, 16.0          # ring labels (CSS svg.ring text.name / text.w)
CORE_SIZES = (17.0, 16.0, 15.0, 14.0, 13.0, 12.0)   # core labels: the largest that fits
BOLD_EM, REGULAR_EM, ICON_EM = 0.62, 0.55, 1.0
LINE = 1.2                               # line height in font sizes
BAND = 34.0                              # width of the solid band under a ring's labels
PAD = 10.0                               # band beyond the text, each side


def text_width(text: str, size: float, bold: bool = False) -> float:
    """A generous estimate of the width of `text` at `size` px."""
    em = BOLD_EM if bold else REGULAR_EM
    return sum(size * (ICON_EM if ord(ch) > 0x2000 else em) for ch in text)


def _arc(r: float, half_angle: float) -> str:
    """An arc of radius r over the top, left to right, `half_angle` (radians) either side."""
    a0, a1 = -math.pi / 2 - half_angle, -math.pi / 2 + half_angle
    return "M{x0:.1f},{y0:.1f} A{r},{r} 0 0,1 {x1:.1f},{y1:.1f}".format(
        x0=CX + r * math.cos(a0), y0=CY + r * math.sin(a0), r=r,
        x1=CX + r * math.cos(a1), y1=CY + r * math.sin(a1))


def _annulus(r0: float, r1: float) -> str:
    return ("M{a},{cy} A{r1},{r1} 0 1,0 {b},{cy} A{r1},{r1} 0 1,0 {a},{cy} Z "
            "M{c},{cy} A{r0},{r0} 0 1,0 {e},{cy} A{r0},{r0} 0 1,0 {c},{cy} Z").format(
        a=CX - r1, b=CX + r1, c=CX - r0, e=CX + r0, cy=CY, r0=r0, r1=r1)


def _ring_segment(d: Mapping[str, Any], r0: float, r1: float, anchor: str) -> Dict[str, Any]:
    """One ring: its shape, and its name (with the count) and W question on two arcs over the
    top, on a solid band; the icon upright just left of the name."""
    inner, outer = r0 + GAP, r1 - GAP
    mid = (inner + outer) / 2.0
    name_r, w_r = mid + 2.0, mid - 13.0
    name = "%s \u00b7 %s" % (d["name"], d["count"])
    name_w = text_width(name, NAME_SIZE, bold=True)
    w_w = text_width(d["w"], W_SIZE)
    icon_w = NAME_SIZE * ICON_EM
    # half angles (radians) the texts take on their arcs; the icon sits left of the name
    name_half = name_w / 2.0 / name_r
    icon_angle = name_half + (icon_w / 2.0 + 4.0) / name_r
    band_half = max(icon_angle + (icon_w / 2.0 + PAD) / mid, w_w / 2.0 / w_r + PAD / mid)
    a = -math.pi / 2 - icon_angle
    return dict(
        d, kind="ring", path=_annulus(inner, outer), band=_arc(mid, band_half),
        band_half=band_half, mid=mid, label=name,
        arc_outer=_arc(name_r, math.pi / 2), arc_inner=_arc(w_r, math.pi / 2),
        arc_id_outer="%s-arc-%s-o" % (anchor, d["key"]),
        arc_id_inner="%s-arc-%s-i" % (anchor, d["key"]),
        # the icon's centre, level with the middle of the name's letters
        icon_x=round(CX + (name_r + NAME_SIZE * 0.35) * math.cos(a), 1),
        icon_y=round(CY + (name_r + NAME_SIZE * 0.35) * math.sin(a), 1),
        name_size=NAME_SIZE, name_w=name_w, name_r=name_r, w_w=w_w, w_r=w_r)


def _sector_lines(d: Mapping[str, Any]) -> Tuple[Tuple[str, bool], ...]:
    """The lines of a core label: name (bold), W question, icon and count: each line short, so
    the label fits its sector at a readable size."""
    return ((d["name"], True), (d["w"], False), ("%s %s" % (d["icon"], d["count"]), True))


def _box(x: float, y: float, size: float, lines: Tuple[Tuple[str, bool], ...]
         ) -> Tuple[float, float, float, float]:
    width, height = _extent(size, lines)
    return x - width / 2, y - height / 2, x + width / 2, y + height / 2


@functools.lru_cache(maxsize=1024)
def _extent(size: float, lines: Tuple[Tuple[str, bool], ...]) -> Tuple[float, float]:
    return (max(text_width(text, size, bold) for text, bold in lines),
            len(lines) * size * LINE)


def _inside_sector(box: Tuple[float, float, float, float], angle: float) -> bool:
    """Every corner of `box` inside the sector at `angle` (±60°), 3 px clear of its edges and
    4 px of its arc."""
    apex_x = CX + SECTOR_SHIFT * math.cos(math.radians(angle))
    apex_y = CY + SECTOR_SHIFT * math.sin(math.radians(angle))
    for x, y in ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])):
        dx, dy = x - apex_x, y - apex_y
        dist = math.hypot(dx, dy)
        if dist > CORE - 4.0:
            return False
        off = (math.degrees(math.atan2(dy, dx)) - angle + 180.0) % 360.0 - 180.0
        if abs(off) > 60.0 or dist * math.sin(math.radians(60.0 - abs(off))) < 3.0:
            return False
    return True


# Places a core label may take, as offsets from the sector's middle, nearest first.
_OFFSETS = sorted(((i, j) for i in range(-48, 49, 3) for j in range(-48, 49, 3)),
                  key=lambda o: (math.hypot(*o), o))


@functools.lru_cache(maxsize=256)
def _place(angle: float, lines: Tuple[Tuple[str, bool], ...]
           ) -> Tuple[float, float, float, Tuple[float, float, float, float]]:
    """Size and centre of a core label: the largest size at which it fits its sector, at the
    place nearest the sector's middle (on the bisector at 55% of the radius)."""
    a = math.radians(angle)
    ax, ay = CX + SECTOR_SHIFT * math.cos(a), CY + SECTOR_SHIFT * math.sin(a)
    gx, gy = ax + 0.55 * CORE * math.cos(a), ay + 0.55 * CORE * math.sin(a)
    for size in CORE_SIZES:
        for i, j in _OFFSETS:
            box = _box(gx + i, gy + j, size, lines)
            if _inside_sector(box, angle):
                return size, gx + i, gy + j, box
    size = CORE_SIZES[-1]            # no fit at any size: the smallest, in the middle
    return size, gx, gy, _box(gx, gy, size, lines)


def _sector_segment(d: Mapping[str, Any], angle: float) -> Dict[str, Any]:
    a0, a1 = math.radians(angle - 60), math.radians(angle + 60)
    sx = CX + SECTOR_SHIFT * math.cos(math.radians(angle))
    sy = CY + SECTOR_SHIFT * math.sin(math.radians(angle))
    path = "M{cx:.1f},{cy:.1f} L{x0:.1f},{y0:.1f} A{r},{r} 0 0,1 {x1:.1f},{y1:.1f} Z".format(
        cx=sx, cy=sy, r=CORE, x0=sx + CORE * math.cos(a0), y0=sy + CORE * math.sin(a0),
        x1=sx + CORE * math.cos(a1), y1=sy + CORE * math.sin(a1))
    lines = _sector_lines(d)
    size, x, y, box = _place(angle, lines)
    top = y - len(lines) * size * LINE / 2.0
    baselines = [round(top + size * LINE * (i + 0.8), 1) for i in range(len(lines))]
    return dict(d, kind="sector", path=path, tx=round(x, 1), size=size, lines=lines,
                y_name=baselines[0], y_w=baselines[1], y_count=baselines[2],
                box=tuple(round(v, 1) for v in box))


def layout(domains: Mapping[str, Mapping[str, Any]], anchor: str) -> Dict[str, Any]:
    """The ring of one initiative: segments in drawing order, frame and cadence."""
    segs = [_ring_segment(domains[dom], r0, r1, anchor)
            for dom, (r0, r1) in sorted(BOUNDS.items(), key=lambda kv: -kv[1][0])]
    segs += [_sector_segment(domains[dom], angle) for dom, angle in SECTORS]
    frame = "M8,8 H592 V632 H8 Z M52,52 V588 H548 V52 Z"
    return {"segments": segs,
            "frame": dict(domains["principles"], path=frame,
                          band=_straight_band(domains["principles"], 30.0)),
            "cadence": dict(domains["cadence"], band=_straight_band(domains["cadence"], 665.0)),
            "title_id": anchor + "-ring-title", "desc_id": anchor + "-ring-desc"}


def _straight_band(d: Mapping[str, Any], middle: float) -> Dict[str, float]:
    """The solid ground under a straight label (the frame's, the cadence bar's) centred at
    x 300 and height `middle`: "icon name · W · count" at NAME_SIZE."""
    text = "%s %s · %s · %s" % (d["icon"], d["name"], d["w"], d["count"])
    width = min(text_width(text, NAME_SIZE, bold=True) + 2 * PAD, 560.0)
    return {"x": round(CX - width / 2, 1), "y": middle - 13.0, "width": round(width, 1),
            "height": 26.0}


def label_boxes(ring: Mapping[str, Any]) -> List[Tuple[str, Tuple[float, float, float, float]]]:
    """The boxes of the core labels and of the rings' upright icons, for a test: none may
    overlap another, and each core label lies inside its sector."""
    out = []
    for s in ring["segments"]:
        if s["kind"] == "sector":
            out.append((s["key"], s["box"]))
        else:
            half = s["name_size"] * ICON_EM / 2.0
            out.append((s["key"] + ":icon", (s["icon_x"] - half, s["icon_y"] - half,
                                             s["icon_x"] + half, s["icon_y"] + half)))
    return out
