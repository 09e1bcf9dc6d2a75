package io.aiocop.netty;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server the JDBC scenarios query, from {@value #ENV} (set it with
 * {@code eval "$(.ci/postgres.sh)"}). In CI ({@code CI=true}) a missing URL fails the test: the scenario must never
 * be skipped silently there. Elsewhere it skips the test. No Docker engine is assumed, so no container is started.
 */
final class PostgresUrl {

    static final String ENV = "AIOCOP_TEST_POSTGRES_URL";

    private PostgresUrl() {
    }

    /** Returns the JDBC URL, fails in CI without one, skips the calling test elsewhere. */
    static String require() {
        String url = System.getenv(ENV);
        if (url != null && !url.isBlank()) {
            return url;
        }
        String howTo = "run eval \"$(.ci/postgres.sh)\" to start PostgreSQL on 127.0.0.1:5432 and set " + ENV;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("CI=true but " + ENV + " is not set; the PostgreSQL scenarios must run in CI: "
                    + howTo);
        }
        return Assumptions.abort(ENV + " is not set; " + howTo);
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
