package org.gridlens.pipeline.generate;

import java.time.LocalDate;

/** Resident identity numbers (GB 11643-1999): region, birth date, sequence, check digit. */
final class IdNumbers {

  private IdNumbers() {}

  /** An 18-character id: the sequence's last digit is odd for men, even for women. */
  static String of(String region, LocalDate birth, int sequence, boolean male) {
    int seq = sequence % 1000;
    if ((seq % 2 == 1) != male) {
      seq = (seq + 1) % 1000;
    }
    String body = region + Formats.zeroPadded(birth.getYear(), 4) + Formats.zeroPadded(birth.getMonthValue(), 2)
        + Formats.zeroPadded(birth.getDayOfMonth(), 2) + Formats.zeroPadded(seq, 3);
    return body + checkDigit(body);
  }

  /** The check character of the first 17 digits (the rule ingest validates with). */
  static char checkDigit(String first17) {
    return org.gridlens.pipeline.ingest.Formats.idCheckChar(first17);
  }

  /** Whether an 18-character id has a valid check character. */
  static boolean valid(String id) {
    return id != null && org.gridlens.pipeline.ingest.Formats.isIdNumber(id);
  }
}
