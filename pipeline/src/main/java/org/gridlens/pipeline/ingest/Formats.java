package org.gridlens.pipeline.ingest;

/**
 * Hand-written checks of the contract's text shapes. They run once per field of every input row,
 * so they avoid regexes and allocation.
 */
public final class Formats {

  private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final char[] ID_CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

  private Formats() {}

  /** Mainland mobile number: {@code 1[3-9]\d{9}}. */
  public static boolean isMsisdn(String s) {
    return s.length() == 11 && s.charAt(0) == '1' && s.charAt(1) >= '3' && s.charAt(1) <= '9' && digits(s, 2, 11);
  }

  /** GB 11643 resident id: 17 digits and the ISO 7064 MOD 11-2 check character (digit or X). */
  public static boolean isIdNumber(String s) {
    if (s.length() != 18 || !digits(s, 0, 17)) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (s.charAt(i) - '0') * ID_WEIGHTS[i];
    }
    return s.charAt(17) == ID_CHECK[sum % 11];
  }

  /** The check character a 17-digit id prefix needs (for tests and generators). */
  public static char idCheckChar(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * ID_WEIGHTS[i];
    }
    return ID_CHECK[sum % 11];
  }

  /**
   * A phone number as seen in CDRs: a mobile ({@link #isMsisdn}), a fixed line
   * {@code 0\d{2,3}\d{7,8}} (10 to 12 digits starting with a single 0) or an international number
   * {@code 00} followed by 5 to 16 digits.
   */
  public static boolean isPhone(String s) {
    int n = s.length();
    if (n < 3 || !digits(s, 0, n)) {
      return false;
    }
    if (s.charAt(0) == '1') {
      return isMsisdn(s);
    }
    if (s.charAt(0) != '0') {
      return false;
    }
    if (s.charAt(1) == '0') {
      return n >= 7 && n <= 18;
    }
    return n >= 10 && n <= 12;
  }

  static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
