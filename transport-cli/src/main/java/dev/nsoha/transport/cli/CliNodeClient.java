package dev.nsoha.transport.cli;

import dev.nsoha.core.digest.ConfigEvents;
import dev.nsoha.core.error.InvalidInputException;
import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.error.OperationFailedException;
import dev.nsoha.core.error.ProtocolException;
import dev.nsoha.core.error.UnreachableException;
import dev.nsoha.core.model.Alarm;
import dev.nsoha.core.model.ConfigPath;
import dev.nsoha.core.model.DataTree;
import dev.nsoha.core.model.HaConfig;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.model.PackageReloadResult;
import dev.nsoha.core.model.PackageStatus;
import dev.nsoha.core.model.RaftStatus;
import dev.nsoha.core.model.ReloadOptions;
import dev.nsoha.core.model.SoftwarePackage;
import dev.nsoha.core.model.SyncResult;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeEndpoint;
import dev.nsoha.core.yang.NsoJson;
import java.io.IOException;
import java.io.Reader;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link NodeClient} over NSO's C-style CLI on SSH (port 2024 by default), with one interactive
 * session per node that is opened on first use, kept open and reused, and opened again after the
 * node restarted.
 *
 * <p>Reads use {@code | display json}; action outputs are read from NSO's {@code name { ... }}
 * blocks into trees. Both are mapped to records by core's one mapping, {@link NsoJson}. Writes run
 * in config mode and are committed; config mode is always left, also after an error ({@code abort},
 * then {@code end}). Every command waits for the next prompt with the endpoint's request timeout
 * (package reload and sync get more), never for a fixed time.
 *
 * <p>Thread-safe: calls are serialized over the one session. A read whose session turns out to be
 * gone (the node restarted while the session was idle) is retried once on a new session; a write is
 * retried only when it could not be sent at all.
 */
public final class CliNodeClient implements NodeClient {
  /** The transport's name. */
  public static final String TRANSPORT = "cli";

  private static final Logger log = LoggerFactory.getLogger(CliNodeClient.class);
  private static final String NO_ENTRIES = "% No entries found";

  private final NodeEndpoint endpoint;
  private final CliOptions options;
  private final String where;
  private volatile CliSession session;
  private volatile boolean closed;

