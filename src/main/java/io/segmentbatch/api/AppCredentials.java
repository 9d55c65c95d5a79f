package io.segmentbatch.api;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The one application allowed to call {@code /v1}: {@code segment-batch.app-id} and {@code segment-batch.app-token}
 * (environment: {@code SEGMENT_BATCH_APP_ID}, {@code SEGMENT_BATCH_APP_TOKEN}). Serve mode does not start without
 * them. Both are compared in constant time.
 */
@Component
@ConditionalOnProperty(name = "segment-batch.serve.jobs")
class AppCredentials {
    private final byte[] appId;
    private final byte[] appToken;

    AppCredentials(
            @Value("${segment-batch.app-id:${SEGMENT_BATCH_APP_ID:}}") String appId,
            @Value("${segment-batch.app-token:${SEGMENT_BATCH_APP_TOKEN:}}") String appToken) {
        if (appId == null || appId.isBlank() || appToken == null || appToken.isBlank()) {
            throw new IllegalStateException("no API credentials configured: set SEGMENT_BATCH_APP_ID and "
                    + "SEGMENT_BATCH_APP_TOKEN (or segment-batch.app-id and segment-batch.app-token)");
        }
        this.appId = appId.getBytes(StandardCharsets.UTF_8);
        this.appToken = appToken.getBytes(StandardCharsets.UTF_8);
    }

    /** True when both headers match; both comparisons always run. */
    boolean matches(String givenId, String givenToken) {
        boolean id = MessageDigest.isEqual(appId, bytes(givenId));
        boolean token = MessageDigest.isEqual(appToken, bytes(givenToken));
        return id && token;
    }

    private static byte[] bytes(String value) {
        return value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
    }
}
