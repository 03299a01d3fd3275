package org.gridlens.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gridlens.pipeline.config.ConfigException;
import org.gridlens.pipeline.export.ExportLocale;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TargetsCommandTest {

  private static TargetsCommand parse(String... extra) {
    String[] base = {"targets", "--date", "2026-10-31", "--conf", "../conf/gridlens.yaml"};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    CommandLine.ParseResult pr = GridLens.commandLine().parseArgs(args);
    return (TargetsCommand) pr.subcommand().commandSpec().userObject();
  }

  @Test
  void localeOptionOverridesTheFileAndIsValidatedLikeIt() {
    TargetsCommand plain = parse();
    assertEquals(ExportLocale.ZH, plain.adjust(plain.common.config()).targets().locale());

    TargetsCommand en = parse("--locale", "en");
    var adjusted = en.adjust(en.common.config());
    assertEquals(ExportLocale.EN, adjusted.targets().locale());
    assertTrue(!adjusted.hash().equals(plain.common.config().hash()), "the manifest's config hash sees --locale");

    TargetsCommand bad = parse("--locale", "fr");
    ConfigException e = assertThrows(ConfigException.class, () -> bad.adjust(bad.common.config()));
    assertTrue(e.getMessage().contains("targets.locale: expected one of [zh, en]"), e.getMessage());
  }
}
