package org.gridlens.pipeline.segment;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.gridlens.pipeline.SparkTestBase;
import org.gridlens.pipeline.schema.SegmentProfiles;
import org.gridlens.pipeline.schema.Segments;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import smile.validation.metric.AdjustedRandIndex;

/** The Spark stage on inline customer-view rows with planted archetypes. */
class SegmentationTest extends SparkTestBase {

  static final SegmentConfig CFG = SegmentConfig.defaults().withRestarts(4);
  static Dataset<Row> view;
  static final Map<String, Integer> TRUTH = new HashMap<>();
  static List<Row> segments;
  static List<Row> profiles;

  @BeforeAll
  static void run() {
    List<Row> rows = new ArrayList<>();
    List<PlantedCustomers.Customer> all = new ArrayList<>();
    for (int g = 1; g <= 4; g++) {
      String grid = String.format("G%03d", g);
      all.addAll(PlantedCustomers.grid(grid, grid, 250, 21));
    }
    all.addAll(PlantedCustomers.grid("G007-01", "G007", 40, 21)); // small: main grid's model
    all.addAll(PlantedCustomers.grid("G007-02", "G007", 200, 21));
    all.addAll(PlantedCustomers.grid("G008", "G008", 30, 21)); // small and alone: city model
    for (PlantedCustomers.Customer c : all) {
      rows.add(PlantedCustomers.toRow(c));
      TRUTH.put(c.id(), c.archetype());
    }
    for (PlantedCustomers.Customer c : PlantedCustomers.grid("NOGRID", null, 20, 21)) {
      Row r = PlantedCustomers.toRow(c);
      Object[] v = new Object[r.length()];
      for (int i = 0; i < v.length; i++) {
        v[i] = r.get(i);
      }
      v[1] = null;
      rows.add(RowFactory.create(v));
    }
    view = spark().createDataFrame(rows, PlantedCustomers.SCHEMA).repartition(3);
    Segmentation.Output out = new Segmentation(CFG).apply(view);
    segments = out.segments().orderBy(Segments.CUSTOMER_ID).collectAsList();
    profiles = out.profiles().orderBy(SegmentProfiles.GRID_ID, SegmentProfiles.SEGMENT_ID).collectAsList();
    out.release();
  }

  @Test
  void everyCustomerWithAGridGetsOneSegmentAndNoOneElse() {
    assertEquals(4 * 250 + 40 + 200 + 30, segments.size());
    assertTrue(segments.stream().noneMatch(r -> r.getString(0).startsWith("NOGRID")));
    assertEquals(segments.size(), segments.stream().map(r -> r.getString(0)).distinct().count());
  }

  @Test
  void smallGridsBorrowTheirMainGridsOrTheCitysModelAndAreFlagged() {
    Map<String, String> scope = new TreeMap<>();
    for (Row r : segments) {
      scope.put(r.getAs(Segments.GRID_ID), r.getAs(Segments.MODEL_SCOPE));
    }
    assertEquals("main_grid", scope.get("G007-01"));
    assertEquals("grid", scope.get("G007-02"));
    assertEquals("city", scope.get("G008"));
    assertEquals("grid", scope.get("G001"));
    for (Row p : profiles) {
      if (p.getAs(SegmentProfiles.GRID_ID).equals("G007-01")) {
        assertEquals("main_grid", p.getAs(SegmentProfiles.MODEL_SCOPE));
      }
    }
  }

  @Test
  void plantedArchetypesAreRecoveredInEveryGridClusteredAlone() {
    Map<String, List<int[]>> byGrid = new TreeMap<>();
    for (Row r : segments) {
      if (r.getAs(Segments.MODEL_SCOPE).equals("grid")) {
        byGrid.computeIfAbsent(r.getAs(Segments.GRID_ID), g -> new ArrayList<>())
            .add(new int[] {TRUTH.get(r.<String>getAs(Segments.CUSTOMER_ID)), r.<Integer>getAs(Segments.SEGMENT_ID)});
      }
    }
    assertEquals(5, byGrid.size());
    double[] ari = new double[byGrid.size()];
    int i = 0;
    for (List<int[]> pairs : byGrid.values()) {
      ari[i++] =
          AdjustedRandIndex.of(pairs.stream().mapToInt(p -> p[0]).toArray(), pairs.stream().mapToInt(p -> p[1]).toArray());
    }
    Arrays.sort(ari);
    assertTrue(ari[ari.length / 2] >= 0.9, "median ARI " + Arrays.toString(ari));
  }

  @Test
  void profilesDescribeEachGridsSegments() {
    Map<String, Long> sizes = new TreeMap<>();
    Map<String, Double> shares = new TreeMap<>();
    for (Row p : profiles) {
      String g = p.getAs(SegmentProfiles.GRID_ID);
      sizes.merge(g, p.<Long>getAs(SegmentProfiles.SIZE), Long::sum);
      shares.merge(g, p.<Double>getAs(SegmentProfiles.SHARE), Double::sum);
      int k = p.getAs(SegmentProfiles.K);
      assertTrue(k >= CFG.kMin() && k <= CFG.kMax());
      assertFalse(((String) p.getAs(SegmentProfiles.DESCRIPTION_ZH)).isBlank());
      assertTrue(p.<Double>getAs(SegmentProfiles.QUALITY) > 0.2, "silhouette of " + g);
    }
    assertEquals(250L, sizes.get("G001"));
    assertEquals(40L, sizes.get("G007-01"));
    shares.values().forEach(s -> assertEquals(1.0, s, 1e-9));
    List<String> cols = Arrays.asList(profilesColumns());
    for (String f : CFG.features()) {
      assertTrue(cols.contains(SegmentProfiles.centroid(f)), f);
    }
    // segment 1 of a grid has the highest centroid ARPU
    Map<String, Double> prev = new HashMap<>();
    for (Row p : profiles) {
      String g = p.getAs(SegmentProfiles.GRID_ID);
      double arpu = p.getAs(SegmentProfiles.centroid("arpu"));
      assertTrue(arpu <= prev.getOrDefault(g, Double.MAX_VALUE));
      prev.put(g, arpu);
    }
  }

  @Test
  void highValueSegmentIsLabelledSo() {
    long hv =
        profiles.stream()
            .filter(p -> p.getAs(SegmentProfiles.MODEL_SCOPE).equals("grid"))
            .filter(p -> p.<Integer>getAs(SegmentProfiles.SEGMENT_ID) == 1)
            .filter(p -> p.getAs(SegmentProfiles.LABEL).equals("high_value_data"))
            .count();
    assertTrue(hv >= 4, "grids whose segment 1 is high_value_data: " + hv);
  }

  @Test
  void sameInputInOtherPartitionsGivesIdenticalOutput() {
    Segmentation.Output again = new Segmentation(CFG).apply(view.repartition(7));
    List<Row> s2 = again.segments().orderBy(Segments.CUSTOMER_ID).collectAsList();
    List<Row> p2 = again.profiles().orderBy(SegmentProfiles.GRID_ID, SegmentProfiles.SEGMENT_ID).collectAsList();
    again.release();
    assertEquals(segments, s2);
    assertEquals(profiles, p2);
  }

  @Test
  void missingFeatureColumnIsNamed() {
    Exception e =
        org.junit.jupiter.api.Assertions.assertThrows(
            RuntimeException.class, () -> new Segmentation(CFG).apply(view.drop("late_payments")));
    assertTrue(e.getMessage().contains("late_payments"), e.getMessage());
  }

  private static String[] profilesColumns() {
    return new Segmentation(CFG).apply(view.limit(0)).profiles().columns();
  }
}
