package io.chartreuse.testing;

import io.chartreuse.testing.FakeKubelet.Mode;
import io.fabric8.kubernetes.api.model.Container;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * How a {@link FakeKubelet} runs containers and where it puts pods: set through the kubelet's
 * fluent methods (normally before the pods concerned exist), read live by each pod and container
 * run.
 */
final class KubeletSettings {
  private final List<Map.Entry<Predicate<String>, Mode>> imageModes = new CopyOnWriteArrayList<>();
  private final Map<String, Path> pathMappings = new ConcurrentHashMap<>();
  private final Map<String, String> extraEnv = new ConcurrentHashMap<>();
  private volatile Predicate<String> chartreuseImage = FakeKubelet::isChartreuseRepository;
  private volatile List<String> javaOptions =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k");
  private volatile Path jar;
  private volatile Path root = TestCluster.basedir().resolve("target/fake-kubelet");

  KubeletSettings() {
    String jarProperty = System.getProperty("chartreuse.jar");
    this.jar = jarProperty != null ? Paths.get(jarProperty) : null;
  }

  void chartreuseImage(Predicate<String> image) {
    this.chartreuseImage = image;
  }

  /** Rules added later win. */
  void mode(Predicate<String> image, Mode mode) {
    imageModes.add(0, Map.entry(image, mode));
  }

  void mapPath(String containerPath, Path localPath) {
    pathMappings.put(ContainerPaths.stripSlash(containerPath), localPath.toAbsolutePath());
  }

  void env(String name, String value) {
    extraEnv.put(name, value);
  }

  void javaOptions(List<String> options) {
    this.javaOptions = List.copyOf(options);
  }

  void jar(Path jar) {
    this.jar = jar;
  }

  void podsDir(Path dir) {
    this.root = dir.toAbsolutePath();
  }

  /** Image paths mapped to local paths (a live view). */
  Map<String, Path> pathMappings() {
    return pathMappings;
  }

  /** Variables added to every process's environment (a live view). */
  Map<String, String> extraEnv() {
    return extraEnv;
  }

  List<String> javaOptions() {
    return javaOptions;
  }

  /** The jar set, or null: look for one in {@code target/}. */
  Path jar() {
    return jar;
  }

  Path podDir(String namespace, String pod) {
    return root.resolve(namespace).resolve(pod);
  }

  /**
   * How a container runs: an image rule ({@link FakeKubelet#runLocally}, {@link FakeKubelet#mode})
   * if one matches; else the chartreuse jar if its command is a chartreuse command or its image is
   * the chartreuse image; else nothing.
   */
  Mode modeFor(Container container) {
    String img = container.getImage() == null ? "" : container.getImage();
    for (var rule : imageModes) {
      if (rule.getKey().test(img)) {
        return rule.getValue();
      }
    }
    List<String> command = container.getCommand();
    if (command != null
        && !command.isEmpty()
        && FakeKubelet.CHARTREUSE_COMMANDS.contains(
            command.get(0).substring(command.get(0).lastIndexOf('/') + 1))) {
      return Mode.CHARTREUSE;
    }
    return chartreuseImage.test(img) ? Mode.CHARTREUSE : Mode.IDLE;
  }
}
