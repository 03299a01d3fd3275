package org.gridlens.pipeline.geo;

import static org.gridlens.pipeline.geo.GeoFixtures.box;
import static org.gridlens.pipeline.geo.GeoFixtures.city;
import static org.gridlens.pipeline.geo.GeoFixtures.ellipsoidBoxAreaM2;
import static org.gridlens.pipeline.geo.GeoFixtures.grid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.gridlens.pipeline.GridLensException;
import org.gridlens.pipeline.SampleCity;
import org.gridlens.pipeline.SparkTestBase;
import org.gridlens.pipeline.config.GridLensConfig;
import org.gridlens.pipeline.config.PathsConfig;
import org.gridlens.pipeline.run.Datasets;
import org.gridlens.pipeline.run.RunContext;
import org.gridlens.pipeline.run.StepResult;
import org.gridlens.pipeline.schema.Cdr;
import org.gridlens.pipeline.schema.Cells;
import org.gridlens.pipeline.schema.Customers;
import org.gridlens.pipeline.schema.Extract;
import org.gridlens.pipeline.schema.GridAssignment;
import org.gridlens.pipeline.schema.GridTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grids and assign stages on a hand-made city: clean Parquet inputs in a temporary warehouse. */
class GeoStagesTest extends SparkTestBase {

  private static final LocalDate D = LocalDate.of(2026, 10, 31);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static RunContext context(Path dir, Map<String, String> overrides) {
    GridLensConfig c = GridLensConfig.load(SampleCity.repo().resolve("conf/gridlens.yaml"), overrides)
        .withPaths(new PathsConfig(dir.resolve("input").toString(), dir.resolve("wh").toString(),
            dir.resolve("exports").toString()));
    return RunContext.of(spark(), c, D);
  }

  private static void writeLayer(Path dir, String geojson) throws IOException {
    Path grids = dir.resolve("input/grids");
    Files.createDirectories(grids);
    Files.writeString(grids.resolve("grids.geojson"), geojson);
  }

  private static Row customer(String id, Double lon, Double lat, String gridId) {
    return RowFactory.create(id, "13800000000", null, null, "U", null, Customers.TYPE_INDIVIDUAL, null, "P1",
        new BigDecimal("58.00"), Date.valueOf("2020-01-01"), null, Customers.STATUS_ACTIVE, null, null, lon, lat, gridId);
  }

  private static void calls(List<Row> out, String customer, String cell, String at, int n) {
    for (int i = 0; i < n; i++) {
      out.add(RowFactory.create(customer, Cdr.DIRECTION_MO, "13900000000", LocalDateTime.parse(at.replace(' ', 'T')), 60, cell,
          "local", "normal", false));
    }
  }

  private static void writeCleanExtracts(RunContext ctx) {
    List<Row> customers = List.of(
        customer("C01", 120.025, 30.005, "G001-01"), // explicit wins over a point in G002
        customer("C02", 120.025, 30.005, null), // point in G002
        customer("C03", null, null, null), // home cell K2 in G001-02
        customer("C04", 120.015, 30.005, "G001"), // main grid with sub-grids: located by point
        customer("C05", null, null, "G001"), // ... and nothing else: unassigned
        customer("C06", null, null, "G999"), // unknown grid id
        customer("C07", 121.0, 31.0, null), // outside
        customer("C08", null, null, null), // nothing at all
        customer("C09", 120.01, 30.005, null), // on the edge G001-01 | G001-02
        customer("C10", null, null, null), // home cell: night wrap, window and tie
        customer("C11", null, null, null)); // home cell K4 outside the grids
    List<Row> cells = List.of(
        RowFactory.create("K1", 120.005, 30.005, "S1", "4G"),
        RowFactory.create("K2", 120.015, 30.005, "S2", "5G"),
        RowFactory.create("K3", 120.025, 30.005, "S3", "4G"),
        RowFactory.create("K4", 121.0, 31.0, "S4", "4G"),
        RowFactory.create("K5", 120.015, 30.015, "S5", "5G"));
    List<Row> cdr = new ArrayList<>();
    calls(cdr, "C03", "K2", "2026-10-30 22:00:00", 1);
    calls(cdr, "C03", "K3", "2026-10-30 14:00:00", 3); // daytime: not counted
    // C10: 2 calls at K3 before midnight, 2 at K1 after: a tie across midnight, K1 < K3 wins
    calls(cdr, "C10", "K3", "2026-10-20 23:30:00", 2);
    calls(cdr, "C10", "K1", "2026-10-21 02:00:00", 2);
    calls(cdr, "C10", "K3", "2026-10-21 12:00:00", 5); // day
    calls(cdr, "C10", "K3", "2026-10-21 20:59:00", 3); // a minute before the night
    calls(cdr, "C10", "K3", "2026-10-22 07:00:00", 3); // the night ends at 07:00 (exclusive)
    calls(cdr, "C10", "K3", "2026-08-01 23:00:00", 10); // night, but before the 90-day window
    calls(cdr, "C11", "K4", "2026-10-31 23:59:00", 1); // the run date's last minute is in
    calls(cdr, "C11", "K3", "2026-11-01 01:00:00", 4); // after the run date: not counted
    var wh = ctx.warehouse();
    wh.publish(spark().createDataFrame(customers, Customers.CLEAN), Datasets.clean(Extract.CUSTOMERS), D);
    wh.publish(spark().createDataFrame(cells, Cells.CLEAN), Datasets.clean(Extract.CELLS), D);
    wh.publish(spark().createDataFrame(cdr, Cdr.CLEAN), Datasets.clean(Extract.CDR), D);
  }

