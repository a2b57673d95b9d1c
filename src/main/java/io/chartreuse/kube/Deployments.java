package io.chartreuse.kube;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The Deployment operations of the runner: read, mark, and scale through the scale subresource. */
public final class Deployments {
  /** Set on every Deployment a runner stops; restore brings back only Deployments that carry it. */
  public static final String STOPPED_BY = "wiremind.io/stopped-by";

  private final KubeTarget target;
  private final ApiCalls api;

  public Deployments(KubeTarget target, ApiCalls api) {
    this.target = target;
    this.api = api;
  }

  public Optional<Deployment> get(String name) {
    return api.callTolerating404("get deployments.apps " + name,
        () -> target.client().apps().deployments().inNamespace(target.namespace()).withName(name).get());
  }

  /** Returns false when the Deployment does not exist (a 404 is tolerated, as in the original). */
  public boolean mark(String name, String release) {
    return annotate(name, "\"" + release.replace("\"", "\\\"") + "\"");
  }

  public boolean unmark(String name) {
    return annotate(name, "null");
  }

  private boolean annotate(String name, String jsonValue) {
    String patch = "{\"metadata\":{\"annotations\":{\"" + STOPPED_BY + "\":" + jsonValue + "}}}";
    return api.callTolerating404("patch deployments.apps " + name,
        () -> target.client().apps().deployments().inNamespace(target.namespace()).withName(name)
            .patch(PatchContext.of(PatchType.JSON_MERGE), patch)).isPresent();
  }

  /** Scales through {@code deployments/scale}; false when the Deployment does not exist. */
  public boolean scale(String name, int replicas) {
    return api.callTolerating404("scale deployments.apps/scale " + name + " to " + replicas,
        () -> target.client().apps().deployments().inNamespace(target.namespace()).withName(name).scale(replicas)).isPresent();
  }

  public static Map<String, String> annotations(Deployment deployment) {
    Map<String, String> annotations = deployment.getMetadata().getAnnotations();
    return annotations == null ? new HashMap<>() : annotations;
  }
}
