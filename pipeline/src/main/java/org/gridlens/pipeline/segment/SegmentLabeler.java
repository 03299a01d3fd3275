package org.gridlens.pipeline.segment;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gridlens.pipeline.schema.CustomerView;

/**
 * Names a segment from its centroid (original units) compared with its grid's and the city's
 * averages. Each archetype rule lists features that must stand out in one direction; a feature's
 * lift is the log ratio of centroid to average, and it counts only as far as it stands out against
 * BOTH the grid and the city (the smaller of the two lifts). A rule's score is its weakest
 * feature's lift; rules whose score reaches log(label_min_lift) fire, the highest score wins, ties
 * go to the rule listed first (risk before value: an at-risk segment must not hide behind another
 * name). Rules naming a feature that is not segmented are skipped. No rule firing: mainstream.
 */
public final class SegmentLabeler implements Serializable {

  /** A feature that must be high or low for a rule. */
  record Condition(String feature, boolean high) {}

  /** The archetype rules, in tie-break order, and the fallback. */
  public enum Rule {
    AT_RISK_COMPLAINER(
        "at_risk_complainer",
        "at risk: complaints and late payments",
        "风险客户：投诉与欠费",
        List.of(new Condition(CustomerView.COMPLAINTS, true), new Condition(CustomerView.LATE_PAYMENTS, true))),
    BUSINESS_TRAVELLER(
        "business_traveller",
        "business traveller",
        "商旅客户：漫游·多基站",
        List.of(new Condition(CustomerView.ROAMING_SHARE, true), new Condition(CustomerView.DISTINCT_CELLS, true))),
    YOUNG_STREAMER(
        "young_streamer",
        "young streamer",
        "年轻·视频达人",
        List.of(new Condition(CustomerView.AGE_YEARS, false), new Condition(CustomerView.vasUsage("video"), true))),
    VOICE_SENIOR(
        "voice_senior",
        "voice-heavy senior",
        "语音型·银发客户",
        List.of(new Condition(CustomerView.AGE_YEARS, true), new Condition(CustomerView.MO_MINUTES, true))),
    HIGH_VALUE_DATA(
        "high_value_data",
        "high-value, data heavy",
        "高价值·流量型",
        List.of(new Condition(CustomerView.ARPU, true), new Condition(CustomerView.DATA_VOLUME_MB, true))),
    PRICE_SENSITIVE(
        "price_sensitive",
        "low usage, price-sensitive",
        "低消费·价格敏感",
        List.of(new Condition(CustomerView.ARPU, false), new Condition(CustomerView.DATA_VOLUME_MB, false))),
    MAINSTREAM("mainstream", "mainstream", "大众客户", List.of());

    public final String id;
    public final String en;
    public final String zh;
    final List<Condition> conditions;

    Rule(String id, String en, String zh, List<Condition> conditions) {
      this.id = id;
      this.en = en;
      this.zh = zh;
      this.conditions = conditions;
    }
  }

  /** A segment's name and one-line descriptions. */
  public record Label(String id, String en, String zh, String descriptionEn, String descriptionZh) {}

  private static final Map<String, String[]> NAMES =
      Map.ofEntries(
          Map.entry(CustomerView.ARPU, new String[] {"ARPU", "月均消费(元)"}),
          Map.entry(CustomerView.DATA_VOLUME_MB, new String[] {"data MB", "流量(MB)"}),
          Map.entry(CustomerView.MO_MINUTES, new String[] {"outgoing minutes", "主叫分钟"}),
          Map.entry(CustomerView.AGE_YEARS, new String[] {"age", "年龄"}),
          Map.entry(CustomerView.ROAMING_SHARE, new String[] {"roaming share", "漫游通话占比"}),
          Map.entry(CustomerView.LONG_DISTANCE_SHARE, new String[] {"long-distance share", "长途通话占比"}),
          Map.entry(CustomerView.INTERNATIONAL_SHARE, new String[] {"international share", "国际通话占比"}),
          Map.entry(CustomerView.DISTINCT_CELLS, new String[] {"cells visited", "到访基站数"}),
          Map.entry(CustomerView.COMPLAINTS, new String[] {"complaints", "投诉次数"}),
          Map.entry(CustomerView.LATE_PAYMENTS, new String[] {"late payments", "逾期缴费次数"}),
          Map.entry(CustomerView.vasUsage("video"), new String[] {"video uses", "视频业务次数"}),
          Map.entry(CustomerView.vasUsage("music"), new String[] {"music uses", "音乐业务次数"}),
          Map.entry(CustomerView.OFFPEAK_SHARE, new String[] {"off-peak share", "闲时通话占比"}),
          Map.entry(CustomerView.FEE_TREND, new String[] {"fee trend", "消费趋势"}));

