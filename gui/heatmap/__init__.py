"""Heatmaps: the ImageItem recipe, colour bar, overlays and the layout of equations."""
