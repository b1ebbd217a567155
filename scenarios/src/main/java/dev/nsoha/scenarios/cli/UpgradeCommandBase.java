package dev.nsoha.scenarios.cli;

import dev.nsoha.scenarios.console.Output;
import dev.nsoha.scenarios.console.OutputSettings;
import dev.nsoha.scenarios.containers.ContainerHosts;
import dev.nsoha.scenarios.containers.ContainerOptions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The options every command that reads or changes a cluster takes, the same for each: the cluster,
 * how to reach it, where its nodes live (local installs, system installs over SSH, containers: one
 * {@link Deployment}), the target, the run. {@code status}, {@code plan}, {@code preflight}, {@code
 * journal show} and {@code rollback} take exactly what the upgrades take, so one command line
 * serves them all.
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

  @Mixin ContainerOptions containers;

  /**
   * The command's standard output. With {@code --events -} it carries the events only, and the
   * progress text goes to {@link #output()}, on standard error.
   */
  PrintWriter stdout() {
    return spec.commandLine().getOut();
  }

  /** Where progress and results are printed, and how. */
  Output output() {
    Output o = output(spec);
    return run.eventsOnStdout() ? new Output(err(), false, o.color(), o.quiet()) : o;
  }

  /** How the command given by {@code spec} prints, by the root command's global options. */
  static Output output(CommandSpec spec) {
    return ((OutputSettings) spec.root().userObject()).output(spec.commandLine().getOut());
  }

  /** The writer of {@link #output()}. */
  PrintWriter out() {
    return output().out();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /**
   * Where the run's own files go: when any node is on an SSH host or in a container and {@code
   * --run-root} was not given, a directory of this cluster's own (see {@link
   * LocalNodesOptions#useClusterStateDir}). Every command that reads or writes the journal calls it
   * first, so that all of them find the same one.
   */
  void placeRunFiles() {
    if (ContainerHosts.wanted(cluster.spec(), cluster::setting, containers)
        || NodeHosts.anyRemote(cluster)) {
      nodes.useClusterStateDir(cluster.spec());
    }
  }
}
