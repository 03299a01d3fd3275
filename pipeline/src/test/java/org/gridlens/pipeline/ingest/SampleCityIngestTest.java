package org.gridlens.pipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.gridlens.pipeline.SampleCity;
import org.gridlens.pipeline.run.Datasets;
import org.gridlens.pipeline.run.RunContext;
import org.gridlens.pipeline.run.StepName;
import org.gridlens.pipeline.run.StepResult;
import org.gridlens.pipeline.schema.Extract;
import org.gridlens.pipeline.schema.Quarantine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The committed sample city against the generator's ground truth: every planted dirty row is
 * quarantined with the planted reason at the planted file and line, no other row is, and
 * clean + quarantine = read for every extract.
 */
@EnabledIf("truthExists")
class SampleCityIngestTest {

  static boolean truthExists() {
    return Files.exists(SampleCity.sampleData().resolve("truth/dirty_rows.csv"));
  }

  @Test
  void exactlyThePlantedDirtyRowsAreQuarantinedWithTheirReasons() {
    RunContext ctx = SampleCity.runThrough(StepName.INGEST);
    StepResult result = SampleCity.result(StepName.INGEST);

    Map<String, String> expected = new TreeMap<>();
    for (CSVRecord r : SampleCity.truth("dirty_rows.csv")) {
      expected.put(r.get("source_file") + ":" + r.get("line_number"), r.get("reason"));
    }
    Map<String, String> actual = new TreeMap<>();
    Map<String, Long> quarantined = new HashMap<>();
    for (Extract e : Extract.values()) {
      for (Row r : ctx.warehouse().read(Datasets.quarantine(e), SampleCity.RUN_DATE)
          .select(Quarantine.SOURCE_FILE, Quarantine.LINE_NUMBER, Quarantine.REASON).collectAsList()) {
        actual.put(r.getString(0) + ":" + r.get(1), r.getString(2));
        quarantined.merge(e.id(), 1L, Long::sum);
      }
    }
    assertEquals(expected, actual);

    for (Extract e : Extract.values()) {
      long clean = ctx.warehouse().read(Datasets.clean(e), SampleCity.RUN_DATE).count();
      assertEquals(result.inputRows().get(e.id()), clean + quarantined.getOrDefault(e.id(), 0L), e.id());
    }
  }
}
