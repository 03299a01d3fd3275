package org.gridlens.pipeline.score;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.gridlens.pipeline.run.Datasets;
import org.gridlens.pipeline.run.Warehouse;
import org.gridlens.pipeline.schema.Cdr;
import org.gridlens.pipeline.schema.CellAssignment;
import org.gridlens.pipeline.schema.CustomerView;
import org.gridlens.pipeline.schema.Extract;
import org.gridlens.pipeline.schema.GridTable;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.WKBWriter;

/**
 * A tiny city with planted competitor strength per leaf grid, published as the inputs of score
 * and uplift (grids, cell_assignment, clean/cdr, customer_view). The effects mirror the sample
 * generator's: strong competitors lower penetration, plans, on-net share and raise churn,
 * complaints and dropped calls; VAS adoption follows a latent "youth" trait visible in data use.
 */
public final class SyntheticCity {

  /** Main grids G001 (4 subs), G002 (4 subs, one without households), G003 (no subs). */
  public static final Map<String, Double> STRENGTH = strengths();
  public static final int CUSTOMERS_PER_LEAF = 150;
  private static final int[] PLAN_FEES = {8, 18, 38, 58, 88, 128, 188, 288};
  private static final String[] VAS = {"music", "video", "cloud", "game"};

  private SyntheticCity() {}

  private static Map<String, Double> strengths() {
    Map<String, Double> s = new LinkedHashMap<>();
    s.put("G001-01", 0.05);
    s.put("G001-02", 0.3);
    s.put("G001-03", 0.55);
    s.put("G001-04", 0.9);
    s.put("G002-01", 0.15);
    s.put("G002-02", 0.4);
    s.put("G002-03", 0.7);
    s.put("G002-04", 0.95);
    s.put("G003", 0.5);
    return s;
  }

  static String main(String leaf) {
    return leaf.substring(0, 4);
  }

  /** Competitor strength of a main grid: the mean of its leaves. */
  public static double strengthOf(String grid) {
    if (STRENGTH.containsKey(grid) && !grid.equals("G001") && !grid.equals("G002")) {
      return STRENGTH.get(grid);
    }
    return STRENGTH.entrySet().stream().filter(e -> main(e.getKey()).equals(grid))
        .mapToDouble(Map.Entry::getValue).average().orElseThrow();
  }

  public static void publish(SparkSession spark, Warehouse w, LocalDate date) {
    w.publish(grids(spark), Datasets.GRIDS, date);
    w.publish(cells(spark), Datasets.CELL_ASSIGNMENT, date);
    w.publish(cdr(spark), Datasets.clean(Extract.CDR), date);
    w.publish(customerView(spark), Datasets.CUSTOMER_VIEW, date);
  }

  static Dataset<Row> grids(SparkSession spark) {
    GeometryFactory gf = new GeometryFactory();
    WKBWriter wkb = new WKBWriter();
    List<Row> rows = new ArrayList<>();
    int i = 0;
    for (String id : List.of("G001", "G002", "G003", "G001-01", "G001-02", "G001-03", "G001-04",
        "G002-01", "G002-02", "G002-03", "G002-04")) {
      boolean sub = id.length() > 4;
      double x = 120 + 0.01 * i++;
      byte[] poly = wkb.write(gf.createPolygon(new Coordinate[] {
          new Coordinate(x, 30), new Coordinate(x + 0.01, 30), new Coordinate(x + 0.01, 30.01),
          new Coordinate(x, 30.01), new Coordinate(x, 30)}));
      Long households = id.equals("G002-03") || id.equals("G001") ? null
          : id.equals("G002") ? 1500L : id.equals("G003") ? 260L
          : Math.round(CUSTOMERS_PER_LEAF / (0.62 - 0.45 * STRENGTH.get(id)));
      boolean leaf = sub || id.equals("G003");
      rows.add(RowFactory.create(id, "网格" + id, sub ? main(id) : null, sub ? GridTable.LEVEL_SUB : GridTable.LEVEL_MAIN,
          "mgr-" + id, "residential", households, 1.0, x + 0.005, 30.005, leaf, poly));
    }
    return spark.createDataFrame(rows, GridTable.SCHEMA);
  }

  static Dataset<Row> cells(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (String leaf : STRENGTH.keySet()) {
      for (int c = 0; c < 2; c++) {
        rows.add(RowFactory.create(leaf + "-C" + c, leaf, main(leaf)));
      }
    }
    rows.add(RowFactory.create("OUTSIDE", null, null));
    return spark.createDataFrame(rows, CellAssignment.SCHEMA);
  }

  /** Dropped calls per cell: 2 + round(20 × strength) out of 100. */
  public static long droppedOnCell(String leaf) {
    return 2 + Math.round(20 * STRENGTH.get(leaf));
  }

