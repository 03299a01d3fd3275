package org.gridlens.pipeline.schema;

import static org.gridlens.pipeline.schema.Schemas.field;
import static org.gridlens.pipeline.schema.Schemas.struct;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Rejected input rows, one dataset per extract: the raw line, where it came from and why. */
public final class Quarantine {
  public static final String SOURCE_FILE = "source_file";
  /** 1-based physical line number in the source file (the header is line 1); null for Parquet. */
  public static final String LINE_NUMBER = "line_number";
  /** The line as read (for Parquet input: the row as JSON). */
  public static final String RAW_LINE = "raw_line";
  /** A {@link RejectReason} name. */
  public static final String REASON = "reason";
  /** Which field and value broke the rule, in words. */
  public static final String DETAIL = "detail";

  public static final StructType SCHEMA =
      struct(
          field(SOURCE_FILE, DataTypes.StringType, false),
          field(LINE_NUMBER, DataTypes.LongType, true),
          field(RAW_LINE, DataTypes.StringType, true),
          field(REASON, DataTypes.StringType, false),
          field(DETAIL, DataTypes.StringType, true));

  private Quarantine() {}
}
