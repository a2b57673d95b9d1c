package io.chartreuse.testcli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged jar as a real process with a clean environment (only what a test gives, plus
 * PATH and HOME), the way the Job's container runs it. Every finished run is checked for leaked
 * secrets.
 */
public final class CliProcess {
  private final List<String> args;
  private final Map<String, String> env = new HashMap<>();
  private final List<String> secrets = new ArrayList<>();
  private Process process;
  private Path stdout;
  private Path stderr;

  private CliProcess(List<String> args) {
    this.args = args;
  }

  public static CliProcess of(String... args) {
    return new CliProcess(List.of(args));
  }

  public static Path jar() {
    String jar = System.getProperty("chartreuse.jar");
    if (jar == null) {
      throw new IllegalStateException(
          "system property chartreuse.jar is not set: run the tests with 'mvn verify'");
    }
    return Path.of(jar);
  }

  public CliProcess env(String name, String value) {
    env.put(name, value);
    return this;
  }

  public CliProcess env(Map<String, String> values) {
    env.putAll(values);
    return this;
  }

  /** A value that must appear in no output of this run. */
  public CliProcess secret(String value) {
    secrets.add(value);
    return this;
  }

  public CliProcess start() {
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", jar().toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder
        .environment()
        .put(
            "HOME",
            Path.of(System.getProperty("java.io.tmpdir"), "chartreuse-test-home").toString());
    builder.environment().putAll(env);
    try {
      stdout = Files.createTempFile("chartreuse-out", ".txt");
      stderr = Files.createTempFile("chartreuse-err", ".txt");
      builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  public Process process() {
    return process;
  }

  public Result await(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(
            "chartreuse "
                + args
                + " did not finish within "
                + timeout
                + ":\n"
                + Files.readString(stderr));
      }
      Result result =
          new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
      for (String secret : secrets) {
        assertFalse(
            result.stdout().contains(secret), "secret leaked on stdout:\n" + result.stdout());
        assertFalse(
            result.stderr().contains(secret), "secret leaked on stderr:\n" + result.stderr());
      }
      return result;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Result run() {
    return start().await(Duration.ofMinutes(3));
  }

  /** Current standard error of a running process (to watch its progress). */
  public String stderrSoFar() {
    try {
      return Files.readString(stderr);
    } catch (IOException e) {
      return "";
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Exit code and both output streams. */
  public record Result(int exitCode, String stdout, String stderr) {
    public String all() {
      return stdout + "\n" + stderr;
    }
  }
}
