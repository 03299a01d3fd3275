package org.gridlens.pipeline.segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.gridlens.pipeline.schema.CustomerView;
import org.gridlens.pipeline.schema.Schemas;

/**
 * Synthetic customer-view rows with the six planted archetypes of the brief, for the default
 * segmentation features. Grids differ in their archetype mix and in their price/usage level (a
 * grid factor of 0.6–1.6 on money and volumes), so per-grid scaling matters. Seeded.
 */
final class PlantedCustomers {

  static final String[] ARCHETYPES = {
    "high_value_data", "voice_senior", "young_streamer", "price_sensitive", "business_traveller",
    "at_risk_complainer"
  };

  // arpu, data_mb, mo_minutes, age, roaming_share, distinct_cells, complaints, late, video, music
  private static final double[][] MEANS = {
    {220, 30000, 300, 35, 0.02, 40, 0.1, 0.1, 20, 10},
    {90, 800, 900, 68, 0.01, 15, 0.2, 0.1, 0.5, 1},
    {80, 20000, 100, 22, 0.01, 30, 0.2, 0.3, 60, 30},
    {25, 1500, 80, 45, 0.005, 12, 0.1, 0.3, 1, 1},
    {180, 8000, 600, 42, 0.35, 120, 0.2, 0.1, 3, 2},
    {70, 3000, 200, 40, 0.02, 20, 4, 3, 3, 2},
  };

  static final StructType SCHEMA =
      Schemas.struct(
          field(CustomerView.CUSTOMER_ID, DataTypes.StringType),
          field(CustomerView.GRID_ID, DataTypes.StringType),
          field(CustomerView.MAIN_GRID_ID, DataTypes.StringType),
          field(CustomerView.ARPU, Schemas.MONEY),
          field(CustomerView.DATA_VOLUME_MB, DataTypes.DoubleType),
          field(CustomerView.MO_MINUTES, DataTypes.DoubleType),
          field(CustomerView.AGE_YEARS, DataTypes.IntegerType),
          field(CustomerView.ROAMING_SHARE, DataTypes.DoubleType),
          field(CustomerView.DISTINCT_CELLS, DataTypes.LongType),
          field(CustomerView.COMPLAINTS, DataTypes.LongType),
          field(CustomerView.LATE_PAYMENTS, DataTypes.LongType),
          field(CustomerView.vasUsage("video"), DataTypes.LongType),
          field(CustomerView.vasUsage("music"), DataTypes.LongType),
          field("truth", DataTypes.IntegerType));

  private static StructField field(String n, org.apache.spark.sql.types.DataType t) {
    return Schemas.field(n, t, true);
  }

  /** Plain values of one customer (NaN = null) and its archetype. */
  record Customer(String id, String grid, String main, double[] x, int archetype) {}

  /** {@code n} customers of one grid; ids are {@code <grid>-C<nnnnn>}. */
  static List<Customer> grid(String grid, String main, int n, long seed) {
    Random rnd = new Random(seed ^ grid.hashCode());
    double level = 0.6 + rnd.nextDouble();
    double[] mix = new double[MEANS.length];
    double tot = 0;
    for (int a = 0; a < mix.length; a++) {
      mix[a] = 0.5 + rnd.nextDouble();
      tot += mix[a];
    }
    List<Customer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double u = rnd.nextDouble() * tot;
      int a = 0;
      while (a < mix.length - 1 && u > mix[a]) {
        u -= mix[a];
        a++;
      }
      double[] m = MEANS[a];
      double[] x = new double[m.length];
      x[0] = round2(m[0] * level * logn(rnd, 0.25));
      x[1] = Math.round(m[1] * level * logn(rnd, 0.4));
      x[2] = Math.round(m[2] * logn(rnd, 0.35));
      x[3] = rnd.nextDouble() < 0.05 ? Double.NaN : Math.max(16, Math.round(m[3] + 5 * rnd.nextGaussian()));
      x[4] = Math.min(1, m[4] * logn(rnd, 0.4));
      x[5] = Math.max(1, Math.round(m[5] * logn(rnd, 0.35)));
      x[6] = poisson(rnd, m[6]);
      x[7] = poisson(rnd, m[7]);
      x[8] = poisson(rnd, m[8]);
      x[9] = poisson(rnd, m[9]);
      out.add(new Customer(String.format("%s-C%05d", grid, i), grid, main, x, a));
    }
    return out;
  }

  static Row toRow(Customer c) {
    double[] x = c.x();
    return RowFactory.create(
        c.id(), c.grid(), c.main(), new java.math.BigDecimal(String.format(java.util.Locale.ROOT, "%.2f", x[0])),
        x[1], x[2], Double.isNaN(x[3]) ? null : (int) x[3], x[4], (long) x[5], (long) x[6], (long) x[7],
        (long) x[8], (long) x[9], c.archetype());
  }

  private static double logn(Random r, double sigma) {
    return Math.exp(sigma * r.nextGaussian() - sigma * sigma / 2);
  }

  private static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static int poisson(Random r, double mean) {
    double l = Math.exp(-mean);
    if (mean > 30) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * r.nextGaussian()));
    }
    int k = 0;
    double p = 1;
    do {
      k++;
      p *= r.nextDouble();
    } while (p > l);
    return k - 1;
  }

  private PlantedCustomers() {}
}
