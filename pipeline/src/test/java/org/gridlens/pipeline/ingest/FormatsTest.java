package org.gridlens.pipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatsTest {

  @ParameterizedTest
  @CsvSource({
    "13912345678, true",
    "19912345678, true",
    "12912345678, false", // second digit must be 3-9
    "23912345678, false",
    "1391234567, false", // 10 digits
    "139123456789, false", // 12 digits
    "1391234567a, false",
    "+8613912345678, false"
  })
  void msisdn(String s, boolean ok) {
    assertEquals(ok, Formats.isMsisdn(s));
  }

  @ParameterizedTest
  @CsvSource({
    "11010519491231002X, true",
    "440304199001011233, true",
    "110101198003074595, true",
    "110101198003074594, false", // wrong check digit
    "11010519491231002x, false", // lower-case x is not the contract's X
    "44030419900101123, false", // 17 chars
    "4403041990010112330, false",
    "A40304199001011233, false"
  })
  void idNumberChecksTheGb11643CheckDigit(String s, boolean ok) {
    assertEquals(ok, Formats.isIdNumber(s));
  }

  @ParameterizedTest
  @CsvSource({
    "13912345678, true",
    "01087654321, true", // Beijing fixed line, 3-digit area code + 8 digits
    "075512345678, true", // 4-digit area code + 8 digits
    "0311234567, true", // 10 digits
    "0085212345678, true", // international
    "12345, false",
    "0123, false",
    "1391234567, false",
    "010-87654321, false",
    "95588, false" // service numbers are not in the contract
  })
  void phone(String s, boolean ok) {
    assertEquals(ok, Formats.isPhone(s));
  }
}
