package io.segmentbatch.destination;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ReturnListener;
import io.segmentbatch.store.Deliveries.DueEvent;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Publishes events to a RabbitMQ topic exchange (declared durable if missing): routing key = event type, body = the
 * line of {@code events.ndjson}, persistent, message ID = event ID. The events count as delivered only once the
 * broker confirmed every one of them (publisher confirms, {@code spring.rabbitmq.publisher-confirm-type=simple}) and
 * routed it to a queue (mandatory messages: one that no queue is bound for is returned, not delivered).
 */
final class RabbitSender implements EventSender {
    private static final int BATCH = 100;

    private final RabbitTemplate template;
    private final String exchange;
    private final Duration confirmTimeout;

    RabbitSender(RabbitTemplate template, String exchange, Duration confirmTimeout) {
        this.template = template;
        this.exchange = exchange;
        this.confirmTimeout = confirmTimeout;
    }

    @Override
    public int batchSize() {
        return BATCH;
    }

    /**
     * Publishes the events as mandatory messages and waits for the broker's confirms. An event that no queue is bound
     * for comes back (basic.return, before its confirm) and is refused: it is not delivered, only confirmed as
     * dropped, and a consumer that binds later must still get it. A destination that wants only some event types
     * says so with {@code events}.
     */
    @Override
    public void send(List<DueEvent> events) throws CallFailure {
        Set<String> returned = ConcurrentHashMap.newKeySet();
        try {
            template.invoke(operations -> operations.execute(channel -> {
                channel.exchangeDeclare(exchange, "topic", true);
                ReturnListener returns = channel.addReturnListener(
                        message -> returned.add(message.getProperties().getMessageId()));
                try {
                    for (DueEvent event : events) {
                        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                                .contentType(MessageProperties.CONTENT_TYPE_JSON)
                                .contentEncoding("UTF-8")
                                .deliveryMode(MessageDeliveryMode.toInt(MessageDeliveryMode.PERSISTENT))
                                .messageId(event.eventId())
                                .type(event.eventType())
                                .build();
                        channel.basicPublish(
                                exchange,
                                event.eventType(),
                                true,
                                properties,
                                event.payload().getBytes(StandardCharsets.UTF_8));
                    }
                    channel.waitForConfirmsOrDie(confirmTimeout.toMillis());
                } finally {
                    channel.removeReturnListener(returns);
                }
                return Boolean.TRUE; // execute wants a (non-null) result; nothing reads it
            }));
        } catch (AmqpException e) {
            throw new CallFailure(CallFailure.Kind.TRANSIENT, "exchange " + exchange + ": " + rootMessage(e), null);
        }
        if (!returned.isEmpty()) {
            List<DueEvent> refused = events.stream()
                    .filter(event -> returned.contains(event.eventId()))
                    .toList();
            String keys = refused.stream()
                    .map(DueEvent::eventType)
                    .distinct()
                    .sorted()
                    .collect(Collectors.joining(", "));
            throw CallFailure.refused(
                    "exchange " + exchange + ": no queue is bound for routing key " + keys
                            + ", the broker returned the event(s) (bind a queue, or leave the event type out of the"
                            + " destination's \"events\")",
                    refused.stream().map(DueEvent::eventId).toList());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