  @Test
  void gridsThenAssignOnAHandMadeCity(@TempDir Path dir) throws IOException {
    writeLayer(dir, GridLayerReaderTest.geoJson(city(), null));
    RunContext ctx = context(dir, Map.of());
    writeCleanExtracts(ctx);

    StepResult grids = new GridsStep().run(ctx);
    assertEquals(5L, grids.outputRows().get(Datasets.GRIDS));
    assertEquals("ok", grids.metrics().get("status"));
    List<Row> g = ctx.warehouse().read(Datasets.GRIDS, D).collectAsList();
    assertEquals(List.of("G001", "G001-01", "G001-02", "G002", "G003"),
        g.stream().map(r -> r.<String>getAs(GridTable.GRID_ID)).toList());
    Row sub = g.get(1);
    assertEquals("G001", sub.getAs(GridTable.PARENT_ID));
    assertEquals(GridTable.LEVEL_SUB, sub.getAs(GridTable.LEVEL));
    assertEquals(true, sub.getAs(GridTable.IS_LEAF));
    assertEquals(false, g.get(0).getAs(GridTable.IS_LEAF));
    assertEquals(GridTable.LEVEL_MAIN, g.get(0).getAs(GridTable.LEVEL));
    double km2 = ellipsoidBoxAreaM2(120.00, 30.00, 120.01, 30.01) / 1e6;
    assertEquals(km2, sub.<Double>getAs(GridTable.AREA_KM2), km2 * 0.005);
    assertEquals(120.005, sub.<Double>getAs(GridTable.CENTROID_LON), 1e-6);
    assertEquals(30.005, sub.<Double>getAs(GridTable.CENTROID_LAT), 1e-5);
    JsonNode report = JSON.readTree(Files.readString(dir.resolve("wh/reports/grids/" + D + ".json")));
    assertEquals("ok", report.get("status").asText());
    assertEquals(0, report.get("problems").size());

    StepResult assign = new AssignStep().run(ctx);
    List<Row> rows = ctx.warehouse().read(Datasets.GRID_ASSIGNMENT, D).orderBy(GridAssignment.CUSTOMER_ID).collectAsList();
    List<String> got = new ArrayList<>();
    for (Row r : rows) {
      got.add(String.join(" ", r.getString(0), String.valueOf(r.getString(1)), String.valueOf(r.getString(2)),
          r.getString(3), String.valueOf(r.getString(4)), String.valueOf(r.getString(5))));
    }
    assertEquals(List.of(
        "C01 G001-01 G001 explicit null null",
        "C02 G002 G002 point null null",
        "C03 G001-02 G001 home_cell null K2",
        "C04 G001-02 G001 point null null",
        "C05 null null unassigned main_grid_id_not_leaf null",
        "C06 null null unassigned unknown_grid_id null",
        "C07 null null unassigned outside_grids null",
        "C08 null null unassigned no_location null",
        "C09 G001-01 G001 point null null",
        "C10 G001-01 G001 home_cell null K1",
        "C11 null null unassigned outside_grids K4"), got);
    // C02 is 0.005° of longitude from G002's west and east edges, 0.005° of latitude from the others
    double toEdge = 0.005 * Math.toRadians(1) * GridIndex.EARTH_RADIUS_M * Math.cos(Math.toRadians(30.005));
    assertEquals(toEdge, rows.get(1).<Double>getAs(GridAssignment.BORDER_DISTANCE_M), 1.0);
    assertEquals(0.0, rows.get(8).<Double>getAs(GridAssignment.BORDER_DISTANCE_M), 1e-6);

    assertEquals(Map.of("explicit", 1L, "point", 3L, "home_cell", 2L, "unassigned", 5L), assign.metrics().get("methods"));
    assertEquals(Map.of("main_grid_id_not_leaf", 1L, "unknown_grid_id", 1L, "outside_grids", 2L, "no_location", 1L),
        assign.metrics().get("unassigned_reasons"));
    assertEquals(List.of("G003"), assign.metrics().get("empty_leaf_grids"));
    assertEquals(11L, assign.outputRows().get(Datasets.GRID_ASSIGNMENT));

    List<String> cells = new ArrayList<>();
    for (Row r : ctx.warehouse().read(Datasets.CELL_ASSIGNMENT, D).collectAsList()) {
      cells.add(r.getString(0) + " " + r.getString(1) + " " + r.getString(2));
    }
    // one file in cell order, whatever the run did before (range bounds drawn from a sample are not)
    String cellDir = ctx.warehouse().path(Datasets.CELL_ASSIGNMENT, D).replaceFirst("^file:", "");
    try (java.util.stream.Stream<Path> files = Files.list(Path.of(cellDir))) {
      assertEquals(1, files.filter(p -> p.getFileName().toString().endsWith(".parquet")).count());
    }
    assertEquals(List.of("K1 G001-01 G001", "K2 G001-02 G001", "K3 G002 G002", "K4 null null", "K5 G003 G003"), cells);
    JsonNode assignReport = JSON.readTree(Files.readString(dir.resolve("wh/reports/assign/" + D + ".json")));
    assertEquals("G003", assignReport.get("empty_leaf_grids").get(0).asText());
    assertEquals(5, assignReport.get("methods").get("unassigned").asInt());
  }

