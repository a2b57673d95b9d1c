package io.chartreuse.packaging;

import io.chartreuse.testing.TestCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a launcher, kubectl or helm with a clean environment (only PATH with this JVM's java, HOME
 * and what a test gives) and keeps standard output and standard error apart, so that a test can
 * tell noise.
 */
record PackagingProcess(List<String> command, int exitCode, String stdout, String stderr) {

  static PackagingProcess run(
      List<String> command, Map<String, String> env, Path workDir, Duration timeout) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().clear();
    builder.environment().putAll(baseEnv());
    builder.environment().putAll(env);
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("chartreuse-pkg-out", ".txt");
      err = Files.createTempFile("chartreuse-pkg-err", ".txt");
      Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      process.getOutputStream().close();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new AssertionError(
            "timed out after " + timeout.toSeconds() + " s: " + String.join(" ", command));
      }
      return new PackagingProcess(
          List.copyOf(command),
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted: " + String.join(" ", command), e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  /** PATH: this JVM's java first, then the system's; HOME: a scratch directory. */
  static Map<String, String> baseEnv() {
    Map<String, String> env = new HashMap<>();
    env.put(
        "PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/local/bin:/usr/bin:/bin");
    env.put(
        "HOME", Path.of(System.getProperty("java.io.tmpdir"), "chartreuse-test-home").toString());
    env.put("LANG", "C.UTF-8");
    return env;
  }

  /** The project's kubectl 1.33 (KUBECTL, else the test tool cache; see docs/test-cluster.md). */
  static Path kubectl() {
    return tool("KUBECTL", "kubectl-layer-v33-2.0.0/kubectl/kubectl");
  }

  /** The project's helm 3.18 (HELM, else the test tool cache). */
  static Path helm() {
    return tool("HELM", "kubectl-layer-v33-2.0.0/helm/helm");
  }

  /** The project's helm 4.1 (HELM4, else the test tool cache). */
  static Path helm4() {
    return tool("HELM4", "kubectl-layer-v35-2.2.2/helm/helm");
  }

  static Path basedir() {
    return TestCluster.basedir();
  }

  static Path jar() {
    return Path.of(
        Optional.ofNullable(System.getProperty("chartreuse.jar"))
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "system property chartreuse.jar is not set: run 'mvn verify'")));
  }

  /**
   * chartreuse-training.jar, built beside the product jar: the run start-up archives are made from.
   */
  static Path trainingJar() {
    Path jar = jar();
    return jar.resolveSibling(
        jar.getFileName().toString().replaceFirst("\\.jar$", "-training.jar"));
  }

  private static Path tool(String variable, String inCache) {
    String given = System.getenv(variable);
    if (given != null && !given.isBlank()) {
      return Path.of(given);
    }
    String cache =
        Optional.ofNullable(System.getenv("CHARTREUSE_CACHE"))
            .orElse(
                Optional.ofNullable(System.getenv("XDG_CACHE_HOME"))
                        .orElse(System.getProperty("user.home") + "/.cache")
                    + "/chartreuse");
    Path path = Path.of(cache, inCache);
    if (!Files.isExecutable(path)) {
      throw new IllegalStateException(
          path + " is missing: run scripts/test-cluster build (or set " + variable + ")");
    }
    return path;
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // best effort
      }
    }
  }

  @Override
  public String toString() {
    return String.join(" ", command)
        + " -> "
        + exitCode
        + "\n[stdout]\n"
        + stdout
        + "[stderr]\n"
        + stderr;
  }
}
