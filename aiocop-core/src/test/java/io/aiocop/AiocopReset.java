package io.aiocop;

/** Puts every JVM-wide setting back to its default between tests. */
final class AiocopReset {

    private AiocopReset() {
    }

    static void reset() {
        Aiocop.clearSlowTaskCallbacks();
        Aiocop.clearContextProviders();
        Aiocop.activate();
        Aiocop.disableRaiseOnViolations();
        Aiocop.detectSlowTasks();
        Aiocop.setMaxEventsPerTask(MonitoringState.DEFAULT_MAX_EVENTS_PER_TASK);
        Aiocop.startBlockingIoDetection();
        if (MonitoringState.CPU_SAMPLING_BY_DEFAULT) {
            Aiocop.startCpuSampling();
        } else {
            Aiocop.stopCpuSampling();
        }
        MonitoringState.EVENTS.reset();
        Aiocop.setReportMaxCallSites(OffenderAggregator.DEFAULT_MAX_CALL_SITES);
        Aiocop.resetReport();
    }
}
