package org.gridlens.pipeline.generate;

import java.time.LocalDate;

/**
 * Fast, locale-free text forms of the contract's value types (dates, timestamps, money,
 * coordinates); the generator formats tens of millions of values, so no DateTimeFormatter here.
 */
final class Formats {

  private Formats() {}

  /** {@code yyyy-MM-dd}. */
  static String date(LocalDate d) {
    return d.toString();
  }

  /** {@code yyyy-MM-dd HH:mm:ss} of a local epoch second. */
  static String timestamp(long epochSecond) {
    long day = Math.floorDiv(epochSecond, 86400L);
    int sec = (int) Math.floorMod(epochSecond, 86400L);
    StringBuilder sb = new StringBuilder(19);
    sb.append(LocalDate.ofEpochDay(day)).append(' ');
    two(sb, sec / 3600);
    sb.append(':');
    two(sb, sec / 60 % 60);
    sb.append(':');
    two(sb, sec % 60);
    return sb.toString();
  }

  /** {@code yyyy-MM}. */
  static String month(LocalDate firstDay) {
    StringBuilder sb = new StringBuilder(7);
    sb.append(firstDay.getYear()).append('-');
    two(sb, firstDay.getMonthValue());
    return sb.toString();
  }

  /** Yuan with two decimals from a number of fen. */
  static String money(long cents) {
    StringBuilder sb = new StringBuilder(12);
    if (cents < 0) {
      sb.append('-');
      cents = -cents;
    }
    sb.append(cents / 100).append('.');
    two(sb, (int) (cents % 100));
    return sb.toString();
  }

  /** Yuan rounded to the fen. */
  static long cents(double yuan) {
    return Math.round(yuan * 100);
  }

  /** A fixed number of decimals (1..9), half-up, no exponent. */
  static String decimal(double v, int decimals) {
    long scale = 1;
    for (int i = 0; i < decimals; i++) {
      scale *= 10;
    }
    long n = Math.round(Math.abs(v) * scale);
    StringBuilder sb = new StringBuilder(16);
    if (v < 0 && n != 0) {
      sb.append('-');
    }
    sb.append(n / scale).append('.');
    String frac = Long.toString(n % scale);
    for (int i = frac.length(); i < decimals; i++) {
      sb.append('0');
    }
    return sb.append(frac).toString();
  }

  /** Rounds to 6 decimals (about 0.1 m), the precision of every coordinate the generator writes. */
  static double round6(double v) {
    return Math.round(v * 1e6) / 1e6;
  }

  private static void two(StringBuilder sb, int v) {
    if (v < 10) {
      sb.append('0');
    }
    sb.append(v);
  }
}
