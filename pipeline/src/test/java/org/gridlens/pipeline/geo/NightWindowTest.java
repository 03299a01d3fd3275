package org.gridlens.pipeline.geo;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.gridlens.pipeline.SparkTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NightWindowTest extends SparkTestBase {

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

  @Test
  void theColumnFormAgreesWithTheRuleToTheSecondWhateverTheSessionTimeZone() {
    NightWindow night = new NightWindow(LocalTime.of(21, 0), LocalTime.of(7, 0));
    List<LocalDateTime> starts = new ArrayList<>();
    for (String t : List.of("20:59:59", "21:00:00", "23:59:59", "00:00:00", "06:59:59", "07:00:00", "12:00:00")) {
      starts.add(LocalDateTime.of(LocalDate.of(2026, 10, 31), LocalTime.parse(t)));
    }
    starts.add(LocalDateTime.of(1969, 12, 31, 22, 30)); // before the epoch: negative seconds
    List<Row> rows = new ArrayList<>();
    for (LocalDateTime s : starts) {
      rows.add(RowFactory.create(s));
    }
    rows.add(RowFactory.create((Object) null));
    Dataset<Row> calls = spark().createDataFrame(rows, new StructType().add("t", DataTypes.TimestampNTZType));
    String zone = spark().conf().get("spark.sql.session.timeZone");
    try {
      for (String z : List.of("UTC", "Asia/Shanghai", "America/Los_Angeles")) {
        spark().conf().set("spark.sql.session.timeZone", z);
        List<Row> out = calls.select(col("t"), night.contains(col("t"))).collectAsList();
        for (Row r : out) {
          LocalDateTime t = r.getAs(0);
          Boolean expected = t == null ? null : night.contains(t.getHour() * 60 + t.getMinute());
          assertEquals(expected, r.isNullAt(1) ? null : r.getBoolean(1), t + " in " + z);
        }
      }
    } finally {
      spark().conf().set("spark.sql.session.timeZone", zone);
    }
  }
}
