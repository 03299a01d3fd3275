package org.gridlens.pipeline.config;

import java.nio.file.Path;
import java.util.Map;
import org.gridlens.pipeline.features.ViewConfig;
import org.gridlens.pipeline.geo.GeoConfig;
import org.gridlens.pipeline.ingest.IngestConfig;
import org.gridlens.pipeline.run.RunConfig;
import org.gridlens.pipeline.score.ScoreConfig;
import org.gridlens.pipeline.segment.SegmentConfig;
import org.gridlens.pipeline.target.TargetConfig;
import org.gridlens.pipeline.uplift.UpliftConfig;

/**
 * The whole configuration of a run, read once from conf/gridlens.yaml (plus command-line
 * overrides) and validated before any Spark work starts. Each section belongs to one feature
 * package, which owns its record and its validation.
 *
 * @param source the file it was read from, for messages
 * @param hash SHA-256 of the effective configuration, for the run manifest
 */
public record GridLensConfig(
    String source,
    String hash,
    PathsConfig paths,
    OperatorPrefixes operators,
    IngestConfig ingest,
    GeoConfig geo,
    ViewConfig view,
    SegmentConfig segment,
    ScoreConfig score,
    UpliftConfig uplift,
    TargetConfig targets,
    RunConfig run) {

  /** Top-level sections, in file order. */
  static final String[] SECTIONS = {
    "paths", "operators", "ingest", "geo", "view", "segment", "score", "uplift", "targets", "run"
  };

  public static GridLensConfig load(Path file, Map<String, String> overrides) {
    ConfigNode root = ConfigLoader.load(file, overrides);
    return from(root, file.getParent());
  }

  /**
   * Builds the typed configuration. {@code confDir} is where files referenced by the
   * configuration (such as the offer catalog) are looked up when given as relative paths.
   */
  public static GridLensConfig from(ConfigNode root, Path confDir) {
    root.allowOnly(SECTIONS);
    return new GridLensConfig(
        root.file(),
        ConfigLoader.sha256(root.toString()),
        PathsConfig.from(root.child("paths")),
        OperatorPrefixes.from(root.child("operators")),
        IngestConfig.from(root.child("ingest")),
        GeoConfig.from(root.child("geo")),
        ViewConfig.from(root.child("view")),
        SegmentConfig.from(root.child("segment")),
        ScoreConfig.from(root.child("score")),
        UpliftConfig.from(root.child("uplift"), confDir),
        TargetConfig.from(root.child("targets")),
        RunConfig.from(root.child("run")));
  }

  public GridLensConfig withPaths(PathsConfig newPaths) {
    return new GridLensConfig(
        source, hash, newPaths, operators, ingest, geo, view, segment, score, uplift, targets, run);
  }
}
