package org.gridlens.pipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.gridlens.pipeline.config.ConfigLoader;
import org.gridlens.pipeline.ingest.IngestConfig.GeoBox;
import org.gridlens.pipeline.schema.Extract;
import org.gridlens.pipeline.schema.RejectReason;
import org.junit.jupiter.api.Test;

class CsvFileReaderTest {

  private static final LocalDate RUN = LocalDate.of(2026, 10, 31);
  static final String CELLS_HEADER = "cell_id,lon,lat,site_id,technology\n";

  private static List<ParsedLine> read(String name, byte[] bytes, Extract e, SourceConfig s) throws IOException {
    ExtractRules rules = ExtractRules.of(e);
    RowValidator v = new RowValidator(rules, s, GeoBox.CHINA, RowValidator.windowStart(RUN, 3), RUN, false);
    List<ParsedLine> out = new ArrayList<>();
    try (CsvFileReader r = new CsvFileReader(name, new ByteArrayInputStream(bytes), s.charset(), s, rules, v)) {
      r.forEachRemaining(out::add);
    }
    return out;
  }

  static SourceConfig source(Extract e, Map<String, String> settings) {
    return SourceConfig.from(ConfigLoader.parse("{}", "test", settings).child("s"), e);
  }

  static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(bo)) {
      g.write(b);
    }
    return bo.toByteArray();
  }

  @Test
  void readingOnlySomeLinesYieldsExactlyThoseOfAFullReadAndStopsAfterTheLast() throws IOException {
    StringBuilder csv = new StringBuilder(CELLS_HEADER);
    for (int i = 0; i < 50; i++) {
      csv.append(i % 7 == 3 ? "K" + i + ",116.4,99.9,S1,4G\n" : "K" + i + ",116.4,39.9,S1,4G\n"); // lat 99.9: out of range
    }
    csv.append("K50,116.4,39.9,S1,4G,extra\n"); // malformed, after the last line asked for
    byte[] bytes = gzip(csv.toString().getBytes(StandardCharsets.UTF_8));
    SourceConfig s = source(Extract.CELLS, Map.of());
    List<ParsedLine> all = read("cells/a.csv.gz", bytes, Extract.CELLS, s);
    List<ParsedLine> rejected = all.stream().filter(p -> !p.verdict().ok()).toList();
    assertEquals(8, rejected.size());

    java.util.Set<Long> wanted = new java.util.TreeSet<>();
    rejected.stream().filter(p -> p.lineNumber() < 40).forEach(p -> wanted.add(p.lineNumber()));
    ExtractRules rules = ExtractRules.of(Extract.CELLS);
    RowValidator v = new RowValidator(rules, s, GeoBox.CHINA, RowValidator.windowStart(RUN, 3), RUN, false);
    List<ParsedLine> some = new ArrayList<>();
    try (CsvFileReader r = new CsvFileReader("cells/a.csv.gz", new ByteArrayInputStream(bytes), s.charset(), s, rules, v)) {
      r.onlyLines(wanted::contains, 39).forEachRemaining(some::add);
    }
    List<ParsedLine> expected = rejected.stream().filter(p -> p.lineNumber() < 40).toList();
    assertEquals(expected.size(), some.size());
    for (int i = 0; i < some.size(); i++) {
      assertEquals(expected.get(i).lineNumber(), some.get(i).lineNumber());
      assertEquals(expected.get(i).rawLine(), some.get(i).rawLine());
      assertEquals(expected.get(i).verdict().reason(), some.get(i).verdict().reason());
      assertEquals(expected.get(i).verdict().detail(), some.get(i).verdict().detail());
    }
  }

  @Test
  void physicalLineNumbersCountTheHeaderAsLineOne() throws IOException {
    String csv = CELLS_HEADER + "K1,116.4,39.9,S1,4G\nK2,116.5,39.8,,5G\n";
    List<ParsedLine> rows = read("cells/a.csv", csv.getBytes(StandardCharsets.UTF_8), Extract.CELLS, source(Extract.CELLS, Map.of()));
    assertEquals(List.of(2L, 3L), rows.stream().map(ParsedLine::lineNumber).toList());
    assertTrue(rows.stream().allMatch(r -> r.verdict().ok()));
    assertEquals("K2,116.5,39.8,,5G", rows.get(1).rawLine());
    assertEquals("cells/a.csv", rows.get(0).sourceFile());
  }

  @Test
  void gzipCrlfBomAndAMissingFinalNewlineAreRead() throws IOException {
    byte[] text = ("\uFEFF" + CELLS_HEADER.replace("\n", "\r\n") + "K1,116.4,39.9,S1,4G\r\nK2,116.5,39.8,,5G")
        .getBytes(StandardCharsets.UTF_8);
    List<ParsedLine> rows = read("cells/a.csv.gz", gzip(text), Extract.CELLS, source(Extract.CELLS, Map.of()));
    assertEquals(2, rows.size());
    assertTrue(rows.stream().allMatch(r -> r.verdict().ok()), rows.toString());
    assertEquals("K2", rows.get(1).verdict().values()[0]);
  }

  @Test
  void truncatedAndBadlyQuotedLinesAreMalformedAndDoNotSwallowTheirNeighbours() throws IOException {
    String csv = CELLS_HEADER
        + "K1,116.4,39.9\n" // truncated
        + "K2,116.4,39.9,\"S,2\",4G\n" // quoted comma: fine
        + "K3,116.4,39.9,\"S3,4G\n" // unbalanced quote
        + "K4,116.4,39.9,\"S\"x,4G\n" // text after a closing quote
        + "\n" // blank line
        + "K5,116.4,39.9,S5,4G,extra\n"
        + "K6,116.4,39.9,S6,4G\n";
    List<ParsedLine> rows = read("cells/a.csv", csv.getBytes(StandardCharsets.UTF_8), Extract.CELLS, source(Extract.CELLS, Map.of()));
    assertEquals(7, rows.size());
    assertEquals(RejectReason.MALFORMED_LINE, rows.get(0).verdict().reason());
    assertEquals("expected 5 fields, got 3", rows.get(0).verdict().detail());
    assertTrue(rows.get(1).verdict().ok(), rows.get(1).verdict().detail());
    assertEquals("S,2", rows.get(1).verdict().values()[3]);
    assertEquals(RejectReason.MALFORMED_LINE, rows.get(2).verdict().reason());
    assertEquals(RejectReason.MALFORMED_LINE, rows.get(3).verdict().reason());
    assertEquals(RejectReason.MALFORMED_LINE, rows.get(4).verdict().reason());
    assertEquals(RejectReason.MALFORMED_LINE, rows.get(5).verdict().reason());
    assertTrue(rows.get(6).verdict().ok());
    assertEquals(8L, rows.get(6).lineNumber());
  }

  @Test
  void invalidUtf8BytesAreBadEncodingWithALossyRawLine() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(CELLS_HEADER.getBytes(StandardCharsets.UTF_8));
    b.write("K1,116.4,39.9,S".getBytes(StandardCharsets.UTF_8));
    b.write(new byte[] {(byte) 0xC3, (byte) 0x28}); // invalid 2-byte sequence
    b.write(",4G\nK2,116.4,39.9,站点,4G\n".getBytes(StandardCharsets.UTF_8));
    List<ParsedLine> rows = read("cells/a.csv", b.toByteArray(), Extract.CELLS, source(Extract.CELLS, Map.of()));
    assertEquals(RejectReason.BAD_ENCODING, rows.get(0).verdict().reason());
    assertEquals("K1,116.4,39.9,S\uFFFD(,4G", rows.get(0).rawLine());
    assertTrue(rows.get(1).verdict().ok());
    assertEquals("站点", rows.get(1).verdict().values()[3]);
  }

  @Test
  void gbkFilesWithChineseHeadersMapOntoTheContract() throws IOException {
    SourceConfig s = source(Extract.CELLS, Map.of(
        "s.encoding", "GBK",
        "s.columns", "{小区编号: cell_id, 经度: lon, 纬度: lat, 站点: site_id, 制式: technology}"));
    Charset gbk = Charset.forName("GBK");
    byte[] bytes = "小区编号,经度,纬度,站点,制式\nK1,116.4,39.9,朝阳站,5G\n".getBytes(gbk);
    List<ParsedLine> rows = read("cells/a.csv", bytes, Extract.CELLS, s);
    assertTrue(rows.get(0).verdict().ok(), rows.get(0).verdict().detail());
    assertEquals("朝阳站", rows.get(0).verdict().values()[3]);
    assertEquals("K1,116.4,39.9,朝阳站,5G", rows.get(0).rawLine());

    // the same bytes read as UTF-8 are not text
    List<ParsedLine> wrong = read("cells/a.csv", ("cell_id,lon,lat,site_id,technology\nK1,116.4,39.9,朝阳站,5G\n").getBytes(gbk),
        Extract.CELLS, source(Extract.CELLS, Map.of()));
    assertEquals(RejectReason.BAD_ENCODING, wrong.get(0).verdict().reason());
  }

  @Test
  void headerMappingFindsColumnsInAnyOrderAndReportsMissingOnes() throws IOException {
    SourceConfig s = source(Extract.CELLS, Map.of());
    String csv = "technology,lat,cell_id,lon,comment\n5G,39.9,K1,116.4,hello\n";
    List<ParsedLine> rows = read("cells/a.csv", csv.getBytes(StandardCharsets.UTF_8), Extract.CELLS, s);
    assertArrayEquals(new Object[] {"K1", 116.4, 39.9, null, "5G"}, rows.get(0).verdict().values());

    HeaderMapping m = HeaderMapping.resolve(new String[] {"cell_id", "site_id"}, s, ExtractRules.of(Extract.CELLS));
    assertEquals(List.of("lon", "lat"), m.missingRequired());
    assertEquals(List.of(), m.ignored());
    HeaderMapping amb = HeaderMapping.resolve(new String[] {"cell_id", "cell_id", "lon", "lat"}, s, ExtractRules.of(Extract.CELLS));
    assertEquals(List.of("cell_id"), amb.ambiguous());
  }

  @Test
  void emptyFilesAndUndecodableHeadersAreErrors() {
    SourceConfig s = source(Extract.CELLS, Map.of());
    IOException e = assertThrows(IOException.class, () -> read("cells/a.csv", new byte[0], Extract.CELLS, s));
    assertTrue(e.getMessage().contains("no header"), e.getMessage());
    byte[] badHeader = {'c', (byte) 0xFF, '\n'};
    e = assertThrows(IOException.class, () -> read("cells/a.csv", badHeader, Extract.CELLS, s));
    assertTrue(e.getMessage().contains("header row is not valid UTF-8"), e.getMessage());
  }

  @Test
  void aBrokenGzipStreamFailsWithTheFileName() throws IOException {
    StringBuilder b = new StringBuilder(CELLS_HEADER);
    for (int i = 0; i < 100_000; i++) {
      b.append('K').append(i).append(",116.4,39.9,S").append((i * 7919L) % 100_003).append(",4G\n");
    }
    byte[] full = gzip(b.toString().getBytes(StandardCharsets.UTF_8));
    byte[] cut = Arrays.copyOf(full, full.length / 2);
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> read("cells/a.csv.gz", cut, Extract.CELLS, source(Extract.CELLS, Map.of())));
    assertTrue(e.getMessage().startsWith("cannot read cells/a.csv.gz"), e.getMessage());
  }

  @Test
  void lineSplitterHandlesLinesLongerThanItsBuffer() throws IOException {
    String longSite = "s".repeat(200_000);
    String csv = CELLS_HEADER + "K1,116.4,39.9," + longSite + ",4G\nK2,116.4,39.9,,5G\n";
    List<ParsedLine> rows = read("cells/a.csv", csv.getBytes(StandardCharsets.UTF_8), Extract.CELLS, source(Extract.CELLS, Map.of()));
    assertEquals(longSite, rows.get(0).verdict().values()[3]);
    assertNull(rows.get(1).verdict().values()[3]);
    assertEquals(3L, rows.get(1).lineNumber());
  }
}
