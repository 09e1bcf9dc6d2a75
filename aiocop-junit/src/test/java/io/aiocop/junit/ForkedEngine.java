package io.aiocop.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The main class of a JVM that {@link AgentSelfInstallTest} starts: runs one fixture class through the engine test
 * kit and prints one line per test, {@code PASSED <name>} or {@code FAILED <name>: <message>}.
 */
public final class ForkedEngine {

    private ForkedEngine() {
    }

    /**
     * Runs the fixture.
     *
     * @param args the fixture's class name
     * @throws ClassNotFoundException when there is no such class
     */
    public static void main(String[] args) throws ClassNotFoundException {
        var events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Class.forName(args[0]))).execute()
                .testEvents();
        for (Event e : events.succeeded().list()) {
            System.out.println("PASSED " + e.getTestDescriptor().getDisplayName());
        }
        for (Event e : events.failed().list()) {
            String message = e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                    .map(Throwable::getMessage).orElse("?");
            System.out.println("FAILED " + e.getTestDescriptor().getDisplayName() + ": "
                    + message.replace('\n', ' '));
        }
    }
}
