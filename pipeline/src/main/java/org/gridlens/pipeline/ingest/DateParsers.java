package org.gridlens.pipeline.ingest;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;

/**
 * Parses dates, timestamps and months in a source's patterns. The contract's own patterns take a
 * hand-written path (no formatter, no exception on the happy path): they run for every dated field
 * of every row. Other patterns use a strict {@link DateTimeFormatter}. Each method returns null when
 * the text does not parse, so callers decide the reason code.
 */
final class DateParsers {

  private final DateTimeFormatter date;
  private final DateTimeFormatter timestamp;
  private final DateTimeFormatter month;
  private final boolean isoDate;
  private final boolean isoTimestamp;
  private final boolean isoMonth;
  private final String monthShape;

  DateParsers(SourceConfig source) {
    this.isoDate = SourceConfig.DEFAULT_DATE.equals(source.dateFormat());
    this.isoTimestamp = SourceConfig.DEFAULT_TIMESTAMP.equals(source.timestampFormat());
    this.isoMonth = SourceConfig.DEFAULT_MONTH.equals(source.monthFormat());
    this.date = strict(source.dateFormat());
    this.timestamp = strict(source.timestampFormat());
    this.month = strict(source.monthFormat());
    this.monthShape = source.monthFormat();
  }

  /** Java's 'y' is year-of-era, which STRICT resolving rejects without an era: use 'u'. */
  private static DateTimeFormatter strict(String pattern) {
    return DateTimeFormatter.ofPattern(pattern.replace('y', 'u')).withResolverStyle(ResolverStyle.STRICT);
  }

  LocalDate date(String s) {
    if (isoDate) {
      return isoDate(s, 0, s.length());
    }
    try {
      return LocalDate.parse(s, date);
    } catch (DateTimeException e) {
      return null;
    }
  }

  LocalDateTime timestamp(String s) {
    if (isoTimestamp) {
      if (s.length() != 19 || s.charAt(10) != ' ' || s.charAt(13) != ':' || s.charAt(16) != ':') {
        return null;
      }
      LocalDate d = isoDate(s, 0, 10);
      int h = num(s, 11, 13);
      int m = num(s, 14, 16);
      int sec = num(s, 17, 19);
      if (d == null || h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59) {
        return null;
      }
      return LocalDateTime.of(d.getYear(), d.getMonthValue(), d.getDayOfMonth(), h, m, sec);
    }
    try {
      return LocalDateTime.parse(s, timestamp);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The first day of the month, or null. */
  LocalDate month(String s) {
    if (isoMonth) {
      if (s.length() != 7 || s.charAt(4) != '-') {
        return null;
      }
      int y = num(s, 0, 4);
      int m = num(s, 5, 7);
      return y < 0 || m < 1 || m > 12 ? null : LocalDate.of(y, m, 1);
    }
    try {
      return YearMonth.parse(s, month).atDay(1);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /**
   * Whether a month text has the pattern's shape (a digit wherever the pattern has a letter, the
   * same separators elsewhere). A well-shaped text that is no month (2026-13) is a bad date; any
   * other text is in the wrong format.
   */
  boolean monthShaped(String s) {
    if (s.length() != monthShape.length()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char p = monthShape.charAt(i);
      char c = s.charAt(i);
      if (Character.isLetter(p) ? (c < '0' || c > '9') : c != p) {
        return false;
      }
    }
    return true;
  }

  private static LocalDate isoDate(String s, int from, int to) {
    if (to - from != 10 || s.charAt(from + 4) != '-' || s.charAt(from + 7) != '-') {
      return null;
    }
    int y = num(s, from, from + 4);
    int m = num(s, from + 5, from + 7);
    int d = num(s, from + 8, from + 10);
    if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31) {
      return null;
    }
    if (d > 28 && d > YearMonth.of(y, m).lengthOfMonth()) {
      return null;
    }
    return LocalDate.of(y, m, d);
  }

  /** Non-negative number of the digits in [from, to), or -1. */
  private static int num(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
