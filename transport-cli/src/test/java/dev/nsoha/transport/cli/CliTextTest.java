package dev.nsoha.transport.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.core.model.ConnectedSecondary;
import dev.nsoha.core.model.HaMode;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.PackageReloadResult;
import dev.nsoha.core.model.SoftwarePackage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Parsing recorded CLI outputs (nso-reference.md §1.2, §3.1, §3.2, §3.4). */
class CliTextTest {

  /** §1.2: a primary on NSO 6.1, connected secondaries in NSO's table layout. */
  static final String PRIMARY_TABLE =
      String.join(
          "\n",
          "high-availability enabled",
          "high-availability status mode primary",
          "high-availability status current-id n1",
          "high-availability status assigned-role primary",
          "high-availability status read-only-mode false",
          "ID  ADDRESS     ",
          "-----------------",
          "n2  127.0.0.1   ",
          "n3  127.0.3.1   ",
          "",
          "");

  /** §1.2: the same with {@code | notab} (and NSO 6.2+ by default). */
  static final String PRIMARY_NOTAB =
      String.join(
          "\n",
          "high-availability enabled",
          "high-availability status mode primary",
          "high-availability status current-id n1",
          "high-availability status assigned-role primary",
          "high-availability status read-only-mode false",
          "high-availability status connected-secondary n2",
          " address 127.0.0.1",
          "high-availability status connected-secondary n3",
          " address 127.0.3.1",
          "");

  /** §1.2: a secondary. */
  static final String SECONDARY =
      String.join(
          "\n",
          "high-availability enabled",
          "high-availability status mode secondary",
          "high-availability status current-id nso-secondary",
          "high-availability status assigned-role secondary",
          "high-availability status be-secondary-result initialized",
          "high-availability status primary-id nso-primary",
          "high-availability status read-only-mode false");

  /** §2.3: a failover-primary that lost its primary and is retrying. */
  static final String RETRYING =
      String.join(
          "\n",
          "high-availability enabled",
          "high-availability status mode none",
          "high-availability status assigned-role secondary",
          "high-availability status be-secondary-result \"error (25) - could not connect to primary\"",
          "high-availability status primary-id n1",
          "high-availability status read-only-mode false");

  @Test
  void primaryInTableLayout() {
    HaStatus s = CliText.haStatus(PRIMARY_TABLE);
    assertThat(s.enabled()).isTrue();
    assertThat(s.mode()).isEqualTo(HaMode.PRIMARY);
    assertThat(s.assignedRole()).isEqualTo(HaMode.PRIMARY);
    assertThat(s.currentId()).contains(NodeId.of("n1"));
    assertThat(s.readOnly()).isFalse();
    assertThat(s.connectedSecondaries())
        .containsExactly(
            new ConnectedSecondary(NodeId.of("n2"), "127.0.0.1"),
            new ConnectedSecondary(NodeId.of("n3"), "127.0.3.1"));
  }

  @Test
  void primaryInNotabLayoutGivesTheSameStatus() {
    assertThat(CliText.haStatus(PRIMARY_NOTAB)).isEqualTo(CliText.haStatus(PRIMARY_TABLE));
  }

  @Test
  void notabEntryWithTheAddressOnTheSameLine() {
    HaStatus s =
        CliText.haStatus(
            "high-availability enabled\nhigh-availability status mode primary\n"
                + "high-availability status connected-secondary nso2 address 10.0.0.3\n");
    assertThat(s.connectedSecondaries())
        .containsExactly(new ConnectedSecondary(NodeId.of("nso2"), "10.0.0.3"));
  }

  @Test
  void secondary() {
    HaStatus s = CliText.haStatus(SECONDARY);
    assertThat(s.mode()).isEqualTo(HaMode.SECONDARY);
    assertThat(s.currentId()).contains(NodeId.of("nso-secondary"));
    assertThat(s.primaryId()).contains(NodeId.of("nso-primary"));
    assertThat(s.beSecondaryResult()).contains("initialized");
    assertThat(s.connectedSecondaries()).isEmpty();
  }

  @Test
  void quotedBeSecondaryResultAndNoCurrentId() {
    HaStatus s = CliText.haStatus(RETRYING);
    assertThat(s.mode()).isEqualTo(HaMode.NONE);
    assertThat(s.assignedRole()).isEqualTo(HaMode.SECONDARY);
    assertThat(s.currentId()).isEmpty();
    assertThat(s.beSecondaryResult()).contains("error (25) - could not connect to primary");
  }

  @Test
  void disabledHaHasNoEnabledLine() {
    HaStatus s =
        CliText.haStatus(
            "high-availability status mode none\nhigh-availability status read-only-mode true\n");
    assertThat(s.enabled()).isFalse();
    assertThat(s.mode()).isEqualTo(HaMode.NONE);
    assertThat(s.readOnly()).isTrue();
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
    assertThat(CliText.reloadResults(out))
        .containsExactly(
            new PackageReloadResult("dummy", true, Optional.empty()),
            new PackageReloadResult("inert", true, Optional.empty()));
  }

  /** §3.2: a package that failed to load, with its info text unquoted. */
  @Test
  void failedReloadResultKeepsTheInfo() {
    String out =
        "reload-result {\n    package demo\n    result false\n    info SyntaxError: invalid syntax\n}\n";
    assertThat(CliText.reloadResults(out))
        .containsExactly(
            new PackageReloadResult("demo", false, Optional.of("SyntaxError: invalid syntax")));
  }

  @Test
  void reloadResultsNestedPerNode() {
    String out =
        "sync-result {\n  node n2\n  reload-result {\n    package dummy\n    result true\n  }\n}\n";
    assertThat(CliText.reloadResults(out))
        .containsExactly(new PackageReloadResult("dummy", true, Optional.empty()));
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
    List<SoftwarePackage> l = CliText.softwarePackages(out);
    assertThat(l)
        .containsExactly(
            new SoftwarePackage("dummy-1.0.tar.gz", SoftwarePackage.State.LOADED),
            new SoftwarePackage("dummy-1.1.tar.gz", SoftwarePackage.State.INSTALLABLE),
            new SoftwarePackage("inert-1.0.tar.gz", SoftwarePackage.State.INSTALLED));
    assertThat(l.get(1).baseName()).isEqualTo("dummy-1.1");
  }

  @Test
  void unbalancedBlocksAreRefused() {
    assertThatThrownBy(() -> CliText.softwarePackages("package {\n  name x\n  loaded\n"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void version() {
    assertThat(CliText.version("ncs-state version 6.7.1\n")).isEqualTo("6.7.1");
    assertThatThrownBy(() -> CliText.version("nothing"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
