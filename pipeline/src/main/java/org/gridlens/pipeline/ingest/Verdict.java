package org.gridlens.pipeline.ingest;

import org.gridlens.pipeline.schema.RejectReason;

/**
 * The outcome of validating one row: the typed clean values (in clean-schema order), or the first
 * failing rule's reason with a detail naming the field and value.
 *
 * @param values typed values; null entries when absent; meaningless when {@code reason} is set
 * @param reason null when the row passed every per-row rule
 */
public record Verdict(Object[] values, RejectReason reason, String detail) {

  public boolean ok() {
    return reason == null;
  }

  static Verdict reject(RejectReason reason, String detail) {
    return new Verdict(null, reason, detail);
  }
}
