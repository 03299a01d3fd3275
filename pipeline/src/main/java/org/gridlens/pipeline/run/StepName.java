package org.gridlens.pipeline.run;

import java.util.Locale;

/** The pipeline's stages, in the order {@code nightly} runs them. */
public enum StepName {
  INGEST,
  GRIDS,
  ASSIGN,
  VIEW,
  SEGMENT,
  SCORE,
  UPLIFT,
  TARGETS;

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
