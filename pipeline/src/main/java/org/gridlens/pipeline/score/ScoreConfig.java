package org.gridlens.pipeline.score;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridlens.pipeline.config.ConfigException;
import org.gridlens.pipeline.config.ConfigNode;

/**
 * Typed configuration of the {@code score} section of conf/gridlens.yaml (keys documented there
 * and in docs/scoring.md).
 *
 * @param weights relative weight per competitiveness indicator id; absent ids weigh 0 (reported,
 *     not scored)
 * @param opportunityWeights relative weight per opportunity indicator id
 */
public record ScoreConfig(
    Normalisation normalisation,
    Map<String, Double> weights,
    Map<String, Double> opportunityWeights,
    double strengthThreshold,
    double opportunityThreshold,
    int explainTop)
    implements Serializable {

  /** Built-in weights, used when {@code score.weights} is absent. */
  public static final Map<String, Double> DEFAULT_WEIGHTS = defaults();

  private static final Set<String> FIXED_IDS = fixedIds();

  public static ScoreConfig from(ConfigNode node) {
    node.allowOnly(
        "normalisation", "weights", "opportunity_weights", "strength_threshold",
        "opportunity_threshold", "explain_top");
    Normalisation norm = node.enumValue("normalisation", Normalisation.class, Normalisation.PERCENTILE_RANK);
    Map<String, Double> weights =
        node.child("weights").isPresent() ? node.numberMap("weights", 0, 1000) : DEFAULT_WEIGHTS;
    for (String id : weights.keySet()) {
      if (!FIXED_IDS.contains(id) && !Indicator.isCompetitorShare(id)) {
        throw node.child("weights").error(id,
            "unknown indicator (known: " + String.join(", ", FIXED_IDS) + ", competitor_share_<operator>)");
      }
    }
    requirePositiveSum(node, "weights", weights);
    Map<String, Double> opp =
        node.child("opportunity_weights").isPresent()
            ? node.numberMap("opportunity_weights", 0, 1000)
            : Map.of(Indicator.UNCOVERED_HOUSEHOLDS, 1.0, Indicator.ARPU_GAP, 1.0);
    for (String id : opp.keySet()) {
      if (Indicator.opportunity().stream().noneMatch(i -> i.id().equals(id))) {
        throw node.child("opportunity_weights").error(id,
            "unknown opportunity indicator (known: " + Indicator.UNCOVERED_HOUSEHOLDS + ", " + Indicator.ARPU_GAP + ")");
      }
    }
    requirePositiveSum(node, "opportunity_weights", opp);
    return new ScoreConfig(
        norm,
        Map.copyOf(weights),
        Map.copyOf(opp),
        node.number("strength_threshold", 50, 0, 100),
        node.number("opportunity_threshold", 50, 0, 100),
        node.integer("explain_top", 3, 1, 10));
  }

  /** The weights aligned with {@code indicators} (0 for an indicator without a weight). */
  public static double[] aligned(Map<String, Double> weights, List<Indicator> indicators) {
    double[] w = new double[indicators.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = weights.getOrDefault(indicators.get(i).id(), 0.0);
    }
    return w;
  }

  private static void requirePositiveSum(ConfigNode node, String key, Map<String, Double> w) {
    double sum = w.values().stream().mapToDouble(Double::doubleValue).sum();
    if (sum <= 0) {
      throw node.error(key, "at least one weight must be above 0 (weights are relative; they need not sum to 1)");
    }
  }

  /** Fails when a weighted competitor share names an operator that is not a competitor. */
  public void checkCompetitors(List<String> competitors, String source) {
    for (String id : weights.keySet()) {
      if (Indicator.isCompetitorShare(id)
          && competitors.stream().noneMatch(c -> Indicator.competitorShare(c).equals(id))) {
        throw new ConfigException(source + ": score.weights." + id
            + ": no such competitor in operators.prefixes (competitors: " + competitors + ")");
      }
    }
  }

  private static Map<String, Double> defaults() {
    Map<String, Double> w = new LinkedHashMap<>();
    w.put(Indicator.PENETRATION, 2.0);
    w.put(Indicator.NET_ADD_RATE, 1.0);
    w.put(Indicator.CHURN_RATE, 2.0);
    w.put(Indicator.ARPU, 1.0);
    w.put(Indicator.ARPU_TREND, 1.0);
    w.put(Indicator.VAS_PENETRATION, 1.0);
    w.put(Indicator.ONNET_SHARE, 3.0);
    w.put(Indicator.TOP_COMPETITOR_SHARE, 3.0);
    w.put(Indicator.COMPLAINTS_PER_1000, 1.0);
    w.put(Indicator.MEAN_RESOLUTION_HOURS, 0.5);
    w.put(Indicator.SATISFACTION, 0.5);
    w.put(Indicator.DROPPED_CALL_RATE, 1.0);
    return java.util.Collections.unmodifiableMap(w);
  }

  private static Set<String> fixedIds() {
    Set<String> ids = new java.util.LinkedHashSet<>();
    for (Indicator i : Indicator.competitiveness(List.of())) {
      ids.add(i.id());
    }
    return java.util.Collections.unmodifiableSet(ids);
  }
}
