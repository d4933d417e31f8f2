"""Ranges [start, end) sorted once, so that asking whether one overlaps or holds another costs
a binary search, not a pass over all of them: a long document has thousands (issue 13)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate


class Intervals:
    def __init__(self, bounds: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(bounds)
        self._starts = [start for start, _ in ordered]
        self._ends = [end for _, end in ordered]
        self._reach = list(accumulate(self._ends, max))  # furthest end among those so far

    def overlaps(self, start: int, end: int) -> bool:
        """Some range shares a position with [start, end)."""
        before_end = bisect_left(self._starts, end)
        return before_end > 0 and self._reach[before_end - 1] > start

    def holds(self, start: int, end: int) -> bool:
        """Some longer range contains [start, end)."""
        earlier = bisect_left(self._starts, start)
        if earlier and self._reach[earlier - 1] >= end:
            return True
        same = bisect_right(self._starts, start)
        return same > earlier and self._ends[same - 1] > end
