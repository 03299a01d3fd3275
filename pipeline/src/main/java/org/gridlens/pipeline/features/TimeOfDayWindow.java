package org.gridlens.pipeline.features;

import java.io.Serializable;
import java.time.LocalTime;

/**
 * Hours of the day [start, end): start inclusive, end exclusive, wrapping midnight when end is
 * before start (21:00-07:00 holds 21:00:00 and 06:59:59 but not 07:00:00 or 20:59:59). Time of
 * day is compared in whole seconds.
 */
public record TimeOfDayWindow(LocalTime start, LocalTime end) implements Serializable {

  /** Whether a time of day lies in the window. */
  public boolean contains(LocalTime t) {
    return containsSecondOfDay(t.toSecondOfDay());
  }

  /** {@link #contains(LocalTime)} of the time of day given as seconds since midnight. */
  public boolean containsSecondOfDay(int s) {
    int a = start.toSecondOfDay();
    int b = end.toSecondOfDay();
    return a < b ? s >= a && s < b : s >= a || s < b;
  }

  @Override
  public String toString() {
    return start + "-" + end;
  }
}
