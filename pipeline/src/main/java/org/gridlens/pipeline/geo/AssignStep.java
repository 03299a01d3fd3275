package org.gridlens.pipeline.geo;

import org.gridlens.pipeline.GridLensException;
import org.gridlens.pipeline.run.RunContext;
import org.gridlens.pipeline.run.Step;
import org.gridlens.pipeline.run.StepName;
import org.gridlens.pipeline.run.StepResult;

/** The `assign` stage. */
public final class AssignStep implements Step {

  @Override
  public StepName name() {
    return StepName.ASSIGN;
  }

  @Override
  public StepResult run(RunContext ctx) {
    throw GridLensException.stageFailed("stage assign is not built yet");
  }
}
