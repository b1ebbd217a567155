package dev.nsoha.core.plan;

import dev.nsoha.core.error.NodeUnresponsiveException;
import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.error.OperationFailedException;
import dev.nsoha.core.model.ClusterSpec;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.spi.Backup;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeHost;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a plan step by step. For each step: if its postcondition already holds the step is skipped;
 * otherwise its action runs and the postcondition is checked again. The first failure stops the
 * run; nothing after it runs. Every step ends with an observation of every node's state, which goes
 * to the listeners with the step's outcome.
 *
 * <p>Not thread-safe: one run at a time per runner.
 */
public final class PlanRunner {
  private static final Logger log = LoggerFactory.getLogger(PlanRunner.class);

  private final ClusterAccess cluster;
  private final PlanSettings settings;
  private final List<PlanListener> listeners;
  private final Clock clock;

  public PlanRunner(ClusterAccess cluster, PlanSettings settings, List<PlanListener> listeners) {
    this(cluster, settings, listeners, Clock.systemUTC());
  }

  PlanRunner(
      ClusterAccess cluster, PlanSettings settings, List<PlanListener> listeners, Clock clock) {
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.listeners = List.copyOf(listeners);
    this.clock = clock;
  }

  /** Runs {@code plan} and reports how it ended; never throws for a step failure. */
  public RunResult run(Plan plan) {
    return run(plan, 1, "");
  }

  /**
   * Runs {@code plan} from step {@code resumeAt} on: the steps before it are reported skipped with
   * {@code why} and not checked, because an earlier attempt that the run journal records finished
   * them and was interrupted in step {@code resumeAt}, which may have left a node stopped, so that
   * their postconditions cannot be read now. Never throws for a step failure.
   *
   * @param resumeAt the first step to check and run, from 1; 1 runs the whole plan
   * @param why what the skipped steps report, e.g. {@code done by attempt 2 (run journal)}
   */
  public RunResult run(Plan plan, int resumeAt, String why) {
    if (resumeAt < 1 || (resumeAt > 1 && resumeAt > plan.steps().size())) {
      throw new IllegalArgumentException(
          "resume at step " + resumeAt + " of a plan of " + plan.steps().size() + " steps");
    }
    Instant start = clock.instant();
    emit(new PlanEvent.PlanStarted(start, plan));
    int run = 0;
    int skipped = 0;
    ClusterSnapshot states = ClusterSnapshot.empty();
    for (int i = 0; i < plan.steps().size(); i++) {
      int number = i + 1;
      Step step = plan.steps().get(i);
      Instant stepStart = clock.instant();
      emit(new PlanEvent.StepStarted(stepStart, number, step));
      if (number < resumeAt) {
        if (i == 0) {
          states = observeNodes();
        }
        skipped++;
        emit(new PlanEvent.StepSkipped(clock.instant(), number, step, why, states));
        continue;
      }
      Context ctx = new Context(number, step);
      try {
        // A node found hung (by the last step or its observation): stop before this step acts on
        // any node, so that nothing more changes while that node does not answer.
        requireNoneHung(step, true);
        if (step.postcondition().isPresent()) {
          Check before = check(step, ctx);
          // A postcondition cannot hold for a node that gave no answer: it would be inferred from
          // the other nodes' view.
          if (before.holds() && !anyHung(step)) {
            skipped++;
            states = observeNodes();
            emit(
                new PlanEvent.StepSkipped(
                    clock.instant(), number, step, before.observed(), states));
            continue;
          }
        }
        // The check may have found a node hung (it reads every node): then the action does not
        // start either.
        requireNoneHung(step, true);
        step.action().run(ctx);
        if (step.checkedAfter()) {
          Check after = check(step, ctx);
          if (!after.holds()) {
            throw new OperationFailedException(
                String.join(", ", step.nodes().stream().map(NodeId::value).toList()),
                step.title(),
                "the step ran but its result is not in place: " + after.observed());
          }
        }
        // An action the node never answered is not done, whatever the other nodes show.
        requireNoneHung(step, false);
        run++;
        states = observeNodes();
        emit(
            new PlanEvent.StepDone(
                clock.instant(),
                number,
                step,
                Duration.between(stepStart, clock.instant()),
                states));
      } catch (NsoException e) {
        log.debug("step {} failed", number, e);
        states = observeNodes();
        emit(
            new PlanEvent.StepFailed(
                clock.instant(),
                number,
                step,
                Duration.between(stepStart, clock.instant()),
                e,
                states));
        RunResult result =
            new RunResult(
                run,
                skipped,
                Optional.of(number),
                Optional.of(step.title()),
                Optional.of(e),
                Duration.between(start, clock.instant()),
                states);
        emit(new PlanEvent.PlanFinished(clock.instant(), plan, result));
        return result;
      }
    }
    RunResult result =
        new RunResult(
            run,
            skipped,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Duration.between(start, clock.instant()),
            states);
    emit(new PlanEvent.PlanFinished(clock.instant(), plan, result));
    return result;
  }

