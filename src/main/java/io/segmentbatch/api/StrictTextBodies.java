package io.segmentbatch.api;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.StringHttpMessageConverter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a request body as text in its declared charset (UTF-8 when none is declared, as JSON is), refusing bytes that
 * are not of that charset. Spring's own converter put U+FFFD in their place, so a customer ID or segment name sent
 * in Latin-1 by mistake was stored as something nobody sent.
 */
class StrictTextBodies extends StringHttpMessageConverter {

    StrictTextBodies() {
        super(StandardCharsets.UTF_8);
    }

    @Override
    protected String readInternal(Class<? extends String> type, HttpInputMessage input) throws IOException {
        MediaType contentType = input.getHeaders().getContentType();
        Charset charset = contentType == null || contentType.getCharset() == null
                ? StandardCharsets.UTF_8
                : contentType.getCharset();
        ByteBuffer bytes = ByteBuffer.wrap(input.getBody().readAllBytes());
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(bytes).toString();
        } catch (CharacterCodingException e) {
            // the decoder stops at the start of the sequence it cannot read
            throw new NotText(
                    "The body is not valid " + charset.name() + ": the bytes at offset " + bytes.position()
                            + " (counting from 0) are not a character"
                            + (charset.equals(StandardCharsets.UTF_8)
                                    ? "; a body is read as UTF-8 unless its Content-Type names another charset"
                                    : ""),
                    input);
        }
    }

    /** A body whose bytes are not text in its charset: the 400's details are this message. */
    static final class NotText extends HttpMessageNotReadableException {
        NotText(String message, HttpInputMessage input) {
            super(message, input);
        }
    }
}
