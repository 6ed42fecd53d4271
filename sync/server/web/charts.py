"""Charts drawn on the server as inline SVG: no JavaScript, nothing fetched, readable when printed.

Two kinds are enough for the dashboards: grouped bars (month by month) and lines with an optional
dashed threshold line (malaria per week). Labels are Indonesian; numbers are written ``1.234`` and
``1,5``. Every chart carries a <title> and <desc> for screen readers; the table beside it holds the
same numbers.
"""

from __future__ import annotations

from html import escape

from markupsafe import Markup

from sync.server.web import formats

PALETTE = ("#1f5f8b", "#e07b39", "#3c8d5a", "#8b3a62", "#6b6b6b")
WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 16, 44


def number(value, decimals: int = 0) -> str:
    """1234 -> "1.234", 1.5 -> "1,5" (Indonesian); None -> "–"."""
    if value is not None and not decimals and not float(value).is_integer():
        decimals = 1
    return formats.number(value, "id", decimals)


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    step = 1
    while step * 10 < value:
        step *= 10
    for m in (1, 2, 2.5, 5, 10):
        if value <= m * step:
            return m * step
    return 10 * step


def _frame(title: str, desc: str, top: float, labels: list[str], every: int) -> list[str]:
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
           f'class="chart" font-family="sans-serif" font-size="11">',
           f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>"]
    for i in range(5):
        v = top * i / 4
        y = TOP + plot_h - plot_h * i / 4
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{number(v, 0 if v.is_integer() else 1)}</text>')
    n = max(1, len(labels))
    for i, label in enumerate(labels):
        if i % every:
            continue
        x = LEFT + plot_w * (i + 0.5) / n
        out.append(f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">{escape(label)}</text>')
    return out


def _legend(names: list[str], dashed: str | None = None) -> list[str]:
    out, x = [], LEFT
    for i, name in enumerate(names):
        out.append(f'<rect x="{x}" y="{HEIGHT - 14}" width="10" height="10" fill="{PALETTE[i % len(PALETTE)]}"/>')
        out.append(f'<text x="{x + 14}" y="{HEIGHT - 5}">{escape(name)}</text>')
        x += 24 + 7 * len(name)
    if dashed:
        out.append(f'<line x1="{x}" x2="{x + 18}" y1="{HEIGHT - 9}" y2="{HEIGHT - 9}" stroke="#c0392b" '
                   f'stroke-dasharray="4 3" stroke-width="2"/>')
        out.append(f'<text x="{x + 22}" y="{HEIGHT - 5}">{escape(dashed)}</text>')
    return out


def bars(title: str, labels: list[str], series: dict[str, list[float]]) -> Markup:
    """Grouped bars: one group per label, one bar per series."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top = _nice_max(max([v or 0 for values in series.values() for v in values] or [0]))
    desc = "; ".join(f"{name}: " + ", ".join(f"{lab} {number(v)}" for lab, v in zip(labels, values, strict=False))
                     for name, values in series.items())
    out = _frame(title, desc, top, labels, max(1, len(labels) // 12))
    n, k = max(1, len(labels)), max(1, len(series))
    group = plot_w / n
    bar = group * 0.8 / k
    for s, (name, values) in enumerate(series.items()):
        for i, v in enumerate(values):
            h = plot_h * (v or 0) / top
            x = LEFT + group * i + group * 0.1 + bar * s
            out.append(f'<rect x="{x:.1f}" y="{TOP + plot_h - h:.1f}" width="{max(bar - 1, 1):.1f}" height="{h:.1f}" '
                       f'fill="{PALETTE[s % len(PALETTE)]}"><title>{escape(name)} {escape(labels[i])}: '
                       f'{number(v)}</title></rect>')
    out += _legend(list(series))
    out.append("</svg>")
    return Markup("".join(out))


def lines(title: str, labels: list[str], series: dict[str, list[float]],
          threshold: list[float | None] | None = None, threshold_label: str = "Ambang") -> Markup:
    """Lines, one per series; ``threshold`` (per label, None where unknown) as a dashed red line."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    values = [v or 0 for vs in series.values() for v in vs] + [t for t in threshold or [] if t is not None]
    top = _nice_max(max(values or [0]))
    n = max(1, len(labels))

    def point(i: int, v: float) -> str:
        return f"{LEFT + plot_w * (i + 0.5) / n:.1f},{TOP + plot_h - plot_h * v / top:.1f}"

    desc = "; ".join(f"{name}: " + ", ".join(f"{lab} {number(v)}" for lab, v in zip(labels, vs, strict=False))
                     for name, vs in series.items())
    out = _frame(title, desc, top, labels, max(1, len(labels) // 13))
    if threshold:
        runs, run = [], []
        for i, t in enumerate(threshold):
            if t is None:
                if run:
                    runs.append(run)
                run = []
            else:
                run.append(point(i, t))
        if run:
            runs.append(run)
        for r in runs:
            out.append(f'<polyline points="{" ".join(r)}" fill="none" stroke="#c0392b" stroke-width="2" '
                       f'stroke-dasharray="4 3"/>')
    for s, vs in enumerate(series.values()):
        color = PALETTE[s % len(PALETTE)]
        out.append(f'<polyline points="{" ".join(point(i, v or 0) for i, v in enumerate(vs))}" fill="none" '
                   f'stroke="{color}" stroke-width="2"/>')
        for i, v in enumerate(vs):
            over = threshold and threshold[i] is not None and (v or 0) > threshold[i]
            if over:
                out.append(f'<circle cx="{point(i, v).split(",")[0]}" cy="{point(i, v).split(",")[1]}" r="4" '
                           f'fill="#c0392b"><title>{escape(labels[i])}: {number(v)} &gt; '
                           f'{number(threshold[i], 1)}</title></circle>')
    out += _legend(list(series), threshold_label if threshold else None)
    out.append("</svg>")
    return Markup("".join(out))
