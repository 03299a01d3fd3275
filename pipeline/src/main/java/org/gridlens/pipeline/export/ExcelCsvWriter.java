package org.gridlens.pipeline.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A table written as CSV that Excel (and WPS, LibreOffice) opens correctly and safely: UTF-8 with
 * exactly one byte-order mark at the start (without it Excel reads UTF-8 Chinese text as GBK
 * mojibake), RFC 4180 quoting and CRLF line ends (Apache Commons CSV), text cells neutralised
 * against formula injection ({@link FormulaGuard}), numbers written as plain numbers so they stay
 * numbers in the spreadsheet.
 *
 * <p>Usage: {@code ExcelCsvWriter.withHeader(List.of("grid", "score")).row(text("G001"),
 * number(0.75)).writeWith(bytes -> warehouse.writeBytes(file, bytes))}. The whole file is built in
 * memory and handed over in one piece, so the sink can publish it atomically; it is meant for
 * files of up to a few hundred thousand rows.
 */
public final class ExcelCsvWriter {

  /** The UTF-8 byte-order mark, written once at the start of every file. */
  public static final char BOM = '\uFEFF';

  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

  /** One cell of a row: text (guarded against injection) or a number (kept numeric). */
  public static final class Cell {
    private final String value;

    private Cell(String value) {
      this.value = value;
    }

    /** What goes between the delimiters (before RFC 4180 quoting). */
    public String value() {
      return value;
    }

    @Override
    public String toString() {
      return value;
    }
  }

  private static final Cell EMPTY = new Cell("");

  private final List<String> header;
  private final List<List<Cell>> rows = new ArrayList<>();

  private ExcelCsvWriter(List<String> header) {
    this.header = List.copyOf(header);
  }

  /** A table with these column headings (text, guarded like any text cell). */
  public static ExcelCsvWriter withHeader(List<String> header) {
    if (header.isEmpty()) {
      throw new IllegalArgumentException("a CSV export needs at least one column");
    }
    return new ExcelCsvWriter(header);
  }

  public static ExcelCsvWriter withHeader(String... header) {
    return withHeader(Arrays.asList(header));
  }

  /**
   * A text cell; null gives an empty cell. A leading formula character is neutralised and any
   * byte-order mark inside is removed, so the file carries exactly one.
   */
  public static Cell text(String s) {
    if (s == null || s.isEmpty()) {
      return EMPTY;
    }
    return new Cell(FormulaGuard.neutralise(s.indexOf(BOM) >= 0 ? s.replace(String.valueOf(BOM), "") : s));
  }

  /**
   * A number written in plain notation (no exponent, '.' as decimal point, never a thousands
   * separator); null, NaN and infinities give an empty cell.
   */
  public static Cell number(Number n) {
    if (n == null) {
      return EMPTY;
    }
    if (n instanceof BigDecimal d) {
      return new Cell(d.toPlainString());
    }
    if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
      return new Cell(Long.toString(n.longValue()));
    }
    double d = n.doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return EMPTY;
    }
    return new Cell(BigDecimal.valueOf(d).stripTrailingZeros().toPlainString());
  }

  /** A number rounded half-up to {@code decimals} places, written with exactly that many. */
  public static Cell number(Number n, int decimals) {
    if (n == null) {
      return EMPTY;
    }
    BigDecimal d;
    if (n instanceof BigDecimal b) {
      d = b;
    } else {
      double v = n.doubleValue();
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        return EMPTY;
      }
      d = BigDecimal.valueOf(v);
    }
    return new Cell(d.setScale(decimals, RoundingMode.HALF_UP).toPlainString());
  }

  /** An empty cell. */
  public static Cell empty() {
    return EMPTY;
  }

  /** Appends a row; it must have one cell per column. */
  public ExcelCsvWriter row(List<Cell> cells) {
    if (cells.size() != header.size()) {
      throw new IllegalArgumentException(
          "row " + (rows.size() + 1) + " has " + cells.size() + " cells, the header has " + header.size());
    }
    rows.add(List.copyOf(cells));
    return this;
  }

  public ExcelCsvWriter row(Cell... cells) {
    return row(Arrays.asList(cells));
  }

  public List<String> header() {
    return header;
  }

  public int rowCount() {
    return rows.size();
  }

  public List<List<Cell>> rows() {
    return Collections.unmodifiableList(rows);
  }

  /** Writes BOM, header and rows to {@code out} (not closed). */
  public void writeTo(OutputStream out) {
    try {
      Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      w.write(BOM);
      CSVPrinter p = new CSVPrinter(w, FORMAT);
      List<String> head = new ArrayList<>(header.size());
      for (String h : header) {
        head.add(text(h).value());
      }
      p.printRecord(head);
      List<String> values = new ArrayList<>(header.size());
      for (List<Cell> r : rows) {
        values.clear();
        for (Cell c : r) {
          values.add(c.value());
        }
        p.printRecord(values);
      }
      p.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write CSV", e);
    }
  }

  /** The whole file as bytes. */
  public byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + rows.size() * 128);
    writeTo(out);
    return out.toByteArray();
  }

  /**
   * Hands the whole file to {@code atomicSink} in one call, e.g. {@code bytes ->
   * warehouse.writeBytes(file, bytes)}, which publishes it with a rename.
   */
  public void writeWith(Consumer<byte[]> atomicSink) {
    atomicSink.accept(toBytes());
  }

  /**
   * Writes to a local file atomically: a hidden temporary file in the same folder, then an atomic
   * rename over the target, so a reader sees the old file or the new one, never half of one.
   */
  public void writeAtomically(Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
      try {
        Files.write(tmp, toBytes());
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
