package dev.nsoha.scenarios.cli;

import dev.nsoha.core.plans.FastNsoVersionUpgrade.WritePolicy;
import dev.nsoha.core.spi.InstallerFile;
import dev.nsoha.host.install.ServiceManager;
import dev.nsoha.scenarios.Transports;
import dev.nsoha.scenarios.input.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Checks every option value the user gave, of every command, before the command looks at a host or
 * a node: closed sets of values name the valid ones, numbers must be in range, addresses must be
 * addresses or host names, files that are read must exist. A bad value is a {@link UsageException}
 * (exit 2, one line), never an exception from deep inside a run.
 *
 * <p>The checks are keyed by the option's name, so they hold for every command that has the option.
 * Values the user did not give are the program's defaults and are not checked. Stateless.
 */
public final class InputChecks {
  /** A check of one option's value; throws {@link UsageException} naming the option. */
  @FunctionalInterface
  private interface Check {
    void check(String option, Object value);
  }

  private static final Pattern HOST_NAME =
      Pattern.compile(
          "(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
              + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
  private static final Pattern DOTTED = Pattern.compile("[0-9.]+");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9]+)?");
  private static final Pattern CONTAINER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
  private static final Pattern TLS_PIN = Pattern.compile("sha256/[A-Za-z0-9+/]{43}=");

  private static final Map<String, Check> CHECKS = checks();

  private InputChecks() {}

  private static Map<String, Check> checks() {
    Map<String, Check> m = new LinkedHashMap<>();
    m.put(
        "--transport",
        (o, v) ->
            oneOf("transport", "transports", List.copyOf(Transports.create().names())).check(o, v));
    m.put("--strategy", oneOf("strategy", "strategies", List.of("seed", "fast")));
    m.put(
        "--read-write-after",
        oneOf(
            "write-window policy",
            "policies",
            Arrays.stream(WritePolicy.values()).map(WritePolicy::cliName)));
    m.put("--host", oneOf("host kind", "host kinds", List.of("local", "ssh")));
    m.put("--ha", oneOf("HA mode", "HA modes", List.of("rule", "raft")));
    m.put(
        "--service",
        oneOf(
            "service manager",
            "service managers",
            Arrays.stream(ServiceManager.values()).map(ServiceManager::cliName)));
    for (String port :
        List.of("--cli-port", "--restconf-port", "--restconf-tls-port", "--ssh-port")) {
      m.put(port, (o, v) -> range(o, v, 1, 65535, "a TCP port"));
    }
    // The example's nodes take consecutive IPC ports from this one, up to nine of them.
    m.put("--ipc-port", (o, v) -> range(o, v, 1, 65535 - 8, "a TCP port"));
    for (String seconds :
        List.of(
            "--request-timeout",
            "--ha-timeout",
            "--start-timeout",
            "--tool-timeout",
            "--ssh-timeout")) {
      m.put(seconds, (o, v) -> range(o, v, 1, 86_400, "a number of seconds"));
    }
    m.put("--nodes", (o, v) -> range(o, v, 2, 9, "a number of nodes"));
    m.put("--max-reply-size", (o, v) -> range(o, v, 1, 1_048_576, "a size in MiB"));
    m.put("--dummies", (o, v) -> range(o, v, 0, 10_000_000, "a number of entries"));
    m.put("--count", (o, v) -> range(o, v, 1, Integer.MAX_VALUE, "a number of rounds"));
    m.put("--max-parallel", (o, v) -> range(o, v, 0, Integer.MAX_VALUE, "a number of nodes"));
    for (String address : List.of("-a", "-b", "-c")) {
      m.put(address, InputChecks::address);
    }
    for (String file :
        List.of(
            "--password-file",
            "--ssh-key",
            "--ssh-key-passphrase-file",
            "--trust-store",
            "--trust-store-password-file",
            "--cluster-file",
            "--ha-token-file",
            "--host-ssh-key",
            "--sudo-password-file",
            "--package")) {
      m.put(file, InputChecks::existingFile);
    }
    m.put("--packages-dir", InputChecks::existingDirectory);
    m.put("--installer", InputChecks::installer);
    m.put("--tls-pin", InputChecks::tlsPin);
    m.put("--container-prefix", InputChecks::containerPrefix);
    m.put("--user", InputChecks::notBlank);
    m.put("--ssh-user", InputChecks::notBlank);
    m.put("--image", InputChecks::notBlank);
    m.put("--old-image", InputChecks::notBlank);
    return m;
  }

  /**
   * Checks every option given on the command line of {@code parsed} and of its subcommands.
   *
   * @throws UsageException for the first bad value, naming the option, the value and what it must
   *     be
   */
  public static void check(ParseResult parsed) {
    for (ParseResult pr = parsed; pr != null; pr = pr.subcommand()) {
      if (pr.isUsageHelpRequested() || pr.isVersionHelpRequested()) {
        return;
      }
    }
    for (ParseResult pr = parsed; pr != null; pr = pr.subcommand()) {
      for (OptionSpec o : pr.matchedOptions()) {
        Check c = CHECKS.get(o.longestName());
        if (c == null) {
          for (String name : o.names()) {
            c = c == null ? CHECKS.get(name) : c;
          }
        }
        if (c != null) {
          Object value = o.getValue();
          if (value instanceof Collection<?> values) {
            for (Object v : values) {
              c.check(o.longestName(), v);
            }
          } else if (value != null) {
            c.check(o.longestName(), value);
          }
        }
      }
    }
  }

  /** The names of the options this class checks, for tests and docs. */
  public static List<String> checkedOptions() {
    return List.copyOf(CHECKS.keySet());
  }

  private static Check oneOf(String noun, String plural, Stream<String> valid) {
    return oneOf(noun, plural, valid.toList());
  }

  /** {@code --transport: unknown transport 'x'; valid transports: cli, restconf}. */
  private static Check oneOf(String noun, String plural, List<String> valid) {
    return (option, value) -> {
      if (!valid.contains(String.valueOf(value))) {
        throw new UsageException(
            option
                + ": unknown "
                + noun
                + " "
                + quote(value)
                + "; valid "
                + plural
                + ": "
                + String.join(", ", valid)
                + ". Nothing was changed.");
      }
    };
  }

  private static void range(Object option, Object value, long min, long max, String what) {
    long n = ((Number) value).longValue();
    if (n < min || n > max) {
      throw new UsageException(
          option
              + " "
              + n
              + ": not "
              + what
              + "; give "
              + (max == Integer.MAX_VALUE
                  ? min + " or more"
                  : "a number from " + min + " to " + max)
              + ". Nothing was changed.");
    }
  }

  private static void address(String option, Object value) {
    String a = String.valueOf(value);
    boolean ok;
    if (a.contains(":")) {
      ok = IPV6.matcher(a).matches() && a.chars().filter(ch -> ch == ':').count() >= 2;
    } else if (DOTTED.matcher(a).matches()) {
      String[] parts = a.split("\\.", -1);
      ok =
          parts.length == 4
              && Arrays.stream(parts)
                  .allMatch(p -> !p.isEmpty() && p.length() <= 3 && Integer.parseInt(p) <= 255);
    } else {
      ok = HOST_NAME.matcher(a).matches();
    }
    if (!ok) {
      throw new UsageException(
          option
              + " "
              + quote(a)
              + ": not an IPv4 address (four numbers 0-255, e.g. 127.0.1.1), an IPv6 address or a"
              + " host name. Nothing was changed.");
    }
  }

  private static void existingFile(String option, Object value) {
    Path p = (Path) value;
    if (!Files.exists(p)) {
      throw new UsageException(
          option + " " + p.toAbsolutePath() + " does not exist. Nothing was changed.");
    }
    if (Files.isDirectory(p)) {
      throw new UsageException(
          option + " " + p + ": a directory, not a file. Nothing was changed.");
    }
  }

  private static void existingDirectory(String option, Object value) {
    Path p = (Path) value;
    if (!Files.isDirectory(p)) {
      throw new UsageException(
          option + " " + p.toAbsolutePath() + " is not a directory. Nothing was changed.");
    }
  }

  private static void installer(String option, Object value) {
    Path p = (Path) value;
    try {
      InstallerFile.parse(p);
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          option
              + " "
              + p
              + ": the file name must be nso-<version>.<os>.<arch>.installer.bin, as Cisco names"
              + " NSO's installers (e.g. nso-6.5.1.linux.x86_64.installer.bin). Nothing was"
              + " changed.",
          e);
    }
    existingFile(option, value);
  }

  private static void tlsPin(String option, Object value) {
    if (!TLS_PIN.matcher(String.valueOf(value)).matches()) {
      throw new UsageException(
          option
              + " "
              + quote(value)
              + ": expected sha256/ and 44 base64 characters. Nothing was changed.");
    }
  }

  private static void containerPrefix(String option, Object value) {
    if (!CONTAINER_NAME.matcher(String.valueOf(value)).matches()) {
      throw new UsageException(
          option
              + " "
              + quote(value)
              + ": a container name starts with a letter or digit and holds only letters, digits,"
              + " '_', '.' and '-'. Nothing was changed.");
    }
  }

  private static void notBlank(String option, Object value) {
    if (String.valueOf(value).isBlank()) {
      throw new UsageException(option + ": give a non-empty value. Nothing was changed.");
    }
  }

  private static String quote(Object value) {
    return "'" + value + "'";
  }
}
