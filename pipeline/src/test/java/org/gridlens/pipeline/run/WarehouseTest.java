package org.gridlens.pipeline.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
      assertEquals(List.of("_SUCCESS", "part-00000-c000.snappy.parquet"), names);
    }
    try (Stream<Path> entries = Files.list(dir.resolve("things"))) {
      assertTrue(entries.allMatch(p -> p.getFileName().toString().startsWith("run_date=")),
          "no staging or trash folders are left behind");
    }
  }

  @Test
  void missingDatasetsAreReportedWithTheirPath(@TempDir Path dir) {
    Warehouse w = new Warehouse(spark(), dir.toString(), dir.toString());
    assertFalse(w.exists("nothing", D));
    var e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> w.read("nothing", D));
    assertTrue(e.getMessage().contains("dataset nothing for 2026-10-31 is missing"), e.getMessage());
  }

  @Test
  void textFilesAreWrittenWhole(@TempDir Path dir) {
    Warehouse w = new Warehouse(spark(), dir.toString(), dir.toString());
    w.writeText(w.file("reports/x.json"), "{\"a\":1}");
    w.writeText(w.file("reports/x.json"), "{\"a\":2}");
    assertEquals("{\"a\":2}", w.readText(w.file("reports/x.json")));
  }
}
