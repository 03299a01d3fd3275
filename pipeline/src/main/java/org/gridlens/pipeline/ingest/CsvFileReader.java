package org.gridlens.pipeline.ingest;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.LongPredicate;
import java.util.zip.GZIPInputStream;
import org.gridlens.pipeline.schema.RejectReason;

/**
 * Reads one CSV file (optionally gzip) of an extract, line by line, and validates each data line:
 * decode strictly (BAD_ENCODING), split into fields (MALFORMED_LINE), rearrange through the
 * header mapping, then the per-row rules of {@link RowValidator}. Spark-free; the Spark job runs
 * one instance per file in one task.
 */
public final class CsvFileReader implements Iterator<ParsedLine>, Closeable {

  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final String sourceFile;
  private final InputStream in;
  private final LineSplitter lines;
  private final LineDecoder decoder;
  private final CsvLineParser parser = new CsvLineParser();
  private final RowValidator validator;
  private final String[] header;
  private final HeaderMapping mapping;
  private ParsedLine next;
  private boolean done;
  private LongPredicate keep;
  private long lastLine = Long.MAX_VALUE;

  /**
   * Opens the stream and reads the header.
   *
   * @param sourceFile path relative to the input root, e.g. {@code cdr/part-00003.csv.gz}
   * @param raw the file's bytes as stored (gunzipped here when the name ends in .gz)
   * @param validator null to read the header only
   */
  public CsvFileReader(
      String sourceFile, InputStream raw, Charset charset, SourceConfig source, ExtractRules rules,
      RowValidator validator) throws IOException {
    this.sourceFile = sourceFile;
    InputStream s = new BufferedInputStream(raw, 1 << 16);
    this.in = sourceFile.endsWith(".gz") ? new GZIPInputStream(s, 1 << 16) : s;
    this.lines = new LineSplitter(in);
    this.decoder = new LineDecoder(charset);
    this.validator = validator;
    if (!lines.next()) {
      throw new IOException("the file is empty (no header row)");
    }
    int off = 0;
    byte[] b = lines.bytes();
    int n = lines.length();
    if (charset.equals(StandardCharsets.UTF_8) && n >= 3 && b[0] == UTF8_BOM[0] && b[1] == UTF8_BOM[1] && b[2] == UTF8_BOM[2]) {
      off = 3;
    }
    byte[] hb = java.util.Arrays.copyOfRange(b, off, n);
    String text = decoder.decode(hb, hb.length);
    if (text == null) {
      throw new IOException("the header row is not valid " + charset.name() + " text");
    }
    try {
      this.header = parser.split(text);
    } catch (CsvLineParser.MalformedLineException e) {
      throw new IOException("the header row is not valid CSV: " + e.getMessage());
    }
    this.mapping = HeaderMapping.resolve(header, source, rules);
  }

  public String[] header() {
    return header.clone();
  }

  public HeaderMapping mapping() {
    return mapping;
  }

  /**
   * From now on, yields only the lines whose physical line number {@code keep} accepts, and
   * stops reading after line {@code last}; every other line is passed over undecoded. The lines
   * yielded are exactly those a full read would yield, with the same numbers and verdicts.
   */
  public CsvFileReader onlyLines(LongPredicate keep, long last) {
    this.keep = keep;
    this.lastLine = last;
    return this;
  }

  @Override
  public boolean hasNext() {
    while (next == null && !done) {
      try {
        if (lines.lineNumber() >= lastLine || !lines.next()) {
          done = true;
        } else if (keep == null || keep.test(lines.lineNumber())) {
          next = parse();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + sourceFile + " after line " + lines.lineNumber() + ": " + e.getMessage(), e);
      }
    }
    return next != null;
  }

  @Override
  public ParsedLine next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    ParsedLine p = next;
    next = null;
    return p;
  }

  private ParsedLine parse() {
    long no = lines.lineNumber();
    byte[] b = lines.bytes();
    int n = lines.length();
    String text = decoder.decode(b, n);
    if (text == null) {
      return reject(no, decoder.lossy(b, n), RejectReason.BAD_ENCODING, "bytes not valid in the source encoding");
    }
    String[] fields;
    try {
      fields = parser.split(text);
    } catch (CsvLineParser.MalformedLineException e) {
      return reject(no, text, RejectReason.MALFORMED_LINE, e.getMessage());
    }
    if (fields.length != mapping.width()) {
      return reject(no, text, RejectReason.MALFORMED_LINE, "expected " + mapping.width() + " fields, got " + fields.length);
    }
    return new ParsedLine(sourceFile, no, no, text, validator.validate(mapping.arrange(fields)));
  }

  private ParsedLine reject(long no, String raw, RejectReason reason, String detail) {
    return new ParsedLine(sourceFile, no, no, raw, Verdict.reject(reason, detail));
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
