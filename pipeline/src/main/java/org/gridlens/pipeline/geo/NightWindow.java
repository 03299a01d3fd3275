package org.gridlens.pipeline.geo;

import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.minute;

import java.time.LocalTime;
import org.apache.spark.sql.Column;

/**
 * The night hours of the home-cell rule: [start, end) in local wall-clock time, wrapping midnight
 * when end is before start (21:00–07:00 is 21:00..23:59 and 00:00..06:59). Minute resolution.
 */
public record NightWindow(LocalTime start, LocalTime end) implements java.io.Serializable {

  /** Whether a minute of the day (0..1439) falls in the night. */
  public boolean contains(int minuteOfDay) {
    int s = minutes(start);
    int e = minutes(end);
    return s < e ? minuteOfDay >= s && minuteOfDay < e : minuteOfDay >= s || minuteOfDay < e;
  }

  /** The same test as {@link #contains(int)} as a column expression over a timestamp column. */
  public Column contains(Column timestamp) {
    Column m = hour(timestamp).multiply(60).plus(minute(timestamp));
    int s = minutes(start);
    int e = minutes(end);
    return s < e ? m.geq(lit(s)).and(m.lt(lit(e))) : m.geq(lit(s)).or(m.lt(lit(e)));
  }

  private static int minutes(LocalTime t) {
    return t.getHour() * 60 + t.getMinute();
  }
}
