package org.gridlens.pipeline.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.plans.logical.Join;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.gridlens.pipeline.GridLensException;
import org.gridlens.pipeline.SampleCity;
import org.gridlens.pipeline.SparkTestBase;
import org.gridlens.pipeline.StableLayout;
import org.gridlens.pipeline.config.GridLensConfig;
import org.gridlens.pipeline.run.SparkSessions;
import org.gridlens.pipeline.schema.Billing;
import org.gridlens.pipeline.schema.Cdr;
import org.gridlens.pipeline.schema.Complaints;
import org.gridlens.pipeline.schema.CustomerView;
import org.gridlens.pipeline.schema.Customers;
import org.gridlens.pipeline.schema.GridAssignment;
import org.gridlens.pipeline.schema.Schemas;
import org.gridlens.pipeline.schema.Vas;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

/** The customer view against the hand-computed {@link ViewFixture}, feature by feature. */
class CustomerViewBuilderTest extends SparkTestBase {

  private static List<Row> rows;
  private static Dataset<Row> view;

  private static Dataset<Row> df(List<Row> data, StructType schema) {
    return spark().createDataFrame(data, schema);
  }

  private static Dataset<Row> build(int cdrPartitions) {
    CustomerViewBuilder b = new CustomerViewBuilder(ViewConfig.defaults(), ViewFixture.OPS, ViewFixture.NIGHT, ViewFixture.RUN);
    return b.apply(
        df(ViewFixture.customers(), Customers.CLEAN),
        df(ViewFixture.billing(), Billing.CLEAN),
        df(ViewFixture.cdr(), Cdr.CLEAN).repartition(cdrPartitions),
        df(ViewFixture.complaints(), Complaints.CLEAN),
        df(ViewFixture.vas(), Vas.CLEAN),
        df(ViewFixture.assignment(), GridAssignment.SCHEMA));
  }

  @BeforeAll
  static void run() {
    view = build(1);
    rows = view.collectAsList();
  }

  @Test
  void everyMasterCustomerExactlyOnceSortedGhostsDropped() {
    List<String> ids = rows.stream().map(r -> r.<String>getAs(CustomerView.CUSTOMER_ID)).sorted().toList();
    assertEquals(List.of("C001", "C002", "C003", "C004", "C005"), ids);
    // hash partitions by customer_id (StableLayout), each sorted
    List<List<Row>> parts = view.javaRDD().glom().collect();
    assertEquals(Integer.parseInt(view.sparkSession().conf().get("spark.sql.shuffle.partitions")), parts.size());
    for (List<Row> part : parts) {
      List<String> in = part.stream().map(r -> r.<String>getAs(CustomerView.CUSTOMER_ID)).toList();
      assertEquals(in.stream().sorted().toList(), in);
    }
  }

  @Test
  void fixtureCoversEveryOutputColumn() {
    List<String> cols = Arrays.asList(view.columns());
    assertEquals(cols.size(), new LinkedHashSet<>(cols).size(), "duplicate output column");
    for (Map.Entry<String, Map<String, Object>> e : ViewFixture.expected().entrySet()) {
      assertEquals(new LinkedHashSet<>(cols), e.getValue().keySet(), "expected columns of " + e.getKey());
    }
  }

  @Test
  void everyFeatureMatchesTheHandComputedValue() {
    Map<String, Map<String, Object>> expected = ViewFixture.expected();
    List<String> wrong = new ArrayList<>();
    for (Row r : rows) {
      String id = r.getAs(CustomerView.CUSTOMER_ID);
      for (Map.Entry<String, Object> e : expected.get(id).entrySet()) {
        Object actual = normalise(r.get(r.fieldIndex(e.getKey())));
        if (!same(e.getValue(), actual)) {
          wrong.add(id + "." + e.getKey() + ": expected " + e.getValue() + ", got " + actual);
        }
      }
    }
    if (!wrong.isEmpty()) {
      fail(wrong.size() + " wrong values:\n" + String.join("\n", wrong));
    }
  }

