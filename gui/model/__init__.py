"""The app's rules without Qt: what the user edits, what is shown of it, and how it changes."""
