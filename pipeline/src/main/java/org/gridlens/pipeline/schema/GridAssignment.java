package org.gridlens.pipeline.schema;

import static org.gridlens.pipeline.schema.Schemas.field;
import static org.gridlens.pipeline.schema.Schemas.struct;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Customer to grid (dataset {@code grid_assignment}): exactly one row per customer of the clean
 * master. grid_id is a leaf grid (a sub-grid, or a main grid without sub-grids); main_grid_id its
 * main grid (itself for a main grid). Both null when unassigned.
 */
public final class GridAssignment {
  public static final String CUSTOMER_ID = "customer_id";
  public static final String GRID_ID = "grid_id";
  public static final String MAIN_GRID_ID = "main_grid_id";
  /** explicit, point, home_cell or unassigned. */
  public static final String METHOD = "method";
  /** Why a customer is unassigned (no_location, outside_grids, unknown_grid_id); null otherwise. */
  public static final String UNASSIGNED_REASON = "unassigned_reason";
  /** The home cell used, when method is home_cell. */
  public static final String HOME_CELL_ID = "home_cell_id";
  /** Distance in metres from the located point to its grid's border; null for explicit. */
  public static final String BORDER_DISTANCE_M = "border_distance_m";

  public static final String METHOD_EXPLICIT = "explicit";
  public static final String METHOD_POINT = "point";
  public static final String METHOD_HOME_CELL = "home_cell";
  public static final String METHOD_UNASSIGNED = "unassigned";

  /** Unassigned: no explicit grid, no coordinates and no home cell. */
  public static final String REASON_NO_LOCATION = "no_location";
  /** Unassigned: the point or home cell lies in no leaf grid. */
  public static final String REASON_OUTSIDE_GRIDS = "outside_grids";
  /** Unassigned: the explicit grid_id is not in the layer, and nothing else located the customer. */
  public static final String REASON_UNKNOWN_GRID_ID = "unknown_grid_id";
  /** Unassigned: the explicit grid_id is a main grid with sub-grids, and nothing else located the customer. */
  public static final String REASON_MAIN_GRID_ID_NOT_LEAF = "main_grid_id_not_leaf";

  public static final StructType SCHEMA =
      struct(
          field(CUSTOMER_ID, DataTypes.StringType, false),
          field(GRID_ID, DataTypes.StringType, true),
          field(MAIN_GRID_ID, DataTypes.StringType, true),
          field(METHOD, DataTypes.StringType, false),
          field(UNASSIGNED_REASON, DataTypes.StringType, true),
          field(HOME_CELL_ID, DataTypes.StringType, true),
          field(BORDER_DISTANCE_M, DataTypes.DoubleType, true));

  private GridAssignment() {}
}
