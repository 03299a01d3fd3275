package org.gridlens.pipeline.features;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.gridlens.pipeline.GridLensException;
import org.gridlens.pipeline.SampleCity;
import org.gridlens.pipeline.SparkTestBase;
import org.gridlens.pipeline.config.GridLensConfig;
import org.gridlens.pipeline.run.Datasets;
import org.gridlens.pipeline.run.RunContext;
import org.gridlens.pipeline.run.StepName;
import org.gridlens.pipeline.schema.Billing;
import org.gridlens.pipeline.schema.Cdr;
import org.gridlens.pipeline.schema.Complaints;
import org.gridlens.pipeline.schema.CustomerView;
import org.gridlens.pipeline.schema.Customers;
import org.gridlens.pipeline.schema.Vas;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The view of the committed sample city: the planted archetypes (truth/customers.csv) differ on
 * the features that define them, in the expected direction. Runs the real ingest and assign
 * stages when they are built; otherwise reads the CSVs into the CLEAN schemas ({@link CleanCsv})
 * with a stand-in assignment.
 */
class SampleCityViewTest extends SparkTestBase {

  private static final List<String> FEATURES = List.of(
      CustomerView.DATA_VOLUME_MB, CustomerView.AGE_YEARS, CustomerView.MO_MINUTES, CustomerView.ROAMING_SHARE,
      CustomerView.COMPLAINTS, CustomerView.LATE_PAYMENTS, CustomerView.ARPU);

  private static Dataset<Row> view;
  private static Map<String, Map<String, Double>> means;
  private static long master;

  @BeforeAll
  static void build() {
    Assumptions.assumeTrue(Files.isDirectory(SampleCity.sampleData().resolve("input")),
        "sample-data/input has not landed yet");
    GridLensConfig cfg = SampleCity.config();
    try {
      RunContext ctx = SampleCity.runThrough(StepName.VIEW);
      view = ctx.warehouse().read(Datasets.CUSTOMER_VIEW, SampleCity.RUN_DATE);
      master = ctx.warehouse().read(Datasets.clean(org.gridlens.pipeline.schema.Extract.CUSTOMERS),
          SampleCity.RUN_DATE).count();
    } catch (GridLensException e) {
      if (!String.valueOf(e.getMessage()).contains("not built yet")) {
        throw e;
      }
      String in = cfg.paths().input();
      Dataset<Row> customers = CleanCsv.read(spark(), in + "/customers", Customers.CLEAN)
          .dropDuplicates(Customers.CUSTOMER_ID);
      master = customers.count();
      view = new CustomerViewBuilder(cfg.view(), cfg.operators(), cfg.geo().night(), SampleCity.RUN_DATE).apply(
          customers,
          CleanCsv.read(spark(), in + "/billing", Billing.CLEAN),
          CleanCsv.read(spark(), in + "/cdr", Cdr.CLEAN),
          CleanCsv.read(spark(), in + "/complaints", Complaints.CLEAN),
          CleanCsv.read(spark(), in + "/vas", Vas.CLEAN),
          SyntheticCity.assignment(customers)).cache();
    }
    List<Row> truth = new ArrayList<>();
    for (CSVRecord r : SampleCity.truth("customers.csv")) {
      truth.add(RowFactory.create(r.get("customer_id"), r.get("archetype")));
    }
    StructType ts = new StructType().add(CustomerView.CUSTOMER_ID, DataTypes.StringType)
        .add("archetype", DataTypes.StringType);
    List<Column> aggs = new ArrayList<>();
    for (String f : FEATURES) {
      aggs.add(avg(col(f).cast(DataTypes.DoubleType)).as(f));
    }
    means = new HashMap<>();
    for (Row r : view.join(spark().createDataFrame(truth, ts), CustomerView.CUSTOMER_ID)
        .groupBy(col("archetype")).agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0]))
        .collectAsList()) {
      Map<String, Double> m = new HashMap<>();
      for (String f : FEATURES) {
        m.put(f, r.isNullAt(r.fieldIndex(f)) ? Double.NaN : r.<Double>getAs(f));
      }
      means.put(r.getAs("archetype"), m);
    }
  }

  private static double mean(String archetype, String feature) {
    Map<String, Double> m = means.get(archetype);
    assertTrue(m != null, "archetype " + archetype + " missing from the sample city: " + means.keySet());
    return m.get(feature);
  }

  private static final List<String> ARCHETYPES = List.of("high_value_data", "voice_senior", "young_streamer",
      "price_sensitive", "business_traveller", "at_risk_complainer");

  private static void highest(String archetype, String feature) {
    for (String other : ARCHETYPES) {
      if (!other.equals(archetype) && means.containsKey(other)) {
        assertTrue(mean(archetype, feature) > mean(other, feature),
            archetype + " " + feature + " " + mean(archetype, feature) + " should exceed " + other + "'s "
                + mean(other, feature));
      }
    }
  }

  @Test
  void theColumnsWrittenWithoutADictionaryAreColumnsOfTheView() {
    // Parquet takes a per-column option for a column it does not have without a word
    List<String> columns = List.of(view.columns());
    for (String c : CustomerView.WITHOUT_DICTIONARY) {
      assertTrue(columns.contains(c), c + " is not a column of the view: " + columns);
    }
  }

  @Test
  void oneRowPerMasterCustomer() {
    assertEquals(master, view.count());
    assertEquals(master, view.select(CustomerView.CUSTOMER_ID).distinct().count());
  }

  @Test
  void youngStreamersUseMoreDataThanPriceSensitive() {
    assertTrue(mean("young_streamer", CustomerView.DATA_VOLUME_MB) > mean("price_sensitive", CustomerView.DATA_VOLUME_MB),
        means.toString());
  }

  @Test
  void voiceSeniorsAreOldestAndTalkMore() {
    highest("voice_senior", CustomerView.AGE_YEARS);
    assertTrue(mean("voice_senior", CustomerView.MO_MINUTES) > mean("young_streamer", CustomerView.MO_MINUTES));
    assertTrue(mean("voice_senior", CustomerView.MO_MINUTES) > mean("price_sensitive", CustomerView.MO_MINUTES));
  }

  @Test
  void businessTravellersRoamMost() {
    highest("business_traveller", CustomerView.ROAMING_SHARE);
  }

  @Test
  void atRiskComplainersComplainAndPayLateMost() {
    highest("at_risk_complainer", CustomerView.COMPLAINTS);
    highest("at_risk_complainer", CustomerView.LATE_PAYMENTS);
  }

  @Test
  void highValueDataHasTheHighestArpu() {
    highest("high_value_data", CustomerView.ARPU);
  }
}
