package org.gridlens.pipeline.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.gridlens.pipeline.SparkTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionPolicyTest extends SparkTestBase {

  private static final LocalDate D = LocalDate.of(2026, 10, 31);

  private static void date(Path wh, Path exports, LocalDate d) throws Exception {
    for (String ds : new String[] {"customer_view", "clean/customers", "quarantine/cdr"}) {
      Files.createDirectories(wh.resolve(ds + "/run_date=" + d));
      Files.writeString(wh.resolve(ds + "/run_date=" + d + "/_SUCCESS"), "");
    }
    Files.createDirectories(exports.resolve(d + "/G001"));
    Files.createDirectories(wh.resolve("_runs"));
    Files.writeString(wh.resolve("_runs/" + d + ".json"), "{}");
  }

  @Test
  void oldDatesGoTheLastGoodRunAndRecentDatesStay(@TempDir Path dir) throws Exception {
    Path wh = dir.resolve("wh");
    Path ex = dir.resolve("exports");
    LocalDate old = D.minusDays(40);
    LocalDate lastGood = D.minusDays(30);
    LocalDate recent = D.minusDays(14);
    for (LocalDate d : List.of(old, lastGood, recent, D)) {
      date(wh, ex, d);
    }
    Warehouse w = new Warehouse(spark(), wh.toString(), ex.toString());

    assertEquals(List.of(old), new RetentionPolicy(w, 14).apply(D, lastGood));

    assertFalse(Files.exists(wh.resolve("customer_view/run_date=" + old)));
    assertFalse(Files.exists(wh.resolve("clean/customers/run_date=" + old)));
    assertFalse(Files.exists(wh.resolve("quarantine/cdr/run_date=" + old)));
    assertFalse(Files.exists(ex.resolve(old.toString())));
    assertTrue(Files.exists(wh.resolve("_runs/" + old + ".json")), "manifests stay");
    for (LocalDate d : List.of(lastGood, recent, D)) {
      assertTrue(Files.exists(wh.resolve("clean/customers/run_date=" + d)), "kept: " + d);
      assertTrue(Files.exists(ex.resolve(d.toString())), "kept: " + d);
    }
    assertEquals(List.of(), new RetentionPolicy(w, 0).apply(D.plusDays(100), D), "0 keeps everything");
  }
}
