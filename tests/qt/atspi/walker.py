"""Run by Debian's python3 (pyatspi is a system package): find the app ``atspi-walk`` on the
accessibility bus, press Tab with xdotool and read, as a screen reader does, the object that
has focus after each press. Prints one JSON line: [[role, label, name], ...]."""

import json
import subprocess
import sys
import time

import pyatspi

DEADLINE_S = 20.0


def app_named(name):
    end = time.monotonic() + DEADLINE_S
    while time.monotonic() < end:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            child = desktop.getChildAtIndex(i)
            if child is not None and child.name == name:
                return child
        time.sleep(0.2)
    raise SystemExit(f"no application {name!r} on the AT-SPI bus")


ITEMS = {"list item", "table cell", "menu item", "tree item"}
"""Roles Qt marks focused as a view's current item; the control a Tab reached is the view."""


def focused(node):
    try:
        if node.getRoleName() not in ITEMS and node.getState().contains(pyatspi.STATE_FOCUSED):
            return node
        for i in range(node.childCount):
            found = focused(node.getChildAtIndex(i))
            if found is not None:
                return found
    except Exception:  # an object that went away while walking
        return None
    return None


def read_focus(app, previous):
    end = time.monotonic() + DEADLINE_S
    while time.monotonic() < end:
        node = focused(app)
        if node is not None and (previous is None or not _same(node, previous)):
            return node
        time.sleep(0.1)
    return focused(app)


def _same(a, b):
    return (a.getRoleName(), a.name, a.getIndexInParent()) == (
        b.getRoleName(),
        b.name,
        b.getIndexInParent(),
    )


def spoken(node):
    """[role, label, name] as a screen reader speaks it: the label of a labelled-by relation
    (Qt on Linux names a combo box by its value and links its label that way), then the name."""
    if node is None:
        return ["", "", ""]
    label = ""
    for relation in node.getRelationSet():
        if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY and relation.getNTargets():
            label = relation.getTarget(0).name
    return [node.getRoleName(), label, node.name]


def main():
    presses = int(sys.argv[1])
    app = app_named("atspi-walk")
    steps, node = [], read_focus(app, None)
    steps.append(spoken(node))
    for _ in range(presses):
        subprocess.run(["xdotool", "key", "Tab"], check=True)
        node = read_focus(app, node)
        steps.append(spoken(node))
    print(json.dumps(steps, ensure_ascii=False))


if __name__ == "__main__":
    main()
