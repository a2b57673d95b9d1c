package io.chartreuse.testing;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container's process environment, in this order (later wins): a few of the test JVM's variables,
 * {@code HOME}/{@code HOSTNAME}, the in-cluster API server variables, {@code
 * CHARTREUSE_SERVICEACCOUNT_DIR}, {@code envFrom}, {@code env}, then the kubelet's extra variables.
 * Values have container paths rewritten.
 */
final class ContainerEnvironment {
  private final PodRun pod;
  private final Container spec;
  private final KubernetesClient client;

  ContainerEnvironment(PodRun pod, Container spec) {
    this.pod = pod;
    this.spec = spec;
    this.client = pod.context().client();
  }

  Map<String, String> build(Map<String, Path> mounts) throws NotReadyYet {
    Map<String, String> env = new LinkedHashMap<>();
    String path = System.getenv("PATH");
    env.put("PATH", path != null ? path : "/usr/local/bin:/usr/bin:/bin");
    for (String keep : List.of("LANG", "LC_ALL", "TZ", "JAVA_HOME")) {
      if (System.getenv(keep) != null) {
        env.put(keep, System.getenv(keep));
      }
    }
    env.put("HOME", pod.dir().resolve("home").toString());
    env.put("HOSTNAME", pod.name());
    String host = pod.context().cluster().apiServer().getHost();
    String port = String.valueOf(pod.context().cluster().apiServer().getPort());
    env.put("KUBERNETES_SERVICE_HOST", host);
    env.put("KUBERNETES_SERVICE_PORT", port);
    env.put("KUBERNETES_SERVICE_PORT_HTTPS", port);
    env.put("KUBERNETES_PORT", "tcp://" + host + ":" + port);
    env.put("KUBERNETES_PORT_443_TCP", "tcp://" + host + ":" + port);
    env.put("KUBERNETES_PORT_443_TCP_PROTO", "tcp");
    env.put("KUBERNETES_PORT_443_TCP_ADDR", host);
    env.put("KUBERNETES_PORT_443_TCP_PORT", port);
    Path saDir = mounts.get(FakeKubelet.SERVICEACCOUNT_PATH);
    if (saDir != null) {
      env.put("CHARTREUSE_SERVICEACCOUNT_DIR", saDir.toString());
    }
    for (EnvFromSource from : Optional.ofNullable(spec.getEnvFrom()).orElse(List.of())) {
      addFrom(env, from, mounts);
    }
    for (EnvVar var : Optional.ofNullable(spec.getEnv()).orElse(List.of())) {
      String value;
      if (var.getValueFrom() != null) {
        value = valueFrom(var.getValueFrom());
        if (value == null) {
          continue; // optional and missing
        }
      } else {
        value = expand(Optional.ofNullable(var.getValue()).orElse(""), env);
      }
      env.put(var.getName(), ContainerPaths.rewrite(value, mounts));
    }
    env.putAll(pod.context().settings().extraEnv());
    return env;
  }