  @Test
  void columnTypesFollowTheDictionary() {
    StructType s = view.schema();
    assertEquals(DataTypes.DoubleType, s.apply(CustomerView.ARPU).dataType());
    assertEquals(Schemas.MONEY, s.apply(CustomerView.REVENUE).dataType());
    assertEquals(Schemas.MONEY, s.apply(CustomerView.vasFee("game")).dataType());
    assertEquals(DataTypes.LongType, s.apply(CustomerView.MO_CALLS).dataType());
    assertEquals(DataTypes.IntegerType, s.apply(CustomerView.TENURE_MONTHS).dataType());
    assertEquals(DataTypes.BooleanType, s.apply(CustomerView.IS_SILENT).dataType());
    assertEquals(DataTypes.DateType, s.apply(CustomerView.JOIN_DATE).dataType());
  }

  @Test
  void buildingTheViewRunsNoSparkJob() throws Exception {
    // a stage's apply only plans: the calls' shuffle must wait until the view is written
    String group = "view-build-" + System.nanoTime();
    SparkContext sc = spark().sparkContext();
    sc.setJobGroup(group, "building the view", false);
    try {
      build(2);
      // the session's setting is back after the calls' plan was made without it
      assertEquals("true", spark().conf().get(SparkSessions.ADAPTIVE_EXECUTION));
    } finally {
      sc.clearJobGroup();
    }
    sc.listenerBus().waitUntilEmpty();
    assertEquals(0, sc.statusTracker().getJobIdsForGroup(group).length, "jobs run while building the view");
  }

  @Test
  void sameRowsWhetherOrNotWholeStageCodegenIsCappedAtHotSpotsLimit() {
    // GridLens sessions (and this test's) cap whole-stage codegen at HotSpot's limit, so a
    // subtree whose generated method the JIT would never compile runs operator by operator
    // (SparkSessions.HUGE_METHOD_LIMIT). The view's last sort-merge join and its ~85 output
    // columns were past it (9,129 bytes); with hashed joins its widest method is under it (7,573 bytes
    // in this plan): either way the rows must be the same.
    RuntimeConfig conf = spark().conf();
    assertEquals(SparkSessions.HOTSPOT_HUGE_METHOD_BYTES, conf.get(SparkSessions.HUGE_METHOD_LIMIT));
    conf.set(SparkSessions.HUGE_METHOD_LIMIT, "65535"); // Spark's default: the whole stage as one method
    try {
      assertEquals(rows, build(1).collectAsList());
    } finally {
      conf.set(SparkSessions.HUGE_METHOD_LIMIT, SparkSessions.HOTSPOT_HUGE_METHOD_BYTES);
    }
  }

