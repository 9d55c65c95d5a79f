package io.segmentbatch.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Caps request bodies ({@code segment-batch.api.max-body-size}, 25 MB by default: a static segment of 20,000 IDs
 * needs well under 1 MB). A declared {@code Content-Length} over the cap is refused before anything is read; a
 * chunked body is counted as it is read and refused once it passes the cap. Both answer {@code 413}.
 */
class BodyLimitFilter extends OncePerRequestFilter {
    private final long maxBytes;

    BodyLimitFilter(DataSize max) {
        this.maxBytes = max.toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            response.setHeader("Connection", "close");
            Envelopes.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", tooLarge());
            return;
        }
        chain.doFilter(new Capped(request), response);
    }

    String tooLarge() {
        return "The request body is larger than " + DataSize.ofBytes(maxBytes).toMegabytes() + " MB (" + maxBytes
                + " bytes), the most this service accepts (segment-batch.api.max-body-size).";
    }

    /** Thrown by a capped body's stream once more than the cap has been read; {@link ApiErrors} answers 413. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(String message) {
            super(message);
        }
    }

    private final class Capped extends HttpServletRequestWrapper {
        private @Nullable ServletInputStream stream;

        Capped(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream());
            }
            return stream;
        }
    }

    private final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private long read;

        CountingStream(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > maxBytes) {
                throw new BodyTooLargeException(tooLarge());
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
