package io.waihu.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenCommandTest {

    @Test
    void printsOnlyATokenSignedWithTheDataDirsKey(@TempDir Path dataDir) {
        String first = captureStdout(() -> LocalStack.run(
                List.of("token", "--tenant", "acme", "--role", "admin,supervisor", "--hours", "2", "--data-dir", dataDir.toString()),
                Map.of()));
        String second = captureStdout(() -> LocalStack.run(
                List.of("token", "--tenant=acme", "--role=agent", "--subject=ana", "--data-dir=" + dataDir), Map.of()));

        assertTrue(Files.exists(dataDir.resolve("keys/jwt-public.pem")));
        assertEquals(3, first.trim().split("\\.").length, first);
        assertEquals(1, first.lines().count(), "stdout is the token alone");
        String claims = new String(Base64.getUrlDecoder().decode(first.trim().split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(claims.contains("\"tenant_id\":\"acme\""), claims);
        assertTrue(claims.contains("\"groups\":[\"admin\",\"supervisor\"]"), claims);
        assertTrue(claims.contains("\"iss\":\"https://waihu.io/dev\""), claims);
        String secondClaims = new String(Base64.getUrlDecoder().decode(second.trim().split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(secondClaims.contains("\"sub\":\"ana\""), secondClaims);
        // the same key pair both times: the keys are made once
        assertEquals(Set.of("jwt-private.pem", "jwt-public.pem"), Set.of(dataDir.resolve("keys").toFile().list()));
    }

    private static String captureStdout(Runnable call) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            call.run();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
