package com.example.zerocode;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A Vert.x 5 HTTP server whose {@code /blocking} handler reads a file and sleeps on its event loop. */
public final class VertxApp {

    private VertxApp() {
    }

    /**
     * Runs the server.
     *
     * @param args none
     * @throws Exception when it cannot start
     */
    public static void main(String[] args) throws Exception {
        Path file = AppSupport.dataFile();
        Vertx vertx = Vertx.vertx();
        AppSupport.printLine(AppSupport.lineHere() + 4);
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            if (request.path().equals("/blocking")) {
                try {
                    String text = Files.readString(file);
                    Thread.sleep(100);
                    request.response().end(text);
                } catch (Exception e) {
                    request.response().setStatusCode(500).end(e.toString());
                }
            } else {
                request.response().end("clean");
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        AppSupport.readyThenWait(server.actualPort());
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
