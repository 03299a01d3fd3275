package org.gridlens.pipeline.target;

import org.gridlens.pipeline.GridLensException;
import org.gridlens.pipeline.run.RunContext;
import org.gridlens.pipeline.run.Step;
import org.gridlens.pipeline.run.StepName;
import org.gridlens.pipeline.run.StepResult;

/** The `targets` stage. */
public final class TargetsStep implements Step {

  @Override
  public StepName name() {
    return StepName.TARGETS;
  }

  @Override
  public StepResult run(RunContext ctx) {
    throw GridLensException.stageFailed("stage targets is not built yet");
  }
}