  @Test
  void sourcesAreJoinedByHashingThemWithOneSortAtTheEnd() {
    String plan = build(1).queryExecution().executedPlan().toString();
    assertEquals(5, count(plan, "ShuffledHashJoin"), "the master's five left joins:\n" + plan);
    assertEquals(0, count(plan, "SortMergeJoin"), plan);
    assertEquals(1, count(plan, "Sort ["), "only the layout's sort:\n" + plan);
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void sameRowsWhateverTheInputPartitioning() {
    assertEquals(rows, build(3).collectAsList());
  }

  @Test
  void callsClusteredByCustomerAreSummedUpFileByFileWithoutAShuffle(@TempDir Path dir) throws Exception {
    // the layout ingest writes: hash partitions of customer_id, one file each, sorted
    String path = dir.resolve("cdr").toString();
    StableLayout.byKey(df(ViewFixture.cdr(), Cdr.CLEAN), 3, Cdr.CUSTOMER_ID, Cdr.START_TIME).write().parquet(path);
    long files;
    try (Stream<Path> list = Files.list(dir.resolve("cdr"))) {
      files = list.filter(p -> p.getFileName().toString().endsWith(".parquet")).count();
    }
    String split = "spark.sql.files.maxPartitionBytes";
    String before = spark().conf().get(split);
    spark().conf().set(split, "512"); // far below a file's size: Spark would cut each file into several tasks
    try {
      Dataset<Row> cdr = spark().read().parquet(path);
      assertTrue(cdr.javaRDD().getNumPartitions() > files, "the files are split when read as usual");
      ViewConfig cfg = ViewConfig.defaults();
      ViewWindows w = ViewWindows.of(ViewFixture.RUN, cfg);
      Dataset<Row> clustered = CallFeatures.aggregate(cdr, w, cfg, ViewFixture.OPS, ViewFixture.NIGHT, true);
      assertEquals(files, clustered.javaRDD().getNumPartitions(), "one task per whole file");
      assertFalse(shuffles(clustered.rdd()));
      assertEquals("512", spark().conf().get(split), "the session's setting is back");
      Dataset<Row> shuffled = CallFeatures.aggregate(cdr, w, cfg, ViewFixture.OPS, ViewFixture.NIGHT, false);
      assertTrue(shuffles(shuffled.rdd()));
      assertEquals(shuffled.orderBy(CustomerView.CUSTOMER_ID).collectAsList(),
          clustered.orderBy(CustomerView.CUSTOMER_ID).collectAsList());

      CustomerViewBuilder b = new CustomerViewBuilder(cfg, ViewFixture.OPS, ViewFixture.NIGHT, ViewFixture.RUN)
          .withCallsClusteredByCustomer(true);
      Dataset<Row> v = b.apply(
          df(ViewFixture.customers(), Customers.CLEAN),
          df(ViewFixture.billing(), Billing.CLEAN),
          cdr,
          df(ViewFixture.complaints(), Complaints.CLEAN),
          df(ViewFixture.vas(), Vas.CLEAN),
          df(ViewFixture.assignment(), GridAssignment.SCHEMA));
      assertEquals(rows, v.collectAsList());
    } finally {
      spark().conf().set(split, before);
    }
  }

  @Test
  void clusteredCallFilesReadAsColumnBatchesGiveTheRowsOfTheShuffledCalls(@TempDir Path dir) throws Exception {
    // 600 customers of 30 calls, written as ingest writes them (hash partitions of customer_id,
    // each sorted) with the strings dictionary-encoded (one dictionary per file, or one per row
    // group of a few thousand calls), not encoded, and falling back from the dictionary to plain
    // pages inside a file; read in batches of 100 calls, so that customers straddle batches
    Dataset<Row> cdr = new SyntheticCity(spark(), 600, 30).cdr();
    ViewConfig cfg = ViewConfig.defaults();
    ViewWindows w = ViewWindows.of(ViewFixture.RUN, cfg);
    List<Row> shuffled = CallFeatures.aggregate(cdr, w, cfg, ViewFixture.OPS, ViewFixture.NIGHT, false)
        .orderBy(CustomerView.CUSTOMER_ID).collectAsList();
    assertTrue(shuffled.size() > 400, "most customers have calls in the window: " + shuffled.size());
    Map<String, Map<String, String>> encodings = Map.of(
        "dictionary", Map.of(),
        "dictionary per row group", Map.of("parquet.block.size", "32768"),
        "plain", Map.of("parquet.enable.dictionary", "false"),
        "dictionary then plain", Map.of("parquet.dictionary.page.size", "4096", "parquet.page.size", "4096"));
    String batch = "spark.sql.parquet.columnarReaderBatchSize";
    String before = spark().conf().get(batch);
    spark().conf().set(batch, "100");
    try {
      for (Map.Entry<String, Map<String, String>> e : encodings.entrySet()) {
        String path = dir.resolve(e.getKey().replace(' ', '_')).toString();
        StableLayout.byKey(cdr, 3, Cdr.CUSTOMER_ID, Cdr.START_TIME).write().options(e.getValue()).parquet(path);
        Set<String> contactEncodings = encodings(path, Cdr.OTHER_PARTY);
        assertEquals(e.getKey().equals("dictionary then plain"),
            contactEncodings.contains("PLAIN") && contactEncodings.contains("PLAIN_DICTIONARY"),
            e.getKey() + ": " + contactEncodings);
        assertEquals(e.getKey().equals("dictionary per row group"), rowGroupsPerFile(path) > 1, e.getKey());
        Dataset<Row> read = spark().read().parquet(path);
        assertNotNull(CallFiles.batches(read), e.getKey() + ": read as column batches");
        assertEquals(shuffled, CallFeatures.aggregate(read, w, cfg, ViewFixture.OPS, ViewFixture.NIGHT, true)
            .orderBy(CustomerView.CUSTOMER_ID).collectAsList(), e.getKey());
      }
    } finally {
      spark().conf().set(batch, before);
    }
    // a plan that is more than the files' scan (a filter here) is summed up from its rows
    Dataset<Row> files = spark().read().parquet(dir.resolve("dictionary").toString());
    assertNull(CallFiles.batches(files.filter(files.col(Cdr.DURATION_S).gt(0))));
    assertNull(CallFiles.batches(cdr), "not a file scan");
  }

  @Test
  void vasFilesSummedPerFileGiveTheSumsOfOneAggregationOverTheRows(@TempDir Path dir) throws Exception {
    // 600 customers of 10 VAS rows over three months, every service: written in date order (each
    // customer's rows spread over the files and batches), with and without the dictionary, and
    // summed at most 50 customers at a time per task, so that the partial sums are many
    Dataset<Row> vas = new SyntheticCity(spark(), 600, 30).vas();
    ViewConfig cfg = ViewConfig.defaults();
    ViewWindows w = ViewWindows.of(ViewFixture.RUN, cfg);
    assertNull(VasFiles.batches(vas), "not a file scan");
    List<Row> rows = VasFeatures.aggregate(vas, w, cfg).orderBy(CustomerView.CUSTOMER_ID).collectAsList();
    assertTrue(rows.size() > 400, "most customers have VAS rows in the window: " + rows.size());
    Map<String, Map<String, String>> encodings = Map.of(
        "dictionary", Map.of(), "plain", Map.of("parquet.enable.dictionary", "false"));
    String batch = "spark.sql.parquet.columnarReaderBatchSize";
    String before = spark().conf().get(batch);
    spark().conf().set(batch, "100");
    try {
      for (Map.Entry<String, Map<String, String>> e : encodings.entrySet()) {
        String path = dir.resolve(e.getKey()).toString();
        vas.repartition(3).sortWithinPartitions(Vas.USAGE_DATE).write().options(e.getValue()).parquet(path);
        Dataset<Row> read = spark().read().parquet(path);
        assertNotNull(VasFiles.batches(read), e.getKey() + ": read as column batches");
        assertEquals(rows, VasFeatures.aggregate(read, w, cfg, 50).orderBy(CustomerView.CUSTOMER_ID).collectAsList(),
            e.getKey());
      }
    } finally {
      spark().conf().set(batch, before);
    }
  }

  /** The Parquet encodings of a column over every file of a dataset. */
  private static Set<String> encodings(String path, String column) throws Exception {
    Set<String> out = new TreeSet<>();
    for (List<BlockMetaData> file : rowGroups(path)) {
      for (BlockMetaData b : file) {
        for (ColumnChunkMetaData c : b.getColumns()) {
          if (c.getPath().toDotString().equals(column)) {
            c.getEncodings().forEach(enc -> out.add(enc.name()));
          }
        }
      }
    }
    return out;
  }

  /** The least number of row groups of a dataset's files. */
  private static int rowGroupsPerFile(String path) throws Exception {
    return rowGroups(path).stream().mapToInt(List::size).min().orElseThrow();
  }

  /** The row groups of each Parquet file of a dataset. */
  private static List<List<BlockMetaData>> rowGroups(String path) throws Exception {
    List<List<BlockMetaData>> out = new ArrayList<>();
    try (Stream<Path> list = Files.list(Path.of(path))) {
      for (Path f : list.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList()) {
        try (ParquetFileReader r = ParquetFileReader.open(
            HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(f.toString()), new Configuration()))) {
          out.add(r.getFooter().getBlocks());
        }
      }
    }
    return out;
  }

