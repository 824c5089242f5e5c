package io.waihu.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a @QuarkusTest at the real Kafka broker and PostgreSQL of this test JVM, and at the test token key.
 * Use it with {@code @WithTestResource(RealInfrastructureResource.class)}.
 */
public class RealInfrastructureResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TestInfrastructure.Running infra = TestInfrastructure.get();
        return Map.of(
                "kafka.bootstrap.servers", infra.kafkaBootstrapServers(),
                "waihu.db.url", infra.reactiveUrl(),
                "waihu.db.user", infra.user(),
                "waihu.db.password", infra.password(),
                "mp.jwt.verify.publickey", TestTokens.publicKeyPem());
    }

    @Override
    public void stop() {
        // the broker and the database live for the whole test JVM and stop with it
    }
}
