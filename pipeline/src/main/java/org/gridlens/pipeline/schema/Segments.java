package org.gridlens.pipeline.schema;

import static org.gridlens.pipeline.schema.Schemas.field;
import static org.gridlens.pipeline.schema.Schemas.struct;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Customer to segment (dataset {@code segments}); assigned customers only. */
public final class Segments {
  public static final String CUSTOMER_ID = "customer_id";
  public static final String GRID_ID = "grid_id";
  public static final String MAIN_GRID_ID = "main_grid_id";
  /** 1-based; ordered within the grid by the documented rule (docs/segmentation.md). */
  public static final String SEGMENT_ID = "segment_id";
  /** Stable machine label, e.g. high_value_data. */
  public static final String LABEL = "label";
  public static final String LABEL_EN = "label_en";
  public static final String LABEL_ZH = "label_zh";
  public static final String DISTANCE = "distance";
  /** grid, main_grid or city: whose model segmented this grid. */
  public static final String MODEL_SCOPE = "model_scope";

  public static final StructType SCHEMA =
      struct(
          field(CUSTOMER_ID, DataTypes.StringType, false),
          field(GRID_ID, DataTypes.StringType, false),
          field(MAIN_GRID_ID, DataTypes.StringType, false),
          field(SEGMENT_ID, DataTypes.IntegerType, false),
          field(LABEL, DataTypes.StringType, false),
          field(LABEL_EN, DataTypes.StringType, false),
          field(LABEL_ZH, DataTypes.StringType, false),
          field(DISTANCE, DataTypes.DoubleType, false),
          field(MODEL_SCOPE, DataTypes.StringType, false));

  private Segments() {}
}
