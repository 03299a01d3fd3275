package org.gridlens.pipeline.export;

import static org.gridlens.pipeline.export.ExcelCsvWriter.number;
import static org.gridlens.pipeline.export.ExcelCsvWriter.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExcelCsvWriterTest {

  private static int countBoms(byte[] b) {
    int n = 0;
    for (int i = 0; i + 2 < b.length; i++) {
      if ((b[i] & 0xFF) == 0xEF && (b[i + 1] & 0xFF) == 0xBB && (b[i + 2] & 0xFF) == 0xBF) {
        n++;
      }
    }
    return n;
  }

  private static List<CSVRecord> parse(byte[] bytes) throws IOException {
    String s = new String(bytes, StandardCharsets.UTF_8);
    assertEquals(ExcelCsvWriter.BOM, s.charAt(0));
    try (CSVParser p = CSVParser.parse(new StringReader(s.substring(1)), CSVFormat.RFC4180)) {
      return p.getRecords();
    }
  }

  @Test
  void chineseTextCommasQuotesAndNewlinesSurviveARoundTrip() throws IOException {
    byte[] bytes =
        ExcelCsvWriter.withHeader("客户", "地址", "预期增收")
            .row(text("张*"), text("幸福路1号, 3栋 \"东门\"\n2单元"), number(12.5))
            .row(text("欧阳*"), text("第二行\r\n还有"), number(-3))
            .row(text(null), text(""), number((Number) null))
            .toBytes();

    List<CSVRecord> rs = parse(bytes);
    assertEquals(4, rs.size());
    assertEquals(List.of("客户", "地址", "预期增收"), rs.get(0).toList());
    assertEquals(List.of("张*", "幸福路1号, 3栋 \"东门\"\n2单元", "12.5"), rs.get(1).toList());
    assertEquals(List.of("欧阳*", "第二行\r\n还有", "-3"), rs.get(2).toList());
    assertEquals(List.of("", "", ""), rs.get(3).toList());
    String s = new String(bytes, StandardCharsets.UTF_8);
    assertTrue(s.contains("\"幸福路1号, 3栋 \"\"东门\"\"\n2单元\""), "RFC 4180: quoted, quotes doubled");
    assertTrue(s.endsWith("\r\n"), "RFC 4180 record separator");
  }

  @Test
  void theByteOrderMarkIsPresentExactlyOnceEvenWhenACellCarriesOne() {
    byte[] bytes =
        ExcelCsvWriter.withHeader("\uFEFFname", "n").row(text("\uFEFF张三\uFEFF"), number(1)).toBytes();
    assertEquals(1, countBoms(bytes));
    assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, java.util.Arrays.copyOf(bytes, 3));
    assertEquals(1, countBoms(ExcelCsvWriter.withHeader("only").toBytes()));
  }

  @Test
  void textIsGuardedButNumbersStayNumbers() throws IOException {
    byte[] bytes =
        ExcelCsvWriter.withHeader("label", "gain", "share", "big", "exact", "nan")
            .row(text("-1+1"), number(-12.345, 2), number(0.1), number(1e12), number(new BigDecimal("12.30")),
                number(Double.NaN))
            .row(text("=SUM(A1)"), number(-0.005, 2), number(7L), number(1.0 / 3, 3), number(2.5, 0),
                number(Double.POSITIVE_INFINITY, 2))
            .toBytes();
    List<CSVRecord> rs = parse(bytes);
    assertEquals(List.of("'-1+1", "-12.35", "0.1", "1000000000000", "12.30", ""), rs.get(1).toList());
    assertEquals(List.of("'=SUM(A1)", "-0.01", "7", "0.333", "3", ""), rs.get(2).toList());
  }

  @Test
  void rowsMustMatchTheHeader() {
    ExcelCsvWriter w = ExcelCsvWriter.withHeader("a", "b");
    assertThrows(IllegalArgumentException.class, () -> w.row(text("x")));
  }

  @Test
  void writesAtomicallyToAFileOrThroughASink(@TempDir Path dir) throws IOException {
    ExcelCsvWriter w = ExcelCsvWriter.withHeader("网格").row(text("G001"));
    Path f = dir.resolve("out.csv");
    Files.writeString(f, "old content that is longer than the new one");
    w.writeAtomically(f);
    assertArrayEquals(w.toBytes(), Files.readAllBytes(f));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(f), files.toList(), "no temporary file left behind");
    }
    AtomicReference<byte[]> got = new AtomicReference<>();
    w.writeWith(got::set);
    assertArrayEquals(w.toBytes(), got.get());
  }
}
