package org.gridlens.pipeline.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import smile.clustering.BBDTree;
import smile.clustering.KMeans;
import smile.math.MathEx;

/**
 * KMeansSelector must give exactly what Smile's own k-means gives: its fit driver against
 * {@code KMeans.fit} run by run, and the whole selection (which reuses the chosen k's selection
 * runs as its first restarts) against a plain re-implementation that refits every run with Smile.
 */
class KMeansSelectorTest {

  /** Gaussian blobs: {@code centres} random centres in [-5, 5]^d, unit spread, optional rounding. */
  static double[][] blobs(int n, int d, int centres, boolean rounded, long seed) {
    Random r = new Random(seed);
    double[][] c = new double[centres][d];
    for (double[] row : c) {
      for (int j = 0; j < d; j++) {
        row[j] = r.nextDouble() * 10 - 5;
      }
    }
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      double[] m = c[r.nextInt(centres)];
      for (int j = 0; j < d; j++) {
        double v = m[j] + r.nextGaussian();
        x[i][j] = rounded ? Math.rint(v) : v;
      }
    }
    return x;
  }

  static void assertSame(KMeans want, KMeans got, String what) {
    assertEquals(want.k, got.k, what);
    assertEquals(Double.doubleToRawLongBits(want.distortion), Double.doubleToRawLongBits(got.distortion), what);
    assertArrayEquals(want.y, got.y, what);
    assertArrayEquals(want.size, got.size, what);
    for (int c = 0; c < want.k; c++) {
      assertArrayEquals(want.centroids[c], got.centroids[c], what + " centroid " + c); // bitwise
    }
  }

  @Test
  void fitDriverIsBitIdenticalToSmileKMeansFit() {
    int cases = 0;
    // d = 2..4 take MathEx.squaredDistance's unrolled paths; rounded data has many duplicates
    int[][] shapes = {{500, 10, 6}, {300, 10, 3}, {700, 10, 8}, {200, 2, 4}, {150, 3, 5}, {120, 4, 2}, {40, 10, 9}, {400, 5, 5}};
    for (int s = 0; s < shapes.length; s++) {
      for (boolean rounded : new boolean[] {false, true}) {
        double[][] x = blobs(shapes[s][0], shapes[s][1], shapes[s][2], rounded, 100 + s);
        BBDTree tree = new BBDTree(x);
        for (int k = 2; k <= 8; k++) {
          for (long seed = 0; seed < 4; seed++) {
            long runSeed = KMeansSelector.runSeed(seed * 7919, k, (int) seed);
            MathEx.setSeed(runSeed);
            KMeans want = KMeans.fit(tree, x, k, 100, 1e-4);
            SmileDraws rng = new SmileDraws();
            rng.setSeed(runSeed);
            KMeans got = KMeansSelector.kmeans(tree, x, k, 100, 1e-4, rng);
            assertSame(want, got, "shape " + s + " rounded " + rounded + " k " + k + " seed " + seed);
            cases++;
          }
        }
      }
    }
    // few iterations and a loose tolerance stop early: still the same
    double[][] x = blobs(600, 10, 6, false, 7);
    BBDTree tree = new BBDTree(x);
    for (int maxIter : new int[] {1, 2, 5}) {
      for (double tol : new double[] {1e-4, 10}) {
        MathEx.setSeed(maxIter);
        KMeans want = KMeans.fit(tree, x, 6, maxIter, tol);
        SmileDraws rng = new SmileDraws();
        rng.setSeed(maxIter);
        assertSame(want, KMeansSelector.kmeans(tree, x, 6, maxIter, tol, rng), "maxIter " + maxIter + " tol " + tol);
        cases++;
      }
    }
    assertEquals(8 * 2 * 7 * 4 + 6, cases);
  }

  /**
   * The selection as written without any reuse: every candidate k scored on its best of
   * {@code probe} runs, then the chosen k refitted with all {@code restarts} runs from scratch,
   * every run through Smile's {@code KMeans.fit}.
   */
  static KMeansSelector.Fit refitEverything(double[][] x, int[] sample, SegmentConfig cfg, long unitSeed, int kLo, int kHi) {
    BBDTree tree = new BBDTree(x);
    double[][] xs = new double[sample.length][];
    for (int i = 0; i < sample.length; i++) {
      xs[i] = x[sample[i]];
    }
    int probe = kLo == kHi ? cfg.restarts() : Math.min(cfg.selectionRestarts(), cfg.restarts());
    int bestK = -1;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int k = kLo; k <= kHi; k++) {
      KMeans model = smileBestOf(tree, x, k, cfg, unitSeed, probe);
      double score;
      if (kLo == kHi) {
        score = 0;
      } else if (cfg.kSelection() == SegmentConfig.KSelection.SILHOUETTE) {
        int[] ls = new int[sample.length];
        for (int i = 0; i < sample.length; i++) {
          ls[i] = model.y[sample[i]];
        }
        score = SilhouetteTest.rowByRow(xs, ls, model.k);
      } else {
        score = KMeansSelector.calinskiHarabasz(x, model);
      }
      if (bestK < 0 || score > bestScore + 1e-12) {
        bestK = k;
        bestScore = score;
      }
    }
    KMeans best = smileBestOf(tree, x, bestK, cfg, unitSeed, cfg.restarts());
    return new KMeansSelector.Fit(best.k, best.centroids, best.y, best.distortion, Double.NaN);
  }

  private static KMeans smileBestOf(BBDTree tree, double[][] x, int k, SegmentConfig cfg, long unitSeed, int runs) {
    KMeans best = null;
    for (int r = 0; r < runs; r++) {
      MathEx.setSeed(KMeansSelector.runSeed(unitSeed, k, r));
      KMeans m = KMeans.fit(tree, x, k, cfg.maxIter(), cfg.tolerance());
      if (best == null || m.distortion < best.distortion) {
        best = m;
      }
    }
    return best;
  }

  @Test
  void selectionReusingItsRunsEqualsRefittingEveryRunWithSmile() {
    SegmentConfig ch = SegmentConfig.defaults();
    SegmentConfig sil =
        new SegmentConfig(
            ch.features(), ch.log1p(), ch.orderBy(), ch.scaling(), SegmentConfig.KSelection.SILHOUETTE, ch.kMin(),
            ch.kMax(), ch.restarts(), ch.selectionRestarts(), ch.maxIter(), ch.tolerance(), ch.minCustomers(),
            ch.maxFitCustomers(), 150, ch.labelMinLift(), ch.seed());
    List<SegmentConfig> cfgs = new ArrayList<>(List.of(ch, sil, ch.withRestarts(4), ch.withK(5, 5)));
    // selection_restarts = restarts: the chosen k gets no further runs
    cfgs.add(
        new SegmentConfig(
            ch.features(), ch.log1p(), ch.orderBy(), ch.scaling(), ch.kSelection(), 3, 6, 3, 3, ch.maxIter(),
            ch.tolerance(), ch.minCustomers(), ch.maxFitCustomers(), ch.silhouetteSample(), ch.labelMinLift(), ch.seed()));
    int checked = 0;
    for (int g = 0; g < 6; g++) {
      double[][] x = blobs(250 + 90 * g, 10, 3 + g, g % 3 == 2, 500 + g);
      int[] sample = new int[Math.min(150, x.length)];
      for (int i = 0; i < sample.length; i++) {
        sample[i] = i * (x.length / sample.length);
      }
      for (SegmentConfig cfg : cfgs) {
        long unitSeed = KMeansSelector.unitSeed(cfg.seed(), "grid:G" + g);
        KMeansSelector.Fit got = KMeansSelector.fit(x, sample, cfg, unitSeed);
        KMeansSelector.Fit want = refitEverything(x, sample, cfg, unitSeed, cfg.kMin(), cfg.kMax());
        String what = "grid " + g + " " + cfg.kSelection() + " restarts " + cfg.restarts() + "/" + cfg.selectionRestarts()
            + " k " + cfg.kMin() + ".." + cfg.kMax();
        assertEquals(want.k(), got.k(), what);
        assertEquals(Double.doubleToRawLongBits(want.distortion()), Double.doubleToRawLongBits(got.distortion()), what);
        assertArrayEquals(want.labels(), got.labels(), what);
        for (int c = 0; c < want.k(); c++) {
          assertArrayEquals(want.centroids()[c], got.centroids()[c], what);
        }
        assertTrue(Double.isNaN(got.silhouette()));
        checked++;
      }
    }
    assertEquals(6 * cfgs.size(), checked);
  }
}
