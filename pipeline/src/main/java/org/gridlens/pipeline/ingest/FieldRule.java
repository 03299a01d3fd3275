package org.gridlens.pipeline.ingest;

import java.io.Serializable;
import java.util.Set;

/**
 * What one contract column must hold: its type, whether it is required, and the optional
 * enumeration, format and range it must satisfy. Checked in {@link RowValidator}.
 */
public record FieldRule(
    String name, Type type, boolean required, Set<String> allowed, Format format, double min, double max, Geo geo)
    implements Serializable {

  /** The clean type a text value is converted to. */
  public enum Type {
    STRING,
    INT,
    DOUBLE,
    /** DECIMAL(12,2), yuan. */
    MONEY,
    DATE,
    /** A month (source month_format), held as the DATE of its first day. */
    MONTH,
    /** Local wall-clock time, held as TIMESTAMP_NTZ. */
    TIMESTAMP,
    /** true / false; anything else is BAD_ENUM. */
    BOOLEAN
  }

  /** Text shapes checked on STRING fields (BAD_FORMAT). */
  public enum Format {
    NONE,
    /** Mainland mobile number, 11 digits {@code 1[3-9]\d{9}}. */
    MSISDN,
    /** GB 11643 resident id, 17 digits + check digit (digit or X). */
    ID_NUMBER,
    /** Mobile, fixed line {@code 0\d{2,3}\d{7,8}} or international {@code 00\d+}. */
    PHONE
  }

  /** Whether the range comes from the configured plausible area. */
  public enum Geo {
    NONE,
    LON,
    LAT
  }

  static FieldRule text(String name, boolean required) {
    return new FieldRule(name, Type.STRING, required, null, Format.NONE, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Geo.NONE);
  }

  static FieldRule typed(String name, Type type, boolean required) {
    return new FieldRule(name, type, required, null, Format.NONE, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Geo.NONE);
  }

  static FieldRule oneOf(String name, boolean required, String... values) {
    return new FieldRule(name, Type.STRING, required, Set.of(values), Format.NONE, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Geo.NONE);
  }

  static FieldRule formatted(String name, boolean required, Format format) {
    return new FieldRule(name, Type.STRING, required, null, format, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Geo.NONE);
  }

  static FieldRule ranged(String name, Type type, boolean required, double min, double max) {
    return new FieldRule(name, type, required, null, Format.NONE, min, max, Geo.NONE);
  }

  static FieldRule geo(String name, boolean required, Geo geo) {
    return new FieldRule(name, Type.DOUBLE, required, null, Format.NONE, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, geo);
  }
}
