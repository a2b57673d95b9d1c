package io.chartreuse.testing;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * One pod on the fake Node: prepares its directory and volumes (waiting for missing
 * ConfigMaps/Secrets), runs its init containers one after the other and then its containers,
 * patches its status (phase, conditions, container statuses) as they change, and stops them when
 * the pod is deleted.
 */
final class PodRun {
  private final Pod pod;
  private final String ns;
  private final String name;
  private final Path dir;
  private final KubeletContext context;
  private final List<ContainerRun> initContainers = new ArrayList<>();
  private final List<ContainerRun> containers = new ArrayList<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Instant startTime = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private volatile boolean stopping;
  private volatile boolean initDone;
  private volatile String podMessage;
  private volatile String podReason;

  /** Volume name → local directory; written before any container starts. */
  private Map<String, Path> volumeDirs = new LinkedHashMap<>();

  PodRun(Pod pod, KubeletContext context) {
    this.pod = pod;
    this.ns = pod.getMetadata().getNamespace();
    this.name = pod.getMetadata().getName();
    this.dir = context.settings().podDir(ns, name);
    this.context = context;
    for (Container c : Optional.ofNullable(pod.getSpec().getInitContainers()).orElse(List.of())) {
      initContainers.add(new ContainerRun(this, c, true));
    }
    for (Container c : pod.getSpec().getContainers()) {
      containers.add(new ContainerRun(this, c, false));
    }
  }

  Pod pod() {
    return pod;
  }

  String namespace() {
    return ns;
  }

  String name() {
    return name;
  }

  /**
   * The pod's local directory: {@code logs/}, {@code volumes/}, {@code home/}, {@code kubelet.log}.
   */
  Path dir() {
    return dir;
  }

  KubeletContext context() {
    return context;
  }

  Map<String, Path> volumeDirs() {
    return volumeDirs;
  }

  /** Whether the pod is being stopped (deleted, or the kubelet closes). */
  boolean stopping() {
    return stopping;
  }

  /** Waits until the pod is stopped. */
  void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /** Runs the pod; on a worker thread, which it leaves once the init containers are done. */
  void start() {
    try {
      PodVolumes.deleteTree(dir);
      Files.createDirectories(dir.resolve("logs").resolve("timestamped"));
      Files.createDirectories(dir.resolve("home"));
      List<String> names = new ArrayList<>();
      initContainers.forEach(c -> names.add(c.name()));
      containers.forEach(c -> names.add(c.name()));
      Files.write(dir.resolve("containers"), names, StandardCharsets.UTF_8);
      context.podStarted().accept(this);
      context.events().accept(ns + "/" + name + ": starting (" + dir + ")");
      publish();
      PodVolumes volumes = new PodVolumes(pod, dir, context);
      while (!stopping) {
        try {
          volumeDirs = volumes.materialize();
          break;
        } catch (NotReadyYet e) {
          podReason = e.reason();
          podMessage = e.getMessage();
          note("waiting: " + e.getMessage());
          publish();
          KubeletContext.sleep(Duration.ofSeconds(1));
        }
      }
      podReason = null;
      podMessage = null;
      for (ContainerRun init : initContainers) {
        if (stopping) {
          return;
        }
        init.runLoop();
        if (init.failed()) {
          publish(); // the pod failed in its init phase
          return;
        }
      }
      initDone = true;
      for (ContainerRun c : containers) {
        context.workers().execute(c::runLoop);
      }
    } catch (IOException | RuntimeException e) {
      note("fake kubelet error: " + e);
      podReason = "FakeKubeletError";
      podMessage = String.valueOf(e);
      publish();
    }
  }

  /** Records a step in {@code kubelet.log} and the kubelet's events. */
  void note(String line) {
    context.events().accept(ns + "/" + name + ": " + line);
    try {
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve("kubelet.log"),
          Instant.now() + " " + line + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException ignored) {
      // diagnostics only
    }
  }

  /** Stops every container: SIGTERM, SIGKILL (with their descendants) after {@code grace}. */
  void stop(Duration grace) {
    stopping = true;
    stopped.countDown();
    List<ContainerRun> all = new ArrayList<>(initContainers);
    all.addAll(containers);
    for (ContainerRun c : all) {
      c.terminate();
    }
    long deadline = System.nanoTime() + grace.toNanos();
    for (ContainerRun c : all) {
      c.awaitExit(Math.max(0, deadline - System.nanoTime()));
    }
    for (ContainerRun c : all) {
      c.kill();
    }
    for (ContainerRun c : all) {
      c.markExited(); // log followers stop here
    }
  }

  /**
   * Patches the pod's status from its containers' (nothing once the pod stops or the kubelet
   * closes).
   */
  synchronized void publish() {
    if (stopping || context.closed().getAsBoolean()) {
      return;
    }
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    boolean allTerminated = true;
    boolean allSucceeded = true;
    boolean allReady = initDone;
    for (ContainerRun c : containers) {
      if (!c.finished()) {
        allTerminated = false;
      } else if (c.failed()) {
        allSucceeded = false;
      }
      allReady &= c.running();
    }
    boolean initFailed = initContainers.stream().anyMatch(c -> c.finished() && c.failed());
    String phase;
    if (initFailed) {
      phase = "Failed";
    } else if (!initDone) {
      phase = "Pending";
    } else if (allTerminated) {
      phase = allSucceeded ? "Succeeded" : "Failed";
    } else {
      phase = "Running";
    }
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("phase", phase);
    status.put("hostIP", "127.0.0.1");
    status.put("podIP", "127.0.0.1");
    status.put("podIPs", List.of(Map.of("ip", "127.0.0.1")));
    status.put("startTime", startTime.toString());
    status.put("qosClass", "BestEffort");
    status.put("reason", podReason);
    status.put(
        "message", podReason != null ? podMessage : null); // null: a merge patch removes them
    List<Map<String, Object>> conditions = new ArrayList<>();
    conditions.add(condition("PodScheduled", true, now, null));
    conditions.add(
        condition("Initialized", initDone, now, initDone ? null : "ContainersNotInitialized"));
    String notReady =
        allReady ? null : (allTerminated && initDone ? "PodCompleted" : "ContainersNotReady");
    conditions.add(condition("ContainersReady", allReady, now, notReady));
    conditions.add(condition("Ready", allReady, now, notReady));
    status.put("conditions", conditions);
    if (!initContainers.isEmpty()) {
      status.put(
          "initContainerStatuses", initContainers.stream().map(ContainerRun::status).toList());
    }
    status.put("containerStatuses", containers.stream().map(ContainerRun::status).toList());
    String json = context.client().getKubernetesSerialization().asJson(Map.of("status", status));
    try {
      context
          .client()
          .pods()
          .inNamespace(ns)
          .withName(name)
          .subresource("status")
          .patch(PatchContext.of(PatchType.JSON_MERGE), json);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        note("status patch failed: " + e.getMessage());
      }
    }
  }

  private static Map<String, Object> condition(
      String type, boolean value, String now, String reason) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("type", type);
    c.put("status", value ? "True" : "False");
    c.put("lastProbeTime", null);
    c.put("lastTransitionTime", now);
    if (reason != null) {
      c.put("reason", reason);
    }
    return c;
  }
}
