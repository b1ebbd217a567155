package dev.nsoha.transport.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.core.model.ConnectedSecondary;
import dev.nsoha.core.model.HaMode;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.PackageReloadResult;
import dev.nsoha.core.model.SoftwarePackage;
import dev.nsoha.core.model.SyncResult;
import dev.nsoha.core.yang.NsoJson;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading recorded CLI outputs (docs/nso-interface.md). */
class CliTextTest {

  /**
   * §1.2: a primary's {@code show high-availability | display json}, the RFC 7951 form of the
   * status NSO prints as {@code high-availability status mode primary} etc.
   */
  static final String PRIMARY_JSON =
      "{\"data\":{\"tailf-ncs:high-availability\":{\"enabled\":[null],\"status\":{"
          + "\"mode\":\"primary\",\"current-id\":\"n1\",\"assigned-role\":\"primary\","
          + "\"read-only-mode\":false,\"connected-secondary\":["
          + "{\"id\":\"n2\",\"address\":\"127.0.0.1\"},{\"id\":\"n3\",\"address\":\"127.0.3.1\"}]}}}}";

  /** The status {@link #PRIMARY_JSON} reads as. */
  static final HaStatus PRIMARY =
      new HaStatus(
          true,
          HaMode.PRIMARY,
          Optional.of(NodeId.of("n1")),
          HaMode.PRIMARY,
          Optional.empty(),
          Optional.empty(),
          false,
          List.of(
              new ConnectedSecondary(NodeId.of("n2"), "127.0.0.1"),
              new ConnectedSecondary(NodeId.of("n3"), "127.0.3.1")));

  @Test
  void haStatusFromDisplayJson() {
    assertThat(NsoJson.haStatus(CliJson.data(PRIMARY_JSON))).isEqualTo(PRIMARY);
  }

  @Test
  void actionResults() {
    assertThat(CliText.result("result enabled")).contains("enabled");
    assertThat(CliText.result("result NSO Built-in HA disabled"))
        .contains("NSO Built-in HA disabled");
    assertThat(CliText.result("result Attempting to be secondary to node n1"))
        .contains("Attempting to be secondary to node n1");
    assertThat(CliText.result("")).isEmpty();
  }

  /** §3.1: the banner and one reload-result block per package. */
  @Test
  void reloadResultsAfterTheUpgradeBanner() {
    String out =
        String.join(
            "\n",
            ">>> System upgrade is starting.",
            ">>> Sessions in configure mode must exit to operational mode.",
            ">>> No configuration changes can be performed until upgrade has completed.",
            ">>> System upgrade has completed successfully.",
            "reload-result {",
            "    package dummy",
            "    result true",
            "}",
            "reload-result {",
            "    package inert",
            "    result true",
            "}");
    assertThat(NsoJson.reloadResults(CliText.outputTree(out)))
        .containsExactly(
            new PackageReloadResult("dummy", true, Optional.empty()),
            new PackageReloadResult("inert", true, Optional.empty()));
  }

  /** §3.2: a package that failed to load, with its info text unquoted. */
  @Test
  void failedReloadResultKeepsTheInfo() {
    String out =
        "reload-result {\n    package demo\n    result false\n    info SyntaxError: invalid syntax\n}\n";
    assertThat(NsoJson.reloadResults(CliText.outputTree(out)))
        .containsExactly(
            new PackageReloadResult("demo", false, Optional.of("SyntaxError: invalid syntax")));
  }

  @Test
  void reloadResultsNestedPerNode() {
    String out =
        "sync-result {\n  node n2\n  reload-result {\n    package dummy\n    result true\n  }\n}\n";
    assertThat(NsoJson.reloadResults(CliText.outputTree(out)))
        .containsExactly(new PackageReloadResult("dummy", true, Optional.empty()));
  }

  /** §3.5: the output of {@code packages ha sync and-reload}, one secondary refusing. */
  @Test
  void syncResultsPerSecondaryAndTheReloadResults() {
    String out =
        String.join(
            "\n",
            "sync-result {",
            "    node n2",
            "    result true",
            "}",
            "sync-result {",
            "    node n3",
            "    result false",
            "    info \"dummy: compiled for NSO 6.3, this is 6.4\"",
            "}",
            "reload-result {",
            "    package dummy",
            "    result true",
            "}");
    assertThat(NsoJson.syncResult(CliText.outputTree(out)))
        .isEqualTo(
            new SyncResult(
                List.of(
                    new SyncResult.SecondarySync(NodeId.of("n2"), true, Optional.empty()),
                    new SyncResult.SecondarySync(
                        NodeId.of("n3"),
                        false,
                        Optional.of("dummy: compiled for NSO 6.3, this is 6.4"))),
                List.of(new PackageReloadResult("dummy", true, Optional.empty()))));
  }

  /** §3.4: one block per package file with its state. */
  @Test
  void softwarePackagesList() {
    String out =
        String.join(
            "\n",
            "package {",
            "  name dummy-1.0.tar.gz",
            "  loaded",
            "}",
            "package {",
            "  name dummy-1.1.tar.gz",
            "  installable",
            "}",
            "package {",
            "  name inert-1.0.tar.gz",
            "  installed",
            "}");
    List<SoftwarePackage> l = NsoJson.softwarePackages(CliText.outputTree(out));
    assertThat(l)
        .containsExactly(
            new SoftwarePackage("dummy-1.0.tar.gz", SoftwarePackage.State.LOADED),
            new SoftwarePackage("dummy-1.1.tar.gz", SoftwarePackage.State.INSTALLABLE),
            new SoftwarePackage("inert-1.0.tar.gz", SoftwarePackage.State.INSTALLED));
    assertThat(l.get(1).baseName()).isEqualTo("dummy-1.1");
  }

  @Test
  void unbalancedBlocksAreRefused() {
    assertThatThrownBy(() -> CliText.outputTree("package {\n  name x\n  loaded\n"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void version() {
    assertThat(CliText.version("ncs-state version 6.7.1\n")).isEqualTo("6.7.1");
    assertThatThrownBy(() -> CliText.version("nothing"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
