package io.chartreuse.release;

/**
 * A release whose latest stored revision cannot be decoded (not base64, gzip or JSON, truncated, or
 * not a Helm release): shown as what it is, never a reason to hide the releases beside it. {@code
 * problem} names the object and what is wrong with it.
 */
public record UnreadableRelease(String namespace, String name, int revision, String problem) {}
