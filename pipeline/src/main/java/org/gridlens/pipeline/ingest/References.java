package org.gridlens.pipeline.ingest;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.gridlens.pipeline.schema.RejectReason;

/**
 * The clean customer and cell ids of this run, which the other extracts must reference: checked
 * inside the parse task, right after the per-row rules, so a row's verdict is final when it is
 * parsed (no join of the largest extracts, and no raw line kept for rows that cannot be rejected
 * later). Broadcast once per ingest as two plain arrays; the hash sets are built lazily, once per
 * JVM, which keeps the broadcast small and Kryo-friendly.
 */
final class References implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String[] customerIds;
  private final String[] cellIds;
  private transient volatile Set<String> customers;
  private transient volatile Set<String> cells;

  /** Either may be empty (no clean customers or cells: every reference fails). */
  References(String[] customerIds, String[] cellIds) {
    this.customerIds = customerIds.clone();
    this.cellIds = cellIds.clone();
  }

  /** The check for one extract's rows, with its column positions looked up once. */
  Check forExtract(ExtractRules rules) {
    return new Check(rules);
  }

  /** The reference rules of one extract, applied to each verdict in {@link RejectReason} order. */
  final class Check {
    private final String customerColumn;
    private final String cellColumn;
    private final int customerIndex;
    private final int cellIndex;

    private Check(ExtractRules rules) {
      customerColumn = rules.customerRef();
      cellColumn = rules.cellRef();
      customerIndex = customerColumn == null ? -1 : rules.indexOf(customerColumn);
      cellIndex = cellColumn == null ? -1 : rules.indexOf(cellColumn);
    }

    /**
     * The row's verdict after UNKNOWN_CUSTOMER, then UNKNOWN_CELL. A verdict that already failed a
     * per-row rule is returned unchanged.
     */
    Verdict apply(Verdict v) {
      if (!v.ok()) {
        return v;
      }
      if (customerIndex >= 0 && !customers().contains(String.valueOf(v.values()[customerIndex]))) {
        return unknown(v, customerColumn, customerIndex, RejectReason.UNKNOWN_CUSTOMER, "not in the clean customers");
      }
      if (cellIndex >= 0 && !cells().contains(String.valueOf(v.values()[cellIndex]))) {
        return unknown(v, cellColumn, cellIndex, RejectReason.UNKNOWN_CELL, "not in the clean cells");
      }
      return v;
    }
  }

  private static Verdict unknown(Verdict v, String column, int index, RejectReason reason, String what) {
    return Verdict.reject(reason, column + "='" + v.values()[index] + "': " + what);
  }

  private Set<String> customers() {
    Set<String> s = customers;
    if (s == null) {
      s = customers = setOf(customerIds);
    }
    return s;
  }

  private Set<String> cells() {
    Set<String> s = cells;
    if (s == null) {
      s = cells = setOf(cellIds);
    }
    return s;
  }

  private static Set<String> setOf(String[] ids) {
    Set<String> s = new HashSet<>(Math.max(16, (int) (ids.length / 0.75f) + 1));
    s.addAll(Arrays.asList(ids));
    return s;
  }
}
