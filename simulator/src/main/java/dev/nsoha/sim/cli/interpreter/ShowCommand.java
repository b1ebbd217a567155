package dev.nsoha.sim.cli.interpreter;

import dev.nsoha.sim.cli.render.DataRenderer;
import dev.nsoha.sim.cli.render.DiffRenderer;
import dev.nsoha.sim.cli.render.DisplayFormats;
import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.schema.Schema;
import dev.nsoha.sim.schema.SchemaNode;
import java.util.List;
import java.util.function.Predicate;

/**
 * The {@code show} family: {@code show running-config}, {@code show full-configuration} and {@code
 * show configuration} (configuration mode), J-style {@code show configuration}, and {@code show
 * <path>} for operational data, each with the display pipes.
 */
final class ShowCommand {

  static final String NO_ENTRIES = "% No entries found.";

  private static final List<String> SHOW_SUB =
      List.of("running-config", "full-configuration", "configuration");

  private final Session session;

  ShowCommand(Session session) {
    this.session = session;
  }

  /** Runs {@code show args}; {@code inConfig} when typed in configuration mode. */
  void run(List<Token> args, Pipes pipes, List<String> lines, boolean inConfig) throws CliFailure {
    Schema schema = session.backend.schema();
    Candidate candidate = session.candidate;
    if (!args.isEmpty()) {
      String w = session.keyword(args.get(0), SHOW_SUB);
      List<Token> rest = args.subList(1, args.size());
      if (session.style == CliStyle.J && w.equals("configuration")) {
        DataNode data = inConfig ? candidate.data() : candidate.running();
        DataNode selected = Selection.parse(schema, rest, true).apply(schema, data);
        if (pipes.display() != Pipes.Display.CLI) {
          render(schema, selected, true, pipes, lines);
        } else if (selected.isEmpty()) {
          lines.add(NO_ENTRIES);
        } else {
          lines.addAll(DiffRenderer.curly(schema, selected));
        }
        return;
      }
      if (w.equals("running-config")) {
        DataNode running = pipes.details() ? session.backend.read(true, true) : candidate.running();
        DataNode selected = Selection.parse(schema, rest, true).apply(schema, running);
        render(schema, selected, true, pipes, lines);
        return;
      }
      if (w.equals("full-configuration")) {
        if (!inConfig) {
          throw new CliFailure("syntax error: element does not exist");
        }
        DataNode selected = Selection.parse(schema, rest, true).apply(schema, candidate.data());
        render(schema, selected, true, pipes, lines);
        return;
      }
      if (w.equals("configuration") && inConfig) {
        lines.addAll(candidate.changes());
        return;
      }
    }
    if (inConfig && session.style == CliStyle.C) {
      throw new CliFailure("syntax error: element does not exist");
    }
    Selection sel = Selection.parse(schema, args, false);
    DataNode selected = sel.apply(schema, session.backend.read(false));
    render(
        schema,
        selected,
        false,
        pipes,
        lines,
        session.style == CliStyle.J ? ShowCommand::jStyleTable : l -> false);
  }

  /**
   * Operational lists the J-style CLI prints as tables without {@code | tab}: those of {@code
   * /ha-raft}, as NSO's J-style {@code show ha-raft} does. Other lists keep the line format.
   */
  private static boolean jStyleTable(SchemaNode list) {
    return !list.isConfig() && HA_RAFT_MODULE.equals(list.module().name());
  }

  private static final String HA_RAFT_MODULE = "tailf-ncs-high-availability-raft";

  private static void render(
      Schema schema, DataNode selected, boolean config, Pipes pipes, List<String> lines) {
    render(schema, selected, config, pipes, lines, l -> false);
  }

  private static void render(
      Schema schema,
      DataNode selected,
      boolean config,
      Pipes pipes,
      List<String> lines,
      Predicate<SchemaNode> jTables) {
    if (selected.isEmpty()) {
      lines.add(NO_ENTRIES);
      return;
    }
    switch (pipes.display()) {
      case JSON:
        lines.addAll(DisplayFormats.json(schema, selected));
        break;
      case XML:
        lines.addAll(DisplayFormats.xml(schema, selected));
        break;
      default:
        List<String> r = DataRenderer.render(schema, selected, config, pipes.tab(), jTables);
        if (r.isEmpty()) {
          lines.add(NO_ENTRIES);
        } else {
          lines.addAll(r);
        }
    }
  }
}
