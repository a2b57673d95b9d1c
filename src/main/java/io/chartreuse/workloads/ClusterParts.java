package io.chartreuse.workloads;

import io.chartreuse.config.ReleaseSettings;
import io.chartreuse.config.RunnerConfig;
import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.kube.ApiCalls;
import io.chartreuse.kube.KubeTarget;
import io.chartreuse.log.Log;
import io.chartreuse.log.Redactor;
import io.chartreuse.record.ClusterEvents;
import io.chartreuse.record.ClusterRunObserver;
import io.chartreuse.record.EphemeralResources;
import io.chartreuse.record.StatusConfigMap;
import io.chartreuse.runner.DeploymentControl;
import io.chartreuse.runner.RunObserver;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * What a run does with Kubernetes, decided once: whether it stops Deployments (and why not), and
 * where it records itself. Holds the client, closed with the run.
 */
public record ClusterParts(
    DeploymentControl deployments, RunObserver observer, Optional<KubeTarget> target)
    implements AutoCloseable {

  public static ClusterParts forRun(
      RunnerConfig config,
      Optional<KubeTarget> target,
      Log log,
      Redactor redactor,
      String version) {
    ReleaseSettings release = config.release();
    if (target.isEmpty()) {
      String reason =
          release.stopPods()
              ? "no Kubernetes cluster (not in a pod, no kubeconfig)"
              : "CHARTREUSE_ENABLE_STOP_PODS is false";
      return new ClusterParts(DeploymentControl.off(reason), RunObserver.none(), Optional.empty());
    }
    if (release.releaseName().isEmpty()) {
      if (target.get().inPod()) {
        target.get().close();
        throw ChartreuseException.usage(
            "CHARTREUSE_RELEASE_NAME is not set: the chart sets it to the Helm release's name");
      }
      return new ClusterParts(
          DeploymentControl.off("CHARTREUSE_RELEASE_NAME is not set"), RunObserver.none(), target);
    }
    ApiCalls api = new ApiCalls(log);
    Clock clock = Clock.systemUTC();
    ClusterEvents events =
        new ClusterEvents(
            target.get(),
            release.podName().filter(p -> target.get().inPod()),
            release.podUid(),
            redactor,
            log,
            clock);
    StatusConfigMap status =
        new StatusConfigMap(
            target.get(),
            api,
            release.statusConfigMapName().orElseThrow(),
            release.releaseName().get());
    RunObserver recorder =
        new ClusterRunObserver(status, events, version, release.jobName(), release.podName(), log);
    RunObserver observer =
        release
            .ephemeralConfigMap()
            .map(
                owner ->
                    RunObserver.all(
                        List.of(
                            recorder,
                            new EphemeralResources(
                                target.get(), api, log, owner, release.ephemeralResources()))))
            .orElse(recorder);
    WorkloadTrail trail = new WorkloadTrail(events, release.releaseName().get(), "a migration");
    DeploymentControl deployments =
        release.stopPods()
            ? new KubernetesDeploymentControl(
                new ReleaseDeployments(
                    target.get(), api, log, clock, release.releaseName().get(), trail),
                release,
                config.timeouts().stopPods(),
                events,
                trail,
                log)
            : DeploymentControl.off("CHARTREUSE_ENABLE_STOP_PODS is false");
    return new ClusterParts(deployments, observer, target);
  }

  @Override
  public void close() {
    target.ifPresent(KubeTarget::close);
  }
}
