package org.gridlens.pipeline.features;

import org.gridlens.pipeline.config.ConfigNode;

/** Typed configuration of the `view` section of conf/gridlens.yaml. */
public record ViewConfig() {

  public static ViewConfig from(ConfigNode node) {
    node.allowOnly();
    return new ViewConfig();
  }
}
