package org.gridlens.pipeline.segment;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.gridlens.pipeline.run.Datasets;
import org.gridlens.pipeline.schema.CustomerView;
import org.gridlens.pipeline.schema.SegmentProfiles;
import org.gridlens.pipeline.schema.Schemas;
import org.gridlens.pipeline.schema.Segments;

/**
 * Per-grid segmentation of the customer view: one Spark job for all grids. Customers without a
 * grid are left out. Each customer row is routed to its fit unit (its grid, its main grid's pool
 * or the city pool; see {@link ModelScopePlanner}), every unit is segmented in one
 * {@code groupByKey(unit).flatMapGroups} call, and both outputs come out of that one pass.
 */
public final class Segmentation {

  /** The stage's two outputs; {@link #release()} frees the cached pass they share once written. */
  public record Output(Dataset<Row> segments, Dataset<Row> profiles, List<Dataset<Row>> cached) {
    public void release() {
      cached.forEach(Dataset::unpersist);
    }
  }

  private final SegmentConfig cfg;

  public Segmentation(SegmentConfig cfg) {
    this.cfg = cfg;
  }

  public Output apply(Dataset<Row> view) {
    List<String> need = new ArrayList<>(List.of(CustomerView.CUSTOMER_ID, CustomerView.GRID_ID, CustomerView.MAIN_GRID_ID));
    need.addAll(cfg.features());
    Schemas.require(view, Datasets.CUSTOMER_VIEW, need.toArray(new String[0]));
    SparkSession spark = view.sparkSession();
    int d = cfg.features().size();

    Column[] xs = new Column[d];
    for (int j = 0; j < d; j++) {
      xs[j] = col(cfg.features().get(j)).cast(DataTypes.DoubleType);
    }
    Dataset<Row> base =
        view.filter(col(CustomerView.GRID_ID).isNotNull())
            .select(
                col(CustomerView.CUSTOMER_ID).as(Segments.CUSTOMER_ID),
                col(CustomerView.GRID_ID).as(Segments.GRID_ID),
                coalesce(col(CustomerView.MAIN_GRID_ID), col(CustomerView.GRID_ID)).as(Segments.MAIN_GRID_ID),
                xxhash64(col(CustomerView.CUSTOMER_ID)).as(SegmentGroups.HASH),
                array(xs).as(SegmentGroups.X))
            .persist(StorageLevel.MEMORY_AND_DISK());

    // small driver-side facts: customers per grid (one row per grid) and the city's averages
    List<ModelScopePlanner.GridCount> counts = new ArrayList<>();
    long total = 0;
    for (Row r : base.groupBy(Segments.GRID_ID, Segments.MAIN_GRID_ID).count().collectAsList()) {
      counts.add(new ModelScopePlanner.GridCount(r.getString(0), r.getString(1), r.getLong(2)));
      total += r.getLong(2);
    }
    Column[] avgs = new Column[d];
    for (int j = 0; j < d; j++) {
      avgs[j] = avg(col(SegmentGroups.X).getItem(j));
    }
    double[] cityMean = new double[d];
    Row means = base.agg(avgs[0], java.util.Arrays.copyOfRange(avgs, 1, d)).first();
    for (int j = 0; j < d; j++) {
      cityMean[j] = means.isNullAt(j) ? Double.NaN : means.getDouble(j);
    }
    ModelScopePlanner.Plan plan = ModelScopePlanner.plan(counts, cfg.minCustomers());

    List<Row> planRows = new ArrayList<>();
    plan.scopeOf().forEach((g, s) -> planRows.add(RowFactory.create(g, s)));
    StructType planSchema =
        Schemas.struct(
            Schemas.field(Segments.GRID_ID, DataTypes.StringType, false),
            Schemas.field(SegmentGroups.SCOPE, DataTypes.StringType, false));
    Dataset<Row> scoped = base.join(broadcast(spark.createDataFrame(planRows, planSchema)), Segments.GRID_ID);

    Column gridScope = col(SegmentGroups.SCOPE).equalTo(lit(UnitSegmentation.SCOPE_GRID));
    Dataset<Row> units =
        unitRows(
            scoped.filter(gridScope), concat(lit("grid:"), col(Segments.GRID_ID)), lit(true), lit(true));
    if (!plan.mainPools().isEmpty()) {
      Column inPool = col(Segments.MAIN_GRID_ID).isin(plan.mainPools().toArray());
      Column assign = col(SegmentGroups.SCOPE).equalTo(lit(UnitSegmentation.SCOPE_MAIN));
      units =
          units.unionByName(
              unitRows(
                  scoped.filter(inPool), concat(lit("main:"), col(Segments.MAIN_GRID_ID)), lit(true), assign)
                  .withColumn(SegmentGroups.SCOPE, lit(UnitSegmentation.SCOPE_MAIN)));
    }
    if (plan.cityPool()) {
      // pre-sample the city pool in Spark so one task never receives the whole city
      long keep = Math.min(1_000_000L, (long) Math.ceil(1_000_000.0 * 2.0 * cfg.maxFitCustomers() / Math.max(1, total)));
      Column fit = pmod(col(SegmentGroups.HASH), lit(1_000_000L)).lt(lit(keep));
      Column assign = col(SegmentGroups.SCOPE).equalTo(lit(UnitSegmentation.SCOPE_CITY));
      units =
          units.unionByName(
              unitRows(scoped.filter(fit.or(assign)), lit("city"), fit, assign)
                  .withColumn(SegmentGroups.SCOPE, lit(UnitSegmentation.SCOPE_CITY)));
    }

    Dataset<Row> result =
        units
            .groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
            .flatMapGroups(new SegmentGroups(cfg, cityMean), Encoders.row(SegmentGroups.OUT))
            .persist(StorageLevel.MEMORY_AND_DISK());

    Dataset<Row> segments =
        result
            .filter(col(SegmentGroups.KIND).equalTo(lit(SegmentGroups.KIND_CUSTOMER)))
            .select(
                col(Segments.CUSTOMER_ID), col(Segments.GRID_ID), col(Segments.MAIN_GRID_ID),
                col(Segments.SEGMENT_ID), col(Segments.LABEL), col(Segments.LABEL_EN), col(Segments.LABEL_ZH),
                col(Segments.DISTANCE), col(Segments.MODEL_SCOPE));
    List<Column> pc =
        new ArrayList<>(
            List.of(
                col(SegmentProfiles.GRID_ID), col(SegmentProfiles.MAIN_GRID_ID), col(SegmentProfiles.SEGMENT_ID),
                col(SegmentProfiles.SIZE), col(SegmentProfiles.SHARE), col(SegmentProfiles.LABEL),
                col(SegmentProfiles.LABEL_EN), col(SegmentProfiles.LABEL_ZH), col(SegmentProfiles.DESCRIPTION_EN),
                col(SegmentProfiles.DESCRIPTION_ZH), col(SegmentProfiles.K), col(SegmentProfiles.QUALITY),
                col(SegmentProfiles.EXPLAINED_VARIANCE), col(SegmentProfiles.MODEL_SCOPE)));
    for (int j = 0; j < d; j++) {
      pc.add(col(SegmentGroups.CENTROID).getItem(j).as(SegmentProfiles.centroid(cfg.features().get(j))));
    }
    Dataset<Row> profiles =
        result
            .filter(col(SegmentGroups.KIND).equalTo(lit(SegmentGroups.KIND_PROFILE)))
            .select(pc.toArray(new Column[0]));
    return new Output(segments, profiles, List.of(result, base));
  }

  private static Dataset<Row> unitRows(Dataset<Row> rows, Column key, Column fit, Column assign) {
    return rows.select(
        key.as(SegmentGroups.KEY),
        col(SegmentGroups.SCOPE),
        col(Segments.CUSTOMER_ID),
        col(Segments.GRID_ID),
        col(Segments.MAIN_GRID_ID),
        col(SegmentGroups.HASH),
        fit.as(SegmentGroups.FIT),
        assign.as(SegmentGroups.ASSIGN),
        col(SegmentGroups.X));
  }
}
