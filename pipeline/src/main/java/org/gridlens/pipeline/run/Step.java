package org.gridlens.pipeline.run;

/**
 * One stage's job at the edge of the pipeline: read the previous stages' outputs for the run date,
 * apply the stage's transformations, publish its outputs atomically through the {@link Warehouse}.
 * The transformations themselves live in the feature packages as plain {@code apply} classes.
 */
public interface Step {

  StepName name();

  /** Runs the stage for {@code ctx.runDate()}; throws a GridLensException on failure. */
  StepResult run(RunContext ctx);
}
