package dev.nsoha.sim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One CLI session: the command interpreter shared by the SSH server and {@code ncs_cli}.
 *
 * <p>Holds the style (C or J), the mode (operational or configuration, with submodes) and the
 * uncommitted changes. {@link #execute} runs one input line and writes its output. Not thread-safe:
 * one session serves one user's input stream.
 */
public final class CliSession {

  /** Outcome of one command line. */
  public enum Status {
    /** Done (also for {@code % No entries found.}). */
    OK,
    /** Refused or failed ({@code Aborted:}, {@code Error:}, {@code syntax error:}). */
    ERROR,
    /** The session ended ({@code exit} in operational mode). */
    EXIT
  }

  /** Supplies further input lines (for the uncommitted-changes question). */
  @FunctionalInterface
  public interface LineSource {
    /** The next line, or null at end of input. */
    String readLine() throws IOException;

    /** True if reading already echoed the line and its end (a terminal with a PTY). */
    default boolean echoes() {
      return false;
    }
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CliSession.class);
  static final String NO_ENTRIES = "% No entries found.";
  static final String RO = "node is in read-only mode";

  private final CliBackend backend;
  private final String user;
  private final Words words;
  private final ActionCommand actions;
  private final Prompts prompts;
  private CliStyle style;
  private boolean configMode;
  private final List<PathStep> path = new ArrayList<>();
  private final List<Integer> modeDepths = new ArrayList<>();
  private final List<Edit> edits = new ArrayList<>();
  private ObjectNode candidate;

  /**
   * Creates a session in operational mode.
   *
   * @param backend the node
   * @param user the logged-in user
   * @param style the initial style
   * @param prompts prompt templates from ncs.conf
   */
  public CliSession(CliBackend backend, String user, CliStyle style, Prompts prompts) {
    this.backend = Objects.requireNonNull(backend);
    this.user = Objects.requireNonNull(user);
    this.style = Objects.requireNonNull(style);
    this.prompts = Objects.requireNonNull(prompts);
    this.words = new Words(backend);
    this.actions = new ActionCommand(backend, user, words);
  }

  public CliStyle style() {
    return style;
  }

  public boolean inConfigMode() {
    return configMode;
  }

  /** The prompt to show before the next command. */
  public String prompt() {
    return prompts.expand(style, modeName(), user, backend.hostName());
  }

  /** {@code config}, {@code config-dummy-d1}, ... or empty in operational mode. */
  String modeName() {
    if (!configMode) {
      return "";
    }
    if (style == CliStyle.J || path.isEmpty()) {
      return "config";
    }
    PathStep last = path.get(path.size() - 1);
    StringBuilder b = new StringBuilder("config-").append(last.name());
    for (String k : last.keys()) {
      b.append('-').append(k);
    }
    return b.toString();
  }

  /** Runs one input line, writing its output; returns the outcome. */
  public Status execute(String line, CliOutput out, LineSource in) {
    String trimmed = line.strip();
    if (trimmed.isEmpty() || trimmed.startsWith("!")) {
      return Status.OK;
    }
    List<String> lines = new ArrayList<>();
    Status st;
    try {
      List<String> parts = CommandLines.splitPipes(trimmed);
      Pipes pipes = Pipes.parse(parts.subList(1, parts.size()));
      List<Token> tokens = CommandLines.tokenize(parts.get(0));
      if (tokens.isEmpty()) {
        throw new CliFailure("syntax error: unknown command");
      }
      st = dispatch(tokens, pipes, lines, out, in);
      for (String l : pipes.apply(lines)) {
        out.line(l);
      }
    } catch (CommandLines.SyntaxException e) {
      out.line(e.getMessage());
      st = Status.ERROR;
    } catch (CliFailure f) {
      for (String l : lines) {
        out.line(l);
      }
      out.line(f.getMessage());
      st = Status.ERROR;
    } catch (RuntimeException e) {
      if (e instanceof java.io.UncheckedIOException) {
        throw e; // the client went away
      }
      LOG.warn("CLI command '{}' of {} failed: {}", trimmed, user, e.toString());
      LOG.debug("stack trace", e);
      out.line("Error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      st = Status.ERROR;
    }
    out.flush();
    return st;
  }

  private Status dispatch(
      List<Token> t, Pipes pipes, List<String> lines, CliOutput out, LineSource in)
      throws CliFailure, CommandLines.SyntaxException {
    if (style == CliStyle.J) {
      return configMode ? jConfig(t, pipes, lines, out, in) : jOper(t, pipes, lines);
    }
    return configMode ? cConfig(t, pipes, lines, out, in) : cOper(t, pipes, lines);
  }

  // ---------------------------------------------------------------- C-style operational mode

  private Status cOper(List<Token> t, Pipes pipes, List<String> lines)
      throws CliFailure, CommandLines.SyntaxException {
    String w = keyword(t.get(0), C_OPER);
    switch (w) {
      case "show":
        show(t.subList(1, t.size()), pipes, lines, false);
        return Status.OK;
      case "config":
      case "configure":
      case "conf":
        enterConfig(t, lines);
        return Status.OK;
      case "exit":
      case "quit":
      case "logout":
        return Status.EXIT;
      case "switch":
        switchCli(t);
        return Status.OK;
      case "end":
      case "top":
        return Status.OK;
      default:
        if (SESSION_SETTINGS.contains(w)) {
          sessionSetting(t);
          return Status.OK;
        }
        actions.invokeByPath(t, 0, lines);
        return Status.OK;
    }
  }

  private static final List<String> C_OPER =
      List.of("show", "config", "configure", "exit", "quit", "logout", "switch", "end", "top");
  private static final List<String> SHOW_SUB =
      List.of("running-config", "full-configuration", "configuration");
  private static final List<String> C_CONFIG =
      List.of("commit", "top", "end", "exit", "abort", "revert", "do", "show", "no");
  private static final List<String> J_OPER =
      List.of("show", "request", "switch", "configure", "exit", "quit", "logout", "set");
  private static final List<String> J_CONFIG =
      List.of("set", "delete", "commit", "show", "run", "exit", "quit");

  /**
   * The command word a typed word stands for: itself if it is a whole command (or quoted), else the
   * only command (or session setting, or top-level node) it abbreviates; where several commands
   * match and one is a prefix of the others ({@code con} → {@code config}, not {@code configure})
   * that one. Unknown words come back unchanged; an ambiguous one is an error, except in
   * configuration mode where it may name a node of the current submode.
   */
  private String keyword(Token word, List<String> commands) throws CliFailure {
    String w = word.text();
    if (word.quoted() || commands.contains(w) || SESSION_SETTINGS.contains(w) || w.isEmpty()) {
      return w;
    }
    List<String> all = new ArrayList<>(commands);
    if (commands == C_OPER) {
      all.addAll(SESSION_SETTINGS);
    }
    for (SchemaNode top : backend.schema().children()) {
      all.add(top.name());
    }
    String best = null;
    for (String c : all) {
      if (c.equals(w)) {
        return w;
      }
      if (!c.startsWith(w)) {
        continue;
      }
      if (best == null || best.startsWith(c)) {
        best = c;
      } else if (!c.startsWith(best)) {
        if (commands == C_CONFIG || commands == J_CONFIG) {
          return w; // may still name something in the current submode
        }
        throw new CliFailure("syntax error: ambiguous command");
      }
    }
    return best == null ? w : best;
  }

  /**
   * Session settings that automation sends (no pager, no wizard, ...). The simulator has no pager
   * or wizards, so they are accepted (with their one argument) and change nothing.
   */
  private static final List<String> SESSION_SETTINGS =
      List.of(
          "screen-length",
          "screen-width",
          "terminal",
          "autowizard",
          "complete-on-space",
          "display-level",
          "history",
          "idle-timeout",
          "paginate",
          "prompt1",
          "prompt2",
          "show-defaults",
          "timestamp");

  private static void sessionSetting(List<Token> t) throws CliFailure {
    if (t.size() != 2) {
      throw new CliFailure(
          t.size() < 2
              ? "syntax error: expecting " + t.get(0).text() + " value"
              : "syntax error: unknown argument");
    }
  }

  private void switchCli(List<Token> t) throws CliFailure {
    if (t.size() != 2 || !t.get(1).text().equals("cli")) {
      throw new CliFailure("syntax error: expecting cli");
    }
    if (configMode) {
      throw new CliFailure("Error: cannot switch CLI style in configuration mode");
    }
    style = style == CliStyle.C ? CliStyle.J : CliStyle.C;
  }

  private void enterConfig(List<Token> t, List<String> lines) throws CliFailure {
    if (t.size() > 2
        || t.size() == 2
            && !List.of("terminal", "exclusive", "shared", "private").contains(t.get(1).text())) {
      throw new CliFailure("syntax error: expecting terminal");
    }
    if (backend.isReadOnly()) {
      throw new CliFailure("Aborted: " + RO);
    }
    configMode = true;
    path.clear();
    modeDepths.clear();
    edits.clear();
    candidate = running(backend.schema());
    lines.add("Entering configuration mode " + (t.size() == 2 ? t.get(1).text() : "terminal"));
  }

  // ---------------------------------------------------------------- show

  private void show(List<Token> args, Pipes pipes, List<String> lines, boolean inConfig)
      throws CliFailure {
    SchemaNode root = backend.schema();
    if (!args.isEmpty()) {
      String w = keyword(args.get(0), SHOW_SUB);
      if (style == CliStyle.J && w.equals("configuration")) {
        ObjectNode data = inConfig ? candidate.deepCopy() : running(root);
        List<Trees.Sel> sel = selection(root, args.subList(1, args.size()), true);
        if (pipes.display() != Pipes.Display.CLI) {
          renderSelection(root, data, sel, true, pipes, lines);
          return;
        }
        ObjectNode pruned = Trees.prune(data, sel, 0);
        if (pruned == null || pruned.isEmpty()) {
          lines.add(NO_ENTRIES);
        } else {
          lines.addAll(DiffRenderer.curly(root, pruned));
        }
        return;
      }
      if (w.equals("running-config")) {
        render(root, running(root), args.subList(1, args.size()), true, pipes, lines);
        return;
      }
      if (w.equals("full-configuration")) {
        requireConfig(inConfig);
        render(root, candidate.deepCopy(), args.subList(1, args.size()), true, pipes, lines);
        return;
      }
      if (w.equals("configuration") && inConfig) {
        List<String> d = DiffRenderer.diff(root, running(root), candidate);
        lines.addAll(d);
        return;
      }
    }
    if (inConfig && style == CliStyle.C) {
      throw new CliFailure("syntax error: element does not exist");
    }
    List<Trees.Sel> sel = selection(root, args, false);
    ObjectNode data = Trees.F.objectNode();
    for (SchemaNode top : root.children()) {
      if (!top.hasOperData() || !sel.isEmpty() && sel.get(0).node() != top) {
        continue;
      }
      ObjectNode content = Trees.filter(top, backend.read(top, false), false);
      if (content != null) {
        data.set(top.name(), content);
      }
    }
    renderSelection(root, data, sel, false, pipes, lines);
  }

  private void requireConfig(boolean inConfig) throws CliFailure {
    if (!inConfig) {
      throw new CliFailure("syntax error: element does not exist");
    }
  }

  private void render(
      SchemaNode root,
      ObjectNode data,
      List<Token> args,
      boolean config,
      Pipes pipes,
      List<String> lines)
      throws CliFailure {
    List<Trees.Sel> sel = selection(root, args, true);
    renderSelection(root, data, sel, config, pipes, lines);
  }

  private void renderSelection(
      SchemaNode root,
      ObjectNode data,
      List<Trees.Sel> sel,
      boolean config,
      Pipes pipes,
      List<String> lines) {
    ObjectNode pruned = Trees.prune(data, sel, 0);
    if (pruned == null || pruned.isEmpty()) {
      lines.add(NO_ENTRIES);
      return;
    }
    switch (pipes.display()) {
      case JSON:
        lines.addAll(DisplayFormats.json(root, pruned));
        break;
      case XML:
        lines.addAll(DisplayFormats.xml(root, pruned));
        break;
      default:
        List<String> r = DataRenderer.render(root, pruned, config, pipes.tab());
        if (r.isEmpty()) {
          lines.add(NO_ENTRIES);
        } else {
          lines.addAll(r);
        }
    }
  }

  /** All configuration, keyed by top-level name. */
  private ObjectNode running(SchemaNode root) {
    ObjectNode data = Trees.F.objectNode();
    for (SchemaNode top : root.children()) {
      if (!top.hasConfigData()) {
        continue;
      }
      ObjectNode content = Trees.filter(top, backend.read(top, true), true);
      if (content != null) {
        data.set(top.name(), content);
      }
    }
    return data;
  }

  /** Parses a show path: names, list keys (optional, {@code *} = all), a leaf at the end. */
  private List<Trees.Sel> selection(SchemaNode root, List<Token> args, boolean config)
      throws CliFailure {
    List<Trees.Sel> sel = new ArrayList<>();
    SchemaNode cur = root;
    int i = 0;
    while (i < args.size()) {
      Token tk = args.get(i);
      SchemaNode c = cur.isLeafy() ? null : cur.match(tk.text());
      if (tk.quoted()
          || c == null
          || c.kind() == SchemaNode.Kind.ACTION
          || (config ? !c.hasConfigData() : !c.hasOperData() && !c.hasConfigData())) {
        throw new CliFailure("syntax error: element does not exist");
      }
      i++;
      if (c.kind() == SchemaNode.Kind.LIST) {
        List<String> keys = new ArrayList<>();
        while (i < args.size() && keys.size() < c.keys().size()) {
          Token k = args.get(i);
          SchemaNode asChild = c.child(k.text());
          if (!k.quoted() && asChild != null && !c.isKey(k.text()) && keys.isEmpty()) {
            break;
          }
          keys.add(k.text());
          i++;
        }
        sel.add(new Trees.Sel(c, keys.isEmpty() ? null : keys));
      } else {
        sel.add(new Trees.Sel(c, null));
      }
      cur = c;
    }
    return sel;
  }

  // ---------------------------------------------------------------- C-style configuration mode

  private Status cConfig(
      List<Token> t, Pipes pipes, List<String> lines, CliOutput out, LineSource in)
      throws CliFailure, CommandLines.SyntaxException {
    String w = keyword(t.get(0), C_CONFIG);
    switch (w) {
      case "commit":
        commit(t.subList(1, t.size()), lines);
        return Status.OK;
      case "top":
        path.clear();
        modeDepths.clear();
        if (t.size() > 1) {
          return cConfig(t.subList(1, t.size()), pipes, lines, out, in);
        }
        return Status.OK;
      case "end":
        leaveConfig(lines, out, in);
        return Status.OK;
      case "exit":
        if (!modeDepths.isEmpty()) {
          modeDepths.remove(modeDepths.size() - 1);
          setDepth(modeDepths.isEmpty() ? 0 : modeDepths.get(modeDepths.size() - 1));
        } else {
          leaveConfig(lines, out, in);
        }
        return Status.OK;
      case "abort":
        discardAndLeave();
        return Status.OK;
      case "revert":
        edits.clear();
        candidate = running(backend.schema());
        return Status.OK;
      case "do":
        if (t.size() < 2) {
          throw new CliFailure("syntax error: incomplete command");
        }
        String sub = t.get(1).text();
        if (List.of("config", "configure", "conf", "exit", "quit", "logout", "switch")
            .contains(sub)) {
          throw new CliFailure("syntax error: element does not exist");
        }
        configMode = false;
        try {
          return cOper(t.subList(1, t.size()), pipes, lines);
        } finally {
          configMode = true;
        }
      case "show":
        show(t.subList(1, t.size()), pipes, lines, true);
        return Status.OK;
      case "no":
        if (t.size() < 2) {
          throw new CliFailure("syntax error: incomplete command");
        }
        edit(t.subList(1, t.size()), true, lines);
        return Status.OK;
      default:
        if (ActionCommand.isActionPath(backend.schema(), t)) {
          actions.invokeByPath(t, 0, lines);
        } else {
          edit(t, false, lines);
        }
        return Status.OK;
    }
  }

  private void setDepth(int depth) {
    while (path.size() > depth) {
      path.remove(path.size() - 1);
    }
  }

  private boolean hasChanges() {
    return !edits.isEmpty() && !candidate.equals(running(backend.schema()));
  }

  private void leaveConfig(List<String> lines, CliOutput out, LineSource in) throws CliFailure {
    if (hasChanges()) {
      for (String l : lines) {
        out.line(l);
      }
      lines.clear();
      out.print("Uncommitted changes found, commit them? [yes/no/CANCEL] ");
      out.flush();
      String answer;
      try {
        answer = in == null ? null : in.readLine();
      } catch (IOException e) {
        answer = null;
      }
      answer = answer == null ? "" : answer.strip().toLowerCase(Locale.ROOT);
      if (in == null || !in.echoes()) {
        out.print("\n");
      }
      if (answer.equals("yes") || answer.equals("y")) {
        commit(List.of(), lines);
      } else if (!answer.equals("no") && !answer.equals("n")) {
        throw new CliFailure("Aborted: by user");
      }
    }
    discardAndLeave();
  }

  private void discardAndLeave() {
    configMode = false;
    path.clear();
    modeDepths.clear();
    edits.clear();
    candidate = null;
  }

  private void commit(List<Token> args, List<String> lines) throws CliFailure {
    SchemaNode root = backend.schema();
    boolean dryRun = false;
    boolean andQuit = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i).text();
      switch (a) {
        case "dry-run":
          dryRun = true;
          if (i + 1 < args.size() && args.get(i + 1).text().equals("outformat")) {
            if (i + 2 >= args.size() || !args.get(i + 2).text().equals("cli")) {
              throw new CliFailure("syntax error: expecting cli");
            }
            i += 2;
          }
          break;
        case "and-quit":
          andQuit = true;
          break;
        case "comment":
        case "label":
          if (++i >= args.size()) {
            throw new CliFailure("syntax error: expecting " + a + " value");
          }
          break;
        default:
          throw new CliFailure("syntax error: unknown argument");
      }
    }
    ObjectNode run = running(root);
    if (edits.isEmpty() || candidate.equals(run)) {
      if (!dryRun) {
        lines.add("% No modifications to commit.");
        edits.clear();
      }
      if (andQuit) {
        discardAndLeave();
      }
      return;
    }
    if (dryRun) {
      lines.addAll(DiffRenderer.dryRun(DiffRenderer.diff(root, run, candidate)));
      return;
    }
    try {
      backend.commit(user, List.copyOf(edits));
    } catch (CliException e) {
      throw new CliFailure("Aborted: " + e.getMessage());
    }
    edits.clear();
    candidate = running(root);
    lines.add("Commit complete.");
    if (andQuit) {
      discardAndLeave();
    }
  }

  /** One editing line ({@code no} already removed when {@code delete}). */
  private void edit(List<Token> t, boolean delete, List<String> lines)
      throws CliFailure, CommandLines.SyntaxException {
    SchemaNode root = backend.schema();
    // Try the current submode first, then its parents (as NSO's C-style CLI does).
    List<Integer> depths = new ArrayList<>();
    depths.add(path.size());
    for (int d = modeDepths.size() - 2; d >= 0; d--) {
      depths.add(modeDepths.get(d));
    }
    if (!depths.contains(0)) {
      depths.add(0);
    }
    CliFailure first = null;
    for (int depth : depths) {
      List<PathStep> base = new ArrayList<>(path.subList(0, depth));
      SchemaNode ctx = schemaAt(root, base);
      if (ctx == null || ctx.match(t.get(0).text()) == null) {
        continue;
      }
      try {
        editAt(root, ctx, base, t, delete, lines);
        return;
      } catch (CliFailure f) {
        if (first == null) {
          first = f;
        }
        break;
      }
    }
    throw first != null ? first : new CliFailure("syntax error: element does not exist");
  }

  private static SchemaNode schemaAt(SchemaNode root, List<PathStep> p) {
    SchemaNode cur = root;
    for (PathStep s : p) {
      cur = cur.child(s.name());
      if (cur == null) {
        return null;
      }
    }
    return cur;
  }

  private void editAt(
      SchemaNode root,
      SchemaNode ctx,
      List<PathStep> base,
      List<Token> t,
      boolean delete,
      List<String> lines)
      throws CliFailure, CommandLines.SyntaxException {
    SchemaNode node = ctx;
    List<PathStep> p = new ArrayList<>(base);
    List<Edit> made = new ArrayList<>();
    boolean endedAtNode = false;
    int i = 0;
    while (i < t.size()) {
      Token tk = t.get(i);
      SchemaNode c = tk.quoted() ? null : node.match(tk.text());
      if (c == null || c.kind() != SchemaNode.Kind.ACTION && !c.hasConfigData()) {
        throw new CliFailure("syntax error: element does not exist");
      }
      i++;
      switch (c.kind()) {
        case ACTION:
          if (delete || !made.isEmpty()) {
            throw new CliFailure("syntax error: element does not exist");
          }
          p.add(PathStep.of(c.name()));
          actions.invoke(c, p, t, i, lines);
          return;
        case CONTAINER:
          p.add(PathStep.of(c.name()));
          node = c;
          endedAtNode = true;
          if (c.isPresence() && !delete) {
            made.add(new Edit(Edit.Op.CREATE, p, null));
          }
          break;
        case LIST:
          List<String> keys = new ArrayList<>();
          while (keys.size() < c.keys().size()) {
            if (i >= t.size()) {
              throw new CliFailure("syntax error: expecting " + c.keys().get(keys.size()));
            }
            SchemaNode keyLeaf = c.child(c.keys().get(keys.size()));
            String kv = t.get(i++).text();
            if (keyLeaf != null) {
              words.value(keyLeaf, kv);
            }
            keys.add(kv);
          }
          p.add(new PathStep(c.name(), keys));
          node = c;
          endedAtNode = true;
          if (!delete) {
            made.add(new Edit(Edit.Op.CREATE, p, null));
          }
          break;
        case LEAF:
          endedAtNode = false;
          List<PathStep> lp = new ArrayList<>(p);
          lp.add(PathStep.of(c.name()));
          if (node.kind() == SchemaNode.Kind.LIST && node.isKey(c.name())) {
            throw new CliFailure("syntax error: element does not exist");
          }
          if (delete) {
            if (i < t.size() && node.child(t.get(i).text()) == null) {
              i++;
            }
            made.add(new Edit(Edit.Op.DELETE, lp, null));
          } else if (c.type() == SchemaNode.Type.EMPTY) {
            made.add(new Edit(Edit.Op.SET, lp, Trees.F.arrayNode().addNull()));
          } else {
            if (i >= t.size()) {
              throw new CliFailure("syntax error: expecting " + c.name() + " value");
            }
            made.add(new Edit(Edit.Op.SET, lp, words.value(c, t.get(i++).text())));
          }
          break;
        case LEAF_LIST:
          endedAtNode = false;
          List<PathStep> llp = new ArrayList<>(p);
          llp.add(PathStep.of(c.name()));
          if (delete) {
            ArrayNode gone = Trees.F.arrayNode();
            if (i < t.size() && node.child(t.get(i).text()) == null) {
              i = words.leafListValues(c, t, i, gone);
            }
            if (gone.isEmpty()) {
              made.add(new Edit(Edit.Op.DELETE, llp, null));
            }
            for (JsonNode v : gone) {
              List<PathStep> one = new ArrayList<>(p);
              one.add(new PathStep(c.name(), List.of(DataRenderer.text(v))));
              made.add(new Edit(Edit.Op.DELETE, one, null));
            }
          } else {
            ArrayNode arr = Trees.F.arrayNode();
            i = words.leafListValues(c, t, i, arr);
            made.add(new Edit(Edit.Op.SET, llp, arr));
          }
          break;
        default:
          throw new CliFailure("syntax error: element does not exist");
      }
    }
    if (delete && endedAtNode) {
      made.add(new Edit(Edit.Op.DELETE, p, null));
    }
    if (made.isEmpty() && !endedAtNode) {
      throw new CliFailure("syntax error: incomplete command");
    }
    for (Edit e : made) {
      if (e.op() == Edit.Op.DELETE && !Trees.exists(root, candidate, e.path())) {
        continue; // deleting what is not there changes nothing
      }
      Trees.apply(root, candidate, e);
      edits.add(e);
    }
    // The line ran in the submode at depth base.size(); entering a list entry or container
    // without setting anything on the line opens a new submode.
    setDepth(base.size());
    while (!modeDepths.isEmpty() && modeDepths.get(modeDepths.size() - 1) > base.size()) {
      modeDepths.remove(modeDepths.size() - 1);
    }
    if (!delete && endedAtNode && p.size() > base.size()) {
      path.clear();
      path.addAll(p);
      modeDepths.add(p.size());
    }
  }

  // ---------------------------------------------------------------- J-style

  private Status jOper(List<Token> t, Pipes pipes, List<String> lines)
      throws CliFailure, CommandLines.SyntaxException {
    String w = keyword(t.get(0), J_OPER);
    switch (w) {
      case "show":
        show(t.subList(1, t.size()), pipes, lines, false);
        return Status.OK;
      case "request":
        if (t.size() < 2) {
          throw new CliFailure("syntax error: incomplete command");
        }
        actions.invokeByPath(t, 1, lines);
        return Status.OK;
      case "switch":
        switchCli(t);
        return Status.OK;
      case "configure":
        enterConfig(List.of(t.get(0)), new ArrayList<>());
        lines.add("Entering configuration mode private");
        return Status.OK;
      case "exit":
      case "quit":
      case "logout":
        return Status.EXIT;
      case "set":
        // J-style session settings: set screen length 0, set autowizard false, ...
        if (t.size() >= 3
            && (SESSION_SETTINGS.contains(t.get(1).text())
                || SESSION_SETTINGS.contains(t.get(1).text() + "-" + t.get(2).text()))) {
          return Status.OK;
        }
        throw new CliFailure("syntax error: unknown argument");
      default:
        throw new CliFailure("syntax error: unknown command");
    }
  }

  private Status jConfig(
      List<Token> t, Pipes pipes, List<String> lines, CliOutput out, LineSource in)
      throws CliFailure, CommandLines.SyntaxException {
    String w = keyword(t.get(0), J_CONFIG);
    switch (w) {
      case "set":
        if (t.size() < 2) {
          throw new CliFailure("syntax error: incomplete command");
        }
        edit(t.subList(1, t.size()), false, lines);
        path.clear();
        modeDepths.clear();
        return Status.OK;
      case "delete":
        if (t.size() < 2) {
          throw new CliFailure("syntax error: incomplete command");
        }
        edit(t.subList(1, t.size()), true, lines);
        return Status.OK;
      case "commit":
        commit(t.subList(1, t.size()), lines);
        return Status.OK;
      case "show":
        show(
            t.subList(1, t.size()).isEmpty()
                ? List.of(new Token("configuration", false))
                : prepend("configuration", t.subList(1, t.size())),
            pipes,
            lines,
            true);
        return Status.OK;
      case "run":
        if (t.size() < 2) {
          throw new CliFailure("syntax error: incomplete command");
        }
        String sub = t.get(1).text();
        if (List.of("configure", "exit", "quit", "logout", "switch").contains(sub)) {
          throw new CliFailure("syntax error: unknown command");
        }
        configMode = false;
        try {
          return jOper(t.subList(1, t.size()), pipes, lines);
        } finally {
          configMode = true;
        }
      case "exit":
      case "quit":
        leaveConfig(lines, out, in);
        return Status.OK;
      default:
        throw new CliFailure("syntax error: unknown command");
    }
  }

  private static List<Token> prepend(String word, List<Token> rest) {
    List<Token> l = new ArrayList<>();
    l.add(new Token(word, false));
    l.addAll(rest);
    return l;
  }
}
