package org.gridlens.pipeline.schema;

import static org.gridlens.pipeline.schema.Schemas.field;
import static org.gridlens.pipeline.schema.Schemas.struct;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The validated grid layer (dataset {@code grids}), one row per grid of either level, geometry in
 * WGS84 lon/lat as WKB. Main grids have no parent; a sub-grid's parent is its main grid.
 */
public final class GridTable {
  public static final String GRID_ID = "grid_id";
  public static final String NAME = "name";
  /** The main grid of a sub-grid; null for a main grid. */
  public static final String PARENT_ID = "parent_id";
  /** {@link #LEVEL_MAIN} or {@link #LEVEL_SUB}. */
  public static final String LEVEL = "level";
  public static final String MANAGER = "manager";
  /** residential, commercial, campus, industrial, rural, ... */
  public static final String GRID_KIND = "grid_kind";
  public static final String HOUSEHOLDS = "households";
  /** Area in km², computed in an equal-area projection. */
  public static final String AREA_KM2 = "area_km2";
  public static final String CENTROID_LON = "centroid_lon";
  public static final String CENTROID_LAT = "centroid_lat";
  /** True when customers are assigned to this grid (it has no sub-grids). */
  public static final String IS_LEAF = "is_leaf";
  public static final String GEOMETRY_WKB = "geometry_wkb";

  public static final String LEVEL_MAIN = "main";
  public static final String LEVEL_SUB = "sub";

  public static final StructType SCHEMA =
      struct(
          field(GRID_ID, DataTypes.StringType, false),
          field(NAME, DataTypes.StringType, true),
          field(PARENT_ID, DataTypes.StringType, true),
          field(LEVEL, DataTypes.StringType, false),
          field(MANAGER, DataTypes.StringType, true),
          field(GRID_KIND, DataTypes.StringType, true),
          field(HOUSEHOLDS, DataTypes.LongType, true),
          field(AREA_KM2, DataTypes.DoubleType, false),
          field(CENTROID_LON, DataTypes.DoubleType, false),
          field(CENTROID_LAT, DataTypes.DoubleType, false),
          field(IS_LEAF, DataTypes.BooleanType, false),
          field(GEOMETRY_WKB, DataTypes.BinaryType, false));

  private GridTable() {}
}
