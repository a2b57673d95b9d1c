package io.chartreuse.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.log.Level;
import io.chartreuse.log.Log;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fast unit test of the retry policy with Fabric8's mock server (the real behaviour is covered on
 * the control plane).
 */
// Plain HTTP: the test is about the retry policy, and a TLS handshake on a loaded machine only adds
// flakiness.
@EnableKubernetesMockClient(https = false)
class ApiCallsTest {
  KubernetesMockServer server;
  KubernetesClient mockClient;
  private KubernetesClient client;

  @org.junit.jupiter.api.BeforeEach
  void withoutTheClientsOwnRetries() {
    // As KubeConnector configures it: only ApiCalls retries.
    client =
        new io.fabric8.kubernetes.client.KubernetesClientBuilder()
            .withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder(mockClient.getConfiguration())
                    .withRequestRetryBackoffLimit(0)
                    // A loaded machine can take seconds for a TLS handshake with the mock server.
                    .withConnectionTimeout(60_000)
                    .build())
            .build();
  }

  private final List<String> lines = new ArrayList<>();
  private final Log log =
      (Level level, String message, Map<String, ?> fields) -> lines.add(level + " " + message);
  private static final String PATH = "/api/v1/namespaces/ns/configmaps/status";

  @Test
  void retriesTransientErrorsThenSucceeds() {
    server.expect().get().withPath(PATH).andReturn(503, "busy").times(2);
    server
        .expect()
        .get()
        .withPath(PATH)
        .andReturn(
            200, new ConfigMapBuilder().withNewMetadata().withName("status").endMetadata().build())
        .once();
    String name =
        new ApiCalls(log)
            .call(
                "get configmaps status",
                () ->
                    client
                        .configMaps()
                        .inNamespace("ns")
                        .withName("status")
                        .get()
                        .getMetadata()
                        .getName());
    assertEquals("status", name);
    assertEquals(
        2,
        lines.stream()
            .filter(l -> l.startsWith("WARN cannot get configmaps status (attempt"))
            .count(),
        lines.toString());
  }

  @Test
  void givesUpAfterABoundedNumberOfAttempts() {
    server.expect().get().withPath(PATH).andReturn(503, "busy").always();
    ChartreuseException e =
        assertThrows(
            ChartreuseException.class,
            () ->
                new ApiCalls(log)
                    .call(
                        "get configmaps status",
                        () -> client.configMaps().inNamespace("ns").withName("status").get()));
    assertTrue(e.getMessage().startsWith("cannot get configmaps status"), e.getMessage());
    assertEquals(3, lines.size(), lines.toString());
  }

  @Test
  void forbiddenFailsAtOnceWithTheServersMessage() {
    server
        .expect()
        .get()
        .withPath(PATH)
        .andReturn(
            403,
            new StatusBuilder()
                .withCode(403)
                .withReason("Forbidden")
                .withMessage(
                    "configmaps \"status\" is forbidden: User \"system:serviceaccount:ns:runner\" cannot get resource \"configmaps\"")
                .build())
        .once();
    ChartreuseException e =
        assertThrows(
            ChartreuseException.class,
            () ->
                new ApiCalls(log)
                    .call(
                        "get configmaps status",
                        () -> client.configMaps().inNamespace("ns").withName("status").get()));
    assertTrue(
        e.getMessage().contains("cannot get resource \"configmaps\"")
            && e.getMessage().contains("docs/rbac.md"),
        e.getMessage());
    assertTrue(lines.isEmpty(), lines.toString());
  }

  @Test
  void notFoundIsToleratedWhereAsked() {
    server
        .expect()
        .patch()
        .withPath(PATH)
        .andReturn(404, new StatusBuilder().withCode(404).withMessage("not found").build())
        .once();
    assertTrue(
        new ApiCalls(log)
            .callTolerating404(
                "patch configmaps status",
                () ->
                    client
                        .configMaps()
                        .inNamespace("ns")
                        .withName("status")
                        .patch(
                            io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                                io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                            "{}"))
            .isEmpty());
  }
}
