package dev.nsoha.scenarios.containers;

import com.github.dockerjava.api.DockerClient;
import dev.nsoha.container.NsoSimImages;
import dev.nsoha.scenarios.ExitCodes;
import dev.nsoha.scenarios.input.UsageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Builds the simulator's container images. */
@Command(
    name = "image",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description =
        "Build the container image nso-sim:<version> of every bundled simulator install, offline:"
            + " FROM scratch with a jlink Java runtime, bash, GNU make and tar and busybox; nothing"
            + " is pulled. An image built from the same installs is kept (see docs/containers.md).",
    footer = {"", "Examples:", "  nso-ha-upgrade image", "  nso-ha-upgrade image --rebuild"})
public final class ImageCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--rebuild",
      description =
          "Build even when the image is up to date (default: build only what is missing).")
  boolean rebuild;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    try (DockerClient docker = ContainerHosts.engine()) {
      NsoSimImages images =
          NsoSimImages.locate(docker)
              .orElseThrow(
                  () ->
                      new UsageException(
                          "the simulator installs were not found; build them with 'make build'"));
      List<String> versions = images.versions();
      for (String v : versions) {
        long t0 = System.nanoTime();
        boolean fresh = rebuild || !images.upToDate(v);
        String tag = fresh ? images.build(v) : images.ensure(v);
        long size = docker.inspectImageCmd(tag).exec().getSize();
        out.printf(
            "%s  %.1f MB  %s%n",
            tag,
            size / 1e6,
            fresh
                ? String.format("built in %.1f s", (System.nanoTime() - t0) / 1e9)
                : "up to date");
        out.flush();
      }
      return ExitCodes.OK;
    }
  }
}
