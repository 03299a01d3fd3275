package org.gridlens.pipeline.target;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.gridlens.pipeline.SampleCity;
import org.gridlens.pipeline.export.ExportPiiScanner;
import org.gridlens.pipeline.run.Datasets;
import org.gridlens.pipeline.run.RunContext;
import org.gridlens.pipeline.run.StepName;
import org.gridlens.pipeline.schema.CustomerView;
import org.gridlens.pipeline.schema.Customers;
import org.gridlens.pipeline.schema.Targets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The targets stage on the committed sample city (every stage before it runs through SampleCity). */
class TargetsSampleCityTest {

  @Test
  void noExcludedOrControlCustomerInAnyManagerFileAndNoUnmaskedPiiInAnyExport() throws IOException {
    Path customersDir = SampleCity.sampleData().resolve("input/customers");
    Assumptions.assumeTrue(Files.isDirectory(customersDir), "the sample city is not generated yet");
    RunContext ctx = SampleCity.runThrough(StepName.TARGETS);

    Set<String> control = new HashSet<>();
    Set<String> listed = new HashSet<>();
    for (Row r : ctx.warehouse().read(Datasets.TARGETS, SampleCity.RUN_DATE)
        .select(col(Targets.CUSTOMER_ID), col(Targets.CONTROL)).collectAsList()) {
      (r.getBoolean(1) ? control : listed).add(r.getString(0));
    }
    assertFalse(listed.isEmpty(), "the sample city yields target lists");
    Set<String> inFiles = new HashSet<>();
    Path day = Path.of(ctx.warehouse().exportFile(SampleCity.RUN_DATE, TargetCsv.INDEX_NAME)).getParent();
    try (Stream<Path> files = Files.walk(day)) {
      for (Path f : files.filter(p -> p.getFileName().toString().equals(TargetCsv.FILE_NAME)).toList()) {
        String s = new String(Files.readAllBytes(f), StandardCharsets.UTF_8).substring(1);
        try (CSVParser p = CSVParser.parse(new StringReader(s), CSVFormat.RFC4180)) {
          List<CSVRecord> rs = p.getRecords();
          rs.stream().skip(1).forEach(r -> inFiles.add(r.get(3)));
        }
      }
    }
    assertEquals(listed, inFiles, "exactly the listed non-control customers are in the managers' files");
    for (String c : control) {
      assertFalse(inFiles.contains(c) && !listed.contains(c), "control customer " + c + " in a manager file");
    }
    Set<String> inactive = new HashSet<>();
    for (Row r : ctx.warehouse().read(Datasets.CUSTOMER_VIEW, SampleCity.RUN_DATE)
        .filter(col(CustomerView.STATUS).notEqual(Customers.STATUS_ACTIVE))
        .select(col(CustomerView.CUSTOMER_ID)).collectAsList()) {
      inactive.add(r.getString(0));
    }
    inactive.retainAll(inFiles);
    assertEquals(Set.of(), inactive, "closed or suspended customers in a manager file");
    Path exportsRoot = Path.of(ctx.config().paths().exports());
    List<ExportPiiScanner.Finding> leaks = ExportPiiScanner.scan(exportsRoot, ExportPiiScanner.secretsOf(customersDir));
    assertTrue(leaks.isEmpty(), leaks.toString());
  }
}
