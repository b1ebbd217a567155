package dev.nsoha.sim.cli.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CliInterpreterTest {

  private FakeBackend node;
  private CliInterpreter s;
  private CliInterpreter.Status last;
  private final Deque<String> more = new ArrayDeque<>();

  @BeforeEach
  void setUp() {
    node = new FakeBackend();
    node.set(
        node.config,
        """
            {"tailf-ncs:high-availability":{"token":"$9$abc","ha-node":[
              {"id":"nso-primary","address":"172.21.0.2","nominal-role":"primary"},
              {"id":"nso-secondary","address":"172.21.0.3","nominal-role":"secondary","failover-primary":true}],
             "settings":{"enable-failover":true,"start-up":{"assume-nominal-role":true,"join-ha":true},
              "reconnect-interval":2}}}""");
    node.set(
        node.oper,
        """
            {"tailf-ncs:high-availability":{"enabled":[null],"status":{"mode":"primary","current-id":"n1",
             "assigned-role":"primary","read-only-mode":false,
             "connected-secondary":[{"id":"n2","address":"127.0.0.1"}]}},
             "tailf-ncs-monitoring:ncs-state":{"version":"6.4.4"},
             "tailf-ncs:packages":{"package":[{"name":"dummy","package-version":"1.0",
              "description":"Template-based dummy resource facing service","ncs-min-version":["6.4"],
              "oper-status":{"up":[null]}}]}}""");
    s =
        new CliInterpreter(
            node,
            "admin",
            CliStyle.C,
            Prompts.DEFAULTS.with(null, null, "\\u@n1# ", "\\u@n1(\\m)# "));
  }

  private String run(String line) {
    StringWriter w = new StringWriter();
    last = s.execute(line, new CliOutput(w), more::poll);
    return w.toString();
  }

  @Test
  void showRunningConfigHighAvailabilityMatchesNsoRendering() {
    assertThat(run("show running-config high-availability"))
        .isEqualTo(
            """
                high-availability token $9$abc
                high-availability ha-node nso-primary
                 address      172.21.0.2
                 nominal-role primary
                !
                high-availability ha-node nso-secondary
                 address          172.21.0.3
                 nominal-role     secondary
                 failover-primary true
                !
                high-availability settings enable-failover true
                high-availability settings start-up assume-nominal-role true
                high-availability settings start-up join-ha true
                high-availability settings reconnect-interval 2
                """);
  }

  @Test
  void showRunningConfigSingleLeaf() {
    assertThat(run("show running-config high-availability settings reconnect-interval"))
        .isEqualTo("high-availability settings reconnect-interval 2\n");
  }

  @Test
  void showHighAvailabilityNonTableByDefaultAndTableWithTab() {
    assertThat(run("show high-availability | notab | nomore"))
        .isEqualTo(
            """
                high-availability enabled
                high-availability status mode primary
                high-availability status current-id n1
                high-availability status assigned-role primary
                high-availability status read-only-mode false
                high-availability status connected-secondary n2
                 address 127.0.0.1
                """);
    assertThat(run("show high-availability status | tab"))
        .isEqualTo(
            """
                high-availability status mode primary
                high-availability status current-id n1
                high-availability status assigned-role primary
                high-availability status read-only-mode false
                ID  ADDRESS    \n---------------
                n2  127.0.0.1  \n
                """);
    assertThat(run("show high-availability status current-id"))
        .isEqualTo("high-availability status current-id n1\n");
  }

  @Test
  void blankValuesAreQuoted() {
    node.set(
        node.oper,
        "{\"tailf-ncs:high-availability\":{\"status\":"
            + "{\"be-secondary-result\":\"error (25) - could not connect to primary\"}}}");
    assertThat(run("show high-availability status be-secondary-result"))
        .isEqualTo(
            "high-availability status be-secondary-result \"error (25) - could not connect to primary\"\n");
  }

  @Test
  void showPackages() {
    assertThat(run("show packages package dummy package-version"))
        .isEqualTo("packages package dummy\n package-version 1.0\n");
    assertThat(run("show packages package package-version"))
        .isEqualTo("packages package dummy\n package-version 1.0\n");
    assertThat(run("show packages package * oper-status"))
        .isEqualTo("packages package dummy\n oper-status up\n");
    assertThat(run("show packages package nosuch")).isEqualTo("% No entries found.\n");
    assertThat(run("show ncs-state version")).isEqualTo("ncs-state version 6.4.4\n");
    assertThat(run("show packages package dummy"))
        .isEqualTo(
            """
                packages package dummy
                 package-version 1.0
                 description     "Template-based dummy resource facing service"
                 ncs-min-version [ 6.4 ]
                 oper-status up
                """);
  }

  @Test
  void configCommitAndRenderDummy() {
    assertThat(s.prompt()).isEqualTo("admin@n1# ");
    assertThat(run("config")).isEqualTo("Entering configuration mode terminal\n");
    assertThat(s.prompt()).isEqualTo("admin@n1(config)# ");
    assertThat(run("dummies dummy d1 dummy 1.2.3.4")).isEmpty();
    assertThat(s.prompt()).isEqualTo("admin@n1(config)# ");
    assertThat(run("dummies dummy d1 description \"hello world\"")).isEmpty();
    assertThat(run("commit dry-run"))
        .isEqualTo(
            """
                cli {
                    local-node {
                        data +dummies {
                             +    dummy d1 {
                             +        description "hello world";
                             +        dummy 1.2.3.4;
                             +    }
                             +}
                    }
                }
                """);
    assertThat(run("commit dry-run outformat cli")).startsWith("cli {\n");
    assertThat(run("commit label x comment \"first dummy\"")).isEqualTo("Commit complete.\n");
    assertThat(run("commit")).isEqualTo("% No modifications to commit.\n");
    assertThat(run("commit nonsense")).isEqualTo("syntax error: unknown argument\n");
    assertThat(run("end")).isEmpty();
    assertThat(s.inConfigMode()).isFalse();
    assertThat(run("show running-config dummies | nomore"))
        .isEqualTo(
            """
                dummies dummy d1
                 description "hello world"
                 dummy       1.2.3.4
                !
                """);
  }

  @Test
  void submodesAndExit() {
    run("config");
    run("dummies dummy d1");
    assertThat(s.prompt()).isEqualTo("admin@n1(config-dummy-d1)# ");
    run("dummy 1.2.3.4");
    assertThat(s.prompt()).isEqualTo("admin@n1(config-dummy-d1)# ");
    run("high-availability ha-node n2");
    assertThat(s.prompt()).isEqualTo("admin@n1(config-ha-node-n2)# ");
    run("address 127.0.2.1");
    run("exit");
    assertThat(s.prompt()).isEqualTo("admin@n1(config)# ");
    run("high-availability ha-node n4 address 127.0.4.1");
    assertThat(s.prompt()).isEqualTo("admin@n1(config)# ");
    run("top");
    assertThat(run("commit")).isEqualTo("Commit complete.\n");
    assertThat(run("show full-configuration high-availability ha-node n4"))
        .isEqualTo(
            """
                high-availability ha-node n4
                 address 127.0.4.1
                !
                """);
    run("no high-availability ha-node n4");
    run("commit");
    assertThat(run("do show running-config high-availability ha-node n4"))
        .isEqualTo("% No entries found.\n");
    assertThat(run("exit")).isEmpty();
    assertThat(s.inConfigMode()).isFalse();
    assertThat(run("exit")).isEmpty();
    assertThat(last).isEqualTo(CliInterpreter.Status.EXIT);
  }

  @Test
  void uncommittedChangesQuestion() {
    run("config");
    run("dummies dummy d1 dummy 1.2.3.4");
    more.add("no");
    assertThat(run("end")).isEqualTo("Uncommitted changes found, commit them? [yes/no/CANCEL] \n");
    assertThat(s.inConfigMode()).isFalse();
    assertThat(node.commits).isEmpty();
    run("config");
    run("dummies dummy d1 dummy 1.2.3.4");
    more.add("yes");
    assertThat(run("end")).endsWith("Commit complete.\n");
    assertThat(node.commits).hasSize(1);
  }

  @Test
  void readOnlyRefusesConfigAndCommit() {
    node.readOnly = true;
    assertThat(run("config")).isEqualTo("Aborted: node is in read-only mode\n");
    assertThat(last).isEqualTo(CliInterpreter.Status.ERROR);
    assertThat(s.inConfigMode()).isFalse();
    node.readOnly = false;
    run("config");
    run("dummies dummy d1 dummy 1.2.3.4");
    node.readOnly = true;
    assertThat(run("commit")).isEqualTo("Aborted: node is in read-only mode\n");
    assertThat(last).isEqualTo(CliInterpreter.Status.ERROR);
  }

  @Test
  void syntaxErrors() {
    assertThat(run("foo")).isEqualTo("syntax error: unknown command\n");
    assertThat(run("show running-config foo")).isEqualTo("syntax error: element does not exist\n");
    assertThat(run("high-availability be-secondary-to"))
        .isEqualTo("syntax error: expecting node\n");
    assertThat(last).isEqualTo(CliInterpreter.Status.ERROR);
    run("config");
    assertThat(run("dummies dummy d1 nosuch 1"))
        .isEqualTo("syntax error: element does not exist\n");
    assertThat(run("high-availability settings reconnect-interval ten"))
        .isEqualTo("syntax error: \"ten\" is an invalid value.\n");
  }

  @Test
  void actionsPrintResultAndErrors() {
    node.actions.put("/high-availability/enable", in -> "{\"result\":\"enabled\"}");
    node.actions.put(
        "/high-availability/be-secondary-to",
        in -> "{\"result\":\"Attempting to be secondary to node " + in.leaf("node") + "\"}");
    node.actions.put("/high-availability/read-only", in -> "{}");
    node.actions.put("/ncs-state/set-read-only", in -> "{}");
    node.actions.put(
        "/high-availability/be-primary",
        in -> {
          throw new IllegalStateException("not allowed");
        });
    assertThat(run("high-availability enable")).isEqualTo("result enabled\n");
    assertThat(run("high-availability be-secondary-to node n1"))
        .isEqualTo("result Attempting to be secondary to node n1\n");
    assertThat(run("high-availability read-only mode true")).isEmpty();
    assertThat(run("ncs-state set-read-only mode false")).isEmpty();
    assertThat(node.invoked)
        .contains(
            "/high-availability/read-only {\"mode\":true}",
            "/ncs-state/set-read-only {\"mode\":false}");
    assertThat(run("high-availability be-primary")).isEqualTo("Error: not allowed\n");
    assertThat(last).isEqualTo(CliInterpreter.Status.ERROR);
    run("config");
    assertThat(run("high-availability enable")).isEqualTo("result enabled\n");
    node.actions.put("/software/packages/list", in -> "{}");
    assertThat(run("software packages list")).isEmpty();
    assertThat(s.inConfigMode()).isTrue();
  }

  @Test
  void packageActionsRenderBlocksAndBanner() {
    node.actions.put(
        "/packages/reload", in -> "{\"reload-result\":[{\"package\":\"dummy\",\"result\":true}]}");
    node.actions.put(
        "/packages/ha/sync", in -> "{\"sync-result\":[{\"node\":\"n2\",\"result\":true}]}");
    node.actions.put(
        "/software/packages/list",
        in -> "{\"package\":[{\"name\":\"dummy-1.0.tar.gz\",\"loaded\":[null]}]}");
    node.actions.put("/software/packages/install", in -> "{\"installed\":\"dummy-1.1\"}");
    assertThat(run("packages reload force max-wait-time 3"))
        .isEqualTo(
            """
                >>> System upgrade is starting.
                >>> Sessions in configure mode must exit to operational mode.
                >>> No configuration changes can be performed until upgrade has completed.
                >>> System upgrade has completed successfully.
                reload-result {
                    package dummy
                    result true
                }
                """);
    assertThat(node.invoked)
        .last()
        .isEqualTo("/packages/reload {\"max-wait-time\":3,\"force\":[null]}");
    assertThat(run("packages ha sync and-reload { wait-commit-queue-empty }"))
        .contains(
            ">>> System upgrade is starting.", "sync-result {\n    node n2\n    result true\n}");
    assertThat(node.invoked)
        .last()
        .isEqualTo("/packages/ha/sync {\"and-reload\":{\"wait-commit-queue-empty\":[null]}}");
    assertThat(run("software packages list"))
        .isEqualTo("package {\n    name dummy-1.0.tar.gz\n    loaded\n}\n");
    assertThat(run("software packages install package dummy-1.1 replace-existing"))
        .isEqualTo("installed dummy-1.1\n");
    assertThat(node.invoked)
        .last()
        .isEqualTo(
            "/software/packages/install {\"package\":\"dummy-1.1\",\"replace-existing\":[null]}");
  }

  @Test
  void pipes() {
    assertThat(run("show high-availability | include mode"))
        .isEqualTo(
            """
                high-availability status mode primary
                high-availability status read-only-mode false
                """);
    assertThat(run("show high-availability | exclude status"))
        .isEqualTo("high-availability enabled\n address 127.0.0.1\n");
    assertThat(run("show high-availability | count")).isEqualTo("Count: 7 lines\n");
    assertThat(run("show high-availability status mode | display json"))
        .isEqualTo(
            """
                {
                  "data": {
                    "tailf-ncs:high-availability": {
                      "status": {
                        "mode": "primary"
                      }
                    }
                  }
                }
                """);
    assertThat(
            run("show running-config high-availability settings reconnect-interval | display xml"))
        .isEqualTo(
            """
                <config xmlns="http://tail-f.com/ns/config/1.0">
                  <high-availability xmlns="http://tail-f.com/ns/ncs">
                    <settings>
                      <reconnect-interval>2</reconnect-interval>
                    </settings>
                  </high-availability>
                </config>
                """);
    assertThat(run("show high-availability | foo")).isEqualTo("syntax error: unknown argument\n");
  }

  @Test
  void jStyleRequestShowAndSwitch() {
    s =
        new CliInterpreter(
            node, "admin", CliStyle.J, Prompts.DEFAULTS.with("\\u@n1> ", null, null, null));
    node.actions.put("/high-availability/enable", in -> "{\"result\":\"enabled\"}");
    assertThat(s.prompt()).isEqualTo("admin@n1> ");
    assertThat(run("request high-availability enable")).isEqualTo("result enabled\n");
    assertThat(run("high-availability enable")).isEqualTo("syntax error: unknown command\n");
    assertThat(run("show ncs-state version")).isEqualTo("ncs-state version 6.4.4\n");
    assertThat(run("show configuration high-availability ha-node nso-secondary"))
        .isEqualTo(
            """
                high-availability {
                    ha-node nso-secondary {
                        address 172.21.0.3;
                        nominal-role secondary;
                        failover-primary true;
                    }
                }
                """);
    assertThat(run("configure")).isEqualTo("Entering configuration mode private\n");
    assertThat(s.prompt()).isEqualTo("admin@ncs% ");
    assertThat(run("set dummies dummy d1 dummy 1.2.3.4")).isEmpty();
    assertThat(run("show dummies"))
        .isEqualTo("dummies {\n    dummy d1 {\n        dummy 1.2.3.4;\n    }\n}\n");
    assertThat(run("commit")).isEqualTo("Commit complete.\n");
    assertThat(run("exit")).isEmpty();
    assertThat(run("switch cli")).isEmpty();
    assertThat(s.style()).isEqualTo(CliStyle.C);
    assertThat(s.prompt()).isEqualTo("admin@ncs# ");
  }

  @Test
  void jStyleShowHaRaftPrintsTablesAndStatusLinesAsNso() {
    node.set(
        node.oper,
        """
            {"tailf-ncs-high-availability-raft:ha-raft":{"status":{"role":"leader",
             "leader":"ncsd3@tailf_hcc3.ha-cluster",
             "member":["ncsd1@tailf_hcc1.ha-cluster","ncsd2@tailf_hcc2.ha-cluster",
               "ncsd3@tailf_hcc3.ha-cluster"],
             "connected-node":["ncsd2@tailf_hcc2.ha-cluster"],
             "local-node":"ncsd3@tailf_hcc3.ha-cluster",
             "certificates":{
              "certificate":[{"serial-number":"0105","expiration-date":"2025-10-27T21:26:48+01:00",
               "file-path":"/w/ncs-run3/../erldist/ssl/ca1/certs/tailf_hcc3_cert.pem"}],
              "certificate-authority":[{"serial-number":"FF",
               "expiration-date":"2025-10-27T21:26:47+01:00",
               "file-path":"/w/ncs-run3/../erldist/ssl/ca1/cert.pem"}]},
             "log":{"current-index":"53","applied-index":"53","num-entries":"12",
              "replications":[{"node":"ncsd2@tailf_hcc2.ha-cluster","state":"in-sync",
               "index":"53","lag":"0"}]},
             "passive":false}}}""");
    node.actions.put("/ha-raft/create-cluster", in -> "{}");
    s =
        new CliInterpreter(
            node, "admin", CliStyle.J, Prompts.DEFAULTS.with("\\u@ncs> ", null, null, null));
    s.printStatusLines(true);
    String out = run("show ha-raft");
    // The shape of NSO's J-style capture: leaves as lines, the lists as tables whose headers are
    // broken over two lines where the values are narrower than the header, then passive and the
    // status line.
    String dashes1 =
        "-"
            .repeat(
                8 + 27 + "/w/ncs-run3/../erldist/ssl/ca1/certs/tailf_hcc3_cert.pem".length() + 2);
    String dashes2 = "-".repeat(8 + 27 + "/w/ncs-run3/../erldist/ssl/ca1/cert.pem".length() + 2);
    assertThat(out.lines().map(String::stripTrailing).toList())
        .containsExactly(
            "ha-raft status role leader",
            "ha-raft status leader ncsd3@tailf_hcc3.ha-cluster",
            "ha-raft status member [ ncsd1@tailf_hcc1.ha-cluster ncsd2@tailf_hcc2.ha-cluster"
                + " ncsd3@tailf_hcc3.ha-cluster ]",
            "ha-raft status connected-node [ ncsd2@tailf_hcc2.ha-cluster ]",
            "ha-raft status local-node ncsd3@tailf_hcc3.ha-cluster",
            "SERIAL",
            "NUMBER  EXPIRATION DATE            FILE PATH",
            dashes1,
            "0105    2025-10-27T21:26:48+01:00  /w/ncs-run3/../erldist/ssl/ca1/certs/tailf_hcc3_cert.pem",
            "",
            "SERIAL",
            "NUMBER  EXPIRATION DATE            FILE PATH",
            dashes2,
            "FF      2025-10-27T21:26:47+01:00  /w/ncs-run3/../erldist/ssl/ca1/cert.pem",
            "",
            "ha-raft status log current-index 53",
            "ha-raft status log applied-index 53",
            "ha-raft status log num-entries 12",
            "NODE                         STATE    INDEX  LAG",
            "--------------------------------------------------",
            "ncsd2@tailf_hcc2.ha-cluster  in-sync  53     0",
            "",
            "ha-raft status passive false",
            out.lines().toList().get(out.lines().toList().size() - 1));
    assertThat(out).containsPattern("\\n\\[ok]\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d]\\n$");
    assertThat(run("request ha-raft create-cluster member [ n2 n3 ]"))
        .matches("\\[ok]\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d]\\n");
    assertThat(node.invoked).anyMatch(i -> i.contains("create-cluster") && i.contains("n3"));
    assertThat(run("request ha-raft nonsense")).startsWith("syntax error").contains("\n[error][");
    // The C-style CLI keeps NSO's line format, without status lines.
    run("switch cli");
    assertThat(run("show ha-raft status log"))
        .isEqualTo(
            """
                ha-raft status log current-index 53
                ha-raft status log applied-index 53
                ha-raft status log num-entries 12
                ha-raft status log replications ncsd2@tailf_hcc2.ha-cluster
                 state in-sync
                 index 53
                 lag   0
                """);
    // '| tab' keeps the single-line headers of the C-style tables.
    assertThat(run("show ha-raft status log replications | tab")).startsWith("NODE ");
  }

  @Test
  void emptyShowSaysNoEntries() {
    assertThat(run("show running-config dummies")).isEqualTo("% No entries found.\n");
    assertThat(last).isEqualTo(CliInterpreter.Status.OK);
  }

  @Test
  void unexpectedNodeFailureIsAnErrorNotACrash() {
    node.actions.put(
        "/high-availability/be-none",
        in -> {
          throw new IllegalArgumentException("boom");
        });
    assertThat(run("high-availability be-none")).isEqualTo("Error: boom\n");
    assertThat(last).isEqualTo(CliInterpreter.Status.ERROR);
    assertThat(run("show ncs-state version")).isEqualTo("ncs-state version 6.4.4\n");
  }

  @Test
  void sessionSettingsAreAcceptedAsNoOps() {
    assertThat(run("screen-length 0")).isEmpty();
    assertThat(run("screen-width 0")).isEmpty();
    assertThat(run("autowizard false")).isEmpty();
    assertThat(last).isEqualTo(CliInterpreter.Status.OK);
    assertThat(run("screen-length")).isEqualTo("syntax error: expecting screen-length value\n");
    s = new CliInterpreter(node, "admin", CliStyle.J, Prompts.DEFAULTS);
    assertThat(run("set screen length 0")).isEmpty();
    assertThat(run("set complete-on-space false")).isEmpty();
    assertThat(last).isEqualTo(CliInterpreter.Status.OK);
  }

  @Test
  void leafListValuesAddAndDeleteOneByOne() {
    run("config");
    run("dummies dummy d1 device [ a b c ]");
    run("dummies dummy d1 device d");
    run("no dummies dummy d1 device b");
    run("no dummies dummy d1 device [ c x ]");
    assertThat(run("show full-configuration dummies"))
        .isEqualTo("dummies dummy d1\n device [ a d ]\n!\n");
    run("commit");
    assertThat(FakeBackend.json(node.config)).contains("\"device\":[\"a\",\"d\"]");
    run("no dummies dummy d1 device");
    assertThat(run("show full-configuration dummies")).isEqualTo("dummies dummy d1\n!\n");
  }

  @Test
  void unambiguousAbbreviations() {
    node.actions.put(
        "/high-availability/be-secondary-to",
        in -> "{\"result\":\"Attempting to be secondary to node " + in.leaf("node") + "\"}");
    assertThat(run("sh run high set reconnect-i"))
        .isEqualTo("high-availability settings reconnect-interval 2\n");
    assertThat(run("sh hi st mode")).isEqualTo("high-availability status mode primary\n");
    assertThat(run("high be-sec no n1"))
        .isEqualTo("result Attempting to be secondary to node n1\n");
    assertThat(run("s ncs-state version")).isEqualTo("syntax error: ambiguous command\n");
    assertThat(run("con")).isEqualTo("Entering configuration mode terminal\n");
    assertThat(run("dum dummy d1 dum 1.2.3.4")).isEmpty();
    assertThat(run("dummies dummy d1 d 1.2.3.4"))
        .isEqualTo("syntax error: element does not exist\n");
    assertThat(run("comm")).isEqualTo("Commit complete.\n");
    assertThat(run("end")).isEmpty();
    assertThat(run("sw cli")).isEmpty();
    assertThat(s.style()).isEqualTo(CliStyle.J);
  }

  @Test
  void abortRevertAndAndQuit() {
    run("config");
    run("dummies dummy d1 dummy 1.2.3.4");
    assertThat(run("revert")).isEmpty();
    assertThat(run("show configuration")).isEmpty();
    run("dummies dummy d1 dummy 1.2.3.4");
    assertThat(run("abort")).isEmpty();
    assertThat(s.inConfigMode()).isFalse();
    assertThat(node.commits).isEmpty();
    run("config");
    run("dummies dummy d2");
    run("dummy 2.2.2.2");
    assertThat(run("top show full-configuration dummies dummy d2 dummy"))
        .isEqualTo("dummies dummy d2\n dummy 2.2.2.2\n!\n");
    assertThat(s.prompt()).isEqualTo("admin@n1(config)# ");
    assertThat(run("commit and-quit")).isEqualTo("Commit complete.\n");
    assertThat(s.inConfigMode()).isFalse();
    assertThat(node.commits).hasSize(1);
  }

  @Test
  void undoneEditsLeaveNothingToCommit() {
    run("config");
    run("dummies dummy d9");
    assertThat(s.prompt()).isEqualTo("admin@n1(config-dummy-d9)# ");
    run("top");
    run("no dummies dummy d9");
    assertThat(run("show configuration")).isEmpty();
    assertThat(run("commit")).isEqualTo("% No modifications to commit.\n");
    run("high-availability settings reconnect-attempts 5");
    run("no high-availability settings reconnect-attempts");
    assertThat(run("end")).isEmpty();
    assertThat(s.inConfigMode()).isFalse();
    assertThat(node.commits).isEmpty();
  }

  @Test
  void valuesAreCheckedAndMadeCanonicalByTheLeafType() {
    run("config");
    assertThat(run("high-availability settings reconnect-interval 0"))
        .isEqualTo("syntax error: \"0\" is an invalid value.\n");
    assertThat(run("dummies dummy d1 dummy 1.2.3"))
        .isEqualTo("syntax error: \"1.2.3\" is an invalid value.\n");
    run("high-availability settings reconnect-interval 007");
    assertThat(run("show full-configuration high-availability settings reconnect-interval"))
        .isEqualTo("high-availability settings reconnect-interval 7\n");
    assertThat(run("commit")).isEqualTo("Commit complete.\n");
    assertThat(FakeBackend.json(node.config)).contains("\"reconnect-interval\":7");
  }
}
