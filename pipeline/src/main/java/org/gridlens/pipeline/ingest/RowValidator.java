package org.gridlens.pipeline.ingest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.gridlens.pipeline.ingest.FieldRule.Geo;
import org.gridlens.pipeline.ingest.IngestConfig.GeoBox;
import org.gridlens.pipeline.schema.RejectReason;

/**
 * Checks and converts one row of text values (in clean-schema order) against an extract's
 * per-row rules: required, number, date, enumeration, format, range and window. Spark-free and
 * the single source of truth for these rules; Spark only calls it.
 *
 * <p>When a row breaks several rules the one reported is the earliest in {@link RejectReason}
 * declaration order (and, among fields failing the same rule, the first field), so the outcome
 * does not depend on the order fields are checked in.
 *
 * <p>Not thread-safe (holds formatters); build one per task.
 */
public final class RowValidator {

  /** Longest value quoted in a detail text. */
  private static final int MAX_QUOTED = 60;
  private static final int MONEY_PRECISION = 12;

  private final List<FieldRule> fields;
  private final DateParsers dates;
  private final GeoBox area;
  private final int windowIndex;
  private final LocalDate windowStart;
  private final LocalDate windowEnd;
  private final boolean javaTimeDates;

  /**
   * @param windowStart first day of the window (inclusive)
   * @param windowEnd the run date (inclusive)
   * @param javaTimeDates true to return DATE values as {@link LocalDate} (Spark's Java 8 time API),
   *     false for {@link java.sql.Date}
   */
  public RowValidator(
      ExtractRules rules, SourceConfig source, GeoBox area, LocalDate windowStart, LocalDate windowEnd,
      boolean javaTimeDates) {
    this.fields = rules.fields();
    this.dates = new DateParsers(source);
    this.area = area;
    this.windowIndex = rules.windowColumn() == null ? -1 : rules.indexOf(rules.windowColumn());
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.javaTimeDates = javaTimeDates;
  }

  /** The window of {@code months} calendar months ending with {@code runDate}'s month, up to runDate. */
  public static LocalDate windowStart(LocalDate runDate, int months) {
    return runDate.withDayOfMonth(1).minusMonths(months - 1L);
  }

