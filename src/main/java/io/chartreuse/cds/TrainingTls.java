package io.chartreuse.cds;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throwaway CA and a server certificate it signed for 127.0.0.1, made in memory for the training run:
 * RSA and SHA-256 as a cluster's usually are, and a CA distinct from the server's certificate, so that the
 * client validates a certificate path as against a real API server (a self-signed server certificate
 * would be trusted as is, skipping that code).
 */
record TrainingTls(SSLContext server, String caPem) {
  private static final int[] SHA256_WITH_RSA = {1, 2, 840, 113549, 1, 1, 11};
  private static final int[] COMMON_NAME = {2, 5, 4, 3};
  private static final int[] BASIC_CONSTRAINTS = {2, 5, 29, 19};
  private static final int[] SUBJECT_ALT_NAME = {2, 5, 29, 17};
  private static final int[] EXTENDED_KEY_USAGE = {2, 5, 29, 37};
  private static final int[] SERVER_AUTH = {1, 3, 6, 1, 5, 5, 7, 3, 1};

  static TrainingTls create() throws GeneralSecurityException, java.io.IOException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair ca = generator.generateKeyPair();
    KeyPair server = generator.generateKeyPair();
    byte[] caName = name("chartreuse training CA");
    X509Certificate caCertificate = certificate(caName, caName, ca.getPublic(), ca.getPrivate(),
        extension(BASIC_CONSTRAINTS, Der.sequence(Der.bool(true))));
    byte[] loopback = InetAddress.getLoopbackAddress().getAddress();
    X509Certificate serverCertificate = certificate(caName, name("127.0.0.1"), server.getPublic(), ca.getPrivate(),
        extension(SUBJECT_ALT_NAME, Der.sequence(Der.implicit(7, loopback))),
        extension(EXTENDED_KEY_USAGE, Der.sequence(Der.oid(SERVER_AUTH))));

    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    char[] password = "training".toCharArray();
    keys.setKeyEntry("server", server.getPrivate(), password, new Certificate[] {serverCertificate, caCertificate});
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), null, null);
    String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(caCertificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
    return new TrainingTls(context, pem);
  }

  private static X509Certificate certificate(byte[] issuer, byte[] subject, PublicKey key, PrivateKey signer, byte[]... extensions)
      throws GeneralSecurityException {
    Instant now = Instant.now();
    byte[] algorithm = Der.sequence(Der.oid(SHA256_WITH_RSA), Der.nothing());
    byte[] tbs = Der.sequence(
        Der.explicit(0, Der.integer(BigInteger.TWO)), // version 3
        Der.integer(BigInteger.valueOf(now.toEpochMilli())),
        algorithm,
        issuer,
        Der.sequence(Der.utcTime(now.minus(Duration.ofMinutes(5))), Der.utcTime(now.plus(Duration.ofDays(1)))),
        subject,
        key.getEncoded(),
        Der.explicit(3, Der.sequence(extensions)));
    Signature signature = Signature.getInstance("SHA256withRSA");
    signature.initSign(signer);
    signature.update(tbs);
    byte[] encoded = Der.sequence(tbs, algorithm, Der.bitString(signature.sign()));
    return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(encoded));
  }

  private static byte[] name(String commonName) {
    return Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8(commonName))));
  }

  private static byte[] extension(int[] oid, byte[] value) {
    return Der.sequence(Der.oid(oid), Der.octetString(value));
  }
}
