package org.gridlens.bench;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.gridlens.pipeline.segment.SegmentConfig;
import org.gridlens.pipeline.segment.Segmentation;
import smile.math.MathEx;
import smile.validation.metric.AdjustedRandIndex;

/**
 * Benchmark of the segment stage (docs/benchmarks.md, "## segment"). Part A: a planted city
 * (six archetypes, default features) — segment stage vs a plain Spark scan and a no-model
 * groupByKey pass of the same input, vs an MLlib KMeans driver loop on a subset of grids
 * (extrapolated). Part B: the reference setup (200,000 points × 8 features, 200 grids, 5 planted
 * clusters, k = 5): per-grid ARI of the stage, of Smile single start, and of the MLlib loop.
 *
 * <p>Usage: SegmentBench DIR CUSTOMERS GRIDS MLLIB_GRIDS
 */
public final class SegmentBench {

  static final String[] F = {
    "arpu", "data_volume_mb", "mo_minutes", "age_years", "roaming_share", "distinct_cells", "complaints",
    "late_payments", "vas_usage_video", "vas_usage_music"
  };
  static final double[][] MEANS = {
    {220, 30000, 300, 35, 0.02, 40, 0.1, 0.1, 20, 10},
    {90, 800, 900, 68, 0.01, 15, 0.2, 0.1, 0.5, 1},
    {80, 20000, 100, 22, 0.01, 30, 0.2, 0.3, 60, 30},
    {25, 1500, 80, 45, 0.005, 12, 0.1, 0.3, 1, 1},
    {180, 8000, 600, 42, 0.35, 120, 0.2, 0.1, 3, 2},
    {70, 3000, 200, 40, 0.02, 20, 4, 3, 3, 2},
  };

