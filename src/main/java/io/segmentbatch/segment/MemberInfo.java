package io.segmentbatch.segment;

import org.jspecify.annotations.Nullable;

/** What is known of a member: its identity and what an event says about it. */
public record MemberInfo(
        String key,
        String id,
        @Nullable String sourceId,
        @Nullable String name,
        @Nullable String email) {}
