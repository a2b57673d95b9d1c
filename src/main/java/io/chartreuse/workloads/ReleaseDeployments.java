package io.chartreuse.workloads;

import io.chartreuse.kube.ApiCalls;
import io.chartreuse.kube.KubeTarget;
import io.chartreuse.kube.StopMark;
import io.chartreuse.log.Log;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Deployments of one release (its ExpectedDeploymentScales, or else its own Deployments, see
 * {@link StopPlan}): stop them group by group (highest priority first, each group's pods gone
 * before the next), and bring back those a runner stopped (lowest priority first).
 */
public final class ReleaseDeployments {
  private static final Duration WATCH_READY = Duration.ofSeconds(2);
  private final KubeTarget target;
  private final ApiCalls api;
  private final Log log;
  private final Clock clock;
  private final String release;
  private final StopPlan plan;
  private final Deployments deployments;
  private final WorkloadTrail trail;

  public ReleaseDeployments(KubeTarget target, ApiCalls api, Log log, Clock clock, String release) {
    this(target, api, log, clock, release, WorkloadTrail.none());
  }

  /** {@code trail}: Events on each Deployment and HPA touched, saying why. */
  public ReleaseDeployments(
      KubeTarget target, ApiCalls api, Log log, Clock clock, String release, WorkloadTrail trail) {
    this.trail = trail;
    this.target = target;
    this.api = api;
    this.log = log;
    this.clock = clock;
    this.release = release;
    this.plan =
        new StopPlan(
            new ExpectedScales(target, api),
            new OwnDeployments(release, target.namespace()),
            release,
            log);
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

  /**
   * Marks every Deployment and pauses its HPAs first, while the application still runs; then, group
   * by group, scales to 0 and waits until the pods are gone. Only the second part is downtime.
   * Returns the Deployments stopped, in order.
   */
  public List<String> stop(Duration timeout) {
    Map<String, Deployment> existing = deployments.list();
    List<List<StopTarget>> groups = plan.toStop(existing);
    if (groups.isEmpty()) {
      return List.of();
    }
    List<List<Deployment>> members = new ArrayList<>();
    for (List<StopTarget> group : groups) {
      members.add(existingMembers(group, existing));
    }
    HpaControl hpas = new HpaControl(target, api, log, trail);
    hpas.list();
    List<String> stopped = new ArrayList<>();
    try (PodsGoneWait wait = new PodsGoneWait(target, api, log, clock)) {
      // A runner that dies after this leaves running Deployments marked: restore resumes their HPAs
      // and
      // unmarks them without scaling (their replicas are not 0).
      GroupWork.forEach(
          members.stream().flatMap(List::stream).toList(),
          deployment -> {
            deployments.mark(deployment, release);
            hpas.pause(deployment.getMetadata().getName());
          });
      wait.awaitWatching(WATCH_READY);
      for (int i = 0; i < groups.size(); i++) {
        List<Deployment> group = members.get(i);
        GroupWork.forEach(
            group,
            deployment -> {
              deployments.scale(deployment, 0);
              trail.stopped(deployment);
            });
        Map<String, io.fabric8.kubernetes.api.model.LabelSelector> selectors =
            new LinkedHashMap<>();
        group.forEach(d -> selectors.put(d.getMetadata().getName(), d.getSpec().getSelector()));
        group.forEach(d -> stopped.add(d.getMetadata().getName()));
        int priority = groups.get(i).get(0).priority();
        log.info(
            "scaled to 0 (priority " + priority + "): " + String.join(", ", selectors.keySet()));
        wait.await(selectors, timeout, name -> deployments.scale(existing.get(name), 0));
        log.info("pods gone (priority " + priority + "): " + String.join(", ", selectors.keySet()));
      }
    }
    return stopped;
  }

  private List<Deployment> existingMembers(
      List<StopTarget> group, Map<String, Deployment> existing) {
    List<Deployment> members = new ArrayList<>();
    for (StopTarget scale : group) {
      Deployment deployment = existing.get(scale.deploymentName());
      if (deployment == null) {
        log.warn(
            "Deployment "
                + scale.deploymentName()
                + " (ExpectedDeploymentScale of "
                + release
                + ") does not exist; skipping it");
      } else {
        members.add(deployment);
      }
    }
    return members;
  }

  /**
   * Brings back the Deployments carrying this release's stop mark (the original's
   * restore_stopped_pods): replicas 0 or unset scaled to the expected scale, or for a Deployment no
   * ExpectedDeploymentScale names, to the replicas recorded in its mark (at least 1 where an HPA
   * targets it, which re-arms the HPA), group by group, lowest priority first; then HPAs resumed
   * for every listed Deployment and the marks removed. Scaling first ends the downtime before the
   * bookkeeping; a runner that dies in between leaves marks and paused HPAs that the next restore
   * clears. Unmarked Deployments are left alone.
   */
  public List<String> bringBack() {
    Map<String, Deployment> existing = deployments.list();
    List<List<StopTarget>> groups = plan.toBringBack(existing);
    HpaControl hpas = new HpaControl(target, api, log, trail);
    hpas.list();
    List<List<StopTarget>> marked =
        groups.stream()
            .map(
                group ->
                    group.stream()
                        .filter(scale -> isMarked(existing.get(scale.deploymentName())))
                        .toList())
            .toList();
    for (List<StopTarget> group : marked) {
      GroupWork.forEach(
          group,
          scale -> {
            Deployment deployment = existing.get(scale.deploymentName());
            Integer replicas = deployment.getSpec().getReplicas();
            if (replicas == null || replicas == 0) {
              int wanted =
                  scale.replicas() < 1 && hpas.targets(scale.deploymentName())
                      ? 1
                      : scale.replicas();
              if (wanted > 0) {
                deployments.scale(deployment, wanted);
                trail.broughtBack(deployment, wanted);
              }
            }
          });
    }
    GroupWork.forEach(
        groups.stream().flatMap(List::stream).toList(),
        scale -> {
          hpas.resume(scale.deploymentName());
          if (isMarked(existing.get(scale.deploymentName()))) {
            deployments.unmark(existing.get(scale.deploymentName()));
          }
        });
    List<String> inOrder =
        marked.stream().flatMap(List::stream).map(StopTarget::deploymentName).toList();
    log.info(
        inOrder.isEmpty()
            ? "no stopped Deployments to restore"
            : "restored Deployments: " + String.join(", ", inOrder));
    return inOrder;
  }

  private boolean isMarked(Deployment deployment) {
    return deployment != null && StopMark.isStoppedBy(deployment, release);
  }
}
