package org.gridlens.pipeline.schema;

import static org.gridlens.pipeline.schema.Schemas.field;
import static org.gridlens.pipeline.schema.Schemas.struct;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Customer × offer (dataset {@code uplift}). */
public final class UpliftScores {
  public static final String CUSTOMER_ID = "customer_id";
  public static final String GRID_ID = "grid_id";
  public static final String MAIN_GRID_ID = "main_grid_id";
  public static final String OFFER_ID = "offer_id";
  public static final String ELIGIBLE = "eligible";
  /** Why not eligible (rule that failed), null when eligible. */
  public static final String INELIGIBLE_REASON = "ineligible_reason";
  public static final String PROPENSITY = "propensity";
  /** propensity × monthly price increment, yuan per month. */
  public static final String EXPECTED_GAIN = "expected_gain";
  /** The features that push the propensity up most, in words (English; '; '-separated). */
  public static final String REASONS_EN = "reasons_en";
  public static final String REASONS_ZH = "reasons_zh";

  public static final StructType SCHEMA =
      struct(
          field(CUSTOMER_ID, DataTypes.StringType, false),
          field(GRID_ID, DataTypes.StringType, true),
          field(MAIN_GRID_ID, DataTypes.StringType, true),
          field(OFFER_ID, DataTypes.StringType, false),
          field(ELIGIBLE, DataTypes.BooleanType, false),
          field(INELIGIBLE_REASON, DataTypes.StringType, true),
          field(PROPENSITY, DataTypes.DoubleType, true),
          field(EXPECTED_GAIN, DataTypes.DoubleType, true),
          field(REASONS_EN, DataTypes.StringType, true),
          field(REASONS_ZH, DataTypes.StringType, true));

  private UpliftScores() {}
}
