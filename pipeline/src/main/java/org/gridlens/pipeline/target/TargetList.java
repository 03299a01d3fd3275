package org.gridlens.pipeline.target;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.gridlens.pipeline.run.Datasets;
import org.gridlens.pipeline.schema.Customers;
import org.gridlens.pipeline.schema.CustomerView;
import org.gridlens.pipeline.schema.Schemas;
import org.gridlens.pipeline.schema.Segments;
import org.gridlens.pipeline.schema.Targets;
import org.gridlens.pipeline.schema.UpliftScores;

/**
 * Turns the uplift rows (customer × offer) into the ranked lists grid managers work through
 * (名单制管理): applies the contact policy, draws the control group and ranks each grid × offer
 * list. No I/O: the step reads the inputs and publishes the outputs.
 *
 * <p>Order of work, each step deterministic: (1) exclusion rules per row, first failing rule wins
 * ({@link Exclusion}); (2) each customer's offers by expected gain, propensity, offer id, keeping
 * the best {@code max_offers_per_customer}; (3) the control draw per (customer, offer, campaign);
 * (4) capacity: the grid's customers ordered by their best offer's expected gain (then propensity,
 * customer id) are taken until {@code capacity_per_grid} customers the manager works (with at
 * least one non-control offer) are on the list; control customers ranked among them stay, as the
 * comparison group of exactly that population; (5) rank within grid × offer × control by expected
 * gain desc, propensity desc, customer id asc.
 */
public final class TargetList {

  /** Internal column: the first exclusion rule that applies, null when the row is listed. */
  public static final String EXCLUDED_BY = "excluded_by";

  private static final String VIEW_GRID = "_view_grid_id";
  private static final String OPTED_OUT = "_opted_out";
  private static final String RECENT = "_recently_contacted";
  private static final String OFFER_POS = "_offer_pos";
  private static final String BEST_GAIN = "_best_gain";
  private static final String BEST_PROPENSITY = "_best_propensity";
  private static final String WORKED = "_worked";
  private static final String WORKED_THROUGH = "_worked_through";
  private static final String WITHIN_CAPACITY = "_within_capacity";
  private static final String REASON_CUSTOMER = "_reason_customer_id";
  private static final String REASON_OFFER = "_reason_offer_id";

  /** Input column of the contact history as handed over by the step: the contact's day. */
  public static final String CONTACT_DATE = "contact_date";

  private final TargetConfig config;
  private final String campaignId;
  private final LocalDate runDate;

  public TargetList(TargetConfig config, LocalDate runDate) {
    this.config = config;
    this.runDate = runDate;
    this.campaignId = config.campaignFor(runDate);
  }

  /**
   * What {@link #apply} gives: every uplift row with its decision, and the published lists.
   * {@code eligibleDecisions} is the part of {@code decisions} that is worth caching when both are
   * read (the joins and windows over the eligible rows); the ineligible rest is a plain scan of
   * the uplift rows, most of them at scale.
   */
  public record Result(Dataset<Row> decisions, Dataset<Row> eligibleDecisions, Dataset<Row> targets) {}

