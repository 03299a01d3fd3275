package org.gridlens.pipeline.uplift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gridlens.pipeline.GridLensException;
import org.gridlens.pipeline.config.ConfigException;
import org.gridlens.pipeline.config.ConfigLoader;
import org.gridlens.pipeline.config.GridLensConfig;
import org.gridlens.pipeline.schema.CustomerView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OfferCatalogTest {

  private static final String GOOD = """
      offers:
        - id: video_vip
          name_en: Video pack
          name_zh: 视频会员包
          product: video
          price_increment: 15
          eligibility:
            customer_type: [individual]
            plan_fee: {min: 18, max: 288}
            rules: ["tenure_months >= 3"]
        - id: upgrade
          name_en: Upgrade
          name_zh: 升级
          product: plan_upgrade
          price_increment: 40
          eligibility:
            plan_fee: {min: 58, max: 88}
          adopted_when: plan_fee >= 128
      """;

  private static List<Offer> parse(String yaml) {
    return OfferCatalog.parse(ConfigLoader.parse(yaml, "offers.yaml", Map.of()));
  }

  @Test
  void theCommittedCatalogLoadsThroughTheMainConfiguration() {
    GridLensConfig c = GridLensConfig.load(Path.of("..", "conf", "gridlens.yaml"), Map.of());
    List<Offer> offers = c.uplift().offers();
    assertEquals(List.of("music_vip", "video_vip", "cloud_100g", "game_pass", "plan_upgrade_128"),
        offers.stream().map(Offer::id).toList());
    assertEquals(Product.PLAN_UPGRADE, offers.get(4).product());
    assertEquals(new Rule(CustomerView.PLAN_FEE, ">=", 128), offers.get(4).adoptedWhen());
  }

  @Test
  void defaultsFillInStatusAndTheVasAdoptionRule() {
    Offer v = parse(GOOD).get(0);
    assertEquals(List.of("active"), v.statuses());
    assertEquals(new Rule(CustomerView.vasUsage("video"), ">", 0), v.adoptedWhen());
    assertEquals(18.0, v.planFeeMin());
    assertEquals(List.of(new Rule(CustomerView.TENURE_MONTHS, ">=", 3)), v.rules());
  }

  @Test
  void theModelNeverSeesTheFeaturesThatDefineAdoption() {
    List<Offer> offers = parse(GOOD);
    assertTrue(offers.get(0).excludedFeatures().containsAll(List.of(
        CustomerView.vasUsage("video"), CustomerView.vasFee("video"), CustomerView.VAS_FEE_TOTAL)));
    assertTrue(offers.get(1).excludedFeatures().containsAll(List.of(CustomerView.PLAN_FEE, CustomerView.ARPU)));
    UpliftScoring s = new UpliftScoring(new UpliftConfig(offers, "x", UpliftConfig.DEFAULT_FEATURES,
        1000, 25, 0.5, 20, 10, 3, 1));
    assertTrue(!s.featuresOf(offers.get(0)).contains(CustomerView.vasUsage("video")));
    assertTrue(s.featuresOf(offers.get(0)).contains(CustomerView.vasUsage("music")), "cross-sell signal kept");
    assertTrue(!s.featuresOf(offers.get(1)).contains(CustomerView.PLAN_FEE));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown product      | product: video      | product: karaoke            | offers[0].product     | unknown product 'karaoke'
      negative increment   | price_increment: 15 | price_increment: -5         | offers[0].price_increment | must be above 0
      zero increment       | price_increment: 15 | price_increment: 0          | offers[0].price_increment | must be above 0
      unknown rule feature | tenure_months >= 3  | tenure_years >= 3           | offers[0].eligibility.rules[0] | feature 'tenure_years' does not exist in CustomerView
      unknown adoption     | plan_fee >= 128     | plan_price >= 128           | offers[1].adopted_when | feature 'plan_price' does not exist
      duplicate id         | id: upgrade         | id: video_vip               | offers[1].id          | duplicate offer id
      bad rule syntax      | tenure_months >= 3  | tenure_months about 3       | offers[0].eligibility.rules[0] | expected '<feature> <op> <number>'
      """)
  void badCatalogsStopWithBadConfigNamingTheOfferAndField(String what, String from, String to, String field, String message) {
    String yaml = GOOD.replace(from, to);
    ConfigException e = assertThrows(ConfigException.class, () -> parse(yaml));
    assertEquals(GridLensException.Kind.BAD_CONFIG, e.kind());
    String offer = field.startsWith("offers[0]") ? "video_vip" : (what.equals("duplicate id") ? "video_vip" : "upgrade");
    assertTrue(e.getMessage().contains("offers.yaml: " + field + ": offer '" + offer + "'"), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void aPlanUpgradeMustSayHowAdoptionShows() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> parse(GOOD.replace("    adopted_when: plan_fee >= 128\n", "")));
    assertTrue(e.getMessage().contains("offers[1].adopted_when: offer 'upgrade': is required"), e.getMessage());
  }

  @Test
  void aRuleOnAColumnTheViewAtHandLacksIsBadConfig() {
    List<Offer> offers = parse(GOOD);
    ConfigException e = assertThrows(ConfigException.class, () -> OfferCatalog.checkAgainst(
        offers, List.of(CustomerView.CUSTOMER_ID, CustomerView.CUSTOMER_TYPE, CustomerView.STATUS, CustomerView.PLAN_FEE),
        "conf/offers.yaml"));
    assertTrue(e.getMessage().contains("offer 'video_vip': feature 'tenure_months' does not exist in customer_view"),
        e.getMessage());
  }

  @Test
  void anExplicitCatalogFileThatDoesNotExistIsBadConfig() {
    ConfigException e = assertThrows(ConfigException.class, () -> GridLensConfig.from(
        ConfigLoader.parse("operators:\n  home: a\n  prefixes:\n    a: [138]\nuplift:\n  offers_file: nope.yaml\n",
            "test.yaml", Map.of()), Path.of(".")));
    assertTrue(e.getMessage().contains("uplift.offers_file: offer catalog"), e.getMessage());
  }
}
