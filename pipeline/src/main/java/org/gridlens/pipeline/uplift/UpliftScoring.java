package org.gridlens.pipeline.uplift;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.gridlens.pipeline.StableLayout;
import org.gridlens.pipeline.schema.CustomerView;
import org.gridlens.pipeline.schema.UpliftScores;

/**
 * The Spark side of {@code uplift}: eligibility per offer as column expressions, the bounded
 * deterministic training sample, and one pass over all customers that scores every offer with
 * the broadcast models.
 */
public final class UpliftScoring {

  /** Label column of a training sample (1 = adopter). */
  public static final String LABEL = "_label";
  /** True for the held-out rows of a training sample. */
  public static final String TEST = "_test";
  private static final long HASH_BUCKETS = 1_000_000L;

  private final UpliftConfig config;

  public UpliftScoring(UpliftConfig config) {
    this.config = config;
  }

  /** Model inputs of one offer: the configured features minus those that define its adoption. */
  public List<String> featuresOf(Offer offer) {
    List<String> f = new ArrayList<>(config.features());
    f.removeAll(offer.excludedFeatures());
    return f;
  }

  /** Every customer-view column the stage reads. */
  public List<String> viewColumns() {
    Set<String> c = new LinkedHashSet<>(List.of(
        CustomerView.CUSTOMER_ID, CustomerView.GRID_ID, CustomerView.MAIN_GRID_ID));
    c.addAll(config.features());
    for (Offer o : config.offers()) {
      c.addAll(o.ruleFeatures());
    }
    return new ArrayList<>(c);
  }

  static String reasonColumn(Offer o) {
    return "_reason_" + o.id();
  }

  /** The customer view with each offer's ineligibility reason (null = eligible). */
  public Dataset<Row> prepare(Dataset<Row> view) {
    List<Column> cols = new ArrayList<>();
    for (String c : viewColumns()) {
      cols.add(col(c));
    }
    for (Offer o : config.offers()) {
      cols.add(o.ineligibleReason().as(reasonColumn(o)));
    }
    return view.select(cols.toArray(new Column[0]));
  }

  /**
   * Customers the offer's model learns from: eligible non-adopters (label 0) and adopters that
   * pass the rules not about the adoption feature (label 1).
   */
  public static Column inPopulation(Offer o) {
    return col(reasonColumn(o)).isNull().or(o.trainingAdopter());
  }

  public Dataset<Row> population(Dataset<Row> prepared, Offer o) {
    return prepared.filter(inPopulation(o));
  }

  /**
   * A deterministic sample of about {@code max_training_rows} of the population (hash of
   * customer id and offer id against a threshold), with label and held-out flag (a second hash
   * of the customer id, the same split for every run). Small enough to collect to the driver.
   */
  public Dataset<Row> trainingSample(Dataset<Row> prepared, Offer o, long populationSize) {
    Dataset<Row> pop = population(prepared, o);
    if (populationSize > config.maxTrainingRows()) {
      long keep = (long) Math.floor((double) config.maxTrainingRows() / populationSize * HASH_BUCKETS);
      pop = pop.filter(pmod(xxhash64(col(CustomerView.CUSTOMER_ID), lit(o.id()), lit(config.seed())),
          lit(HASH_BUCKETS)).lt(keep));
    }
    List<Column> cols = new ArrayList<>();
    cols.add(col(CustomerView.CUSTOMER_ID));
    for (String f : featuresOf(o)) {
      cols.add(col(f).cast("double").as(f));
    }
    cols.add(org.apache.spark.sql.functions.when(col(reasonColumn(o)).isNull(), 0).otherwise(1).as(LABEL));
    cols.add(pmod(xxhash64(col(CustomerView.CUSTOMER_ID), lit(config.seed())), lit(100L))
        .lt(config.testPercent()).as(TEST));
    // no sort here (a shuffle): the driver sorts the small collected sample by customer id
    return pop.select(cols.toArray(new Column[0]));
  }

  /**
   * One row per customer × offer ({@link UpliftScores#SCHEMA}) in {@code partitions} parts by a
   * hash of customer_id, each sorted by customer_id, offer_id. (A global sort would take its
   * range bounds from a sample of the input partitions, whose number follows the core count.)
   */
  public Dataset<Row> score(Dataset<Row> prepared, Broadcast<List<PropensityModel>> models, int partitions) {
    OfferScorer scorer = new OfferScorer(config.offers(), models, prepared.columns(), config.reasons());
    return StableLayout.byKey(prepared.flatMap(scorer, Encoders.row(UpliftScores.SCHEMA)), partitions,
        UpliftScores.CUSTOMER_ID, UpliftScores.OFFER_ID);
  }

  /** Scores one customer for every offer; runs on the executors. */
  static final class OfferScorer implements FlatMapFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final List<Offer> offers;
    private final Broadcast<List<PropensityModel>> models;
    private final int[][] featureIndex;
    private final int[] reasonIndex;
    private final int id;
    private final int grid;
    private final int main;
    private final int reasons;

    OfferScorer(List<Offer> offers, Broadcast<List<PropensityModel>> models, String[] columns, int reasons) {
      this.offers = offers;
      this.models = models;
      this.reasons = reasons;
      List<String> cols = List.of(columns);
      List<PropensityModel> ms = models.value();
      featureIndex = new int[offers.size()][];
      reasonIndex = new int[offers.size()];
      for (int o = 0; o < offers.size(); o++) {
        List<String> f = ms.get(o).features();
        featureIndex[o] = f.stream().mapToInt(cols::indexOf).toArray();
        reasonIndex[o] = cols.indexOf(reasonColumn(offers.get(o)));
      }
      id = cols.indexOf(CustomerView.CUSTOMER_ID);
      grid = cols.indexOf(CustomerView.GRID_ID);
      main = cols.indexOf(CustomerView.MAIN_GRID_ID);
    }

    @Override
    public Iterator<Row> call(Row r) {
      List<Row> out = new ArrayList<>(offers.size());
      List<PropensityModel> ms = models.value();
      for (int o = 0; o < offers.size(); o++) {
        Offer offer = offers.get(o);
        String reason = r.getString(reasonIndex[o]);
        if (reason != null) {
          out.add(RowFactory.create(r.getString(id), r.getString(grid), r.getString(main), offer.id(),
              false, reason, null, null, null, null));
          continue;
        }
        PropensityModel m = ms.get(o);
        double[] x = new double[featureIndex[o].length];
        for (int i = 0; i < x.length; i++) {
          int c = featureIndex[o][i];
          x[i] = r.isNullAt(c) ? Double.NaN : ((Number) r.get(c)).doubleValue();
        }
        double p = m.probability(x);
        List<String> en = new ArrayList<>();
        List<String> zh = new ArrayList<>();
        for (PropensityModel.Push push : m.topPushes(x, reasons)) {
          en.add(FeatureWords.english(push.feature(), push.z()));
          zh.add(FeatureWords.chinese(push.feature(), push.z()));
        }
        out.add(RowFactory.create(r.getString(id), r.getString(grid), r.getString(main), offer.id(),
            true, null, round(p), round(p * offer.priceIncrement()),
            en.isEmpty() ? null : String.join("; ", en), zh.isEmpty() ? null : String.join("；", zh)));
      }
      return out.iterator();
    }
  }

  /** Rounded to 1e-6 so platform differences in the last bits do not change the output bytes. */
  static double round(double x) {
    return Math.round(x * 1e6) / 1e6;
  }
}
