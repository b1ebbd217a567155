package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium for the HTML report's tests: the DOM after load, and a screenshot. In CI
 * ({@code CI=true}) a missing Chromium fails the test; elsewhere the test is skipped with one
 * message.
 */
final class Chromium {
  private final Path executable;

  private Chromium(Path executable) {
    this.executable = executable;
  }

  /** The installed Chromium, or the test fails (CI) or is skipped (elsewhere). */
  static Chromium require() {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return new Chromium(p);
        }
      }
    }
    String message =
        "headless Chromium is not installed (apt-get install chromium); the HTML report test needs"
            + " it";
    if ("true".equals(System.getenv("CI"))) {
      Assertions.fail(message);
    }
    Assumptions.abort(message);
    throw new IllegalStateException("unreachable");
  }

  /** The DOM of {@code page} as Chromium serialises it after loading it. */
  String dumpDom(Path page, Path work) throws IOException, InterruptedException {
    return run(work, List.of("--dump-dom", page.toUri().toString()));
  }

  /** A PNG screenshot of {@code page} in a window of the given size. */
  Path screenshot(Path page, Path png, int width, int height, Path work)
      throws IOException, InterruptedException {
    run(
        work,
        List.of(
            "--screenshot=" + png.toAbsolutePath(),
            "--window-size=" + width + "," + height,
            "--hide-scrollbars",
            page.toUri().toString()));
    assertThat(png).isRegularFile();
    return png;
  }

  private String run(Path work, List<String> args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(work, "chromium-profile");
    List<String> cmd = new ArrayList<>();
    cmd.add(executable.toString());
    cmd.addAll(
        List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--user-data-dir=" + profile));
    cmd.addAll(args);
    Path stderr = work.resolve("chromium-stderr.txt");
    Process p =
        new ProcessBuilder(cmd)
            .redirectError(stderr.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      Assertions.fail("chromium did not finish within 120 s: " + Files.readString(stderr));
    }
    assertThat(p.exitValue())
        .as("chromium's exit code; stderr: %s", Files.readString(stderr))
        .isZero();
    return new String(out, StandardCharsets.UTF_8);
  }
}
