package io.waihu.infra;

import io.smallrye.jwt.build.Jwt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/**
 * Signs bearer tokens that the services accept, with a key pair made for development and tests.
 * Production installations verify tokens from their own identity provider with the same claims.
 */
public final class DevTokenIssuer {

    /** The issuer the services verify ({@code mp.jwt.verify.issuer}). */
    public static final String ISSUER = "https://waihu.io/dev";
    /** The claim that carries the tenant. */
    public static final String TENANT_CLAIM = "tenant_id";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private DevTokenIssuer(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    public static DevTokenIssuer generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new DevTokenIssuer(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is unavailable", e);
        }
    }

    /** Loads the pair from {@code dir}, or makes and stores one there the first time. */
    public static DevTokenIssuer loadOrCreate(Path dir) throws IOException {
        Path privatePem = dir.resolve("jwt-private.pem");
        Path publicPem = dir.resolve("jwt-public.pem");
        if (Files.exists(privatePem) && Files.exists(publicPem)) {
            try {
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                return new DevTokenIssuer(
                        rsa.generatePrivate(new PKCS8EncodedKeySpec(pemBody(Files.readString(privatePem)))),
                        rsa.generatePublic(new X509EncodedKeySpec(pemBody(Files.readString(publicPem)))));
            } catch (GeneralSecurityException e) {
                throw new IOException("unreadable development key pair in " + dir + ": " + e.getMessage(), e);
            }
        }
        DevTokenIssuer issuer = generate();
        Files.createDirectories(dir);
        Files.writeString(privatePem, pem("PRIVATE KEY", issuer.privateKey.getEncoded()));
        Files.writeString(publicPem, pem("PUBLIC KEY", issuer.publicKey.getEncoded()));
        return issuer;
    }

    public static Path publicKeyFile(Path dir) {
        return dir.resolve("jwt-public.pem");
    }

    /** The public key as PEM, for {@code mp.jwt.verify.publickey}. */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    public String issue(String tenantId, String subject, Set<String> roles, Duration lifetime) {
        return Jwt.issuer(ISSUER)
                .subject(subject)
                .upn(subject)
                .groups(roles)
                .claim(TENANT_CLAIM, tenantId)
                .expiresIn(lifetime)
                .jws()
                .keyId("waihu-dev")
                .sign(privateKey);
    }

    /** A token with no tenant claim, to show that the services refuse it. */
    public String issueWithoutTenant(String subject, Set<String> roles) {
        return Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(roles)
                .expiresIn(Duration.ofMinutes(10)).sign(privateKey);
    }

    private static String pem(String kind, byte[] der) {
        return "-----BEGIN " + kind + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + kind + "-----\n";
    }

    private static byte[] pemBody(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
