"""One QUndoCommand per edit. Each command keeps the page key and the Region object itself (by
identity), calls the ReviewState mutators, and asks the window to show the page on undo/redo."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from app.i18n import _
from app.model.state import Key, ReviewState
from redaction.model.regions import Region

MOVE_ID = 1001


class _PageCommand(QUndoCommand):
    def __init__(self, state: ReviewState, key: Key, text: str):
        super().__init__(text)
        self.state, self.key = state, tuple(key)
        self._first = True

    def _focus(self):
        if not self._first:
            self.state.focusRequested.emit(*self.key)
        self._first = False


class SetAccepted(_PageCommand):
    """Accept/reject one or more regions (toggle, accept all, reject all, checkbox)."""

    def __init__(self, state, key, changes: list[tuple[Region, bool]], text: str):
        super().__init__(state, key, text)
        self.changes = [(r, bool(v), bool(r.accepted)) for r, v in changes]

    def redo(self):
        """Apply the new values."""
        self.state.set_accepted_many(self.key, [(r, new) for r, new, _old in self.changes])
        self._focus()

    def undo(self):
        """Put the old values back."""
        self.state.set_accepted_many(self.key, [(r, old) for r, _new, old in self.changes])
        self._focus()


class AddRegion(_PageCommand):
    """Add a manual box at the end of the page's list."""

    def __init__(self, state, key, region: Region):
        super().__init__(state, key, _("添加遮盖框"))
        self.region = region
        self.index = len(state.regions(key))

    def redo(self):
        """Add the box."""
        self.state.insert_region(self.key, self.index, self.region)
        self._focus()

    def undo(self):
        """Remove the box again."""
        self.state.remove_region(self.key, self.region)
        self._focus()


class RemoveRegion(_PageCommand):
    """Remove a box, remembering its place in the list."""

    def __init__(self, state, key, region: Region):
        super().__init__(state, key, _("删除遮盖框"))
        self.region = region
        self.index = state.index_of(key, region)

    def redo(self):
        """Remove the box."""
        self.index = self.state.remove_region(self.key, self.region)
        self._focus()

    def undo(self):
        """Put the box back in its place."""
        self.state.insert_region(self.key, self.index, self.region)
        self._focus()


class SetBBox(_PageCommand):
    """Move or resize; consecutive keyboard nudges of the same box merge into one step."""

    def __init__(self, state, key, region: Region, bbox, mergeable: bool = False):
        super().__init__(state, key, _("移动或调整遮盖框"))
        self.region = region
        self.old = tuple(region.bbox)
        self.new = tuple(int(round(v)) for v in bbox)
        self.mergeable = mergeable

    def id(self):
        """Merge id: keyboard nudges share one, other moves none."""
        return MOVE_ID if self.mergeable else -1

    def mergeWith(self, other):  # noqa: N802 (Qt name)
        """Absorb the next nudge of the same box into this step."""
        if not (isinstance(other, SetBBox) and other.mergeable and other.region is self.region):
            return False
        self.new = other.new
        return True

    def redo(self):
        """Give the box its new rectangle."""
        self.state.set_bbox(self.key, self.region, self.new)
        self._focus()

    def undo(self):
        """Give the box its old rectangle."""
        self.state.set_bbox(self.key, self.region, self.old)
        self._focus()


class SetKind(_PageCommand):
    """Change a box's kind."""

    def __init__(self, state, key, region: Region, kind: str):
        super().__init__(state, key, _("更改类别"))
        self.region, self.new, self.old = region, kind, region.kind

    def redo(self):
        """Give the box its new kind."""
        self.state.set_kind(self.key, self.region, self.new)
        self._focus()

    def undo(self):
        """Give the box its old kind."""
        self.state.set_kind(self.key, self.region, self.old)
        self._focus()


class SetDecision(_PageCommand):
    """Confirm a page, mark it as needing no mask, or reopen it."""

    def __init__(self, state, key, decision: str | None):
        text = {"confirmed": _("确认此页"), "no_mask": _("标记为无需遮盖")}.get(decision, _("重新审核此页"))
        super().__init__(state, key, text)
        self.new, self.old = decision, state.page(key).decision

    def redo(self):
        """Set the new decision."""
        self.state.set_decision(self.key, self.new)
        self._focus()

    def undo(self):
        """Set the old decision."""
        self.state.set_decision(self.key, self.old)
        self._focus()