  /** Whether a node the step acts on was found hung. */
  private boolean anyHung(Step step) {
    Map<NodeId, Unresponsive.Mark> hung = cluster.unresponsive();
    return step.nodes().stream().anyMatch(hung::containsKey);
  }

  /**
   * Fails when a node was found hung: any node before a step starts, or a node the step acts on
   * once its action ran.
   */
  private void requireNoneHung(Step step, boolean before) {
    Map<NodeId, Unresponsive.Mark> hung = cluster.unresponsive();
    if (hung.isEmpty()) {
      return;
    }
    String consequence =
        before ? "this step was not started" : "the step's effect on it is unknown";
    List<Unresponsive.Mark> marks =
        hung.values().stream()
            .filter(m -> before || step.nodes().contains(m.node()))
            .sorted(Comparator.comparing(m -> m.node().value()))
            .toList();
    if (marks.isEmpty()) {
      return;
    }
    Unresponsive.Mark first = marks.get(0);
    throw new NodeUnresponsiveException(
        first.error().where(),
        step.title(),
        marks.stream().map(Unresponsive.Mark::describe).collect(Collectors.joining("; "))
            + "; "
            + consequence,
        first.error());
  }

  private static Check check(Step step, StepContext ctx) {
    try {
      return step.postcondition().orElseThrow().check(ctx);
    } catch (NsoException e) {
      return Check.fails(e.getMessage());
    }
  }

  /**
   * {@code NSO 6.5.1, enabled primary rw secondaries=[n2,n3]}.
   *
   * @throws NsoException when the node cannot be read
   */
  public static String nodeState(NodeClient client) {
    return "NSO " + client.version() + ", " + client.haStatus().summary();
  }

  /** {@link #nodeState}, or the error that prevented reading it. */
  public static String describeNode(NodeClient client) {
    try {
      return nodeState(client);
    } catch (NsoException e) {
      return "not readable: " + e.detail();
    }
  }

  private ClusterSnapshot observeNodes() {
    return ClusterSnapshot.observe(cluster, false);
  }

  private void emit(PlanEvent event) {
    for (PlanListener l : listeners) {
      try {
        l.on(event);
      } catch (RuntimeException e) {
        log.warn("plan listener {} failed on {}", l, event.getClass().getSimpleName(), e);
      }
    }
  }

  private final class Context implements StepContext {
    private final int number;
    private final Step step;

    Context(int number, Step step) {
      this.number = number;
      this.step = step;
    }

    @Override
    public ClusterSpec spec() {
      return cluster.spec();
    }

    @Override
    public NodeClient client(NodeId node) {
      return cluster.client(node);
    }

    @Override
    public NodeHost host(NodeId node) {
      return cluster.host(node);
    }

    @Override
    public PlanSettings settings() {
      return settings;
    }

    @Override
    public <T> T waitUntil(
        String condition,
        NodeId node,
        Supplier<T> probe,
        Predicate<? super T> done,
        Function<? super T, String> describe,
        Duration timeout) {
      String[] lastReported = {null};
      Instant start = clock.instant();
      emit(
          new PlanEvent.WaitProgress(
              start, number, step, condition, "nothing observed yet", Duration.ZERO, timeout));
      T value;
      try {
        value =
            Wait.until(
                condition,
                cluster.spec().node(node).label(),
                probe,
                done,
                describe,
                timeout,
                (c, state) -> {
                  Instant now = clock.instant();
                  if (!state.equals(lastReported[0])) {
                    lastReported[0] = state;
                    emit(new PlanEvent.Waiting(now, number, step, c, state));
                  }
                  emit(
                      new PlanEvent.WaitProgress(
                          now, number, step, c, state, Duration.between(start, now), timeout));
                });
      } catch (NsoException e) {
        Instant now = clock.instant();
        emit(
            new PlanEvent.WaitEnded(
                now,
                number,
                step,
                condition,
                Duration.between(start, now),
                timeout,
                false,
                e.detail()));
        throw e;
      }
      Instant now = clock.instant();
      String observed;
      try {
        observed = describe.apply(value);
      } catch (RuntimeException e) {
        observed = String.valueOf(value);
      }
      emit(
          new PlanEvent.WaitEnded(
              now, number, step, condition, Duration.between(start, now), timeout, true, observed));
      return value;
    }

    @Override
    public ClusterSnapshot observe() {
      return ClusterSnapshot.observe(cluster, false);
    }

    @Override
    public void backupTaken(Backup backup) {
      emit(new PlanEvent.BackupTaken(clock.instant(), number, step, backup));
    }

    @Override
    public void note(String text) {
      emit(new PlanEvent.Note(clock.instant(), number, step, text));
    }
  }
}