  /** An {@code envFrom} source's keys (with its prefix); nothing for a missing optional one. */
  private void addFrom(Map<String, String> env, EnvFromSource from, Map<String, Path> mounts)
      throws NotReadyYet {
    String prefix = Optional.ofNullable(from.getPrefix()).orElse("");
    if (from.getConfigMapRef() != null) {
      ConfigMap cm =
          client
              .configMaps()
              .inNamespace(pod.namespace())
              .withName(from.getConfigMapRef().getName())
              .get();
      if (cm == null) {
        if (Boolean.TRUE.equals(from.getConfigMapRef().getOptional())) {
          return;
        }
        throw new NotReadyYet(
            "CreateContainerConfigError",
            "configmap \"" + from.getConfigMapRef().getName() + "\" not found");
      }
      Optional.ofNullable(cm.getData())
          .orElse(Map.of())
          .forEach((k, v) -> env.put(prefix + k, ContainerPaths.rewrite(v, mounts)));
    } else if (from.getSecretRef() != null) {
      Secret s =
          client
              .secrets()
              .inNamespace(pod.namespace())
              .withName(from.getSecretRef().getName())
              .get();
      if (s == null) {
        if (Boolean.TRUE.equals(from.getSecretRef().getOptional())) {
          return;
        }
        throw new NotReadyYet(
            "CreateContainerConfigError",
            "secret \"" + from.getSecretRef().getName() + "\" not found");
      }
      Optional.ofNullable(s.getData())
          .orElse(Map.of())
          .forEach(
              (k, v) ->
                  env.put(
                      prefix + k,
                      ContainerPaths.rewrite(
                          new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8),
                          mounts)));
    }
  }

  /** An {@code env} entry's {@code valueFrom}; null when it is optional and missing. */
  private String valueFrom(EnvVarSource src) throws NotReadyYet {
    String ns = pod.namespace();
    if (src.getConfigMapKeyRef() != null) {
      var ref = src.getConfigMapKeyRef();
      ConfigMap cm = client.configMaps().inNamespace(ns).withName(ref.getName()).get();
      String v = cm == null || cm.getData() == null ? null : cm.getData().get(ref.getKey());
      if (v == null && !Boolean.TRUE.equals(ref.getOptional())) {
        throw new NotReadyYet(
            "CreateContainerConfigError",
            cm == null
                ? "configmap \"" + ref.getName() + "\" not found"
                : "couldn't find key "
                    + ref.getKey()
                    + " in ConfigMap "
                    + ns
                    + "/"
                    + ref.getName());
      }
      return v;
    }
    if (src.getSecretKeyRef() != null) {
      var ref = src.getSecretKeyRef();
      Secret s = client.secrets().inNamespace(ns).withName(ref.getName()).get();
      String v = s == null || s.getData() == null ? null : s.getData().get(ref.getKey());
      if (v == null && !Boolean.TRUE.equals(ref.getOptional())) {
        throw new NotReadyYet(
            "CreateContainerConfigError",
            s == null
                ? "secret \"" + ref.getName() + "\" not found"
                : "couldn't find key " + ref.getKey() + " in Secret " + ns + "/" + ref.getName());
      }
      return v == null ? null : new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8);
    }
    if (src.getFieldRef() != null) {
      return PodFields.value(pod.pod(), src.getFieldRef());
    }
    if (src.getResourceFieldRef() != null) {
      return resourceValue(src.getResourceFieldRef().getResource());
    }
    return "";
  }

  /**
   * {@code resourceFieldRef}: the container's limit or request, else the fake Node's allocatable.
   */
  private String resourceValue(String resource) {
    Map<String, Quantity> limits =
        spec.getResources() == null ? null : spec.getResources().getLimits();
    Map<String, Quantity> requests =
        spec.getResources() == null ? null : spec.getResources().getRequests();
    String[] parts = resource.split("\\.", 2);
    Map<String, Quantity> source = "requests".equals(parts[0]) ? requests : limits;
    Quantity q = source == null || parts.length < 2 ? null : source.get(parts[1]);
    if (q != null) {
      return q.toString();
    }
    return resource.endsWith("cpu") ? "2" : "8589934592"; // node allocatable
  }

  /**
   * Kubernetes' {@code $(VAR)} expansion: defined variables are replaced, {@code $$} escapes,
   * others stay.
   */
  static String expand(String value, Map<String, String> env) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '$' && i + 1 < value.length()) {
        char n = value.charAt(i + 1);
        if (n == '$') {
          out.append('$');
          i++;
          continue;
        }
        if (n == '(') {
          int close = value.indexOf(')', i + 2);
          if (close > 0) {
            String var = value.substring(i + 2, close);
            if (env.containsKey(var)) {
              out.append(env.get(var));
              i = close;
              continue;
            }
          }
        }
      }
      out.append(c);
    }
    return out.toString();
  }
}
