package io.chartreuse.testing;

import io.chartreuse.testing.FakeKubelet.Mode;
import io.fabric8.kubernetes.api.model.Container;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One container of a {@link PodRun}: started as a local process (or, {@link Mode#IDLE}, as a
 * stand-in that runs nothing), restarted with back-off as the pod's restart policy says, its output
 * in {@link LogFiles}, its state reported as a kubelet reports a container status.
 */
final class ContainerRun {
  private enum State {
    WAITING,
    RUNNING,
    TERMINATED
  }

  private final PodRun pod;
  private final Container spec;
  private final boolean init;
  private final Mode mode;
  private volatile State state = State.WAITING;
  private volatile String waitingReason = "ContainerCreating";
  private volatile String waitingMessage;
  private volatile Process process;
  private volatile int exitCode;
  private volatile boolean finished;
  private volatile String terminatedReason;
  private volatile String terminatedMessage;
  private volatile Instant startedAt;
  private volatile Instant finishedAt;
  private volatile Map<String, Object> lastState = Map.of();
  private volatile int restartCount;

  ContainerRun(PodRun pod, Container spec, boolean init) {
    this.pod = pod;
    this.spec = spec;
    this.init = init;
    this.mode = pod.context().settings().modeFor(spec);
  }

  String name() {
    return spec.getName();
  }

  /** Whether it terminated for good (no restart to come). */
  boolean finished() {
    return finished;
  }

  /** Whether its last run exited with a code other than 0. */
  boolean failed() {
    return exitCode != 0;
  }

  boolean running() {
    return state == State.RUNNING;
  }

  /** Runs the container until it terminates for good or the pod stops; on the calling thread. */
  void runLoop() {
    int backoff = 1;
    while (!pod.stopping()) {
      List<String> argv;
      Map<String, String> env;
      Path workDir;
      try {
        Map<String, Path> mounts =
            ContainerPaths.mounts(spec, pod.volumeDirs(), pod.context().settings().pathMappings());
        env = new ContainerEnvironment(pod, spec).build(mounts);
        argv =
            mode == Mode.IDLE
                ? List.of()
                : ContainerCommand.argv(spec, mode, env, mounts, pod.context().settings());
        workDir = ContainerPaths.workingDir(spec, mounts, pod.dir().resolve("home"));
      } catch (NotReadyYet e) {
        state = State.WAITING;
        waitingReason = e.reason();
        waitingMessage = e.getMessage();
        pod.note(spec.getName() + ": " + e.getMessage());
        pod.publish();
        KubeletContext.sleep(Duration.ofSeconds(1));
        continue;
      }
      LogFiles log;
      try {
        log = LogFiles.open(pod.dir().resolve("logs"), spec.getName());
      } catch (IOException e) {
        pod.note(spec.getName() + ": could not create its log: " + e);
        KubeletContext.sleep(Duration.ofSeconds(1));
        continue;
      }
      startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      if (mode == Mode.IDLE) {
        log.close();
        idle();
        return;
      }
      int code;
      try {
        writeCommandFile(argv, env, workDir);
        ProcessBuilder pb =
            new ProcessBuilder(argv)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(env);
        Thread pump;
        synchronized (this) {
          if (pod.stopping()) {
            log.close();
            return;
          }
          process = pb.start();
          pump =
              log.pump(
                  process.getInputStream(),
                  "fake-kubelet-log-" + pod.name() + "-" + spec.getName());
        }
        int jarArg = argv.indexOf("-jar");
        pod.note(
            spec.getName()
                + ": started "
                + (jarArg >= 0 ? "chartreuse " + argv.subList(jarArg + 2, argv.size()) : argv)
                + " (pid "
                + process.pid()
                + ")");
        state = State.RUNNING;
        pod.publish();
        code = process.waitFor();
        pump.join(2000); // the output is complete unless a child process still holds it open
        terminatedReason = code == 0 ? "Completed" : "Error";
        terminatedMessage = null;
      } catch (IOException | RuntimeException e) {
        code = 128;
        terminatedReason = "StartError";
        terminatedMessage = String.valueOf(e.getMessage());
        log.append("fake kubelet: could not start " + argv + ": " + e + "\n");
        log.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      finishedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      exitCode = code;
      markExited();
      pod.note(spec.getName() + " exited with " + code);
      if (pod.stopping()) {
        return;
      }
      String policy = Optional.ofNullable(pod.pod().getSpec().getRestartPolicy()).orElse("Always");
      boolean restart =
          !init && ("Always".equals(policy) || ("OnFailure".equals(policy) && code != 0))
              || init && code != 0 && !"Never".equals(policy);
      if (!restart) {
        state = State.TERMINATED;
        finished = true;
        pod.publish();
        return;
      }
      lastState = Map.of("terminated", terminated());
      restartCount++;
      state = State.WAITING;
      waitingReason = "CrashLoopBackOff";
      waitingMessage =
          "back-off "
              + backoff
              + "s restarting failed container="
              + spec.getName()
              + " pod="
              + pod.name();
      pod.publish();
      KubeletContext.sleep(Duration.ofSeconds(backoff));
      backoff = Math.min(backoff * 2, 10);
    }
  }

  /**
   * A container that runs nothing: an init container completes at once, others run until the pod
   * stops.
   */
  private void idle() {
    if (init) {
      // Nothing to run: the init container "succeeds" at once, so that the pod goes on.
      pod.note(
          spec.getName()
              + ": init container of image "
              + spec.getImage()
              + " not run (completed at once)");
      exitCode = 0;
      terminatedReason = "Completed";
      finishedAt = startedAt;
      state = State.TERMINATED;
      finished = true;
      markExited();
      pod.publish();
      return;
    }
    pod.note(spec.getName() + ": running (image " + spec.getImage() + ", nothing executed)");
    state = State.RUNNING;
    pod.publish();
    try {
      pod.awaitStop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Tells log followers that this run of the container ended (its output is complete). */
  void markExited() {
    try {
      Files.writeString(
          pod.dir().resolve("logs").resolve(spec.getName() + ".exited"),
          String.valueOf(exitCode),
          StandardCharsets.UTF_8);
    } catch (IOException ignored) {
      // the pod's directory is gone
    }
  }

  /** {@code <pod dir>/<container>.command}: what was run, for a test or a person to read. */
  private void writeCommandFile(List<String> argv, Map<String, String> env, Path workDir)
      throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("# ").append(mode).append(" image=").append(spec.getImage()).append('\n');
    sb.append("workdir: ").append(workDir).append('\n');
    sb.append("argv:\n");
    argv.forEach(a -> sb.append("  ").append(a).append('\n'));
    sb.append("env:\n");
    env.forEach((k, v) -> sb.append("  ").append(k).append('=').append(v).append('\n'));
    Files.writeString(
        pod.dir().resolve(spec.getName() + ".command"), sb.toString(), StandardCharsets.UTF_8);
  }

  private Map<String, Object> terminated() {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("exitCode", exitCode);
    t.put("reason", terminatedReason);
    if (terminatedMessage != null) {
      t.put("message", terminatedMessage);
    }
    t.put("startedAt", String.valueOf(startedAt));
    t.put("finishedAt", String.valueOf(finishedAt));
    t.put("containerID", containerId());
    return t;
  }

  private String containerId() {
    return "fake://" + pod.pod().getMetadata().getUid() + "/" + spec.getName() + "/" + restartCount;
  }

  /**
   * The container's status, as in a pod's {@code containerStatuses}/{@code initContainerStatuses}.
   */
  Map<String, Object> status() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("name", spec.getName());
    s.put("image", spec.getImage());
    s.put("imageID", "fake://" + spec.getImage());
    s.put("restartCount", restartCount);
    boolean running = state == State.RUNNING;
    s.put(
        "ready",
        running && !init ? Boolean.TRUE : Boolean.valueOf(init && finished && exitCode == 0));
    s.put("started", running);
    switch (state) {
      case RUNNING -> {
        s.put("state", Map.of("running", Map.of("startedAt", String.valueOf(startedAt))));
        s.put("containerID", containerId());
      }
      case TERMINATED -> {
        s.put("state", Map.of("terminated", terminated()));
        s.put("containerID", containerId());
      }
      default -> {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("reason", waitingReason);
        if (waitingMessage != null) {
          w.put("message", waitingMessage);
        }
        s.put("state", Map.of("waiting", w));
      }
    }
    s.put("lastState", lastState);
    return s;
  }

  /** SIGTERM to the process, if it runs. */
  void terminate() {
    Process p;
    synchronized (this) {
      p = process;
    }
    if (p != null && p.isAlive()) {
      p.destroy();
    }
  }

  void awaitExit(long nanos) {
    Process p = process;
    if (p != null) {
      try {
        p.waitFor(nanos, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** SIGKILL to the process and its descendants. */
  void kill() {
    Process p = process;
    if (p != null) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      if (p.isAlive()) {
        p.destroyForcibly();
      }
    }
  }
}