  /** A client for {@code endpoint}; it connects on first use. */
  public CliNodeClient(NodeEndpoint endpoint, CliOptions options) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.options = Objects.requireNonNull(options, "options");
    this.where = endpoint.where(TRANSPORT);
  }

  @Override
  public NodeEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public String transport() {
    return TRANSPORT;
  }

  // ---- high availability
  // ------------------------------------------------------------------------------------

  @Override
  public HaStatus haStatus() {
    String op = "read the HA status";
    String out = read(op, "show high-availability | display json | nomore");
    if (out.contains(NO_ENTRIES) || out.isBlank()) {
      return HaStatus.disabled(Optional.empty(), false);
    }
    return parse(op, out, o -> NsoJson.haStatus(CliJson.data(o)));
  }

  @Override
  public HaConfig haConfig() {
    String out =
        read(
            "read the HA configuration",
            "show running-config high-availability | details | display json | nomore");
    return parse("read the HA configuration", out, o -> NsoJson.haConfig(CliJson.data(o)));
  }

  @Override
  public String enableHa() {
    return action("enable high availability", "high-availability enable");
  }

  @Override
  public String disableHa() {
    return action("disable high availability", "high-availability disable");
  }

  @Override
  public String bePrimary() {
    return action("make the node primary", "high-availability be-primary");
  }

  @Override
  public String beSecondaryTo(NodeId primary) {
    return action(
        "make the node a secondary of " + primary,
        "high-availability be-secondary-to node " + CliWords.quote(primary.value()));
  }

  @Override
  public String beNone() {
    return action("give the node role none", "high-availability be-none");
  }

  @Override
  public void setReadOnly(boolean readOnly) {
    action(
        readOnly ? "set read-only mode" : "clear read-only mode",
        "high-availability read-only mode " + readOnly);
  }

  // ---- HA Raft
  // ---------------------------------------------------------------------------------------------

  @Override
  public Optional<RaftStatus> raftStatus() {
    String op = "read the HA Raft status";
    String out = read(op, "show ha-raft | display json | nomore");
    if (out.contains(NO_ENTRIES) || out.isBlank()) {
      return Optional.empty();
    }
    return parse(op, out, o -> NsoJson.raftStatus(CliJson.data(o)));
  }

  @Override
  public void raftReadOnly(boolean readOnly) {
    String command = "ha-raft read-only mode " + readOnly;
    run(
        "HA Raft read-only mode " + readOnly,
        command,
        endpoint.options().requestTimeout(),
        Retry.IF_NOT_SENT);
  }

  @Override
  public void raftCreateCluster(List<String> members) {
    StringBuilder command = new StringBuilder("ha-raft create-cluster member [");
    for (String m : members) {
      command.append(' ').append(CliWords.quote(m));
    }
    command.append(" ]");
    run(
        "ha-raft create-cluster member [ " + String.join(" ", members) + " ]",
        command.toString(),
        longTimeout(Optional.empty()),
        Retry.IF_NOT_SENT);
  }

  // ---- configuration
  // ----------------------------------------------------------------------------------------

  @Override
  public DataTree readConfig(ConfigPath path) {
    String op = "read the configuration at " + path;
    String out = read(op, "show running-config " + path.cliWords() + " | display json | nomore");
    if (out.contains(NO_ENTRIES) || out.isBlank()) {
      return DataTree.empty();
    }
    return parse(op, out, o -> CliJson.subtree(CliJson.data(o), path));
  }

  @Override
  public DataTree readRunningConfig() {
    String op = "read the running configuration";
    String out = read(op, "show running-config | display json | nomore");
    if (out.contains(NO_ENTRIES) || out.isBlank()) {
      return DataTree.empty();
    }
    return parse(op, out, CliJson::data);
  }

  /**
   * Streams {@code show running-config | display json} into {@code sink} as it arrives ({@link
   * CliJsonStream}): no limit on the reply's size and no deadline for the whole reply, only the
   * request timeout as the longest silence. Read again on a new session only when the old one was
   * gone before anything reached {@code sink}.
   */
  @Override
  public synchronized void streamRunningConfig(ConfigEvents sink) {
    String op = "read the running configuration";
    String command = "show running-config | display json | nomore";
    Duration idle = endpoint.options().requestTimeout();
    boolean[] json = {false};
    CliSession.ReplyBody body = in -> json[0] = parseStream(op, in, sink);
    boolean reused = session != null && session.isOpen();
    CliSession.Reply r;
    try {
      r = session(op).stream(command, idle, op, body);
    } catch (CliSession.Lost e) {
      resetSession();
      if (!reused || !e.notSent) {
        throw new UnreachableException(
            where,
            op,
            e.getMessage() + " (" + endpoint.address() + ":" + endpoint.cliPort() + ")",
            e);
      }
      log.debug("{}: the CLI session was gone ({}); reconnecting for '{}'", where, e, op);
      try {
        r = session(op).stream(command, idle, op, body);
      } catch (CliSession.Lost e2) {
        resetSession();
        throw new UnreachableException(
            where,
            op,
            e2.getMessage() + " (" + endpoint.address() + ":" + endpoint.cliPort() + ")",
            e2);
      }
    } catch (NsoException e) {
      if (session != null && !session.isOpen()) {
        resetSession();
      }
      throw e;
    }
    check(op, r);
    if (r.mode() != CliSession.Mode.OPER) {
      resetSession();
      throw new ProtocolException(
          where, op, "expected the operational prompt after the reply, got '" + r.prompt() + "'");
    }
    if (!json[0]) {
      if (!r.output().isBlank() && !r.output().contains(NO_ENTRIES)) {
        throw new ProtocolException(
            where, op, "the CLI output holds no JSON: '" + abbreviate(r.output().strip()) + "'");
      }
      sink.beginObject();
      sink.endObject();
    }
  }

  private boolean parseStream(String op, Reader in, ConfigEvents sink) throws IOException {
    try {
      return CliJsonStream.data(in, sink);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(
          where, op, "cannot parse the CLI output (" + e.getMessage() + ")", e);
    }
  }

  @Override
  public synchronized void mergeConfig(DataTree data) {
    String op = "merge configuration";
    List<String> lines;
    try {
      lines = CliConfigLines.render(data);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(where, op, e.getMessage(), e);
    }
    if (lines.isEmpty()) {
      return;
    }
    Duration timeout = endpoint.options().requestTimeout();
    CliSession.Reply r = exec(op, "config", timeout, Retry.IF_NOT_SENT);
    check(op, r);
    if (r.mode() != CliSession.Mode.CONFIG) {
      resetSession();
      throw new ProtocolException(
          where, op, "'config' did not enter config mode; prompt '" + r.prompt() + "'");
    }
    try {
      String top = r.prompt();
      for (String line : lines) {
        r = exec(op, line, timeout, Retry.NEVER);
        check(op, r);
        if (r.mode() == CliSession.Mode.CONFIG && !r.prompt().equals(top)) {
          check(op, exec(op, "top", timeout, Retry.NEVER)); // the line entered a submode
        } else if (r.mode() != CliSession.Mode.CONFIG) {
          throw new ProtocolException(
              where,
              op,
              "left config mode after '" + firstWords(line) + "'; prompt '" + r.prompt() + "'");
        }
      }
      r = exec(op, "commit", timeout, Retry.NEVER);
      check(op, r);
    } catch (NsoException e) {
      leaveConfigAfterError(op);
      throw e;
    }
    r = exec(op, "end", timeout, Retry.NEVER);
    if (r.mode() != CliSession.Mode.OPER) {
      leaveConfigAfterError(op);
    }
  }

  /**
   * Leaves config mode, discarding uncommitted changes; resets the session when that does not work.
   */
  private void leaveConfigAfterError(String op) {
    if (session == null || !session.isOpen()) {
      return;
    }
    Duration timeout = endpoint.options().requestTimeout();
    try {
      CliSession.Reply r = session.run("abort", timeout, op);
      if (r.mode() == CliSession.Mode.CONFIG) {
        r = session.run("end", timeout, op);
      }
      if (r.mode() == CliSession.Mode.QUESTION) {
        r = session.run("no", timeout, op);
      }
      if (r.mode() != CliSession.Mode.OPER) {
        log.debug(
            "{}: could not leave config mode (prompt '{}'); closing the session",
            where,
            r.prompt());
        resetSession();
      }
    } catch (CliSession.Lost | NsoException e) {
      log.debug("{}: leaving config mode failed; closing the session: {}", where, e.getMessage());
      resetSession();
    }
  }

  // ---- packages
  // ---------------------------------------------------------------------------------------------

  @Override
  public List<PackageStatus> packages() {
    String op = "list the loaded packages";
    String out = read(op, "show packages package | display json | nomore");
    if (out.contains(NO_ENTRIES) || out.isBlank()) {
      return List.of();
    }
    return parse(op, out, o -> NsoJson.packages(CliJson.data(o)));
  }

  @Override
  public List<SoftwarePackage> softwarePackages() {
    String op = "list the software packages";
    return parse(
        op,
        read(op, "software packages list"),
        o -> NsoJson.softwarePackages(CliText.outputTree(o)));
  }

  @Override
  public String fetchPackage(String fileOnNode) {
    String op = "fetch package file " + fileOnNode;
    return resultOf(
        op,
        run(
            op,
            "software packages fetch package-from-file " + CliWords.quote(fileOnNode),
            longTimeout(Optional.empty()),
            Retry.IF_NOT_SENT));
  }

  @Override
  public String installPackage(String name, boolean replaceExisting) {
    String op = "install package " + name;
    return resultOf(
        op,
        run(
            op,
            "software packages install package "
                + CliWords.quote(name)
                + (replaceExisting ? " replace-existing" : ""),
            longTimeout(Optional.empty()),
            Retry.IF_NOT_SENT));
  }

  @Override
  public void deinstallPackage(String name) {
    String op = "deinstall package " + name;
    run(
        op,
        "software packages deinstall package " + CliWords.quote(name),
        longTimeout(Optional.empty()),
        Retry.IF_NOT_SENT);
  }

  @Override
  public List<PackageReloadResult> reloadPackages(ReloadOptions options) {
    String op = "reload packages";
    StringBuilder cmd = new StringBuilder("packages reload");
    if (options.force()) {
      cmd.append(" force");
    }
    options.maxWaitTime().ifPresent(d -> cmd.append(" max-wait-time ").append(d.toSeconds()));
    if (options.waitCommitQueueEmpty()) {
      cmd.append(" wait-commit-queue-empty");
    }
    String out = run(op, cmd.toString(), longTimeout(options.maxWaitTime()), Retry.IF_NOT_SENT);
    return parse(op, out, o -> NsoJson.reloadResults(CliText.outputTree(o)));
  }

  @Override
  public SyncResult haSyncAndReload(ReloadOptions options) {
    String op = "sync packages to the secondaries and reload";
    StringBuilder params = new StringBuilder();
    if (options.waitCommitQueueEmpty()) {
      params.append(" wait-commit-queue-empty");
    }
    options.maxWaitTime().ifPresent(d -> params.append(" max-wait-time ").append(d.toSeconds()));
    if (options.force()) {
      params.append(" force");
    }
    String cmd = "packages ha sync and-reload" + (params.length() == 0 ? "" : " {" + params + " }");
    String out = run(op, cmd, longTimeout(options.maxWaitTime()), Retry.IF_NOT_SENT);
    try {
      return NsoJson.syncResult(CliText.outputTree(out));
    } catch (ProtocolException | IllegalArgumentException e) {
      // The action ran (errors are mapped above); its reply has no public sample. What counts is
      // the package check on every node that follows, so an unreadable reply reports nothing.
      log.warn(
          "{}: {}: the reply could not be read ({}); the packages on each node decide: '{}'",
          where,
          op,
          e.getMessage(),
          abbreviate(out.strip()));
      return new SyncResult(List.of(), List.of());
    }
  }

  // ---- node facts
  // -------------------------------------------------------------------------------------------

  @Override
  public NsoVersion version() {
    String op = "read the NSO version";
    return parse(
        op, read(op, "show ncs-state version | nomore"), o -> NsoVersion.parse(CliText.version(o)));
  }

  @Override
  public List<Alarm> alarms() {
    String op = "read the alarm list";
    String out = read(op, "show alarms alarm-list | display json | nomore");
    if (out.contains(NO_ENTRIES) || out.isBlank()) {
      return List.of();
    }
    return parse(op, out, o -> NsoJson.alarms(CliJson.data(o)));
  }

  /**
   * Closes the session at once, without waiting for a running command: that command fails as
   * unreachable.
   */
  @Override
  public void close() {
    closed = true;
    CliSession s = session;
    if (s != null) {
      s.close();
    }
  }

  // ---- plumbing
  // ---------------------------------------------------------------------------------------------

  /** When a command may be sent again on a new session after the old one was found gone. */
  private enum Retry {
    /** Reads: always safe. */
    ALWAYS,
    /** Actions: only when the command never left this side. */
    IF_NOT_SENT,
    /** Commands inside a config session: the new session would not be in config mode. */
    NEVER
  }

  private String read(String op, String command) {
    return run(op, command, endpoint.options().requestTimeout(), Retry.ALWAYS);
  }

  private String action(String op, String command) {
    return resultOf(op, run(op, command, endpoint.options().requestTimeout(), Retry.IF_NOT_SENT));
  }

  /** Runs an operational-mode command and returns its output, with errors mapped. */
  private synchronized String run(String op, String command, Duration timeout, Retry retry) {
    CliSession.Reply r = exec(op, command, timeout, retry);
    check(op, r);
    if (r.mode() != CliSession.Mode.OPER) {
      resetSession();
      throw new ProtocolException(
          where,
          op,
          "expected the operational prompt after '"
              + firstWords(command)
              + "', got '"
              + r.prompt()
              + "'"
              + (r.output().isBlank() ? "" : ": " + r.output().strip()));
    }
    return r.output();
  }

  private synchronized CliSession.Reply exec(
      String op, String command, Duration timeout, Retry retry) {
    boolean reused = session != null && session.isOpen();
    CliSession s = session(op);
    try {
      return s.run(command, timeout, op);
    } catch (CliSession.Lost e) {
      resetSession();
      boolean again = reused && (retry == Retry.ALWAYS || retry == Retry.IF_NOT_SENT && e.notSent);
      if (!again) {
        throw new UnreachableException(
            where,
            op,
            e.getMessage() + " (" + endpoint.address() + ":" + endpoint.cliPort() + ")",
            e);
      }
      log.debug(
          "{}: the CLI session was gone ({}); reconnecting for '{}'", where, e.getMessage(), op);
      try {
        return session(op).run(command, timeout, op);
      } catch (CliSession.Lost e2) {
        resetSession();
        throw new UnreachableException(
            where,
            op,
            e2.getMessage() + " (" + endpoint.address() + ":" + endpoint.cliPort() + ")",
            e2);
      }
    } catch (NsoException e) {
      if (session != null && !session.isOpen()) {
        resetSession();
      }
      throw e;
    }
  }

  private CliSession session(String op) {
    if (closed) {
      throw new UnreachableException(where, op, "the client is closed");
    }
    if (session != null && !session.isOpen()) {
      log.debug("{}: the CLI session has ended; opening a new one", where);
      resetSession();
    }
    if (session == null) {
      session = CliSession.open(endpoint, options);
    }
    return session;
  }

  private synchronized void resetSession() {
    CliSession s = session;
    if (s != null) {
      session = null;
      s.close();
    }
  }

  /**
   * Throws the mapped error when the reply carries one; answers an unexpected question with "no"
   * first.
   */
  private void check(String op, CliSession.Reply r) {
    Optional<NsoException> err = CliErrors.find(r.output(), where, op);
    if (r.mode() == CliSession.Mode.QUESTION) {
      String question = r.prompt().strip();
      resetSession();
      throw err.orElseGet(
          () -> new ProtocolException(where, op, "the node asked a question: '" + question + "'"));
    }
    if (err.isPresent()) {
      throw err.get();
    }
  }

  /**
   * NSO's {@code result} text, or the whole output when there is no result line; {@code result
   * false} fails.
   */
  private String resultOf(String op, String out) {
    Optional<String> result = CliText.result(out);
    if (result.isPresent() && result.get().equals("false")) {
      String info =
          out.lines()
              .map(String::strip)
              .filter(l -> l.startsWith("info "))
              .map(CliWords::rest)
              .findFirst()
              .orElse("result false");
      throw new OperationFailedException(where, op, info);
    }
    return result.orElse(out.strip());
  }

  private <T> T parse(String op, String out, Function<String, T> parser) {
    try {
      return parser.apply(out);
    } catch (ProtocolException e) {
      throw new ProtocolException(
          where,
          op,
          "cannot map the CLI output (" + e.detail() + "): '" + abbreviate(out.strip()) + "'",
          e);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(
          where,
          op,
          "cannot parse the CLI output (" + e.getMessage() + "): '" + abbreviate(out.strip()) + "'",
          e);
    }
  }

  private Duration longTimeout(Optional<Duration> maxWait) {
    Duration base = endpoint.options().requestTimeout().multipliedBy(5);
    return maxWait.map(base::plus).orElse(base);
  }

  private static String firstWords(String line) {
    List<String> w = CliWords.split(line);
    return String.join(" ", w.subList(0, Math.min(3, w.size())));
  }

  private static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }

  @Override
  public String toString() {
    return "CliNodeClient[" + where + "]";
  }
}
