package io.chartreuse.training;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throwaway CA and a server certificate it signed for 127.0.0.1 and localhost, made by the JDK's
 * own {@code keytool} (in every JDK and JRE), so that no code here encodes certificates. The CA is
 * distinct from the server's certificate, so a client validates a certificate path as against a
 * real API server (a self-signed server certificate would be trusted as is, skipping that code).
 */
public record LoopbackTls(SSLContext server, String caPem) {
  private static final String PASSWORD = "loopback";

  public static LoopbackTls create(String commonName) {
    Path directory = null;
    try {
      directory = Files.createTempDirectory("chartreuse-tls");
      Path store = directory.resolve("keys.p12");
      keytool(
          directory,
          "-genkeypair",
          "-alias",
          "ca",
          "-keyalg",
          "RSA",
          "-keysize",
          "2048",
          "-validity",
          "3650",
          "-dname",
          "CN=" + commonName + " CA",
          "-ext",
          "bc:c");
      // Signed by the CA as it is generated (-signer): two keytool runs instead of five.
      keytool(
          directory,
          "-genkeypair",
          "-alias",
          "server",
          "-keyalg",
          "RSA",
          "-keysize",
          "2048",
          "-validity",
          "3650",
          "-dname",
          "CN=" + commonName,
          "-signer",
          "ca",
          "-signerkeypass",
          PASSWORD,
          "-ext",
          "san=ip:127.0.0.1,dns:localhost",
          "-ext",
          "eku=serverAuth");
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        keys.load(in, PASSWORD.toCharArray());
      }
      KeyManagerFactory keyManagers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keys, PASSWORD.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), null, null);
      String pem =
          "-----BEGIN CERTIFICATE-----\n"
              + Base64.getMimeEncoder().encodeToString(keys.getCertificate("ca").getEncoded())
              + "\n-----END CERTIFICATE-----\n";
      return new LoopbackTls(context, pem);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the loopback certificates", e);
    } finally {
      if (directory != null) {
        CannedCluster.delete(directory);
      }
    }
  }

  private static void keytool(Path directory, String... arguments) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(arguments));
    command.addAll(
        List.of(
            "-keystore",
            "keys.p12",
            "-storetype",
            "PKCS12",
            "-storepass",
            PASSWORD,
            "-keypass",
            PASSWORD));
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    // keytool is a JVM too: a training run's class-list flags must not reach it.
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    Process process = builder.start();
    try {
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException("keytool " + arguments[0] + " failed: " + output.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while keytool ran", e);
    }
  }
}
