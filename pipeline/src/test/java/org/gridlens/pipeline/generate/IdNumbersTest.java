package org.gridlens.pipeline.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdNumbersTest {

  @ParameterizedTest
  @CsvSource({"11010519491231002, X", "44052418800101001, 4", "33010219630711455, 8"})
  void checkDigitFollowsGb11643(String first17, char expected) {
    assertEquals(expected, IdNumbers.checkDigit(first17));
  }

  @Test
  void generatedIdsAreValidAndCarryBirthDateAndSex() {
    String man = IdNumbers.of("330106", LocalDate.of(1980, 2, 29), 124, true);
    String woman = IdNumbers.of("330106", LocalDate.of(1980, 2, 29), 124, false);
    assertTrue(IdNumbers.valid(man), man);
    assertTrue(IdNumbers.valid(woman), woman);
    assertEquals("19800229", man.substring(6, 14));
    assertEquals(1, (man.charAt(16) - '0') % 2);
    assertEquals(0, (woman.charAt(16) - '0') % 2);
    assertFalse(IdNumbers.valid(man.substring(0, 17) + (man.charAt(17) == '1' ? '2' : '1')));
  }
}
