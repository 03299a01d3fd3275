package org.gridlens.pipeline.run;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.gridlens.pipeline.SparkTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarehouseTest extends SparkTestBase {

  private static final LocalDate D = LocalDate.of(2026, 10, 31);

  @Test
  void publishReplacesADateAtomicallyWithStableFileNamesAndLeavesOtherDates(@TempDir Path dir)
      throws IOException {
    Warehouse w = new Warehouse(spark(), dir.toString(), dir.resolve("exports").toString());
    w.publish(spark().range(10).toDF(), "things", D.minusDays(1));
    assertEquals(10, w.publish(spark().range(10).toDF(), "things", D));
    assertEquals(3, w.publish(spark().range(3).toDF().coalesce(1), "things", D));

    assertEquals(3, w.read("things", D).count());
    assertEquals(10, w.read("things", D.minusDays(1)).count());
    assertEquals(List.of(D.minusDays(1), D), w.dates("things"));
    try (Stream<Path> files = Files.list(dir.resolve("things/run_date=" + D))) {
      List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().collect(Collectors.toList());
      assertEquals(List.of("_ROW_HASH", "_SUCCESS", "part-00000-c000.snappy.parquet"), names);
    }
    try (Stream<Path> entries = Files.list(dir.resolve("things"))) {
      assertTrue(entries.allMatch(p -> p.getFileName().toString().startsWith("run_date=")),
          "no staging or trash folders are left behind");
    }
  }

  @Test
  void stagedDataIsInvisibleUntilCommittedAndCarriesItsCountsAndRowHash(@TempDir Path dir) {
    Warehouse w = new Warehouse(spark(), dir.toString(), dir.resolve("exports").toString());
    w.publish(spark().range(4).toDF(), "things", D);
    Dataset<Row> next = spark().range(100).toDF().withColumn("odd", col("id").mod(2).equalTo(1));
    Warehouse.Staged s = w.stage(next, "things", D, List.of(sum(when(col("odd"), lit(1L)).otherwise(lit(0L))).as("odd_rows")));

    assertEquals(100, s.rows());
    assertEquals(50L, s.metrics().get("odd_rows"));
    assertEquals(4, w.read("things", D).count(), "the published dataset is untouched while staged");
    w.commit(s);
    assertEquals(100, w.read("things", D).count());
    assertEquals(PublishedOutputs.rowHash(w.read("things", D)),
        w.readText(w.path("things", D) + "/" + Warehouse.ROW_HASH_FILE),
        "the hash taken while writing is the hash of what was written");

    Warehouse.Staged dropped = w.stage(spark().range(7).toDF(), "things", D, List.of());
    w.discard(dropped);
    assertEquals(100, w.read("things", D).count(), "a discarded stage leaves the published dataset");
    assertEquals("0", PublishedOutputs.rowHash(w.stage(spark().range(0).toDF(), "empty", D, List.of()).metrics()));
  }

  @Test
  void columnsAskedWithoutDictionaryAreWrittenPlainAndTheOthersKeepIt(@TempDir Path dir) throws IOException {
    Warehouse w = new Warehouse(spark(), dir.toString(), dir.resolve("exports").toString());
    // both columns repeat a few values, so Parquet would dictionary-encode both (ids are all distinct)
    Dataset<Row> data = spark().range(1000).toDF()
        .withColumn("volume", col("id").mod(7).cast("double").divide(4))
        .withColumn("service", col("id").mod(3).cast("string"));
    w.commit(w.stage(data.coalesce(1), "volumes", D, List.of(), Warehouse.withoutDictionary(List.of("volume"))));

    Path file;
    try (Stream<Path> files = Files.list(Path.of(w.path("volumes", D)))) {
      file = files.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    Map<String, Boolean> dictionary = new HashMap<>();
    try (ParquetFileReader reader = ParquetFileReader.open(
        HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
      for (var chunk : reader.getFooter().getBlocks().get(0).getColumns()) {
        dictionary.put(chunk.getPath().toDotString(), chunk.hasDictionaryPage());
      }
    }
    assertEquals(false, dictionary.get("volume"));
    assertEquals(true, dictionary.get("service"), "three values of 1000 rows: Parquet's dictionary, as before");
    assertEquals(142, w.read("volumes", D).filter(col("volume").equalTo(1.5)).count(), "values intact: ids 6, 13, ... 993");
  }

  @Test
  void missingDatasetsAreReportedWithTheirPath(@TempDir Path dir) {
    Warehouse w = new Warehouse(spark(), dir.toString(), dir.toString());
    assertFalse(w.exists("nothing", D));
    var e = assertThrows(RuntimeException.class, () -> w.read("nothing", D));
    assertTrue(e.getMessage().contains("dataset nothing for 2026-10-31 is missing"), e.getMessage());
  }

  @Test
  void rowsOfADatasetComeFromItsFootersAndABadFileIsNamed(@TempDir Path dir) throws IOException {
    // under a folder whose name starts with '.', as a warehouse in a hidden folder would be
    Path root = dir.resolve(".gridlens").resolve("warehouse");
    Warehouse w = new Warehouse(spark(), root.toString(), dir.resolve("exports").toString());
    Dataset<Row> rows = spark().range(0, 1_000, 1, 7).toDF().withColumn("grid", col("id").mod(3));
    w.publish(rows.repartition(5), "flat", D);
    w.publish(rows, "by_grid", D, "grid");
    w.publish(rows.filter(col("id").lt(0)), "empty", D);
    assertEquals(1_000, w.rows("flat", D));
    assertEquals(1_000, w.rows("by_grid", D), "partition folders are counted");
    assertEquals(0, w.rows("empty", D));
    assertEquals(w.read("flat", D).count(), w.rows("flat", D));
    // the folder's own marker files (_SUCCESS, _ROW_HASH) are not data: a hidden stray file neither
    Path flat = Path.of(w.path("flat", D));
    Files.writeString(flat.resolve(".stray.crc"), "not parquet");
    assertEquals(1_000, w.rows("flat", D));
    Files.writeString(flat.resolve("part-99999-c000.snappy.parquet"), "not parquet");
    var e = assertThrows(RuntimeException.class, () -> w.rows("flat", D));
    assertTrue(e.getMessage().contains("part-99999-c000.snappy.parquet is not a Parquet file"), e.getMessage());
    var missing = assertThrows(RuntimeException.class, () -> w.rows("nothing", D));
    assertTrue(missing.getMessage().contains("dataset nothing for 2026-10-31 is missing"), missing.getMessage());
  }

  @Test
  void readingADatasetTakesItsSchemaFromAFooterWithoutASparkJob(@TempDir Path dir) throws Exception {
    Warehouse w = new Warehouse(spark(), dir.toString(), dir.resolve("exports").toString());
    Dataset<Row> rows = spark().sql("SELECT CAST(id AS STRING) AS id, CAST(id / 8 AS DECIMAL(12,2)) AS fee,"
        + " DATE_ADD(DATE'2026-10-01', CAST(id AS INT)) AS day, TIMESTAMP_NTZ'2026-10-01 08:00:00' AS at,"
        + " IF(id % 2 = 0, NULL, id) AS odd, NAMED_STRUCT('a', id, 'b', 'x') AS s FROM RANGE(100)");
    w.publish(rows.repartition(3), "typed", D);
    w.publish(rows, "by_odd", D, "odd");
    String group = "warehouse-read-" + System.nanoTime();
    SparkContext sc = spark().sparkContext();
    sc.setJobGroup(group, "reading a dataset", false);
    Dataset<Row> typed;
    try {
      typed = w.read("typed", D);
    } finally {
      sc.clearJobGroup();
    }
    sc.listenerBus().waitUntilEmpty();
    assertEquals(0, sc.statusTracker().getJobIdsForGroup(group).length, "jobs run to read the schema");
    Dataset<Row> inferred = spark().read().parquet(w.path("typed", D));
    assertEquals(inferred.schema(), typed.schema(), "the schema Spark infers, nullability included");
    assertEquals(inferred.orderBy("id").collectAsList(), typed.orderBy("id").collectAsList());
    // partition folders: left to Spark, which adds the partition column
    assertEquals(spark().read().parquet(w.path("by_odd", D)).schema(), w.read("by_odd", D).schema());
  }

  @Test
  void textFilesAreWrittenWhole(@TempDir Path dir) {
    Warehouse w = new Warehouse(spark(), dir.toString(), dir.toString());
    w.writeText(w.file("reports/x.json"), "{\"a\":1}");
    w.writeText(w.file("reports/x.json"), "{\"a\":2}");
    assertEquals("{\"a\":2}", w.readText(w.file("reports/x.json")));
  }
}
