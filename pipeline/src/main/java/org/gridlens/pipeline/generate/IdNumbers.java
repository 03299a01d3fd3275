package org.gridlens.pipeline.generate;

import java.time.LocalDate;

/** Resident identity numbers (GB 11643-1999): region, birth date, sequence, check digit. */
final class IdNumbers {

  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK = "10X98765432";

  private IdNumbers() {}

  /** An 18-character id: the sequence's last digit is odd for men, even for women. */
  static String of(String region, LocalDate birth, int sequence, boolean male) {
    int seq = sequence % 1000;
    if ((seq % 2 == 1) != male) {
      seq = (seq + 1) % 1000;
    }
    String body =
        region + String.format("%04d%02d%02d", birth.getYear(), birth.getMonthValue(), birth.getDayOfMonth())
            + String.format("%03d", seq);
    return body + checkDigit(body);
  }

  /** The check character of the first 17 digits. */
  static char checkDigit(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK.charAt(sum % 11);
  }

  /** Whether an 18-character id has a valid check character. */
  static boolean valid(String id) {
    return id != null && id.matches("\\d{17}[\\dX]") && checkDigit(id.substring(0, 17)) == id.charAt(17);
  }
}
