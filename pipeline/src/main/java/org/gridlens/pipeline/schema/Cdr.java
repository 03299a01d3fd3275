package org.gridlens.pipeline.schema;

import static org.gridlens.pipeline.schema.Schemas.field;
import static org.gridlens.pipeline.schema.Schemas.struct;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Call-detail records, one row per call. No key. start_time is local wall-clock time, held as
 * TIMESTAMP_NTZ so hour-of-day logic does not depend on the session time zone.
 */
public final class Cdr {
  public static final String CUSTOMER_ID = "customer_id";
  /** MO (customer called) or MT (customer was called). */
  public static final String DIRECTION = "direction";
  public static final String OTHER_PARTY = "other_party";
  public static final String START_TIME = "start_time";
  public static final String DURATION_S = "duration_s";
  public static final String CELL_ID = "cell_id";
  /** local, long_distance, ip_long_distance, roaming or international. */
  public static final String CALL_TYPE = "call_type";
  /** normal, dropped or failed. */
  public static final String END_STATUS = "end_status";
  public static final String FORWARDED = "forwarded";

  public static final String DIRECTION_MO = "MO";
  public static final String DIRECTION_MT = "MT";
  public static final String[] CALL_TYPES = {
    "local", "long_distance", "ip_long_distance", "roaming", "international"
  };
  public static final String[] END_STATUSES = {"normal", "dropped", "failed"};

  public static final StructType CLEAN =
      struct(
          field(CUSTOMER_ID, DataTypes.StringType, false),
          field(DIRECTION, DataTypes.StringType, false),
          field(OTHER_PARTY, DataTypes.StringType, false),
          field(START_TIME, DataTypes.TimestampNTZType, false),
          field(DURATION_S, DataTypes.IntegerType, false),
          field(CELL_ID, DataTypes.StringType, false),
          field(CALL_TYPE, DataTypes.StringType, false),
          field(END_STATUS, DataTypes.StringType, false),
          field(FORWARDED, DataTypes.BooleanType, false));

  private Cdr() {}
}
