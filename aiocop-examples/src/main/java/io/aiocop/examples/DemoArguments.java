package io.aiocop.examples;

import java.util.List;

/**
 * The demo's command line: {@code [--serve] [--port N] | --help}.
 *
 * @param serve whether to keep serving until killed instead of driving traffic and exiting
 * @param port  the port to listen on, 0 for an ephemeral one
 * @param help  whether to print the usage and exit
 */
record DemoArguments(boolean serve, int port, boolean help) {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar aiocop-demo.jar [--serve] [--port N] | --help",
            "",
            "Starts a Netty HTTP server on 127.0.0.1 on monitored event loops, with aiocop's agent, whose endpoints",
            "block the loop the ways people do by mistake.",
            "",
            "  (no option)  drive a few hundred concurrent requests at the endpoints, show aiocop's log lines as",
            "               they happen, then print the offender report and the meters' values, and exit",
            "  --serve      keep serving until killed (Ctrl-C); prints 'listening on http://127.0.0.1:PORT'.",
            "               GET /metrics answers in Prometheus' text format: point Prometheus at it, and curl the",
            "               endpoints (GET / lists them) to see what aiocop reports",
            "  --port N     listen on port N (1 to 65535) instead of an ephemeral port",
            "  --help       print this and exit");

    /**
     * Parses the command line.
     *
     * @param args the arguments of {@code main}
     * @return the parsed arguments
     * @throws IllegalArgumentException naming the argument that is not understood
     */
    static DemoArguments parse(List<String> args) {
        boolean serve = false;
        boolean help = false;
        int port = 0;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--serve":
                    serve = true;
                    break;
                case "--help":
                case "-h":
                    help = true;
                    break;
                case "--port":
                    if (i + 1 == args.size()) {
                        throw new IllegalArgumentException("--port needs a port number (1 to 65535)");
                    }
                    port = port(args.get(++i));
                    break;
                default:
                    throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        return new DemoArguments(serve, port, help);
    }

    private static int port(String value) {
        int port;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number from 1 to 65535, was '" + value + "'", e);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--port must be from 1 to 65535, was " + port);
        }
        return port;
    }
}
