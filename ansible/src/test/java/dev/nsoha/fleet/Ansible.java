package dev.nsoha.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's ansible-core on this machine: its tools and the Python that runs them. In CI ({@code
 * CI=true}) a missing ansible-core fails the test; elsewhere the test is skipped with one message.
 */
final class Ansible {
  final Path playbook;
  final Path galaxy;
  final Path doc;
  final Path python;

  private Ansible(Path playbook, Path galaxy, Path doc, Path python) {
    this.playbook = playbook;
    this.galaxy = galaxy;
    this.doc = doc;
    this.python = python;
  }

  static Ansible require() {
    Path playbook = onPath("ansible-playbook");
    Path galaxy = onPath("ansible-galaxy");
    Path doc = onPath("ansible-doc");
    if (playbook == null || galaxy == null || doc == null) {
      String message =
          "ansible-core is not installed (apt-get install ansible-core); the fleet tests run real"
              + " ansible-playbook";
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(message);
      }
      Assumptions.abort(message);
    }
    return new Ansible(playbook, galaxy, doc, interpreter(playbook));
  }

  /** The Python of ansible-playbook's first line: the one that can import ansible. */
  private static Path interpreter(Path playbook) {
    try {
      List<String> lines = Files.readAllLines(playbook, StandardCharsets.UTF_8);
      String first = lines.isEmpty() ? "" : lines.get(0);
      if (first.startsWith("#!")) {
        String[] words = first.substring(2).trim().split("\\s+");
        String exe = words[0].endsWith("/env") && words.length > 1 ? words[1] : words[0];
        Path p = exe.contains("/") ? Path.of(exe) : onPath(exe);
        if (p != null && Files.isExecutable(p)) {
          return p;
        }
      }
    } catch (IOException e) {
      throw new AssertionError("cannot read " + playbook + ": " + e, e);
    }
    throw new AssertionError("cannot tell which Python runs " + playbook);
  }

  private static Path onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /** The environment that keeps Ansible's output plain and its files inside {@code work}. */
  static Map<String, String> env(Path work) {
    return Map.of(
        "ANSIBLE_NOCOLOR",
        "1",
        "ANSIBLE_FORCE_COLOR",
        "0",
        "ANSIBLE_LOCAL_TEMP",
        work.resolve("ansible-tmp").toString(),
        "ANSIBLE_HOME",
        work.resolve("ansible-home").toString());
  }
}
