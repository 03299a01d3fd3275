package org.gridlens.pipeline.features;

import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.minute;
import static org.apache.spark.sql.functions.second;

import java.io.Serializable;
import java.time.LocalTime;
import org.apache.spark.sql.Column;

/**
 * Hours of the day [start, end): start inclusive, end exclusive, wrapping midnight when end is
 * before start (21:00-07:00 holds 21:00:00 and 06:59:59 but not 07:00:00 or 20:59:59). Time of
 * day is compared in whole seconds.
 */
public record TimeOfDayWindow(LocalTime start, LocalTime end) implements Serializable {

  /** The Spark-free rule; {@link #contains(Column)} is its column form. */
  public boolean contains(LocalTime t) {
    return containsSecondOfDay(t.toSecondOfDay());
  }

  /** {@link #contains(LocalTime)} of the time of day given as seconds since midnight. */
  public boolean containsSecondOfDay(int s) {
    int a = start.toSecondOfDay();
    int b = end.toSecondOfDay();
    return a < b ? s >= a && s < b : s >= a || s < b;
  }

  /** True when the time of day of a TIMESTAMP_NTZ column lies in the window. */
  public Column contains(Column timestamp) {
    Column s = hour(timestamp).multiply(3600).plus(minute(timestamp).multiply(60)).plus(second(timestamp));
    int a = start.toSecondOfDay();
    int b = end.toSecondOfDay();
    return a < b ? s.geq(a).and(s.lt(b)) : s.geq(a).or(s.lt(b));
  }

  @Override
  public String toString() {
    return start + "-" + end;
  }
}
