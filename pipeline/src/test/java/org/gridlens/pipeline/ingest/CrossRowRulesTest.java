package org.gridlens.pipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

  @Test
  void theFirstCleanRowOfAKeyIsKeptAndTheDuplicateRuleCostsOneShuffle() {
    List<Row> rows = new ArrayList<>();
    rows.add(row("cells/b.csv", 2, "K1", null));
    rows.add(row("cells/a.csv", 9, "K1", null)); // a.csv sorts first: this one is kept
    rows.add(row("cells/a.csv", 3, "K1", RejectReason.BAD_NUMBER)); // rejected rows never use up a key
    rows.add(row("cells/a.csv", 4, "K2", null));
    rows.add(row("cells/a.csv", 5, "K2", null));
    Dataset<Row> out = CrossRowRules.apply(CELLS, spark().createDataFrame(rows, ParsedRows.schema(CELLS)));

    Map<String, String> verdicts = new TreeMap<>();
    for (Row r : out.collectAsList()) {
      String where = r.getAs(Quarantine.SOURCE_FILE) + ":" + r.getAs(Quarantine.LINE_NUMBER);
      verdicts.put(where, r.getAs(Quarantine.REASON) + " " + r.getAs(Quarantine.DETAIL));
    }
    assertEquals(Map.of(
        "cells/a.csv:3", "BAD_NUMBER planted",
        "cells/a.csv:4", "null null",
        "cells/a.csv:5", "DUPLICATE_KEY cell_id='K2': duplicate key, kept the row at cells/a.csv:4",
        "cells/a.csv:9", "null null",
        "cells/b.csv:2", "DUPLICATE_KEY cell_id='K1': duplicate key, kept the row at cells/a.csv:9"), verdicts);

    String plan = out.queryExecution().executedPlan().toString();
    plan = plan.substring(Math.max(0, plan.indexOf("== Initial Plan ==")));
    assertEquals(1, plan.split("Exchange hashpartitioning", -1).length - 1,
        "one exchange and one window for the three window functions:\n" + plan);
  }
}
