package org.gridlens.pipeline.config;

/**
 * Where a run reads and writes. Each may be a local path or any URI Hadoop understands
 * ({@code file:}, {@code hdfs:}, {@code s3a:}).
 *
 * @param input root of the extracts, one folder per extract
 * @param warehouse root of the Parquet datasets, reports and run manifests
 * @param exports root of the files for people (CSV, GeoJSON)
 */
public record PathsConfig(String input, String warehouse, String exports) {

  static PathsConfig from(ConfigNode node) {
    node.allowOnly("input", "warehouse", "exports");
    return new PathsConfig(
        node.string("input", "sample-data/input"),
        node.string("warehouse", "target/warehouse"),
        node.string("exports", "target/exports"));
  }

  public PathsConfig withOverrides(String input, String warehouse, String exports) {
    return new PathsConfig(
        input != null ? input : this.input,
        warehouse != null ? warehouse : this.warehouse,
        exports != null ? exports : this.exports);
  }
}
