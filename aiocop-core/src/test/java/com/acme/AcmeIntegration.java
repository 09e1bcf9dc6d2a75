package com.acme;

import io.aiocop.AiocopIntegration;

/** A library's integration, found through META-INF/services. */
public final class AcmeIntegration implements AiocopIntegration {

    @Override
    public void applyTo(Rules rules) {
        rules.allowBlockingCallsInside(Nesting.class.getName(), "allowedByIntegration");
    }
}
