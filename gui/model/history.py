"""The history of edits: a list of (Document, View) entries and the index of the one shown.

An edit drops the entries after the current one (they were undone) and appends; undo and redo
move the index. The View kept with an entry is the one it was left with, so undoing an edit
shows the cursor and selection of just before it, and redoing it those of just after."""


class History:
    def __init__(self, document, view):
        self.entries, self.index = [(document, view)], 0
        self.labels = [""]   # what each entry's edit did, for the undo menu

    @property
    def document(self):
        return self.entries[self.index][0]

    def push(self, label, document, view_before, view_after):
        """A new entry after the current one, which is left with `view_before`."""
        self.entries[self.index] = (self.document, view_before)
        del self.entries[self.index + 1:], self.labels[self.index + 1:]
        self.entries.append((document, view_after))
        self.labels.append(label)
        self.index += 1

    def move(self, index, view_now):
        """Leave the current entry with `view_now` and make entry `index` current; returns it."""
        self.entries[self.index] = (self.document, view_now)
        self.index = index
        return self.entries[index]
