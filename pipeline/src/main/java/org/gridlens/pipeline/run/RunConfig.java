package org.gridlens.pipeline.run;

import org.gridlens.pipeline.config.ConfigNode;

/** Typed configuration of the {@code run} section of conf/gridlens.yaml. */
public record RunConfig(int shufflePartitions) {

  public static RunConfig from(ConfigNode node) {
    node.allowOnly("shuffle_partitions");
    return new RunConfig(node.integer("shuffle_partitions", 16, 1, 100_000));
  }
}
