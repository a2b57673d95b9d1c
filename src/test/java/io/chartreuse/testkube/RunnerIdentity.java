package io.chartreuse.testkube;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chartreuse.testing.TestCluster;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The runner's identity in a test namespace: a ServiceAccount bound to the Role printed in
 * docs/rbac.md (read from the document itself, so the document is what is proven sufficient), and
 * the environment that makes a runner process act as a pod with that ServiceAccount's token.
 */
public final class RunnerIdentity {
  public static final String SERVICE_ACCOUNT = "chartreuse-runner";

  private final TestCluster cluster;
  private final String namespace;
  private final String statusConfigMap;

  public RunnerIdentity(TestCluster cluster, String namespace, String statusConfigMap) {
    this.cluster = cluster;
    this.namespace = namespace;
    this.statusConfigMap = statusConfigMap;
  }

  /** The Role of docs/rbac.md with {@code <fullname>-status} filled in. */
  public Role documentedRole() {
    return documentedRole(statusConfigMap);
  }

  /**
   * The Role of docs/rbac.md, named chartreuse-runner, for the status record {@code
   * statusConfigMap}.
   */
  public static Role documentedRole(String statusConfigMap) {
    try {
      String doc = Files.readString(TestCluster.basedir().resolve("docs/rbac.md"));
      int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
      String yaml =
          doc.substring(start, doc.indexOf("```", start))
              .replace("<fullname>-status", statusConfigMap)
              .replace("name: <fullname>", "name: chartreuse-runner");
      return new ObjectMapper(new YAMLFactory()).readValue(yaml, Role.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates the ServiceAccount and binds it to {@code edit.apply(documentedRole())}. */
  public void grant(UnaryOperator<List<PolicyRule>> edit) {
    Role role = documentedRole();
    role.setRules(edit.apply(new ArrayList<>(role.getRules())));
    role.getMetadata().setNamespace(namespace);
    var admin = cluster.admin();
    admin
        .serviceAccounts()
        .inNamespace(namespace)
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName(SERVICE_ACCOUNT)
                .endMetadata()
                .build())
        .serverSideApply();
    admin.rbac().roles().inNamespace(namespace).resource(role).createOr(r -> r.update());
    admin
        .rbac()
        .roleBindings()
        .inNamespace(namespace)
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName(SERVICE_ACCOUNT)
                .endMetadata()
                .withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("Role")
                .withName(role.getMetadata().getName())
                .endRoleRef()
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName(SERVICE_ACCOUNT)
                .withNamespace(namespace)
                .endSubject()
                .build())
        .createOr(r -> r.update());
  }

  /**
   * Environment of a process acting as a pod of this ServiceAccount (the runner reads
   * CHARTREUSE_SERVICEACCOUNT_DIR).
   */
  public Map<String, String> podEnvironment(Path directory) {
    try {
      Files.createDirectories(directory);
      Files.writeString(
          directory.resolve("token"),
          cluster.serviceAccountToken(namespace, SERVICE_ACCOUNT, Duration.ofSeconds(60)));
      Files.writeString(directory.resolve("namespace"), namespace);
      Files.writeString(directory.resolve("ca.crt"), cluster.caCertPem());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> env = new HashMap<>();
    env.put("KUBERNETES_SERVICE_HOST", cluster.apiServer().getHost());
    env.put("KUBERNETES_SERVICE_PORT", String.valueOf(cluster.apiServer().getPort()));
    env.put("CHARTREUSE_SERVICEACCOUNT_DIR", directory.toString());
    env.put("CHARTREUSE_STATUS_CONFIGMAP", statusConfigMap);
    env.put("CHARTREUSE_POD_NAME", "migration-pod");
    env.put("CHARTREUSE_JOB_NAME", "migration-job");
    return env;
  }
}
