package org.gridlens.pipeline.target;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.gridlens.pipeline.schema.CustomerView;
import org.gridlens.pipeline.schema.Customers;
import org.gridlens.pipeline.schema.GridTable;
import org.gridlens.pipeline.schema.Schemas;
import org.gridlens.pipeline.schema.Segments;
import org.gridlens.pipeline.schema.UpliftScores;

/** Inline inputs of the targets stage, built row by row in tests. */
final class TargetFixtures {

  static final StructType VIEW =
      Schemas.struct(
          Schemas.field(CustomerView.CUSTOMER_ID, DataTypes.StringType, false),
          Schemas.field(CustomerView.STATUS, DataTypes.StringType, false),
          Schemas.field(CustomerView.ARPU, DataTypes.DoubleType, true),
          Schemas.field(CustomerView.GRID_ID, DataTypes.StringType, true));
  static final StructType SEGMENTS =
      Schemas.struct(
          Schemas.field(Segments.CUSTOMER_ID, DataTypes.StringType, false),
          Schemas.field(Segments.LABEL_EN, DataTypes.StringType, false),
          Schemas.field(Segments.LABEL_ZH, DataTypes.StringType, false));
  static final StructType GRIDS =
      Schemas.struct(
          Schemas.field(GridTable.GRID_ID, DataTypes.StringType, false),
          Schemas.field(GridTable.NAME, DataTypes.StringType, true),
          Schemas.field(GridTable.MANAGER, DataTypes.StringType, true),
          Schemas.field(GridTable.IS_LEAF, DataTypes.BooleanType, false));
  static final StructType CUSTOMERS =
      Schemas.struct(
          Schemas.field(Customers.CUSTOMER_ID, DataTypes.StringType, false),
          Schemas.field(Customers.MSISDN, DataTypes.StringType, false),
          Schemas.field(Customers.ID_NUMBER, DataTypes.StringType, true),
          Schemas.field(Customers.NAME, DataTypes.StringType, true),
          Schemas.field(Customers.ADDRESS, DataTypes.StringType, true));

  final List<Row> uplift = new ArrayList<>();
  final List<Row> view = new ArrayList<>();
  final List<Row> segments = new ArrayList<>();

  /** An eligible uplift row; the customer is added to the view (active) and a segment once. */
  TargetFixtures offer(String customer, String grid, String offer, double propensity, Double gain) {
    return row(customer, grid, offer, true, propensity, gain, "active");
  }

  TargetFixtures row(
      String customer, String grid, String offer, boolean eligible, double propensity, Double gain, String status) {
    uplift.add(
        RowFactory.create(
            customer, grid, grid == null ? null : grid.substring(0, Math.min(4, grid.length())), offer, eligible,
            eligible ? null : "rule", propensity, gain, "uses a lot of data", "流量使用多"));
    if (status != null && view.stream().noneMatch(r -> r.getString(0).equals(customer))) {
      view.add(RowFactory.create(customer, status, 50.0, grid));
      segments.add(RowFactory.create(customer, "High value", "高价值"));
    }
    return this;
  }

  Dataset<Row> uplift(SparkSession spark) {
    return spark.createDataFrame(uplift, UpliftScores.SCHEMA);
  }

  Dataset<Row> view(SparkSession spark) {
    return spark.createDataFrame(view, VIEW);
  }

  Dataset<Row> segments(SparkSession spark) {
    return spark.createDataFrame(segments, SEGMENTS);
  }
}
