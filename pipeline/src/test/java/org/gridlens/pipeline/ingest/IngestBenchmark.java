package org.gridlens.pipeline.ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.gridlens.pipeline.config.GridLensConfig;
import org.gridlens.pipeline.config.PathsConfig;
import org.gridlens.pipeline.run.RunContext;
import org.gridlens.pipeline.run.SparkSessions;
import org.gridlens.pipeline.run.StepResult;
import org.gridlens.pipeline.schema.Extract;

/**
 * Benchmark (not a test) behind scripts/bench/ingest.sh: ingest throughput against the floor of a
 * plain Spark CSV read (explicit all-string schema) of the same files written straight to Parquet,
 * both in this JVM. Usage: {@code IngestBenchmark <input-root> <work-dir> [rounds]}, or
 * {@code IngestBenchmark --generate <customers> <input-root>} to write a synthetic city first.
 */
public final class IngestBenchmark {

  private static final LocalDate RUN_DATE = LocalDate.of(2026, 10, 31);
  private static final java.time.format.DateTimeFormatter TS = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private IngestBenchmark() {}

  public static void main(String[] args) throws IOException {
    if (args[0].equals("--generate")) {
      generate(Integer.parseInt(args[1]), Path.of(args[2]));
      return;
    }
    Path input = Path.of(args[0]);
    Path work = Path.of(args[1]);
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    // the session every GridLens job runs in (SparkSessions), 16 shuffle partitions as in the city runs
    SparkSession spark = SparkSessions.getOrCreate("ingest-bench", 16);
    Path conf = Path.of(System.getProperty("gridlens.conf", "conf/gridlens.yaml"));
    GridLensConfig cfg = GridLensConfig.load(conf, Map.of());

    double bestPlain = Double.MAX_VALUE;
    double bestIngest = Double.MAX_VALUE;
    long rows = 0;
    for (int r = 1; r <= rounds; r++) {
      deleteTree(work);
      long t0 = System.nanoTime();
      long plainRows = plain(spark, input, work.resolve("plain"), cfg.ingest());
      double plain = (System.nanoTime() - t0) / 1e9;

      GridLensConfig c = cfg.withPaths(new PathsConfig(input.toString(), work.resolve("wh").toString(),
          work.resolve("ex").toString()));
      t0 = System.nanoTime();
      StepResult res = new IngestStep().run(RunContext.of(spark, c, RUN_DATE));
      double ingest = (System.nanoTime() - t0) / 1e9;
      rows = res.inputRows().values().stream().mapToLong(Long::longValue).sum();
      System.out.printf(Locale.ROOT, "round %d: plain %.1f s (%d rows), ingest %.1f s (%d rows, %d rejected), ratio %.2f%n",
          r, plain, plainRows, ingest, rows, res.rejects(), ingest / plain);
      bestPlain = Math.min(bestPlain, plain);
      bestIngest = Math.min(bestIngest, ingest);
    }
    System.out.printf(Locale.ROOT, "RESULT rows=%d plain_s=%.1f plain_rows_per_s=%.0f ingest_s=%.1f ingest_rows_per_s=%.0f ratio=%.2f%n",
        rows, bestPlain, rows / bestPlain, bestIngest, rows / bestIngest, bestIngest / bestPlain);
    spark.stop();
  }

