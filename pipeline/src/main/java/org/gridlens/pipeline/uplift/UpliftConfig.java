package org.gridlens.pipeline.uplift;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gridlens.pipeline.config.ConfigNode;
import org.gridlens.pipeline.schema.CustomerView;

/**
 * Typed configuration of the {@code uplift} section of conf/gridlens.yaml plus the offer catalog
 * it points to (keys documented there and in docs/uplift.md).
 *
 * @param offers the catalog; empty only when no catalog file exists (the stage then stops)
 * @param catalogFile where the catalog was looked for
 */
public record UpliftConfig(
    List<Offer> offers,
    String catalogFile,
    List<String> features,
    int maxTrainingRows,
    int testPercent,
    double lambda,
    int minClassRows,
    int topN,
    int reasons,
    long seed)
    implements Serializable {

  /** Model inputs used when {@code uplift.features} is absent (leaking ones are dropped per offer). */
  public static final List<String> DEFAULT_FEATURES = List.of(
      CustomerView.AGE_YEARS, CustomerView.TENURE_MONTHS, CustomerView.PLAN_FEE, CustomerView.ARPU,
      CustomerView.FEE_TREND, CustomerView.DATA_FEE_SHARE, CustomerView.VOICE_FEE_SHARE,
      CustomerView.VAS_FEE_TOTAL, CustomerView.VAS_SERVICES_USED, CustomerView.MO_MINUTES,
      CustomerView.MT_MINUTES, CustomerView.ACTIVE_DAYS, CustomerView.DISTINCT_CONTACTS,
      CustomerView.OFFPEAK_SHARE, CustomerView.ROAMING_SHARE, CustomerView.LONG_DISTANCE_SHARE,
      CustomerView.DATA_VOLUME_MB, CustomerView.SMS_COUNT, CustomerView.COMPLAINTS,
      CustomerView.ONNET_CONTACT_SHARE, CustomerView.LATE_PAYMENTS,
      CustomerView.vasUsage("music"), CustomerView.vasUsage("video"),
      CustomerView.vasUsage("cloud"), CustomerView.vasUsage("game"));

  public static UpliftConfig from(ConfigNode node, Path confDir) {
    node.allowOnly("offers_file", "features", "max_training_rows", "test_percent", "lambda",
        "min_class_rows", "top_n_per_grid", "reasons", "seed");
    String given = node.string("offers_file", null);
    Path base = confDir == null ? Path.of(".") : confDir;
    Path file = base.resolve(given == null ? "offers.yaml" : given);
    List<Offer> offers;
    if (Files.exists(file)) {
      offers = OfferCatalog.load(file);
    } else if (given != null) {
      throw node.error("offers_file", "offer catalog " + file + " does not exist");
    } else {
      offers = List.of();
    }
    List<String> features = node.strings("features", DEFAULT_FEATURES);
    var known = OfferCatalog.knownFeatures();
    for (int i = 0; i < features.size(); i++) {
      if (!known.contains(features.get(i))) {
        throw node.error("features[" + i + "]", "feature '" + features.get(i) + "' does not exist in CustomerView");
      }
    }
    return new UpliftConfig(
        offers,
        file.toString(),
        List.copyOf(features),
        node.integer("max_training_rows", 200_000, 100, 10_000_000),
        node.integer("test_percent", 25, 5, 50),
        node.number("lambda", 0.5, 0, 1e6),
        node.integer("min_class_rows", 20, 1, 1_000_000),
        node.integer("top_n_per_grid", 100, 1, 1_000_000),
        node.integer("reasons", 3, 1, 10),
        node.integer("seed", 20261031, 0, Integer.MAX_VALUE));
  }
}
