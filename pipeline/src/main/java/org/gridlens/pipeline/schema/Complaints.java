package org.gridlens.pipeline.schema;

import static org.gridlens.pipeline.schema.Schemas.field;
import static org.gridlens.pipeline.schema.Schemas.struct;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Complaints. Key: complaint_id. Timestamps are local time (TIMESTAMP_NTZ). */
public final class Complaints {
  public static final String COMPLAINT_ID = "complaint_id";
  public static final String CUSTOMER_ID = "customer_id";
  public static final String OPENED_AT = "opened_at";
  public static final String CATEGORY = "category";
  public static final String CHANNEL = "channel";
  public static final String RESOLVED_AT = "resolved_at";
  /** 1 (worst) to 5 (best), optional. */
  public static final String SATISFACTION = "satisfaction";

  public static final StructType CLEAN =
      struct(
          field(COMPLAINT_ID, DataTypes.StringType, false),
          field(CUSTOMER_ID, DataTypes.StringType, false),
          field(OPENED_AT, DataTypes.TimestampNTZType, false),
          field(CATEGORY, DataTypes.StringType, false),
          field(CHANNEL, DataTypes.StringType, true),
          field(RESOLVED_AT, DataTypes.TimestampNTZType, true),
          field(SATISFACTION, DataTypes.IntegerType, true));

  private Complaints() {}
}
