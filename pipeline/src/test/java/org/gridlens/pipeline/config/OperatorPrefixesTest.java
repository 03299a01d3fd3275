package org.gridlens.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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

  @Test
  void indexOfTheOperatorFromUtf8BytesInsideALargerBuffer() {
    assertEquals("cmcc", OPS.operators().get(OperatorPrefixes.HOME), "home first");
    assertEquals(Set.of("cmcc", "cu", "ct", "cbn"), Set.copyOf(OPS.operators()));
    Random rnd = new Random(13);
    String[] noise = {"", " ", "-", "+", "１", "号", "é", "(", "8"};
    for (int n = 0; n < 20_000; n++) {
      StringBuilder sb = new StringBuilder(rnd.nextBoolean() ? "" : "+86");
      int digits = 1 + rnd.nextInt(13);
      for (int i = 0; i < digits; i++) {
        sb.append(rnd.nextInt(6) == 0 ? noise[rnd.nextInt(noise.length)] : "");
        sb.append(i == 0 ? '1' : (char) ('0' + rnd.nextInt(10)));
      }
      String number = sb.toString();
      byte[] utf8 = number.getBytes(StandardCharsets.UTF_8);
      byte[] buffer = new byte[utf8.length + 6];
      Arrays.fill(buffer, (byte) '1'); // digits around the number must not count
      System.arraycopy(utf8, 0, buffer, 3, utf8.length);
      String expected = plainRule(number);
      assertEquals(expected.equals(OperatorPrefixes.OTHER) ? -1 : OPS.operators().indexOf(expected),
          OPS.operatorIndex(buffer, 3, utf8.length), number);
      assertEquals(expected, OPS.operatorOf(number), number);
    }
    assertEquals(OperatorPrefixes.HOME, OPS.operatorIndex("139".getBytes(StandardCharsets.UTF_8), 0, 3));
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
