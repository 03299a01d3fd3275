package org.gridlens.pipeline.ingest;

import org.gridlens.pipeline.config.ConfigNode;

/** Typed configuration of the `ingest` section of conf/gridlens.yaml. */
public record IngestConfig() {

  public static IngestConfig from(ConfigNode node) {
    node.allowOnly();
    return new IngestConfig();
  }
}
