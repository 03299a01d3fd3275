package org.gridlens.pipeline.uplift;

import java.nio.file.Path;
import org.gridlens.pipeline.config.ConfigNode;

/** Typed configuration of the {@code uplift} section of conf/gridlens.yaml. */
public record UpliftConfig() {

  public static UpliftConfig from(ConfigNode node, Path confDir) {
    node.allowOnly();
    return new UpliftConfig();
  }
}
