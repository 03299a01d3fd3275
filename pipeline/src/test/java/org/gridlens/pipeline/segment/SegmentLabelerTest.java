package org.gridlens.pipeline.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.gridlens.pipeline.schema.CustomerView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The labelling rules, one by one, with ties, thresholds and missing features. */
class SegmentLabelerTest {

  // arpu, data_mb, mo_minutes, age, roaming_share, distinct_cells, complaints, late, video, music
  static final List<String> F = SegmentConfig.DEFAULT_FEATURES;
  static final double[] CITY = {100, 5000, 300, 40, 0.05, 30, 0.5, 0.5, 10, 5};
  static final SegmentLabeler L = new SegmentLabeler(F, 1.25);

  static double[] with(int[] idx, double[] values) {
    double[] c = CITY.clone();
    for (int i = 0; i < idx.length; i++) {
      c[idx[i]] = values[i];
    }
    return c;
  }

  /** The value whose lift against {@code city} is exactly {@code ratio} (see logRatio's ε). */
  static double times(double city, double ratio) {
    double eps = 0.05 * city + 1e-6;
    return ratio * (city + eps) - eps;
  }

  static Stream<Arguments> eachRule() {
    return Stream.of(
        Arguments.of(with(new int[] {6, 7}, new double[] {3, 2}), "at_risk_complainer", "风险客户：投诉与欠费"),
        Arguments.of(with(new int[] {4, 5}, new double[] {0.3, 90}), "business_traveller", "商旅客户：漫游·多基站"),
        Arguments.of(with(new int[] {3, 8}, new double[] {22, 40}), "young_streamer", "年轻·视频达人"),
        Arguments.of(with(new int[] {3, 2}, new double[] {68, 900}), "voice_senior", "语音型·银发客户"),
        Arguments.of(with(new int[] {0, 1}, new double[] {220, 30000}), "high_value_data", "高价值·流量型"),
        Arguments.of(with(new int[] {0, 1}, new double[] {30, 1000}), "price_sensitive", "低消费·价格敏感"),
        Arguments.of(CITY.clone(), "mainstream", "大众客户"));
  }

  @ParameterizedTest
  @MethodSource("eachRule")
  void eachRuleFiresOnItsArchetype(double[] centroid, String id, String zh) {
    SegmentLabeler.Label l = L.label(centroid, CITY, CITY);
    assertEquals(id, l.id());
    assertEquals(zh, l.zh());
    assertTrue(l.descriptionEn().startsWith(l.en() + ": "), l.descriptionEn());
    assertTrue(l.descriptionZh().startsWith(zh + "："), l.descriptionZh());
    assertTrue(l.descriptionEn().contains("city"), l.descriptionEn());
    assertTrue(l.descriptionZh().contains("全市"), l.descriptionZh());
  }

  @Test
  void oneConditionAloneDoesNotFire() {
    // complaints high but late payments at the city level: not at risk
    assertEquals("mainstream", L.label(with(new int[] {6}, new double[] {3}), CITY, CITY).id());
  }

  @Test
  void highAgainstTheCityButNotAgainstTheGridDoesNotFire() {
    double[] c = with(new int[] {0, 1}, new double[] {220, 30000});
    double[] richGrid = with(new int[] {0, 1}, new double[] {200, 28000});
    assertEquals("mainstream", L.label(c, richGrid, CITY).id());
    assertEquals("high_value_data", L.label(c, CITY, CITY).id());
  }

  @Test
  void liftJustBelowTheThresholdDoesNotFireAndJustAboveDoes() {
    // eps = 5% of the city value: ratio (v + 5) / (100 + 5)
    double below = 1.24 * 105 - 5;
    double above = 1.26 * 105 - 5;
    double dataAbove = 1.26 * 5250 - 250;
    assertEquals("mainstream", L.label(with(new int[] {0, 1}, new double[] {below, dataAbove}), CITY, CITY).id());
    assertEquals("high_value_data", L.label(with(new int[] {0, 1}, new double[] {above, dataAbove}), CITY, CITY).id());
  }

  @Test
  void strongestRuleWins() {
    // high value (×2.2) and at risk (×5): at risk is stronger
    double[] c = with(new int[] {0, 1, 6, 7}, new double[] {220, 11000, 3, 3});
    assertEquals("at_risk_complainer", L.label(c, CITY, CITY).id());
    // high value (×3) stronger than a mild risk (×1.4)
    double[] d = with(new int[] {0, 1, 6, 7}, new double[] {310, 16000, 0.75, 0.75});
    assertEquals("high_value_data", L.label(d, CITY, CITY).id());
  }

  @Test
  void tieGoesToTheRuleListedFirst() {
    // at risk and business traveller with exactly equal weakest lifts (×4 against the city)
    double complaints = times(0.5, 4);
    double roaming = times(0.05, 4);
    double cells = times(30, 4);
    double[] c = with(new int[] {4, 5, 6, 7}, new double[] {roaming, cells, complaints, complaints});
    SegmentLabeler.Label l = L.label(c, CITY, CITY);
    assertEquals("at_risk_complainer", l.id());
    // the same lifts on traveller + streamer: traveller is listed before streamer
    double age = times(40, 0.25);
    double video = times(10, 4);
    double[] e = with(new int[] {3, 4, 5, 8}, new double[] {age, roaming, cells, video});
    assertEquals("business_traveller", L.label(e, CITY, CITY).id());
  }

  @Test
  void rulesOnFeaturesNotSegmentedAreSkipped() {
    List<String> noAge =
        List.of(CustomerView.ARPU, CustomerView.DATA_VOLUME_MB, CustomerView.vasUsage("video"));
    SegmentLabeler l = new SegmentLabeler(noAge, 1.25);
    // very young-streamer-like video use, but age is not a feature: no young_streamer
    assertEquals("mainstream", l.label(new double[] {100, 5000, 60}, new double[] {100, 5000, 10}, new double[] {100, 5000, 10}).id());
    assertEquals("high_value_data", l.label(new double[] {300, 20000, 10}, new double[] {100, 5000, 10}, new double[] {100, 5000, 10}).id());
  }

  @Test
  void mainstreamDescriptionShowsTheTwoMostDistinctFeatures() {
    double[] c = with(new int[] {9, 2}, new double[] {12, 400});
    SegmentLabeler.Label l = L.label(c, CITY, CITY);
    assertEquals("mainstream", l.id());
    assertEquals(
        "mainstream: music uses 12.0 (grid 5.0, city 5.0); outgoing minutes 400 (grid 300, city 300)", l.descriptionEn());
    assertEquals("大众客户：音乐业务次数12.0（网格5.0，全市5.0）；主叫分钟400（网格300，全市300）", l.descriptionZh());
  }

  @Test
  void sharesArePrintedAsPercentages() {
    assertEquals("35%", SegmentLabeler.fmt(CustomerView.ROAMING_SHARE, 0.35));
    assertEquals("182", SegmentLabeler.fmt(CustomerView.ARPU, 182.3));
    assertEquals("18.2", SegmentLabeler.fmt(CustomerView.ARPU, 18.23));
  }
}
