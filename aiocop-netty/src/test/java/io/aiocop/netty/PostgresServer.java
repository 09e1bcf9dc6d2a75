package io.aiocop.netty;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server the JDBC scenarios query, decided once per JVM and logged:
 * <ol>
 *   <li>{@value #ENV}, when set (what {@code eval "$(.ci/postgres.sh)"} exports: a server from Debian's packages,
 *       for machines without a Docker engine);</li>
 *   <li>else a Testcontainers PostgreSQL container ({@value #IMAGE}), when {@link DockerClientFactory} finds a Docker
 *       engine (a developer laptop, GitHub's runners); Testcontainers' reaper removes it when the JVM ends;</li>
 *   <li>else none: the calling test fails when {@code CI=true} (the scenarios must never be skipped silently in CI)
 *       and is skipped, with the reason, elsewhere.</li>
 * </ol>
 */
final class PostgresServer {

    static final String ENV = "AIOCOP_TEST_POSTGRES_URL";
    static final String IMAGE = "postgres:16-alpine";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);

    /** The decision, made by the first test that asks: a URL, or why there is none. */
    private static String url;
    private static String missing;

    private PostgresServer() {
    }

    /** Returns the JDBC URL (user and password included); fails in CI without a server, skips the test elsewhere. */
    static synchronized String url() {
        if (url == null && missing == null) {
            decide();
        }
        if (url != null) {
            return url;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("CI=true but there is no PostgreSQL server for the JDBC scenarios, which must run"
                    + " in CI: " + missing);
        }
        return Assumptions.abort(missing);
    }

    private static void decide() {
        String fromEnv = System.getenv(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            LOG.info("JDBC scenarios use the PostgreSQL server of {} ({})", ENV, withoutPassword(fromEnv));
            url = fromEnv;
            return;
        }
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            LOG.info("Testcontainers could not look for a Docker engine", e);
            docker = false;
        }
        if (!docker) {
            missing = ENV + " is not set and Testcontainers found no Docker engine; run eval \"$(.ci/postgres.sh)\""
                    + " to start PostgreSQL on 127.0.0.1:5432 and set " + ENV + ", or start Docker";
            LOG.warn("JDBC scenarios have no PostgreSQL server: {}", missing);
            return;
        }
        // Lives as long as the JVM: Testcontainers' reaper removes it.
        PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
        container.start();
        String jdbc = container.getJdbcUrl();
        url = jdbc + (jdbc.contains("?") ? "&" : "?") + "user=" + container.getUsername() + "&password="
                + container.getPassword();
        LOG.info("JDBC scenarios use a Testcontainers PostgreSQL container ({}, {})", IMAGE, withoutPassword(url));
    }

    private static String withoutPassword(String jdbcUrl) {
        return jdbcUrl.replaceAll("password=[^&]*", "password=***");
    }

    /** Connects, runs one query and returns {@code "pong from <database>"}: blocking work, made on purpose. */
    static String ping(String url) throws SQLException {
        try (Connection db = DriverManager.getConnection(url);
                Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery("SELECT 'pong from ' || current_database()")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
