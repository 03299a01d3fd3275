package org.gridlens.pipeline.schema;

import static org.gridlens.pipeline.schema.Schemas.MONEY;
import static org.gridlens.pipeline.schema.Schemas.field;
import static org.gridlens.pipeline.schema.Schemas.struct;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Value-added-service usage, one row per customer, day and service. No key. */
public final class Vas {
  public static final String CUSTOMER_ID = "customer_id";
  public static final String USAGE_DATE = "usage_date";
  /** One of {@link #SERVICES}. */
  public static final String SERVICE = "service";
  public static final String USAGE_COUNT = "usage_count";
  public static final String VOLUME_MB = "volume_mb";
  public static final String FEE = "fee";

  /** The services of the data contract; ingest quarantines any other value (BAD_ENUM). */
  public static final java.util.List<String> SERVICES =
      java.util.List.of("sms", "mms", "data", "music", "video", "cloud", "game");

  public static final StructType CLEAN =
      struct(
          field(CUSTOMER_ID, DataTypes.StringType, false),
          field(USAGE_DATE, DataTypes.DateType, false),
          field(SERVICE, DataTypes.StringType, false),
          field(USAGE_COUNT, DataTypes.IntegerType, false),
          field(VOLUME_MB, DataTypes.DoubleType, false),
          field(FEE, MONEY, false));

  private Vas() {}
}
