package dev.nsoha.sim.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** ncs_conf_tool's edits, in the forms NSO's examples use, and its errors. */
class NcsConfToolTest {
  static final String CONF =
      """
      <?xml version="1.0"?>
      <!-- -*- nxml -*- -->
      <!-- Example configuration file for ncs. -->
      <ncs-config xmlns="http://tail-f.com/yang/tailf-ncs-config">
        <ncs-ipc-access-check>
          <enabled>false</enabled>
        </ncs-ipc-access-check>
        <load-path>
          <dir>./packages</dir>
          <dir>${NCS_DIR}/etc/ncs</dir>
        </load-path>
        <cdb>
          <db-dir>./ncs-cdb</db-dir>
        </cdb>
        <logs>
          <xpath-trace-log>
            <enabled>true</enabled>
            <filename>./logs/xpath.trace</filename>
          </xpath-trace-log>
          <syslog-config>
            <facility>daemon</facility>
          </syslog-config>
        </logs>
        <cli>
          <ssh>
            <enabled>true</enabled>
            <port>2024</port>
          </ssh>
        </cli>
        <!-- ha-raft goes here -->
      </ncs-config>
      """;

  record Result(int code, String out, String err) {}

  static Result run(String input, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        NcsConfTool.run(
            args,
            new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
            out,
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void setsTextWithOrWithoutTheRootName() {
    Result r = run(CONF, "-e", "false", "ncs-config", "logs", "xpath-trace-log", "enabled");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .isEqualTo(
            CONF.replace(
                "<enabled>true</enabled>\n      <filename>",
                "<enabled>false</enabled>\n      <filename>"));
    Result r2 = run(CONF, "-e", "2124", "cli", "ssh", "port");
    assertThat(r2.out()).isEqualTo(CONF.replace("<port>2024</port>", "<port>2124</port>"));
  }

  @Test
  void keepsEverythingItDoesNotEdit() {
    Result r = run(CONF, "-e", "./ncs-cdb", "cdb", "db-dir");
    assertThat(r.out()).isEqualTo(CONF);
  }

  @Test
  void setsAnXmlFragmentAsContentAndCreatesMissingElements() {
    Result r =
        run(
            CONF,
            "-e",
            "<external-keys><command>./keys</command></external-keys>",
            "ncs-config",
            "encrypted-strings");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "<!-- ha-raft goes here -->\n  <encrypted-strings><external-keys><command>./keys"
                + "</command></external-keys></encrypted-strings>\n</ncs-config>");
  }

  @Test
  void appendsAFragmentInTheInputsNamespace() {
    String haRaft =
        "<ha-raft>\n    <enabled>true</enabled>\n    <cluster-name>stockholm</cluster-name>\n"
            + "  </ha-raft>\n";
    Result r = run(CONF, "-a", haRaft, "ncs-config");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .endsWith("<!-- ha-raft goes here -->\n  " + haRaft.strip() + "\n</ncs-config>\n");
    assertThat(r.out()).doesNotContain("xmlns=\"\"");
    Result style = run(CONF, "-a", "<style>c</style>", "ncs-config", "cli");
    assertThat(style.out()).contains("</ssh>\n    <style>c</style>\n  </cli>");
  }

  @Test
  void replacesAnElement() {
    Result r =
        run(
            CONF,
            "-R",
            "<syslog-config><facility>local0</facility></syslog-config>",
            "ncs-config",
            "logs",
            "syslog-config");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("</xpath-trace-log>\n    <syslog-config><facility>local0</facility>")
        .doesNotContain("daemon");
  }

  @Test
  void deletesElementsWithoutLeavingEmptyLinesAndIgnoresMissingOnes() {
    Result r = run(CONF, "-d", "ncs-config", "ncs-ipc-access-check");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .isEqualTo(
            CONF.replace(
                "  <ncs-ipc-access-check>\n    <enabled>false</enabled>\n"
                    + "  </ncs-ipc-access-check>\n",
                ""));
    Result all = run(CONF, "-d", "load-path", "dir");
    assertThat(all.out()).contains("<load-path>\n  </load-path>").doesNotContain("<dir>");
    Result missing = run(CONF, "-d", "ncs-config", "ha");
    assertThat(missing.code()).isZero();
    assertThat(missing.out()).isEqualTo(CONF);
  }

  @Test
  void chainsLikeAPipeline() {
    String once = run(CONF, "-d", "ncs-config", "cdb").out();
    String twice = run(once, "-a", "<cdb><db-dir>./cdb</db-dir></cdb>", "ncs-config").out();
    assertThat(twice).contains("\n  <cdb><db-dir>./cdb</db-dir></cdb>\n</ncs-config>");
    assertThat(twice).doesNotContain("./ncs-cdb");
  }

  @Test
  void errorsAreOneLineWithNothingOnStandardOutput() {
    Result bad = run("<ncs-config><cli>", "-d", "cli");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.out()).isEmpty();
    assertThat(bad.err())
        .startsWith("ncs_conf_tool: cannot parse the input as XML")
        .hasLineCount(1);
    Result opt = run(CONF, "-x", "cli");
    assertThat(opt.code()).isEqualTo(1);
    assertThat(opt.err()).startsWith("ncs_conf_tool: unknown option -x");
    Result noValue = run(CONF, "-e");
    assertThat(noValue.err()).isEqualTo("ncs_conf_tool: -e needs a value\n");
    Result noPath = run(CONF, "-d");
    assertThat(noPath.err()).startsWith("ncs_conf_tool: no PATH given");
    Result frag = run(CONF, "-a", "<a>", "cli");
    assertThat(frag.code()).isEqualTo(1);
    assertThat(frag.err()).startsWith("ncs_conf_tool: cannot parse the XML fragment");
    Result root = run(CONF, "-d", "ncs-config");
    assertThat(root.err()).contains("root element");
  }
}
