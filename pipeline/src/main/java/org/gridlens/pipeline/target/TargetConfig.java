package org.gridlens.pipeline.target;

import java.time.LocalDate;
import org.gridlens.pipeline.config.ConfigNode;
import org.gridlens.pipeline.export.ExportLocale;

/**
 * Typed configuration of the {@code targets} section of conf/gridlens.yaml: the contact policy
 * (who may be listed, how many offers and customers per grid), the control group and the
 * language of the exports. docs/exports.md explains each rule.
 *
 * @param maxOffersPerCustomer offers listed per customer per run (1 = next best offer only)
 * @param capacityPerGrid most customers one grid manager works in a cycle
 * @param minExpectedGain smallest expected monthly gain (yuan) worth a contact
 * @param controlShare share of every grid × offer list held out as control group, in [0, 0.5]
 * @param campaignId fixed campaign id, or null to derive one from the run date
 * @param optOutFile CSV of customers who refused (personalised) marketing, or null
 * @param contactHistoryFile CSV of past contacts (customer_id, contacted_at), or null
 * @param contactCooldownDays days after a contact during which a customer is not listed again
 * @param locale language of the CSV headings, segment labels and reasons
 */
public record TargetConfig(
    int maxOffersPerCustomer,
    int capacityPerGrid,
    double minExpectedGain,
    double controlShare,
    String campaignId,
    String optOutFile,
    String contactHistoryFile,
    int contactCooldownDays,
    ExportLocale locale) {

  public static final int DEFAULT_MAX_OFFERS = 1;
  public static final int DEFAULT_CAPACITY = 200;
  public static final double DEFAULT_MIN_GAIN = 0.5;
  public static final double DEFAULT_CONTROL_SHARE = 0.10;
  public static final int DEFAULT_COOLDOWN_DAYS = 30;

  /** The built-in defaults (what an empty {@code targets:} section gives). */
  public static TargetConfig defaults() {
    return new TargetConfig(
        DEFAULT_MAX_OFFERS, DEFAULT_CAPACITY, DEFAULT_MIN_GAIN, DEFAULT_CONTROL_SHARE, null, null,
        null, DEFAULT_COOLDOWN_DAYS, ExportLocale.ZH);
  }

  public static TargetConfig from(ConfigNode node) {
    node.allowOnly(
        "max_offers_per_customer", "capacity_per_grid", "min_expected_gain", "control_share",
        "campaign_id", "opt_out_file", "contact_history_file", "contact_cooldown_days", "locale");
    String campaign = blankToNull(node.string("campaign_id", null));
    if (campaign != null && !campaign.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
      throw node.error(
          "campaign_id", "expected 1-64 letters, digits, '.', '_' or '-' (starting with a letter or digit), got '"
              + campaign + "'");
    }
    return new TargetConfig(
        node.integer("max_offers_per_customer", DEFAULT_MAX_OFFERS, 1, 50),
        node.integer("capacity_per_grid", DEFAULT_CAPACITY, 1, 1_000_000),
        node.number("min_expected_gain", DEFAULT_MIN_GAIN, 0, 1_000_000),
        node.number("control_share", DEFAULT_CONTROL_SHARE, 0, 0.5),
        campaign,
        blankToNull(node.string("opt_out_file", null)),
        blankToNull(node.string("contact_history_file", null)),
        node.integer("contact_cooldown_days", DEFAULT_COOLDOWN_DAYS, 0, 3650),
        node.enumValue("locale", ExportLocale.class, ExportLocale.ZH));
  }

  /** The campaign id the control group is drawn with: the configured one or {@code run-D}. */
  public String campaignFor(LocalDate runDate) {
    return campaignId != null ? campaignId : "run-" + runDate;
  }

  public TargetConfig withLocale(ExportLocale l) {
    return new TargetConfig(
        maxOffersPerCustomer, capacityPerGrid, minExpectedGain, controlShare, campaignId, optOutFile,
        contactHistoryFile, contactCooldownDays, l);
  }

  public TargetConfig withCapacity(int capacity) {
    return new TargetConfig(
        maxOffersPerCustomer, capacity, minExpectedGain, controlShare, campaignId, optOutFile,
        contactHistoryFile, contactCooldownDays, locale);
  }

  public TargetConfig withMaxOffers(int offers) {
    return new TargetConfig(
        offers, capacityPerGrid, minExpectedGain, controlShare, campaignId, optOutFile,
        contactHistoryFile, contactCooldownDays, locale);
  }

  public TargetConfig withControlShare(double share) {
    return new TargetConfig(
        maxOffersPerCustomer, capacityPerGrid, minExpectedGain, share, campaignId, optOutFile,
        contactHistoryFile, contactCooldownDays, locale);
  }

  public TargetConfig withMinExpectedGain(double gain) {
    return new TargetConfig(
        maxOffersPerCustomer, capacityPerGrid, gain, controlShare, campaignId, optOutFile,
        contactHistoryFile, contactCooldownDays, locale);
  }

  public TargetConfig withFiles(String optOut, String contactHistory, int cooldownDays) {
    return new TargetConfig(
        maxOffersPerCustomer, capacityPerGrid, minExpectedGain, controlShare, campaignId, optOut,
        contactHistory, cooldownDays, locale);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
