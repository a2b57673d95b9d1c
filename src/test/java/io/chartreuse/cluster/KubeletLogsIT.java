package io.chartreuse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.testing.Await;
import io.chartreuse.testing.FakeKubelet;
import io.chartreuse.testing.KubeTest;
import io.chartreuse.testing.KubeletLogServer;
import io.chartreuse.testing.ProcessResult;
import io.chartreuse.testing.TestNamespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/**
 * The fake kubelet serves its pods' logs as a kubelet does: the API server proxies {@code pods/log}
 * to the Node's kubelet endpoint, so the real kubectl and Fabric8 read them.
 */
@KubeTest
class KubeletLogsIT {

  private static final Duration KUBECTL = Duration.ofSeconds(60);

  @Test
  void kubectlLogsOfAFinishedChartreusePod(TestNamespace ns, FakeKubelet kubelet) {
    JobOutcomeIT.createJob(ns, "version", List.of("chartreuse"), List.of("version"));
    assertEquals("Complete", JobOutcomeIT.awaitFinished(ns, "version").getType());
    String pod = JobOutcomeIT.onlyPod(ns, "version").getMetadata().getName();
    String written = kubelet.log(pod);
    assertTrue(written.contains("chartreuse 0.1.0") || written.startsWith("chartreuse "), written);

    ProcessResult logs = ns.kubectl(KUBECTL, "logs", pod).assertOk();
    assertEquals(written, logs.output(), "kubectl logs = what the process wrote");
    assertEquals(written, ns.kubectl(KUBECTL, "logs", "job/version").assertOk().output());

    // Fabric8 reads the same through the API server
    assertEquals(written, ns.admin().pods().inNamespace(ns.name()).withName(pod).getLog());

    String stamped =
        ns.kubectl(KUBECTL, "logs", "--timestamps", "--tail=1", pod).assertOk().output();
    assertTrue(
        stamped.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z \\S.*\\n"), stamped);
    String[] lines = written.split("\n");
    assertTrue(stamped.endsWith(" " + lines[lines.length - 1] + "\n"), stamped);

    ProcessResult previous = ns.kubectl(KUBECTL, "logs", "--previous", pod);
    assertFalse(previous.ok());
    assertTrue(previous.output().contains("previous terminated container"), previous.output());
  }

  @Test
  void followStreamsARunningPodAndEndsWhenItExits(TestNamespace ns, FakeKubelet kubelet)
      throws Exception {
    kubelet.runLocally("toolbox");
    var admin = ns.admin();
    String n = ns.name();
    admin
        .pods()
        .inNamespace(n)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("talker")
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .addNewContainer()
                .withName("main")
                .withImage("registry.example.com/toolbox:1")
                .withCommand(
                    "sh",
                    "-c",
                    "echo first; while [ ! -f \"$HOME/go\" ]; do sleep 0.1; done; echo second")
                .endContainer()
                .endSpec()
                .build())
        .create();
    Await.until(
        Duration.ofSeconds(60),
        "pod talker Running",
        () -> {
          Pod p = admin.pods().inNamespace(n).withName("talker").get();
          return p != null && "Running".equals(p.getStatus().getPhase());
        });

    ProcessBuilder pb =
        new ProcessBuilder(ns.kubectl().toString(), "--namespace", n, "logs", "-f", "talker")
            .redirectErrorStream(true);
    pb.environment().putAll(ns.cluster().toolEnv());
    long t0 = System.nanoTime();
    Process follow = pb.start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(follow.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  lines.add(line);
                }
              } catch (java.io.IOException ignored) {
                // process ended
              }
            });
    reader.setDaemon(true);
    reader.start();
    try {
      assertEquals("first", lines.poll(30, TimeUnit.SECONDS), "first line while the pod runs");
      Thread.sleep(1000);
      assertTrue(follow.isAlive(), "kubectl logs -f still following a running container");
      assertEquals(
          "Running", admin.pods().inNamespace(n).withName("talker").get().getStatus().getPhase());

      Files.writeString(kubelet.podDir("talker").resolve("home/go"), "");
      assertEquals(
          "second", lines.poll(30, TimeUnit.SECONDS), "the line written after the follow started");
      assertTrue(
          follow.waitFor(15, TimeUnit.SECONDS), "kubectl logs -f ends when the container exits");
      assertEquals(0, follow.exitValue());
      System.err.printf(
          "[kubelet-logs] kubectl logs -f followed for %.1f s%n", (System.nanoTime() - t0) / 1e9);
    } finally {
      follow.destroyForcibly();
    }
    Await.until(
        Duration.ofSeconds(30),
        "pod talker Succeeded",
        () ->
            "Succeeded"
                .equals(
                    admin.pods().inNamespace(n).withName("talker").get().getStatus().getPhase()));
    assertEquals("first\nsecond\n", ns.kubectl(KUBECTL, "logs", "talker").assertOk().output());
  }

  @Test
  void unknownPodsAndContainersAreNotFound(TestNamespace ns, FakeKubelet kubelet) throws Exception {
    kubelet.runLocally("toolbox");
    String n = ns.name();
    ns.admin()
        .pods()
        .inNamespace(n)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("quiet")
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .addNewContainer()
                .withName("main")
                .withImage("registry.example.com/toolbox:1")
                .withCommand("true")
                .endContainer()
                .endSpec()
                .build())
        .create();
    Await.until(
        Duration.ofSeconds(60),
        "pod quiet Succeeded",
        () -> {
          Pod p = ns.admin().pods().inNamespace(n).withName("quiet").get();
          return p != null && "Succeeded".equals(p.getStatus().getPhase());
        });
    // straight to the kubelet endpoint (the API server checks pod and container names before
    // proxying)
    HttpClient http = HttpClient.newBuilder().sslContext(trustAll()).build();
    String base =
        "https://127.0.0.1:" + KubeletLogServer.get().port() + "/containerLogs/" + n + "/";
    assertEquals(404, get(http, base + "no-such-pod/main").statusCode());
    HttpResponse<String> noContainer = get(http, base + "quiet/no-such-container");
    assertEquals(404, noContainer.statusCode(), noContainer.body());
    HttpResponse<String> ok = get(http, base + "quiet/main?follow=true");
    assertEquals(200, ok.statusCode());
    assertEquals("", ok.body(), "a container that wrote nothing; follow ends since it exited");
    Path podDir = kubelet.podDir("quiet");
    assertNotNull(podDir);
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static SSLContext trustAll() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(
        null,
        new TrustManager[] {
          new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
              return new X509Certificate[0];
            }
          }
        },
        null);
    return context;
  }
}
