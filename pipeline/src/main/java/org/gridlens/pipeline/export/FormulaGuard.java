package org.gridlens.pipeline.export;

/**
 * Neutralises spreadsheet formula injection (CSV injection) in text cells, as OWASP recommends:
 * a text that starts with a character a spreadsheet reads as the start of a formula gets a single
 * quote in front, so Excel, WPS and LibreOffice show it as text instead of evaluating it.
 *
 * <p>Dangerous first characters: {@code = + - @}, tab and carriage return (OWASP's list), plus
 * their full-width forms {@code ＝ ＋ － ＠}, because Chinese input methods type those and some
 * spreadsheet versions convert them to the ASCII operator on entry. Numbers are never passed
 * through here: numeric columns are written as numbers (see {@link ExcelCsvWriter}), so a
 * negative amount stays a number.
 */
public final class FormulaGuard {

  private FormulaGuard() {}

  /** True when a spreadsheet could read {@code text} as a formula. */
  public static boolean isDangerous(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    switch (text.charAt(0)) {
      case '=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20':
        return true;
      default:
        return false;
    }
  }

  /** {@code text} made safe to put in a spreadsheet cell; null stays null. */
  public static String neutralise(String text) {
    return isDangerous(text) ? "'" + text : text;
  }
}
