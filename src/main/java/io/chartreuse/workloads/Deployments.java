package io.chartreuse.workloads;

import io.chartreuse.kube.ApiCalls;
import io.chartreuse.kube.KubeTarget;
import io.chartreuse.kube.StopMark;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Deployment operations of the runner: list the namespace's Deployments once per phase, then
 * one write per operation and no read before it (the mark is a merge patch of the listed object,
 * the scale a merge patch of its scale subresource): downtime grows with the number of writes, not
 * reads.
 */
public final class Deployments {
  private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);

  private final KubeTarget target;
  private final ApiCalls api;

  public Deployments(KubeTarget target, ApiCalls api) {
    this.target = target;
    this.api = api;
  }

  /** The namespace's Deployments by name. */
  public Map<String, Deployment> list() {
    Map<String, Deployment> byName = new LinkedHashMap<>();
    api.call(
            "list deployments.apps",
            () ->
                target
                    .client()
                    .apps()
                    .deployments()
                    .inNamespace(target.namespace())
                    .list()
                    .getItems())
        .forEach(deployment -> byName.put(deployment.getMetadata().getName(), deployment));
    return byName;
  }

  /** Returns false when the Deployment is gone (a 404 is tolerated, as in the original). */
  public boolean mark(Deployment deployment, String release) {
    return annotate(deployment, "\"" + release.replace("\"", "\\\"") + "\"");
  }

  public boolean unmark(Deployment deployment) {
    return annotate(deployment, "null");
  }

  private boolean annotate(Deployment deployment, String jsonValue) {
    String patch =
        "{\"metadata\":{\"annotations\":{\"" + StopMark.ANNOTATION + "\":" + jsonValue + "}}}";
    return api.callTolerating404(
            "patch deployments.apps " + deployment.getMetadata().getName(),
            () ->
                target
                    .client()
                    .apps()
                    .deployments()
                    .inNamespace(target.namespace())
                    .resource(deployment)
                    .patch(MERGE, patch))
        .isPresent();
  }

  /** Scales through {@code deployments/scale}; false when the Deployment is gone. */
  public boolean scale(Deployment deployment, int replicas) {
    String patch = "{\"spec\":{\"replicas\":" + replicas + "}}";
    return api.callTolerating404(
            "patch deployments.apps/scale "
                + deployment.getMetadata().getName()
                + " to "
                + replicas,
            () ->
                target
                    .client()
                    .apps()
                    .deployments()
                    .inNamespace(target.namespace())
                    .resource(deployment)
                    .subresource("scale")
                    .patch(MERGE, patch))
        .isPresent();
  }
}
