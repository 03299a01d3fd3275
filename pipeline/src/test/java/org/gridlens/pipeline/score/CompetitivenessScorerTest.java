package org.gridlens.pipeline.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CompetitivenessScorerTest {

  private static final double NA = Double.NaN;
  private static final Indicator UP = new Indicator("up", "up", "上", true);
  private static final Indicator DOWN = new Indicator("down", "down", "下", false);
  private static final Indicator PEN = new Indicator("penetration", "pen", "渗透", true);

  private static CompetitivenessScorer scorer(List<Indicator> ind, double[] w, Normalisation n) {
    return new CompetitivenessScorer(ind, w, n, 3);
  }

  @Test
  void percentileRanksShareTheAverageRankOnTies() {
    assertArrayEquals(new double[] {0, 0.5, 0.5, 1}, Normalisation.PERCENTILE_RANK.apply(new double[] {1, 5, 5, 9}), 1e-12);
    assertArrayEquals(new double[] {0, 0.5, 0.5, 1}, Normalisation.MIN_MAX.apply(new double[] {1, 5, 5, 9}), 1e-12);
    assertArrayEquals(new double[] {0, 0.25, 1}, Normalisation.MIN_MAX.apply(new double[] {0, 1, 4}), 1e-12);
    assertArrayEquals(new double[] {0, 0.5, 1}, Normalisation.PERCENTILE_RANK.apply(new double[] {0, 1, 4}), 1e-12);
  }

  @Test
  void tiedGridsGetTheSameScoreAndRank() {
    List<CompetitivenessScorer.Scored> s = scorer(List.of(UP), new double[] {1}, Normalisation.PERCENTILE_RANK)
        .score(List.of("A", "B", "C"), new double[][] {{3}, {7}, {7}});
    assertEquals(75, s.get(1).score(), 1e-9);
    assertEquals(s.get(1).score(), s.get(2).score(), 0);
    assertEquals(1, s.get(1).rank());
    assertEquals(1, s.get(2).rank());
    assertEquals(3, s.get(0).rank(), "competition ranking: after two grids tied first comes third");
  }

  @ParameterizedTest
  @EnumSource(Normalisation.class)
  void aSingleGridIsNeutralAndFirst(Normalisation n) {
    List<CompetitivenessScorer.Scored> s = scorer(List.of(UP, DOWN), new double[] {1, 1}, n)
        .score(List.of("A"), new double[][] {{3, 9}});
    assertEquals(50, s.get(0).score(), 1e-9);
    assertEquals(1, s.get(0).rank());
    assertTrue(s.get(0).strengths().isEmpty() && s.get(0).weaknesses().isEmpty());
  }

  @Test
  void missingHouseholdsScoreTheGridOnTheOtherIndicators() {
    // B's penetration is unknown: it must be scored on 'up' alone, not pulled to 0 or 50
    List<CompetitivenessScorer.Scored> s = scorer(List.of(PEN, UP), new double[] {1, 1}, Normalisation.MIN_MAX)
        .score(List.of("A", "B", "C"), new double[][] {{0.2, 0}, {NA, 10}, {0.6, 5}});
    assertTrue(Double.isNaN(s.get(1).normalised()[0]));
    assertEquals(100, s.get(1).score(), 1e-9);
    assertEquals(0, s.get(0).score(), 1e-9);
    assertEquals(75, s.get(2).score(), 1e-9); // (1 + 0.5) / 2
    assertEquals(1, s.get(1).rank());
  }

  @Test
  void anIndicatorEqualInEveryGridDoesNotChangeTheOrder() {
    double[][] raw = {{1, 4}, {2, 4}, {3, 4}};
    List<CompetitivenessScorer.Scored> with = scorer(List.of(UP, PEN), new double[] {1, 1}, Normalisation.MIN_MAX)
        .score(List.of("A", "B", "C"), raw);
    for (CompetitivenessScorer.Scored g : with) {
      assertEquals(0.5, g.normalised()[1], 0);
      assertEquals(0, g.contributions()[1], 0);
    }
    assertEquals(List.of(3, 2, 1), with.stream().map(CompetitivenessScorer.Scored::rank).toList());
    // half of the weight sits on a constant 0.5: scores are squeezed towards 50, not shifted
    assertEquals(25, with.get(0).score(), 1e-9);
    assertEquals(75, with.get(2).score(), 1e-9);
  }

  @Test
  void weightsAreRelativeSoScalingThemChangesNothing() {
    double[][] raw = {{1, 9}, {2, 3}, {3, 5}, {4, 1}};
    List<String> ids = List.of("A", "B", "C", "D");
    List<CompetitivenessScorer.Scored> a = scorer(List.of(UP, DOWN), new double[] {0.25, 0.75}, Normalisation.PERCENTILE_RANK).score(ids, raw);
    List<CompetitivenessScorer.Scored> b = scorer(List.of(UP, DOWN), new double[] {1, 3}, Normalisation.PERCENTILE_RANK).score(ids, raw);
    for (int g = 0; g < 4; g++) {
      assertEquals(a.get(g).score(), b.get(g).score(), 1e-9);
    }
    // and they do matter relative to each other
    List<CompetitivenessScorer.Scored> c = scorer(List.of(UP, DOWN), new double[] {3, 1}, Normalisation.PERCENTILE_RANK).score(ids, raw);
    assertEquals(58.333333, a.get(1).score(), 1e-5);
    assertEquals(41.666667, c.get(1).score(), 1e-5);
  }

  @Test
  void weightsThatSumToZeroOrAreNegativeAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> scorer(List.of(UP, DOWN), new double[] {0, 0}, Normalisation.MIN_MAX));
    assertThrows(IllegalArgumentException.class, () -> scorer(List.of(UP, DOWN), new double[] {1, -1}, Normalisation.MIN_MAX));
    assertThrows(IllegalArgumentException.class, () -> scorer(List.of(UP, DOWN), new double[] {1}, Normalisation.MIN_MAX));
  }

  @Test
  void lowerIsBetterIndicatorsAreTurnedAround() {
    List<CompetitivenessScorer.Scored> s = scorer(List.of(DOWN), new double[] {1}, Normalisation.MIN_MAX)
        .score(List.of("A", "B"), new double[][] {{0.01}, {0.2}});
    assertEquals(1.0, s.get(0).normalised()[0], 0);
    assertEquals(100, s.get(0).score(), 1e-9);
    assertEquals(0, s.get(1).score(), 1e-9);
    assertEquals(List.of("down"), s.get(0).strengths());
    assertEquals(List.of("down"), s.get(1).weaknesses());
  }

  @Test
  void strengthsAndWeaknessesAreTheLargestPushesUpAndDown() {
    Indicator a = new Indicator("a", "a", "a", true);
    Indicator b = new Indicator("b", "b", "b", true);
    Indicator c = new Indicator("c", "c", "c", true);
    Indicator d = new Indicator("d", "d", "d", false);
    Indicator e = new Indicator("e", "e", "e", true);
    // grid X: best on a (w 3), b (w 2), c (w 1) and d (lower better, w 1); worst on e (w 4)
    List<CompetitivenessScorer.Scored> s = new CompetitivenessScorer(
        List.of(a, b, c, d, e), new double[] {3, 2, 1, 0.5, 4}, Normalisation.MIN_MAX, 3)
        .score(List.of("X", "Y"), new double[][] {{9, 9, 9, 0, 0}, {0, 0, 0, 9, 9}});
    assertEquals(List.of("a", "b", "c"), s.get(0).strengths());
    assertEquals(List.of("e"), s.get(0).weaknesses());
    assertEquals(List.of("e"), s.get(1).strengths());
    assertEquals(List.of("a", "b", "c"), s.get(1).weaknesses());
  }

  @Test
  void zeroWeightIndicatorsAreReportedButNotScored() {
    List<CompetitivenessScorer.Scored> s = scorer(List.of(UP, DOWN), new double[] {1, 0}, Normalisation.MIN_MAX)
        .score(List.of("A", "B"), new double[][] {{1, 100}, {2, 0}});
    assertEquals(0, s.get(0).score(), 1e-9);
    assertEquals(0.0, s.get(0).normalised()[1], 0);
    assertEquals(List.of(), s.get(1).strengths().stream().filter("down"::equals).toList());
  }

  @Test
  void quadrantsFollowTheThresholds() {
    assertEquals(Strategy.DEFEND, Strategy.of(70, 20, 50, 50));
    assertEquals(Strategy.GROW, Strategy.of(70, 80, 50, 50));
    assertEquals(Strategy.ATTACK, Strategy.of(30, 80, 50, 50));
    assertEquals(Strategy.MONITOR, Strategy.of(30, 20, 50, 50));
    assertEquals(Strategy.GROW, Strategy.of(50, 50, 50, 50), "on the threshold counts as high");
  }

  @Test
  void arpuGapIsTheDistanceBelowTheLevelMedian() {
    assertArrayEquals(new double[] {20, 0, 0, Double.NaN},
        LevelStatistics.gapBelowMedian(new double[] {30, 50, 70, NA}), 1e-12);
    assertEquals(55, LevelStatistics.median(new double[] {40, 70, NA, 50, 60}), 1e-12);
  }
}
