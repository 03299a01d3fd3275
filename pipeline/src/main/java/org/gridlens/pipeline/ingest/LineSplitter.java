package org.gridlens.pipeline.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into physical lines at {@code \n} (a trailing {@code \r} is dropped), before
 * any decoding, so a line with bytes invalid in the source encoding still has its own line number
 * and cannot swallow its neighbours. Works for every ASCII-compatible encoding (UTF-8, GBK,
 * GB18030, ISO-8859-x): none of them uses byte 0x0A inside a multi-byte character.
 *
 * <p>Each call to {@link #next()} overwrites the previous line's bytes; not thread-safe.
 */
final class LineSplitter {

  private static final int BUFFER = 1 << 16;

  private final InputStream in;
  private final byte[] buf = new byte[BUFFER];
  private int pos;
  private int limit;
  private boolean eof;
  private byte[] line = new byte[256];
  private int length;
  private long number;

  LineSplitter(InputStream in) {
    this.in = in;
  }

  /** Reads the next line; false at the end of the stream. */
  boolean next() throws IOException {
    length = 0;
    boolean any = false;
    while (true) {
      if (pos == limit) {
        if (eof || !fill()) {
          if (!any) {
            return false;
          }
          break;
        }
      }
      any = true;
      int start = pos;
      int nl = -1;
      for (int i = pos; i < limit; i++) {
        if (buf[i] == '\n') {
          nl = i;
          break;
        }
      }
      int end = nl < 0 ? limit : nl;
      append(start, end - start);
      pos = nl < 0 ? limit : nl + 1;
      if (nl >= 0) {
        break;
      }
    }
    if (length > 0 && line[length - 1] == '\r') {
      length--;
    }
    number++;
    return true;
  }

  private boolean fill() throws IOException {
    int n = in.readNBytes(buf, 0, BUFFER);
    if (n <= 0) {
      eof = true;
      return false;
    }
    if (n < BUFFER) {
      eof = true;
    }
    pos = 0;
    limit = n;
    return true;
  }

  private void append(int from, int n) {
    if (length + n > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
    }
    System.arraycopy(buf, from, line, length, n);
    length += n;
  }

  /** The current line's bytes, valid in [0, {@link #length()}) until the next call. */
  byte[] bytes() {
    return line;
  }

  int length() {
    return length;
  }

  /** 1-based physical line number of the current line. */
  long lineNumber() {
    return number;
  }
}
