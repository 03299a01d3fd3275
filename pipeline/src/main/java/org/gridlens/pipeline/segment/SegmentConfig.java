package org.gridlens.pipeline.segment;

import org.gridlens.pipeline.config.ConfigNode;

/** Typed configuration of the `segment` section of conf/gridlens.yaml. */
public record SegmentConfig() {

  public static SegmentConfig from(ConfigNode node) {
    node.allowOnly();
    return new SegmentConfig();
  }
}
