package dev.nsoha.scenarios.cli;

import dev.nsoha.scenarios.Main;
import dev.nsoha.scenarios.console.Output;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the commands that change a cluster share: the cluster, how to reach it, where its nodes
 * live, the target.
 */
abstract class UpgradeCommandBase implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Mixin ConnectionOptions connection;

  @Mixin LocalNodesOptions nodes;

  @Mixin Targets targets;

  @Mixin HostOptions hostOptions;

  @Mixin RunOptions run;

  @Mixin StrategyOptions strategy;

  /**
   * The command's standard output. With {@code --events -} it carries the events only, and the
   * progress text goes to {@link #output()}, on standard error.
   */
  PrintWriter stdout() {
    return spec.commandLine().getOut();
  }

  /** Where progress and results are printed, and how. */
  Output output() {
    Output o = Main.output(spec);
    return run.eventsOnStdout() ? new Output(err(), false, o.color(), o.quiet()) : o;
  }

  /** The writer of {@link #output()}. */
  PrintWriter out() {
    return output().out();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /**
   * Where the run's own files go: when any node is on an SSH host or in a container ({@code
   * inContainers}) and {@code --run-root} was not given, a directory of this cluster's own (see
   * {@link LocalNodesOptions#useClusterStateDir}).
   */
  void placeRunFiles(boolean inContainers) {
    if (inContainers || NodeHosts.anyRemote(cluster)) {
      nodes.useClusterStateDir(cluster.spec());
    }
  }
}
