package io.chartreuse.record;

import io.chartreuse.kube.ApiCalls;
import io.chartreuse.kube.KubeTarget;
import io.chartreuse.log.Log;
import io.chartreuse.report.RunReport;
import io.chartreuse.runner.RunObserver;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Leaves nothing of the hook Job's short-lived ("-ephemeral") resources behind, whatever the run's
 * outcome. The chart lets Helm delete them only before the next hook run: Helm 3 leaves them after
 * a failed Job, and Helm 4, when a hook fails or its --timeout ends, deletes the earlier hooks that
 * have hook-succeeded even while the Job still runs, which would take a running migration's
 * credentials. So the runner makes its ephemeral ConfigMap the owner of the other ephemeral
 * resources when it starts, and deletes that ConfigMap when the run ends: the garbage collector
 * removes the rest. Best effort: a failure here is logged, never turned into a failed migration.
 */
public final class EphemeralResources implements RunObserver {
  private static final Map<String, ResourceDefinitionContext> KINDS =
      Map.of(
          "ServiceAccount", context("", "serviceaccounts", "ServiceAccount"),
          "Secret", context("", "secrets", "Secret"),
          "Role", context("rbac.authorization.k8s.io", "roles", "Role"),
          "RoleBinding", context("rbac.authorization.k8s.io", "rolebindings", "RoleBinding"),
          "ExternalSecret", context("external-secrets.io", "externalsecrets", "ExternalSecret"));

  private final KubeTarget target;
  private final ApiCalls api;
  private final Log log;
  private final String owner;
  private final List<String> owned;

  /** {@code owner}: the ephemeral ConfigMap; {@code owned}: "Kind/name" of the others. */
  public EphemeralResources(
      KubeTarget target, ApiCalls api, Log log, String owner, List<String> owned) {
    this.target = target;
    this.api = api;
    this.log = log;
    this.owner = owner;
    this.owned = List.copyOf(owned);
  }

  @Override
  public void started(Instant at) {
    try {
      Optional<ConfigMap> configMap =
          api.callTolerating404(
              "get configmaps " + owner,
              () ->
                  target
                      .client()
                      .configMaps()
                      .inNamespace(target.namespace())
                      .withName(owner)
                      .get());
      if (configMap.isEmpty()) {
        return;
      }
      String patch =
          "{\"metadata\":{\"ownerReferences\":[{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"name\":\""
              + owner
              + "\",\"uid\":\""
              + configMap.get().getMetadata().getUid()
              + "\"}]}}";
      for (String resource : owned) {
        String[] kindName = resource.split("/", 2);
        ResourceDefinitionContext context = KINDS.get(kindName[0]);
        if (context == null || kindName.length < 2) {
          log.warn(
              "CHARTREUSE_EPHEMERAL_RESOURCES: unknown entry "
                  + resource
                  + "; it will not be cleaned up after a failure");
          continue;
        }
        api.callTolerating404(
            "patch " + context.getPlural() + " " + kindName[1],
            () ->
                target
                    .client()
                    .genericKubernetesResources(context)
                    .inNamespace(target.namespace())
                    .withName(kindName[1])
                    .patch(PatchContext.of(PatchType.JSON_MERGE), patch));
      }
    } catch (RuntimeException e) {
      log.warn("cannot prepare the cleanup of the ephemeral resources: " + e.getMessage());
    }
  }

  @Override
  public void finished(RunReport report) {
    try {
      api.callTolerating404(
          "delete configmaps " + owner,
          () ->
              target
                  .client()
                  .configMaps()
                  .inNamespace(target.namespace())
                  .withName(owner)
                  .withPropagationPolicy(DeletionPropagation.BACKGROUND)
                  .delete());
      log.info("deleted the ephemeral resources of this run (" + owner + " and what it owns)");
    } catch (RuntimeException e) {
      log.warn("cannot delete the ephemeral resources of this run: " + e.getMessage());
    }
  }

  private static ResourceDefinitionContext context(String group, String plural, String kind) {
    return new ResourceDefinitionContext.Builder()
        .withGroup(group)
        .withVersion("v1")
        .withPlural(plural)
        .withKind(kind)
        .withNamespaced(true)
        .build();
  }
}
