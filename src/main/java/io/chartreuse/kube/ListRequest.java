package io.chartreuse.kube;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One list request, read as raw JSON: a resource of an API group version ({@code /api/v1}, {@code
 * /apis/batch/v1}), in one namespace or all, optionally selected by labels. Metadata-only asks the
 * API server for a PartialObjectMetadataList (names, labels, annotations), which servers that lack
 * it answer with the full list instead: the same items, read the same way.
 */
public record ListRequest(
    String apiPath,
    String resource,
    Optional<String> namespace,
    Optional<String> labelSelector,
    boolean metadataOnly) {
  private static final String JSON = "application/json";
  private static final String METADATA =
      "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1," + JSON;

  /** A resource of the core group. */
  public static ListRequest core(
      String resource, Optional<String> namespace, String labelSelector) {
    return new ListRequest("/api/v1", resource, namespace, Optional.of(labelSelector), false);
  }

  /** The path and query under the API server's URL. */
  String path() {
    return apiPath
        + namespace.map(n -> "/namespaces/" + n).orElse("")
        + "/"
        + resource
        + labelSelector
            .map(s -> "?labelSelector=" + URLEncoder.encode(s, StandardCharsets.UTF_8))
            .orElse("");
  }

  String accept() {
    return metadataOnly ? METADATA : JSON;
  }
}
