package com.example.zerocode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** A reactor-netty HTTP server whose {@code /blocking} handler reads a file and sleeps on the event loop. */
public final class ReactorNettyApp {

    private ReactorNettyApp() {
    }

    /**
     * Runs the server.
     *
     * @param args none
     * @throws Exception when it cannot start
     */
    public static void main(String[] args) throws Exception {
        Path file = AppSupport.dataFile();
        AppSupport.printLine(READ_LINE);
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes
                        .get("/blocking", (request, response) -> {
                            String text = readAndSleep(file);
                            return response.sendString(Mono.just(text));
                        })
                        .get("/clean", (request, response) -> response.sendString(Mono.just("clean"))))
                .bindNow();
        AppSupport.readyThenWait(server.port());
        server.disposeNow();
    }

    /** The line of the file read below. */
    private static final int READ_LINE = AppSupport.lineHere() + 5;

    /** The handler's blocking work, on the event loop. */
    private static String readAndSleep(Path file) {
        try {
            String text = Files.readString(file);
            Thread.sleep(100);
            return text;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
