package dev.nsoha.sim.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.sim.ipc.IpcReply;
import dev.nsoha.sim.ipc.IpcRequest;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NcsCmdToolTest {
  /** A fake node: a flat map of keypath to value, and a log of what happened. */
  static final class FakeNode implements NodeOps {
    final Map<String, String> data = new LinkedHashMap<>();
    final List<String> log = new ArrayList<>();
    boolean readOnly;

    @Override
    public String version() {
      return "6.4.4";
    }

    @Override
    public String phase() {
      return "started";
    }

    @Override
    public String statusDetails() {
      return "";
    }

    @Override
    public Optional<String> get(String keypath) {
      if (keypath.contains("nosuch")) {
        throw new ToolFailure(ToolFailure.Kind.BAD_PATH, "No such path: " + keypath);
      }
      return Optional.ofNullable(data.get(keypath));
    }

    @Override
    public boolean exists(String keypath) {
      return data.keySet().stream().anyMatch(k -> k.startsWith(keypath));
    }

    @Override
    public int count(String keypath) {
      return (int)
          data.keySet().stream()
              .filter(k -> k.startsWith(keypath + "{"))
              .map(k -> k.substring(0, k.indexOf('}')))
              .distinct()
              .count();
    }

    @Override
    public List<OutputItem> action(
        String keypath, List<Map.Entry<String, String>> params, String user) {
      log.add("action " + keypath + " " + params + " by " + user);
      if (keypath.endsWith("sync-from")) {
        return List.of(
            new OutputItem(OutputItem.Type.BEGIN, "sync-result", null),
            new OutputItem(OutputItem.Type.LEAF, "device", "c0"),
            new OutputItem(OutputItem.Type.LEAF, "result", "true"),
            new OutputItem(OutputItem.Type.END, "sync-result", null));
      }
      return List.of(new OutputItem(OutputItem.Type.LEAF, "result", "enabled"));
    }

    @Override
    public Tx begin(String user) {
      log.add("begin " + user);
      Map<String, String> pending = new LinkedHashMap<>();
      return new Tx() {
        @Override
        public void set(String keypath, String value) {
          pending.put(keypath, value);
        }

        @Override
        public void create(String keypath) {
          pending.put(keypath, "");
        }

        @Override
        public void delete(String keypath) {
          pending.put(keypath, null);
        }

        @Override
        public void commit() {
          if (readOnly) {
            throw new ToolFailure(ToolFailure.Kind.READ_ONLY, "node is in read-only mode");
          }
          pending.forEach(
              (k, v) -> {
                if (v == null) {
                  data.remove(k);
                } else {
                  data.put(k, v);
                }
              });
          log.add("commit " + pending.keySet());
        }

        @Override
        public void close() {
          log.add("close");
        }
      };
    }

    @Override
    public String save(String keypath, String format, boolean withDefaults, boolean oper) {
      return "";
    }

    @Override
    public void loadXml(String xml, String user, boolean merge, String deletePath) {}

    @Override
    public int cli(
        String user, boolean cStyle, Reader in, Writer out, boolean echo, boolean stopOnError) {
      return 0;
    }

    @Override
    public void stop() {}
  }

  final FakeNode node = new FakeNode();
  final NcsCmdTool tool = new NcsCmdTool(node);

  IpcReply run(String... args) {
    return tool.run(new IpcRequest("ncs_cmd", List.of(args), Map.of(), "/tmp", Optional.empty()));
  }

  @Test
  void theExamplesReads() {
    node.data.put("/high-availability/status/mode", "primary");
    node.data.put("/high-availability/status/connected-secondary{n2}/address", "127.0.0.1");
    node.data.put("/high-availability/status/connected-secondary{n3}/address", "127.0.0.1");
    assertThat(run("-o", "-c", "mrtrans; maapi_get \"/high-availability/status/mode\""))
        .isEqualTo(IpcReply.ok("primary\n"));
    assertThat(run("-o", "-c", "mrtrans; mget \"/high-availability/status/mode\"").stdout())
        .isEqualTo("primary\n");
    assertThat(
            run(
                    "-o",
                    "-c",
                    "mrtrans; maapi_num_instances \"/high-availability/status/connected-secondary\"")
                .stdout())
        .isEqualTo("2\n");
    assertThat(
            run("-c", "mexists /high-availability/status/connected-secondary{n2}/address").stdout())
        .isEqualTo("yes\n");
    assertThat(
            run("-o", "-c", "mrtrans; mexists \"/high-availability/status/be-secondary-result\"")
                .stdout())
        .isEqualTo("no\n");
    assertThat(node.log).isEmpty();
  }

  @Test
  void aMissingLeafFailsWithTheMaapiErrorOnStderr() {
    IpcReply r = run("-c", "mrtrans; mget /high-availability/status/primary-id");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr())
        .startsWith(
            "FAILED: maapi_get_elem(ms, mtid, &val, argv[0]), Error: item does not exist (1): ")
        .endsWith(", in function do_maapi_get, line 1201\n");
    assertThat(run("-c", "mget /nosuch").stderr())
        .contains("Error: badly formatted or nonexistent path (8): No such path: /nosuch");
  }

  @Test
  void outputBeforeAFailureIsKept() {
    node.data.put("/a", "1");
    IpcReply r = run("-c", "mget /a; mget /b; mget /a");
    assertThat(r.stdout()).isEqualTo("1\n");
    assertThat(r.exitCode()).isEqualTo(1);
  }

  @Test
  void actionOutputIsLeafLinesAndBeginEndBrackets() {
    assertThat(run("-c", "maction /high-availability/enable").stdout())
        .isEqualTo("result enabled\n");
    assertThat(run("-u", "admin", "-c", "maction /devices/sync-from").stdout())
        .isEqualTo("sync-result begin\n  device c0\n  result true\nsync-result end\n");
    run("-c", "maction /high-availability/be-secondary-to node n1");
    assertThat(node.log).contains("action /high-availability/be-secondary-to [node=n1] by admin");
  }

  @Test
  void writesOpenATransactionLazilyAndCommitAtTheEnd() {
    IpcReply r =
        run(
            "-u",
            "oper",
            "-c",
            "mset /dummies/dummy{d1}/dummy 1.2.3.4; mcreate /dummies/dummy{d2}");
    assertThat(r).isEqualTo(IpcReply.ok(""));
    assertThat(node.log)
        .containsExactly(
            "begin oper", "commit [/dummies/dummy{d1}/dummy, /dummies/dummy{d2}]", "close");
    assertThat(node.data).containsEntry("/dummies/dummy{d1}/dummy", "1.2.3.4");
  }

  @Test
  void aReadOnlyNodeRefusesTheCommit() {
    node.readOnly = true;
    IpcReply r = run("-c", "mset /dummies/dummy{d1}/dummy 1.2.3.4");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr())
        .isEqualTo(
            "FAILED: maapi_apply_trans(ms, mtid, 0), Error: operation in wrong state (17): "
                + "node is in read-only mode, in function do_maapi_apply_trans, line 1420\n");
  }

  @Test
  void writesInAReadSessionAreRefused() {
    IpcReply r = run("-c", "mrtrans; mset /a 1");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).contains("operation in wrong state (17)");
    assertThat(node.log).isEmpty();
  }

  @Test
  void unknownCommandsAndScriptsFromStdin() {
    IpcReply r = run("-c", "frobnicate");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).contains("unknown command: frobnicate (try \"ncs_cmd -h commands\"");
    node.data.put("/x", "42");
    IpcReply s =
        tool.run(
            new IpcRequest(
                "ncs_cmd", List.of(), Map.of(), "", Optional.of("# comment\nmget /x\n")));
    assertThat(s.stdout()).isEqualTo("42\n");
    assertThat(run("-c").stderr()).contains("option -c needs a value");
  }
}
