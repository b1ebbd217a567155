package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.scenarios.cli.InputChecks;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Bad input is named first: every command of the program, fed a malformed value for each option it
 * has that takes a closed set of values, a port, a number of seconds, an address or a file, exits 2
 * with exactly one line on standard error that names the option and what it must be, and prints
 * nothing else. No cluster runs here: the addresses given belong to no node, so a check that came
 * after the first look at a node or host would show in the message or the output.
 */
class BadInputTest {
  /** A malformed value and a piece of the one line it must give. */
  record Bad(String value, String says) {}

  @TempDir Path dir;

  /** Each checked option's malformed values; the test also proves every check has a case here. */
  private Map<String, List<Bad>> bad() throws IOException {
    Path missing = dir.resolve("no-such-file");
    Path wrongInstaller = Files.writeString(dir.resolve("nso.bin"), "not an installer");
    Map<String, List<Bad>> m = new LinkedHashMap<>();
    m.put("--transport", List.of(new Bad("bogus", "valid transports: cli, restconf")));
    m.put("--strategy", List.of(new Bad("slow", "valid strategies: seed, fast")));
    m.put("--ha", List.of(new Bad("consensus", "valid HA modes: rule, raft")));
    m.put(
        "--read-write-after",
        List.of(new Bad("never", "valid policies: all-secondaries, first-secondary")));
    m.put("--host", List.of(new Bad("ftp", "valid host kinds: local, ssh")));
    m.put(
        "--service", List.of(new Bad("upstart", "valid service managers: systemd, sysv, direct")));
    List<Bad> ports =
        List.of(
            new Bad("0", "give a number from 1 to 65535"),
            new Bad("70000", "give a number from 1 to 65535"),
            new Bad("ssh", "'ssh' is not an int"));
    for (String p : List.of("--cli-port", "--restconf-port", "--restconf-tls-port", "--ssh-port")) {
      m.put(p, ports);
    }
    m.put(
        "--ipc-port",
        List.of(
            new Bad("0", "give a number from 1 to 65527"),
            new Bad("65535", "give a number from 1 to 65527")));
    List<Bad> seconds =
        List.of(
            new Bad("0", "give a number from 1 to 86400"),
            new Bad("-5", "give a number from 1 to 86400"),
            new Bad("1m", "'1m' is not an int"));
    for (String s :
        List.of(
            "--request-timeout",
            "--ha-timeout",
            "--start-timeout",
            "--tool-timeout",
            "--ssh-timeout")) {
      m.put(s, seconds);
    }
    m.put(
        "--nodes",
        List.of(new Bad("1", "give a number from 2 to 9"), new Bad("10", "from 2 to 9")));
    m.put("--count", List.of(new Bad("0", "give 1 or more")));
    m.put("--max-reply-size", List.of(new Bad("0", "give a number from 1 to 1048576")));
    m.put("--dummies", List.of(new Bad("-1", "give a number from 0 to 10000000")));
    m.put("--max-parallel", List.of(new Bad("-1", "give 0 or more")));
    List<Bad> addresses =
        List.of(
            new Bad("300.1.1.1", "not an IPv4 address"),
            new Bad("10.0.0", "not an IPv4 address"),
            new Bad("node_1!", "not an IPv4 address"));
    for (String a : List.of("-a", "-b", "-c")) {
      m.put(a, addresses);
    }
    for (String f :
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
      m.put(f, List.of(new Bad(missing.toString(), missing + " does not exist")));
    }
    m.put("--packages-dir", List.of(new Bad(missing.toString(), "is not a directory")));
    m.put(
        "--installer",
        List.of(
            new Bad(wrongInstaller.toString(), "must be nso-<version>.<os>.<arch>.installer.bin"),
            new Bad(
                dir.resolve("nso-6.5.1.linux.x86_64.installer.bin").toString(), "does not exist")));
    m.put("--tls-pin", List.of(new Bad("md5/abc", "expected sha256/ and 44 base64 characters")));
    m.put("--container-prefix", List.of(new Bad("../x", "a container name starts")));
    for (String s : List.of("--user", "--ssh-user", "--image", "--old-image")) {
      m.put(s, List.of(new Bad(" ", "give a non-empty value")));
    }
    return m;
  }