  static Dataset<Row> cdr(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    LocalDateTime t = LocalDateTime.of(2026, 10, 1, 10, 0);
    for (String leaf : STRENGTH.keySet()) {
      for (int c = 0; c < 2; c++) {
        for (int k = 0; k < 100; k++) {
          String status = k < droppedOnCell(leaf) ? "dropped" : "normal";
          rows.add(RowFactory.create("C0001", "MO", "13800000000", t, 60, leaf + "-C" + c, "local", status, false));
        }
      }
    }
    for (int k = 0; k < 50; k++) {
      rows.add(RowFactory.create("C0001", "MO", "13800000000", t, 60, "OUTSIDE", "local", "dropped", false));
    }
    return spark.createDataFrame(rows, Cdr.CLEAN);
  }

  /** The customer-view columns score and uplift read. */
  static StructType viewSchema() {
    List<StructField> f = new ArrayList<>();
    for (String s : List.of(CustomerView.CUSTOMER_ID, CustomerView.GRID_ID, CustomerView.MAIN_GRID_ID,
        CustomerView.STATUS, CustomerView.CUSTOMER_TYPE)) {
      f.add(DataTypes.createStructField(s, DataTypes.StringType, s.endsWith("grid_id")));
    }
    f.add(DataTypes.createStructField(CustomerView.IS_NEW, DataTypes.BooleanType, false));
    f.add(DataTypes.createStructField(CustomerView.IS_CHURNED, DataTypes.BooleanType, false));
    f.add(DataTypes.createStructField(CustomerView.PLAN_FEE, DataTypes.createDecimalType(12, 2), false));
    for (String s : doubles()) {
      f.add(DataTypes.createStructField(s, DataTypes.DoubleType, true));
    }
    for (String s : ints()) {
      f.add(DataTypes.createStructField(s, DataTypes.IntegerType, true));
    }
    return DataTypes.createStructType(f);
  }

  private static List<String> doubles() {
    List<String> d = new ArrayList<>(List.of(CustomerView.ARPU, CustomerView.FEE_TREND, CustomerView.REVENUE,
        CustomerView.VAS_FEE_TOTAL, CustomerView.ONNET_CONTACT_SHARE, CustomerView.MEAN_RESOLUTION_HOURS,
        CustomerView.MEAN_SATISFACTION, CustomerView.DATA_FEE_SHARE, CustomerView.VOICE_FEE_SHARE,
        CustomerView.MO_MINUTES, CustomerView.MT_MINUTES, CustomerView.OFFPEAK_SHARE, CustomerView.ROAMING_SHARE,
        CustomerView.LONG_DISTANCE_SHARE, CustomerView.DATA_VOLUME_MB, CustomerView.LAST_MONTH_FEE,
        CustomerView.VAS_FEE_SHARE));
    for (String c : List.of("cu", "ct", "cbn")) {
      d.add(CustomerView.contactShare(c));
    }
    for (String v : VAS) {
      d.add(CustomerView.vasFee(v));
    }
    return d;
  }

  private static List<String> ints() {
    List<String> i = new ArrayList<>(List.of(CustomerView.AGE_YEARS, CustomerView.TENURE_MONTHS,
        CustomerView.DISTINCT_CONTACTS, CustomerView.COMPLAINTS, CustomerView.VAS_SERVICES_USED,
        CustomerView.ACTIVE_DAYS, CustomerView.SMS_COUNT, CustomerView.LATE_PAYMENTS));
    for (String v : VAS) {
      i.add(CustomerView.vasUsage(v));
    }
    return i;
  }

