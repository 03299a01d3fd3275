package org.gridlens.pipeline.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.gridlens.pipeline.export.ExportLocale;
import org.junit.jupiter.api.Test;

class TargetCsvTest {

  private static List<CSVRecord> parse(byte[] b) throws IOException {
    String s = new String(b, StandardCharsets.UTF_8).substring(1);
    try (CSVParser p = CSVParser.parse(new StringReader(s), CSVFormat.RFC4180)) {
      return p.getRecords();
    }
  }

  @Test
  void aGridFileIsMaskedGuardedAndKeepsNumbersNumeric() throws IOException {
    List<TargetCsv.Line> lines =
        List.of(
            new TargetCsv.Line("G001-01", "video", 1, "C1", "欧阳娜娜", "+86 138-1234-5678", "=高价值",
                88.456, 0.73456, 12.345, "-uses data; @night"),
            new TargetCsv.Line("G001-01", "video", 2, "C2", "@evil", "13987654321", "学生", 10.0, null, 1.0, null));
    byte[] zh = TargetCsv.gridFile(ExportLocale.ZH, lines).toBytes();
    List<CSVRecord> rs = parse(zh);
    assertEquals(TargetCsv.header(ExportLocale.ZH), rs.get(0).toList());
    assertEquals(
        List.of("G001-01", "video", "1", "C1", "欧阳*", "138****5678", "'=高价值", "88.46", "0.735", "12.35", "'-uses data; @night"),
        rs.get(1).toList());
    assertEquals(List.of("G001-01", "video", "2", "C2", "'@*", "139****4321", "学生", "10.00", "", "1.00", ""),
        rs.get(2).toList());
    String text = new String(zh, StandardCharsets.UTF_8);
    assertFalse(text.contains("13812345678") || text.contains("娜娜"));

    List<CSVRecord> en = parse(TargetCsv.gridFile(ExportLocale.EN, lines).toBytes());
    assertEquals(
        List.of("grid_id", "offer_id", "rank", "customer_id", "name", "msisdn", "segment", "arpu_yuan", "propensity",
            "expected_gain_yuan", "reasons"),
        en.get(0).toList());
  }

  @Test
  void theIndexListsGridsWithManagerRowsGainAndFile() throws IOException {
    List<CSVRecord> rs =
        parse(TargetCsv.index(ExportLocale.ZH,
                List.of(new TargetCsv.IndexEntry("G001", "东湖网格", "+manager", 3, 30.004, "G001/targets.csv")))
            .toBytes());
    assertEquals(List.of("网格编号", "网格名称", "网格经理", "名单行数", "预期月增收合计(元)", "文件"), rs.get(0).toList());
    assertEquals(List.of("G001", "东湖网格", "'+manager", "3", "30.00", "G001/targets.csv"), rs.get(1).toList());
  }
}
