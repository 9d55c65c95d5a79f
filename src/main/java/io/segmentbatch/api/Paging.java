package io.segmentbatch.api;

import org.jspecify.annotations.Nullable;

/** Voucherify's list parameters: {@code limit} 1 to 100 (default 10) and {@code page} from 1. */
final class Paging {
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;

    private Paging() {}

    static int limit(@Nullable String text) {
        Integer limit = number(text);
        if (text != null && (limit == null || limit < 1 || limit > MAX_LIMIT)) {
            throw ApiException.badRequest(
                    "invalid_limit", "limit must be a whole number from 1 to " + MAX_LIMIT + ", found '" + text + "'");
        }
        return limit == null ? DEFAULT_LIMIT : limit;
    }

    static long offset(@Nullable String text, int limit) {
        Integer page = number(text);
        if (text != null && (page == null || page < 1)) {
            throw ApiException.badRequest("invalid_page", "page must be a whole number from 1, found '" + text + "'");
        }
        return page == null ? 0 : (long) (page - 1) * limit;
    }

    /**
     * Digits as a number, leading zeros and all ({@code 0000000010} is 10); one of more than nine significant digits
     * counts as {@link Integer#MAX_VALUE}: a page that far is past the end of any list, and such a limit too large.
     */
    private static @Nullable Integer number(@Nullable String text) {
        if (text == null || !text.matches("\\d+")) {
            return null;
        }
        String significant = text.replaceFirst("^0+(?=.)", "");
        return significant.length() > 9 ? Integer.MAX_VALUE : Integer.valueOf(significant);
    }
}
