package org.gridlens.pipeline.schema;

import static org.gridlens.pipeline.schema.Schemas.field;
import static org.gridlens.pipeline.schema.Schemas.struct;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Cell sites. Key: cell_id. Coordinates in WGS84. */
public final class Cells {
  public static final String CELL_ID = "cell_id";
  public static final String LON = "lon";
  public static final String LAT = "lat";
  public static final String SITE_ID = "site_id";
  public static final String TECHNOLOGY = "technology";

  public static final StructType CLEAN =
      struct(
          field(CELL_ID, DataTypes.StringType, false),
          field(LON, DataTypes.DoubleType, false),
          field(LAT, DataTypes.DoubleType, false),
          field(SITE_ID, DataTypes.StringType, true),
          field(TECHNOLOGY, DataTypes.StringType, true));

  private Cells() {}
}
