package dev.nsoha.core.plan;

import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeHost;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What a running step can use: the cluster, waits that report progress, and notes for the report.
 */
public interface StepContext {
  ClusterSpec spec();

  NodeClient client(NodeId node);

  NodeHost host(NodeId node);

  /** The plan's timeouts. */
  PlanSettings settings();

  /**
   * Waits until {@code done} holds for what {@code probe} reads, reporting each observation to the
   * listeners.
   *
   * @throws dev.nsoha.core.error.NsoTimeoutException naming the condition and the last observation
   */
  <T> T waitUntil(
      String condition,
      NodeId node,
      Supplier<T> probe,
      Predicate<? super T> done,
      Function<? super T, String> describe,
      Duration timeout);

  /**
   * Reads every node once (version, HA status, packages); a node that cannot be read is in the
   * snapshot with its error.
   */
  ClusterSnapshot observe();

  /** Records a fact for the run report, e.g. where a backup went. */
  void note(String text);
}
