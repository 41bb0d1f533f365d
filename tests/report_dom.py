"""A small DOM for the report tests (the standard library's HTMLParser; no dependencies)."""
from __future__ import annotations

from html.parser import HTMLParser


class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    @property
    def classes(self):
        return set((self.attrs.get("class") or "").split())

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def find_all(self, tag=None, cls=None, **attrs):
        for n in self.iter():
            if tag and n.tag != tag:
                continue
            if cls and cls not in n.classes:
                continue
            if any(n.attrs.get(k.replace("_", "-")) != v for k, v in attrs.items()):
                continue
            yield n

    def find(self, *a, **kw):
        return next(self.find_all(*a, **kw), None)

    def text(self, skip=()):
        out = []
        for c in self.children:
            if isinstance(c, str):
                out.append(c)
            elif not (c.classes & set(skip)):
                out.append(c.text(skip))
        return "".join(out)


VOID = {"meta", "br", "img", "input", "link", "hr", "col", "area", "base", "embed", "source", "wbr"}


class DOM(HTMLParser):
    def __init__(self, markup):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.cur = self.root
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not self.root and n.tag != tag:
            n = n.parent
        if n is not self.root:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def dom(markup: str) -> Node:
    return DOM(markup).root


def article_text(node: Node) -> str:
    """The article body as a reader sees it: without tooltips and flag markers."""
    return node.find("div", cls="text").text(skip=("tip", "fref"))
