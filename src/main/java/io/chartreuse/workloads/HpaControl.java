package io.chartreuse.workloads;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartreuse.kube.ApiCalls;
import io.chartreuse.kube.KubeTarget;
import io.chartreuse.log.Log;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Pauses and resumes the HPAs that target a Deployment (chartreuse 7.0.1's way): scale-up is
 * disabled through {@code spec.behavior.scaleUp.selectPolicy: Disabled}, the prior behaviour saved
 * in an annotation and restored exactly. Invisible to GitOps, unlike the older rename of the scale
 * target, which is still repaired when found. Serves {@code autoscaling/v2}, falling back to {@code
 * v2beta2}.
 */
public final class HpaControl {
  static final String SAVED_BEHAVIOR = "wiremind.io/pre-pause-scale-behavior";
  static final String LEGACY_PREFIX = "wm--disabled--kube-";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubeTarget target;
  private final ApiCalls api;
  private final WorkloadTrail trail;
  private final Log log;
  private ResourceDefinitionContext served;
  private volatile List<GenericKubernetesResource> listed;

  /** Lists HPAs once: create one per phase. */
  public HpaControl(KubeTarget target, ApiCalls api, Log log, WorkloadTrail trail) {
    this.target = target;
    this.api = api;
    this.log = log;
    this.trail = trail;
  }

  public boolean targets(String deployment) {
    return !targeting(deployment).isEmpty();
  }

  /**
   * Pauses every HPA of the Deployment that is not paused yet; an already paused one keeps its
   * saved behaviour.
   */
  public void pause(String deployment) {
    for (GenericKubernetesResource hpa : targeting(deployment)) {
      if (annotations(hpa).containsKey(SAVED_BEHAVIOR)) {
        continue;
      }
      Object behavior = spec(hpa).get("behavior");
      String saved = behavior == null ? "" : json(behavior);
      Map<String, Object> patch =
          Map.of(
              "metadata", Map.of("annotations", Map.of(SAVED_BEHAVIOR, saved)),
              "spec", Map.of("behavior", Map.of("scaleUp", Map.of("selectPolicy", "Disabled"))));
      patch(hpa, PatchType.JSON_MERGE, json(patch), "pause");
      log.info("paused HPA " + hpa.getMetadata().getName() + " of Deployment " + deployment);
      trail.hpaPaused(hpa, deployment);
    }
  }

  /**
   * Resumes every paused HPA of the Deployment to exactly the behaviour it had; others are left
   * alone.
   */
  public void resume(String deployment) {
    repairLegacyRename(deployment);
    for (GenericKubernetesResource hpa : targeting(deployment)) {
      String saved = annotations(hpa).get(SAVED_BEHAVIOR);
      if (saved == null) {
        continue;
      }
      // A JSON patch replaces spec.behavior wholesale; a merge patch would keep selectPolicy:
      // Disabled.
      List<Map<String, Object>> ops = new ArrayList<>();
      ops.add(
          Map.of(
              "op",
              "remove",
              "path",
              "/metadata/annotations/" + SAVED_BEHAVIOR.replace("/", "~1")));
      if (saved.isEmpty()) {
        if (spec(hpa).containsKey("behavior")) {
          ops.add(Map.of("op", "remove", "path", "/spec/behavior"));
        }
      } else {
        ops.add(Map.of("op", "add", "path", "/spec/behavior", "value", parse(saved)));
      }
      patch(hpa, PatchType.JSON, json(ops), "resume");
      log.info("resumed HPA " + hpa.getMetadata().getName() + " of Deployment " + deployment);
      trail.hpaResumed(hpa);
    }
  }

  private void repairLegacyRename(String deployment) {
    for (GenericKubernetesResource hpa : list()) {
      Map<String, Object> ref = scaleTargetRef(hpa);
      if ("Deployment".equals(ref.get("kind"))
          && (LEGACY_PREFIX + deployment).equals(ref.get("name"))) {
        String patch = json(Map.of("spec", Map.of("scaleTargetRef", Map.of("name", deployment))));
        patch(hpa, PatchType.JSON_MERGE, patch, "repair the renamed target of");
        log.info(
            "repaired HPA "
                + hpa.getMetadata().getName()
                + ": its target was renamed by an older chartreuse");
      }
    }
  }

  private List<GenericKubernetesResource> targeting(String deployment) {
    return list().stream()
        .filter(
            hpa -> {
              Map<String, Object> ref = scaleTargetRef(hpa);
              return "Deployment".equals(ref.get("kind")) && deployment.equals(ref.get("name"));
            })
        .toList();
  }

  /**
   * One list per instance (a stop or start phase): requests grow with Deployments, not with their
   * square.
   */
  synchronized List<GenericKubernetesResource> list() {
    if (listed == null) {
      ResourceDefinitionContext context = served();
      listed =
          api.call(
              "list horizontalpodautoscalers." + context.getGroup(),
              () ->
                  target
                      .client()
                      .genericKubernetesResources(context)
                      .inNamespace(target.namespace())
                      .list()
                      .getItems());
    }
    return listed;
  }

  /** autoscaling/v2 where served (1.23+), else v2beta2 (which also has spec.behavior). */
  private synchronized ResourceDefinitionContext served() {
    if (served == null) {
      ResourceDefinitionContext v2 = context("v2");
      boolean hasV2 =
          api.callTolerating404(
                  "list horizontalpodautoscalers (autoscaling/v2)",
                  () ->
                      target
                          .client()
                          .genericKubernetesResources(v2)
                          .inNamespace(target.namespace())
                          .list())
              .isPresent();
      served = hasV2 ? v2 : context("v2beta2");
    }
    return served;
  }

  private static ResourceDefinitionContext context(String version) {
    return new ResourceDefinitionContext.Builder()
        .withGroup("autoscaling")
        .withVersion(version)
        .withPlural("horizontalpodautoscalers")
        .withKind("HorizontalPodAutoscaler")
        .withNamespaced(true)
        .build();
  }

  /** Patches the listed object: no read before the write. */
  private void patch(GenericKubernetesResource hpa, PatchType type, String body, String verb) {
    String name = hpa.getMetadata().getName();
    api.callTolerating404(
        "patch horizontalpodautoscalers." + served().getGroup() + " " + name + " (" + verb + ")",
        () ->
            target
                .client()
                .genericKubernetesResources(served())
                .inNamespace(target.namespace())
                .resource(hpa)
                .patch(PatchContext.of(type), body));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource hpa) {
    Object spec = hpa.getAdditionalProperties().get("spec");
    return spec instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> scaleTargetRef(GenericKubernetesResource hpa) {
    Object ref = spec(hpa).get("scaleTargetRef");
    return ref instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  private static Map<String, String> annotations(GenericKubernetesResource hpa) {
    return Objects.requireNonNullElse(hpa.getMetadata().getAnnotations(), Map.of());
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object parse(String saved) {
    try {
      return JSON.readValue(saved, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("annotation " + SAVED_BEHAVIOR + " does not hold JSON", e);
    }
  }
}
