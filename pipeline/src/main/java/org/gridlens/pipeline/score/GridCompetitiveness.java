package org.gridlens.pipeline.score;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.gridlens.pipeline.schema.GridScores;
import org.gridlens.pipeline.schema.Schemas;

/**
 * The {@code score} transformation: per-grid indicators at both levels, scored within each level
 * (one Spark group per level, the maths in {@link CompetitivenessScorer}), ranked and given a
 * strategy. Output rows follow {@link #schema(List)}, sorted by grid id.
 */
public final class GridCompetitiveness {

  private final ScoreConfig config;
  private final List<String> competitors;

  public GridCompetitiveness(ScoreConfig config, List<String> competitors) {
    this.config = config;
    this.competitors = List.copyOf(competitors);
  }

  /** Columns of customer_view the stage needs. */
  public List<String> customerColumns() {
    return new GridIndicators(competitors).customerColumns();
  }

  /** The {@code grid_scores} schema for the given competitors. */
  public static StructType schema(List<String> competitors) {
    List<StructField> f = new ArrayList<>(List.of(
        Schemas.field(GridScores.GRID_ID, DataTypes.StringType, false),
        Schemas.field(GridScores.NAME, DataTypes.StringType, true),
        Schemas.field(GridScores.LEVEL, DataTypes.StringType, false),
        Schemas.field(GridScores.PARENT_ID, DataTypes.StringType, true),
        Schemas.field(GridScores.MANAGER, DataTypes.StringType, true),
        Schemas.field(GridScores.GRID_KIND, DataTypes.StringType, true),
        Schemas.field(GridScores.HOUSEHOLDS, DataTypes.LongType, true),
        Schemas.field(GridScores.CUSTOMERS, DataTypes.LongType, false),
        Schemas.field(GridScores.SCORE, DataTypes.DoubleType, false),
        Schemas.field(GridScores.RANK, DataTypes.IntegerType, false),
        Schemas.field(GridScores.GRIDS_IN_LEVEL, DataTypes.IntegerType, false),
        Schemas.field(GridScores.OPPORTUNITY, DataTypes.DoubleType, false),
        Schemas.field(GridScores.STRATEGY, DataTypes.StringType, false),
        Schemas.field(GridScores.STRENGTHS, DataTypes.StringType, false),
        Schemas.field(GridScores.WEAKNESSES, DataTypes.StringType, false)));
    for (Indicator i : allIndicators(competitors)) {
      f.add(Schemas.field(GridScores.indicator(i.id()), DataTypes.DoubleType, true));
    }
    for (Indicator i : allIndicators(competitors)) {
      f.add(Schemas.field(GridScores.normalised(i.id()), DataTypes.DoubleType, true));
    }
    return DataTypes.createStructType(f);
  }

  static List<Indicator> allIndicators(List<String> competitors) {
    List<Indicator> all = new ArrayList<>(Indicator.competitiveness(competitors));
    all.addAll(Indicator.opportunity());
    return all;
  }

  public Dataset<Row> apply(
      Dataset<Row> customerView, Dataset<Row> grids, Dataset<Row> cellAssignment, Dataset<Row> cdr) {
    Dataset<Row> raw = new GridIndicators(competitors).apply(customerView, grids, cellAssignment, cdr);
    StructType out = schema(competitors);
    LevelScorer scorer = new LevelScorer(config, competitors, raw.schema());
    return raw.groupByKey((MapFunction<Row, String>) r -> r.getString(r.fieldIndex(GridScores.LEVEL)), Encoders.STRING())
        .flatMapGroups(scorer, Encoders.row(out))
        .orderBy(col(GridScores.GRID_ID))
        .coalesce(1);
  }

  /** Scores the grids of one level; runs inside a Spark group. */
  static final class LevelScorer implements FlatMapGroupsFunction<String, Row, Row> {
    private static final long serialVersionUID = 1L;
    private final ScoreConfig config;
    private final List<String> competitors;
    private final StructType in;

    LevelScorer(ScoreConfig config, List<String> competitors, StructType in) {
      this.config = config;
      this.competitors = competitors;
      this.in = in;
    }

