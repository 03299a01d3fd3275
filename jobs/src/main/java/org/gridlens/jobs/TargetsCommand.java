package org.gridlens.jobs;

import org.gridlens.pipeline.config.GridLensConfig;
import org.gridlens.pipeline.run.StepName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code targets} job: {@link StageCommand} plus {@code --locale} for the exports' language. */
@Command(name = "targets", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Rank target customers per grid and offer; write Parquet and one masked CSV per grid.")
public final class TargetsCommand extends StageCommand {

  @Option(
      names = "--locale",
      paramLabel = "zh|en",
      description = "Language of the CSV headings, segment labels and reasons; overrides targets.locale.")
  String locale;

  @Override
  protected StepName stage() {
    return StepName.TARGETS;
  }

  /**
   * Applies {@code --locale} as the override {@code targets.locale}, so it is validated like the
   * file's value and counted in the configuration hash of the run manifest.
   */
  @Override
  protected GridLensConfig adjust(GridLensConfig config) {
    if (locale == null) {
      return config;
    }
    common.overrides.put("targets.locale", locale);
    return common.config();
  }
}
