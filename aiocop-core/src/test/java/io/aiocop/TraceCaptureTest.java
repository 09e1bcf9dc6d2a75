package io.aiocop;

import static io.aiocop.BlockingEventInfo.Source.AUDIT;
import static io.aiocop.TraceCapture.capture;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The entry point and trace of a captured event, checked against the element a {@link Throwable} gives for the same
 * line; the cases a cache of entry points per call site would have to keep apart (sites, overloads at one bytecode
 * index, stack depths, lambdas, reflection).
 */
final class TraceCaptureTest {

    // Each capture and the element it is checked against are made on one line: same class, method, file and line.

    @Test
    void sameCallSiteReachedTwiceGivesTheSameEntryPointAndTrace() {
        List<BlockingEventInfo> events = new ArrayList<>();
        List<StackTraceElement> here = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            events.add(capture("op", "", 1, -1, false, AUDIT, 20)); here.add(caller());
        }
        assertThat(events.get(0).entryPoint()).isEqualTo(here.get(0).toString());
        assertThat(events.get(1).entryPoint()).isEqualTo(events.get(0).entryPoint());
        assertThat(events.get(1).trace()).isEqualTo(events.get(0).trace());
        assertThat(events.get(0).trace().get(0)).isEqualTo(here.get(0));
    }

    @Test
    void twoCallSitesInOneMethodGiveTheirOwnLines() {
        BlockingEventInfo first = capture("op", "", 1, -1, false, AUDIT, 20); StackTraceElement firstHere = caller();
        BlockingEventInfo second = capture("op", "", 1, -1, false, AUDIT, 20); StackTraceElement secondHere = caller();
        assertThat(first.entryPoint()).isEqualTo(firstHere.toString());
        assertThat(second.entryPoint()).isEqualTo(secondHere.toString());
        assertThat(first.entryPoint()).isNotEqualTo(second.entryPoint());
    }

    @Test
    void overloadsWithTheSameBytecodeIndexAreTwoSites() {
        // Same name, same body, so the capture sits at the same bytecode index in both; only the descriptor differs.
        for (int i = 0; i < 2; i++) {
            Object[] ofInt = site(1);
            Object[] ofString = site("x");
            assertThat(((BlockingEventInfo) ofInt[0]).entryPoint()).isEqualTo(ofInt[1].toString());
            assertThat(((BlockingEventInfo) ofString[0]).entryPoint()).isEqualTo(ofString[1].toString());
            assertThat(ofInt[1].toString()).isNotEqualTo(ofString[1].toString());
        }
    }

    @Test
    void theSameSiteAtDifferentStackDepthsKeepsItsEntryPointAndDepthOfTrace() {
        BlockingEventInfo shallow = atDepth(1);
        atDepth(7);
        BlockingEventInfo deep = atDepth(40);
        assertThat(deep.entryPoint()).isEqualTo(shallow.entryPoint());
        assertThat(shallow.trace()).hasSize(20);
        assertThat(deep.trace()).hasSize(20);
        assertThat(deep.trace().get(0)).isEqualTo(shallow.trace().get(0));
        assertThat(deep.trace().subList(1, 20)).extracting(StackTraceElement::getMethodName).containsOnly("atDepth");
    }

    @Test
    void aLambdaIsItsOwnCallSite() {
        Supplier<Object[]> inLambda = () -> new Object[] {capture("op", "", 1, -1, false, AUDIT, 20), caller()};
        for (int i = 0; i < 2; i++) {
            Object[] got = inLambda.get();
            BlockingEventInfo event = (BlockingEventInfo) got[0];
            assertThat(event.entryPoint()).isEqualTo(got[1].toString()).contains("lambda$");
            assertThat(event.trace().get(0)).isEqualTo(got[1]);
        }
    }

    @Test
    void aMethodCalledByReflectionIsTheEntryPointAndItsTraceShowsTheReflectionFrames() throws Exception {
        Method method = TraceCaptureTest.class.getDeclaredMethod("site", int.class);
        for (int i = 0; i < 2; i++) {
            Object[] got = (Object[]) method.invoke(null, 1);
            BlockingEventInfo event = (BlockingEventInfo) got[0];
            assertThat(event.entryPoint()).isEqualTo(got[1].toString());
            assertThat(event.trace()).extracting(StackTraceElement::getClassName).contains(Method.class.getName());
        }
    }

    private static Object[] site(int key) {
        return new Object[] {capture("op", "", 1, -1, false, AUDIT, 20), caller()};
    }

    private static Object[] site(String key) {
        return new Object[] {capture("op", "", 1, -1, false, AUDIT, 20), caller()};
    }

    private static BlockingEventInfo atDepth(int frames) {
        return frames <= 1 ? capture("op", "", 1, -1, false, AUDIT, 20) : atDepth(frames - 1);
    }

    /** The element of the line that calls this: what the capture made on the same line must give. */
    private static StackTraceElement caller() {
        return new Throwable().getStackTrace()[1];
    }
}
