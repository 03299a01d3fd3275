package org.gridlens.pipeline.geo;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Random;

/**
 * The GridIndex core without Spark (not a test): CPU time per point located, one thread, measured
 * with thread CPU time so a loaded shared machine still gives a usable figure.
 * Args: {@code <points> <grid counts, comma-separated>}.
 */
public final class GridIndexCpuBenchmark {

  private GridIndexCpuBenchmark() {}

  public static void main(String[] args) throws Exception {
    int points = Integer.parseInt(args[0]);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (String gc : args[1].split(",")) {
      List<GridIndex.Grid> hexes = AssignBenchmark.hexagons(Integer.parseInt(gc.trim()));
      GridIndex index = new GridIndex(hexes, 1.0);
      index.locate(120.3, 30.25); // builds the tree
      for (int round = 1; round <= 2; round++) {
        Random rnd = new Random(round);
        long found = 0;
        long cpu0 = mx.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        for (int i = 0; i < points; i++) {
          GridIndex.Location at = index.locate(120.0 + rnd.nextDouble() * 0.6, 30.0 + rnd.nextDouble() * 0.5);
          if (at != null) {
            found++;
          }
        }
        double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
        double wall = (System.nanoTime() - wall0) / 1e9;
        System.out.printf("RESULT core grids=%d round %d: %d points, %d located, %.0f points per CPU-second (wall %.1f s)%n",
            hexes.size(), round, points, found, points / cpu, wall);
      }
    }
  }
}
