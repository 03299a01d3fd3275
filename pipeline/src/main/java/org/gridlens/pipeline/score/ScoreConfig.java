package org.gridlens.pipeline.score;

import org.gridlens.pipeline.config.ConfigNode;

/** Typed configuration of the `score` section of conf/gridlens.yaml. */
public record ScoreConfig() {

  public static ScoreConfig from(ConfigNode node) {
    node.allowOnly();
    return new ScoreConfig();
  }
}