  /**
   * @param uplift dataset uplift
   * @param view dataset customer_view (status, arpu, grid)
   * @param segments dataset segments (labels)
   * @param optOut customer ids that must never be listed (column customer_id), or null
   * @param contacts past contacts (customer_id, {@link #CONTACT_DATE} as DATE), or null
   */
  public Result apply(
      Dataset<Row> uplift, Dataset<Row> view, Dataset<Row> segments, Dataset<Row> optOut, Dataset<Row> contacts) {
    Schemas.require(
        uplift, Datasets.UPLIFT, UpliftScores.CUSTOMER_ID, UpliftScores.GRID_ID, UpliftScores.OFFER_ID,
        UpliftScores.ELIGIBLE, UpliftScores.PROPENSITY, UpliftScores.EXPECTED_GAIN, UpliftScores.REASONS_EN,
        UpliftScores.REASONS_ZH);
    Schemas.require(view, Datasets.CUSTOMER_VIEW, CustomerView.CUSTOMER_ID, CustomerView.STATUS, CustomerView.ARPU,
        CustomerView.GRID_ID);
    Schemas.require(segments, Datasets.SEGMENTS, Segments.CUSTOMER_ID, Segments.LABEL_EN, Segments.LABEL_ZH);

    Dataset<Row> offers =
        uplift.select(
            col(UpliftScores.CUSTOMER_ID).as(Targets.CUSTOMER_ID),
            col(UpliftScores.GRID_ID).as(Targets.GRID_ID),
            col(UpliftScores.OFFER_ID).as(Targets.OFFER_ID),
            col(UpliftScores.ELIGIBLE),
            col(UpliftScores.PROPENSITY).cast(DataTypes.DoubleType).as(Targets.PROPENSITY),
            col(UpliftScores.EXPECTED_GAIN).cast(DataTypes.DoubleType).as(Targets.EXPECTED_GAIN));
    // Most uplift rows are ineligible pairs: they fail the first rule whatever else is known about
    // the customer, so only the eligible ones go through the joins, windows and shuffles below.
    Column eligible = col(UpliftScores.ELIGIBLE).equalTo(true);
    Dataset<Row> rows =
        offers
            .filter(eligible)
            .join(
                view.select(
                    col(CustomerView.CUSTOMER_ID).as(Targets.CUSTOMER_ID),
                    col(CustomerView.STATUS),
                    col(CustomerView.ARPU).cast(DataTypes.DoubleType).as(Targets.ARPU),
                    col(CustomerView.GRID_ID).as(VIEW_GRID)),
                Targets.CUSTOMER_ID, "left")
            .withColumn(Targets.GRID_ID, coalesce(col(Targets.GRID_ID), col(VIEW_GRID)));
    rows = withFlag(rows, optOut, OPTED_OUT);
    rows = withFlag(rows, recentContacts(contacts), RECENT);

    Column status = col(CustomerView.STATUS);
    Column gain = col(Targets.EXPECTED_GAIN);
    Column rule =
        when(col(UpliftScores.ELIGIBLE).isNull().or(col(UpliftScores.ELIGIBLE).equalTo(false)), id(Exclusion.INELIGIBLE))
            .when(col(Targets.GRID_ID).isNull(), id(Exclusion.NO_GRID))
            .when(status.isNull(), id(Exclusion.NOT_IN_VIEW))
            .when(status.equalTo(Customers.STATUS_CLOSED), id(Exclusion.STATUS_CLOSED))
            .when(status.notEqual(Customers.STATUS_ACTIVE), id(Exclusion.STATUS_SUSPENDED))
            .when(col(OPTED_OUT), id(Exclusion.OPTED_OUT))
            .when(col(RECENT), id(Exclusion.RECENTLY_CONTACTED))
            .when(gain.isNull().or(gain.isNaN()).or(gain.lt(config.minExpectedGain())), id(Exclusion.BELOW_MIN_GAIN));
    rows = rows.withColumn(EXCLUDED_BY, rule);

    // Next best offer: a customer's surviving offers by gain; ties by propensity, then offer id.
    // (The rows come out of the join partitioned by customer, so these windows need no shuffle.)
    WindowSpec byCustomer =
        Window.partitionBy(col(Targets.CUSTOMER_ID), col(EXCLUDED_BY).isNull())
            .orderBy(gain.desc_nulls_last(), col(Targets.PROPENSITY).desc_nulls_last(), col(Targets.OFFER_ID).asc());
    rows =
        rows.withColumn(OFFER_POS, row_number().over(byCustomer))
            .withColumn(
                EXCLUDED_BY,
                when(col(EXCLUDED_BY).isNull().and(col(OFFER_POS).gt(config.maxOffersPerCustomer())),
                    id(Exclusion.OFFER_LIMIT))
                    .otherwise(col(EXCLUDED_BY)))
            .withColumn(
                Targets.CONTROL,
                ControlGroup.draw(col(Targets.CUSTOMER_ID), col(Targets.OFFER_ID), campaignId)
                    .lt(config.controlShare()))
            .withColumn(Targets.CAMPAIGN_ID, lit(campaignId));

    // Capacity counts the customers the manager works, in the order of their best offer. A
    // customer's figures are windows over the customer's rows rather than a grouped table joined
    // back (which read and joined the uplift rows a second time): the best offer is the listed row
    // at position 1, worked = one of the listed rows is not control.
    Column listed = col(EXCLUDED_BY).isNull();
    WindowSpec customer = Window.partitionBy(col(Targets.CUSTOMER_ID));
    rows =
        rows.withColumn(BEST_GAIN, max(when(listed.and(col(OFFER_POS).equalTo(1)), gain)).over(customer))
            .withColumn(
                BEST_PROPENSITY, max(when(listed.and(col(OFFER_POS).equalTo(1)), col(Targets.PROPENSITY))).over(customer))
            .withColumn(WORKED, max(when(listed, when(col(Targets.CONTROL), lit(0)).otherwise(lit(1)))).over(customer));
    // Every row of a customer shares the order key (customer id last), so a RANGE frame gives each
    // of them the running count through that customer; only the row at position 1 adds the
    // customer, so each listed customer is counted once.
    WindowSpec gridOrder =
        Window.partitionBy(col(Targets.GRID_ID))
            .orderBy(col(BEST_GAIN).desc_nulls_last(), col(BEST_PROPENSITY).desc_nulls_last(), col(Targets.CUSTOMER_ID).asc())
            .rangeBetween(Window.unboundedPreceding(), Window.currentRow());
    int cap = config.capacityPerGrid();
    Column workedThrough =
        sum(when(listed.and(col(OFFER_POS).equalTo(1)), col(WORKED)).otherwise(lit(0))).over(gridOrder);
    Dataset<Row> decided =
        rows.withColumn(WORKED_THROUGH, workedThrough)
            .withColumn(
                WITHIN_CAPACITY,
                when(col(WORKED).equalTo(1), col(WORKED_THROUGH).leq(cap)).otherwise(col(WORKED_THROUGH).lt(cap)))
            .withColumn(
                EXCLUDED_BY,
                when(col(EXCLUDED_BY).isNull().and(col(WITHIN_CAPACITY).equalTo(false)), id(Exclusion.OVER_CAPACITY))
                    .otherwise(col(EXCLUDED_BY)));

    // Every uplift row with its decision: the ineligible ones need nothing but the first rule.
    Dataset<Row> ineligible =
        offers.filter(not(eligible).or(col(UpliftScores.ELIGIBLE).isNull()))
            .select(col(Targets.CUSTOMER_ID), col(Targets.OFFER_ID), id(Exclusion.INELIGIBLE).as(EXCLUDED_BY),
                // a literal on both sides keeps the published campaign_id a non-null column
                lit(campaignId).as(Targets.CAMPAIGN_ID));
    Dataset<Row> eligibleDecisions =
        decided.select(
            col(Targets.CUSTOMER_ID), col(Targets.GRID_ID), col(Targets.OFFER_ID), col(Targets.CONTROL),
            col(Targets.ARPU), col(Targets.PROPENSITY), col(Targets.EXPECTED_GAIN), col(Targets.CAMPAIGN_ID),
            col(EXCLUDED_BY));
    Dataset<Row> decisions = eligibleDecisions.unionByName(ineligible, true);

    WindowSpec listOrder =
        Window.partitionBy(col(Targets.GRID_ID), col(Targets.OFFER_ID), col(Targets.CONTROL))
            .orderBy(gain.desc(), col(Targets.PROPENSITY).desc_nulls_last(), col(Targets.CUSTOMER_ID).asc());
    // The reason texts are the widest columns and only the listed rows need them: they are looked
    // up for those rows at the end (a few hundred per grid, small enough to broadcast, so the
    // uplift rows are not shuffled for it) instead of travelling through every join and window.
    Dataset<Row> listedRows = decisions.filter(col(EXCLUDED_BY).isNull());
    Dataset<Row> reasons =
        uplift.filter(col(UpliftScores.ELIGIBLE).equalTo(true))
            .select(
                col(UpliftScores.CUSTOMER_ID).as(REASON_CUSTOMER), col(UpliftScores.OFFER_ID).as(REASON_OFFER),
                col(UpliftScores.REASONS_EN).as(Targets.REASONS_EN), col(UpliftScores.REASONS_ZH).as(Targets.REASONS_ZH));
    Dataset<Row> targets =
        broadcast(listedRows)
            .join(reasons,
                col(Targets.CUSTOMER_ID).equalTo(col(REASON_CUSTOMER)).and(col(Targets.OFFER_ID).equalTo(col(REASON_OFFER))))
            .join(
                segments.select(
                    col(Segments.CUSTOMER_ID).as(Targets.CUSTOMER_ID),
                    col(Segments.LABEL_EN).as(Targets.SEGMENT_LABEL),
                    col(Segments.LABEL_ZH).as(Targets.SEGMENT_LABEL_ZH)),
                Targets.CUSTOMER_ID, "left")
            .withColumn(Targets.RANK, row_number().over(listOrder))
            .select(columnsOf(Targets.SCHEMA.fieldNames()));
    return new Result(decisions, eligibleDecisions, targets);
  }

