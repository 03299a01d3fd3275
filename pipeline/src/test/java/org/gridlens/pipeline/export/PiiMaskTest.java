package org.gridlens.pipeline.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PiiMaskTest {

  @ParameterizedTest(name = "[{index}] ''{0}'' -> ''{1}''")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      emptyValue = "",
      value = {
        "13812345678        | 138****5678",
        "+86 138-1234-5678  | 138****5678",
        "0086 13812345678   | 138****5678",
        "8613812345678      | 138****5678",
        "(138) 1234 5678    | 138****5678",
        " 19912345678       | 199****5678",
        "02087654321        | 020****4321",   // fixed line with area code: 11 digits
        "075512345678       | 075****5678",   // 12 digits
        "0085212345678      | 008****5678",   // international: not a Chinese mobile, kept whole
        "62345678           | 62****78",      // 8-digit fixed line
        "6234567            | 62****67",      // 7-digit fixed line
        "010-6234-567       | 01****67",      // 10 digits
        "123456             | ****",          // too short: nothing shown
        "12                 | ****",
        "abc                | ****",
        "''                 | ''",
        "'   '              | ''",
        "NULL               | ''",
      })
  void phoneNumbers(String in, String expected) {
    assertEquals(expected, PiiMask.msisdn(in));
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' -> ''{1}''")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      emptyValue = "",
      value = {
        "张三         | 张*",
        "张          | 张*",
        "张三丰       | 张*",
        "王小明明明明明 | 王*",
        "欧阳娜娜      | 欧阳*",
        "欧阳锋       | 欧阳*",
        "司马相如      | 司马*",
        "诸葛亮       | 诸葛*",
        "欧阳         | 欧*",         // only two characters: 欧 is the surname, 阳 the given name
        "' 李四 '     | 李*",
        "John Smith   | J*",
        "Ömer         | Ö*",
        "𠀀明         | 𠀀*",         // a surname outside the BMP stays whole
        "''           | ''",
        "'  '         | ''",
        "NULL         | ''",
      })
  void names(String in, String expected) {
    assertEquals(expected, PiiMask.name(in));
  }

  @ParameterizedTest
  @CsvSource({"13812345678", "+86 138-1234-5678", "62345678"})
  void maskedNumbersNeverContainTheMiddleDigits(String in) {
    String digits = PiiMask.nationalDigits(in);
    String middle = digits.substring(3, digits.length() - 2);
    assertFalse(PiiMask.msisdn(in).contains(middle), PiiMask.msisdn(in));
  }
}
