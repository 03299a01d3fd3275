package org.gridlens.pipeline.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/** Counts per distinct string against a LinkedHashMap, across growth, clears and reused buffers. */
class StringCountsTest {

  @Test
  void numbersEachDistinctStringInFirstSeenOrderAndCountsIt() {
    StringCounts c = new StringCounts();
    assertEquals(0, c.add(utf8("13900000001")));
    assertEquals(1, c.add(utf8("13900000002")));
    assertEquals(0, c.add(utf8("13900000001")));
    assertEquals(2, c.add(utf8("")));
    assertEquals(3, c.add(utf8("1390000000")), "a prefix of another is another string");
    assertEquals(4, c.add(utf8("小区A")));
    assertEquals(4, c.add(utf8("小区A")));
    c.increment(0);
    c.increment(0);
    c.increment(4);
    assertEquals(5, c.size());
    assertArrayEquals(new int[] {2, 0, 0, 0, 1}, new int[] {c.count(0), c.count(1), c.count(2), c.count(3), c.count(4)});
    assertEquals("小区A", c.string(4));
    assertEquals("", c.string(2));
    assertEquals("13900000002", new String(c.bytes(), c.offset(1), c.length(1), StandardCharsets.UTF_8));
  }

  @Test
  void keepsItsOwnCopyOfAStringWhoseBufferIsReused() {
    StringCounts c = new StringCounts();
    byte[] buffer = "13900000001".getBytes(StandardCharsets.UTF_8);
    UTF8String s = UTF8String.fromBytes(buffer);
    assertEquals(0, c.add(s));
    buffer[10] = '2'; // the reader's buffer moves on to the next call
    assertEquals(1, c.add(s));
    assertEquals("13900000001", c.string(0));
    assertEquals(0, c.add(UTF8String.fromBytes("x13900000001y".getBytes(StandardCharsets.UTF_8), 1, 11)),
        "the same bytes from the middle of another buffer");
  }

  @Test
  void agreesWithAMapOnManyStringsAndManyCustomers() {
    Random r = new Random(11);
    StringCounts c = new StringCounts();
    for (int customer = 0; customer < 300; customer++) {
      c.clear();
      Map<String, Integer> expected = new LinkedHashMap<>();
      Map<String, Integer> ids = new LinkedHashMap<>();
      // a few customers with thousands of contacts, so the table grows and shrinks back to use
      int calls = customer % 50 == 0 ? 20_000 : r.nextInt(60);
      int distinct = 1 + (customer % 50 == 0 ? 5_000 : r.nextInt(40));
      for (int i = 0; i < calls; i++) {
        String s = "1" + (3 + r.nextInt(6)) + r.nextInt(distinct);
        int id = c.add(utf8(s));
        expected.putIfAbsent(s, 0);
        assertEquals(ids.computeIfAbsent(s, k -> ids.size()), id, s);
        if (r.nextBoolean()) {
          c.increment(id);
          expected.merge(s, 1, Integer::sum);
        }
      }
      assertEquals(expected.size(), c.size());
      List<String> keys = new ArrayList<>(expected.keySet());
      for (int i = 0; i < keys.size(); i++) {
        assertEquals(keys.get(i), c.string(i));
        assertEquals(expected.get(keys.get(i)), c.count(i), keys.get(i));
      }
    }
  }

  private static UTF8String utf8(String s) {
    return UTF8String.fromString(s);
  }
}
