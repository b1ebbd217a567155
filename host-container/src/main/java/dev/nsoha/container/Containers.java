package dev.nsoha.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.HealthStateLog;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.api.model.WaitResponse;
import dev.nsoha.core.error.HostException;
import dev.nsoha.core.error.NsoTimeoutException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Docker Engine operations the container host and the node set-up share. */
final class Containers {
  private static final Duration POLL = Duration.ofMillis(200);

  private Containers() {}

  /** The container, or empty when there is none of that name. */
  static Optional<InspectContainerResponse> inspect(DockerClient docker, String name) {
    try {
      return Optional.of(docker.inspectContainerCmd(name).exec());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  static boolean running(InspectContainerResponse c) {
    return Boolean.TRUE.equals(c.getState().getRunning());
  }

  static String health(InspectContainerResponse c) {
    HealthState h = c.getState().getHealth();
    return h == null || h.getStatus() == null ? "none" : h.getStatus();
  }

  /** One line on the container's state, for messages. */
  static String describe(InspectContainerResponse c) {
    var s = c.getState();
    return c.getName().replaceFirst("^/", "")
        + " ("
        + c.getConfig().getImage()
        + ": "
        + s.getStatus()
        + (running(c) ? ", health " + health(c) : ", exit code " + s.getExitCodeLong())
        + ")";
  }

  /**
   * Waits until the container is healthy (or running, when its image has no health check).
   *
   * @throws HostException when the container stops or becomes unhealthy, with its last log lines
   * @throws NsoTimeoutException at the deadline, with the last state seen
   */
  static void awaitHealthy(DockerClient docker, String where, String name, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "not inspected yet";
    while (true) {
      Optional<InspectContainerResponse> c = inspect(docker, name);
      if (c.isEmpty()) {
        throw new HostException(where, "wait until healthy", "container " + name + " is gone");
      }
      last = describe(c.get());
      if (!running(c.get())) {
        throw new HostException(
            where,
            "wait until healthy",
            "container stopped: " + last + "; its last output: " + logTail(docker, name, 15));
      }
      String h = health(c.get());
      if (h.equals("healthy") || h.equals("none")) {
        return;
      }
      if (h.equals("unhealthy")) {
        List<HealthStateLog> log = c.get().getState().getHealth().getLog();
        String out = log == null || log.isEmpty() ? "" : log.get(log.size() - 1).getOutput();
        throw new HostException(
            where, "wait until healthy", "container is unhealthy: " + last + ": " + out);
      }
      if (System.nanoTime() >= deadline) {
        throw new NsoTimeoutException(
            where, "wait until healthy", "not healthy after " + timeout + "; last seen: " + last);
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
  }

  /** The last {@code lines} lines the container wrote, one string. */
  static String logTail(DockerClient docker, String name, int lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      docker
          .logContainerCmd(name)
          .withStdOut(true)
          .withStdErr(true)
          .withTail(lines)
          .exec(
              new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame f) {
                  out.writeBytes(f.getPayload());
                }
              })
          .awaitCompletion(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      return "(no log: " + e.getMessage() + ")";
    }
    return out.toString().strip().replace('\n', '|');
  }

  /** The result of a command run in a container. */
  record ExecResult(long exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  /** Runs {@code cmd} in the running container and waits for it. */
  static ExecResult exec(
      DockerClient docker, String where, String name, Duration timeout, String... cmd) {
    String id =
        docker
            .execCreateCmd(name)
            .withAttachStdout(true)
            .withAttachStderr(true)
            .withCmd(cmd)
            .exec()
            .getId();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      boolean done =
          docker
              .execStartCmd(id)
              .exec(
                  new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame f) {
                      out.writeBytes(f.getPayload());
                    }
                  })
              .awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        throw new NsoTimeoutException(
            where, String.join(" ", cmd), "did not finish within " + timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HostException(where, String.join(" ", cmd), "interrupted", e);
    }
    Long code = docker.inspectExecCmd(id).exec().getExitCodeLong();
    return new ExecResult(code == null ? -1 : code, out.toString());
  }

  /**
   * The container's volumes and bind mounts, as binds that a new container can take over: named and
   * anonymous volumes keep their names, so the data moves with them.
   */
  static List<Bind> binds(InspectContainerResponse c) {
    List<Bind> binds = new ArrayList<>();
    if (c.getMounts() != null) {
      for (InspectContainerResponse.Mount m : c.getMounts()) {
        String source = m.getName() != null && !m.getName().isEmpty() ? m.getName() : m.getSource();
        binds.add(new Bind(source, new Volume(m.getDestination().getPath())));
      }
    }
    return binds;
  }

  /**
   * Runs a throwaway container of {@code image} with the given volumes, no network (only its own
   * loopback), the given files copied in first, and waits until it exits; removes it in any case.
   *
   * @param files directory in the container to archive of files to unpack there
   * @return its exit code and output
   */
  static ExecResult runThrowaway(
      DockerClient docker,
      String where,
      String name,
      String image,
      List<Bind> binds,
      List<String> entrypoint,
      List<String> cmd,
      Map<String, byte[]> files,
      Duration timeout) {
    inspect(docker, name).ifPresent(c -> docker.removeContainerCmd(name).withForce(true).exec());
    String id =
        docker
            .createContainerCmd(image)
            .withName(name)
            .withEntrypoint(entrypoint)
            .withCmd(cmd)
            .withHealthcheck(new HealthCheck().withTest(List.of("NONE")))
            .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none").withBinds(binds))
            .exec()
            .getId();
    try {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        docker
            .copyArchiveToContainerCmd(id)
            .withRemotePath(f.getKey())
            .withTarInputStream(new ByteArrayInputStream(f.getValue()))
            .exec();
      }
      docker.startContainerCmd(id).exec();
      Long code;
      try {
        code =
            docker
                    .waitContainerCmd(id)
                    .exec(new ResultCallback.Adapter<WaitResponse>() {})
                    .awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)
                ? docker.inspectContainerCmd(id).exec().getState().getExitCodeLong()
                : null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HostException(where, name, "interrupted", e);
      }
      if (code == null) {
        throw new NsoTimeoutException(
            where, name, "did not finish within " + timeout + ": " + logTail(docker, id, 10));
      }
      return new ExecResult(code, logTail(docker, id, 40));
    } finally {
      docker.removeContainerCmd(id).withForce(true).exec();
    }
  }
}
