package io.chartreuse.kube;

import io.chartreuse.exit.ChartreuseException;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a --context against the kubeconfig files, so a typo is a clear usage error, not a silent
 * fallback.
 */
final class KubeContexts {
  private KubeContexts() {}

  static void require(String context) {
    List<String> known = new ArrayList<>();
    for (String name : Config.getKubeconfigFilenames()) {
      File file = new File(name);
      if (!file.isFile()) {
        continue;
      }
      try {
        for (NamedContext named : KubeConfigUtils.parseConfig(file).getContexts()) {
          known.add(named.getName());
        }
      } catch (RuntimeException e) {
        throw ChartreuseException.usage(
            "cannot read the kubeconfig " + file + ": " + e.getMessage());
      }
    }
    if (!known.contains(context)) {
      throw ChartreuseException.usage(
          "no context "
              + context
              + " in the kubeconfig; contexts: "
              + (known.isEmpty() ? "none" : String.join(", ", known)));
    }
  }
}
