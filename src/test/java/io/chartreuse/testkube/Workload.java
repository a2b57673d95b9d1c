package io.chartreuse.testkube;

import io.chartreuse.testing.TestCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An application's release in a test namespace: Deployments, their ExpectedDeploymentScales and
 * HPAs.
 */
public final class Workload {
  public static final ResourceDefinitionContext EDS =
      new ResourceDefinitionContext.Builder()
          .withGroup("wiremind.io")
          .withVersion("v1")
          .withPlural("expecteddeploymentscales")
          .withKind("ExpectedDeploymentScale")
          .withNamespaced(true)
          .build();
  public static final ResourceDefinitionContext HPA =
      new ResourceDefinitionContext.Builder()
          .withGroup("autoscaling")
          .withVersion("v2beta2")
          .withPlural("horizontalpodautoscalers")
          .withKind("HorizontalPodAutoscaler")
          .withNamespaced(true)
          .build();

  private final KubernetesClient admin;
  private final String namespace;
  private final String release;

  public Workload(TestCluster cluster, String namespace, String release) {
    this.admin = cluster.admin();
    this.namespace = namespace;
    this.release = release;
    installCrd(cluster);
  }

  private static synchronized void installCrd(TestCluster cluster) {
    try (InputStream crd =
        Files.newInputStream(
            TestCluster.basedir()
                .resolve("chart/crds/expecteddeploymentscales.wiremind.io.yaml"))) {
      List<HasMetadata> items = cluster.admin().load(crd).items();
      for (HasMetadata item : items) {
        cluster.admin().resource(item).forceConflicts().serverSideApply();
      }
      io.chartreuse.testing.Await.value(
          Duration.ofSeconds(30),
          "CRD established",
          () -> {
            try {
              cluster.admin().genericKubernetesResources(EDS).inNamespace("default").list();
              return java.util.Optional.of(true);
            } catch (RuntimeException e) {
              return java.util.Optional.empty();
            }
          });
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * A Deployment of {@code replicas} pods labelled app=name, plus its ExpectedDeploymentScale
   * labelled for the release.
   */
  public Workload deployment(String name, int replicas, int priority) {
    create(name, replicas, Map.of());
    GenericKubernetesResource eds =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("wiremind.io/v1")
            .withKind("ExpectedDeploymentScale")
            .withNewMetadata()
            .withName(name)
            .addToLabels("app.kubernetes.io/instance", release)
            .addToLabels("release", release)
            .endMetadata()
            .build();
    eds.setAdditionalProperty(
        "spec", Map.of("deploymentName", name, "expectedScale", replicas, "priority", priority));
    admin.genericKubernetesResources(EDS).inNamespace(namespace).resource(eds).create();
    return this;
  }

  /**
   * A Deployment as Helm installs it for the release (annotated meta.helm.sh/release-name and
   * -namespace), with no ExpectedDeploymentScale, and the given extra annotations.
   */
  public Workload helmDeployment(String name, int replicas, Map<String, String> annotations) {
    Map<String, String> all = new java.util.HashMap<>(annotations);
    all.put("meta.helm.sh/release-name", release);
    all.put("meta.helm.sh/release-namespace", namespace);
    create(name, replicas, all);
    return this;
  }

  /**
   * A Deployment labelled for the release but without Helm's annotations (as Argo CD renders it)
   * and without an ExpectedDeploymentScale.
   */
  public Workload labelledDeployment(String name, int replicas) {
    create(name, replicas, Map.of());
    return this;
  }

  private void create(String name, int replicas, Map<String, String> annotations) {
    admin
        .apps()
        .deployments()
        .inNamespace(namespace)
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("app.kubernetes.io/instance", release)
                .addToAnnotations(annotations)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .addToMatchLabels("app", name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", name)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("app")
                .withImage("example/" + name + ":1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
  }

  /**
   * An autoscaling/v2beta2 HPA on the Deployment, with a custom behaviour that a pause must not
   * lose.
   */
  public Workload hpa(String deployment) {
    GenericKubernetesResource hpa =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("autoscaling/v2beta2")
            .withKind("HorizontalPodAutoscaler")
            .withNewMetadata()
            .withName(deployment)
            .endMetadata()
            .build();
    hpa.setAdditionalProperty(
        "spec",
        Map.of(
            "scaleTargetRef",
            Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", deployment),
            "minReplicas",
            1,
            "maxReplicas",
            5,
            "metrics",
            List.of(
                Map.of(
                    "type",
                    "Resource",
                    "resource",
                    Map.of(
                        "name",
                        "cpu",
                        "target",
                        Map.of("type", "Utilization", "averageUtilization", 75)))),
            "behavior",
            Map.of(
                "scaleDown",
                Map.of(
                    "stabilizationWindowSeconds",
                    120,
                    "selectPolicy",
                    "Min",
                    "policies",
                    List.of(Map.of("type", "Pods", "value", 1, "periodSeconds", 60))))));
    admin.genericKubernetesResources(HPA).inNamespace(namespace).resource(hpa).create();
    return this;
  }

  public GenericKubernetesResource getHpa(String name) {
    return admin.genericKubernetesResources(HPA).inNamespace(namespace).withName(name).get();
  }

  public Deployment get(String name) {
    return admin.apps().deployments().inNamespace(namespace).withName(name).get();
  }

  /** Pods of the Deployment in any phase but Failed. */
  public List<Pod> livingPods(String name) {
    return admin.pods().inNamespace(namespace).withLabel("app", name).list().getItems().stream()
        .filter(p -> p.getStatus() == null || !"Failed".equals(p.getStatus().getPhase()))
        .toList();
  }

  /** Waits until the Deployment has exactly {@code count} Running pods and no others. */
  public void awaitRunning(String name, int count, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      List<Pod> pods = livingPods(name);
      long running =
          pods.stream()
              .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()))
              .count();
      if (running == count && pods.size() == count) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            name
                + ": expected "
                + count
                + " running pods, have "
                + pods.size()
                + " ("
                + running
                + " running)");
      }
      sleep(200);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
