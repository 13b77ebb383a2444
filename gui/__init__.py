"""Backprop Studio's Qt interface. Nothing heavy happens at import."""
