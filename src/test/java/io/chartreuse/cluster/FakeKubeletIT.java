package io.chartreuse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.testing.Await;
import io.chartreuse.testing.FakeKubelet;
import io.chartreuse.testing.KubeTest;
import io.chartreuse.testing.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a container sees when the fake kubelet runs it as a local process. */
@KubeTest
class FakeKubeletIT {

  private static final String SCRIPT =
      String.join(
          "\n",
          "echo \"config=$(cat \"$CONFIG_FILE\")\"",
          "echo \"mounted=$(cat /etc/cfg/a.txt)\"",
          "echo \"password=$PASSWORD\"",
          "echo \"pod=$POD_NAME derived=$DERIVED from_cm=$FROM_CM\"",
          "echo \"namespace=$(cat \"$CHARTREUSE_SERVICEACCOUNT_DIR/namespace\")\"",
          "grep -q 'BEGIN CERTIFICATE' \"$CHARTREUSE_SERVICEACCOUNT_DIR/ca.crt\" && echo ca=present",
          // the token authenticates (403: known but not authorized; 401 would be an unknown token)
          "echo \"auth=$(curl -sS -o /dev/null -w '%{http_code}' --cacert \"$CHARTREUSE_SERVICEACCOUNT_DIR/ca.crt\""
              + " -H \"Authorization: Bearer $(cat \"$CHARTREUSE_SERVICEACCOUNT_DIR/token\")\""
              + " https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT/api/v1/namespaces/$POD_NAMESPACE/secrets)\"",
          "echo \"migrations=$(ls /app/migrations)\"",
          "exit 3");

