package io.aiocop.examples;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * The demo's load: {@link Endpoint#requests()} requests to each endpoint, in a shuffled order, at most
 * {@link #CONCURRENCY} at a time, from the JDK's HTTP client over keep-alive connections.
 */
final class Traffic {

    /** Requests in flight at once. */
    static final int CONCURRENCY = 16;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final int port;

    Traffic(int port) {
        this.port = port;
    }

    /** Sends one request and returns its status, throwing when it fails. */
    int get(String path) throws Exception {
        return client.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * Sends every endpoint its requests and waits for all answers.
     *
     * @return per endpoint, how many requests were answered 200 OK
     */
    Map<Endpoint, Integer> run() throws InterruptedException {
        List<Endpoint> order = new ArrayList<>();
        for (Endpoint endpoint : Endpoint.values()) {
            order.addAll(Collections.nCopies(endpoint.requests(), endpoint));
        }
        Collections.shuffle(order, new Random(42));
        Map<Endpoint, Integer> ok = Collections.synchronizedMap(new EnumMap<>(Endpoint.class));
        Semaphore inFlight = new Semaphore(CONCURRENCY);
        List<CompletableFuture<?>> answers = new ArrayList<>();
        for (Endpoint endpoint : order) {
            inFlight.acquire();
            answers.add(client.sendAsync(request(endpoint.path()), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        inFlight.release();
                        if (failure == null && response.statusCode() == 200) {
                            ok.merge(endpoint, 1, Integer::sum);
                        }
                    }));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
        return ok;
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .build();
    }
}
