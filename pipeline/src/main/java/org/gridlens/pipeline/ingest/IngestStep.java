package org.gridlens.pipeline.ingest;

import org.gridlens.pipeline.GridLensException;
import org.gridlens.pipeline.run.RunContext;
import org.gridlens.pipeline.run.Step;
import org.gridlens.pipeline.run.StepName;
import org.gridlens.pipeline.run.StepResult;

/** The `ingest` stage. */
public final class IngestStep implements Step {

  @Override
  public StepName name() {
    return StepName.INGEST;
  }

  @Override
  public StepResult run(RunContext ctx) {
    throw GridLensException.stageFailed("stage ingest is not built yet");
  }
}
