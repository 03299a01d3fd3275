package org.gridlens.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The operator of a number against a plain reading of the rule, on numbers of every shape. */
class OperatorPrefixesTest {

  private static final OperatorPrefixes OPS = new OperatorPrefixes("cmcc",
      Map.of("cmcc", List.of("134", "135", "1340", "139", "147"), "cu", List.of("130", "1301", "186"),
          "ct", List.of("133", "18", "1700"), "cbn", List.of("192")),
      Map.of());

  @Test
  void longestPrefixOfTheDigitsWithoutTheCountryCode() {
    assertEquals("cmcc", OPS.operatorOf("13912345678"));
    assertEquals("cu", OPS.operatorOf("13012345678"));
    assertEquals("cu", OPS.operatorOf("13011111111"), "1301 is cu as 130 is");
    assertEquals("cmcc", OPS.operatorOf("13402345678"), "1340 over 134");
    assertEquals("ct", OPS.operatorOf("18912345678"), "18 when 186 does not match");
    assertEquals("cu", OPS.operatorOf("18612345678"), "186 over 18");
    assertEquals("cu", OPS.operatorOf("+86 130 1234 5678"));
    assertEquals("cu", OPS.operatorOf("0086-130-1234-5678"));
    assertEquals("ct", OPS.operatorOf("8618912345678"), "86 dropped from 13 digits");
    assertEquals(OperatorPrefixes.OTHER, OPS.operatorOf("861891234567"), "12 digits: 86 is the number's own");
    assertEquals(OperatorPrefixes.OTHER, OPS.operatorOf("02161234567"));
    assertEquals(OperatorPrefixes.OTHER, OPS.operatorOf("0086"));
    assertEquals(OperatorPrefixes.OTHER, OPS.operatorOf("+-"));
    assertEquals(OperatorPrefixes.OTHER, OPS.operatorOf(""));
    assertEquals(OperatorPrefixes.OTHER, OPS.operatorOf(null));
    assertEquals("ct", OPS.operatorOf("1-8"));
  }

  @Test
  void sameOperatorAsThePlainRuleOnRandomNumbers() {
    Random rnd = new Random(7);
    String[] heads = {"", "+86", "0086", "86", "+86 ", "0", "00", "8", "(86)"};
    for (int n = 0; n < 50_000; n++) {
      StringBuilder sb = new StringBuilder(heads[rnd.nextInt(heads.length)]);
      int digits = 1 + rnd.nextInt(14);
      sb.append(rnd.nextBoolean() ? '1' : (char) ('0' + rnd.nextInt(10)));
      for (int i = 1; i < digits; i++) {
        if (rnd.nextInt(10) == 0) {
          sb.append(rnd.nextBoolean() ? ' ' : '-');
        }
        sb.append((char) ('0' + rnd.nextInt(10)));
      }
      String number = sb.toString();
      assertEquals(plainRule(number), OPS.operatorOf(number), number);
    }
  }

  /** The rule as written in the class comment: digits, country code dropped, longest prefix. */
  private static String plainRule(String number) {
    String d = number.replaceAll("[^0-9]", "");
    if (d.startsWith("0086")) {
      d = d.substring(4);
    } else if (d.startsWith("86") && d.length() == 13) {
      d = d.substring(2);
    }
    for (int len = d.length(); len > 0; len--) {
      String prefix = d.substring(0, len);
      for (Map.Entry<String, List<String>> e : OPS.table().entrySet()) {
        if (e.getValue().contains(prefix)) {
          return e.getKey();
        }
      }
    }
    return OperatorPrefixes.OTHER;
  }
}
