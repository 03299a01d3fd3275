package org.gridlens.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** Version text for {@code --version}, from the build (jobs/src/main/resources/gridlens-version.properties). */
public final class VersionProvider implements CommandLine.IVersionProvider {

  /** The GridLens version this jar was built as. */
  public static String version() {
    Properties p = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("/gridlens-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return p.getProperty("version", "unknown");
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "GridLens " + version(),
      "Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ", Java " + System.getProperty("java.version")
    };
  }
}
