package org.gridlens.pipeline.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.gridlens.pipeline.SampleCity;
import org.gridlens.pipeline.run.Datasets;
import org.gridlens.pipeline.run.RunContext;
import org.gridlens.pipeline.run.StepName;
import org.gridlens.pipeline.run.StepResult;
import org.gridlens.pipeline.schema.GridAssignment;
import org.gridlens.pipeline.schema.GridTable;
import org.junit.jupiter.api.Test;

/**
 * The grid layer and assignment on the committed sample city (ingest, grids, assign run by the
 * shared {@link SampleCity} fixture) against the generator's ground truth.
 */
class SampleCityGeoTest {

  @Test
  void theSampleLayerValidatesCleanAndMatchesTheTruthGrids() {
    StepResult grids = SampleCity.result(StepName.GRIDS);
    assertEquals("ok", grids.metrics().get("status"), String.valueOf(grids.metrics().get("problems")));
    RunContext ctx = SampleCity.runThrough(StepName.GRIDS);
    Map<String, Row> published = new HashMap<>();
    for (Row r : ctx.warehouse().read(Datasets.GRIDS, SampleCity.RUN_DATE).collectAsList()) {
      published.put(r.getAs(GridTable.GRID_ID), r);
    }
    List<CSVRecord> truth = SampleCity.truth("grids.csv");
    assertEquals(truth.size(), published.size());
    for (CSVRecord t : truth) {
      Row r = published.get(t.get("grid_id"));
      assertEquals(t.get("level"), r.getAs(GridTable.LEVEL), t.get("grid_id"));
      String parent = t.get("parent_id");
      assertEquals(parent.isEmpty() ? null : parent, r.getAs(GridTable.PARENT_ID), t.get("grid_id"));
      assertTrue(r.<Double>getAs(GridTable.AREA_KM2) > 0);
    }
  }

  @Test
  void everyCustomerWithCoordinatesOrAHomeCellLandsInTheGridTheTruthNames() {
    StepResult assign = SampleCity.result(StepName.ASSIGN);
    RunContext ctx = SampleCity.runThrough(StepName.ASSIGN);
    Map<String, Row> assigned = new HashMap<>();
    for (Row r : ctx.warehouse().read(Datasets.GRID_ASSIGNMENT, SampleCity.RUN_DATE).collectAsList()) {
      assigned.put(r.getAs(GridAssignment.CUSTOMER_ID), r);
    }
    List<CSVRecord> truth = SampleCity.truth("customers.csv");
    List<String> wrong = new ArrayList<>();
    List<String> wrongHomeCell = new ArrayList<>();
    int homeCell = 0;
    for (CSVRecord t : truth) {
      Row r = assigned.get(t.get("customer_id"));
      boolean byHomeCell = "home_cell".equals(t.get("locate_by"));
      homeCell += byHomeCell ? 1 : 0;
      String got = r == null ? "missing" : r.getAs(GridAssignment.GRID_ID) + " by " + r.getAs(GridAssignment.METHOD)
          + (r.isNullAt(r.fieldIndex(GridAssignment.UNASSIGNED_REASON)) ? "" : " (" + r.getAs(GridAssignment.UNASSIGNED_REASON) + ")");
      if (r == null || !t.get("grid_id").equals(r.getAs(GridAssignment.GRID_ID))
          || !t.get("main_grid_id").equals(r.getAs(GridAssignment.MAIN_GRID_ID))
          || !t.get("locate_by").equals(r.getAs(GridAssignment.METHOD))) {
        (byHomeCell ? wrongHomeCell : wrong).add(
            t.get("customer_id") + ": truth " + t.get("grid_id") + " by " + t.get("locate_by") + ", got " + got);
      }
    }
    // explicit grid ids, points and home cells: every one exactly as the truth says (the generator
    // plants home-cell customers so that their home cell wins the night count inside the window)
    assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())), wrong.size() + " of " + truth.size() + " wrong");
    assertEquals(List.of(), wrongHomeCell.subList(0, Math.min(10, wrongHomeCell.size())),
        wrongHomeCell.size() + " of " + homeCell + " home-cell customers wrong");
    assertTrue(homeCell > 1000, "the sample city locates enough customers by home cell: " + homeCell);
    // the generator plants leaf grids without customers on purpose; assign must report exactly those
    java.util.Set<String> populated = new java.util.TreeSet<>();
    truth.forEach(t -> populated.add(t.get("grid_id")));
    java.util.Set<String> leaves = new java.util.TreeSet<>();
    java.util.Set<String> parents = new java.util.TreeSet<>();
    SampleCity.truth("grids.csv").forEach(g -> {
      leaves.add(g.get("grid_id"));
      if (!g.get("parent_id").isEmpty()) {
        parents.add(g.get("parent_id"));
      }
    });
    leaves.removeAll(parents);
    leaves.removeAll(populated);
    assertEquals(List.copyOf(leaves), assign.metrics().get("empty_leaf_grids"));
    assertTrue(!leaves.isEmpty(), "the sample city has at least one empty grid");
  }
}
