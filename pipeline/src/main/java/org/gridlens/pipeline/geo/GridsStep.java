package org.gridlens.pipeline.geo;

import org.gridlens.pipeline.GridLensException;
import org.gridlens.pipeline.run.RunContext;
import org.gridlens.pipeline.run.Step;
import org.gridlens.pipeline.run.StepName;
import org.gridlens.pipeline.run.StepResult;

/** The `grids` stage. */
public final class GridsStep implements Step {

  @Override
  public StepName name() {
    return StepName.GRIDS;
  }

  @Override
  public StepResult run(RunContext ctx) {
    throw GridLensException.stageFailed("stage grids is not built yet");
  }
}
