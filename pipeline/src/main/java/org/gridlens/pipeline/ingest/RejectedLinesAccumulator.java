package org.gridlens.pipeline.ingest;

import org.apache.spark.util.AccumulatorV2;

/**
 * Spark's channel for {@link RejectedLines}: each task of the clean write records the lines it
 * rejected, and the driver receives their union when the write has finished. Updates of failed
 * task attempts are dropped by Spark; a task run twice adds the same lines twice, which the union
 * absorbs.
 */
final class RejectedLinesAccumulator extends AccumulatorV2<RejectedLines, RejectedLines> {

  private static final long serialVersionUID = 1L;

  private final RejectedLines lines = new RejectedLines();

  /** Records one rejected line (inside a task). */
  void record(String file, long line) {
    lines.add(file, line);
  }

  @Override
  public boolean isZero() {
    return lines.isEmpty();
  }

  @Override
  public AccumulatorV2<RejectedLines, RejectedLines> copy() {
    RejectedLinesAccumulator c = new RejectedLinesAccumulator();
    c.lines.addAll(lines);
    return c;
  }

  @Override
  public void reset() {
    lines.clear();
  }

  @Override
  public void add(RejectedLines v) {
    lines.addAll(v);
  }

  @Override
  public void merge(AccumulatorV2<RejectedLines, RejectedLines> other) {
    lines.addAll(other.value());
  }

  /** The lines recorded so far; on the driver after the job, every successful task's lines. */
  @Override
  public RejectedLines value() {
    return lines;
  }
}
