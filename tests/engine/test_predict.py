from engine.predict import judge_cells, judge_value


def test_value_within_one_percent_or_a_hundredth_counts():
    assert judge_value(0.3125, 0.31).correct          # within 1%
    assert not judge_value(0.32, 0.31).correct        # 3% off
    assert judge_value(0.009, 0.0).correct            # near zero: 0.01 absolute
    assert not judge_value(-0.02, 0.0).correct
    assert judge_value("250", 252).correct            # typed text is read as a number


def test_cells_are_right_missing_and_extra():
    feeding = {("d", (0, 0)), ("d", (0, 1))}
    verdict = judge_cells({("d", (0, 0)), ("d", (1, 0))}, feeding)
    assert verdict.right == {("d", (0, 0))}
    assert verdict.missing == {("d", (0, 1))}
    assert verdict.extra == {("d", (1, 0))}
    assert not verdict.correct and judge_cells(feeding, feeding).correct
