package org.gridlens.pipeline.score;

import org.gridlens.pipeline.GridLensException;
import org.gridlens.pipeline.run.RunContext;
import org.gridlens.pipeline.run.Step;
import org.gridlens.pipeline.run.StepName;
import org.gridlens.pipeline.run.StepResult;

/** The `score` stage. */
public final class ScoreStep implements Step {

  @Override
  public StepName name() {
    return StepName.SCORE;
  }

  @Override
  public StepResult run(RunContext ctx) {
    throw GridLensException.stageFailed("stage score is not built yet");
  }
}
