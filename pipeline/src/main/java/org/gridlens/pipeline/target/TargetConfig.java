package org.gridlens.pipeline.target;

import org.gridlens.pipeline.config.ConfigNode;

/** Typed configuration of the `targets` section of conf/gridlens.yaml. */
public record TargetConfig() {

  public static TargetConfig from(ConfigNode node) {
    node.allowOnly();
    return new TargetConfig();
  }
}
