package org.gridlens.pipeline.geo;

import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.geotools.api.data.SimpleFeatureSource;
import org.geotools.api.feature.simple.SimpleFeature;
import org.geotools.data.simple.SimpleFeatureIterator;
import org.geotools.geometry.jts.ReferencedEnvelope;
import org.geotools.grid.Grids;
import org.gridlens.pipeline.schema.GridAssignment;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

/**
 * Benchmark of customer-to-grid assignment (scripts/bench/assign.sh; not a test): N random points
 * in a city-sized envelope against about 2,000 and 20,000 hexagonal grids (gt-grid), located by the
 * assign stage's own code (broadcast {@link GridIndex}, {@code mapPartitions} with {@link
 * GridAssigner#assignCustomers}), side by side in one JVM with a plain Spark cross join of a
 * subset of the points and the grids filtered by a {@code contains} UDF, extrapolated to points/s.
 * Args: {@code <points> <grid counts, comma-separated> <cross-join UDF calls per run> [repeats]}.
 */
public final class AssignBenchmark {

  private static final double LON0 = 120.0;
  private static final double LAT0 = 30.0;
  private static final double WIDTH = 0.6; // about 58 km
  private static final double HEIGHT = 0.5; // about 55 km

  private AssignBenchmark() {}

  public static void main(String[] args) throws Exception {
    long points = Long.parseLong(args[0]);
    String[] gridCounts = args[1].split(",");
    long crossCalls = Long.parseLong(args[2]);
    int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    SparkSession spark = SparkSession.builder().appName("assign-bench")
        .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer").getOrCreate();
    StructType located = new StructType()
        .add("customer_id", DataTypes.StringType).add("grid_id", DataTypes.StringType)
        .add("lon", DataTypes.DoubleType).add("lat", DataTypes.DoubleType)
        .add("home_cell_id", DataTypes.StringType).add("cell_lon", DataTypes.DoubleType)
        .add("cell_lat", DataTypes.DoubleType);
    int parts = spark.sparkContext().defaultParallelism() * 4;
    Dataset<Row> all = spark.range(0, points, 1, parts)
        .select(format_string("C%09d", col("id")).as("customer_id"), lit(null).cast("string").as("grid_id"),
            rand(11).multiply(WIDTH).plus(LON0).as("lon"), rand(12).multiply(HEIGHT).plus(LAT0).as("lat"),
            lit(null).cast("string").as("home_cell_id"), lit(null).cast("double").as("cell_lon"),
            lit(null).cast("double").as("cell_lat"))
        .cache();
    System.out.printf("points %d in %d partitions (cached: %d)%n", points, parts, all.count());
    spark.udf().register("contains_wkb", containsUdf(), DataTypes.BooleanType);

    for (String gc : gridCounts) {
      int target = Integer.parseInt(gc.trim());
      // grid ids repeat across grid sets (H00001..): the baseline's parsed-geometry cache must not
      // serve the previous set's hexagons (local mode: executors share this JVM)
      Cache.GEOMS.clear();
      List<GridIndex.Grid> hexes = hexagons(target);
      GridIndex index = new GridIndex(hexes, 1.0);
      Broadcast<GridIndex> bc = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(index);
      List<Row> gridRows = new ArrayList<>();
      hexes.forEach(h -> gridRows.add(RowFactory.create(h.gridId(), h.wkb())));
      Dataset<Row> grids = spark.createDataFrame(gridRows, new StructType()
          .add("g_id", DataTypes.StringType).add("g_wkb", DataTypes.BinaryType));
      long subset = Math.max(1000, crossCalls / hexes.size());
      Dataset<Row> few = all.limit((int) Math.min(points, subset)).cache();
      few.count();
      System.out.printf("grids %d hexagons; cross-join subset %d points (%d UDF calls)%n", hexes.size(), subset,
          subset * hexes.size());
      for (int r = 1; r <= repeats; r++) {
        long t0 = System.nanoTime();
        Dataset<Row> assigned = all.mapPartitions(GridAssigner.assignCustomers(bc), Encoders.row(GridAssignment.SCHEMA));
        assigned.write().format("noop").mode(SaveMode.Overwrite).save();
        double ours = points / ((System.nanoTime() - t0) / 1e9);
        long t1 = System.nanoTime();
        few.crossJoin(grids)
            .filter(call_udf("contains_wkb", col("g_id"), col("g_wkb"), col("lon"), col("lat")))
            .write().format("noop").mode(SaveMode.Overwrite).save();
        double cross = subset / ((System.nanoTime() - t1) / 1e9);
        System.out.printf("run %d grids=%d: GridIndex %.0f points/s; cross join + contains UDF %.0f points/s; ratio %.1fx%n",
            r, hexes.size(), ours, cross, ours / cross);
      }
      // the same answers: the subset located both ways
      long disagree = few.mapPartitions(GridAssigner.assignCustomers(bc), Encoders.row(GridAssignment.SCHEMA))
          .join(few.crossJoin(grids).filter(call_udf("contains_wkb", col("g_id"), col("g_wkb"), col("lon"), col("lat")))
              .groupBy(col("customer_id").as("cid")).agg(org.apache.spark.sql.functions.min(col("g_id")).as("g_min")),
              col("customer_id").equalTo(col("cid")), "full_outer")
          .filter(org.apache.spark.sql.functions.not(col("grid_id").eqNullSafe(col("g_min"))))
          .count();
      System.out.printf("RESULT grids=%d check: %d of %d subset points located differently%n", hexes.size(), disagree, subset);
      few.unpersist();
      bc.destroy();
    }
  }

  /** About {@code target} hexagons covering the envelope (gt-grid), ids H00001.. as WKB. */
  static List<GridIndex.Grid> hexagons(int target) throws Exception {
    double side = Math.sqrt(WIDTH * HEIGHT / (target * 1.5 * Math.sqrt(3)));
    ReferencedEnvelope env = new ReferencedEnvelope(LON0, LON0 + WIDTH, LAT0, LAT0 + HEIGHT, Crs.WGS84);
    SimpleFeatureSource fs = Grids.createHexagonalGrid(env, side);
    List<GridIndex.Grid> out = new ArrayList<>();
    WKBWriter w = new WKBWriter();
    try (SimpleFeatureIterator it = fs.getFeatures().features()) {
      while (it.hasNext()) {
        SimpleFeature f = it.next();
        String id = String.format("H%05d", out.size() + 1);
        out.add(new GridIndex.Grid(id, id, true, w.write((Geometry) f.getDefaultGeometry())));
      }
    }
    return out;
  }

  /** The baseline's predicate: covers(grid, point), geometries parsed once per grid per JVM. */
  static UDF4<String, byte[], Double, Double, Boolean> containsUdf() {
    return (id, wkb, lon, lat) -> {
      PreparedGeometry g = Cache.GEOMS.computeIfAbsent(id, k -> {
        try {
          return PreparedGeometryFactory.prepare(new WKBReader().read(wkb));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      return g.covers(Cache.GF.createPoint(new Coordinate(lon, lat)));
    };
  }

  private static final class Cache {
    static final Map<String, PreparedGeometry> GEOMS = new ConcurrentHashMap<>();
    static final GeometryFactory GF = new GeometryFactory();
  }
}
