package org.gridlens.pipeline.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NightWindowTest {

  @ParameterizedTest
  @CsvSource({
    // start, end, time, night?
    "21:00, 07:00, 21:00, true",
    "21:00, 07:00, 20:59, false",
    "21:00, 07:00, 23:59, true",
    "21:00, 07:00, 00:00, true",
    "21:00, 07:00, 06:59, true",
    "21:00, 07:00, 07:00, false",
    "21:00, 07:00, 12:00, false",
    "01:00, 05:00, 00:59, false",
    "01:00, 05:00, 01:00, true",
    "01:00, 05:00, 04:59, true",
    "01:00, 05:00, 05:00, false",
  })
  void theNightWrapsMidnightWhenItEndsBeforeItStarts(String start, String end, String time, boolean night) {
    LocalTime t = LocalTime.parse(time);
    assertEquals(night, new NightWindow(LocalTime.parse(start), LocalTime.parse(end)).contains(t.getHour() * 60 + t.getMinute()));
  }
}
