package org.gridlens.pipeline.features;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.array.ByteArrayMethods;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A count per distinct string, for one customer's contacts or cells ({@link CustomerCalls}), kept
 * as UTF-8 bytes: each string is numbered in the order it was first added and its bytes copied
 * once into one buffer. A call costs one hash of its bytes and, for a string seen before, one
 * comparison; nothing is allocated per call, and {@link #clear} readies the same arrays for the
 * next customer. A {@code HashMap<UTF8String, int[]>} hashed each new string twice (lookup, then
 * insertion of its copy), made three objects for it and a new map per customer: a tenth of the
 * view's time at 30M calls (docs/benchmarks.md, "view").
 */
final class StringCounts {

  private static final int NONE = -1;

  /** Open addressing, linear probing: the number of the string in a slot, {@link #NONE} if free. */
  private int[] slots = newSlots(8);
  private int[] hashOf = new int[4];
  private int[] slotOf = new int[4];
  private int[] offsetOf = new int[4];
  private int[] lengthOf = new int[4];
  private int[] counts = new int[4];
  private byte[] bytes = new byte[64];
  private int used;
  private int size;

  private static int[] newSlots(int n) {
    int[] s = new int[n];
    Arrays.fill(s, NONE);
    return s;
  }

  /**
   * The number of {@code s} (0, 1, ... in the order first added), added with count 0 when new.
   * {@code s} may point into a buffer that is reused: its bytes are copied.
   */
  int add(UTF8String s) {
    int h = s.hashCode();
    int n = s.numBytes();
    int mask = slots.length - 1;
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      int i = slots[slot];
      if (i == NONE) {
        return insert(s, h, n, slot);
      }
      if (hashOf[i] == h && lengthOf[i] == n && ByteArrayMethods.arrayEquals(
          s.getBaseObject(), s.getBaseOffset(), bytes, Platform.BYTE_ARRAY_OFFSET + offsetOf[i], n)) {
        return i;
      }
    }
  }

  private int insert(UTF8String s, int h, int n, int slot) {
    if (size == counts.length) {
      int c = size * 2;
      hashOf = Arrays.copyOf(hashOf, c);
      slotOf = Arrays.copyOf(slotOf, c);
      offsetOf = Arrays.copyOf(offsetOf, c);
      lengthOf = Arrays.copyOf(lengthOf, c);
      counts = Arrays.copyOf(counts, c);
    }
    if (used + n > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(used + n, bytes.length * 2));
    }
    Platform.copyMemory(s.getBaseObject(), s.getBaseOffset(), bytes, Platform.BYTE_ARRAY_OFFSET + used, n);
    int i = size++;
    hashOf[i] = h;
    offsetOf[i] = used;
    lengthOf[i] = n;
    counts[i] = 0;
    used += n;
    slots[slot] = i;
    slotOf[i] = slot;
    if (size * 2 > slots.length) { // at most half full
      rehash(slots.length * 2);
    }
    return i;
  }

  private void rehash(int capacity) {
    slots = newSlots(capacity);
    int mask = capacity - 1;
    for (int i = 0; i < size; i++) {
      int slot = hashOf[i] & mask;
      while (slots[slot] != NONE) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = i;
      slotOf[i] = slot;
    }
  }

  /** Adds 1 to the count of string {@code i}. */
  void increment(int i) {
    counts[i]++;
  }

  /** Distinct strings added since the last {@link #clear}. */
  int size() {
    return size;
  }

  int count(int i) {
    return counts[i];
  }

  /** The buffer holding string {@code i}'s UTF-8 bytes from {@link #offset} ({@link #length} of them). */
  byte[] bytes() {
    return bytes;
  }

  int offset(int i) {
    return offsetOf[i];
  }

  int length(int i) {
    return lengthOf[i];
  }

  /** String {@code i} as a Java string. */
  String string(int i) {
    return new String(bytes, offsetOf[i], lengthOf[i], StandardCharsets.UTF_8);
  }

  /** Forgets every string, keeping the arrays (a customer's worth) for the next. */
  void clear() {
    for (int i = 0; i < size; i++) {
      slots[slotOf[i]] = NONE;
    }
    size = 0;
    used = 0;
  }
}