  @Test
  void everyCheckHasCases() throws IOException {
    assertThat(new TreeSet<>(bad().keySet()))
        .as("every option InputChecks checks has malformed values in this test")
        .isEqualTo(new TreeSet<>(InputChecks.checkedOptions()));
  }

  /**
   * Every option whose label shows a closed set ({@code seed|fast}) or a number, port or address is
   * checked, so that a new option of that kind cannot slip past.
   */
  @Test
  void everyClosedSetNumberAndAddressOptionIsChecked() {
    Set<String> unchecked = new TreeSet<>();
    for (CommandLine c : commands(Main.commandLine())) {
      for (OptionSpec o : c.getCommandSpec().options()) {
        String label = o.paramLabel();
        boolean closed = label.contains("|") && !label.equals("FILE|-");
        boolean numeric = o.type() == int.class || o.type() == Integer.class;
        boolean address = label.equals("IP");
        if ((closed || numeric || address)
            && !InputChecks.checkedOptions().contains(o.longestName())) {
          unchecked.add(c.getCommandSpec().qualifiedName() + " " + o.longestName());
        }
      }
    }
    assertThat(unchecked).as("options with a closed set, a number or an address").isEmpty();
  }

  @Test
  void everyMalformedValueOfEveryCommandExitsTwoWithOneLine() throws IOException {
    Map<String, List<Bad>> bad = bad();
    SoftAssertions soft = new SoftAssertions();
    int cases = 0;
    for (CommandLine c : commands(Main.commandLine())) {
      List<String> prefix = prefix(c);
      for (OptionSpec o : c.getCommandSpec().options()) {
        List<Bad> values = bad.get(o.longestName());
        if (values == null) {
          continue;
        }
        for (Bad b : values) {
          List<String> args = new ArrayList<>(prefix);
          // A node address of nobody's and a run root of the test's own: a check that came after
          // a look at a node or a host would say so instead.
          if (!o.longestName().equals("-a") && c.getCommandSpec().findOption("-a") != null) {
            args.addAll(List.of("-a", "127.254.254.1"));
          }
          if (c.getCommandSpec().findOption("--run-root") != null) {
            args.addAll(List.of("--run-root", dir.resolve("run").toString()));
          }
          args.addAll(List.of(o.longestName(), b.value()));
          StringWriter out = new StringWriter();
          StringWriter err = new StringWriter();
          int code =
              Main.run(
                  new PrintWriter(out, true),
                  new PrintWriter(err, true),
                  args.toArray(String[]::new));
          String what = String.join(" ", args) + "\n--- out\n" + out + "--- err\n" + err;
          soft.assertThat(code).as(what).isEqualTo(ExitCodes.USAGE);
          soft.assertThat(err.toString().lines().toList()).as(what).hasSize(1);
          soft.assertThat(err.toString())
              .as(what)
              .startsWith("nso-ha-upgrade: ")
              .contains(b.says())
              .doesNotContain("Exception")
              .doesNotContain("\tat ");
          if (!b.says().contains("is not an int")) {
            soft.assertThat(err.toString()).as(what).contains(o.longestName());
          }
          soft.assertThat(out.toString()).as(what).isEmpty();
          cases++;
        }
      }
    }
    soft.assertAll();
    assertThat(cases).as("cases run").isGreaterThan(150);
    assertThat(Files.exists(dir.resolve("run"))).as("nothing was set up").isFalse();
  }

