package org.gridlens.pipeline.export;

import java.util.Set;

/**
 * Masks the personal data that may leave the warehouse in a file for people: phone numbers keep
 * their first and last digits ({@code 138****1234}), names keep only the surname ({@code 张*},
 * {@code 欧阳*}). ID numbers have no masked form on purpose: they are never exported.
 *
 * <p>The number of stars is always four, whatever was hidden, so a masked value does not leak the
 * length of what it hides.
 */
public final class PiiMask {

  /** What every hidden part is replaced with. */
  public static final String STARS = "****";

  /**
   * Two-character (复姓) surnames. A name starting with one of them keeps both characters, so
   * 欧阳娜娜 becomes 欧阳* and not 欧*, which would misname the customer to the grid manager.
   */
  static final Set<String> COMPOUND_SURNAMES =
      Set.of(
          "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
          "夏侯", "轩辕", "令狐", "端木", "西门", "南宫", "独孤", "呼延", "澹台", "公冶", "太史", "申屠",
          "闻人", "万俟", "钟离", "宗政", "濮阳", "淳于", "单于", "赫连", "拓跋", "百里", "东郭", "南门",
          "羊舌", "微生", "梁丘", "左丘", "东门", "第五", "亓官", "司寇", "子车", "颛孙", "壤驷", "公良",
          "漆雕", "乐正", "谷梁", "公羊", "公西", "仲孙", "巫马", "司空", "鲜于", "闾丘", "段干", "宰父",
          "夹谷", "归海", "羊角", "即墨", "达奚", "褚师", "东里", "南郭", "北宫");

  private PiiMask() {}

  /**
   * A phone number masked for export. Separators ({@code +86 138-1234-5678}, spaces, brackets) are
   * ignored and a Chinese country code (+86, 0086, 86) in front of a mobile number is dropped.
   * Eleven or more digits keep the first 3 and last 4 ({@code 138****5678}); 7 to 10 digits (fixed
   * lines without area code, e.g. 8-digit local numbers) keep the first 2 and last 2
   * ({@code 62****78}); fewer than 7 digits are hidden completely ({@code ****}), since any digit
   * shown would give away too much of them. Null or blank gives "".
   */
  public static String msisdn(String phone) {
    if (phone == null || phone.isBlank()) {
      return "";
    }
    String digits = nationalDigits(phone);
    int n = digits.length();
    if (n >= 11) {
      return digits.substring(0, 3) + STARS + digits.substring(n - 4);
    }
    if (n >= 7) {
      return digits.substring(0, 2) + STARS + digits.substring(n - 2);
    }
    return STARS;
  }

  /**
   * The digits of a phone number without separators and, for a Chinese mobile written with its
   * country code, without that code: {@code +86 138-1234-5678} gives {@code 13812345678}.
   */
  public static String nationalDigits(String phone) {
    if (phone == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(phone.length());
    for (int i = 0; i < phone.length(); i++) {
      char c = phone.charAt(i);
      if (c >= '0' && c <= '9') {
        b.append(c);
      }
    }
    String d = b.toString();
    if (d.length() == 15 && d.startsWith("0086") && isMobile(d.substring(4))) {
      return d.substring(4);
    }
    if (d.length() == 13 && d.startsWith("86") && isMobile(d.substring(2))) {
      return d.substring(2);
    }
    return d;
  }

  private static boolean isMobile(String d) {
    return d.length() == 11 && d.charAt(0) == '1' && d.charAt(1) >= '3' && d.charAt(1) <= '9';
  }

  /**
   * A name masked for export: the surname and one star ({@code 张三丰} gives {@code 张*}, {@code
   * 欧阳娜娜} gives {@code 欧阳*}). A name that is only a compound surname keeps its first character
   * ({@code 欧阳} gives {@code 欧*}), since the second one is then the given name. Names in other
   * scripts keep their first character ({@code John Smith} gives {@code J*}). Surrounding blanks are
   * ignored; null or blank gives "".
   */
  public static String name(String name) {
    if (name == null) {
      return "";
    }
    String s = name.strip();
    if (s.isEmpty()) {
      return "";
    }
    int first = s.offsetByCodePoints(0, 1);
    int codePoints = s.codePointCount(0, s.length());
    if (codePoints > 2) {
      int second = s.offsetByCodePoints(0, 2);
      if (COMPOUND_SURNAMES.contains(s.substring(0, second))) {
        return s.substring(0, second) + "*";
      }
    }
    return s.substring(0, first) + "*";
  }
}
