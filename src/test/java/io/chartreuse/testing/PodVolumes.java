package io.chartreuse.testing;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A pod's volumes materialized under {@code <pod dir>/volumes/<volume>/} from the API: ConfigMap,
 * Secret, projected and downward-API volumes get their files, {@code hostPath} is the local path
 * itself, every other kind is an empty directory.
 */
final class PodVolumes {
  private final Pod pod;
  private final String ns;
  private final Path volumesDir;
  private final KubeletContext context;

  PodVolumes(Pod pod, Path podDir, KubeletContext context) {
    this.pod = pod;
    this.ns = pod.getMetadata().getNamespace();
    this.volumesDir = podDir.resolve("volumes");
    this.context = context;
  }

  /** Writes every volume; returns volume name → local directory. */
  Map<String, Path> materialize() throws NotReadyYet, IOException {
    Map<String, Path> dirs = new LinkedHashMap<>();
    for (Volume v : Optional.ofNullable(pod.getSpec().getVolumes()).orElse(List.of())) {
      Path vd = volumesDir.resolve(v.getName());
      if (v.getHostPath() != null) {
        dirs.put(v.getName(), Paths.get(v.getHostPath().getPath()));
        continue;
      }
      deleteTree(vd);
      Files.createDirectories(vd);
      if (v.getConfigMap() != null) {
        var src = v.getConfigMap();
        writeConfigMap(
            vd,
            src.getName(),
            src.getItems(),
            Boolean.TRUE.equals(src.getOptional()),
            src.getDefaultMode());
      } else if (v.getSecret() != null) {
        var src = v.getSecret();
        writeSecret(
            vd,
            src.getSecretName(),
            src.getItems(),
            Boolean.TRUE.equals(src.getOptional()),
            src.getDefaultMode());
      } else if (v.getProjected() != null) {
        writeProjected(vd, v.getProjected().getSources(), v.getProjected().getDefaultMode());
      } else if (v.getDownwardAPI() != null) {
        writeDownwardApi(vd, v.getDownwardAPI().getItems());
      }
      // emptyDir and every other kind: an empty directory
      dirs.put(v.getName(), vd);
    }
    return dirs;
  }

  private void writeProjected(Path vd, List<VolumeProjection> sources, Integer mode)
      throws NotReadyYet, IOException {
    for (VolumeProjection p : sources) {
      if (p.getConfigMap() != null) {
        writeConfigMap(
            vd,
            p.getConfigMap().getName(),
            p.getConfigMap().getItems(),
            Boolean.TRUE.equals(p.getConfigMap().getOptional()),
            mode);
      } else if (p.getSecret() != null) {
        writeSecret(
            vd,
            p.getSecret().getName(),
            p.getSecret().getItems(),
            Boolean.TRUE.equals(p.getSecret().getOptional()),
            mode);
      } else if (p.getDownwardAPI() != null) {
        writeDownwardApi(vd, p.getDownwardAPI().getItems());
      } else if (p.getServiceAccountToken() != null) {
        String token =
            context
                .cluster()
                .serviceAccountToken(ns, PodFields.serviceAccountName(pod), Duration.ofSeconds(30));
        writeFile(
            vd, p.getServiceAccountToken().getPath(), token.getBytes(StandardCharsets.UTF_8), mode);
      }
    }
  }

  private void writeDownwardApi(Path vd, List<DownwardAPIVolumeFile> items) throws IOException {
    for (var item : items) {
      if (item.getFieldRef() != null) {
        writeFile(
            vd,
            item.getPath(),
            PodFields.value(pod, item.getFieldRef()).getBytes(StandardCharsets.UTF_8),
            item.getMode());
      }
    }
  }

  private void writeConfigMap(
      Path vd, String cmName, List<KeyToPath> items, boolean optional, Integer mode)
      throws NotReadyYet, IOException {
    ConfigMap cm = context.client().configMaps().inNamespace(ns).withName(cmName).get();
    if (cm == null) {
      if (optional) {
        return;
      }
      throw new NotReadyYet("ContainerCreating", "configmap \"" + cmName + "\" not found");
    }
    Map<String, byte[]> data = new LinkedHashMap<>();
    Optional.ofNullable(cm.getData())
        .orElse(Map.of())
        .forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
    Optional.ofNullable(cm.getBinaryData())
        .orElse(Map.of())
        .forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
    writeItems(vd, data, items, mode, "configmap " + cmName);
  }

  private void writeSecret(
      Path vd, String secretName, List<KeyToPath> items, boolean optional, Integer mode)
      throws NotReadyYet, IOException {
    Secret s = context.client().secrets().inNamespace(ns).withName(secretName).get();
    if (s == null) {
      if (optional) {
        return;
      }
      throw new NotReadyYet("ContainerCreating", "secret \"" + secretName + "\" not found");
    }
    Map<String, byte[]> data = new LinkedHashMap<>();
    Optional.ofNullable(s.getData())
        .orElse(Map.of())
        .forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
    writeItems(vd, data, items, mode, "secret " + secretName);
  }

  private static void writeItems(
      Path vd, Map<String, byte[]> data, List<KeyToPath> items, Integer mode, String what)
      throws NotReadyYet, IOException {
    if (items == null || items.isEmpty()) {
      for (var e : data.entrySet()) {
        writeFile(vd, e.getKey(), e.getValue(), mode);
      }
      return;
    }
    for (KeyToPath item : items) {
      byte[] value = data.get(item.getKey());
      if (value == null) {
        throw new NotReadyYet(
            "ContainerCreating", "key \"" + item.getKey() + "\" not found in " + what);
      }
      writeFile(vd, item.getPath(), value, item.getMode() != null ? item.getMode() : mode);
    }
  }

  private static void writeFile(Path dir, String relative, byte[] content, Integer mode)
      throws IOException {
    Path file = dir.resolve(relative).normalize();
    if (!file.startsWith(dir)) {
      throw new IOException("path escapes the volume: " + relative);
    }
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    if (mode != null) {
      Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
      PosixFilePermission[] order = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ
      };
      for (int bit = 0; bit < 9; bit++) {
        if ((mode & (1 << bit)) != 0) {
          perms.add(order[bit]);
        }
      }
      perms.add(PosixFilePermission.OWNER_READ); // the test process must read what it wrote
      Files.setPosixFilePermissions(file, perms);
    }
  }

  /** Deletes {@code dir} and everything in it, if it exists. */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