  @Test
  void aFaultyLayerFailsWithBadInputAfterWritingItsReportUnlessRepairIsOn(@TempDir Path dir) throws IOException {
    List<GridFeature> layer = city();
    layer.set(3, grid("G002", null, box(120.018, 30.00, 120.03, 30.01))); // overlaps G001
    layer.add(grid("G009", null, "POLYGON ((121 30, 121.01 30.01, 121.01 30, 121 30.01, 121 30))"));
    writeLayer(dir, GridLayerReaderTest.geoJson(layer, null));

    GridLensException e = assertThrows(GridLensException.class, () -> new GridsStep().run(context(dir, Map.of())));
    assertEquals(GridLensException.Kind.BAD_INPUT, e.kind());
    assertTrue(e.getMessage().contains("{invalid_geometry=1, overlap=1}"), e.getMessage());
    JsonNode report = JSON.readTree(Files.readString(dir.resolve("wh/reports/grids/" + D + ".json")));
    assertEquals("failed", report.get("status").asText());
    JsonNode problems = JSON.readTree(Files.readString(dir.resolve("wh/reports/grids/" + D + "-problems.geojson")));
    assertEquals("FeatureCollection", problems.get("type").asText());
    JsonNode overlap = problems.get("features").get(1);
    assertEquals("overlap", overlap.get("properties").get("kind").asText());
    assertEquals("Polygon", overlap.get("geometry").get("type").asText());
    double expected = ellipsoidBoxAreaM2(120.018, 30.00, 120.02, 30.01);
    assertEquals(expected, overlap.get("properties").get("area_m2").asDouble(), expected * 0.005);
    assertEquals("Point", problems.get("features").get(0).get("geometry").get("type").asText());
    assertTrue(!ctx(dir).warehouse().exists(Datasets.GRIDS, D), "nothing published");

    StepResult repaired = new GridsStep().run(context(dir, Map.of("geo.repair", "true")));
    assertEquals("repaired", repaired.metrics().get("status"));
    assertEquals(6L, repaired.outputRows().get(Datasets.GRIDS));
  }

  private static RunContext ctx(Path dir) {
    return context(dir, Map.of());
  }
}
