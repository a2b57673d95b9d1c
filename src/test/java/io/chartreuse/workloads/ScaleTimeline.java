package io.chartreuse.workloads;

import io.chartreuse.testkube.Workload;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches, by polling every 50 ms, when each Deployment was scaled to 0 and when its last pod went
 * away.
 */
final class ScaleTimeline {
  private final Map<String, Instant> scaledToZero = new ConcurrentHashMap<>();
  private final Map<String, Instant> podsGone = new ConcurrentHashMap<>();
  private final Thread poller;
  private volatile boolean running = true;

  private ScaleTimeline(Workload workload, List<String> deployments) {
    poller =
        new Thread(
            () -> {
              while (running) {
                for (String name : deployments) {
                  Integer replicas = workload.get(name).getSpec().getReplicas();
                  if (replicas != null && replicas == 0) {
                    scaledToZero.putIfAbsent(name, Instant.now());
                  }
                  if (scaledToZero.containsKey(name) && workload.livingPods(name).isEmpty()) {
                    podsGone.putIfAbsent(name, Instant.now());
                  }
                }
                try {
                  Thread.sleep(50);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "scale-timeline");
    poller.setDaemon(true);
    poller.start();
  }

  static ScaleTimeline watch(Workload workload, List<String> deployments) {
    return new ScaleTimeline(workload, deployments);
  }

  void stop() throws InterruptedException {
    running = false;
    poller.join();
  }

  Instant scaledToZero(String name) {
    return require(scaledToZero, name, "scaled to 0");
  }

  boolean everScaledToZero(String name) {
    return scaledToZero.containsKey(name);
  }

  Instant podsGone(String name) {
    return require(podsGone, name, "pods gone");
  }

  private Instant require(Map<String, Instant> times, String name, String what) {
    Instant at = times.get(name);
    if (at == null) {
      throw new AssertionError(name + " never " + what + ": " + this);
    }
    return at;
  }

  @Override
  public String toString() {
    return "scaled to 0 " + scaledToZero + ", pods gone " + podsGone;
  }
}
