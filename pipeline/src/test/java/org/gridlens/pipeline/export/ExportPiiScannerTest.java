package org.gridlens.pipeline.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportPiiScannerTest {

  @Test
  void findsRawSeparatedAndEmbeddedNumbersButNotMaskedOnes(@TempDir Path dir) throws IOException {
    Path customers = Files.createDirectories(dir.resolve("input/customers"));
    Files.writeString(customers.resolve("part-00000.csv"),
        "customer_id,msisdn,id_number,name\n"
            + "C1,13812345678,11010519491231002X,张三\n"
            + "C2,13987654321,440301199001011234,李四\n"
            + "C3,15000000000,,王五\n");
    Map<String, String> secrets = ExportPiiScanner.secretsOf(customers);
    assertEquals(5, secrets.size());

    Path exports = Files.createDirectories(dir.resolve("exports/2026-10-31/G1"));
    Files.writeString(exports.resolve("targets.csv"), "\uFEFFname,msisdn\n张*,138****5678\n李*,139****4321\n");
    assertEquals(List.of(), ExportPiiScanner.scan(dir.resolve("exports"), secrets));

    Files.writeString(exports.resolve("leak1.csv"), "x,138-1234-5678\n");
    Files.writeString(exports.resolve("leak2.txt"), "id 11010519491231002x and 9915000000000\n");
    List<ExportPiiScanner.Finding> found = ExportPiiScanner.scan(dir.resolve("exports"), secrets);
    assertEquals(
        List.of("leak1.csv msisdn C1", "leak2.txt id_number C1", "leak2.txt msisdn C3"),
        found.stream().map(f -> f.file().getFileName() + " " + f.kind() + " " + f.customerId()).sorted().toList());
  }
}
