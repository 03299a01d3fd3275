package org.gridlens.pipeline.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a stage reports for the run manifest: rows read per input, rows written per output,
 * rejected rows, and stage-specific metrics (AUC per offer, customers per assignment method...).
 * Values of {@code metrics} must be JSON-friendly: numbers, strings, booleans, lists and maps.
 */
public record StepResult(
    Map<String, Long> inputRows, Map<String, Long> outputRows, long rejects, Map<String, Object> metrics) {

  public static Builder builder() {
    return new Builder();
  }

  /** Collects a stage's counts as it goes. */
  public static final class Builder {
    private final Map<String, Long> in = new LinkedHashMap<>();
    private final Map<String, Long> out = new LinkedHashMap<>();
    private final Map<String, Object> metrics = new LinkedHashMap<>();
    private long rejects;

    public Builder input(String dataset, long rows) {
      in.put(dataset, rows);
      return this;
    }

    public Builder output(String dataset, long rows) {
      out.put(dataset, rows);
      return this;
    }

    public Builder rejects(long rows) {
      rejects += rows;
      return this;
    }

    public Builder metric(String name, Object value) {
      metrics.put(name, value);
      return this;
    }

    public StepResult build() {
      return new StepResult(
          Collections.unmodifiableMap(new LinkedHashMap<>(in)),
          Collections.unmodifiableMap(new LinkedHashMap<>(out)),
          rejects,
          Collections.unmodifiableMap(new LinkedHashMap<>(metrics)));
    }
  }
}
