package org.gridlens.pipeline.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class FormatsTest {

  @Test
  void contractFormats() {
    assertEquals("2026-10-31 23:59:59", Formats.timestamp(ActivityGenerator.epoch(LocalDate.of(2026, 10, 31), LocalTime.of(23, 59, 59))));
    assertEquals("2026-08-01 00:00:00", Formats.timestamp(ActivityGenerator.epoch(LocalDate.of(2026, 8, 1), LocalTime.MIDNIGHT)));
    assertEquals("2026-08", Formats.month(LocalDate.of(2026, 8, 1)));
    assertEquals("12.05", Formats.money(1205));
    assertEquals("0.00", Formats.money(0));
    assertEquals("-3.40", Formats.money(-340));
    assertEquals("120.000100", Formats.decimal(120.0001, 6));
    assertEquals("0.5", Formats.decimal(0.45, 1));
    assertEquals("-2.0", Formats.decimal(-2, 1));
  }
}
