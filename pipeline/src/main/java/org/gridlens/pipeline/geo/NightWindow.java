package org.gridlens.pipeline.geo;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.unix_timestamp;

import java.time.LocalTime;
import org.apache.spark.sql.Column;

/**
 * The night hours of the home-cell rule: [start, end) in local wall-clock time, wrapping midnight
 * when end is before start (21:00–07:00 is 21:00..23:59 and 00:00..06:59). Minute resolution.
 */
public record NightWindow(LocalTime start, LocalTime end) implements java.io.Serializable {

  /** Seconds in a wall-clock day, for taking days and times of day from {@link #wallClockSeconds}. */
  public static final int SECONDS_PER_DAY = 86_400;

  /**
   * The wall-clock seconds since 1970-01-01T00:00 of a TIMESTAMP_NTZ column, as a long. No time
   * zone is involved: {@code unix_timestamp} of a TIMESTAMP_NTZ divides its microseconds (Spark's
   * {@code ToTimestamp}), whereas {@code hour()}, {@code minute()}, {@code to_date()} or a
   * {@code LocalDateTime} per row each build a zoned date-time.
   */
  public static Column wallClockSeconds(Column timestampNtz) {
    return unix_timestamp(timestampNtz);
  }

  /** Whether a minute of the day (0..1439) falls in the night. */
  public boolean contains(int minuteOfDay) {
    int s = minutes(start);
    int e = minutes(end);
    return s < e ? minuteOfDay >= s && minuteOfDay < e : minuteOfDay >= s || minuteOfDay < e;
  }

  /**
   * The same test as {@link #contains(int)} as a column expression over a TIMESTAMP_NTZ column:
   * plain arithmetic on its {@link #wallClockSeconds} of the day. A minute m lies in [s, e)
   * exactly when its seconds lie in [60 s, 60 e).
   */
  public Column contains(Column timestamp) {
    Column second = pmod(wallClockSeconds(timestamp), lit((long) SECONDS_PER_DAY));
    long s = minutes(start) * 60L;
    long e = minutes(end) * 60L;
    return s < e ? second.geq(lit(s)).and(second.lt(lit(e))) : second.geq(lit(s)).or(second.lt(lit(e)));
  }

  private static int minutes(LocalTime t) {
    return t.getHour() * 60 + t.getMinute();
  }
}
