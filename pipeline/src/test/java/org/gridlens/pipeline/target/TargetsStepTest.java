package org.gridlens.pipeline.target;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.gridlens.pipeline.SparkTestBase;
import org.gridlens.pipeline.config.ConfigLoader;
import org.gridlens.pipeline.config.GridLensConfig;
import org.gridlens.pipeline.export.ExportPiiScanner;
import org.gridlens.pipeline.run.Datasets;
import org.gridlens.pipeline.run.RunContext;
import org.gridlens.pipeline.run.StepResult;
import org.gridlens.pipeline.run.Warehouse;
import org.gridlens.pipeline.schema.Extract;
import org.gridlens.pipeline.schema.Targets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetsStepTest extends SparkTestBase {

  private static final LocalDate D = LocalDate.of(2026, 10, 31);
  private static final String CAMPAIGN = "test-campaign";

  private static String msisdn(int i) {
    return String.format("1380000%04d", i);
  }

  private static String idNumber(int i) {
    return String.format("1101051990010%04d", i) + "X";
  }

  @Test
  void publishesTheListsAndWritesMaskedGridFilesWithoutExcludedOrControlCustomers(@TempDir Path dir)
      throws IOException {
    Path input = Files.createDirectories(dir.resolve("input/customers"));
    StringBuilder customersCsv = new StringBuilder("customer_id,msisdn,id_number,name,address\n");
    TargetFixtures f = new TargetFixtures();
    List<Row> customers = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      String c = String.format("C%02d", i);
      String name = i == 1 ? "=HYPERLINK(\"http://x\")" : (i % 2 == 0 ? "欧阳娜娜" : "张三");
      customers.add(RowFactory.create(c, msisdn(i), idNumber(i), name, "@幸福路" + i + "号"));
      customersCsv.append(c).append(',').append(msisdn(i)).append(',').append(idNumber(i)).append(',')
          .append(name.replace("\"", "")).append(",addr\n");
      f.row(c, "G1", "video", true, 0.5, 30.0 - i, i == 18 ? "closed" : "active");
    }
    Files.writeString(input.resolve("part-00000.csv"), customersCsv.toString());
    Path optOut = dir.resolve("opt_out.csv");
    Files.writeString(optOut, "\uFEFF MSISDN \n+86 138-0000-0019\n");
    Path history = dir.resolve("contacts.csv");
    Files.writeString(history, "customer_id,contacted_at\nC20,2026-10-28 10:00:00\nC01,2026-08-01\n");

    Path wh = dir.resolve("warehouse");
    Path exports = dir.resolve("exports");
    Warehouse w = new Warehouse(spark(), wh.toString(), exports.toString());
    w.publish(f.uplift(spark()), Datasets.UPLIFT, D);
    w.publish(f.view(spark()), Datasets.CUSTOMER_VIEW, D);
    w.publish(f.segments(spark()), Datasets.SEGMENTS, D);
    w.publish(spark().createDataFrame(customers, TargetFixtures.CUSTOMERS), Datasets.clean(Extract.CUSTOMERS), D);
    List<Row> grids =
        List.of(RowFactory.create("G1", "东湖网格", "王经理", true), RowFactory.create("G2", "西湖网格", "李经理", true),
            RowFactory.create("M", "主网格", "赵经理", false));
    w.publish(spark().createDataFrame(grids, TargetFixtures.GRIDS), Datasets.GRIDS, D);

    String yaml =
        "paths: {input: x, warehouse: '" + wh + "', exports: '" + exports + "'}\n"
            + "operators: {home: cmcc, prefixes: {cmcc: [138]}}\n"
            + "targets:\n  control_share: 0.3\n  campaign_id: " + CAMPAIGN + "\n  opt_out_file: '" + optOut + "'\n"
            + "  contact_history_file: '" + history + "'\n  contact_cooldown_days: 30\n";
    GridLensConfig cfg = GridLensConfig.from(ConfigLoader.parse(yaml, "test.yaml", Map.of()), dir);
    StepResult r = new TargetsStep().run(new RunContext(spark(), cfg, D, w));

    assertEquals(1L, r.metrics().get("excluded.opted_out"));
    assertEquals(1L, r.metrics().get("excluded.recently_contacted"));
    assertEquals(1L, r.metrics().get("excluded.status_closed"));
    assertEquals(20L, r.inputRows().get(Datasets.UPLIFT));
    assertEquals(17L, r.outputRows().get(Datasets.TARGETS));

    Set<String> control = new TreeSet<>();
    for (Row t : w.read(Datasets.TARGETS, D).collectAsList()) {
      if (t.<Boolean>getAs(Targets.CONTROL)) {
        control.add(t.getAs(Targets.CUSTOMER_ID));
      }
    }
    Set<String> expectedControl = new TreeSet<>();
    for (int i = 1; i <= 17; i++) {
      String c = String.format("C%02d", i);
      if (ControlGroup.draw(c, "video", CAMPAIGN) < 0.3) {
        expectedControl.add(c);
      }
    }
    assertEquals(expectedControl, control);
    assertFalse(control.isEmpty(), "the fixture must exercise the control group");
    assertEquals((long) control.size(), r.metrics().get("control_rows"));

    Path day = exports.resolve(D.toString());
    List<CSVRecord> g1 = csv(day.resolve("G1/targets.csv"));
    Set<String> listed = g1.stream().skip(1).map(x -> x.get(3)).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(17 - control.size(), listed.size());
    for (String excluded : List.of("C18", "C19", "C20")) {
      assertFalse(listed.contains(excluded), excluded);
    }
    for (String c : control) {
      assertFalse(listed.contains(c), "control customer " + c + " is not in the manager's file");
    }
    assertEquals(1, csv(day.resolve("G2/targets.csv")).size(), "an empty leaf grid gets a header-only file");
    assertFalse(Files.exists(day.resolve("M")), "no file for a main grid with sub-grids");
    List<CSVRecord> index = csv(day.resolve("index.csv"));
    assertEquals(List.of("G1", "东湖网格", "王经理", String.valueOf(listed.size())),
        index.get(1).toList().subList(0, 4));
    assertEquals("G1/targets.csv", index.get(1).get(5));
    assertEquals(List.of("G2", "西湖网格", "李经理", "0", "0.00", "G2/targets.csv"), index.get(2).toList());
    assertEquals(Set.of("C05", "C07", "C10", "C13", "C14"), control, "pinned: SHA-256 draws computed in Python");
    assertTrue(listed.contains("C01"), "contacted 91 days ago: past the cooldown");
    assertTrue(g1.stream().anyMatch(x -> x.get(3).equals("C01") && x.get(4).equals("'=*")),
        "a formula in a name is neutralised after masking");
    assertTrue(g1.stream().anyMatch(x -> x.get(4).equals("欧阳*") && x.get(5).startsWith("138****")));
    assertEquals(List.of(), ExportPiiScanner.scan(exports, ExportPiiScanner.secretsOf(input)));
    String all = Files.readString(day.resolve("G1/targets.csv"));
    assertFalse(all.contains("幸福路"), "addresses are not exported");
    try (Stream<Path> files = Files.walk(exports)) {
      assertEquals(List.of(), files.filter(p -> p.getFileName().toString().startsWith(".")).toList(),
          "no temporary or checksum files");
    }

    // Re-run: a grid that disappeared and a stale grid folder lose their files; other exports stay;
    // the remaining bytes are identical.
    byte[] firstG1 = Files.readAllBytes(day.resolve("G1/targets.csv"));
    byte[] firstParquet = Files.readAllBytes(parquetOf(wh, "G1"));
    Files.createDirectories(day.resolve("G9"));
    Files.writeString(day.resolve("G9/targets.csv"), "stale");
    Files.writeString(day.resolve("grid_scores.csv"), "kept");
    w.publish(spark().createDataFrame(grids.subList(0, 1), TargetFixtures.GRIDS), Datasets.GRIDS, D);
    StepResult again = new TargetsStep().run(new RunContext(spark(), cfg, D, w));
    assertEquals(2L, again.metrics().get("stale_grid_files_removed"));
    assertFalse(Files.exists(day.resolve("G9")));
    assertFalse(Files.exists(day.resolve("G2")));
    assertTrue(Files.exists(day.resolve("grid_scores.csv")));
    assertArrayEquals(firstG1, Files.readAllBytes(day.resolve("G1/targets.csv")));
    assertArrayEquals(firstParquet, Files.readAllBytes(parquetOf(wh, "G1")));
    assertEquals(2, csv(day.resolve("index.csv")).size());
  }

  private static Path parquetOf(Path wh, String grid) throws IOException {
    try (Stream<Path> s = Files.list(wh.resolve(Datasets.TARGETS + "/run_date=" + D))) {
      return s.filter(p -> p.toString().endsWith(".parquet")).sorted().findFirst().orElseThrow();
    }
  }

  private static List<CSVRecord> csv(Path p) throws IOException {
    byte[] b = Files.readAllBytes(p);
    int boms = 0;
    for (int i = 0; i + 2 < b.length; i++) {
      if ((b[i] & 0xFF) == 0xEF && (b[i + 1] & 0xFF) == 0xBB && (b[i + 2] & 0xFF) == 0xBF) {
        boms++;
      }
    }
    assertEquals(1, boms, "exactly one BOM in " + p);
    String s = new String(b, StandardCharsets.UTF_8).substring(1);
    try (CSVParser parser = CSVParser.parse(new StringReader(s), CSVFormat.RFC4180)) {
      return parser.getRecords();
    }
  }
}