  static Dataset<Row> customerView(SparkSession spark) {
    StructType schema = viewSchema();
    List<Row> rows = new ArrayList<>();
    int n = 0;
    for (Map.Entry<String, Double> leaf : STRENGTH.entrySet()) {
      double cs = leaf.getValue();
      for (int k = 0; k < CUSTOMERS_PER_LEAF; k++) {
        SplittableRandom r = new SplittableRandom(1000L + n);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put(CustomerView.CUSTOMER_ID, String.format("C%05d", n++));
        v.put(CustomerView.GRID_ID, leaf.getKey());
        v.put(CustomerView.MAIN_GRID_ID, main(leaf.getKey()));
        boolean churned = r.nextDouble() < 0.03 + 0.2 * cs;
        boolean suspended = !churned && r.nextDouble() < 0.02;
        v.put(CustomerView.STATUS, churned ? "closed" : suspended ? "suspended" : "active");
        v.put(CustomerView.CUSTOMER_TYPE, r.nextDouble() < 0.9 ? "individual" : "enterprise");
        v.put(CustomerView.IS_NEW, r.nextDouble() < 0.14 - 0.1 * cs);
        v.put(CustomerView.IS_CHURNED, churned);
        int age = 16 + r.nextInt(60);
        double youth = (35 - age) / 20.0 + 0.5 * r.nextGaussian();
        int tier = (int) Math.max(0, Math.min(7, Math.floor(3.5 + 1.2 * r.nextGaussian() - 1.5 * cs)));
        double plan = PLAN_FEES[tier];
        v.put(CustomerView.PLAN_FEE, new java.math.BigDecimal(plan).setScale(2));
        v.put(CustomerView.AGE_YEARS, age);
        v.put(CustomerView.TENURE_MONTHS, r.nextInt(120));
        double vasTotal = 0;
        int used = 0;
        double[] logits = {-1 + 1.2 * youth, -0.5 + 1.8 * youth + 0.2 * (tier - 3), -1 + 0.5 * (tier - 3), -1.5 + 2.2 * youth};
        double[] price = {10, 15, 8, 20};
        for (int s = 0; s < 4; s++) {
          boolean adopts = r.nextDouble() < 1 / (1 + Math.exp(-logits[s]));
          v.put(CustomerView.vasUsage(VAS[s]), adopts ? 1 + r.nextInt(30) : 0);
          v.put(CustomerView.vasFee(VAS[s]), adopts ? price[s] * 3 : 0.0);
          vasTotal += adopts ? price[s] * 3 : 0;
          used += adopts ? 1 : 0;
        }
        double arpu = plan * (0.9 + 0.3 * r.nextDouble()) + vasTotal / 3;
        v.put(CustomerView.ARPU, arpu);
        v.put(CustomerView.LAST_MONTH_FEE, arpu);
        v.put(CustomerView.FEE_TREND, -0.1 * cs + 0.05 * r.nextGaussian());
        v.put(CustomerView.REVENUE, arpu * 3);
        v.put(CustomerView.VAS_FEE_TOTAL, vasTotal);
        v.put(CustomerView.VAS_FEE_SHARE, vasTotal / (arpu * 3));
        v.put(CustomerView.VAS_SERVICES_USED, used);
        int contacts = 5 + r.nextInt(50);
        double comp = Math.max(0.01, Math.min(0.95, 0.12 + 0.6 * cs + 0.08 * r.nextGaussian()));
        v.put(CustomerView.DISTINCT_CONTACTS, contacts);
        v.put(CustomerView.ONNET_CONTACT_SHARE, Math.max(0, 0.97 - comp));
        v.put(CustomerView.contactShare("cu"), comp * 0.5);
        v.put(CustomerView.contactShare("ct"), comp * 0.4);
        v.put(CustomerView.contactShare("cbn"), comp * 0.1);
        int complaints = r.nextDouble() < 0.1 + 0.3 * cs ? 1 + r.nextInt(2) : 0;
        v.put(CustomerView.COMPLAINTS, complaints);
        v.put(CustomerView.MEAN_RESOLUTION_HOURS, complaints > 0 ? 10 + 40 * cs * r.nextDouble() : null);
        v.put(CustomerView.MEAN_SATISFACTION, complaints > 0 ? 4.5 - 2 * cs * r.nextDouble() : null);
        v.put(CustomerView.DATA_VOLUME_MB, Math.exp(7 + 0.8 * youth + 0.5 * r.nextGaussian()));
        v.put(CustomerView.DATA_FEE_SHARE, 0.3 + 0.2 * r.nextDouble());
        v.put(CustomerView.VOICE_FEE_SHARE, 0.3 + 0.2 * r.nextDouble());
        v.put(CustomerView.MO_MINUTES, 100 + 300 * r.nextDouble());
        v.put(CustomerView.MT_MINUTES, 100 + 300 * r.nextDouble());
        v.put(CustomerView.OFFPEAK_SHARE, r.nextDouble());
        v.put(CustomerView.ROAMING_SHARE, 0.1 * r.nextDouble());
        v.put(CustomerView.LONG_DISTANCE_SHARE, 0.2 * r.nextDouble());
        v.put(CustomerView.ACTIVE_DAYS, 30 + r.nextInt(60));
        v.put(CustomerView.SMS_COUNT, r.nextInt(100));
        v.put(CustomerView.LATE_PAYMENTS, r.nextInt(10) == 0 ? 2 : 0);
        Object[] values = new Object[schema.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = v.get(schema.fields()[i].name());
        }
        rows.add(RowFactory.create(values));
      }
    }
    return spark.createDataFrame(rows, schema);
  }

  /** Spearman rank correlation (ties get average ranks). */
  public static double spearman(double[] a, double[] b) {
    double[] ra = org.gridlens.pipeline.score.Normalisation.PERCENTILE_RANK.apply(a);
    double[] rb = org.gridlens.pipeline.score.Normalisation.PERCENTILE_RANK.apply(b);
    double ma = java.util.Arrays.stream(ra).average().orElseThrow();
    double mb = java.util.Arrays.stream(rb).average().orElseThrow();
    double num = 0;
    double da = 0;
    double db = 0;
    for (int i = 0; i < a.length; i++) {
      num += (ra[i] - ma) * (rb[i] - mb);
      da += (ra[i] - ma) * (ra[i] - ma);
      db += (rb[i] - mb) * (rb[i] - mb);
    }
    return num / Math.sqrt(da * db);
  }

}