  private final List<String> features;
  private final double minLog;

  /**
   * @param features the segmentation features, in centroid order
   * @param minLift smallest ratio (≥ 1) a feature must stand out by, against grid and city
   */
  public SegmentLabeler(List<String> features, double minLift) {
    this.features = List.copyOf(features);
    this.minLog = Math.log(minLift);
  }

  /** Labels one centroid; all three arrays are in {@code features} order, original units. */
  public Label label(double[] centroid, double[] gridMean, double[] cityMean) {
    Rule best = Rule.MAINSTREAM;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (Rule r : Rule.values()) {
      double s = score(r, centroid, gridMean, cityMean);
      if (s >= minLog && s > bestScore + 1e-9) {
        best = r;
        bestScore = s;
      }
    }
    List<Integer> shown = new ArrayList<>();
    for (Condition c : best.conditions) {
      shown.add(features.indexOf(c.feature()));
    }
    if (shown.isEmpty()) {
      shown = mostDistinct(centroid, cityMean, 2);
    }
    StringBuilder en = new StringBuilder(best.en).append(": ");
    StringBuilder zh = new StringBuilder(best.zh).append("：");
    for (int n = 0; n < shown.size(); n++) {
      int j = shown.get(n);
      String f = features.get(j);
      String[] name = NAMES.getOrDefault(f, new String[] {f, f});
      if (n > 0) {
        en.append("; ");
        zh.append("；");
      }
      en.append(name[0]).append(' ').append(fmt(f, centroid[j]))
          .append(" (grid ").append(fmt(f, gridMean[j]))
          .append(", city ").append(fmt(f, cityMean[j])).append(')');
      zh.append(name[1]).append(fmt(f, centroid[j]))
          .append("（网格").append(fmt(f, gridMean[j]))
          .append("，全市").append(fmt(f, cityMean[j])).append('）');
    }
    return new Label(best.id, best.en, best.zh, en.toString(), zh.toString());
  }

  /** A rule's score: its weakest condition's lift; −∞ when a condition's feature is missing. */
  double score(Rule r, double[] centroid, double[] gridMean, double[] cityMean) {
    if (r.conditions.isEmpty()) {
      return Double.NEGATIVE_INFINITY;
    }
    double s = Double.POSITIVE_INFINITY;
    for (Condition c : r.conditions) {
      int j = features.indexOf(c.feature());
      if (j < 0) {
        return Double.NEGATIVE_INFINITY;
      }
      double vsGrid = logRatio(centroid[j], gridMean[j], cityMean[j]);
      double vsCity = logRatio(centroid[j], cityMean[j], cityMean[j]);
      double lift = c.high() ? Math.min(vsGrid, vsCity) : Math.min(-vsGrid, -vsCity);
      s = Math.min(s, lift);
    }
    return s;
  }

  /**
   * log((value + ε) / (reference + ε)) over values clamped at 0, with ε = 5% of the city average
   * (plus a tiny constant) so near-zero averages (complaints, shares) do not turn noise into lift.
   */
  static double logRatio(double value, double reference, double city) {
    double eps = 0.05 * Math.abs(city) + 1e-6;
    return Math.log((Math.max(value, 0) + eps) / (Math.max(reference, 0) + eps));
  }

  private List<Integer> mostDistinct(double[] centroid, double[] cityMean, int n) {
    List<Integer> idx = new ArrayList<>();
    for (int j = 0; j < features.size(); j++) {
      idx.add(j);
    }
    idx.sort(
        Comparator.comparingDouble((Integer j) -> -Math.abs(logRatio(centroid[j], cityMean[j], cityMean[j])))
            .thenComparingInt(j -> j));
    return idx.subList(0, Math.min(n, idx.size()));
  }

  static String fmt(String feature, double v) {
    if (feature.endsWith("_share")) {
      return String.format(Locale.ROOT, "%.0f%%", v * 100);
    }
    return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }
}
