package org.gridlens.pipeline.ingest;

import java.util.Map;
import org.gridlens.pipeline.schema.Extract;
import org.gridlens.pipeline.schema.RejectReason;

/**
 * What ingest measured for one extract: rows read, clean and quarantined per reason, and the null
 * rate of each optional column among the clean rows.
 *
 * @param quarantinedByReason only reasons that occurred, in {@link RejectReason} order
 * @param nullRates optional clean column → share of clean rows where it is null
 */
public record ExtractCounts(
    Extract extract, int files, long read, long clean, Map<RejectReason, Long> quarantinedByReason,
    Map<String, Double> nullRates, double maxRejectRatio) {

  public long quarantined() {
    return read - clean;
  }

  public long duplicates() {
    return quarantinedByReason.getOrDefault(RejectReason.DUPLICATE_KEY, 0L);
  }

  /** quarantined / read; 0 for an empty extract. */
  public double rejectRatio() {
    return read == 0 ? 0.0 : (double) quarantined() / read;
  }

  public boolean overThreshold() {
    return rejectRatio() > maxRejectRatio;
  }
}
