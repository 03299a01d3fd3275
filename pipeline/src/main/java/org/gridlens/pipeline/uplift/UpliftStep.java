package org.gridlens.pipeline.uplift;

import org.gridlens.pipeline.GridLensException;
import org.gridlens.pipeline.run.RunContext;
import org.gridlens.pipeline.run.Step;
import org.gridlens.pipeline.run.StepName;
import org.gridlens.pipeline.run.StepResult;

/** The `uplift` stage. */
public final class UpliftStep implements Step {

  @Override
  public StepName name() {
    return StepName.UPLIFT;
  }

  @Override
  public StepResult run(RunContext ctx) {
    throw GridLensException.stageFailed("stage uplift is not built yet");
  }
}
