package org.gridlens.pipeline.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run manifest {@code <warehouse>/_runs/D.json}: what the last {@code nightly} for a date did,
 * stage by stage (status, times, row counts, rejects, metrics, a fingerprint of every dataset it
 * published, the data-quality gates it passed or failed). It is rewritten at every transition, so
 * after a crash it still says which stage was running; resume and the row-count gate read it back.
 */
public final class RunManifest {

  /** Status of a run or a stage, written in lower case. */
  public enum Status {
    running,
    succeeded,
    failed
  }

  /**
   * One Parquet file of a published dataset, relative to the dataset's folder.
   *
   * @param sha256 hex SHA-256 of the bytes, or null when content verification is off
   */
  public record FileFingerprint(String name, long size, long rows, String sha256) {}

  /**
   * A published dataset: its row count, an order-independent hash of its rows (sum of a 64-bit
   * hash of every row, so identical content gives the same value however it is partitioned) and
   * its files.
   */
  public record DatasetFingerprint(long rows, String rowHash, List<FileFingerprint> files) {}

  /** Outcome of one data-quality gate. */
  public record GateResult(String name, boolean passed, String observed, String limit, String message) {}

  /** One stage of the run. */
  public record StageRecord(
      String name,
      Status status,
      String startedAt,
      String endedAt,
      Double seconds,
      String configHash,
      String sparkApplicationId,
      Map<String, Long> inputRows,
      Map<String, Long> outputRows,
      Long rejects,
      Map<String, Object> metrics,
      ResourceMonitor.StageResources resources,
      Map<String, DatasetFingerprint> outputs,
      List<GateResult> gates,
      String error) {

    static StageRecord running(StepName name, String startedAt, String configHash, String appId) {
      return new StageRecord(
          name.id(), Status.running, startedAt, null, null, configHash, appId, null, null, null, null, null, null, null,
          null);
    }

    StageRecord finish(
        Status st,
        String endedAt,
        double secs,
        StepResult r,
        ResourceMonitor.StageResources res,
        Map<String, DatasetFingerprint> outs,
        List<GateResult> gateResults,
        String err) {
      return new StageRecord(
          name, st, startedAt, endedAt, Math.round(secs * 1000) / 1000.0, configHash, sparkApplicationId,
          r == null ? null : r.inputRows(), r == null ? null : r.outputRows(), r == null ? null : r.rejects(),
          r == null ? null : r.metrics(), res, outs, gateResults == null || gateResults.isEmpty() ? null : gateResults, err);
    }
  }

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Bumped when the layout changes incompatibly. */
  public static final int FORMAT = 1;

  public int format = FORMAT;
  public String runDate;
  public Status status;
  public String configHash;
  public String codeVersion;
  public String sparkApplicationId;
  public String sparkMaster;
  public String host;
  public Long pid;
  public String startedAt;
  public String endedAt;
  public int attempt;
  public String resumedFrom;
  public String error;
  public List<StageRecord> stages = new ArrayList<>();
  public Map<String, Object> retention;

  /** The record of a stage, if the manifest has one. */
  public Optional<StageRecord> stage(StepName name) {
    return stages.stream().filter(s -> s.name().equals(name.id())).findFirst();
  }

  /** Sets the record of a stage, keeping the stages in run order. */
  public void put(StageRecord record) {
    stages.removeIf(s -> s.name().equals(record.name()));
    stages.add(record);
    stages.sort((a, b) -> Integer.compare(StepName.of(a.name()).ordinal(), StepName.of(b.name()).ordinal()));
  }

  /** Drops the records of {@code from} and every later stage (they will run again). */
  public void dropFrom(StepName from) {
    stages.removeIf(s -> StepName.of(s.name()).ordinal() >= from.ordinal());
  }

  /** Row counts of every dataset the run published, by dataset name. */
  public Map<String, Long> datasetRows() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (StageRecord s : stages) {
      if (s.outputs() != null) {
        s.outputs().forEach((k, v) -> out.put(k, v.rows()));
      }
    }
    return out;
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static RunManifest fromJson(String json, String where) {
    try {
      return JSON.readValue(json, RunManifest.class);
    } catch (IOException e) {
      throw new org.gridlens.pipeline.GridLensException(
          org.gridlens.pipeline.GridLensException.Kind.STAGE_FAILED,
          "run manifest " + where + " is unreadable (" + e.getMessage().lines().findFirst().orElse("")
              + "); move it aside to start the date afresh",
          e);
    }
  }

  /** Where the manifest of a date lives. */
  public static String path(Warehouse w, java.time.LocalDate date) {
    return w.file("_runs/" + date + ".json");
  }
}
