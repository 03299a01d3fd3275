package org.gridlens.pipeline.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import smile.clustering.KMeans;
import smile.math.MathEx;
import smile.validation.metric.AdjustedRandIndex;

/** The per-unit segmentation without Spark: planted-cluster quality, determinism, sampling. */
class UnitSegmentationTest {

  static final SegmentConfig CFG = SegmentConfig.defaults();
  static final double[] CITY = cityMean();

  static double[] cityMean() {
    List<PlantedCustomers.Customer> all = PlantedCustomers.grid("CITY", "CITY", 3000, 99);
    double[] m = new double[10];
    double[] n = new double[10];
    for (PlantedCustomers.Customer c : all) {
      for (int j = 0; j < 10; j++) {
        if (!Double.isNaN(c.x()[j])) {
          m[j] += c.x()[j];
          n[j]++;
        }
      }
    }
    for (int j = 0; j < 10; j++) {
      m[j] /= n[j];
    }
    return m;
  }

  static List<UnitSegmentation.Member> members(List<PlantedCustomers.Customer> cs) {
    List<UnitSegmentation.Member> out = new ArrayList<>();
    for (PlantedCustomers.Customer c : cs) {
      out.add(new UnitSegmentation.Member(c.id(), c.grid(), c.main(), c.id().hashCode() * 0x9E3779B97F4A7C15L, true, true, c.x()));
    }
    return out;
  }

  static UnitSegmentation.Result run(String key, List<UnitSegmentation.Member> ms, SegmentConfig cfg) {
    return UnitSegmentation.run(
        key, UnitSegmentation.SCOPE_GRID, ms, CITY, cfg, new SegmentLabeler(cfg.features(), cfg.labelMinLift()));
  }

  @Test
  void plantedArchetypesAreRecoveredPerGrid() {
    double[] ari = new double[20];
    int sixes = 0;
    for (int g = 0; g < 20; g++) {
      String grid = String.format("G%03d", g + 1);
      List<PlantedCustomers.Customer> cs = PlantedCustomers.grid(grid, grid, 300, 7);
      UnitSegmentation.Result res = run("grid:" + grid, members(cs), CFG);
      int[] truth = new int[cs.size()];
      int[] pred = new int[cs.size()];
      for (int i = 0; i < cs.size(); i++) {
        truth[i] = cs.get(i).archetype();
        pred[i] = res.assigned().get(i).segmentId();
        assertEquals(cs.get(i).id(), res.assigned().get(i).customerId());
      }
      ari[g] = AdjustedRandIndex.of(truth, pred);
      if (res.profiles().get(0).k() == 6) {
        sixes++;
      }
    }
    Arrays.sort(ari);
    double median = (ari[9] + ari[10]) / 2;
    System.out.printf("planted: median ARI %.3f, min %.3f, grids with k=6: %d/20%n", median, ari[0], sixes);
    assertTrue(median >= 0.85, "median ARI " + median);
    assertTrue(sixes >= 16, "k=6 found in " + sixes + " of 20 grids");
  }

  @Test
  void sameMembersInAnyOrderAndOnAnyThreadGiveTheSameSegments() throws Exception {
    List<UnitSegmentation.Member> ms = members(PlantedCustomers.grid("G900", "G900", 300, 3));
    UnitSegmentation.Result a = run("grid:G900", ms, CFG);
    List<UnitSegmentation.Member> shuffled = new ArrayList<>(ms);
    Collections.shuffle(shuffled, new Random(5));
    AtomicReference<UnitSegmentation.Result> b = new AtomicReference<>();
    Thread t = new Thread(() -> b.set(run("grid:G900", shuffled, CFG)));
    t.start();
    t.join();
    assertEquals(a.assigned(), b.get().assigned());
    for (int i = 0; i < a.profiles().size(); i++) {
      assertArrayEquals(a.profiles().get(i).centroid(), b.get().profiles().get(i).centroid());
      assertEquals(a.profiles().get(i).silhouette(), b.get().profiles().get(i).silhouette());
    }
  }

  @Test
  void mathExSetSeedMakesSmileKMeansReproducible() {
    double[][] x = new double[500][];
    Random r = new Random(1);
    for (int i = 0; i < x.length; i++) {
      x[i] = new double[] {r.nextGaussian() + (i % 5) * 3, r.nextGaussian()};
    }
    MathEx.setSeed(42);
    KMeans a = KMeans.fit(x, 5, 100, 1e-4);
    MathEx.setSeed(42);
    KMeans b = KMeans.fit(x, 5, 100, 1e-4);
    assertArrayEquals(a.y, b.y);
    assertEquals(a.distortion, b.distortion);
    for (int c = 0; c < 5; c++) {
      assertArrayEquals(a.centroids[c], b.centroids[c]);
    }
  }

  @Test
  void segmentsAreOrderedByDescendingCentroidArpu() {
    UnitSegmentation.Result res = run("grid:G901", members(PlantedCustomers.grid("G901", "G901", 300, 11)), CFG);
    double prev = Double.POSITIVE_INFINITY;
    for (UnitSegmentation.Profile p : res.profiles()) {
      assertTrue(p.centroid()[0] <= prev, "segment " + p.segmentId() + " arpu " + p.centroid()[0]);
      prev = p.centroid()[0];
    }
    assertEquals(1, res.profiles().get(0).segmentId());
  }

  @Test
  void largeUnitIsFittedOnASampleAndEveryMemberIsAssigned() {
    SegmentConfig small = CFG.withSizes(50, 120);
    List<UnitSegmentation.Member> ms = members(PlantedCustomers.grid("G902", "G902", 400, 13));
    UnitSegmentation.Result res = run("grid:G902", ms, small);
    assertEquals(400, res.assigned().size());
    long sum = res.profiles().stream().mapToLong(UnitSegmentation.Profile::size).sum();
    assertEquals(400, sum);
    // the sample is the 120 smallest hashes: changing a member outside it cannot move the centroids
    List<UnitSegmentation.Member> sortedByHash = new ArrayList<>(ms);
    sortedByHash.sort((p, q) -> Long.compare(p.hash(), q.hash()));
    UnitSegmentation.Member outside = sortedByHash.get(399);
    List<UnitSegmentation.Member> changed = new ArrayList<>(ms);
    double[] far = outside.raw().clone();
    far[0] = 99999;
    changed.set(ms.indexOf(outside), new UnitSegmentation.Member(outside.customerId(), outside.gridId(), outside.mainGridId(), outside.hash(), true, true, far));
    UnitSegmentation.Result res2 = run("grid:G902", changed, small);
    assertArrayEquals(res.profiles().get(0).centroid(), res2.profiles().get(0).centroid());
  }

  @Test
  void tinyUnitWithFewDistinctPointsStillSegments() {
    List<UnitSegmentation.Member> ms = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      double[] x = new double[10];
      x[0] = i < 5 ? 10 : 200;
      ms.add(new UnitSegmentation.Member("C" + i, "G1", "G1", i, true, true, x));
    }
    UnitSegmentation.Result res = run("grid:G1", ms, CFG);
    assertEquals(2, res.profiles().get(0).k());
    assertEquals(1, res.assigned().get(9).segmentId()); // arpu 200 → segment 1
    assertEquals(2, res.assigned().get(0).segmentId());
  }
}
