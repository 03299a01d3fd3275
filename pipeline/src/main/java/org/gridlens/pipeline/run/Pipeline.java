package org.gridlens.pipeline.run;

import java.util.ArrayList;
import java.util.List;
import org.gridlens.pipeline.features.ViewStep;
import org.gridlens.pipeline.geo.AssignStep;
import org.gridlens.pipeline.geo.GridsStep;
import org.gridlens.pipeline.ingest.IngestStep;
import org.gridlens.pipeline.score.ScoreStep;
import org.gridlens.pipeline.segment.SegmentStep;
import org.gridlens.pipeline.target.TargetsStep;
import org.gridlens.pipeline.uplift.UpliftStep;

/** The stages in run order; the single place a stage name is bound to its implementation. */
public final class Pipeline {

  private Pipeline() {}

  public static Step step(StepName name) {
    return switch (name) {
      case INGEST -> new IngestStep();
      case GRIDS -> new GridsStep();
      case ASSIGN -> new AssignStep();
      case VIEW -> new ViewStep();
      case SEGMENT -> new SegmentStep();
      case SCORE -> new ScoreStep();
      case UPLIFT -> new UpliftStep();
      case TARGETS -> new TargetsStep();
    };
  }

  /** Every stage from {@code from} to the end, in order. */
  public static List<Step> stepsFrom(StepName from) {
    List<Step> out = new ArrayList<>();
    for (StepName n : StepName.values()) {
      if (n.ordinal() >= from.ordinal()) {
        out.add(step(n));
      }
    }
    return out;
  }
}
