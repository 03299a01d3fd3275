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

  /**
   * The first eligibility rule the customer fails, in catalog order (customer_type, status,
   * plan_fee, rules, already adopted); null when eligible.
   */
  public Column ineligibleReason() {
    List<Column[]> checks = new ArrayList<>();
    if (!customerTypes.isEmpty()) {
      checks.add(new Column[] {col(CustomerView.CUSTOMER_TYPE).isin(customerTypes.toArray()), lit(CustomerView.CUSTOMER_TYPE)});
    }
    if (!statuses.isEmpty()) {
      checks.add(new Column[] {col(CustomerView.STATUS).isin(statuses.toArray()), lit(CustomerView.STATUS)});
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
      checks.add(new Column[] {ok, lit(CustomerView.PLAN_FEE)});
    }
    for (Rule r : rules) {
      checks.add(new Column[] {r.toColumn(), lit("rule: " + r)});
    }
    Column reason = null;
    for (Column[] c : checks) {
      Column failed = org.apache.spark.sql.functions.coalesce(c[0], lit(false)).unary_$bang();
      reason = reason == null ? when(failed, c[1]) : reason.when(failed, c[1]);
    }
    return reason == null ? when(adopted(), lit(ALREADY_ADOPTED)) : reason.when(adopted(), lit(ALREADY_ADOPTED));
  }

  /** Passes every eligibility rule except "not already adopted": the model's training population. */
  public Column inPopulation() {
    Column r = ineligibleReason();
    return r.isNull().or(r.equalTo(lit(ALREADY_ADOPTED)));
  }
}
