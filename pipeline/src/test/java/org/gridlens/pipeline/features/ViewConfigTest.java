package org.gridlens.pipeline.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.gridlens.pipeline.config.ConfigException;
import org.gridlens.pipeline.config.GridLensConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The view's configuration, windows and time-of-day rule (no Spark). */
class ViewConfigTest {

  @TempDir Path dir;

  @Test
  void defaults() {
    ViewConfig c = ViewConfig.defaults();
    assertEquals(3, c.billingMonths());
    assertEquals(90, c.cdrDays());
    assertEquals(new TimeOfDayWindow(LocalTime.of(21, 0), LocalTime.of(7, 0)), c.offpeak());
    assertEquals(List.of("network", "billing", "service", "product", "other"), c.complaintCategories());
    assertEquals(List.of("sms", "mms", "data", "music", "video", "cloud", "game"), c.vasServices());
  }

  @Test
  void windowsEndOnTheRunDate() {
    ViewWindows w = ViewWindows.of(LocalDate.of(2026, 10, 31), ViewConfig.defaults());
    assertEquals(LocalDate.of(2026, 8, 1), w.billingFrom());
    assertEquals(LocalDate.of(2026, 10, 1), w.billingTo());
    assertEquals(LocalDate.of(2026, 8, 3), w.cdrFrom()); // 90 days: 08-03 .. 10-31
    assertEquals(LocalDate.of(2026, 11, 1).atStartOfDay(), w.end());
  }

  @ParameterizedTest(name = "{0} in 21:00-07:00 = {1}")
  @CsvSource({"20:59:59,false", "21:00:00,true", "23:59:59,true", "00:00:00,true", "06:59:59,true",
      "07:00:00,false", "12:00:00,false"})
  void offpeakBoundaries(String time, boolean in) {
    assertEquals(in, ViewConfig.defaults().offpeak().contains(LocalTime.parse(time)));
  }

  @Test
  void nonWrappingWindow() {
    TimeOfDayWindow w = new TimeOfDayWindow(LocalTime.of(9, 0), LocalTime.of(17, 0));
    assertTrue(w.contains(LocalTime.of(9, 0)));
    assertFalse(w.contains(LocalTime.of(17, 0)));
    assertFalse(w.contains(LocalTime.of(8, 59, 59)));
  }

  private GridLensConfig load(String view) throws Exception {
    Path f = dir.resolve("g.yaml");
    String yaml = Files.readString(Path.of(repo(), "conf/gridlens.yaml")).replaceFirst("(?m)^view:.*(\\n  .*|\\n\\s*#.*)*",
        "view:\n" + view);
    Files.writeString(f, yaml);
    // the copy lives in a temp folder: point at the real offer catalog next to the real file
    return GridLensConfig.load(f, Map.of("uplift.offers_file", Path.of(repo(), "conf/offers.yaml").toString()));
  }

  private static String repo() {
    Path here = Path.of("").toAbsolutePath();
    return Files.exists(here.resolve("conf")) ? here.toString() : here.getParent().toString();
  }

  @Test
  void projectConfigLoadsWithTheDefaults() {
    GridLensConfig c = GridLensConfig.load(Path.of(repo(), "conf/gridlens.yaml"), Map.of());
    assertEquals(ViewConfig.defaults(), c.view());
  }

  @Test
  void readsKeys() throws Exception {
    ViewConfig c = load("  billing_months: 6\n  offpeak_start: \"22:30\"\n  vas_services: [sms, data]\n").view();
    assertEquals(6, c.billingMonths());
    assertEquals(LocalTime.of(22, 30), c.offpeak().start());
    assertEquals(List.of("sms", "data"), c.vasServices());
  }

  @Test
  void rejectsBadValuesNamingTheKey() throws Exception {
    ConfigException e = assertThrows(ConfigException.class, () -> load("  complaint_categories: [network]\n"));
    assertTrue(e.getMessage().contains("view.complaint_categories"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> load("  cdr_days: 0\n"));
    assertTrue(e.getMessage().contains("view.cdr_days"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> load("  offpeak_start: \"07:00\"\n"));
    assertTrue(e.getMessage().contains("view.offpeak_end"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> load("  vas_services: [sms, SMS]\n"));
    assertTrue(e.getMessage().contains("view.vas_services"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> load("  window: 3\n"));
    assertTrue(e.getMessage().contains("view.window"), e.getMessage());
  }
}
