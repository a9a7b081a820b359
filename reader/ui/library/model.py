"""Tree model of the library: "Recently read", "Favourites", reading lists, then the core's groups.

Rows are computed, never item objects: a group node holds its article ids and
how many of them the view has fetched (``fetchMore``, in batches), so a
50,000-article year or "none" list costs nothing until it is scrolled.  The
"none" grouping has no group rows: its articles are top-level rows after the
special groups.  A child index's internal id names its group by a serial
number, not a row, so persistent indexes survive special groups appearing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from reader.core.archive import ArticleMeta
from reader.core.i18n import N_, _
from reader.core.library import GROUPINGS, SORT_KEYS, Catalog, GroupBy, SortKey, query_terms
from reader.ui.library.display import article_data, group_data
from reader.ui.library.nodes import Node as _Node

ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: The group key (``year:2021``, ``special:recent``…) of a group row; None on articles.
GROUP_KEY_ROLE = Qt.ItemDataRole.UserRole + 2
AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_DISPLAY = Qt.ItemDataRole.DisplayRole

BATCH = 500
RECENT_MAX = 20
RECENT_KEY, FAVOURITES_KEY = "special:recent", "special:favourites"
SPECIAL_NAMES = {RECENT_KEY: N_("Recently read"), FAVOURITES_KEY: N_("Favourites")}
LIST_KEY = "special:list:"  # + the list's position: imported study packs' reading lists
_GROUP_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_ARTICLE_FLAGS = _GROUP_FLAGS | Qt.ItemFlag.ItemNeverHasChildren


class LibraryModel(QAbstractItemModel):
    """Two-level tree over a :class:`Catalog`; columns Title, Authors, Date."""

    HEADERS = (N_("Title"), N_("Authors"), N_("Date"))
    #: After every reset (filter, grouping, sort, articles), once the model is consistent again:
    #: views restore expansion and selection here rather than inside ``modelReset``.
    rebuilt = Signal()

    def __init__(self, articles: Iterable[ArticleMeta] = (), grouping: GroupBy = "year",
                 sort: SortKey = "date", descending: bool = True) -> None:
        super().__init__()
        self._grouping, self._sort, self._descending, self._filter = grouping, sort, descending, ""
        self._read: set[str] = set()
        self._favourites: set[str] = set()
        self._recent: list[str] = []
        self._lists: list[tuple[str, list[str]]] = []
        self._bold, self._normal = QFont(), QFont()
        self._bold.setBold(True)  # only the weight is set: the view's family and size still apply
        self._normal.setBold(False)
        self._next_uid = 1
        self._groups: list[_Node] = []
        self._flat: _Node | None = None
        self._by_uid: dict[int, _Node] = {}
        self._matching: list[int] | None = None
        self._catalog = Catalog(())
        self._metas: dict[str, ArticleMeta] = {}
        self.set_articles(articles)

    # --- state the main window sets and persists ------------------------------------------

    def set_articles(self, articles: Iterable[ArticleMeta]) -> None:
        self._catalog = Catalog(articles)
        self._metas = {meta.id: meta for meta in self._catalog.metas}
        self._rebuild()

    def grouping(self) -> GroupBy:
        return self._grouping

    def set_grouping(self, by: GroupBy) -> None:
        if by not in GROUPINGS:
            raise ValueError(f"unknown grouping: {by!r}")
        if by != self._grouping:
            self._grouping = by
            self._rebuild()

    def sorting(self) -> tuple[SortKey, bool]:
        return self._sort, self._descending

    def set_sort(self, key: SortKey, descending: bool) -> None:
        if key not in SORT_KEYS:
            raise ValueError(f"unknown sort key: {key!r}")
        if (key, descending) != (self._sort, self._descending):
            self._sort, self._descending = key, descending
            self._rebuild()

    def filter_text(self) -> str:
        return self._filter

    def set_filter(self, text: str) -> None:
        """Regroup only the articles whose title/authors contain every typed word."""
        changed = query_terms(text) != query_terms(self._filter)
        self._filter = text
        if changed:
            self._rebuild()

    def set_read(self, ids: Iterable[str]) -> None:
        self._read = set(ids)
        self._refresh(None)

    def mark_read(self, article_id: str, read: bool = True) -> None:
        """Change one article's weight, in every row showing it, without touching others."""
        if (article_id in self._read) != read:
            (self._read.add if read else self._read.discard)(article_id)
            self._refresh({article_id})

    def is_read(self, article_id: str) -> bool:
        return article_id in self._read

    def is_favourite(self, article_id: str) -> bool:
        return article_id in self._favourites

    def favourites(self) -> set[str]:
        return set(self._favourites)

    def set_favourites(self, ids: Iterable[str]) -> None:
        old, self._favourites = self._favourites, set(ids)
        self._set_special(FAVOURITES_KEY, self._favourite_ids())
        self._refresh(old ^ self._favourites)

    def toggle_favourite(self, article_id: str) -> bool:
        """Flip one article's favourite state; returns the new state."""
        self.set_favourites(self._favourites ^ {article_id})
        return article_id in self._favourites

    def recent(self) -> list[str]:
        return list(self._recent)

    def set_recent(self, ids: Iterable[str]) -> None:
        """Recently read ids, newest first; duplicates and ids beyond :data:`RECENT_MAX` dropped."""
        self._recent = list(dict.fromkeys(ids))[:RECENT_MAX]
        self._set_special(RECENT_KEY, self._recent_ids())

    def add_recent(self, article_id: str) -> None:
        self.set_recent([article_id, *self._recent])

    def set_reading_lists(self, lists: Iterable[tuple[str, Sequence[str]]]) -> None:
        """Imported reading lists (title, ordered ids), after the other special groups; reset."""
        self._lists = [(title, list(ids)) for title, ids in lists]
        self._rebuild()

    def visible_count(self) -> int:
        return len(self._catalog) if self._matching is None else len(self._matching)

    def count(self) -> int:
        """All articles of the archive, whatever the filter."""
        return len(self._catalog)

    def meta(self, article_id: str) -> ArticleMeta | None:
        return self._metas.get(article_id)

    def first_article_id(self) -> str | None:
        """The first article of the first ordinary group (or flat list), for a start-up selection."""
        nodes = [self._flat] if self._flat else [n for n in self._groups if not _special(n.key)]
        return nodes[0].ids[0] if nodes and nodes[0].ids else None

    def article_id(self, index: AnyIndex) -> str | None:
        node, position = self._resolve(index)
        return node.ids[position] if node and position >= 0 else None

    def group_size(self, index: AnyIndex) -> int:
        """How many articles a group row holds (fetched or not); 0 for article rows."""
        node, position = self._resolve(index)
        return len(node.ids) if node and position < 0 else 0

    def column_has_values(self, column: int) -> bool:
        """Authors/Date columns of an archive that knows none would only show blanks."""
        field = {1: "authors", 2: "date"}.get(column)
        return field is None or any(getattr(meta, field) for meta in self._catalog.metas)

    def indexes_of(self, article_id: str) -> list[QModelIndex]:
        """Column-0 indexes of every fetched row showing ``article_id``, special groups first."""
        found = []
        for node in self._groups + self._flat_list():
            try:
                found.append(self._article_index(node, node.ids.index(article_id, 0, node.loaded)))
            except ValueError:  # not among this group's fetched rows
                continue
        return found

    def locate(self, article_id: str) -> QModelIndex:
        """Row to select: first ordinary group, else a special one (fetched up to it); may be invalid."""
        places = self._places(article_id)
        places = [p for p in places if not _special(p[0].key)] or places
        if not places:
            return QModelIndex()
        node, position = places[0]
        self._load(node, position + 1 - node.loaded)
        return self._article_index(node, position)

    # --- QAbstractItemModel ---------------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = _ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._groups[parent.row()].uid if parent.isValid() else 0)

    def parent(self, child: AnyIndex = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not child.isValid() or not child.internalId():
            return QModelIndex()
        return self.createIndex(self._by_uid[child.internalId()].row, 0, 0)

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        if not parent.isValid():
            return len(self._groups) + (self._flat.loaded if self._flat else 0)
        node = self._node_of(parent)
        return node.loaded if node else 0

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return len(self.HEADERS)

    def hasChildren(self, parent: AnyIndex = _ROOT) -> bool:
        node = self._node_of(parent)
        return bool(node and node.ids) or (not parent.isValid() and bool(self._groups))

    def canFetchMore(self, parent: AnyIndex) -> bool:
        node = self._node_of(parent)
        return node is not None and node.loaded < len(node.ids)

    def fetchMore(self, parent: AnyIndex) -> None:
        node = self._node_of(parent)
        if node is not None:
            self._load(node, BATCH)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Hot: Qt asks for every row a selection spans, so no lookups and no enum arithmetic."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _ARTICLE_FLAGS if index.internalId() or index.row() >= len(self._groups) else _GROUP_FLAGS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> object:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY and 0 <= section < 3:
            return _(self.HEADERS[section])
        return None

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> object:
        node, position = self._resolve(index)
        if node is None:
            return None
        if position < 0:
            return self._group_data(node, index.column(), role)
        article_id = node.ids[position]
        if role == ID_ROLE:
            return article_id
        return article_data(self._metas[article_id], index.column(), role, read=article_id in self._read,
                            favourite=article_id in self._favourites, fonts=(self._normal, self._bold))

    def _group_data(self, node: _Node, column: int, role: int) -> object:
        if role == GROUP_KEY_ROLE:
            return node.key
        return group_data(node.name, len(node.ids), column, role)

    # --- internals ------------------------------------------------------------------------

    def _resolve(self, index: AnyIndex) -> tuple[_Node | None, int]:
        """(group, -1) for a group row, (group, position) for an article row, (None, -1) else."""
        if not index.isValid() or index.model() is not self:
            return None, -1
        if index.internalId():
            return self._by_uid[index.internalId()], index.row()
        if index.row() < len(self._groups):
            return self._groups[index.row()], -1
        return self._flat, index.row() - len(self._groups)

    def _node_of(self, parent: AnyIndex) -> _Node | None:
        """The node whose children hang under ``parent`` (root: the flat list, if any)."""
        if not parent.isValid():
            return self._flat
        node, position = self._resolve(parent)
        return node if position < 0 and parent.column() == 0 else None

    def _flat_list(self) -> list[_Node]:
        return [self._flat] if self._flat else []

    def _parent_of(self, node: _Node) -> tuple[QModelIndex, int]:
        """The index ``node``'s children hang under, and the row of its first child."""
        if node is self._flat:
            return QModelIndex(), len(self._groups)
        return self.createIndex(node.row, 0, 0), 0

    def _load(self, node: _Node, count: int) -> None:
        count = min(count, len(node.ids) - node.loaded)
        if count > 0:
            parent, first = self._parent_of(node)
            self.beginInsertRows(parent, first + node.loaded, first + node.loaded + count - 1)
            node.loaded += count
            self.endInsertRows()

    def _places(self, article_id: str) -> list[tuple[_Node, int]]:
        """Every (group, position) of an article: a C-speed scan, cheaper than keeping an index."""
        return [(node, node.ids.index(article_id)) for node in self._groups + self._flat_list()
                if article_id in node.ids]

    def _article_index(self, node: _Node, position: int) -> QModelIndex:
        if node is self._flat:
            return self.createIndex(len(self._groups) + position, 0, 0)
        return self.createIndex(position, 0, node.uid)

    def _refresh(self, article_ids: set[str] | None) -> None:
        """Repaint these articles' fetched rows; for many (or None), every fetched row at once."""
        if article_ids is not None and len(article_ids) <= 20:
            for index in (i for article_id in article_ids for i in self.indexes_of(article_id)):
                self.dataChanged.emit(index, index.siblingAtColumn(2))
            return
        for node in self._groups + self._flat_list():
            parent, first = self._parent_of(node)
            if node.loaded:
                last = self.index(first + node.loaded - 1, 2, parent)
                self.dataChanged.emit(self.index(first, 0, parent), last)

    def _favourite_ids(self) -> list[str]:
        return self._catalog.pick(self._favourites, self._matching, self._sort, self._descending)

    def _recent_ids(self) -> list[str]:
        return self._catalog.pick(self._recent, self._matching)

    def _new_node(self, name: str, key: str, ids: Sequence[str], loaded: int = 0) -> _Node:
        node = self._by_uid[self._next_uid] = _Node(self._next_uid, name, key, ids, loaded)
        self._next_uid += 1
        return node

    def _renumber(self) -> None:
        for row, node in enumerate(self._groups):
            node.row = row

    def _rebuild(self) -> None:
        self.beginResetModel()
        self._by_uid.clear()
        self._matching = self._catalog.filter(self._filter)
        specials = ((RECENT_KEY, self._recent_ids()), (FAVOURITES_KEY, self._favourite_ids()))
        self._groups = [self._new_node(_(SPECIAL_NAMES[k]), k, ids, len(ids)) for k, ids in specials if ids]
        for n, (title, wanted) in enumerate(self._lists):
            if ids := self._catalog.pick(wanted, self._matching):
                self._groups.append(self._new_node(_("Reading list: {title}")
                                                   .format(title=title), f"{LIST_KEY}{n}", ids, len(ids)))
        groups = self._catalog.group(self._grouping, self._sort, self._descending, self._matching)
        self._flat = None
        if self._grouping == "none":
            ids = groups[0].article_ids if groups else ()
            self._flat = self._new_node("", "all", ids, min(BATCH, len(ids)))
        else:
            self._groups += [self._new_node(g.name, g.key, g.article_ids) for g in groups]
        self._renumber()
        self.endResetModel()
        self.rebuilt.emit()

    def _set_special(self, key: str, ids: list[str]) -> None:
        """Show, update or hide a special group by row edits, keeping selection and expansion."""
        node = next((n for n in self._groups if n.key == key), None)
        if node is None and ids:
            row = int(key == FAVOURITES_KEY and bool(self._groups) and self._groups[0].key == RECENT_KEY)
            self.beginInsertRows(QModelIndex(), row, row)
            self._groups.insert(row, self._new_node(_(SPECIAL_NAMES[key]), key, ids, len(ids)))
            self._renumber()
            self.endInsertRows()
        elif node is not None and not ids:
            self.beginRemoveRows(QModelIndex(), node.row, node.row)
            del self._groups[node.row], self._by_uid[node.uid]
            self._renumber()
            self.endRemoveRows()
        elif node is not None and ids != node.ids:
            self._sync(node, ids)
            self.dataChanged.emit(self.createIndex(node.row, 0, 0), self.createIndex(node.row, 0, 0))

    def _sync(self, node: _Node, ids: list[str]) -> None:
        """Turn ``node.ids`` into ``ids`` by removals, moves and inserts (small lists only)."""
        parent = self.createIndex(node.row, 0, 0)
        wanted = set(ids)
        for row in range(len(node.ids) - 1, -1, -1):
            if node.ids[row] not in wanted:
                self.beginRemoveRows(parent, row, row)
                del node.ids[row]
                node.loaded -= 1
                self.endRemoveRows()
        for row, article_id in enumerate(ids):
            if row < len(node.ids) and node.ids[row] == article_id:
                continue
            if article_id in node.ids:
                source = node.ids.index(article_id)
                self.beginMoveRows(parent, source, source, parent, row)
                node.ids.insert(row, node.ids.pop(source))
                self.endMoveRows()
            else:
                self.beginInsertRows(parent, row, row)
                node.ids.insert(row, article_id)
                node.loaded += 1
                self.endInsertRows()


def _special(key: str) -> bool:
    """Recently read, favourites and reading lists: groups an article is only also in."""
    return key.startswith("special:")