  /** Validates one row; {@code text[i]} is the raw text of field i (null or empty when absent). */
  public Verdict validate(String[] text) {
    Object[] out = new Object[fields.size()];
    RejectReason worst = null;
    String detail = null;
    for (int i = 0; i < fields.size(); i++) {
      FieldRule f = fields.get(i);
      String s = text[i];
      if (s != null) {
        s = s.strip();
        if (s.isEmpty()) {
          s = null;
        }
      }
      if (s == null) {
        if (f.required() && better(RejectReason.MISSING_REQUIRED, worst)) {
          worst = RejectReason.MISSING_REQUIRED;
          detail = f.name() + ": required value is empty";
        }
        continue;
      }
      // Once a row has failed, only an earlier-ordered rule can change the outcome.
      RejectReason r;
      String d;
      Object v = null;
      switch (f.type()) {
        case STRING -> {
          if (f.allowed() != null && !f.allowed().contains(s)) {
            r = RejectReason.BAD_ENUM;
            d = "not one of " + f.allowed().stream().sorted().toList();
          } else if (!formatOk(f.format(), s)) {
            r = RejectReason.BAD_FORMAT;
            d = "not a valid " + f.format().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
          } else {
            r = null;
            d = null;
            v = s;
          }
        }
        case INT -> {
          Integer n = parseInt(s);
          if (n == null) {
            r = RejectReason.BAD_NUMBER;
            d = "not a whole number";
          } else if (n < f.min() || n > f.max()) {
            r = RejectReason.OUT_OF_RANGE;
            d = rangeText(f);
          } else {
            r = null;
            d = null;
            v = n;
          }
        }
        case DOUBLE -> {
          Double x = parseDouble(s);
          double min = f.geo() == Geo.LON ? area.minLon() : f.geo() == Geo.LAT ? area.minLat() : f.min();
          double max = f.geo() == Geo.LON ? area.maxLon() : f.geo() == Geo.LAT ? area.maxLat() : f.max();
          if (x == null) {
            r = RejectReason.BAD_NUMBER;
            d = "not a number";
          } else if (x < min || x > max) {
            r = RejectReason.OUT_OF_RANGE;
            d = "outside [" + fmt(min) + ", " + fmt(max) + "]";
          } else {
            r = null;
            d = null;
            v = x;
          }
        }
        case MONEY -> {
          BigDecimal m = parseMoney(s);
          if (m == null) {
            r = RejectReason.BAD_NUMBER;
            d = "not an amount with at most 2 decimals";
          } else if (m.doubleValue() < f.min() || m.doubleValue() > f.max()) {
            r = RejectReason.OUT_OF_RANGE;
            d = rangeText(f);
          } else {
            r = null;
            d = null;
            v = m;
          }
        }
        case DATE -> {
          LocalDate x = dates.date(s);
          r = x == null ? RejectReason.BAD_DATE : null;
          d = x == null ? "not a date" : null;
          v = x;
        }
        case MONTH -> {
          LocalDate x = dates.month(s);
          if (x == null) {
            r = dates.monthShaped(s) ? RejectReason.BAD_DATE : RejectReason.BAD_FORMAT;
            d = r == RejectReason.BAD_DATE ? "not a month" : "not in month format";
          } else {
            r = null;
            d = null;
          }
          v = x;
        }
        case TIMESTAMP -> {
          LocalDateTime x = dates.timestamp(s);
          r = x == null ? RejectReason.BAD_DATE : null;
          d = x == null ? "not a timestamp" : null;
          v = x;
        }
        case BOOLEAN -> {
          if (s.equals("true")) {
            v = Boolean.TRUE;
            r = null;
            d = null;
          } else if (s.equals("false")) {
            v = Boolean.FALSE;
            r = null;
            d = null;
          } else {
            r = RejectReason.BAD_ENUM;
            d = "not true or false";
          }
        }
        default -> throw new IllegalStateException("type " + f.type());
      }
      if (r == null && i == windowIndex) {
        LocalDate day = v instanceof LocalDateTime t ? t.toLocalDate() : (LocalDate) v;
        if (day.isBefore(windowStart) || day.isAfter(windowEnd)) {
          r = RejectReason.OUTSIDE_WINDOW;
          d = "outside the window " + windowStart + ".." + windowEnd;
        }
      }
      if (r != null) {
        if (better(r, worst)) {
          worst = r;
          detail = f.name() + "='" + quote(s) + "': " + d;
        }
      } else {
        out[i] = v instanceof LocalDate ld && !javaTimeDates ? Date.valueOf(ld) : v;
      }
    }
    return worst == null ? new Verdict(out, null, null) : Verdict.reject(worst, detail);
  }

  private static boolean better(RejectReason r, RejectReason worst) {
    return worst == null || r.ordinal() < worst.ordinal();
  }

  private static boolean formatOk(FieldRule.Format format, String s) {
    return switch (format) {
      case NONE -> true;
      case MSISDN -> Formats.isMsisdn(s);
      case ID_NUMBER -> Formats.isIdNumber(s);
      case PHONE -> Formats.isPhone(s);
    };
  }

  /** Plain decimal integers only ("+5", "5.0" and "1e3" are not whole numbers here). */
  static Integer parseInt(String s) {
    int n = s.length();
    int i = s.charAt(0) == '-' ? 1 : 0;
    if (i == n || n - i > 10) {
      return null;
    }
    long v = 0;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      v = v * 10 + (c - '0');
    }
    v = s.charAt(0) == '-' ? -v : v;
    return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? null : (int) v;
  }

  /** Decimal notation with optional sign, fraction and exponent; no hex, no NaN/Infinity, no 'd'/'f'. */
  static Double parseDouble(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
        return null;
      }
    }
    try {
      double d = Double.parseDouble(s);
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** An amount that fits DECIMAL(12,2) exactly: at most 2 decimals (trailing zeros aside). */
  static BigDecimal parseMoney(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+')) {
        return null;
      }
    }
    try {
      BigDecimal b = new BigDecimal(s);
      if (b.scale() > 2) {
        b = b.stripTrailingZeros();
        if (b.scale() > 2) {
          return null;
        }
      }
      b = b.setScale(2, RoundingMode.UNNECESSARY);
      return b.precision() > MONEY_PRECISION ? null : b;
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  private static String rangeText(FieldRule f) {
    if (f.max() == Double.POSITIVE_INFINITY) {
      return "below " + fmt(f.min());
    }
    return "outside [" + fmt(f.min()) + ", " + fmt(f.max()) + "]";
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  private static String quote(String s) {
    return s.length() <= MAX_QUOTED ? s : s.substring(0, MAX_QUOTED) + "...";
  }
}