  /**
   * {@code --installer nso.bin}, as the help's example once had it, is a usage error in one line,
   * and the help's example now names an installer as Cisco does.
   */
  @Test
  void theHelpsInstallerExampleIsAUsageErrorNotAStackTrace() throws IOException {
    Files.writeString(dir.resolve("nso.bin"), "x");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "upgrade-nso",
            "--installer",
            dir.resolve("nso.bin").toString(),
            "-a",
            "127.254.254.1");
    assertThat(code).as("%s%s", out, err).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .isEqualTo(
            "nso-ha-upgrade: --installer "
                + dir.resolve("nso.bin")
                + ": the file name must be nso-<version>.<os>.<arch>.installer.bin, as Cisco names"
                + " NSO's installers (e.g. nso-6.5.1.linux.x86_64.installer.bin). Nothing was"
                + " changed."
                + System.lineSeparator());
    StringWriter help = new StringWriter();
    Main.run(
        new PrintWriter(help, true),
        new PrintWriter(new StringWriter(), true),
        "help",
        "upgrade-nso");
    assertThat(help.toString()).contains("--installer nso-6.5.1.linux.x86_64.installer.bin");
  }

  /**
   * A cluster file's settings are user input too: a service manager or an SSH target that is not
   * one is a usage error in one line, not an internal error.
   */
  @Test
  void malformedClusterFileSettingsAreUsageErrors() throws IOException {
    Path installer = Files.writeString(dir.resolve("nso-6.5.1.linux.x86_64.installer.bin"), "");
    Map<String, String> bad =
        Map.of(
            "service=upstart", "node.n1.service: unknown service manager 'upstart'",
            "ssh=admin@", "node.n1.ssh: SSH target 'admin@' is not user@address:port");
    for (Map.Entry<String, String> b : bad.entrySet()) {
      StringBuilder sb = new StringBuilder();
      String[] role = {"primary", "failover-primary", "secondary"};
      for (int n = 1; n <= 3; n++) {
        String p = "node.n" + n + ".";
        sb.append(p).append("address=127.254.254.").append(n).append('\n');
        sb.append(p).append("role=").append(role[n - 1]).append('\n');
        sb.append(p).append("host=ssh\n");
        sb.append(p).append("ssh=admin@127.254.254.").append(n).append(":22\n");
        sb.append(p).append("service=sysv\n");
      }
      String file = sb.toString().replace("node.n1." + b.getKey().replaceAll("=.*", "="), "#");
      file += "node.n1." + b.getKey() + "\n";
      Path cf = Files.writeString(dir.resolve("cluster.properties"), file);
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code =
          Main.run(
              new PrintWriter(out, true),
              new PrintWriter(err, true),
              "upgrade-nso",
              "--cluster-file",
              cf.toString(),
              "--installer",
              installer.toString());
      String what = b.getKey() + "\n--- out\n" + out + "--- err\n" + err;
      assertThat(code).as(what).isEqualTo(ExitCodes.USAGE);
      assertThat(err.toString().lines().toList()).as(what).hasSize(1);
      assertThat(err.toString()).as(what).contains(b.getValue()).doesNotContain("Exception");
    }
  }

  /** Every command and subcommand, the help command left out. */
  private static List<CommandLine> commands(CommandLine root) {
    List<CommandLine> all = new ArrayList<>();
    for (CommandLine c : root.getSubcommands().values()) {
      if (c.getCommandName().equals("help") || all.contains(c)) {
        continue;
      }
      all.add(c);
      all.addAll(commands(c));
    }
    return all.stream().distinct().toList();
  }

  /** The words that reach {@code c}, with a valid scenario where it takes one. */
  private static List<String> prefix(CommandLine c) {
    List<String> words = new ArrayList<>();
    for (CommandLine x = c; x.getParent() != null; x = x.getParent()) {
      words.add(0, x.getCommandName());
    }
    if (!c.getCommandSpec().positionalParameters().isEmpty()
        && c.getCommandSpec().positionalParameters().get(0).paramLabel().equals("SCENARIO")) {
      words.add("upgrade-nso");
    }
    return words;
  }
}
