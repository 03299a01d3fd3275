package org.gridlens.pipeline.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.input_file_name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.gridlens.pipeline.GridLensException;
import org.gridlens.pipeline.SparkTestBase;
import org.gridlens.pipeline.config.GridLensConfig;
import org.gridlens.pipeline.config.PathsConfig;
import org.gridlens.pipeline.run.Datasets;
import org.gridlens.pipeline.run.RunContext;
import org.gridlens.pipeline.run.StepResult;
import org.gridlens.pipeline.run.Warehouse;
import org.gridlens.pipeline.schema.Cdr;
import org.gridlens.pipeline.schema.Complaints;
import org.gridlens.pipeline.schema.Extract;
import org.gridlens.pipeline.schema.Quarantine;
import org.gridlens.pipeline.schema.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestStepTest extends SparkTestBase {

  private static final LocalDate D = LocalDate.of(2026, 10, 31);

  static RunContext context(Path dir, LocalDate date, Map<String, String> settings) {
    Path conf = Path.of("").toAbsolutePath().resolve("../conf/gridlens.yaml").normalize();
    GridLensConfig c = GridLensConfig.load(conf, settings);
    c = c.withPaths(new PathsConfig(dir.resolve("input").toString(), dir.resolve("wh").toString(), dir.resolve("ex").toString()));
    return RunContext.of(spark(), c, date);
  }

  private static Map<String, String> with(Map<String, String> base, String key, String value) {
    Map<String, String> m = new HashMap<>(base);
    m.put(key, value);
    return m;
  }

  @Test
  void everyRowLandsInCleanOrQuarantineWithTheFirstFailingRule(@TempDir Path dir) throws IOException {
    MiniCity city = new MiniCity(dir.resolve("input")).write(spark());
    RunContext ctx = context(dir, D, MiniCity.SETTINGS);
    StepResult result = new IngestStep().run(ctx);
    Warehouse wh = ctx.warehouse();

    Map<String, RejectReason> actual = new LinkedHashMap<>();
    Map<String, Integer> parquetSeen = new HashMap<>();
    for (Extract e : Extract.values()) {
      List<Row> q = wh.read(Datasets.quarantine(e), D).orderBy(Quarantine.SOURCE_FILE, Quarantine.LINE_NUMBER).collectAsList();
      for (Row r : q) {
        String file = r.getAs(Quarantine.SOURCE_FILE);
        Long line = r.getAs(Quarantine.LINE_NUMBER);
        assertNotNull(r.getAs(Quarantine.RAW_LINE));
        assertNotNull(r.getAs(Quarantine.DETAIL));
        actual.put(file + ":" + line + (line == null ? "#?" + parquetSeen.merge(file, 1, Integer::sum) : ""),
            RejectReason.valueOf(r.getAs(Quarantine.REASON)));
      }
    }
    // Parquet rows have no line number: compare them as a multiset of reasons
    Map<String, RejectReason> expectedLines = new LinkedHashMap<>();
    List<RejectReason> expectedParquet = new ArrayList<>();
    city.expected.forEach((k, v) -> {
      if (k.contains(":null#")) {
        expectedParquet.add(v);
      } else {
        expectedLines.put(k, v);
      }
    });
    List<RejectReason> actualParquet = new ArrayList<>();
    Map<String, RejectReason> actualLines = new LinkedHashMap<>();
    actual.forEach((k, v) -> {
      if (k.contains(":null#")) {
        actualParquet.add(v);
      } else {
        actualLines.put(k, v);
      }
    });
    assertEquals(new java.util.TreeMap<>(expectedLines), new java.util.TreeMap<>(actualLines));
    expectedParquet.sort(null);
    actualParquet.sort(null);
    assertEquals(expectedParquet, actualParquet);

    // nothing lost: clean + quarantine = read, for every extract
    for (Extract e : Extract.values()) {
      long clean = wh.read(Datasets.clean(e), D).count();
      long quarantined = wh.read(Datasets.quarantine(e), D).count();
      assertEquals((long) city.read.get(e.id()), clean + quarantined, e.id());
      assertEquals((long) city.read.get(e.id()), result.inputRows().get(e.id()), e.id());
      assertEquals(clean, result.outputRows().get(Datasets.clean(e)));
      StructType got = wh.read(Datasets.clean(e), D).schema();
      StructType want = ExtractRules.of(e).clean();
      assertEquals(want.fieldNames().length, got.fields().length);
      for (StructField f : want.fields()) {
        assertEquals(f.dataType(), got.apply(f.name()).dataType(), e.id() + "." + f.name());
      }
    }
    assertEquals(city.expected.size(), result.rejects());

    // the calls are clustered by customer: every customer's calls in one file, each file sorted
    // by customer and start time; the other extracts are not
    assertEquals(Cdr.CUSTOMER_ID, wh.clusteredBy(Datasets.clean(Extract.CDR), D));
    assertNull(wh.clusteredBy(Datasets.clean(Extract.VAS), D));
    Dataset<Row> calls = wh.read(Datasets.clean(Extract.CDR), D).withColumn("file", input_file_name());
    assertEquals(0, calls.groupBy(Cdr.CUSTOMER_ID).agg(countDistinct(col("file")).as("n")).filter("n > 1").count());
    List<Row> fileNames = calls.select("file").distinct().collectAsList();
    assertTrue(fileNames.size() > 1, "the fixture's calls spread over several files");
    for (Row f : fileNames) {
      List<String> order = spark().read().parquet(f.getString(0)).collectAsList().stream()
          .map(r -> r.getAs(Cdr.CUSTOMER_ID) + " " + r.getAs(Cdr.START_TIME)).toList();
      assertEquals(order.stream().sorted().toList(), order, f.getString(0));
    }

    // typed values survive: GBK text, custom timestamp pattern, decimals
    Row p1 = wh.read(Datasets.clean(Extract.COMPLAINTS), D).filter("complaint_id = 'P1'").first();
    assertEquals("营业厅", p1.getAs(Complaints.CHANNEL));
    assertEquals(LocalDateTime.of(2026, 9, 1, 10, 0), p1.getAs(Complaints.OPENED_AT));
    assertEquals(5, (int) p1.getAs(Complaints.SATISFACTION));
    Row bill = wh.read(Datasets.clean(Extract.BILLING), D).filter("customer_id = 'C001' and bill_month = date'2026-10-01'").first();
    assertEquals(new BigDecimal("90.00"), bill.getAs("total_fee"), "the first of two duplicate bills is kept");

    // details name field and value; the duplicate names the row it lost to
    Row dup = wh.read(Datasets.quarantine(Extract.CUSTOMERS), D).filter("source_file = 'customers/part-00001.csv'")
        .filter("reason = 'DUPLICATE_KEY'").first();
    assertEquals("customer_id='C002': duplicate key, kept the row at customers/part-00000.csv:3", dup.getAs(Quarantine.DETAIL));
    Row enc = wh.read(Datasets.quarantine(Extract.CDR), D).filter("reason = 'BAD_ENCODING'").first();
    assertTrue(((String) enc.getAs(Quarantine.RAW_LINE)).startsWith("C003,MO,1391234\uFFFD"));
    Row pq = wh.read(Datasets.quarantine(Extract.VAS), D).filter("reason = 'BAD_ENUM'").first();
    assertEquals("vas/part-00000.parquet", pq.getAs(Quarantine.SOURCE_FILE));
    assertTrue(((String) pq.getAs(Quarantine.RAW_LINE)).contains("\"service\":\"fax\""), (String) pq.getAs(Quarantine.RAW_LINE));

    // the report
    JsonNode report = new ObjectMapper().readTree(wh.readText(wh.file("reports/ingest/" + D + ".json")));
    JsonNode cdr = report.path("extracts").path("cdr");
    assertEquals(city.read.get("cdr").intValue(), cdr.path("rows_read").asInt());
    assertEquals(2, cdr.path("quarantined_by_reason").path("MALFORMED_LINE").asInt());
    assertEquals(2, cdr.path("files").asInt());
    assertEquals(2, report.path("extracts").path("customers").path("duplicates").asInt());
    assertEquals("2026-08-01", report.path("window").path("start").asText());
    assertTrue(report.path("previous_run_date").isNull());
    // customers C002, C005 have no id_number among 4 clean rows (C001 and C003 have one)
    assertEquals(0.5, report.path("extracts").path("customers").path("null_rates").path("id_number").asDouble());
  }

  @Test
  void theQuarantinePassReadsAgainOnlyTheLinesTheCleanPassRejected(@TempDir Path dir) throws IOException {
    new MiniCity(dir.resolve("input")).write(spark());
    RunContext ctx = context(dir, D, MiniCity.SETTINGS);
    ExtractReader reader = new ExtractReader(spark(), ctx.input(), ctx.config().ingest(), D);
    for (Extract e : List.of(Extract.CDR, Extract.VAS)) {
      List<InputFile> files = reader.list(e);
      RejectedLinesAccumulator acc = new RejectedLinesAccumulator();
      spark().sparkContext().register(acc);
      List<Row> all = reader.read(e, files, null, acc).collectAsList();
      List<Row> rejected = all.stream().filter(r -> r.getAs(Quarantine.REASON) != null).toList();
      List<Row> csvRejected = rejected.stream().filter(r -> r.getAs(Quarantine.LINE_NUMBER) != null).toList();
      // the cdr files have rejects; the one CSV file of vas has none (its rejects are in a Parquet file)
      assertEquals(e == Extract.CDR, !csvRejected.isEmpty(), e.id());
      assertEquals(e == Extract.VAS, rejected.size() > csvRejected.size(), e.id());
      assertEquals(csvRejected.size(), acc.value().count(), e.id());
      for (Row r : csvRejected) {
        assertTrue(acc.value().contains(r.getAs(Quarantine.SOURCE_FILE), (Long) r.getAs(Quarantine.LINE_NUMBER)), r.toString());
      }
      if (e == Extract.VAS) {
        // the second pass must not open the CSV file without rejects
        assertTrue(acc.isZero());
        Files.delete(dir.resolve("input/vas/part-00001.csv"));
      }
      List<Row> again = reader.readRejected(e, files, null, acc.value())
          .filter(org.apache.spark.sql.functions.col(Quarantine.REASON).isNotNull()).collectAsList();
      assertEquals(rejected, again, e.id());
    }
  }

  @Test
  void rerunsReplaceTheirDateOnlyAndTheReportComparesWithThePreviousDate(@TempDir Path dir) throws IOException {
    new MiniCity(dir.resolve("input")).write(spark());
    LocalDate before = D.minusDays(1);
    RunContext first = context(dir, before, MiniCity.SETTINGS);
    new IngestStep().run(first);
    long cdrBefore = first.warehouse().read(Datasets.clean(Extract.CDR), before).count();

    // a new cells file for the second date
    Files.writeString(dir.resolve("input/cells/cells2.csv"), CsvFileReaderTest.CELLS_HEADER + "K9,116.4,39.9,,4G\n",
        StandardCharsets.UTF_8);
    RunContext second = context(dir, D, MiniCity.SETTINGS);
    new IngestStep().run(second);
    Warehouse wh = second.warehouse();
    assertEquals(cdrBefore, wh.read(Datasets.clean(Extract.CDR), before).count(), "the other date is untouched");
    assertEquals(3, wh.read(Datasets.clean(Extract.CELLS), D).count());
    assertEquals(2, wh.read(Datasets.clean(Extract.CELLS), before).count());
    // the cdr rows on K9 are now clean (K9 exists) and the one at 2026-10-31 23:59:59 is in the window
    assertTrue(wh.read(Datasets.clean(Extract.CDR), D).count() > cdrBefore);

    JsonNode report = new ObjectMapper().readTree(wh.readText(wh.file("reports/ingest/" + D + ".json")));
    assertEquals(before.toString(), report.path("previous_run_date").asText());
    JsonNode change = report.path("extracts").path("cells").path("change").path("rows_read");
    assertEquals(5, change.path("previous").asInt());
    assertEquals(1, change.path("delta").asInt());
    assertEquals(20.0, change.path("delta_pct").asDouble());
    String table = QualityReport.table(wh.readText(wh.file("reports/ingest/" + D + ".json")));
    assertTrue(table.contains("previous run " + before), table);
  }

  @Test
  void aRejectRatioAboveTheThresholdPublishesNothing(@TempDir Path dir) throws IOException {
    new MiniCity(dir.resolve("input")).write(spark());
    Map<String, String> strict = with(MiniCity.SETTINGS, "ingest.max_reject_ratio", "0.9");
    // cells are checked early; give them (and the rest) room except for billing
    strict.put("ingest.sources",
        MiniCity.SETTINGS.get("ingest.sources").replace("vas: {", "billing: {max_reject_ratio: 0.5}, vas: {"));
    RunContext ctx = context(dir, D, strict);
    GridLensException e = assertThrows(GridLensException.class, () -> new IngestStep().run(ctx));
    assertEquals(GridLensException.Kind.BAD_INPUT, e.kind());
    assertTrue(e.getMessage().startsWith("ingest billing: 11 of 14 rows rejected"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    for (Extract x : Extract.values()) {
      assertFalse(ctx.warehouse().exists(Datasets.clean(x), D), x.id() + " must not be published");
      assertFalse(ctx.warehouse().exists(Datasets.quarantine(x), D), x.id() + " quarantine must not be published");
    }
    assertNull(ctx.warehouse().readText(ctx.warehouse().file("reports/ingest/" + D + ".json")));
    try (var walk = Files.walk(dir.resolve("wh"))) {
      List<String> staged = walk.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("_staging_")).toList();
      assertEquals(List.of(), staged, "the outputs staged before the failure are removed");
    }
  }

  @Test
  void missingFoldersAndHeaderColumnsFailWithTheirNames(@TempDir Path dir) throws IOException {
    new MiniCity(dir.resolve("input")).write(spark());
    Path cdr = dir.resolve("input/cdr");
    Path moved = dir.resolve("cdr-away");
    Files.move(cdr, moved);
    GridLensException e = assertThrows(GridLensException.class,
        () -> new IngestStep().run(context(dir, D, MiniCity.SETTINGS)));
    assertEquals(GridLensException.Kind.BAD_INPUT, e.kind());
    assertTrue(e.getMessage().startsWith("required extract cdr is missing"), e.getMessage());

    // optional and absent: published empty, with the clean schema
    RunContext optional = context(dir, D, with(MiniCity.SETTINGS, "ingest.required", "[customers, cells, billing, complaints, vas]"));
    new IngestStep().run(optional);
    assertEquals(0, optional.warehouse().read(Datasets.clean(Extract.CDR), D).count());
    assertEquals(List.of(ExtractRules.of(Extract.CDR).columnNames()),
        List.of(optional.warehouse().read(Datasets.clean(Extract.CDR), D).columns()));
    Files.move(moved, cdr);

    Files.writeString(dir.resolve("input/cells/more.csv"), "cell_id,longitude,lat\nK7,116.4,39.9\n");
    e = assertThrows(GridLensException.class, () -> new IngestStep().run(context(dir, D, MiniCity.SETTINGS)));
    assertEquals(GridLensException.Kind.BAD_INPUT, e.kind());
    assertTrue(e.getMessage().startsWith("cells/more.csv: header lacks required column lon (header: cell_id, longitude, lat"),
        e.getMessage());
    Files.delete(dir.resolve("input/cells/more.csv"));

    Files.writeString(dir.resolve("input/cells/notes.txt"), "hello");
    e = assertThrows(GridLensException.class, () -> new IngestStep().run(context(dir, D, MiniCity.SETTINGS)));
    assertTrue(e.getMessage().contains("unexpected file cells/notes.txt"), e.getMessage());
  }

  @Test
  void aFileThatBreaksWhileSparkReadsItIsBadInputNamingTheFile(@TempDir Path dir) throws IOException {
    new MiniCity(dir.resolve("input")).write(spark());
    // big enough that the header check on the driver reads fine and the break comes in the Spark task
    StringBuilder b = new StringBuilder("customer_id,msisdn,id_number,name,gender,birth_date,customer_type,industry,"
        + "plan_id,plan_fee,join_date,channel,status,close_date,address,lon,lat,grid_id\n");
    for (int i = 0; i < 40_000; i++) {
      b.append(MiniCity.customer("X" + i, "139" + (10_000_000 + (i * 7919L) % 89_999_999), "M", "active")).append('\n');
    }
    byte[] gz = CsvFileReaderTest.gzip(b.toString().getBytes(StandardCharsets.UTF_8));
    Files.write(dir.resolve("input/customers/part-00002.csv.gz"), java.util.Arrays.copyOf(gz, gz.length * 2 / 3));
    GridLensException e = assertThrows(GridLensException.class,
        () -> new IngestStep().run(context(dir, D, MiniCity.SETTINGS)));
    assertEquals(GridLensException.Kind.BAD_INPUT, e.kind());
    assertTrue(e.getMessage().startsWith("cannot read customers/part-00002.csv.gz after line "), e.getMessage());
    assertFalse(context(dir, D, MiniCity.SETTINGS).warehouse().exists(Datasets.clean(Extract.CUSTOMERS), D));
  }
}