  @Test
  void callsMarkedClusteredThatAreNotFailLoudlyInsteadOfSplittingACustomer(@TempDir Path dir) {
    // one file in time order: the fixture's customers take turns
    String path = dir.resolve("cdr").toString();
    df(ViewFixture.cdr(), Cdr.CLEAN).orderBy(Cdr.START_TIME).coalesce(1).write().parquet(path);
    ViewConfig cfg = ViewConfig.defaults();
    Dataset<Row> calls = CallFeatures.aggregate(spark().read().parquet(path), ViewWindows.of(ViewFixture.RUN, cfg), cfg,
        ViewFixture.OPS, ViewFixture.NIGHT, true);
    Exception e = assertThrows(Exception.class, calls::collectAsList);
    assertTrue(String.valueOf(e.getMessage()).contains("not together in one file"), e.getMessage());
  }

  private static boolean shuffles(org.apache.spark.rdd.RDD<?> rdd) {
    for (org.apache.spark.Dependency<?> d : CollectionConverters.asJava(rdd.dependencies())) {
      if (d instanceof org.apache.spark.ShuffleDependency || shuffles(d.rdd())) {
        return true;
      }
    }
    return false;
  }

  @Test
  void missingInputColumnIsNamed() {
    CustomerViewBuilder b = new CustomerViewBuilder(ViewConfig.defaults(), ViewFixture.OPS, ViewFixture.NIGHT, ViewFixture.RUN);
    Dataset<Row> cdrWithoutCell = df(ViewFixture.cdr(), Cdr.CLEAN).drop(Cdr.CELL_ID);
    GridLensException ex = assertThrows(GridLensException.class, () -> b.apply(
        df(ViewFixture.customers(), Customers.CLEAN),
        df(ViewFixture.billing(), Billing.CLEAN),
        cdrWithoutCell,
        df(ViewFixture.complaints(), Complaints.CLEAN),
        df(ViewFixture.vas(), Vas.CLEAN),
        df(ViewFixture.assignment(), GridAssignment.SCHEMA)));
    assertTrue(ex.getMessage().contains("can't find column cell_id in dataset clean/cdr"), ex.getMessage());
  }

