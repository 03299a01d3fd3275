package org.gridlens.pipeline.features;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.apache.spark.unsafe.types.UTF8String;
import org.gridlens.pipeline.config.OperatorPrefixes;
import org.gridlens.pipeline.schema.Cdr;

/**
 * One customer's calls in the CDR window, added call by call, and the call features of
 * docs/features.md ("calls") computed from them. Plain Java, no Spark: the view shuffles the CDR
 * once by customer and runs one of these per customer (see {@link CallFeatures}), instead of three
 * Spark aggregations keyed by customer, (customer, contact) and (customer, cell) and two joins.
 *
 * <p>Every feature is a function of counts and whole-second sums, so the result does not depend on
 * the order the calls arrive in; the one floating sum (n·ln n of the contact entropy) is taken in
 * 1e-9 units as a long, as {@link Shares#sumFixed} does, and rounded like Spark's {@code round}.
 */
final class CustomerCalls {

  /** Bits of a call's flags word (built by {@link CallFeatures#flags}). */
  static final int MO = 1;
  static final int MT = 1 << 1;
  static final int OFFPEAK = 1 << 2;
  static final int NIGHT = 1 << 3;
  static final int FORWARDED = 1 << 4;
  /** 3 bits: 0 for a type outside {@link #TYPES}, else its index + 1. */
  static final int TYPE_SHIFT = 5;
  /** 2 bits: 0 for a status outside {@link #STATUSES}, else its index + 1. */
  static final int STATUS_SHIFT = 8;

  /** The contract's call types, in the order of their shares in the features. */
  static final List<String> TYPES = List.of(Cdr.CALL_TYPES);
  /** The contract's end statuses: normal, dropped, failed. */
  static final List<String> STATUSES = List.of(Cdr.END_STATUSES);

  private static final UTF8String DIRECTION_MO = UTF8String.fromString(Cdr.DIRECTION_MO);
  private static final UTF8String DIRECTION_MT = UTF8String.fromString(Cdr.DIRECTION_MT);
  private static final UTF8String[] TYPE_NAMES = utf8(TYPES);
  private static final UTF8String[] STATUS_NAMES = utf8(STATUSES);

  private static final double ENTROPY_UNITS = 1e9;
  /** n·ln n in {@link #ENTROPY_UNITS} for the small counts almost every contact has. */
  private static final long[] N_LN_N = new long[256];

  static {
    for (int n = 1; n < N_LN_N.length; n++) {
      N_LN_N[n] = nLnN(n);
    }
  }

  private long calls;
  private long mo;
  private long mt;
  private long moSeconds;
  private long mtSeconds;
  private long offpeak;
  private long forwarded;
  private final long[] byType = new long[TYPES.size() + 1];
  private final long[] byStatus = new long[STATUSES.size() + 1];
  private final BitSet days = new BitSet();
  /** Calls per contact (the other party's number as written). */
  private final StringCounts contacts = new StringCounts();
  /** Night calls per cell; every cell used is counted, with or without night calls. */
  private final StringCounts cells = new StringCounts();

  private static UTF8String[] utf8(List<String> names) {
    return names.stream().map(UTF8String::fromString).toArray(UTF8String[]::new);
  }

  /** {@link #MO} or {@link #MT} of a direction, 0 for any other (the flags' direction bits). */
  static int directionBits(UTF8String direction) {
    return direction.equals(DIRECTION_MO) ? MO : direction.equals(DIRECTION_MT) ? MT : 0;
  }

  /** The flags' type bits of a call type: its index in {@link #TYPES} + 1, 0 for any other. */
  static int typeBits(UTF8String type) {
    return indexBits(TYPE_NAMES, type) << TYPE_SHIFT;
  }

  /** The flags' status bits of an end status: its index in {@link #STATUSES} + 1, 0 for any other. */
  static int statusBits(UTF8String status) {
    return indexBits(STATUS_NAMES, status) << STATUS_SHIFT;
  }

