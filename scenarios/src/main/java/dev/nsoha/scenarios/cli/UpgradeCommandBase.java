package dev.nsoha.scenarios.cli;

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

  @Mixin RunOptions run;

  @Mixin StrategyOptions strategy;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