  @Test
  void noCdrAtAllGivesNullRatiosAndZeroCounts() {
    Row c2 = rows.get(1);
    assertEquals(0L, (long) c2.getAs(CustomerView.MO_CALLS));
    assertNull(c2.getAs(CustomerView.OFFPEAK_SHARE));
    assertNull(c2.getAs(CustomerView.HOME_CELL_ID));
  }

  private static Object normalise(Object v) {
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    return v;
  }

  private static boolean same(Object expected, Object actual) {
    if (expected == null || actual == null) {
      return expected == actual;
    }
    if (expected instanceof Double e && actual instanceof Double a) {
      return Math.abs(e - a) <= 1e-9;
    }
    if (expected instanceof BigDecimal e && actual instanceof BigDecimal a) {
      return e.compareTo(a) == 0;
    }
    if (expected instanceof LocalDate e && actual instanceof LocalDate a) {
      return e.equals(a);
    }
    return expected.equals(actual) && expected.getClass() == actual.getClass();
  }

  /**
   * ViewStep writes the view with whole-stage generated code only for plan nodes of at most
   * {@link ViewStep#WRITE_SETTINGS}'s field count: with the shipped configuration every source's
   * aggregation must fit under it (or it would lose its generated code) and the view must not.
   */
  @Test
  void withTheShippedConfigurationEverySourceFitsUnderTheViewsCodegenWidthAndTheViewDoesNot() {
    GridLensConfig cfg = SampleCity.config();
    int limit = Integer.parseInt(ViewStep.WRITE_SETTINGS.get(SparkSessions.CODEGEN_MAX_FIELDS));
    CustomerViewBuilder b = new CustomerViewBuilder(cfg.view(), cfg.operators(), cfg.geo().night(), ViewFixture.RUN);
    ViewWindows w = b.windows();
    Map<String, Dataset<Row>> sources = Map.of(
        "billing", BillingFeatures.aggregate(df(List.of(), Billing.CLEAN), w),
        "calls", CallFeatures.aggregate(df(List.of(), Cdr.CLEAN), w, cfg.view(), cfg.operators(), cfg.geo().night(),
            false),
        "complaints", ComplaintFeatures.aggregate(df(List.of(), Complaints.CLEAN), w, cfg.view()),
        "vas", VasFeatures.aggregate(df(List.of(), Vas.CLEAN), w, cfg.view()));
    sources.forEach((name, ds) -> assertTrue(ds.columns().length <= limit,
        name + ": " + ds.columns().length + " columns, over " + limit));
    assertTrue(VasFiles.schema().size() <= limit, "VAS partial sums: " + VasFiles.schema().size());
    assertTrue(b.columnNames().size() > 2 * limit, "the view: " + b.columnNames().size() + " columns");
  }

  @Test
  void eachOfTheFiveJoinsCarriesTheSourcesAsStructsNotColumnByColumn() {
    // each join copies its output rows: a struct is one block of bytes, a column one copy each
    List<Join> joins = new ArrayList<>();
    List<LogicalPlan> todo = new ArrayList<>(List.of(build(1).queryExecution().optimizedPlan()));
    while (!todo.isEmpty()) {
      LogicalPlan p = todo.remove(todo.size() - 1);
      if (p instanceof Join j) {
        joins.add(j);
      }
      todo.addAll(CollectionConverters.asJava(p.children()));
    }
    assertEquals(5, joins.size(), "joins");
    for (Join j : joins) {
      for (Attribute a : CollectionConverters.asJava(j.output())) {
        assertTrue(a.name().equals(CustomerView.CUSTOMER_ID) || a.dataType() instanceof StructType,
            "a join carries " + a.name() + " " + a.dataType().simpleString() + " as a column of its own");
      }
    }
  }
}
