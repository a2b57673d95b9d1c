package io.chartreuse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.chartreuse.bench.ClusterRecorder.Event;
import io.chartreuse.bench.ClusterRecorder.Kind;
import io.chartreuse.testcli.CliProcess;
import io.chartreuse.testdb.TestPostgres;
import io.chartreuse.testing.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Issue 14's downtime benchmark: the same compatible pending set (a new table and its seed data)
 * migrated under the stop policies side by side in one run, alternating policy by policy on the
 * same release of N Deployments ({@link DowntimeBenchmark.Scenario}). The application's downtime is
 * read from watch events: from the first Deployment seen at 0 replicas to the last seen back; 0
 * when no Deployment ever went below its expected scale. {@code bench/deployment-downtime
 * --policies always,breaking} runs it.
 */
final class PolicyDowntime {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One run under one policy, times in seconds. */
  record PolicyRun(
      String policy,
      int n,
      int index,
      boolean measured,
      double downtime,
      int deploymentsStopped,
      int podsDeleted,
      double migration,
      double wall,
      String decision) {}

  private PolicyDowntime() {}

  static void main(List<Integer> sizes, int runs, int warmup, Path out, List<String> policies)
      throws Exception {
    TestCluster cluster = TestCluster.shared();
    TestPostgres.get();
    DowntimeBenchmark.say(
        "policies "
            + policies
            + ", sizes "
            + sizes
            + ", "
            + warmup
            + " warm-up + "
            + runs
            + " measured runs each; load average "
            + DowntimeBenchmark.loadAverage());
    List<PolicyRun> results = new ArrayList<>();
    for (int n : sizes) {
      try (DowntimeBenchmark.Scenario scenario =
          new DowntimeBenchmark.Scenario(cluster, n, out.resolve("work-policies"))) {
        int version = 0;
        for (int i = 0; i < warmup + runs; i++) {
          for (String policy : policies) {
            PolicyRun run = run(scenario, ++version, policy, i, i >= warmup);
            DowntimeBenchmark.say(
                String.format(
                    Locale.ROOT,
                    "N=%d run %d %s%s: downtime %.3f s, %d Deployments stopped, %d pods deleted,"
                        + " migration %.3f s, run %.3f s; %s",
                    n,
                    i,
                    policy,
                    run.measured() ? "" : " (warm-up)",
                    run.downtime(),
                    run.deploymentsStopped(),
                    run.podsDeleted(),
                    run.migration(),
                    run.wall(),
                    run.decision()));
            if (run.measured()) {
              results.add(run);
            }
          }
        }
      }
    }
    String table = markdown(results, sizes, policies);
    Files.writeString(out.resolve("deployment-downtime-policies.md"), table);
    Files.writeString(
        out.resolve("deployment-downtime-policies.json"), JSON.writeValueAsString(results));
    System.out.println(table);
    DowntimeBenchmark.say("load average at the end " + DowntimeBenchmark.loadAverage());
  }

  private static PolicyRun run(
      DowntimeBenchmark.Scenario scenario, int version, String policy, int index, boolean measured)
      throws Exception {
    scenario.addMigration(version);
    scenario.recorder.clear();
    Instant started = Instant.now();
    CliProcess.Result result =
        scenario
            .runner()
            .env("CHARTREUSE_STOP_POLICY", policy)
            .start()
            .await(Duration.ofMinutes(5));
    double wall = DowntimeBenchmark.seconds(started, Instant.now());
    if (result.exitCode() != 0
        || !"migrated".equals(JSON.readTree(result.stdout()).path("outcome").asText())) {
      throw new IllegalStateException(
          "N=" + scenario.n + " " + policy + ": chartreuse run failed\n" + result.all());
    }
    scenario.awaitSteady();
    List<Event> events = scenario.recorder.events();
    Map<String, Instant> zero = new TreeMap<>();
    Instant lastBack = null;
    int podsDeleted = 0;
    for (Event e : events) {
      if (e.kind() == Kind.SCALED_TO_ZERO) {
        zero.merge(e.deployment(), e.at(), (a, b) -> a.isBefore(b) ? a : b);
      } else if (e.kind() == Kind.SCALED_BACK && (lastBack == null || e.at().isAfter(lastBack))) {
        lastBack = e.at();
      } else if (e.kind() == Kind.POD_GONE) {
        podsDeleted++;
      }
    }
    double downtime =
        zero.isEmpty()
            ? 0
            : DowntimeBenchmark.seconds(
                zero.values().stream().min(Instant::compareTo).orElseThrow(), lastBack);
    Instant applying = null;
    Instant migrated = null;
    String decision = "";
    for (String line : result.stderr().split("\n")) {
      if (!line.startsWith("{")) {
        continue;
      }
      JsonNode json = JSON.readTree(line);
      String message = json.path("message").asText();
      Instant at = Instant.parse(json.path("time").asText());
      if (message.startsWith("default: applying ")) {
        applying = at;
      } else if (message.startsWith("default: migrated ")) {
        migrated = at;
      } else if (message.startsWith("stop policy ")) {
        decision = message;
      }
    }
    return new PolicyRun(
        policy,
        scenario.n,
        index,
        measured,
        downtime,
        zero.size(),
        podsDeleted,
        DowntimeBenchmark.seconds(applying, migrated),
        wall,
        decision);
  }

  static String markdown(List<PolicyRun> results, List<Integer> sizes, List<String> policies) {
    StringBuilder s =
        new StringBuilder(
            "| N | policy | runs | application downtime (median, max) | Deployments stopped |"
                + " pods deleted | migration (median) | whole run (median) |\n"
                + "|---:|---|---:|---:|---:|---:|---:|---:|\n");
    for (int n : sizes) {
      for (String policy : policies) {
        List<PolicyRun> runs =
            results.stream().filter(r -> r.n() == n && r.policy().equals(policy)).toList();
        if (runs.isEmpty()) {
          continue;
        }
        s.append(
            String.format(
                Locale.ROOT,
                "| %d | %s | %d | %.2f s, %.2f s | %d | %d | %.2f s | %.2f s |%n",
                n,
                policy,
                runs.size(),
                median(runs.stream().mapToDouble(PolicyRun::downtime).toArray()),
                runs.stream().mapToDouble(PolicyRun::downtime).max().orElse(0),
                runs.stream().mapToInt(PolicyRun::deploymentsStopped).max().orElse(0),
                runs.stream().mapToInt(PolicyRun::podsDeleted).max().orElse(0),
                median(runs.stream().mapToDouble(PolicyRun::migration).toArray()),
                median(runs.stream().mapToDouble(PolicyRun::wall).toArray())));
      }
    }
    return s.toString();
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    java.util.Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
