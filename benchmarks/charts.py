"""Two small SVG charts for RESULTS.md, drawn from the measured numbers: build time against
the number of articles per tool, and page weight per page type against the anchors."""

from __future__ import annotations

from html import escape

__all__ = ["bar_chart", "line_chart"]

COLOURS = ["#8a3a17", "#1d4ed8", "#3f7f3f", "#6b4c9a", "#777777"]
FONT = 'font-family="system-ui, sans-serif" font-size="12"'


def line_chart(title: str, xs: list[int], series: dict[str, list[float]], unit: str) -> str:
    """One line per series over ``xs`` (both axes from zero)."""
    width, height, left, bottom, top, right = 560, 300, 56, 40, 34, 150
    top_value = max(max(v) for v in series.values()) * 1.1 or 1
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(value: float) -> float:
        return left + plot_w * value / max(xs)

    def y(value: float) -> float:
        return top + plot_h * (1 - value / top_value)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(title)}">',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="{left}" y="20" {FONT} font-weight="bold">{escape(title)}</text>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        'stroke="#333"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#333"/>',
    ]
    for tick in range(5):
        value = top_value * tick / 4
        parts.append(
            f'<text x="{left - 6}" y="{y(value) + 4:.1f}" {FONT} text-anchor="end">'
            f"{value:.1f}</text>"
        )
    for value in xs:
        parts.append(
            f'<text x="{x(value):.1f}" y="{top + plot_h + 16}" {FONT} '
            f'text-anchor="middle">{value}</text>'
        )
    parts.append(
        f'<text x="{left + plot_w / 2}" y="{height - 6}" {FONT} '
        'text-anchor="middle">articles</text>'
    )
    parts.append(
        f'<text x="12" y="{top + plot_h / 2}" {FONT} transform="rotate(-90 12 '
        f'{top + plot_h / 2})" text-anchor="middle">{escape(unit)}</text>'
    )
    for index, (name, values) in enumerate(series.items()):
        colour = COLOURS[index % len(COLOURS)]
        points = " ".join(f"{x(a):.1f},{y(b):.1f}" for a, b in zip(xs, values, strict=True))
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>'
        )
        for a, b in zip(xs, values, strict=True):
            parts.append(f'<circle cx="{x(a):.1f}" cy="{y(b):.1f}" r="3" fill="{colour}"/>')
        legend_y = top + 16 * index
        parts.append(
            f'<rect x="{left + plot_w + 14}" y="{legend_y - 9}" width="10" height="10" '
            f'fill="{colour}"/><text x="{left + plot_w + 28}" y="{legend_y}" {FONT}>'
            f"{escape(name)}</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def bar_chart(title: str, bars: dict[str, float], unit: str) -> str:
    """Horizontal bars, longest scale first; values in ``unit`` (KB)."""
    row, left, width = 26, 190, 560
    height = 40 + row * len(bars)
    top_value = max(bars.values()) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(title)}">',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="8" y="20" {FONT} font-weight="bold">{escape(title)}</text>',
    ]
    for index, (name, value) in enumerate(bars.items()):
        y = 32 + row * index
        length = (width - left - 80) * value / top_value
        colour = COLOURS[1] if name.startswith("anchor") else COLOURS[0]
        parts.append(
            f'<text x="{left - 8}" y="{y + 14}" {FONT} text-anchor="end">{escape(name)}</text>'
        )
        parts.append(
            f'<rect x="{left}" y="{y}" width="{max(length, 1):.1f}" height="18" fill="{colour}"/>'
        )
        parts.append(
            f'<text x="{left + max(length, 1) + 6:.1f}" y="{y + 14}" {FONT}>'
            f"{value:.1f} {escape(unit)}</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
