package org.gridlens.pipeline.uplift;

import java.util.HashMap;
import java.util.Map;
import org.gridlens.pipeline.schema.CustomerView;

/** Reason codes in words: what a feature is called in English and Chinese, and which way it points. */
final class FeatureWords {

  private static final Map<String, String[]> WORDS = new HashMap<>();

  static {
    put(CustomerView.AGE_YEARS, "age", "年龄");
    put(CustomerView.TENURE_MONTHS, "tenure", "在网时长");
    put(CustomerView.PLAN_FEE, "plan fee", "套餐月费");
    put(CustomerView.ARPU, "ARPU", "ARPU");
    put(CustomerView.FEE_TREND, "bill trend", "账单趋势");
    put(CustomerView.DATA_FEE_SHARE, "share of data in the bill", "流量费占比");
    put(CustomerView.VOICE_FEE_SHARE, "share of voice in the bill", "语音费占比");
    put(CustomerView.VAS_FEE_TOTAL, "VAS spend", "增值业务消费");
    put(CustomerView.VAS_SERVICES_USED, "number of VAS services used", "使用增值业务数");
    put(CustomerView.MO_MINUTES, "outgoing call minutes", "主叫分钟数");
    put(CustomerView.MT_MINUTES, "incoming call minutes", "被叫分钟数");
    put(CustomerView.ACTIVE_DAYS, "active days", "活跃天数");
    put(CustomerView.DISTINCT_CONTACTS, "number of contacts", "联系人数");
    put(CustomerView.OFFPEAK_SHARE, "off-peak calling", "闲时通话占比");
    put(CustomerView.ROAMING_SHARE, "roaming calls", "漫游通话占比");
    put(CustomerView.LONG_DISTANCE_SHARE, "long-distance calls", "长途通话占比");
    put(CustomerView.DATA_VOLUME_MB, "data volume", "流量使用量");
    put(CustomerView.SMS_COUNT, "SMS count", "短信量");
    put(CustomerView.COMPLAINTS, "complaints", "投诉次数");
    put(CustomerView.ONNET_CONTACT_SHARE, "on-net contacts", "网内联系人占比");
    put(CustomerView.LATE_PAYMENTS, "late payments", "逾期缴费次数");
    put(CustomerView.vasUsage("music"), "music use", "音乐业务使用");
    put(CustomerView.vasUsage("video"), "video use", "视频业务使用");
    put(CustomerView.vasUsage("cloud"), "cloud storage use", "云盘业务使用");
    put(CustomerView.vasUsage("game"), "gaming use", "游戏业务使用");
  }

  private FeatureWords() {}

  private static void put(String feature, String en, String zh) {
    WORDS.put(feature, new String[] {en, zh});
  }

  /** "high data volume" / "low complaints" (z = the customer's standardised value). */
  static String english(String feature, double z) {
    String[] w = WORDS.getOrDefault(feature, new String[] {feature, feature});
    return (z >= 0 ? "high " : "low ") + w[0];
  }

  /** "流量使用量高" / "投诉次数低". */
  static String chinese(String feature, double z) {
    String[] w = WORDS.getOrDefault(feature, new String[] {feature, feature});
    return w[1] + (z >= 0 ? "高" : "低");
  }
}