  @Test
  void localProcessSeesEnvironmentFilesAndServiceAccount(
      TestNamespace ns, FakeKubelet kubelet, @TempDir Path migrations) throws Exception {
    Files.writeString(migrations.resolve("V1__init.sql"), "create table t (id int);");
    kubelet.runLocally("toolbox").mapPath("/app/migrations", migrations);
    var admin = ns.admin();
    String n = ns.name();
    admin
        .configMaps()
        .inNamespace(n)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("cfg")
                .endMetadata()
                .addToData("a.txt", "alpha")
                .build())
        .create();
    admin
        .configMaps()
        .inNamespace(n)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("env")
                .endMetadata()
                .addToData("FROM_CM", "cm-value")
                .build())
        .create();
    admin
        .secrets()
        .inNamespace(n)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("creds")
                .endMetadata()
                .addToStringData("password", "s3cret")
                .build())
        .create();

    admin
        .pods()
        .inNamespace(n)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("probe")
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .addNewVolume()
                .withName("cfg")
                .withNewConfigMap()
                .withName("cfg")
                .endConfigMap()
                .endVolume()
                .addNewContainer()
                .withName("main")
                .withImage("registry.example.com/toolbox:1")
                .withCommand("sh", "-c", SCRIPT)
                .addNewEnv()
                .withName("CONFIG_FILE")
                .withValue("/etc/cfg/a.txt")
                .endEnv()
                .addNewEnv()
                .withName("PASSWORD")
                .withNewValueFrom()
                .withNewSecretKeyRef()
                .withName("creds")
                .withKey("password")
                .endSecretKeyRef()
                .endValueFrom()
                .endEnv()
                .addNewEnv()
                .withName("POD_NAME")
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("metadata.name")
                .endFieldRef()
                .endValueFrom()
                .endEnv()
                .addNewEnv()
                .withName("POD_NAMESPACE")
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("metadata.namespace")
                .endFieldRef()
                .endValueFrom()
                .endEnv()
                .addNewEnv()
                .withName("DERIVED")
                .withValue("$(POD_NAME)-x")
                .endEnv()
                .addNewEnvFrom()
                .withNewConfigMapRef()
                .withName("env")
                .endConfigMapRef()
                .endEnvFrom()
                .addNewVolumeMount()
                .withName("cfg")
                .withMountPath("/etc/cfg")
                .endVolumeMount()
                .endContainer()
                .endSpec()
                .build())
        .create();

    Pod pod =
        Await.value(
            Duration.ofSeconds(60),
            "pod probe finished",
            () -> {
              Pod p = admin.pods().inNamespace(n).withName("probe").get();
              return java.util.Optional.ofNullable(p)
                  .filter(x -> "Failed".equals(x.getStatus().getPhase()));
            });
    assertEquals(
        3, pod.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode());
    String log = kubelet.log("probe");
    for (String expected :
        List.of(
            "config=alpha",
            "mounted=alpha",
            "password=s3cret",
            "pod=probe derived=probe-x from_cm=cm-value",
            "namespace=" + n,
            "ca=present",
            "auth=403",
            "migrations=V1__init.sql")) {
      assertTrue(log.contains(expected), "expected '" + expected + "' in:\n" + log);
    }
  }

  @Test
  void deletingARunningPodEndsItsProcessAndRemovesThePod(TestNamespace ns, FakeKubelet kubelet)
      throws Exception {
    kubelet.runLocally("toolbox");
    var admin = ns.admin();
    String n = ns.name();
    admin
        .pods()
        .inNamespace(n)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("sleeper")
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Always")
                .withTerminationGracePeriodSeconds(30L)
                .addNewContainer()
                .withName("main")
                .withImage("registry.example.com/toolbox:1")
                // "$$$$": Kubernetes turns "$$" into "$" in commands, so the shell sees "$$"
                .withCommand("sh", "-c", "echo started; echo $$$$ > \"$HOME/pid\"; exec sleep 300")
                .endContainer()
                .endSpec()
                .build())
        .create();
    Await.until(
        Duration.ofSeconds(60),
        "pod sleeper Ready",
        () -> {
          Pod p = admin.pods().inNamespace(n).withName("sleeper").get();
          return p.getStatus().getConditions() != null
              && p.getStatus().getConditions().stream()
                  .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        });
    Path pidFile = kubelet.podDir("sleeper").resolve("home/pid");
    Await.until(
        Duration.ofSeconds(10),
        "pid file",
        () -> Files.exists(pidFile) && !Files.readString(pidFile).isBlank());
    long pid = Long.parseLong(Files.readString(pidFile).trim());
    assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));

    admin.pods().inNamespace(n).withName("sleeper").delete();

    Await.until(
        Duration.ofSeconds(30),
        "pod sleeper gone",
        () -> admin.pods().inNamespace(n).withName("sleeper").get() == null);
    assertTrue(
        ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true), "process " + pid + " ended");
    assertTrue(kubelet.log("sleeper").contains("started"));
  }

  @Test
  void podWaitsForAMissingConfigMap(TestNamespace ns, FakeKubelet kubelet) {
    kubelet.runLocally("toolbox");
    var admin = ns.admin();
    String n = ns.name();
    admin
        .pods()
        .inNamespace(n)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("late")
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .addNewContainer()
                .withName("main")
                .withImage("registry.example.com/toolbox:1")
                .withCommand("sh", "-c", "echo \"value=$LATE\"")
                .addNewEnv()
                .withName("LATE")
                .withNewValueFrom()
                .withNewConfigMapKeyRef()
                .withName("late")
                .withKey("v")
                .endConfigMapKeyRef()
                .endValueFrom()
                .endEnv()
                .endContainer()
                .endSpec()
                .build())
        .create();
    Await.until(
        Duration.ofSeconds(30),
        "CreateContainerConfigError",
        () -> {
          Pod p = admin.pods().inNamespace(n).withName("late").get();
          var statuses = p.getStatus().getContainerStatuses();
          return statuses != null
              && !statuses.isEmpty()
              && statuses.get(0).getState().getWaiting() != null
              && "CreateContainerConfigError"
                  .equals(statuses.get(0).getState().getWaiting().getReason());
        });
    admin
        .configMaps()
        .inNamespace(n)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("late")
                .endMetadata()
                .withData(Map.of("v", "now"))
                .build())
        .create();
    Await.until(
        Duration.ofSeconds(30),
        "pod late Succeeded",
        () ->
            "Succeeded"
                .equals(admin.pods().inNamespace(n).withName("late").get().getStatus().getPhase()));
    assertTrue(kubelet.log("late").contains("value=now"), kubelet.log("late"));
  }
}
