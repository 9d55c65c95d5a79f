package io.segmentbatch.destination;

import io.segmentbatch.store.Deliveries.DueEvent;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * POSTs events to a webhook: one envelope a request as {@code application/json}, or with {@code batch_size} &gt; 1 up
 * to that many envelopes a request as NDJSON ({@code application/x-ndjson}, one envelope a line). Any 2xx is
 * delivered; the body is signed in {@code X-Voucherify-Signature}.
 */
final class WebhookSender implements EventSender {
    private final DestinationSpec.Webhook spec;
    private final String jobName;
    private final String secret;

    WebhookSender(DestinationSpec.Webhook spec, String jobName, String secret) {
        this.spec = spec;
        this.jobName = jobName;
        this.secret = secret;
    }

    @Override
    public int batchSize() {
        return spec.batchSize();
    }

    @Override
    public void send(List<DueEvent> events) throws CallFailure {
        boolean batch = spec.batchSize() > 1;
        String body = events.stream()
                .map(event -> WebhookEnvelope.of(spec.key(), jobName, event.payload()))
                .collect(Collectors.joining("\n", "", batch ? "\n" : ""));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpCalls.send(HttpCalls.request(spec.url(), spec.timeout())
                .header("Content-Type", batch ? "application/x-ndjson" : "application/json")
                .header(Signatures.HEADER, Signatures.sign(bytes, secret))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build());
    }
}
