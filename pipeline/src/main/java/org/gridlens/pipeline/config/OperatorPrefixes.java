package org.gridlens.pipeline.config;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The number-segment table: which operator a phone number belongs to, by its leading digits.
 * The home operator is the one GridLens works for; every other operator is a competitor.
 * Longest prefix wins; a leading {@code +86} / {@code 0086} / {@code 86} (on 13-digit numbers) is
 * ignored. Numbers matching no prefix belong to {@link #OTHER}.
 */
public final class OperatorPrefixes implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Operator id for numbers that match no configured prefix (fixed lines, foreign numbers...). */
  public static final String OTHER = "other";

  /** The home operator's index in {@link #operators} ({@link #operatorIndex}). */
  public static final int HOME = 0;

  private final String home;
  private final Map<String, List<String>> prefixes;
  private final Map<String, String> names;
  /** Home first, then the competitors in configuration order. */
  private final List<String> operators;
  /** Every prefix, digit by digit, to its operator's index in {@link #operators}. */
  private final Trie trie;

  public OperatorPrefixes(String home, Map<String, List<String>> prefixes, Map<String, String> names) {
    this.home = home;
    this.prefixes = Collections.unmodifiableMap(new LinkedHashMap<>(prefixes));
    this.names = Collections.unmodifiableMap(new LinkedHashMap<>(names));
    List<String> ops = new ArrayList<>();
    ops.add(home);
    this.prefixes.keySet().stream().filter(o -> !o.equals(home)).forEach(ops::add);
    this.operators = List.copyOf(ops);
    Map<String, Integer> byPrefix = new HashMap<>();
    for (Map.Entry<String, List<String>> e : this.prefixes.entrySet()) {
      for (String prefix : e.getValue()) {
        byPrefix.putIfAbsent(prefix, operators.indexOf(e.getKey()));
      }
    }
    this.trie = Trie.of(byPrefix);
  }

  static OperatorPrefixes from(ConfigNode node) {
    node.allowOnly("home", "names", "prefixes");
    ConfigNode p = node.child("prefixes");
    Map<String, List<String>> table = new LinkedHashMap<>();
    Map<String, String> seen = new LinkedHashMap<>();
    for (String op : p.keys()) {
      if (op.equals(OTHER)) {
        throw p.error(op, "'" + OTHER + "' is reserved for numbers that match no prefix");
      }
      if (!op.matches("[a-z][a-z0-9_]*")) {
        throw p.error(op, "operator ids must be lower-case letters, digits and '_' (they become column names)");
      }
      List<String> list = p.strings(op, List.of());
      if (list.isEmpty()) {
        throw p.error(op, "needs at least one number prefix");
      }
      for (String prefix : list) {
        if (!prefix.matches("\\d{1,7}")) {
          throw p.error(op, "prefix '" + prefix + "' must be 1 to 7 digits");
        }
        String before = seen.put(prefix, op);
        if (before != null) {
          throw p.error(op, "prefix " + prefix + " is already given to " + before);
        }
      }
      table.put(op, list);
    }
    if (table.isEmpty()) {
      throw node.error("prefixes", "is required: the number-segment table of the operators");
    }
    String home = node.requiredString("home");
    if (!table.containsKey(home)) {
      throw node.error("home", "operator '" + home + "' has no prefixes in operators.prefixes");
    }
    return new OperatorPrefixes(home, table, node.stringMap("names"));
  }

  public String home() {
    return home;
  }

  /** Every operator id, home first, in configuration order. */
  public List<String> operators() {
    return operators;
  }

  /** The competitors' operator ids, in configuration order. */
  public List<String> competitors() {
    return operators.subList(HOME + 1, operators.size());
  }

  public List<String> prefixesOf(String operator) {
    return prefixes.getOrDefault(operator, List.of());
  }

  public String displayName(String operator) {
    return names.getOrDefault(operator, operator);
  }

  /** The prefix table, operator to prefixes, in configuration order. */
  public Map<String, List<String>> table() {
    return prefixes;
  }

  /**
   * The operator of a phone number, {@link #OTHER} when none matches or the number is null. Only
   * its digits count (separators and a leading {@code +} are skipped), without a leading
   * {@code 0086}, or {@code 86} on a 13-digit number; the longest matching prefix wins.
   */
  public String operatorOf(String number) {
    if (number == null) {
      return OTHER;
    }
    byte[] utf8 = number.getBytes(StandardCharsets.UTF_8);
    int i = operatorIndex(utf8, 0, utf8.length);
    return i < 0 ? OTHER : operators.get(i);
  }

  /**
   * {@link #operatorOf} of a number given as {@code length} UTF-8 bytes from {@code offset}: the
   * operator's index in {@link #operators} ({@link #HOME} for the home operator), -1 for
   * {@link #OTHER}. A digit is one byte in UTF-8 and no byte of another character looks like one.
   * The view asks this of every distinct contact of every customer (about 10M at 1M customers),
   * so the digits are walked down {@link #trie} without making a string.
   */
  public int operatorIndex(byte[] utf8, int offset, int length) {
    int end = offset + length;
    int digits = 0;
    int firstFour = 0;
    for (int i = offset; i < end; i++) {
      int d = utf8[i] - '0';
      if (d >= 0 && d <= 9) {
        if (digits < 4) {
          firstFour = firstFour * 10 + d;
        }
        digits++;
      }
    }
    int skip = 0;
    if (digits >= 4 && firstFour == 86) { // 0086...
      skip = 4;
    } else if (digits == 13 && firstFour / 100 == 86) {
      skip = 2;
    }
    int best = -1;
    int node = 0;
    int seen = 0;
    for (int i = offset; i < end; i++) {
      int d = utf8[i] - '0';
      if (d < 0 || d > 9 || seen++ < skip) {
        continue;
      }
      node = trie.next()[node][d];
      if (node == 0) {
        break;
      }
      if (trie.operator()[node] >= 0) {
        best = trie.operator()[node];
      }
    }
    return best;
  }

  /**
   * The prefixes as a digit trie: {@code next[node][digit]} is the child node (0: none; node 0 is
   * the root) and {@code operator[node]} the index of the operator whose prefix ends there, -1 if
   * none.
   */
  private record Trie(int[][] next, int[] operator) implements Serializable {

    static Trie of(Map<String, Integer> operatorByPrefix) {
      List<int[]> next = new ArrayList<>();
      List<Integer> operator = new ArrayList<>();
      next.add(new int[10]);
      operator.add(-1);
      // in prefix order, so the trie is the same whatever the map's order
      for (String prefix : new TreeMap<>(operatorByPrefix).keySet()) {
        int node = 0;
        for (int i = 0; i < prefix.length(); i++) {
          int d = prefix.charAt(i) - '0';
          if (next.get(node)[d] == 0) {
            next.get(node)[d] = next.size();
            next.add(new int[10]);
            operator.add(-1);
          }
          node = next.get(node)[d];
        }
        operator.set(node, operatorByPrefix.get(prefix));
      }
      return new Trie(next.toArray(new int[0][]), operator.stream().mapToInt(Integer::intValue).toArray());
    }
  }
}