    @Override
    public Iterator<Row> call(String level, Iterator<Row> rows) {
      List<Row> grids = new ArrayList<>();
      rows.forEachRemaining(grids::add);
      // the scorer's ranks do not depend on input order, but sorting keeps explanations stable
      grids.sort((a, b) -> a.getString(in.fieldIndex(GridScores.GRID_ID))
          .compareTo(b.getString(in.fieldIndex(GridScores.GRID_ID))));
      List<Indicator> comp = Indicator.competitiveness(competitors);
      List<Indicator> opp = Indicator.opportunity();
      List<String> ids = new ArrayList<>();
      double[][] compRaw = new double[grids.size()][];
      double[][] oppRaw = new double[grids.size()][];
      for (int g = 0; g < grids.size(); g++) {
        Row r = grids.get(g);
        ids.add(r.getString(in.fieldIndex(GridScores.GRID_ID)));
        compRaw[g] = values(r, comp);
        oppRaw[g] = new double[] {value(r, Indicator.UNCOVERED_HOUSEHOLDS), Double.NaN};
      }
      double[] arpuGap = LevelStatistics.gapBelowMedian(column(compRaw, comp.indexOf(byId(comp, Indicator.ARPU))));
      for (int g = 0; g < grids.size(); g++) {
        oppRaw[g][1] = arpuGap[g];
      }
      List<CompetitivenessScorer.Scored> scored = new CompetitivenessScorer(
          comp, ScoreConfig.aligned(config.weights(), comp), config.normalisation(), config.explainTop())
          .score(ids, compRaw);
      List<CompetitivenessScorer.Scored> opportunity = new CompetitivenessScorer(
          opp, ScoreConfig.aligned(config.opportunityWeights(), opp), config.normalisation(), config.explainTop())
          .score(ids, oppRaw);
      List<Row> out = new ArrayList<>();
      for (int g = 0; g < grids.size(); g++) {
        Row r = grids.get(g);
        CompetitivenessScorer.Scored s = scored.get(g);
        double opScore = opportunity.get(g).score();
        List<Object> v = new ArrayList<>(Arrays.asList(
            r.get(in.fieldIndex(GridScores.GRID_ID)), r.get(in.fieldIndex(GridScores.NAME)), level,
            r.get(in.fieldIndex(GridScores.PARENT_ID)), r.get(in.fieldIndex(GridScores.MANAGER)),
            r.get(in.fieldIndex(GridScores.GRID_KIND)), r.get(in.fieldIndex(GridScores.HOUSEHOLDS)),
            r.get(in.fieldIndex(GridScores.CUSTOMERS)),
            round(s.score()), s.rank(), grids.size(), round(opScore),
            Strategy.of(s.score(), opScore, config.strengthThreshold(), config.opportunityThreshold()).id(),
            String.join(",", s.strengths()), String.join(",", s.weaknesses())));
        for (double x : compRaw[g]) {
          v.add(nullable(x));
        }
        for (double x : oppRaw[g]) {
          v.add(nullable(x));
        }
        for (double x : s.normalised()) {
          v.add(nullable(x));
        }
        for (double x : opportunity.get(g).normalised()) {
          v.add(nullable(x));
        }
        out.add(RowFactory.create(v.toArray()));
      }
      return out.iterator();
    }

    private double[] values(Row r, List<Indicator> inds) {
      double[] v = new double[inds.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = value(r, inds.get(i).id());
      }
      return v;
    }

    private double value(Row r, String id) {
      int idx = in.fieldIndex(GridScores.indicator(id));
      return r.isNullAt(idx) ? Double.NaN : ((Number) r.get(idx)).doubleValue();
    }
  }

  private static Indicator byId(List<Indicator> inds, String id) {
    return inds.stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
  }

  private static double[] column(double[][] m, int j) {
    double[] c = new double[m.length];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i][j];
    }
    return c;
  }

  private static Double nullable(double x) {
    return Double.isNaN(x) ? null : x;
  }

  /** Scores to 1e-6 so tiny floating-point differences between platforms do not change bytes. */
  private static double round(double x) {
    return Math.round(x * 1e6) / 1e6;
  }
}
