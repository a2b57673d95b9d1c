package io.chartreuse.kube;

import io.chartreuse.config.Env;
import io.chartreuse.config.Variables;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a Kubernetes API is configured: in a pod (ServiceAccount token) or through a kubeconfig.
 */
public final class ClusterDetection {
  static final String SERVICEACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

  private ClusterDetection() {}

  public static Path serviceAccountDir(Env env) {
    return Path.of(env.text(Variables.SERVICEACCOUNT_DIR).orElse(SERVICEACCOUNT_DIR));
  }

  public static boolean inPod(Env env) {
    return env.text("KUBERNETES_SERVICE_HOST").isPresent()
        && Files.isRegularFile(serviceAccountDir(env).resolve("token"));
  }

  public static boolean hasKubeconfig(Env env) {
    if (env.text("KUBECONFIG").isPresent()) {
      return true;
    }
    return Files.isRegularFile(Path.of(System.getProperty("user.home"), ".kube", "config"));
  }
}
