package io.chartreuse.kube;

import io.chartreuse.report.Log;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    Map<String, Deployment> existing = deployments.list();
    HpaControl hpas = new HpaControl(target, api, log);
    hpas.list();
    PodsGoneWait wait = new PodsGoneWait(target, api, log, clock);
    List<String> stopped = new ArrayList<>();
    for (List<ExpectedScale> group : groups) {
      List<Deployment> members = new ArrayList<>();
      for (ExpectedScale scale : group) {
        Deployment deployment = existing.get(scale.deploymentName());
        if (deployment == null) {
          log.warn("Deployment " + scale.deploymentName() + " (ExpectedDeploymentScale of " + release + ") does not exist; skipping it");
        } else {
          members.add(deployment);
        }
      }
      GroupWork.forEach(members, deployment -> {
        deployments.mark(deployment, release);
        hpas.pause(deployment.getMetadata().getName());
        deployments.scale(deployment, 0);
      });
      Map<String, io.fabric8.kubernetes.api.model.LabelSelector> selectors = new LinkedHashMap<>();
      members.forEach(d -> selectors.put(d.getMetadata().getName(), d.getSpec().getSelector()));
      members.forEach(d -> stopped.add(d.getMetadata().getName()));
      log.info("scaled to 0 (priority " + group.get(0).priority() + "): " + String.join(", ", selectors.keySet()));
      wait.await(selectors, timeout, name -> deployments.scale(existing.get(name), 0));
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
    Map<String, Deployment> existing = deployments.list();
    HpaControl hpas = new HpaControl(target, api, log);
    hpas.list();
    List<String> restored = java.util.Collections.synchronizedList(new ArrayList<>());
    for (List<ExpectedScale> group : groups) {
      GroupWork.forEach(group, scale -> {
        String name = scale.deploymentName();
        hpas.resume(name);
        Deployment deployment = existing.get(name);
        if (deployment == null || !release.equals(Deployments.annotations(deployment).get(Deployments.STOPPED_BY))) {
          return;
        }
        Integer replicas = deployment.getSpec().getReplicas();
        if (replicas == null || replicas == 0) {
          int wanted = scale.expectedScale() < 1 && hpas.targets(name) ? 1 : scale.expectedScale();
          if (wanted > 0) {
            deployments.scale(deployment, wanted);
          }
        }
        deployments.unmark(deployment);
        restored.add(name);
      });
    }
    List<String> inOrder = groups.stream().flatMap(List::stream).map(ExpectedScale::deploymentName).filter(restored::contains).toList();
    log.info(inOrder.isEmpty() ? "no stopped Deployments to restore" : "restored Deployments: " + String.join(", ", inOrder));
    return inOrder;
  }
}
