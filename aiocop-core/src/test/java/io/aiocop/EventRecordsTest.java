package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class EventRecordsTest {

    @Test
    void slowTaskEventCopiesAndFreezesItsCollections() {
        List<BlockingEventInfo> events = new ArrayList<>(List.of(SeverityTest.event(10)));
        Map<String, Object> context = new HashMap<>();
        context.put("request_id", "r-1");
        context.put("nullable", null);
        SlowTaskEvent e = new SlowTaskEvent(1.5, 30, false, 10, SeverityLevel.MEDIUM,
                SlowTaskEvent.Reason.IO_BLOCKING, events, context, 0, "loop");
        events.clear();
        context.clear();

        assertThat(e.blockingEvents()).hasSize(1);
        assertThat(e.context()).containsEntry("request_id", "r-1").containsEntry("nullable", null);
        assertThatThrownBy(() -> e.blockingEvents().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> e.context().put("k", "v")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void blockingEventInfoFreezesItsTraceAndRejectsBadValues() {
        List<StackTraceElement> trace = new ArrayList<>(List.of(new StackTraceElement("C", "m", "C.java", 1)));
        BlockingEventInfo info = new BlockingEventInfo("open(/x)", trace, "C.m(C.java:1)", 10);
        trace.clear();
        assertThat(info.trace()).hasSize(1);
        assertThatThrownBy(() -> info.trace().clear()).isInstanceOf(UnsupportedOperationException.class);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BlockingEventInfo("x", List.of(), "e", -1))
                .withMessageContaining("severity").withMessageContaining("-1");
        assertThatNullPointerException().isThrownBy(() -> new BlockingEventInfo(null, List.of(), "e", 1))
                .withMessageContaining("event");
    }

    @Test
    void exceptionCarriesScoreElapsedAndEvents() {
        HighSeverityBlockingIoException e = new HighSeverityBlockingIoException(60, 12.5,
                List.of(new BlockingEventInfo("sleep(100 ms)", List.of(), "App.run(App.java:3)", 50)));
        assertThat(e.severityScore()).isEqualTo(60);
        assertThat(e.elapsedMs()).isEqualTo(12.5);
        assertThat(e.events()).extracting(BlockingEventInfo::event).containsExactly("sleep(100 ms)");
        assertThat(e).hasMessageContaining("sleep(100 ms)").hasMessageContaining("60");
    }
}
