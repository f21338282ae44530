"""The case inbox page: an id-holding table model over store queries, its filter bar, saved
views and alerts."""
