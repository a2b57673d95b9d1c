package io.chartreuse.workloads;

import io.chartreuse.kube.ApiCalls;
import io.chartreuse.kube.KubeTarget;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the release's ExpectedDeploymentScales ({@code wiremind.io/v1}) by either release label,
 * merging duplicates; a cluster without the CRD simply has none. Groups them by priority, highest
 * first.
 */
public final class ExpectedScales {
  static final ResourceDefinitionContext CRD =
      new ResourceDefinitionContext.Builder()
          .withGroup("wiremind.io")
          .withVersion("v1")
          .withPlural("expecteddeploymentscales")
          .withKind("ExpectedDeploymentScale")
          .withNamespaced(true)
          .build();

  private final KubeTarget target;
  private final ApiCalls api;

  public ExpectedScales(KubeTarget target, ApiCalls api) {
    this.target = target;
    this.api = api;
  }

  /** Priority groups, highest priority first (the stop order); each group in name order. */
  public List<List<StopTarget>> byPriorityDescending(String release) {
    Map<String, StopTarget> merged = new LinkedHashMap<>();
    for (String label : List.of("app.kubernetes.io/instance", "release")) {
      api.callTolerating404(
              "list expecteddeploymentscales.wiremind.io labelled " + label + "=" + release,
              () ->
                  target
                      .client()
                      .genericKubernetesResources(CRD)
                      .inNamespace(target.namespace())
                      .withLabel(label, release)
                      .list())
          .map(GenericKubernetesResourceList::getItems)
          .orElse(List.of())
          .forEach(
              resource -> {
                StopTarget scale = parse(resource);
                merged.putIfAbsent(scale.deploymentName(), scale);
              });
    }
    return StopTarget.byPriorityDescending(merged.values());
  }

  private static StopTarget parse(GenericKubernetesResource resource) {
    Map<String, Object> spec = resource.get("spec");
    String name = resource.getMetadata().getName();
    if (spec == null || !(spec.get("deploymentName") instanceof String deployment)) {
      throw new IllegalStateException(
          "ExpectedDeploymentScale " + name + " has no spec.deploymentName");
    }
    return new StopTarget(
        deployment, number(spec.get("expectedScale")), number(spec.get("priority")));
  }

  private static int number(Object value) {
    return value instanceof Number n ? n.intValue() : 0;
  }
}
