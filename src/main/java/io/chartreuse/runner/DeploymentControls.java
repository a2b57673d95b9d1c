package io.chartreuse.runner;

import io.chartreuse.config.Env;
import io.chartreuse.config.RunnerConfig;
import io.chartreuse.kube.ClusterDetection;

/** Chooses how the run treats the release's Deployments, and says why when it leaves them alone. */
public final class DeploymentControls {
  private DeploymentControls() {}

  public static DeploymentControl select(RunnerConfig config, Env env) {
    if (!config.release().stopPods()) {
      return DeploymentControl.off("CHARTREUSE_ENABLE_STOP_PODS is false");
    }
    if (!ClusterDetection.inPod(env) && !ClusterDetection.hasKubeconfig(env)) {
      return DeploymentControl.off("no Kubernetes cluster (not in a pod, no kubeconfig)");
    }
    // Stopping Deployments is the runner's Kubernetes half, which this build does not contain yet.
    return DeploymentControl.off("Deployment control is not part of this build yet; Deployments are not stopped");
  }
}
