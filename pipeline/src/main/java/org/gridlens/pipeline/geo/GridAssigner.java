package org.gridlens.pipeline.geo;

import static org.apache.spark.sql.functions.col;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.gridlens.pipeline.StableLayout;
import org.gridlens.pipeline.schema.Cdr;
import org.gridlens.pipeline.schema.CellAssignment;
import org.gridlens.pipeline.schema.Cells;
import org.gridlens.pipeline.schema.Customers;
import org.gridlens.pipeline.schema.GridAssignment;
import org.gridlens.pipeline.schema.GridTable;
import org.gridlens.pipeline.schema.Schemas;

/**
 * The {@code assign} transformation: every clean customer gets exactly one row of
 * {@link GridAssignment} (by {@link AssignmentRule}) and every clean cell one row of
 * {@link CellAssignment}. The grid layer (small) is collected on the driver into a
 * {@link GridIndex} and broadcast; points are looked up inside partitions, so there is no join
 * against the polygons at all.
 */
public final class GridAssigner {

  // working column names of the joined customer rows (never published)
  private static final String HC_CUSTOMER = "_hc_customer_id";
  private static final String HC_CELL = "_hc_cell_id";
  private static final String CELL_LON = "_cell_lon";
  private static final String CELL_LAT = "_cell_lat";

  private final GeoConfig config;
  private final LocalDate runDate;

  /** The two outputs, sorted by their key, and the index they were located with. */
  public record Output(Dataset<Row> customers, Dataset<Row> cells, GridIndex index) {}

  public GridAssigner(GeoConfig config, LocalDate runDate) {
    this.config = config;
    this.runDate = runDate;
  }

  public Output apply(Dataset<Row> customers, Dataset<Row> cdr, Dataset<Row> cells, Dataset<Row> grids) {
    Schemas.require(customers, "clean/customers", Customers.CUSTOMER_ID, Customers.GRID_ID, Customers.LON, Customers.LAT);
    Schemas.require(cdr, "clean/cdr", Cdr.CUSTOMER_ID, Cdr.START_TIME, Cdr.CELL_ID);
    Schemas.require(cells, "clean/cells", Cells.CELL_ID, Cells.LON, Cells.LAT);
    Schemas.require(grids, "grids", GridTable.SCHEMA);

    GridIndex index = indexOf(grids, config.snapDistanceM());
    Broadcast<GridIndex> bc =
        JavaSparkContext.fromSparkContext(customers.sparkSession().sparkContext()).broadcast(index);

    Dataset<Row> home =
        new HomeCells(config.night(), runDate, config.homeCellDays())
            .apply(cdr)
            .select(col(Cdr.CUSTOMER_ID).as(HC_CUSTOMER), col(HomeCells.HOME_CELL_ID).as(HC_CELL));
    Dataset<Row> cellPoints =
        cells.select(col(Cells.CELL_ID), col(Cells.LON).as(CELL_LON), col(Cells.LAT).as(CELL_LAT));
    Dataset<Row> located =
        customers
            .select(col(Customers.CUSTOMER_ID), col(Customers.GRID_ID), col(Customers.LON), col(Customers.LAT))
            .join(home, col(Customers.CUSTOMER_ID).equalTo(col(HC_CUSTOMER)), "left")
            .join(cellPoints, col(HC_CELL).equalTo(col(Cells.CELL_ID)), "left")
            .select(
                col(Customers.CUSTOMER_ID),
                col(Customers.GRID_ID),
                col(Customers.LON),
                col(Customers.LAT),
                col(HC_CELL),
                col(CELL_LON),
                col(CELL_LAT));
    Dataset<Row> assignments =
        StableLayout.byKey(
            located.mapPartitions(assignCustomers(bc), Encoders.row(GridAssignment.SCHEMA)),
            GridAssignment.CUSTOMER_ID);
    Dataset<Row> cellAssignments =
        cells
            .select(col(Cells.CELL_ID), col(Cells.LON), col(Cells.LAT))
            .mapPartitions(locateCells(bc), Encoders.row(CellAssignment.SCHEMA))
            // one file in cell order: a city has thousands of cells, not millions. (Range
            // partitions alone were not stable: their bounds come from a sample seeded by the RDD's
            // id, which moves with every job the run made before.)
            .orderBy(col(CellAssignment.CELL_ID))
            .coalesce(1);
    return new Output(assignments, cellAssignments, index);
  }

  /** The layer's index, built on the driver from the grids dataset (≤ ~10^5 rows). */
  public static GridIndex indexOf(Dataset<Row> grids, double snapDistanceM) {
    List<GridIndex.Grid> list = new ArrayList<>();
    for (Row r :
        grids.select(col(GridTable.GRID_ID), col(GridTable.PARENT_ID), col(GridTable.IS_LEAF), col(GridTable.GEOMETRY_WKB))
            .collectAsList()) {
      String id = r.getString(0);
      String parent = r.getString(1);
      list.add(new GridIndex.Grid(id, parent == null ? id : parent, r.getBoolean(2), (byte[]) r.get(3)));
    }
    return new GridIndex(list, snapDistanceM);
  }

  /** Rows (customer_id, grid_id, lon, lat, home cell, cell lon, cell lat) to GridAssignment rows. */
  static MapPartitionsFunction<Row, Row> assignCustomers(Broadcast<GridIndex> bc) {
    return rows -> {
      GridIndex index = bc.value();
      return map(rows, r -> {
        AssignmentRule.Assigned a =
            AssignmentRule.assign(
                index,
                r.getString(1),
                r.isNullAt(2) ? null : r.getDouble(2),
                r.isNullAt(3) ? null : r.getDouble(3),
                r.getString(4),
                r.isNullAt(5) ? null : r.getDouble(5),
                r.isNullAt(6) ? null : r.getDouble(6));
        return RowFactory.create(
            r.getString(0), a.gridId(), a.mainGridId(), a.method(), a.reason(), a.homeCellId(), a.borderDistanceM());
      });
    };
  }

  /** Rows (cell_id, lon, lat) to CellAssignment rows. */
  static MapPartitionsFunction<Row, Row> locateCells(Broadcast<GridIndex> bc) {
    return rows -> {
      GridIndex index = bc.value();
      return map(rows, r -> {
        GridIndex.Location at =
            r.isNullAt(1) || r.isNullAt(2) ? null : index.locate(r.getDouble(1), r.getDouble(2));
        return RowFactory.create(r.getString(0), at == null ? null : at.gridId(), at == null ? null : at.mainGridId());
      });
    };
  }

  private static Iterator<Row> map(Iterator<Row> in, java.util.function.Function<Row, Row> f) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return in.hasNext();
      }

      @Override
      public Row next() {
        return f.apply(in.next());
      }
    };
  }
}
