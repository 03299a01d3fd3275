package org.gridlens.jobs;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gridlens.pipeline.config.GridLensConfig;
import picocli.CommandLine.Option;

/**
 * Options every pipeline job shares (a Picocli mixin). They override the configuration file,
 * which overrides the built-in defaults (see ConfigLoader for the precedence rule).
 */
public final class CommonOptions {

  @Option(
      names = "--date",
      required = true,
      paramLabel = "YYYY-MM-DD",
      description = "Run date: the last day of data the run covers; every window ends on it.")
  LocalDate date;

  @Option(
      names = "--conf",
      paramLabel = "FILE",
      defaultValue = "conf/gridlens.yaml",
      description = "Configuration file (default: ${DEFAULT-VALUE}).")
  Path conf;

  @Option(
      names = "--input",
      paramLabel = "DIR",
      description = "Input root with one folder per extract; overrides paths.input.")
  String input;

  @Option(
      names = "--warehouse",
      paramLabel = "DIR",
      description = "Warehouse root for Parquet outputs, reports and manifests; overrides paths.warehouse.")
  String warehouse;

  @Option(
      names = "--exports",
      paramLabel = "DIR",
      description = "Root of the exports for people (CSV, GeoJSON); overrides paths.exports.")
  String exports;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override any configuration key, e.g. --set segment.k_max=8 (repeatable).")
  Map<String, String> overrides = new LinkedHashMap<>();

  /** The validated configuration with the command line applied on top. */
  public GridLensConfig config() {
    GridLensConfig c = GridLensConfig.load(conf, overrides);
    return c.withPaths(c.paths().withOverrides(input, warehouse, exports));
  }

  public LocalDate date() {
    return date;
  }
}
