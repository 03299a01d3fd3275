package org.gridlens.pipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.gridlens.pipeline.SparkTestBase;
import org.gridlens.pipeline.schema.Cells;
import org.gridlens.pipeline.schema.Extract;
import org.gridlens.pipeline.schema.Quarantine;
import org.gridlens.pipeline.schema.RejectReason;
import org.junit.jupiter.api.Test;

class CrossRowRulesTest extends SparkTestBase {

  private static final ExtractRules CELLS = ExtractRules.of(Extract.CELLS);

  /** A parsed cells row: clean values (id, lon, lat, ...) or a per-row reject. */
  private static Row row(String file, long line, String cellId, RejectReason reason) {
    Object[] values = new Object[CELLS.fields().size()];
    values[CELLS.indexOf(Cells.CELL_ID)] = cellId;
    Verdict v = reason == null ? new Verdict(values, null, null) : Verdict.reject(reason, "planted");
    return ParsedRows.toRow(new ParsedLine(file, line, line, "raw " + line, v), values.length);
  }

  /** Five rows of two files: K1 twice clean (b.csv:2, a.csv:9) and once rejected, K2 twice clean. */
  private static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    rows.add(row("cells/b.csv", 2, "K1", null));
    rows.add(row("cells/a.csv", 9, "K1", null)); // a.csv sorts first: this one is kept
    rows.add(row("cells/a.csv", 3, "K1", RejectReason.BAD_NUMBER)); // rejected rows never use up a key
    rows.add(row("cells/a.csv", 4, "K2", null));
    rows.add(row("cells/a.csv", 5, "K2", null));
    return rows;
  }

  private static final Map<String, String> EXPECTED = Map.of(
      "cells/a.csv:3", "BAD_NUMBER planted",
      "cells/a.csv:4", "null null",
      "cells/a.csv:5", "DUPLICATE_KEY cell_id='K2': duplicate key, kept the row at cells/a.csv:4",
      "cells/a.csv:9", "null null",
      "cells/b.csv:2", "DUPLICATE_KEY cell_id='K1': duplicate key, kept the row at cells/a.csv:9");

  private static Map<String, String> verdicts(List<Row> out) {
    Map<String, String> verdicts = new TreeMap<>();
    for (Row r : out) {
      String where = r.getAs(Quarantine.SOURCE_FILE) + ":" + r.getAs(Quarantine.LINE_NUMBER);
      verdicts.put(where, r.getAs(Quarantine.REASON) + " " + r.getAs(Quarantine.DETAIL));
    }
    return verdicts;
  }

  private static int exchanges(Dataset<Row> out) {
    String plan = out.queryExecution().executedPlan().toString();
    plan = plan.substring(Math.max(0, plan.indexOf("== Initial Plan ==")));
    return plan.split("Exchange hashpartitioning", -1).length - 1;
  }

  @Test
  void theFirstCleanRowOfAKeyIsKeptAndTheDuplicateRuleCostsOneShuffle() {
    Dataset<Row> out = CrossRowRules.apply(CELLS, spark().createDataFrame(rows(), ParsedRows.schema(CELLS)));

    assertEquals(EXPECTED, verdicts(out.collectAsList()));
    assertEquals(1, exchanges(out), "one exchange and one window for the three window functions");
  }

  @Test
  void theBroadcastLookupGivesTheSameVerdictsAndKeepsTheRowsWhereAndInTheOrderTheyCame() {
    // one partition, and two (b.csv's row, then a.csv's in line order), as one task per file makes
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark().sparkContext());
    Dataset<Row> onePart = spark().createDataFrame(jsc.parallelize(rows(), 1), ParsedRows.schema(CELLS));
    Dataset<Row> twoParts = spark().createDataFrame(jsc.parallelize(rows(), 2), ParsedRows.schema(CELLS));
    for (Dataset<Row> p : List.of(onePart, twoParts)) {
      Dataset<Row> dups = CrossRowRules.duplicates(p, CELLS.key());
      assertEquals(2, dups.count(), "b.csv:2 and a.csv:5");
      Dataset<Row> out = CrossRowRules.mark(p, dups, CELLS.key());

      assertEquals(EXPECTED, verdicts(out.collectAsList()));
      assertEquals(List.of(p.columns()), List.of(out.columns()), "the parsed rows' columns, in their order");
      // the parsed rows are not shuffled: the same rows in the same partitions, in the same order
      assertEquals(where(p), where(out));
      assertEquals(p.rdd().getNumPartitions(), out.rdd().getNumPartitions());
    }
  }

  @Test
  void tooManyDuplicatesToBroadcastRankTheWholeExtractByKeyWithTheSameVerdicts() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark().sparkContext());
    Dataset<Row> parsed = spark().createDataFrame(jsc.parallelize(rows(), 2), ParsedRows.schema(CELLS)).cache();
    try {
      CrossRowRules.Verdicts lookedUp = CrossRowRules.apply(CELLS, parsed, 2);
      CrossRowRules.Verdicts ranked = CrossRowRules.apply(CELLS, parsed, 1);

      assertFalse(lookedUp.byKey());
      assertEquals(where(parsed), where(lookedUp.rows()), "two duplicates, at most two broadcast: the rows stay put");
      assertEquals(EXPECTED, verdicts(lookedUp.rows().collectAsList()));
      assertTrue(ranked.byKey());
      assertEquals(spark().conf().get("spark.sql.shuffle.partitions"), String.valueOf(ranked.rows().rdd().getNumPartitions()),
          "hash partitions of the key");
      assertEquals(EXPECTED, verdicts(ranked.rows().collectAsList()));
      lookedUp.cached().forEach(Dataset::unpersist);
      ranked.cached().forEach(Dataset::unpersist);
    } finally {
      parsed.unpersist();
    }
  }

  /** Each partition's rows as file:line, in order. */
  private static List<String> where(Dataset<Row> d) {
    return d.javaRDD().glom().map(part -> {
      StringBuilder b = new StringBuilder();
      for (Row r : part) {
        b.append(r.getAs(Quarantine.SOURCE_FILE).toString()).append(':').append(r.getAs(Quarantine.LINE_NUMBER).toString()).append(' ');
      }
      return b.toString();
    }).collect();
  }
}
