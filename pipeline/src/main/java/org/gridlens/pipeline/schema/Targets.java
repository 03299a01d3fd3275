package org.gridlens.pipeline.schema;

import static org.gridlens.pipeline.schema.Schemas.field;
import static org.gridlens.pipeline.schema.Schemas.struct;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Ranked target lists (dataset {@code targets}): grid × offer × rank, partitioned by grid_id. */
public final class Targets {
  public static final String GRID_ID = "grid_id";
  public static final String OFFER_ID = "offer_id";
  public static final String RANK = "rank";
  public static final String CUSTOMER_ID = "customer_id";
  /** The customer's segment label in English (null when the customer has no segment). */
  public static final String SEGMENT_LABEL = "segment_label";
  /** The same label in Chinese. */
  public static final String SEGMENT_LABEL_ZH = "segment_label_zh";
  public static final String ARPU = "arpu";
  public static final String PROPENSITY = "propensity";
  public static final String EXPECTED_GAIN = "expected_gain";
  public static final String CONTROL = "control";
  public static final String REASONS_EN = "reasons_en";
  public static final String REASONS_ZH = "reasons_zh";
  public static final String CAMPAIGN_ID = "campaign_id";

  /**
   * Column order of the published dataset. {@link #RANK} is 1-based within grid × offer × control
   * (the manager's list and the held-out control list are numbered separately); see
   * docs/exports.md.
   */
  public static final StructType SCHEMA =
      struct(
          field(GRID_ID, DataTypes.StringType, false),
          field(OFFER_ID, DataTypes.StringType, false),
          field(CONTROL, DataTypes.BooleanType, false),
          field(RANK, DataTypes.IntegerType, false),
          field(CUSTOMER_ID, DataTypes.StringType, false),
          field(SEGMENT_LABEL, DataTypes.StringType, true),
          field(SEGMENT_LABEL_ZH, DataTypes.StringType, true),
          field(ARPU, DataTypes.DoubleType, true),
          field(PROPENSITY, DataTypes.DoubleType, true),
          field(EXPECTED_GAIN, DataTypes.DoubleType, false),
          field(REASONS_EN, DataTypes.StringType, true),
          field(REASONS_ZH, DataTypes.StringType, true),
          field(CAMPAIGN_ID, DataTypes.StringType, false));

  private Targets() {}
}
