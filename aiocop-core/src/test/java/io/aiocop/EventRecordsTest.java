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
                SlowTaskEvent.Reason.IO_BLOCKING, events, context, 0, "loop", "loop");
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
    void blockingEventInfoBuiltFromItsPartsRendersItsEventAndCutsALongDetail() {
        BlockingEventInfo info = BlockingEventInfo.of("connect", "10.0.0.1:5432", List.of(), "App.run(App.java:3)",
                50, 1_500_000, true, BlockingEventInfo.Source.INSTRUMENTED);
        assertThat(info.event()).isEqualTo("connect(10.0.0.1:5432)");
        assertThat(info.operation()).isEqualTo("connect");
        assertThat(info.detail()).isEqualTo("10.0.0.1:5432");
        assertThat(info.weight()).isEqualTo(50).isEqualTo(info.severity());
        assertThat(info.durationNanos()).isEqualTo(1_500_000);
        assertThat(info.permitted()).isTrue();

        BlockingEventInfo empty = BlockingEventInfo.of("gethostname", "", List.of(), "e", 50, -1, false, BlockingEventInfo.Source.AUDIT);
        assertThat(empty.event()).isEqualTo("gethostname()");

        String longPath = "/" + "d".repeat(300);
        BlockingEventInfo cut = BlockingEventInfo.of("open", longPath, List.of(), "e", 10, -1, false, BlockingEventInfo.Source.AUDIT);
        assertThat(cut.detail()).hasSize(BlockingEventInfo.MAX_DETAIL_LENGTH + 3).endsWith("...")
                .startsWith(longPath.substring(0, BlockingEventInfo.MAX_DETAIL_LENGTH));
        assertThat(cut.event()).isEqualTo("open(" + cut.detail() + ")");

        BlockingEventInfo aiocopStyle = new BlockingEventInfo("my.event", List.of(), "e", 1);
        assertThat(aiocopStyle.operation()).isEqualTo("my.event");
        assertThat(aiocopStyle.detail()).isEmpty();
        assertThat(aiocopStyle.durationNanos()).isEqualTo(BlockingEventInfo.UNKNOWN_DURATION);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> BlockingEventInfo.of("open", "/x", List.of(), "e", 10, -2, false, BlockingEventInfo.Source.AUDIT))
                .withMessageContaining("durationNanos").withMessageContaining("-2");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BlockingEventInfo.of(" ", "/x", List.of(), "e", 10, -1, false, BlockingEventInfo.Source.AUDIT))
                .withMessageContaining("operation");
        assertThatNullPointerException()
                .isThrownBy(() -> BlockingEventInfo.of("open", null, List.of(), "e", 10, -1, false, BlockingEventInfo.Source.AUDIT))
                .withMessageContaining("detail");
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
