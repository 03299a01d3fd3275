package org.gridlens.pipeline.generate;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
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

  /** Flush the text buffer to the byte stream when it holds this many chars. */
  private static final int FLUSH_AT = 1 << 16;

  private final OutputStream bytes;
  /**
   * Commons CSV prints into this unsynchronised buffer, which is encoded in blocks: much cheaper
   * per value than a Writer, and it lets raw bytes be spliced in between records.
   */
  private final StringBuilder text = new StringBuilder(FLUSH_AT + 4096);
  private final CSVPrinter printer;
  private long lines;

  /** Opens the file: writes the header (line 1). gzip streams carry no timestamp (mtime 0). */
  ExtractWriter(OutputStream out, boolean gzip, String[] header) {
    try {
      this.bytes = gzip ? new FastGzip(out) : out;
      this.printer = new CSVPrinter(text, FORMAT);
      write(header);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a record and returns its physical line number. */
  long write(String[] fields) {
    try {
      int start = text.length();
      for (String f : fields) {
        printer.print(f);
      }
      printer.println();
      int bad = text.indexOf(INVALID_UTF8, start);
      if (bad >= 0) {
        spliceInvalidBytes(start);
      } else if (text.length() >= FLUSH_AT) {
        flushText();
      }
      return ++lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the buffer up to the record that starts at {@code start}, then that record with raw bytes. */
  private void spliceInvalidBytes(int start) throws IOException {
    String line = text.substring(start);
    text.setLength(start);
    flushText();
    String[] parts = line.split(INVALID_UTF8, -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        bytes.write(BAD_BYTES);
      }
      bytes.write(parts[i].getBytes(StandardCharsets.UTF_8));
    }
  }

  private void flushText() throws IOException {
    bytes.write(text.toString().getBytes(StandardCharsets.UTF_8));
    text.setLength(0);
  }

  /** Lines written so far, header included. */
  long lines() {
    return lines;
  }

  /**
   * gzip at zlib level 1: deflate is most of the generator's CPU time, and level 1 is about three
   * times faster than the default 6 for 25% larger files. The header's MTIME stays 0.
   */
  private static final class FastGzip extends GZIPOutputStream {
    FastGzip(OutputStream out) throws IOException {
      super(out, 1 << 16);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }

  @Override
  public void close() {
    try {
      flushText();
      bytes.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
