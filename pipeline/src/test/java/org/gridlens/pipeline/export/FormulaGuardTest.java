package org.gridlens.pipeline.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FormulaGuardTest {

  @ParameterizedTest
  @ValueSource(strings = {"=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"})
  void everyDangerousFirstCharacterIsNeutralisedInANameAnAddressAndALabel(String c) {
    String name = c + "HYPERLINK(\"http://evil\",\"张三\")";
    String address = c + "cmd|' /C calc'!A0 幸福路1号";
    String label = c + "1+1 高价值";
    for (String s : new String[] {name, address, label}) {
      assertTrue(FormulaGuard.isDangerous(s), s);
      assertEquals("'" + s, FormulaGuard.neutralise(s));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"张三", "high value", "'=already quoted", " =1+1", "1-2", "a=b", "#tag", ""})
  void harmlessTextIsLeftAlone(String s) {
    assertFalse(FormulaGuard.isDangerous(s));
    assertEquals(s, FormulaGuard.neutralise(s));
  }

  @Test
  void nullStaysNull() {
    assertNull(FormulaGuard.neutralise(null));
  }
}
