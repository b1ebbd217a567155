package dev.nsoha.scenarios;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;

/**
 * The training run for the distribution's class-data sharing archive: the distribution's {@code
 * bin/build-cds-archives} runs it once with {@code -XX:ArchiveClassesAtExit}, so that the classes
 * of the quick commands ({@code --help}, the commands' help, {@code plan}) are archived and later
 * runs map them instead of loading them from the jars. It runs those commands with their output
 * discarded; it changes nothing and reaches no node.
 */
public final class ProgramCdsTraining {
  private ProgramCdsTraining() {}

  public static void main(String[] args) {
    List<String[]> runs =
        List.of(
            new String[] {"--help"},
            new String[] {"--version"},
            new String[] {"example", "--help"},
            new String[] {"upgrade-nso", "--help"},
            new String[] {"upgrade-pkgs-sys", "--help"},
            new String[] {"status", "--help"},
            new String[] {"plan", "upgrade-nso"},
            new String[] {"plan", "upgrade-pkgs-sys"});
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    for (String[] run : runs) {
      Main.run(sink, sink, run);
    }
    System.exit(0);
  }
}
