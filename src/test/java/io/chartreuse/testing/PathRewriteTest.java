package io.chartreuse.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fake kubelet's container-path → local-path rewriting and Kubernetes' $(VAR) expansion. */
class PathRewriteTest {

  private final Map<String, Path> mounts =
      Map.of(
          "/app/migrations", Path.of("/local/mig"),
          "/app", Path.of("/local/app"),
          "/etc/chartreuse", Path.of("/local/cfg"));

  @Test
  void rewritesMappedPrefixesWhereAPathCanStart() {
    assertEquals("/local/mig", ContainerPaths.rewrite("/app/migrations", mounts));
    assertEquals("/local/mig/V1.sql", ContainerPaths.rewrite("/app/migrations/V1.sql", mounts));
    assertEquals("/local/app/other", ContainerPaths.rewrite("/app/other", mounts));
    assertEquals(
        "filesystem:/local/mig,filesystem:/local/app/x",
        ContainerPaths.rewrite("filesystem:/app/migrations,filesystem:/app/x", mounts));
    assertEquals(
        "--config=/local/cfg/c.yaml",
        ContainerPaths.rewrite("--config=/etc/chartreuse/c.yaml", mounts));
    assertEquals("file:///local/cfg/a", ContainerPaths.rewrite("file:///etc/chartreuse/a", mounts));
    assertEquals(
        "cat /local/cfg/a && ls /local/app",
        ContainerPaths.rewrite("cat /etc/chartreuse/a && ls /app", mounts));
    assertEquals(
        "echo $(ls /local/mig); cat \"/local/cfg/x\"",
        ContainerPaths.rewrite("echo $(ls /app/migrations); cat \"/etc/chartreuse/x\"", mounts));
  }

  @Test
  void leavesOtherTextAlone() {
    assertEquals("/application", ContainerPaths.rewrite("/application", mounts));
    assertEquals("http://host/app/x", ContainerPaths.rewrite("http://host/app/x", mounts));
    assertEquals(
        "jdbc:postgresql://db:5432/app",
        ContainerPaths.rewrite("jdbc:postgresql://db:5432/app", mounts));
    assertEquals("relative/app", ContainerPaths.rewrite("relative/app", mounts));
  }

  @Test
  void expandsDefinedVariablesOnly() {
    Map<String, String> env = Map.of("A", "1", "B", "two");
    assertEquals("1-two", ContainerEnvironment.expand("$(A)-$(B)", env));
    assertEquals("$(C)", ContainerEnvironment.expand("$(C)", env));
    assertEquals("$(A)", ContainerEnvironment.expand("$$(A)", env));
    assertEquals("a$b", ContainerEnvironment.expand("a$b", env));
  }

  @Test
  void recognisesTheChartreuseImage() {
    assertEquals(true, FakeKubelet.isChartreuseRepository("ghcr.io/wiremind/chartreuse:1.2.3"));
    assertEquals(
        true, FakeKubelet.isChartreuseRepository("localhost:5000/chartreuse-runner@sha256:abc"));
    assertEquals(false, FakeKubelet.isChartreuseRepository("chartreuse.example.com/app:1"));
    assertEquals(false, FakeKubelet.isChartreuseRepository("nginx"));
  }
}
