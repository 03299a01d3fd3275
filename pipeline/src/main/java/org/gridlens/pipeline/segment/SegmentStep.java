package org.gridlens.pipeline.segment;

import org.gridlens.pipeline.GridLensException;
import org.gridlens.pipeline.run.RunContext;
import org.gridlens.pipeline.run.Step;
import org.gridlens.pipeline.run.StepName;
import org.gridlens.pipeline.run.StepResult;

/** The `segment` stage. */
public final class SegmentStep implements Step {

  @Override
  public StepName name() {
    return StepName.SEGMENT;
  }

  @Override
  public StepResult run(RunContext ctx) {
    throw GridLensException.stageFailed("stage segment is not built yet");
  }
}
