package org.gridlens.pipeline.features;

import org.gridlens.pipeline.GridLensException;
import org.gridlens.pipeline.run.RunContext;
import org.gridlens.pipeline.run.Step;
import org.gridlens.pipeline.run.StepName;
import org.gridlens.pipeline.run.StepResult;

/** The `view` stage. */
public final class ViewStep implements Step {

  @Override
  public StepName name() {
    return StepName.VIEW;
  }

  @Override
  public StepResult run(RunContext ctx) {
    throw GridLensException.stageFailed("stage view is not built yet");
  }
}
