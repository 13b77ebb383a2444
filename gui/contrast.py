"""Contrast of text on a background, as WCAG 2 defines it, in plain Python: the relative
luminance of an sRGB colour and the ratio (L1 + 0.05) / (L2 + 0.05) of two luminances."""

BLACK, WHITE = (0.0, 0.0, 0.0), (1.0, 1.0, 1.0)
AA = 4.5   # the least ratio of normal text to its background (WCAG AA)


def linear(channel):
    """An sRGB channel in [0, 1] as linear light."""
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def luminance(rgb):
    """Relative luminance 0.2126 R + 0.7152 G + 0.0722 B of linear channels, rgb in [0, 1]."""
    r, g, b = (linear(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a, b):
    """The contrast ratio of two colours (1 to 21), whichever is lighter."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_on(rgb):
    """Black or white, whichever contrasts more with `rgb` (either one reaches at least 4.58:1)."""
    return BLACK if ratio(BLACK, rgb) >= ratio(WHITE, rgb) else WHITE


def hex_rgb(colour):
    """`#rrggbb` as (r, g, b) in [0, 1]."""
    colour = colour.lstrip("#")
    return tuple(int(colour[i:i + 2], 16) / 255 for i in (0, 2, 4))
