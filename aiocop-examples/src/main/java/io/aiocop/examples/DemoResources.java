package io.aiocop.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the endpoints block on: two files, a database on a socket and a contended monitor.
 *
 * @param usersFile  a file a handler reads per request
 * @param configFile a file a scheduled task reloads
 * @param database   the "database" a handler queries with a blocking client
 * @param cache      the cache whose monitor a background refresher holds
 */
record DemoResources(Path usersFile, Path configFile, FakeDatabase database, CacheRefresher cache)
        implements AutoCloseable {

    /** How long the database takes to answer a query. */
    static final long DATABASE_DELAY_MS = 20;

    /** Creates the files, starts the database and the refresher. */
    static DemoResources start() throws IOException {
        Path users = Files.createTempFile("aiocop-demo-users", ".json");
        Files.writeString(users, "[{\"id\": 1, \"name\": \"Ada\"}, {\"id\": 2, \"name\": \"Grace\"}]");
        Path config = Files.createTempFile("aiocop-demo-config", ".properties");
        Files.writeString(config, "greeting=hello\nretries=3\n");
        return new DemoResources(users, config, FakeDatabase.start(DATABASE_DELAY_MS), new CacheRefresher());
    }

    @Override
    public void close() throws IOException {
        cache.close();
        database.close();
        Files.deleteIfExists(usersFile);
        Files.deleteIfExists(configFile);
    }
}
