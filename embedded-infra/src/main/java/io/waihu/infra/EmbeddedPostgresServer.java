package io.waihu.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server (binaries from Maven Central) started from this JVM.
 * The superuser is {@code postgres}; the server listens on loopback only.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** A throw-away server on a free port, for tests. */
    public static EmbeddedPostgresServer startEphemeral() throws IOException {
        return new EmbeddedPostgresServer(EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("max_connections", "200")
                .start());
    }

    /** A server whose data directory survives a restart, for the local stack. */
    public static EmbeddedPostgresServer startPersistent(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        return new EmbeddedPostgresServer(EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .start());
    }

    public int port() {
        return postgres.getPort();
    }

    /** Creates the database (owned by the superuser) unless it exists. */
    public void ensureDatabase(String name) throws SQLException {
        ensureDatabase(postgres.getPostgresDatabase().getConnection(), name);
    }

    /**
     * Creates the database unless it exists, on any PostgreSQL server where {@code user} may create databases
     * (the local stack's external-server mode).
     */
    public static void ensureDatabase(String host, int port, String user, String password, String name)
            throws SQLException {
        ensureDatabase(java.sql.DriverManager.getConnection(
                "jdbc:postgresql://" + host + ":" + port + "/postgres", user, password), name);
    }

    static void ensureDatabase(Connection admin, String name) throws SQLException {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be a lower-case identifier: " + name);
        }
        try (admin; PreparedStatement exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = admin.createStatement()) {
                create.execute("CREATE DATABASE " + name);
            }
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
