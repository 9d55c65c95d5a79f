package io.segmentbatch.segment;

/** What is known of a member: its identity and what an event says about it. */
public record MemberInfo(String key, String id, String sourceId, String name, String email) {
}
