package dev.nsoha.scenarios.cli;

import dev.nsoha.scenarios.ExitCodes;
import dev.nsoha.scenarios.input.UsageException;
import dev.nsoha.scenarios.report.HtmlReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Renders an existing JSON run report as the HTML page. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description =
        "Render the JSON run report of an earlier run (written with --report) as one"
            + " self-contained HTML page: the timeline with a lane per node and the"
            + " write-unavailable window, the steps, the node states, the verification and the"
            + " backups. It connects to nothing and changes nothing.",
    footer = {
      "",
      "Examples:",
      "  nso-ha-upgrade report --html report.html report.json",
      "  nso-ha-upgrade report --html /media/usb/upgrade.html nso-run/report.json"
    })
public final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      required = true,
      description = "Write the HTML page to FILE (required, no default).")
  Path html;

  @Parameters(
      index = "0",
      paramLabel = "REPORT",
      description = "The JSON run report to render, as written by --report.")
  Path report;

  @Override
  public Integer call() {
    String json;
    try {
      json = Files.readString(report);
    } catch (IOException e) {
      throw new UsageException("cannot read the run report " + report + ": " + e.getMessage(), e);
    }
    String what;
    try {
      HtmlReport.write(json, html);
      what = "wrote " + html;
    } catch (UsageException e) {
      throw new UsageException(report + ": " + e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(what);
    out.flush();
    return ExitCodes.OK;
  }
}
