package org.gridlens.pipeline.geo;

import org.gridlens.pipeline.config.ConfigNode;

/** Typed configuration of the `geo` section of conf/gridlens.yaml. */
public record GeoConfig() {

  public static GeoConfig from(ConfigNode node) {
    node.allowOnly();
    return new GeoConfig();
  }
}
