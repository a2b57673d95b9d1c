package io.chartreuse.workloads;

import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.exit.ExitCode;
import io.chartreuse.kube.ApiCalls;
import io.chartreuse.kube.KubeTarget;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks the API server, before anything is touched, whether the runner may do what stopping and
 * starting Deployments needs (SelfSubjectAccessReview, allowed to every authenticated identity). A
 * Role missing a rule then fails the run with every missing rule named and nothing changed, instead
 * of halfway through.
 */
final class PermissionCheck {
  /** One rule of docs/rbac.md: verb on group/resource, optionally one object name. */
  record Needed(String verb, String group, String resource, String name) {
    String describe() {
      return verb
          + " "
          + resource
          + (group.isEmpty() ? "" : "." + group)
          + (name == null ? "" : " " + name);
    }
  }

  static final List<Needed> STOP_AND_START =
      List.of(
          new Needed("list", "apps", "deployments", null),
          new Needed("patch", "apps", "deployments", null),
          new Needed("patch", "apps", "deployments/scale", null),
          new Needed("list", "", "pods", null),
          new Needed("watch", "", "pods", null),
          new Needed("list", "autoscaling", "horizontalpodautoscalers", null),
          new Needed("patch", "autoscaling", "horizontalpodautoscalers", null),
          new Needed("list", "wiremind.io", "expecteddeploymentscales", null));

  private PermissionCheck() {}

  static void require(KubeTarget target, ApiCalls api, List<Needed> needed) {
    List<String> missing = new ArrayList<>();
    for (Needed rule : needed) {
      String[] parts = rule.resource().split("/", 2);
      SelfSubjectAccessReview review =
          new SelfSubjectAccessReviewBuilder()
              .withNewSpec()
              .withResourceAttributes(
                  new ResourceAttributesBuilder()
                      .withNamespace(target.namespace())
                      .withVerb(rule.verb())
                      .withGroup(rule.group())
                      .withResource(parts[0])
                      .withSubresource(parts.length > 1 ? parts[1] : null)
                      .withName(rule.name())
                      .build())
              .endSpec()
              .build();
      SelfSubjectAccessReview answer =
          api.call(
              "create selfsubjectaccessreviews",
              () -> target.client().authorization().v1().selfSubjectAccessReview().create(review));
      if (answer.getStatus() == null || !Boolean.TRUE.equals(answer.getStatus().getAllowed())) {
        missing.add(rule.describe());
      }
    }
    if (!missing.isEmpty()) {
      throw new ChartreuseException(
          ExitCode.ERROR,
          "the runner's ServiceAccount may not "
              + String.join(", ", missing)
              + " in namespace "
              + target.namespace()
              + "; add these rules to its Role (see docs/rbac.md); nothing was changed");
    }
  }
}
