package io.chartreuse.testing;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Does, for the pods of one namespace (or of all namespaces a filter accepts, {@link
 * #allNamespaces}), what a kubelet would — through the API, as admin:
 *
 * <ul>
 *   <li>binds every pending pod to the fake Node {@value TestCluster#NODE_NAME} ({@code
 *       pods/binding});
 *   <li>containers whose command is a chartreuse command ({@code chartreuse}, {@code
 *       chartreuse-upgrade}, {@code chartreuse-restore}, whatever the image) or whose image is "the
 *       chartreuse image" (by default: the image repository's last path segment contains {@code
 *       chartreuse}) run as local processes {@code java -jar <chartreuse.jar> …} with the pod's
 *       command/args (aliases {@code chartreuse-upgrade} → {@code run}, {@code chartreuse-restore}
 *       → {@code restore}, {@code chartreuse X…} → {@code X…}), its environment, its mounted
 *       ConfigMap/Secret files and its ServiceAccount token;
 *   <li>containers whose image was registered with {@link #runLocally(String)} run their
 *       command/args as a local process (a "tiny test image");
 *   <li>every other container "runs" without doing anything: it is Running and Ready at once (an
 *       init container of that kind completes at once);
 *   <li>the containers' output is served as a kubelet serves logs ({@link KubeletLogServer}), so
 *       {@code kubectl logs [-f]} works;
 *   <li>the processes' exit codes become the container statuses and the pod phase
 *       (Succeeded/Failed), honouring the restart policy, so the Job controller completes or fails
 *       Jobs;
 *   <li>a pod marked for deletion has its processes stopped (SIGTERM, then SIGKILL after at most 5
 *       s) and is then deleted with grace period 0, as a kubelet does once the containers stopped.
 * </ul>
 *
 * <p>Each pod gets a directory {@code target/fake-kubelet/<namespace>/<pod>/} (see {@link
 * #podsDir(Path)}) with {@code logs/<container>.log} (stdout and stderr; {@code logs/timestamped/}
 * the same with each line's time), {@code volumes/<volume>/} (materialized volumes), {@code home/}
 * and {@code <container>.command} (the argv and environment used). Container paths are mapped to
 * local paths: every volume mount's {@code mountPath} maps to its volume directory, and tests add
 * image paths with {@link #mapPath(String, Path)}; environment values and arguments that contain
 * such a path (at the start, or after {@code = : , ; (}, whitespace, a quote or {@code file://})
 * are rewritten. The directory mounted at {@code /var/run/secrets/kubernetes.io/serviceaccount} is
 * passed as {@code CHARTREUSE_SERVICEACCOUNT_DIR}, and {@code KUBERNETES_SERVICE_HOST}/{@code
 * KUBERNETES_SERVICE_PORT} point at the loopback API server. See docs/test-cluster.md for what is
 * and is not emulated.
 *
 * <p>This class is the fixture's API and its bookkeeping; {@link PodReconciler} decides what to do
 * about each pod event, {@link PodRun} runs one pod and {@link ContainerRun} one of its containers.
 */
public final class FakeKubelet implements AutoCloseable {

  /** How a container is "run". */
  public enum Mode {
    /** {@code java -jar <chartreuse.jar>} with the pod's command mapped to CLI arguments. */
    CHARTREUSE,
    /** The container's command/args as a local process. */
    LOCAL_COMMAND,
    /** Nothing runs: the container is Running and Ready until the pod is deleted. */
    IDLE
  }

  public static final String SERVICEACCOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";

  /**
   * The chartreuse CLI's command names in the runner image (basename of a container's {@code
   * command[0]}).
   */
  public static final Set<String> CHARTREUSE_COMMANDS =
      Set.of("chartreuse", "chartreuse-upgrade", "chartreuse-restore");

  private final TestCluster cluster;
  private final KubernetesClient client;

  /**
   * The one namespace watched, or null: every namespace that the filter of {@link #allNamespaces}
   * accepts.
   */
  private final String namespace;

  private final KubeletSettings settings = new KubeletSettings();
  private final ExecutorService workers;
  private final PodReconciler reconciler;
  private final List<String> started = new CopyOnWriteArrayList<>();

  /**
   * Pods registered with the log server ({@code namespace/pod} → directory), forgotten when this
   * kubelet closes.
   */
  private final Map<String, Path> registered = new ConcurrentHashMap<>();

  private volatile SharedIndexInformer<Pod> informer;
  private volatile Consumer<String> events = line -> {};
  private final KubeletLogServer logServer;
  private volatile boolean closed;

  /** A kubelet for the pods of {@code namespace}. */
  public FakeKubelet(TestCluster cluster, String namespace) {
    this(cluster, namespace, null);
  }

  private FakeKubelet(TestCluster cluster, String namespace, Predicate<String> namespaceFilter) {
    this.cluster = cluster;
    this.client = cluster.admin();
    this.namespace = namespace;
    String threads = "fake-kubelet-" + (namespace != null ? namespace : "all");
    AtomicInteger n = new AtomicInteger();
    ExecutorService control = Executors.newSingleThreadExecutor(r -> daemon(r, threads));
    this.workers =
        Executors.newCachedThreadPool(r -> daemon(r, threads + "-" + n.incrementAndGet()));
    this.logServer = KubeletLogServer.get();
    KubeletContext context =
        new KubeletContext(
            cluster, client, settings, workers, this::event, () -> closed, this::podStarted);
    this.reconciler = new PodReconciler(context, control, namespace, namespaceFilter);
  }

  /**
   * A kubelet for the pods of every namespace whose name {@code namespaces} accepts (asked once per
   * namespace, on the kubelet's control thread; it may call the API). Used by {@link
   * FakeKubeletMain}.
   */
  public static FakeKubelet allNamespaces(TestCluster cluster, Predicate<String> namespaces) {
    return new FakeKubelet(cluster, null, namespaces);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** Starts watching the namespace's pods. */
  public synchronized FakeKubelet start() {
    if (informer == null) {
      var pods =
          namespace != null ? client.pods().inNamespace(namespace) : client.pods().inAnyNamespace();
      informer =
          pods.inform(
              new ResourceEventHandler<>() {
                @Override
                public void onAdd(Pod pod) {
                  reconciler.submit(pod, false);
                }

                @Override
                public void onUpdate(Pod oldPod, Pod pod) {
                  reconciler.submit(pod, false);
                }

                @Override
                public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
                  reconciler.submit(pod, true);
                }
              },
              0);
    }
    return this;
  }

  // ----------------------------------------------------------------------------------------------
  // configuration (call before the pods concerned are created)

  /**
   * Which images are "the chartreuse image" (by default: repository name contains {@code
   * chartreuse}).
   */
  public FakeKubelet chartreuseImage(Predicate<String> image) {
    settings.chartreuseImage(image);
    return this;
  }

  /**
   * Containers whose image contains {@code imageSubstring} run their command/args as local
   * processes.
   */
  public FakeKubelet runLocally(String imageSubstring) {
    return mode(image -> image.contains(imageSubstring), Mode.LOCAL_COMMAND);
  }

  /**
   * Containers with images matching {@code image} are run in {@code mode} (rules added later win).
   */
  public FakeKubelet mode(Predicate<String> image, Mode mode) {
    settings.mode(image, mode);
    return this;
  }

  /** Maps a path inside the image (e.g. {@code /app/migrations}) to a local directory. */
  public FakeKubelet mapPath(String containerPath, Path localPath) {
    settings.mapPath(containerPath, localPath);
    return this;
  }

  /** Adds an environment variable to every process this kubelet starts (after the pod's own). */
  public FakeKubelet env(String name, String value) {
    settings.env(name, value);
    return this;
  }

  /** JVM options for the chartreuse jar (default: fast start-up, small heap use). */
  public FakeKubelet javaOptions(List<String> options) {
    settings.javaOptions(options);
    return this;
  }

  /** The jar run for the chartreuse image (default: system property {@code chartreuse.jar}). */
  public FakeKubelet jar(Path jar) {
    settings.jar(jar);
    return this;
  }

  /**
   * Where pods' directories go: {@code <dir>/<namespace>/<pod>/} (default {@code
   * target/fake-kubelet}).
   */
  public FakeKubelet podsDir(Path dir) {
    settings.podsDir(dir);
    return this;
  }

  /** Receives one line per thing the kubelet does ({@code namespace/pod: what}), e.g. for a log. */
  public FakeKubelet events(Consumer<String> listener) {
    this.events = listener;
    return this;
  }

  // ----------------------------------------------------------------------------------------------
  // inspection

  public String namespace() {
    return namespace;
  }

  /** The local directory of a pod of this kubelet's namespace (logs, volumes, home). */
  public Path podDir(String podName) {
    if (namespace == null) {
      throw new IllegalStateException(
          "this kubelet watches several namespaces: use podDir(namespace, pod)");
    }
    return podDir(namespace, podName);
  }

  /** The local directory of a pod. */
  public Path podDir(String podNamespace, String podName) {
    return settings.podDir(podNamespace, podName);
  }

  /** The log file (stdout and stderr) of a pod's container. */
  public Path logFile(String podName, String container) {
    return podDir(podName).resolve("logs").resolve(container + ".log");
  }

  /** The log of a pod's first container ("" when it has none yet). */
  public String log(String podName) {
    return LogFiles.firstLog(podDir(podName));
  }

  /** The log of a pod's first container ("" when it has none yet). */
  public String log(String podNamespace, String podName) {
    return LogFiles.firstLog(podDir(podNamespace, podName));
  }

  /** Names of the pods whose containers this kubelet started, in order. */
  public List<String> startedPods() {
    return List.copyOf(started);
  }

  /**
   * Default "chartreuse image" test: the repository's last path segment contains {@code
   * chartreuse}.
   */
  public static boolean isChartreuseRepository(String image) {
    return repository(image)
        .substring(repository(image).lastIndexOf('/') + 1)
        .contains("chartreuse");
  }

  /** The image reference without tag and digest. */
  public static String repository(String image) {
    String s = image;
    int at = s.indexOf('@');
    if (at >= 0) {
      s = s.substring(0, at);
    }
    int colon = s.lastIndexOf(':');
    if (colon > s.lastIndexOf('/')) {
      s = s.substring(0, colon);
    }
    return s;
  }

  // ----------------------------------------------------------------------------------------------
  // the kubelet's own bookkeeping

  private void event(String line) {
    try {
      events.accept(line);
    } catch (RuntimeException ignored) {
      // diagnostics only
    }
  }

  /** A pod's directory is ready: its logs are served from now on. */
  private void podStarted(PodRun run) {
    logServer.register(cluster.apiServer(), run.namespace(), run.name(), run.dir());
    registered.put(run.namespace() + "/" + run.name(), run.dir());
    started.add(run.name());
  }

  /** Stops watching and ends every process it started. Pods stay as they are. */
  @Override
  public void close() {
    closed = true;
    if (informer != null) {
      informer.close();
    }
    reconciler.close();
    registered.forEach(
        (key, dir) -> {
          int slash = key.indexOf('/');
          logServer.unregister(
              cluster.apiServer(), key.substring(0, slash), key.substring(slash + 1), dir);
        });
    registered.clear();
    workers.shutdownNow();
  }
}
