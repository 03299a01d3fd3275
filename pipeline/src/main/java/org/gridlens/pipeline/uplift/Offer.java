package org.gridlens.pipeline.uplift;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.gridlens.pipeline.schema.CustomerView;

/**
 * One offer of the catalog (conf/offers.yaml): what it adds, what it costs the customer per
 * month, who may get it and how current adoption shows in the customer view.
 *
 * @param customerTypes allowed customer types; empty = any
 * @param statuses allowed statuses; empty = any
 * @param planFeeMin lowest plan fee allowed (inclusive), null = no bound
 * @param planFeeMax highest plan fee allowed (inclusive), null = no bound
 */
public record Offer(
    String id,
    String nameEn,
    String nameZh,
    Product product,
    double priceIncrement,
    List<String> customerTypes,
    List<String> statuses,
    Double planFeeMin,
    Double planFeeMax,
    List<Rule> rules,
    Rule adoptedWhen)
    implements Serializable {

  /** Reason a customer is not eligible because they already have the product. */
  public static final String ALREADY_ADOPTED = "already_adopted";

  /** Every customer-view feature the offer's rules read. */
  public Set<String> ruleFeatures() {
    Set<String> f = new LinkedHashSet<>();
    if (!customerTypes.isEmpty()) {
      f.add(CustomerView.CUSTOMER_TYPE);
    }
    if (!statuses.isEmpty()) {
      f.add(CustomerView.STATUS);
    }
    if (planFeeMin != null || planFeeMax != null) {
      f.add(CustomerView.PLAN_FEE);
    }
    rules.forEach(r -> f.add(r.feature()));
    f.add(adoptedWhen.feature());
    return f;
  }

  /** Features the propensity model must not see: the adoption rule's and the product's. */
  public Set<String> excludedFeatures() {
    Set<String> f = new LinkedHashSet<>(product.leakingFeatures());
    f.add(adoptedWhen.feature());
    return f;
  }

  /** True when the customer already has the product (null feature = not adopted). */
  public Column adopted() {
    return adoptedWhen.toColumn();
  }

  /** One eligibility condition: the feature it reads, the test, the reason when it fails. */
  private record Check(String feature, Column ok, String reason) {}

  private List<Check> checks() {
    List<Check> checks = new ArrayList<>();
    if (!customerTypes.isEmpty()) {
      checks.add(new Check(CustomerView.CUSTOMER_TYPE,
          col(CustomerView.CUSTOMER_TYPE).isin(customerTypes.toArray()), CustomerView.CUSTOMER_TYPE));
    }
    if (!statuses.isEmpty()) {
      checks.add(new Check(CustomerView.STATUS, col(CustomerView.STATUS).isin(statuses.toArray()), CustomerView.STATUS));
    }
    if (planFeeMin != null || planFeeMax != null) {
      Column fee = col(CustomerView.PLAN_FEE).cast("double");
      Column ok = fee.isNotNull();
      if (planFeeMin != null) {
        ok = ok.and(fee.geq(planFeeMin));
      }
      if (planFeeMax != null) {
        ok = ok.and(fee.leq(planFeeMax));
      }
      checks.add(new Check(CustomerView.PLAN_FEE, ok, CustomerView.PLAN_FEE));
    }
    for (Rule r : rules) {
      checks.add(new Check(r.feature(), r.toColumn(), "rule: " + r));
    }
    return checks;
  }

  /**
   * The first eligibility rule the customer fails, in catalog order (customer_type, status,
   * plan_fee, rules, already adopted); null when eligible.
   */
  public Column ineligibleReason() {
    Column reason = null;
    for (Check c : checks()) {
      Column failed = org.apache.spark.sql.functions.coalesce(c.ok(), lit(false)).unary_$bang();
      reason = reason == null ? when(failed, lit(c.reason())) : reason.when(failed, lit(c.reason()));
    }
    return reason == null ? when(adopted(), lit(ALREADY_ADOPTED)) : reason.when(adopted(), lit(ALREADY_ADOPTED));
  }

  /**
   * An adopter the model may learn from: has the product and passes every eligibility rule that
   * does not read the adoption feature itself. (A plan upgrade's plan_fee range excludes every
   * adopter by construction; the adopters are still the examples of who takes it.)
   */
  public Column trainingAdopter() {
    Column ok = adopted();
    for (Check c : checks()) {
      if (!c.feature().equals(adoptedWhen.feature())) {
        ok = ok.and(org.apache.spark.sql.functions.coalesce(c.ok(), lit(false)));
      }
    }
    return ok;
  }
}
