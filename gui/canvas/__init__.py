"""The graph canvas: view, scene, items that paint themselves, and the builder's gestures."""
