package org.gridlens.jobs;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.gridlens.pipeline.config.GridLensConfig;
import org.gridlens.pipeline.generate.CityGenerator;
import org.gridlens.pipeline.generate.GenerateOptions;
import org.gridlens.pipeline.run.SparkSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gridlens generate}: writes a synthetic city (extracts + ground truth) with Spark. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Generate a synthetic city: every extract of the data contract under DIR/input/ and the "
        + "ground truth under DIR/truth/. Same options, same bytes, whatever the cluster.")
public final class GenerateCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(GenerateCommand.class);

  @Option(names = "--customers", required = true, paramLabel = "N", description = "Number of customers.")
  long customers;

  @Option(names = "--months", defaultValue = "3", paramLabel = "M",
      description = "Months of activity, ending with the end date's month (default: ${DEFAULT-VALUE}).")
  int months;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--end-date", defaultValue = "2026-10-31", paramLabel = "YYYY-MM-DD",
      description = "Last day of data, the run date the city is for (default: ${DEFAULT-VALUE}).")
  LocalDate endDate;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Output folder; its input/ and truth/ subfolders are replaced.")
  String out;

  @Option(names = "--grids", paramLabel = "G",
      description = "Number of leaf grids (default: about one per 500 customers, at least 4).")
  Integer grids;

  @Option(names = "--dirty-rate", defaultValue = "0.005", paramLabel = "RATE",
      description = "Probability of a planted dirty row next to each clean row (default: ${DEFAULT-VALUE}).")
  double dirtyRate;

  @Option(names = "--customers-per-file", defaultValue = "50000", paramLabel = "K",
      description = "Customers per output file of each extract; fixes the work split (default: ${DEFAULT-VALUE}).")
  int customersPerFile;

  @Option(names = "--conf", defaultValue = "conf/gridlens.yaml", paramLabel = "FILE",
      description = "Configuration file; its operators section gives the number prefixes (default: ${DEFAULT-VALUE}).")
  Path conf;

  @Override
  public Integer call() {
    GenerateOptions options = new GenerateOptions(customers, months, seed, endDate,
        grids != null ? grids : GenerateOptions.defaultGrids(customers), dirtyRate, customersPerFile);
    GridLensConfig config = GridLensConfig.load(conf, Map.of());
    boolean ownSession = !SparkSessions.active();
    SparkSession spark = SparkSessions.getOrCreate("gridlens generate", config.run().shufflePartitions());
    try {
      long t0 = System.nanoTime();
      CityGenerator.Result r = CityGenerator.generate(spark, options, config.operators(), out, 0);
      LOG.info("generate: {} customers, {} grids ({} leaves), {} cells, rows {}, dirty rows {} in {} s",
          r.customers(), r.grids(), r.leafGrids(), r.cells(), r.rows(), r.dirtyRows(),
          String.format("%.1f", (System.nanoTime() - t0) / 1e9));
      return ExitCodes.OK;
    } finally {
      if (ownSession) {
        spark.stop();
      }
    }
  }
}
