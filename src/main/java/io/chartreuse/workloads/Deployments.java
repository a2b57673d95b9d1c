package io.chartreuse.workloads;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartreuse.kube.ApiCalls;
import io.chartreuse.kube.KubeTarget;
import io.chartreuse.kube.StopMark;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The Deployment operations of the runner: list the namespace's Deployments once per phase, then
 * one write per operation and no read before it (the mark is a merge patch of the listed object,
 * the scale a merge patch of its scale subresource): downtime grows with the number of writes, not
 * reads.
 */
public final class Deployments {
  private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);
  private static final ObjectMapper JSON = new ObjectMapper();

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

  /**
   * Marks the Deployment stopped by the release, recording the replicas it had; returns false when
   * it is gone (a 404 is tolerated, as in the original).
   */
  public boolean mark(Deployment deployment, String release) {
    Map<String, String> mark = new HashMap<>();
    mark.put(StopMark.ANNOTATION, release);
    mark.put(StopMark.REPLICAS, Integer.toString(replicasBeforeStop(deployment, release)));
    return annotate(deployment, mark);
  }

  public boolean unmark(Deployment deployment) {
    Map<String, String> removed = new HashMap<>();
    removed.put(StopMark.ANNOTATION, null);
    removed.put(StopMark.REPLICAS, null);
    return annotate(deployment, removed);
  }

  /**
   * The replicas to record in the mark: the current ones, unless the release's mark already holds
   * some (a run killed while the Deployment was stopped must not record its 0).
   */
  static int replicasBeforeStop(Deployment deployment, String release) {
    if (StopMark.isStoppedBy(deployment, release)) {
      OptionalInt recorded = StopMark.replicas(deployment);
      if (recorded.isPresent()) {
        return recorded.getAsInt();
      }
    }
    Integer replicas = deployment.getSpec().getReplicas();
    return replicas == null ? 1 : replicas;
  }

  /** A merge patch of annotations; a null value removes one. */
  private boolean annotate(Deployment deployment, Map<String, String> annotations) {
    String patch;
    try {
      patch = JSON.writeValueAsString(Map.of("metadata", Map.of("annotations", annotations)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
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