  private static Column id(Exclusion e) {
    return lit(e.id());
  }

  private static Column[] columnsOf(String[] names) {
    Column[] cs = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      cs[i] = col(names[i]);
    }
    return cs;
  }

  /** {@code rows} with a flag column: true for the customer ids in {@code ids} (none when null). */
  private static Dataset<Row> withFlag(Dataset<Row> rows, Dataset<Row> ids, String flag) {
    if (ids == null) {
      return rows.withColumn(flag, lit(false));
    }
    Dataset<Row> flagged =
        ids.select(col(Targets.CUSTOMER_ID)).filter(col(Targets.CUSTOMER_ID).isNotNull()).distinct()
            .withColumn(flag, lit(true));
    return rows.join(flagged, Targets.CUSTOMER_ID, "left").withColumn(flag, coalesce(col(flag), lit(false)));
  }

  /** Customers contacted in the cooldown window: the run date and the days before it. */
  private Dataset<Row> recentContacts(Dataset<Row> contacts) {
    if (contacts == null || config.contactCooldownDays() == 0) {
      return null;
    }
    Column days = datediff(lit(java.sql.Date.valueOf(runDate)), col(CONTACT_DATE));
    return contacts.filter(days.geq(0).and(days.lt(config.contactCooldownDays())));
  }
}
