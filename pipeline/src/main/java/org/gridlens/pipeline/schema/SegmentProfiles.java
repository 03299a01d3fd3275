package org.gridlens.pipeline.schema;

/**
 * Grid × segment (dataset {@code segment_profiles}): size, share, centroid in original units,
 * label, description and a quality measure. The centroid is one column per segmentation feature,
 * named {@link #centroid(String)}.
 */
public final class SegmentProfiles {
  public static final String GRID_ID = "grid_id";
  public static final String MAIN_GRID_ID = "main_grid_id";
  public static final String SEGMENT_ID = "segment_id";
  public static final String SIZE = "size";
  public static final String SHARE = "share";
  public static final String LABEL = "label";
  public static final String LABEL_EN = "label_en";
  public static final String LABEL_ZH = "label_zh";
  public static final String DESCRIPTION_EN = "description_en";
  public static final String DESCRIPTION_ZH = "description_zh";
  public static final String K = "k";
  /** Mean silhouette width of the grid's model (on its silhouette sample), −1..1. */
  public static final String QUALITY = "quality";
  /** 1 − within-segment / total sum of squares of the grid's model, in the scaled feature space. */
  public static final String EXPLAINED_VARIANCE = "explained_variance";
  public static final String MODEL_SCOPE = "model_scope";

  public static String centroid(String feature) {
    return "centroid_" + feature;
  }

  private SegmentProfiles() {}
}