  private static int indexBits(UTF8String[] names, UTF8String value) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(value)) {
        return i + 1;
      }
    }
    return 0;
  }

  /** {@link #add(UTF8String, UTF8String, int, int, int)} with Java strings. */
  void add(String contact, String cell, int durationS, int day, int flags) {
    add(UTF8String.fromString(contact), UTF8String.fromString(cell), durationS, day, flags);
  }

  /**
   * @param day days since the first day of the CDR window (0 or more)
   * @param flags {@link #MO}, {@link #MT}, ... as built by {@link CallFeatures#flags}
   */
  void add(UTF8String contact, UTF8String cell, int durationS, int day, int flags) {
    calls++;
    if ((flags & MO) != 0) {
      mo++;
      moSeconds += durationS;
    }
    if ((flags & MT) != 0) {
      mt++;
      mtSeconds += durationS;
    }
    if ((flags & OFFPEAK) != 0) {
      offpeak++;
    }
    if ((flags & FORWARDED) != 0) {
      forwarded++;
    }
    int type = (flags >>> TYPE_SHIFT) & 7;
    byType[type < byType.length ? type : 0]++;
    byStatus[(flags >>> STATUS_SHIFT) & 3]++;
    days.set(day);
    contacts.increment(contacts.add(contact));
    int c = cells.add(cell);
    if ((flags & NIGHT) != 0) {
      cells.increment(c);
    }
  }

  /** Forgets every call, for the next customer. */
  void clear() {
    calls = 0;
    mo = 0;
    mt = 0;
    moSeconds = 0;
    mtSeconds = 0;
    offpeak = 0;
    forwarded = 0;
    Arrays.fill(byType, 0);
    Arrays.fill(byStatus, 0);
    days.clear();
    contacts.clear();
    cells.clear();
  }

  long calls() {
    return calls;
  }

  /**
   * The features, in the order of {@link CallFeatures#FEATURES} followed by one share per
   * competitor of {@code ops} (in its order), the top competitor share, distinct cells and the
   * home cell.
   */
  Object[] features(OperatorPrefixes ops) {
    List<Object> out = new ArrayList<>(32);
    long activeDays = days.cardinality();
    // status codes are the index in STATUSES + 1
    long normal = byStatus[1];
    long dropped = byStatus[2];
    long failed = byStatus[3];
    out.add(calls);
    out.add(mo);
    out.add(mt);
    out.add(moSeconds / 60.0);
    out.add(mtSeconds / 60.0);
    out.add(activeDays);
    out.add(ratio(calls, activeDays));
    out.add(ratio(offpeak, calls));
    for (int i = 0; i < TYPES.size(); i++) {
      out.add(ratio(byType[i + 1], calls));
    }
    out.add(forwarded);
    // drop rate over established calls (normal + dropped), failure rate over all attempts
    out.add(ratio(dropped, normal + dropped));
    out.add(ratio(failed, calls));

    // contacts: H = -sum p ln p = ln N - (sum n ln n) / N, with N the calls
    long nLnN = 0;
    long top = 0;
    long[] byOperator = new long[ops.operators().size()];
    for (int i = 0; i < contacts.size(); i++) {
      int n = contacts.count(i);
      nLnN += n < N_LN_N.length ? N_LN_N[n] : nLnN(n);
      top = Math.max(top, n);
      int op = ops.operatorIndex(contacts.bytes(), contacts.offset(i), contacts.length(i));
      if (op >= 0) {
        byOperator[op]++;
      }
    }
    long onNet = byOperator[OperatorPrefixes.HOME];
    long distinct = contacts.size();
    double total = calls;
    out.add(distinct);
    out.add(roundHalfUp(Math.log(total) - (nLnN / ENTROPY_UNITS) / total, 9));
    out.add(ratio(top, calls));
    out.add(ratio(onNet, distinct));
    Double topCompetitor = null;
    for (int op = OperatorPrefixes.HOME + 1; op < byOperator.length; op++) {
      Double share = ratio(byOperator[op], distinct);
      out.add(share);
      if (share != null && (topCompetitor == null || share > topCompetitor)) {
        topCompetitor = share;
      }
    }
    out.add(topCompetitor);

    // cells: mobility, and the home cell (most night calls, ties to the smallest cell_id)
    // (tied ids compared as Java strings)
    String home = null;
    int homeNight = 0;
    for (int i = 0; i < cells.size(); i++) {
      int night = cells.count(i);
      if (night > homeNight) {
        home = cells.string(i);
        homeNight = night;
      } else if (night > 0 && night == homeNight) {
        String id = cells.string(i);
        if (id.compareTo(home) < 0) {
          home = id;
        }
      }
    }
    out.add((long) cells.size());
    out.add(home);
    return out.toArray();
  }

  /** n·ln n in 1e-9 units, rounded as {@code Shares.sumFixed} rounds each term. */
  private static long nLnN(int count) {
    double n = count;
    return (long) roundHalfUp(n * Math.log(n) * ENTROPY_UNITS, 0);
  }

  /** {@code num / den}, null when the denominator is not positive (as {@link Shares#ratio}). */
  static Double ratio(long num, long den) {
    return den > 0 ? (double) num / (double) den : null;
  }

  /** Spark's {@code round(x, scale)} of a DOUBLE: HALF_UP on the shortest decimal form of x. */
  static double roundHalfUp(double x, int scale) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return x;
    }
    if (scale == 0) {
      return roundHalfUp(x);
    }
    return BigDecimal.valueOf(x).setScale(scale, RoundingMode.HALF_UP).doubleValue();
  }

  /**
   * {@link #roundHalfUp(double, int)} to a whole number, without a decimal string: the VAS round
   * each data row's volume so. The shortest decimal form of x is on the same side of n + 0.5 as x
   * itself (n + 0.5 is a double below 2^52, so a form across it would not read back as x) and is
   * n + 0.5 only when x is; from 2^52 on every double is whole.
   */
  static double roundHalfUp(double x) {
    double a = Math.abs(x);
    if (!(a < 0x1p52)) {
      return x;
    }
    double whole = Math.floor(a);
    double r = a - whole >= 0.5 ? whole + 1 : whole;
    return r == 0 ? 0.0 : Math.copySign(r, x);
  }
}
