package io.chartreuse.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.testcli.CliProcess;
import io.chartreuse.testcli.RunnerEnvironment;
import io.chartreuse.testdb.MigrationFiles;
import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testing.Await;
import io.chartreuse.testing.TestCluster;
import io.chartreuse.testkube.RunnerIdentity;
import io.chartreuse.testkube.Workload;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The runner against a real kubelet and a real PostgreSQL server, where Docker exists (Testcontainers' K3s
 * and PostgreSQL modules); skipped where it does not, as on the machines without a Docker engine where the
 * rest of the suite uses scripts/test-cluster and embedded PostgreSQL. Real pods (the pause image) must be
 * terminated by a real kubelet before the migration starts, and come back after it.
 */
@Testcontainers(disabledWithoutDocker = true)
class K3sRunnerIT {
  private static final String NAMESPACE = "shop";
  private static final String RELEASE = "shop";

  @Container
  static final K3sContainer K3S = new K3sContainer(DockerImageName.parse("rancher/k3s:v1.31.4-k3s1"));

  @Container
  static final PostgreSQLContainer<?> POSTGRES = new PostgreSQLContainer<>(DockerImageName.parse("postgres:16-alpine"))
      .withDatabaseName("shop").withUsername("shop").withPassword("k3s-s3cret");

  private static KubernetesClient admin;

  @TempDir Path work;

  @BeforeAll
  static void connect() {
    admin = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(K3S.getKubeConfigYaml())).build();
  }

  @AfterAll
  static void close() {
    if (admin != null) {
      admin.close();
    }
  }

  @Test
  void podsAreGoneBeforeTheMigrationAndBackAfterIt() throws IOException {
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
    installCrd();
    createDeployment("web", 2, 10);
    createDeployment("worker", 1, 20);
    awaitReady("web", 2);
    awaitReady("worker", 1);
    Map<String, String> pod = runnerPod();

    MigrationFiles migrations = new MigrationFiles(work.resolve("migrations"))
        .add("V1__orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);");
    TestDatabase database = new TestDatabase(POSTGRES.getHost(), POSTGRES.getMappedPort(5432), "shop", "shop", "k3s-s3cret");
    CliProcess.Result result = RunnerEnvironment.run(database, migrations, "--log-format", "json")
        .env(pod)
        .env("CHARTREUSE_RELEASE_NAME", RELEASE)
        .env("CHARTREUSE_ENABLE_STOP_PODS", "1")
        .start().await(Duration.ofMinutes(5));

    assertEquals(0, result.exitCode(), result.all());
    String log = result.stderr();
    int workerGone = log.indexOf("pods gone (priority 20): worker");
    int webGone = log.indexOf("pods gone (priority 10): web");
    int applying = log.indexOf("applying 1 migration");
    assertTrue(workerGone >= 0 && webGone > workerGone && applying > webGone, "stop order, then the migration:\n" + log);
    awaitReady("web", 2);
    awaitReady("worker", 1);
    for (String name : List.of("web", "worker")) {
      Map<String, String> annotations = Optional.ofNullable(get(name).getMetadata().getAnnotations()).orElse(Map.of());
      assertTrue(!annotations.containsKey("wiremind.io/stopped-by"), name + " still marked: " + annotations);
    }
  }

  private void installCrd() throws IOException {
    try (InputStream crd = Files.newInputStream(TestCluster.basedir().resolve("chart/crds/expecteddeploymentscales.wiremind.io.yaml"))) {
      for (HasMetadata item : admin.load(crd).items()) {
        admin.resource(item).serverSideApply();
      }
    }
    Await.value(Duration.ofSeconds(60), "CRD established", () -> {
      try {
        admin.genericKubernetesResources(Workload.EDS).inNamespace(NAMESPACE).list();
        return Optional.of(true);
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    });
  }

  private void createDeployment(String name, int replicas, int priority) {
    admin.apps().deployments().inNamespace(NAMESPACE).resource(new DeploymentBuilder()
        .withNewMetadata().withName(name).addToLabels("app.kubernetes.io/instance", RELEASE).endMetadata()
        .withNewSpec().withReplicas(replicas)
        .withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec().withTerminationGracePeriodSeconds(5L)
        .addNewContainer().withName(name).withImage("registry.k8s.io/pause:3.9").endContainer().endSpec()
        .endTemplate().endSpec().build()).create();
    GenericKubernetesResource eds = new GenericKubernetesResourceBuilder()
        .withApiVersion("wiremind.io/v1").withKind("ExpectedDeploymentScale")
        .withNewMetadata().withName(name).addToLabels("app.kubernetes.io/instance", RELEASE).endMetadata().build();
    eds.setAdditionalProperty("spec", Map.of("deploymentName", name, "expectedScale", replicas, "priority", priority));
    admin.genericKubernetesResources(Workload.EDS).inNamespace(NAMESPACE).resource(eds).create();
  }

  private Deployment get(String name) {
    return admin.apps().deployments().inNamespace(NAMESPACE).withName(name).get();
  }

  private void awaitReady(String name, int replicas) {
    Await.value(Duration.ofMinutes(3), name + " at " + replicas + " ready replicas", () -> {
      Deployment deployment = get(name);
      Integer ready = deployment.getStatus() == null ? null : deployment.getStatus().getReadyReplicas();
      return ready != null && ready == replicas ? Optional.of(true) : Optional.empty();
    });
  }

  /** The runner's pod identity: the ServiceAccount bound to the Role of docs/rbac.md, its token from the TokenRequest API. */
  private Map<String, String> runnerPod() throws IOException {
    String sa = RunnerIdentity.SERVICE_ACCOUNT;
    Role role = RunnerIdentity.documentedRole(RELEASE + "-chartreuse-status");
    role.getMetadata().setNamespace(NAMESPACE);
    admin.serviceAccounts().inNamespace(NAMESPACE).resource(new ServiceAccountBuilder().withNewMetadata().withName(sa).endMetadata().build())
        .create();
    admin.rbac().roles().inNamespace(NAMESPACE).resource(role).create();
    admin.rbac().roleBindings().inNamespace(NAMESPACE).resource(new RoleBindingBuilder()
        .withNewMetadata().withName(sa).endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName(role.getMetadata().getName()).endRoleRef()
        .addNewSubject().withKind("ServiceAccount").withName(sa).withNamespace(NAMESPACE).endSubject().build()).create();
    String token = admin.serviceAccounts().inNamespace(NAMESPACE).withName(sa)
        .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
        .getStatus().getToken();
    Path dir = Files.createDirectories(work.resolve("serviceaccount"));
    Files.writeString(dir.resolve("token"), token);
    Files.writeString(dir.resolve("namespace"), NAMESPACE);
    Files.writeString(dir.resolve("ca.crt"),
        new String(Base64.getDecoder().decode(admin.getConfiguration().getCaCertData()), StandardCharsets.US_ASCII));
    URI server = URI.create(admin.getConfiguration().getMasterUrl());
    return Map.of("KUBERNETES_SERVICE_HOST", server.getHost(), "KUBERNETES_SERVICE_PORT", String.valueOf(server.getPort()),
        "CHARTREUSE_SERVICEACCOUNT_DIR", dir.toString(), "CHARTREUSE_STATUS_CONFIGMAP", RELEASE + "-chartreuse-status",
        "CHARTREUSE_POD_NAME", "migration-pod", "CHARTREUSE_JOB_NAME", "migration-job");
  }
}
