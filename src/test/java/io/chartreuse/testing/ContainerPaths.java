package io.chartreuse.testing;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Container paths mapped to local paths: the test's image paths and the container's volume mounts.
 */
final class ContainerPaths {
  private ContainerPaths() {}

  /**
   * Container path → local path for {@code container}: {@code imagePaths} (from {@link
   * FakeKubelet#mapPath}), then each volume mount's {@code mountPath} → its volume's directory (or
   * {@code subPath} in it).
   */
  static Map<String, Path> mounts(
      Container container, Map<String, Path> volumeDirs, Map<String, Path> imagePaths) {
    Map<String, Path> m = new LinkedHashMap<>(imagePaths);
    for (VolumeMount vm : Optional.ofNullable(container.getVolumeMounts()).orElse(List.of())) {
      Path vd = volumeDirs.get(vm.getName());
      if (vd == null) {
        continue;
      }
      String sub = vm.getSubPath();
      m.put(stripSlash(vm.getMountPath()), sub == null || sub.isEmpty() ? vd : vd.resolve(sub));
    }
    return m;
  }

  /**
   * The container's {@code workingDir} mapped to a local directory that exists, else {@code home}.
   */
  static Path workingDir(Container container, Map<String, Path> mounts, Path home) {
    String wd = container.getWorkingDir();
    if (wd != null && !wd.isEmpty()) {
      Path local = Paths.get(rewrite(wd, mounts));
      if (Files.isDirectory(local)) {
        return local;
      }
    }
    return home;
  }

  static String stripSlash(String p) {
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  /**
   * Rewrites container paths in {@code value} to local paths: a mapped prefix counts at the start,
   * after {@code = : , ; (}, whitespace, a quote or {@code file://}, and when followed by the end,
   * {@code / , : ; ) | &}, whitespace or a quote. The longest mapping wins.
   */
  static String rewrite(String value, Map<String, Path> mappings) {
    if (value == null || value.isEmpty() || mappings.isEmpty()) {
      return value;
    }
    List<String> prefixes = new ArrayList<>(mappings.keySet());
    prefixes.sort(Comparator.comparingInt(String::length).reversed());
    StringBuilder alternatives = new StringBuilder();
    for (String p : prefixes) {
      if (alternatives.length() > 0) {
        alternatives.append('|');
      }
      alternatives.append(Pattern.quote(p));
    }
    Pattern pattern =
        Pattern.compile(
            "(?:^|(?<=[=:,;(\\s\"'`])|(?<=file://))(" + alternatives + ")(?=$|[/,:;)|&\\s\"'`])");
    Matcher m = pattern.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(mappings.get(m.group(1)).toString()));
    }
    m.appendTail(out);
    return out.toString();
  }
}
