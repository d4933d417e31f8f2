import random

from maillage.intervals import Intervals


def _overlaps(ranges, start, end):
    return any(start < e and s < end for s, e in ranges)


def _holds(ranges, start, end):
    return any(s <= start and end <= e and e - s > end - start for s, e in ranges)


def test_answers_as_a_pass_over_every_range_would():
    rng = random.Random(13)
    for _ in range(300):
        ranges = [(s, s + rng.randint(0, 6)) for s in (rng.randint(0, 40) for _ in range(8))]
        index = Intervals(ranges)
        for start in range(0, 45):
            for end in range(start, start + 8):
                assert index.overlaps(start, end) == _overlaps(ranges, start, end)
                assert index.holds(start, end) == _holds(ranges, start, end)


def test_no_ranges_overlap_or_hold_nothing():
    assert not Intervals([]).overlaps(0, 5)
    assert not Intervals([]).holds(0, 5)
