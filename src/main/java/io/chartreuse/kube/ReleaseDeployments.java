package io.chartreuse.kube;

import io.chartreuse.report.Log;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Deployments of one release, as its ExpectedDeploymentScales list them: stop them group by group
 * (highest priority first, each group's pods gone before the next), and bring back those a runner
 * stopped (lowest priority first).
 */
public final class ReleaseDeployments {
  private final KubeTarget target;
  private final ApiCalls api;
  private final Log log;
  private final Clock clock;
  private final String release;
  private final ExpectedScales scales;
  private final Deployments deployments;

  public ReleaseDeployments(KubeTarget target, ApiCalls api, Log log, Clock clock, String release) {
    this.target = target;
    this.api = api;
    this.log = log;
    this.clock = clock;
    this.release = release;
    this.scales = new ExpectedScales(target, api);
    this.deployments = new Deployments(target, api);
  }

  public String release() {
    return release;
  }

  public String namespace() {
    return target.namespace();
  }

  /** Fails, naming every missing rule, unless the runner may stop and start Deployments. */
  public void requirePermissions() {
    PermissionCheck.require(target, api, PermissionCheck.STOP_AND_START);
  }

  /** Marks, pauses HPAs, scales to 0 and waits until the pods are gone; returns the Deployments stopped, in order. */
  public List<String> stop(Duration timeout) {
    List<List<ExpectedScale>> groups = scales.byPriorityDescending(release);
    if (groups.isEmpty()) {
      log.info("no Deployments to scale down: no ExpectedDeploymentScale labelled for release " + release);
      return List.of();
    }
    HpaControl hpas = new HpaControl(target, api, log);
    PodsGoneWait wait = new PodsGoneWait(target, api, log, clock);
    List<String> stopped = new ArrayList<>();
    for (List<ExpectedScale> group : groups) {
      Map<String, io.fabric8.kubernetes.api.model.LabelSelector> selectors = new LinkedHashMap<>();
      for (ExpectedScale scale : group) {
        String name = scale.deploymentName();
        Optional<Deployment> deployment = deployments.get(name);
        if (deployment.isEmpty()) {
          log.warn("Deployment " + name + " (ExpectedDeploymentScale of " + release + ") does not exist; skipping it");
          continue;
        }
        deployments.mark(name, release);
        hpas.pause(name);
        deployments.scale(name, 0);
        selectors.put(name, deployment.get().getSpec().getSelector());
        stopped.add(name);
      }
      log.info("scaled to 0 (priority " + group.get(0).priority() + "): " + String.join(", ", selectors.keySet()));
      wait.await(selectors, timeout, name -> deployments.scale(name, 0));
      log.info("pods gone (priority " + group.get(0).priority() + "): " + String.join(", ", selectors.keySet()));
    }
    return stopped;
  }

  /**
   * Brings back the Deployments carrying this release's stop mark (the original's restore_stopped_pods):
   * HPAs resumed for every listed Deployment, unmarked ones left alone, replicas 0 or unset scaled to the
   * expected scale (at least 1 where an HPA targets it, which re-arms the HPA), the mark removed.
   */
  public List<String> bringBack() {
    List<List<ExpectedScale>> groups = new ArrayList<>(scales.byPriorityDescending(release));
    java.util.Collections.reverse(groups);
    HpaControl hpas = new HpaControl(target, api, log);
    List<String> restored = new ArrayList<>();
    for (List<ExpectedScale> group : groups) {
      for (ExpectedScale scale : group) {
        String name = scale.deploymentName();
        hpas.resume(name);
        Optional<Deployment> deployment = deployments.get(name);
        if (deployment.isEmpty()) {
          continue;
        }
        if (!release.equals(Deployments.annotations(deployment.get()).get(Deployments.STOPPED_BY))) {
          continue;
        }
        Integer replicas = deployment.get().getSpec().getReplicas();
        if (replicas == null || replicas == 0) {
          int replicasWanted = scale.expectedScale() < 1 && hpas.targets(name) ? 1 : scale.expectedScale();
          if (replicasWanted > 0) {
            deployments.scale(name, replicasWanted);
          }
        }
        deployments.unmark(name);
        restored.add(name);
      }
    }
    log.info(restored.isEmpty() ? "no stopped Deployments to restore" : "restored Deployments: " + String.join(", ", restored));
    return restored;
  }
}
