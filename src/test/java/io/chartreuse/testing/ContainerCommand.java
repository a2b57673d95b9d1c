package io.chartreuse.testing;

import io.chartreuse.testing.FakeKubelet.Mode;
import io.fabric8.kubernetes.api.model.Container;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The local argv for a container: its {@code command + args} ({@link Mode#LOCAL_COMMAND}), or the
 * chartreuse jar with the CLI arguments the runner image's entrypoint would get ({@link
 * Mode#CHARTREUSE}).
 */
final class ContainerCommand {
  private ContainerCommand() {}

  /** The argv, with {@code $(VAR)} expanded from {@code env} and container paths rewritten. */
  static List<String> argv(
      Container spec,
      Mode mode,
      Map<String, String> env,
      Map<String, Path> mounts,
      KubeletSettings settings)
      throws NotReadyYet {
    List<String> cmd = new ArrayList<>();
    for (String s : Optional.ofNullable(spec.getCommand()).orElse(List.of())) {
      cmd.add(ContainerPaths.rewrite(ContainerEnvironment.expand(s, env), mounts));
    }
    List<String> args = new ArrayList<>();
    for (String s : Optional.ofNullable(spec.getArgs()).orElse(List.of())) {
      args.add(ContainerPaths.rewrite(ContainerEnvironment.expand(s, env), mounts));
    }
    if (mode == Mode.LOCAL_COMMAND) {
      List<String> argv = new ArrayList<>(cmd);
      argv.addAll(args);
      if (argv.isEmpty()) {
        throw new NotReadyYet(
            "CreateContainerError",
            "fake kubelet: image "
                + spec.getImage()
                + " runs locally but the container has no command/args (the image's entrypoint is unknown here)");
      }
      return argv;
    }
    List<String> cli = new ArrayList<>();
    if (!cmd.isEmpty()) {
      String exe = cmd.get(0).substring(cmd.get(0).lastIndexOf('/') + 1);
      switch (exe) {
        case "chartreuse-upgrade" -> cli.add("run");
        case "chartreuse-restore" -> cli.add("restore");
        case "chartreuse" -> {}
        default -> {
          // Not the CLI: a shell or another tool inside the image. Report it like a runtime would.
          return new ArrayList<>(
              List.of(
                  "/bin/sh",
                  "-c",
                  "echo 'fake kubelet: the chartreuse image has no emulated command \""
                      + cmd.get(0).replace("'", "")
                      + "\" (known: chartreuse, chartreuse-upgrade, chartreuse-restore)' >&2; exit 127"));
        }
      }
      cli.addAll(cmd.subList(1, cmd.size()));
    }
    cli.addAll(args);
    Path jarPath = settings.jar();
    if (jarPath == null) {
      jarPath = findJar();
    }
    List<String> argv = new ArrayList<>();
    argv.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    argv.addAll(settings.javaOptions());
    argv.add("-jar");
    argv.add(jarPath.toString());
    argv.addAll(cli);
    return argv;
  }

  /**
   * {@code target/chartreuse-<version>.jar} (not the shade plugin's transient {@code -shaded.jar}).
   */
  private static Path findJar() throws NotReadyYet {
    Path target = TestCluster.basedir().resolve("target");
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(
              p -> {
                String n = p.getFileName().toString();
                return n.matches("chartreuse-.*([0-9]|-SNAPSHOT)\\.jar");
              })
          .findFirst()
          .orElseThrow(
              () -> new NotReadyYet("CreateContainerError", "no chartreuse jar in " + target));
    } catch (IOException e) {
      throw new NotReadyYet("CreateContainerError", "no chartreuse jar in " + target + ": " + e);
    }
  }
}
