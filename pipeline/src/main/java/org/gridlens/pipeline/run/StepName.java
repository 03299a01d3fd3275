package org.gridlens.pipeline.run;

import java.util.Locale;
import java.util.Set;

/**
 * The pipeline's stages, in the order {@code nightly} starts them, each with the stages whose
 * published datasets it reads. {@code nightly} starts a stage once those have succeeded, so
 * stages that do not read each other may run side by side when {@code run.parallel_stages} is
 * above 1 (segment beside score and uplift; grids beside ingest).
 */
public enum StepName {
  INGEST(),
  GRIDS(),
  ASSIGN(INGEST, GRIDS),
  VIEW(INGEST, ASSIGN),
  SEGMENT(VIEW),
  SCORE(INGEST, GRIDS, ASSIGN, VIEW),
  UPLIFT(GRIDS, VIEW, SCORE),
  TARGETS(INGEST, GRIDS, VIEW, SEGMENT, UPLIFT);

  private final Set<StepName> reads;

  StepName(StepName... reads) {
    this.reads = Set.of(reads); // not an EnumSet: the enum is not initialised yet
  }

  /** The stages whose outputs this stage reads (each comes earlier in the enum). */
  public Set<StepName> reads() {
    return reads;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static StepName of(String id) {
    try {
      return valueOf(id.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown stage '" + id + "'; stages are " + java.util.Arrays.toString(values()).toLowerCase(Locale.ROOT));
    }
  }
}
