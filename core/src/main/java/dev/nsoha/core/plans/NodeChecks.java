package dev.nsoha.core.plans;

import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.plan.PlanRunner;
import dev.nsoha.core.plan.StepContext;
import java.util.Optional;

/**
 * Reads that the plans' postconditions share. A node that cannot be read gives an empty result, not
 * an error.
 */
final class NodeChecks {
  private NodeChecks() {}

  static Optional<HaStatus> status(StepContext ctx, NodeId node) {
    try {
      return Optional.of(ctx.client(node).haStatus());
    } catch (NsoException e) {
      return Optional.empty();
    }
  }

  static Optional<NsoVersion> version(StepContext ctx, NodeId node) {
    try {
      return Optional.of(ctx.client(node).version());
    } catch (NsoException e) {
      return Optional.empty();
    }
  }

  static boolean runs(StepContext ctx, NodeId node, NsoVersion target) {
    return version(ctx, node).map(v -> v.sameRelease(target)).orElse(false);
  }

  /** {@code n1 NSO 6.5.1, enabled primary rw secondaries=[n2,n3]}, or why it could not be read. */
  static String describe(StepContext ctx, NodeId node) {
    return node + " " + PlanRunner.describeNode(ctx.client(node));
  }
}
