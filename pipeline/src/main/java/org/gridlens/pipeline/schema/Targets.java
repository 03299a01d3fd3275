package org.gridlens.pipeline.schema;

/** Ranked target lists (dataset {@code targets}): grid × offer × rank, partitioned by grid_id. */
public final class Targets {
  public static final String GRID_ID = "grid_id";
  public static final String OFFER_ID = "offer_id";
  public static final String RANK = "rank";
  public static final String CUSTOMER_ID = "customer_id";
  public static final String SEGMENT_LABEL = "segment_label";
  public static final String ARPU = "arpu";
  public static final String PROPENSITY = "propensity";
  public static final String EXPECTED_GAIN = "expected_gain";
  public static final String CONTROL = "control";
  public static final String REASONS_EN = "reasons_en";
  public static final String REASONS_ZH = "reasons_zh";
  public static final String CAMPAIGN_ID = "campaign_id";

  private Targets() {}
}
