"""Contrast of text on a background, as WCAG 2 defines it: the relative luminance of an sRGB
colour and the ratio (L1 + 0.05) / (L2 + 0.05) of two luminances. The luminance takes one
colour or an array of them, so a heatmap's text colours are chosen for every cell at once."""
import numpy as np

BLACK, WHITE = (0.0, 0.0, 0.0), (1.0, 1.0, 1.0)
AA = 4.5   # the least ratio of normal text to its background (WCAG AA)


def luminances(rgb):
    """Relative luminance 0.2126 R + 0.7152 G + 0.0722 B of the linear channels, for colours
    (..., 3+) in [0, 1]; an sRGB channel c is linear light c / 12.92 up to 0.04045, else
    ((c + 0.055) / 1.055) ** 2.4."""
    c = np.asarray(rgb, dtype=float)[..., :3]
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * linear[..., 0] + 0.7152 * linear[..., 1] + 0.0722 * linear[..., 2]


def luminance(rgb):
    """The relative luminance of one colour (r, g, b) in [0, 1]."""
    return float(luminances(rgb))


def ratio(a, b):
    """The contrast ratio of two colours (1 to 21), whichever is lighter."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def black_on(rgb):
    """Per colour of `rgb` (..., 3+): True where black text contrasts at least as much as white,
    i.e. (L + 0.05) / 0.05 ≥ 1.05 / (L + 0.05). Either one reaches at least 4.58:1."""
    lum = luminances(rgb) + 0.05
    return lum / 0.05 >= 1.05 / lum


def text_on(rgb):
    """Black or white, whichever contrasts more with `rgb`."""
    return BLACK if black_on(rgb) else WHITE


def hex_rgb(colour):
    """`#rrggbb` as (r, g, b) in [0, 1]."""
    colour = colour.lstrip("#")
    return tuple(int(colour[i:i + 2], 16) / 255 for i in (0, 2, 4))
