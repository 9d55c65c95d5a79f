package io.segmentbatch.api;

import jakarta.servlet.http.HttpServletRequest;

import java.security.SecureRandom;

/** Each request's ID: the caller's {@code X-Request-Id} when given, otherwise a new one; returned in the error body. */
final class RequestIds {
    static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = RequestIds.class.getName();
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {}

    static String of(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        if (id == null) {
            String given = request.getHeader(HEADER);
            id = given != null && given.matches("[A-Za-z0-9._-]{1,100}") ? given : newId();
            request.setAttribute(ATTRIBUTE, id);
        }
        return (String) id;
    }

    private static String newId() {
        StringBuilder id = new StringBuilder("v-");
        for (int i = 0; i < 22; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
