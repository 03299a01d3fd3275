package org.gridlens.pipeline.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecimalMeanTest {

  @Test
  void noValuesHaveNoMean() {
    assertNull(DecimalMean.of(new BigDecimal("0.000000000000"), 0));
    assertNull(DecimalMean.of(null, 3));
  }

  /** Hand-computed: the quotient to 16 places, half up, then the nearest double. */
  @ParameterizedTest
  @CsvSource({
    // 2/3 = 0.6666...: the 17th digit rounds the 16th up (truncation alone would give ...6666)
    "2.000000000000, 3, 0.6666666666666667",
    // 1/16 = 0.0625 exactly
    "1.000000000000, 16, 0.0625",
    // 5e-17 is exactly half a unit of the 16th place: half up gives 1e-16 (half even would give 0)
    "0.000000000001, 20000, 1.0E-16",
    // just under a half: 4.9999...e-17 rounds to 0
    "0.000000000001, 20001, 0.0",
    // negative half: away from zero
    "-0.000000000001, 20000, -1.0E-16",
    "123456.789012345678, 7, 17636.684144620811",
  })
  void meanToSixteenPlacesHalfUp(String sum, long count, double expected) {
    assertEquals(expected, DecimalMean.of(new BigDecimal(sum), count));
  }
}
