package org.gridlens.pipeline.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_distinct;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.gridlens.pipeline.SparkTestBase;
import org.junit.jupiter.api.Test;

/** The bitmask count of active days equals count_distinct, across word boundaries. */
class ActiveDaysTest extends SparkTestBase {

  @Test
  void bitmaskCountEqualsCountDistinctOnEveryWordBoundary() {
    LocalDate run = LocalDate.of(2026, 10, 31);
    LocalDate from = run.minusDays(129); // 130 days: three 62-day words
    ViewWindows w = new ViewWindows(run, from, run, from, from, from);
    StructType schema = new StructType()
        .add("customer_id", DataTypes.StringType)
        .add("day", DataTypes.DateType);
    List<Row> rows = new ArrayList<>();
    int[][] days = {
      {0}, {0, 0, 0}, {61, 62}, {0, 61, 62, 123, 124, 129}, {129, 129, 5, 64, 126}, {}
    };
    for (int c = 0; c < days.length; c++) {
      for (int d : days[c]) {
        rows.add(RowFactory.create("C" + c, java.sql.Date.valueOf(from.plusDays(d))));
      }
    }
    // every day of the window, twice
    for (int d = 0; d < 130; d++) {
      rows.add(RowFactory.create("ALL", java.sql.Date.valueOf(from.plusDays(d))));
      rows.add(RowFactory.create("ALL", java.sql.Date.valueOf(from.plusDays(d))));
    }
    Dataset<Row> calls = spark().createDataFrame(rows, schema).repartition(3);
    List<Row> got = calls.groupBy("customer_id")
        .agg(CallFeatures.activeDays(col("day"), w).as("bits"), count_distinct(col("day")).as("distinct"))
        .orderBy("customer_id").collectAsList();
    assertEquals(6, got.size());
    for (Row r : got) {
      assertEquals(r.getLong(2), r.getLong(1), "customer " + r.getString(0));
    }
    assertEquals(130L, got.get(0).getLong(1), "ALL: every day of a 130-day window");
    assertEquals(6L, got.stream().filter(r -> r.getString(0).equals("C3")).findFirst().orElseThrow().getLong(1));
  }
}
