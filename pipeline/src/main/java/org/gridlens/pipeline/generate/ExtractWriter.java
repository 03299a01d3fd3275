package org.gridlens.pipeline.generate;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes one extract file in the contract's CSV dialect (header, comma, RFC 4180 quoting, {@code
 * \n}, UTF-8, empty field = null) with Commons CSV, optionally gzip-compressed, and counts physical
 * lines so planted dirty rows can be recorded with their line numbers. A field may carry {@link
 * #INVALID_UTF8} to plant bytes that are not valid UTF-8.
 */
final class ExtractWriter implements Closeable {

  /** Placeholder replaced by the bytes 0xC3 0x28 (an invalid UTF-8 sequence) when written. */
  static final String INVALID_UTF8 = "\uE000";

  private static final byte[] BAD_BYTES = {(byte) 0xC3, (byte) 0x28};
  static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

  private final OutputStream bytes;
  private final Writer chars;
  private final CSVPrinter printer;
  private long lines;

  /** Opens the file: writes the header (line 1). gzip streams carry no timestamp (mtime 0). */
  ExtractWriter(OutputStream out, boolean gzip, String[] header) {
    try {
      this.bytes = gzip ? new GZIPOutputStream(out, 1 << 16) : out;
      this.chars = new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), 1 << 16);
      this.printer = new CSVPrinter(chars, FORMAT);
      printer.printRecord((Object[]) header);
      lines = 1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a record and returns its physical line number. */
  long write(String[] fields) {
    try {
      for (String f : fields) {
        if (f != null && f.contains(INVALID_UTF8)) {
          return writeWithInvalidBytes(fields);
        }
      }
      printer.printRecord((Object[]) fields);
      return ++lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private long writeWithInvalidBytes(String[] fields) throws IOException {
    String line = FORMAT.format((Object[]) fields);
    chars.flush();
    String[] parts = line.split(INVALID_UTF8, -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        bytes.write(BAD_BYTES);
      }
      bytes.write(parts[i].getBytes(StandardCharsets.UTF_8));
    }
    bytes.write('\n');
    return ++lines;
  }

  /** Lines written so far, header included. */
  long lines() {
    return lines;
  }

  @Override
  public void close() {
    try {
      printer.close(true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