  /** The floor: Spark's CSV reader with an explicit all-string schema, straight to Parquet. */
  private static long plain(SparkSession spark, Path input, Path out, IngestConfig cfg) throws IOException {
    long n = 0;
    for (Extract e : Extract.values()) {
      Path dir = input.resolve(e.id());
      List<String> csv = new ArrayList<>();
      try (Stream<Path> s = Files.list(dir)) {
        s.map(Path::toString).filter(p -> p.endsWith(".csv") || p.endsWith(".csv.gz")).sorted().forEach(csv::add);
      }
      if (csv.isEmpty()) {
        continue;
      }
      String header;
      try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(
          csv.get(0).endsWith(".gz") ? new java.util.zip.GZIPInputStream(Files.newInputStream(Path.of(csv.get(0))))
              : Files.newInputStream(Path.of(csv.get(0))), cfg.source(e).charset()))) {
        header = in.readLine();
      }
      StructType schema = new StructType();
      for (String h : header.split(",", -1)) {
        schema = schema.add(h.replace("\uFEFF", ""), DataTypes.StringType);
      }
      spark.read().schema(schema).option("header", "true").option("encoding", cfg.source(e).encoding())
          .csv(csv.toArray(new String[0])).write().parquet(out.resolve(e.id()).toString());
      n += spark.read().parquet(out.resolve(e.id()).toString()).count();
    }
    return n;
  }

  /** A synthetic city in the contract's format (~1 % dirty rows), for when no generated city exists. */
  static void generate(int customers, Path root) throws IOException {
    SplittableRandom rnd = new SplittableRandom(42);
    int cells = Math.max(10, customers / 50);
    try (Writer w = writer(root.resolve("cells/cells.csv"), false)) {
      w.write("cell_id,lon,lat,site_id,technology\n");
      for (int i = 0; i < cells; i++) {
        w.write(String.format(Locale.ROOT, "K%06d,%.5f,%.5f,S%05d,%s%n", i, 116 + rnd.nextDouble(), 39.5 + rnd.nextDouble(),
            i / 3, i % 2 == 0 ? "4G" : "5G"));
      }
    }
    try (Writer w = writer(root.resolve("customers/part-00000.csv"), false)) {
      w.write("customer_id,msisdn,id_number,name,gender,birth_date,customer_type,industry,plan_id,plan_fee,join_date,"
          + "channel,status,close_date,address,lon,lat,grid_id\n");
      for (int i = 0; i < customers; i++) {
        String first17 = String.format(Locale.ROOT, "110105%04d%02d%02d%03d", 1950 + rnd.nextInt(55), 1 + rnd.nextInt(12),
            1 + rnd.nextInt(28), rnd.nextInt(1000));
        String id = rnd.nextInt(100) == 0 ? first17 + "0" : first17 + Formats.idCheckChar(first17);
        w.write(String.format(Locale.ROOT, "C%08d,1%d%09d,%s,姓名%d,%s,%s-%s-%s,individual,,P%d,%d.00,2020-01-15,shop,active,,"
                + "北京市朝阳区,%.5f,%.5f,G%03d-01%n",
            i, 3 + rnd.nextInt(7), rnd.nextInt(1_000_000_000), id, i, rnd.nextBoolean() ? "M" : "F", first17.substring(6, 10),
            first17.substring(10, 12), first17.substring(12, 14), rnd.nextInt(20), 18 + rnd.nextInt(200),
            116 + rnd.nextDouble(), 39.5 + rnd.nextDouble(), rnd.nextInt(200)));
      }
    }
    int files = 8;
    String[] types = {"local", "local", "local", "long_distance", "roaming"};
    LocalDateTime start = LocalDateTime.of(2026, 8, 1, 0, 0);
    for (int f = 0; f < files; f++) {
      try (Writer w = writer(root.resolve(String.format(Locale.ROOT, "cdr/part-%05d.csv.gz", f)), true)) {
        w.write("customer_id,direction,other_party,start_time,duration_s,cell_id,call_type,end_status,forwarded\n");
        for (int i = 0; i < customers * 20 / files; i++) {
          LocalDateTime t = start.plusSeconds(rnd.nextLong(92L * 86400));
          String dur = rnd.nextInt(200) == 0 ? "-1" : String.valueOf(rnd.nextInt(900));
          w.write(String.format(Locale.ROOT, "C%08d,%s,1%d%09d,%s,%s,K%06d,%s,%s,%s%n", rnd.nextInt(customers),
              rnd.nextBoolean() ? "MO" : "MT", 3 + rnd.nextInt(7), rnd.nextInt(1_000_000_000),
              TS.format(t),
              dur, rnd.nextInt(cells), types[rnd.nextInt(types.length)], rnd.nextInt(50) == 0 ? "dropped" : "normal",
              rnd.nextInt(30) == 0 ? "true" : "false"));
        }
      }
    }
    try (Writer w = writer(root.resolve("billing/part-00000.csv.gz"), true)) {
      w.write("customer_id,bill_month,total_fee,voice_fee,data_fee,sms_fee,vas_fee,due_date,paid_date,payment_method\n");
      for (int i = 0; i < customers; i++) {
        for (int m = 8; m <= 10; m++) {
          w.write(String.format(Locale.ROOT, "C%08d,2026-%02d,%d.50,10.00,20.00,1.50,%d.00,2026-%02d-15,,wechat%n", i, m,
              40 + rnd.nextInt(100), rnd.nextInt(9), m + 1));
        }
      }
    }
    try (Writer w = writer(root.resolve("complaints/part-00000.csv"), false)) {
      w.write("complaint_id,customer_id,opened_at,category,channel,resolved_at,satisfaction\n");
      for (int i = 0; i < customers / 10; i++) {
        w.write(String.format(Locale.ROOT, "P%08d,C%08d,2026-09-%02d 10:00:00,network,hotline,,%d%n", i, rnd.nextInt(customers),
            1 + rnd.nextInt(30), 1 + rnd.nextInt(5)));
      }
    }
    String[] services = {"sms", "data", "music", "video", "cloud"};
    try (Writer w = writer(root.resolve("vas/part-00000.csv.gz"), true)) {
      w.write("customer_id,usage_date,service,usage_count,volume_mb,fee\n");
      for (int i = 0; i < customers * 5; i++) {
        w.write(String.format(Locale.ROOT, "C%08d,2026-%02d-%02d,%s,%d,%.1f,%d.00%n", rnd.nextInt(customers), 8 + rnd.nextInt(3),
            1 + rnd.nextInt(30), services[rnd.nextInt(services.length)], rnd.nextInt(20), rnd.nextDouble() * 500, rnd.nextInt(10)));
      }
    }
  }

  private static Writer writer(Path p, boolean gzip) throws IOException {
    Files.createDirectories(p.getParent());
    var out = Files.newOutputStream(p);
    return new BufferedWriter(new OutputStreamWriter(gzip ? new GZIPOutputStream(out, 1 << 16) : out, StandardCharsets.UTF_8),
        1 << 16);
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
