package org.gridlens.pipeline.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes one line's bytes strictly in the source encoding: bytes that are not valid text are an
 * error (BAD_ENCODING), never silently replaced. Pure-ASCII lines, most of any extract, skip the
 * decoder. Not thread-safe.
 */
final class LineDecoder {

  private final Charset charset;
  private final CharsetDecoder strict;
  private final boolean asciiCompatible;

  LineDecoder(Charset charset) {
    this.charset = charset;
    this.strict =
        charset.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    String n = charset.name();
    this.asciiCompatible =
        charset.equals(StandardCharsets.UTF_8) || n.equals("GBK") || n.equals("GB18030") || n.equals("GB2312")
            || n.startsWith("ISO-8859") || n.equals("US-ASCII") || n.startsWith("windows-125") || n.equals("Big5");
  }

  /** The text, or null when the bytes are not valid in the encoding. */
  String decode(byte[] bytes, int length) {
    if (asciiCompatible && ascii(bytes, length)) {
      return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }
    try {
      return strict.reset().decode(ByteBuffer.wrap(bytes, 0, length)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Best-effort text for the quarantine's raw_line (invalid bytes become U+FFFD). */
  String lossy(byte[] bytes, int length) {
    return new String(bytes, 0, length, charset);
  }

  private static boolean ascii(byte[] b, int n) {
    for (int i = 0; i < n; i++) {
      if (b[i] < 0) {
        return false;
      }
    }
    return true;
  }
}
