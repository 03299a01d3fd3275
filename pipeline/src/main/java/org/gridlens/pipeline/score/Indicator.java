package org.gridlens.pipeline.score;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One grid indicator: its id (the suffix of the {@code ind_}/{@code norm_} columns), words for
 * people, and which direction is good for the home operator. Definitions in docs/scoring.md.
 *
 * @param higherIsBetter false when a larger raw value means a weaker grid (churn, complaints...)
 */
public record Indicator(String id, String labelEn, String labelZh, boolean higherIsBetter)
    implements Serializable {

  public static final String ACTIVE_CUSTOMERS = "active_customers";
  public static final String PENETRATION = "penetration";
  public static final String NET_ADDS = "net_adds";
  public static final String NET_ADD_RATE = "net_add_rate";
  public static final String CHURN_RATE = "churn_rate";
  public static final String ARPU = "arpu";
  public static final String ARPU_TREND = "arpu_trend";
  public static final String REVENUE = "revenue";
  public static final String VAS_PENETRATION = "vas_penetration";
  public static final String ONNET_SHARE = "onnet_share";
  public static final String TOP_COMPETITOR_SHARE = "top_competitor_share";
  public static final String COMPLAINTS_PER_1000 = "complaints_per_1000";
  public static final String MEAN_RESOLUTION_HOURS = "mean_resolution_hours";
  public static final String SATISFACTION = "satisfaction";
  public static final String DROPPED_CALL_RATE = "dropped_call_rate";
  /** Opportunity axis: households in the grid that are not active customers. */
  public static final String UNCOVERED_HOUSEHOLDS = "uncovered_households";
  /** Opportunity axis: how far the grid's ARPU lies below its level's median ARPU (yuan). */
  public static final String ARPU_GAP = "arpu_gap";

  private static final String COMPETITOR_PREFIX = "competitor_share_";

  /** Share of contacts on one competitor's network. */
  public static String competitorShare(String operator) {
    return COMPETITOR_PREFIX + operator;
  }

  /** True for ids of the form competitor_share_&lt;operator&gt;. */
  public static boolean isCompetitorShare(String id) {
    return id.startsWith(COMPETITOR_PREFIX) && id.length() > COMPETITOR_PREFIX.length();
  }

  /** The competitiveness indicators, in column order; one share per competitor operator. */
  public static List<Indicator> competitiveness(List<String> competitors) {
    List<Indicator> out = new ArrayList<>();
    out.add(new Indicator(ACTIVE_CUSTOMERS, "active customers", "活跃客户数", true));
    out.add(new Indicator(PENETRATION, "household penetration", "家庭渗透率", true));
    out.add(new Indicator(NET_ADDS, "net adds", "净增客户数", true));
    out.add(new Indicator(NET_ADD_RATE, "net adds per 100 customers", "净增率", true));
    out.add(new Indicator(CHURN_RATE, "churn rate", "离网率", false));
    out.add(new Indicator(ARPU, "ARPU", "ARPU", true));
    out.add(new Indicator(ARPU_TREND, "ARPU trend", "ARPU趋势", true));
    out.add(new Indicator(REVENUE, "revenue", "收入", true));
    out.add(new Indicator(VAS_PENETRATION, "VAS penetration", "增值业务渗透率", true));
    out.add(new Indicator(ONNET_SHARE, "on-net share of contacts", "网内联系人占比", true));
    out.add(new Indicator(TOP_COMPETITOR_SHARE, "strongest competitor's share", "最强竞争对手占比", false));
    for (String c : competitors) {
      out.add(new Indicator(competitorShare(c), "share of " + c, c + "联系人占比", false));
    }
    out.add(new Indicator(COMPLAINTS_PER_1000, "complaints per 1,000 customers", "千客户投诉数", false));
    out.add(new Indicator(MEAN_RESOLUTION_HOURS, "complaint resolution hours", "投诉处理时长", false));
    out.add(new Indicator(SATISFACTION, "complaint satisfaction", "投诉满意度", true));
    out.add(new Indicator(DROPPED_CALL_RATE, "dropped-call rate", "掉话率", false));
    return out;
  }

  /** The opportunity indicators: more uncovered households, a larger ARPU gap = more room to grow. */
  public static List<Indicator> opportunity() {
    return List.of(
        new Indicator(UNCOVERED_HOUSEHOLDS, "uncovered households", "未覆盖家庭数", true),
        new Indicator(ARPU_GAP, "ARPU gap to the level median", "ARPU与中位数差距", true));
  }
}
