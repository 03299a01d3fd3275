package org.gridlens.pipeline.schema;

import static org.gridlens.pipeline.schema.Schemas.field;
import static org.gridlens.pipeline.schema.Schemas.struct;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Cell to grid (dataset {@code cell_assignment}), written by {@code assign}: one row per clean
 * cell; grid ids null for a cell outside every grid. Scoring uses it for the dropped-call rate of
 * the cells in a grid.
 */
public final class CellAssignment {
  public static final String CELL_ID = "cell_id";
  public static final String GRID_ID = "grid_id";
  public static final String MAIN_GRID_ID = "main_grid_id";

  public static final StructType SCHEMA =
      struct(
          field(CELL_ID, DataTypes.StringType, false),
          field(GRID_ID, DataTypes.StringType, true),
          field(MAIN_GRID_ID, DataTypes.StringType, true));

  private CellAssignment() {}
}