  public static void main(String[] args) throws Exception {
    String dir = args[0];
    int customers = Integer.parseInt(args[1]);
    int grids = Integer.parseInt(args[2]);
    int mllibGrids = Integer.parseInt(args[3]);
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("segment-bench")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "16")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    partA(spark, dir + "/city-" + customers, customers, grids, mllibGrids);
    partB(spark, dir + "/ref-200k", mllibGrids);
    spark.stop();
  }

  // ---------------------------------------------------------------- part A: planted city

  static void partA(SparkSession spark, String path, int customers, int grids, int mllibGrids) {
    StructField[] fs = new StructField[F.length + 4];
    fs[0] = DataTypes.createStructField("customer_id", DataTypes.StringType, false);
    fs[1] = DataTypes.createStructField("grid_id", DataTypes.StringType, false);
    fs[2] = DataTypes.createStructField("main_grid_id", DataTypes.StringType, false);
    for (int j = 0; j < F.length; j++) {
      fs[3 + j] = DataTypes.createStructField(F[j], DataTypes.DoubleType, true);
    }
    fs[F.length + 3] = DataTypes.createStructField("truth", DataTypes.IntegerType, false);
    StructType schema = DataTypes.createStructType(fs);
    int mean = customers / grids;
    spark.range(grids).repartition(8)
        .flatMap((FlatMapFunction<Long, Row>) g -> city(g.intValue(), mean).iterator(), Encoders.row(schema))
        .write().mode(SaveMode.Overwrite).parquet(path);
    Dataset<Row> in = spark.read().parquet(path);
    long n = in.count();
    System.out.printf(Locale.ROOT, "%nA. planted city: %d customers, %d grids (%s)%n", n, grids, path);

    Column[] avgs = new Column[F.length];
    for (int j = 0; j < F.length; j++) {
      avgs[j] = avg(col(F[j]));
    }
    // warm-up (JIT, file listing) not timed
    in.groupBy("grid_id").agg(avgs[0], Arrays.copyOfRange(avgs, 1, F.length)).write().format("noop").mode(SaveMode.Overwrite).save();
    long t0 = System.nanoTime();
    in.groupBy("grid_id").agg(avgs[0], Arrays.copyOfRange(avgs, 1, F.length)).write().format("noop").mode(SaveMode.Overwrite).save();
    double scan = secs(t0);
    t0 = System.nanoTime();
    passWithoutModel(in).write().format("noop").mode(SaveMode.Overwrite).save();
    double pass = secs(t0);

    SegmentConfig cfg = SegmentConfig.defaults();
    if (System.getProperty("bench.restarts") != null) {
      // -Dbench.restarts=R -Dbench.selectionRestarts=S: the stage with other restart counts
      int r = Integer.getInteger("bench.restarts");
      int sel = Integer.getInteger("bench.selectionRestarts", Math.min(r, cfg.selectionRestarts()));
      cfg = new SegmentConfig(cfg.features(), cfg.log1p(), cfg.orderBy(), cfg.scaling(), cfg.kSelection(), cfg.kMin(),
          cfg.kMax(), r, sel, cfg.maxIter(), cfg.tolerance(), cfg.minCustomers(), cfg.maxFitCustomers(),
          cfg.silhouetteSample(), cfg.labelMinLift(), cfg.seed());
      System.out.printf(Locale.ROOT, "restarts %d, selection restarts %d%n", r, sel);
    }
    t0 = System.nanoTime();
    long cpu0 = cpuNanos();
    Segmentation.Output out = new Segmentation(cfg).apply(in);
    out.segments().write().format("noop").mode(SaveMode.Overwrite).save();
    out.profiles().write().format("noop").mode(SaveMode.Overwrite).save();
    double seg = secs(t0);
    double segCpu = (cpuNanos() - cpu0) / 1e9;
    Map<String, Integer> kOf = new HashMap<>();
    for (Row r : out.profiles().filter(col("segment_id").equalTo(1)).select("grid_id", "k").collectAsList()) {
      kOf.put(r.getString(0), r.getInt(1));
    }
    Map<String, double[]> ariOurs =
        ariPerGrid(out.segments().join(in.select("customer_id", "truth"), "customer_id").select("grid_id", "truth", "segment_id"));
    String digest = digest(out.segments()) + " / " + digest(out.profiles());
    out.release();

    // MLlib: the obvious driver loop, same transforms (log1p + standard scaling), same k, 100 iterations
    List<String> gridIds = new ArrayList<>(new java.util.TreeSet<>(kOf.keySet()));
    List<String> subset = gridIds.subList(0, Math.min(mllibGrids, gridIds.size()));
    Dataset<Row> logged = in;
    for (String f : cfg.log1p()) {
      logged = logged.withColumn(f, org.apache.spark.sql.functions.log1p(col(f)));
    }
    logged = logged.na().fill(40.0, new String[] {"age_years"}).cache();
    logged.count();
    double[] mlAri = new double[subset.size()];
    double[] ourAri = new double[subset.size()];
    t0 = System.nanoTime();
    for (int i = 0; i < subset.size(); i++) {
      String g = subset.get(i);
      Dataset<Row> part = logged.filter(col("grid_id").equalTo(g));
      Dataset<Row> v = new VectorAssembler().setInputCols(F).setOutputCol("raw").transform(part);
      v = new StandardScaler().setInputCol("raw").setOutputCol("features").setWithMean(true).fit(v).transform(v);
      KMeansModel m = new KMeans().setK(kOf.get(g)).setMaxIter(cfg.maxIter()).setSeed(1).fit(v);
      List<Row> pr = m.transform(v).select("truth", "prediction").collectAsList();
      mlAri[i] = AdjustedRandIndex.of(pr.stream().mapToInt(r -> r.getInt(0)).toArray(), pr.stream().mapToInt(r -> r.getInt(1)).toArray());
      ourAri[i] = ariOurs.get(g)[0];
    }
    double ml = secs(t0);
    double mlAll = ml / subset.size() * grids;
    logged.unpersist();

    double[] all = ariOurs.values().stream().mapToDouble(a -> a[0]).sorted().toArray();
    System.out.printf(Locale.ROOT, "plain scan (groupBy grid, avg of %d features): %.1f s%n", F.length, scan);
    System.out.printf(Locale.ROOT, "groupByKey pass, no model (rows -> double[][] -> means): %.1f s%n", pass);
    System.out.printf(Locale.ROOT, "segment stage (all %d grids, k chosen in %d..%d, %d restarts): %.1f s  = %.1fx scan, %.1fx no-model pass%n",
        grids, cfg.kMin(), cfg.kMax(), cfg.restarts(), seg, seg / scan, seg / pass);
    System.out.printf(Locale.ROOT, "segment stage CPU time (whole JVM, all threads; steadier than wall time on a shared machine): %.1f s%n", segCpu);
    System.out.printf(Locale.ROOT, "MLlib KMeans driver loop: %d grids in %.1f s -> %.0f s extrapolated to %d grids = %.0fx the segment stage%n",
        subset.size(), ml, mlAll, grids, mlAll / seg);
    System.out.printf(Locale.ROOT, "k distribution: %s%n", new java.util.TreeMap<>(countValues(kOf)));
    System.out.printf(Locale.ROOT, "ARI vs planted archetypes, segment stage: median %.3f, mean %.3f, min %.3f over %d grids%n",
        median(all), Arrays.stream(all).average().orElse(0), all[0], all.length);
    System.out.printf(Locale.ROOT, "ARI on the MLlib subset (same k): MLlib median %.3f, segment stage median %.3f%n",
        median(mlAri.clone()), median(ourAri.clone()));
    System.out.printf(Locale.ROOT, "output digest (rows:xor:sum of row hashes; segments / profiles): %s%n", digest);
  }

  /**
   * Order-free fingerprint of a whole output: row count, XOR and wrapped sum of every row's
   * xxhash64 over all columns (doubles by their bits). Equal digests before and after a change
   * mean the same rows, bit for bit (up to hash collisions).
   */
  static String digest(Dataset<Row> d) {
    Column[] all = Arrays.stream(d.columns()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    Column h = org.apache.spark.sql.functions.xxhash64(all);
    Row r = d.select(h.as("h"))
        .agg(org.apache.spark.sql.functions.count("h"), org.apache.spark.sql.functions.bit_xor(col("h")),
            org.apache.spark.sql.functions.sum(org.apache.spark.sql.functions.pmod(col("h"), org.apache.spark.sql.functions.lit(2147483647L))))
        .first();
    return String.format(Locale.ROOT, "%d:%016x:%d", r.getLong(0), r.getLong(1), r.getLong(2));
  }

  static Map<Integer, Integer> countValues(Map<String, Integer> m) {
    Map<Integer, Integer> c = new HashMap<>();
    m.values().forEach(v -> c.merge(v, 1, Integer::sum));
    return c;
  }

  /** The same shuffle and row-to-array work as the stage, without any model: the floor. */
  static Dataset<Row> passWithoutModel(Dataset<Row> in) {
    StructType out = DataTypes.createStructType(new StructField[] {
        DataTypes.createStructField("grid_id", DataTypes.StringType, false),
        DataTypes.createStructField("m", DataTypes.DoubleType, false)});
    Column[] xs = new Column[F.length];
    for (int j = 0; j < F.length; j++) {
      xs[j] = col(F[j]);
    }
    return in.select(col("grid_id"), col("customer_id"), org.apache.spark.sql.functions.array(xs).as("x"))
        .groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
        .flatMapGroups(
            (FlatMapGroupsFunction<String, Row, Row>) (g, it) -> {
              List<double[]> rows = new ArrayList<>();
              List<String> ids = new ArrayList<>();
              while (it.hasNext()) {
                Row r = it.next();
                ids.add(r.getString(1));
                List<Object> x = r.getList(2);
                double[] v = new double[x.size()];
                for (int j = 0; j < v.length; j++) {
                  v[j] = x.get(j) == null ? Double.NaN : ((Number) x.get(j)).doubleValue();
                }
                rows.add(v);
              }
              java.util.Collections.sort(ids);
              double s = 0;
              for (double[] v : rows) {
                s += v[0];
              }
              return List.of(RowFactory.create(g, s / rows.size())).iterator();
            },
            Encoders.row(out));
  }

  static List<Row> city(int g, int mean) {
    Random rnd = new Random(1000003L * g + 17);
    String grid = String.format("G%04d", g + 1);
    int n = (int) Math.round(mean * (0.4 + 1.2 * rnd.nextDouble()));
    double level = 0.6 + rnd.nextDouble();
    double[] mix = new double[MEANS.length];
    double tot = 0;
    for (int a = 0; a < mix.length; a++) {
      mix[a] = 0.5 + rnd.nextDouble();
      tot += mix[a];
    }
    List<Row> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double u = rnd.nextDouble() * tot;
      int a = 0;
      while (a < mix.length - 1 && u > mix[a]) {
        u -= mix[a];
        a++;
      }
      double[] m = MEANS[a];
      Object[] v = new Object[F.length + 4];
      v[0] = String.format("%s-C%05d", grid, i);
      v[1] = grid;
      v[2] = grid;
      v[3] = Math.round(m[0] * level * logn(rnd, 0.25) * 100) / 100.0;
      v[4] = (double) Math.round(m[1] * level * logn(rnd, 0.4));
      v[5] = (double) Math.round(m[2] * logn(rnd, 0.35));
      v[6] = rnd.nextDouble() < 0.05 ? null : (double) Math.max(16, Math.round(m[3] + 5 * rnd.nextGaussian()));
      v[7] = Math.min(1, m[4] * logn(rnd, 0.4));
      v[8] = (double) Math.max(1, Math.round(m[5] * logn(rnd, 0.35)));
      for (int j = 6; j < 10; j++) {
        v[3 + j] = (double) poisson(rnd, m[j]);
      }
      v[F.length + 3] = a;
      out.add(RowFactory.create(v));
    }
    return out;
  }

  // ---------------------------------------------------------------- part B: reference setup

  static void partB(SparkSession spark, String path, int mllibGrids) {
    int grids = 200;
    int perGrid = 1000;
    int d = 8;
    int k = 5;
    StructField[] fs = new StructField[d + 4];
    fs[0] = DataTypes.createStructField("customer_id", DataTypes.StringType, false);
    fs[1] = DataTypes.createStructField("grid_id", DataTypes.StringType, false);
    fs[2] = DataTypes.createStructField("main_grid_id", DataTypes.StringType, false);
    String[] f = new String[d];
    for (int j = 0; j < d; j++) {
      f[j] = "f" + j;
      fs[3 + j] = DataTypes.createStructField(f[j], DataTypes.DoubleType, false);
    }
    fs[d + 3] = DataTypes.createStructField("truth", DataTypes.IntegerType, false);
    StructType schema = DataTypes.createStructType(fs);
    spark.range(grids).repartition(8)
        .flatMap((FlatMapFunction<Long, Row>) g -> blobs(g.intValue(), perGrid, d, k).iterator(), Encoders.row(schema))
        .write().mode(SaveMode.Overwrite).parquet(path);
    Dataset<Row> in = spark.read().parquet(path);
    System.out.printf(Locale.ROOT, "%nB. reference setup: %d points x %d features, %d grids, %d planted clusters, k = %d%n",
        in.count(), d, grids, k, k);

    List<String> feats = Arrays.asList(f);
    SegmentConfig cfg = SegmentConfig.defaults().withFeatures(feats, List.of(), List.of(f[0])).withK(k, k);
    long t0 = System.nanoTime();
    Segmentation.Output out = new Segmentation(cfg).apply(in);
    Map<String, double[]> ours =
        ariPerGrid(out.segments().join(in.select("customer_id", "truth"), "customer_id").select("grid_id", "truth", "segment_id"));
    double seg = secs(t0);
    String digestB = digest(out.segments()) + " / " + digest(out.profiles());
    out.release();
    SegmentConfig raw = cfg.withRestarts(1);
    t0 = System.nanoTime();
    Segmentation.Output out1 = new Segmentation(raw).apply(in);
    Map<String, double[]> oursSingle =
        ariPerGrid(out1.segments().join(in.select("customer_id", "truth"), "customer_id").select("grid_id", "truth", "segment_id"));
    double seg1 = secs(t0);
    out1.release();

    // Smile single start, unscaled, per grid (the reference's "Smile single start" row)
    Map<String, List<Row>> byGrid = new HashMap<>();
    for (Row r : in.orderBy("customer_id").collectAsList()) {
      byGrid.computeIfAbsent(r.getString(1), g -> new ArrayList<>()).add(r);
    }
    double[] smileAri = new double[grids];
    int gi = 0;
    t0 = System.nanoTime();
    for (List<Row> rows : new java.util.TreeMap<>(byGrid).values()) {
      double[][] x = new double[rows.size()][d];
      int[] t = new int[rows.size()];
      for (int i = 0; i < rows.size(); i++) {
        for (int j = 0; j < d; j++) {
          x[i][j] = rows.get(i).getDouble(3 + j);
        }
        t[i] = rows.get(i).getInt(d + 3);
      }
      MathEx.setSeed(gi + 1);
      smileAri[gi++] = AdjustedRandIndex.of(t, smile.clustering.KMeans.fit(x, k, 100, 1e-4).y);
    }
    double smileT = secs(t0);

    List<String> ids = new ArrayList<>(new java.util.TreeSet<>(byGrid.keySet())).subList(0, mllibGrids);
    double[] ml = new double[ids.size()];
    t0 = System.nanoTime();
    for (int i = 0; i < ids.size(); i++) {
      Dataset<Row> part = in.filter(col("grid_id").equalTo(ids.get(i)));
      Dataset<Row> v = new VectorAssembler().setInputCols(f).setOutputCol("features").transform(part);
      KMeansModel m = new KMeans().setK(k).setMaxIter(100).setSeed(1).fit(v);
      List<Row> pr = m.transform(v).select("truth", "prediction").collectAsList();
      ml[i] = AdjustedRandIndex.of(pr.stream().mapToInt(r -> r.getInt(0)).toArray(), pr.stream().mapToInt(r -> r.getInt(1)).toArray());
    }
    double mlT = secs(t0);

    double[] o = ours.values().stream().mapToDouble(a -> a[0]).sorted().toArray();
    double[] o1 = oursSingle.values().stream().mapToDouble(a -> a[0]).sorted().toArray();
    System.out.printf(Locale.ROOT, "segment stage, %d restarts, z-score: %.1f s, ARI median %.3f mean %.3f min %.3f%n",
        cfg.restarts(), seg, median(o), Arrays.stream(o).average().orElse(0), o[0]);
    System.out.printf(Locale.ROOT, "segment stage, 1 restart, z-score: %.1f s, ARI median %.3f mean %.3f%n",
        seg1, median(o1), Arrays.stream(o1).average().orElse(0));
    double[] sm = smileAri.clone();
    Arrays.sort(sm);
    System.out.printf(Locale.ROOT, "Smile KMeans single start, unscaled, driver loop: %.1f s, ARI median %.3f mean %.3f%n",
        smileT, median(sm), Arrays.stream(sm).average().orElse(0));
    System.out.printf(Locale.ROOT, "MLlib KMeans loop: %d grids in %.1f s -> %.0f s for 200, ARI median %.3f mean %.3f%n",
        ids.size(), mlT, mlT / ids.size() * grids, median(ml.clone()), Arrays.stream(ml).average().orElse(0));
    System.out.printf(Locale.ROOT, "output digest of the 8-restart stage (segments / profiles): %s%n", digestB);
  }

  /** Five Gaussian blobs per grid, make_blobs-like: centres uniform in [-10, 10]^d, sd 2.5. */
  static List<Row> blobs(int g, int n, int d, int k) {
    Random rnd = new Random(7919L * g + 3);
    double[][] c = new double[k][d];
    for (double[] cc : c) {
      for (int j = 0; j < d; j++) {
        cc[j] = -10 + 20 * rnd.nextDouble();
      }
    }
    String grid = String.format("B%03d", g + 1);
    List<Row> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int a = i % k;
      Object[] v = new Object[d + 4];
      v[0] = String.format("%s-%05d", grid, i);
      v[1] = grid;
      v[2] = grid;
      for (int j = 0; j < d; j++) {
        v[3 + j] = c[a][j] + 2.5 * rnd.nextGaussian();
      }
      v[d + 3] = a;
      out.add(RowFactory.create(v));
    }
    return out;
  }

  // ---------------------------------------------------------------- helpers

  /** ARI per grid from (grid_id, truth, segment_id) rows, computed inside Spark groups. */
  static Map<String, double[]> ariPerGrid(Dataset<Row> rows) {
    StructType out = DataTypes.createStructType(new StructField[] {
        DataTypes.createStructField("grid_id", DataTypes.StringType, false),
        DataTypes.createStructField("ari", DataTypes.DoubleType, false)});
    Map<String, double[]> m = new HashMap<>();
    for (Row r : rows
        .groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
        .flatMapGroups(
            (FlatMapGroupsFunction<String, Row, Row>) (g, it) -> {
              List<int[]> p = new ArrayList<>();
              it.forEachRemaining(r -> p.add(new int[] {r.getInt(1), r.getInt(2)}));
              double a = AdjustedRandIndex.of(p.stream().mapToInt(x -> x[0]).toArray(), p.stream().mapToInt(x -> x[1]).toArray());
              return List.of(RowFactory.create(g, a)).iterator();
            },
            Encoders.row(out))
        .collectAsList()) {
      m.put(r.getString(0), new double[] {r.getDouble(1)});
    }
    return m;
  }

  static double median(double[] v) {
    Arrays.sort(v);
    return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /** CPU time of the whole JVM (every thread, incl. Spark's and the fork/join pool). */
  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  static double logn(Random r, double sigma) {
    return Math.exp(sigma * r.nextGaussian() - sigma * sigma / 2);
  }

  static int poisson(Random r, double mean) {
    if (mean > 30) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * r.nextGaussian()));
    }
    double l = Math.exp(-mean);
    int k = 0;
    double p = 1;
    do {
      k++;
      p *= r.nextDouble();
    } while (p > l);
    return k - 1;
  }

  private SegmentBench() {}
}
