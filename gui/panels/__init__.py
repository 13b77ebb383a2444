"""The docked panels: editor, inputs, inspector, explanation, predict, timeline, palette."""
