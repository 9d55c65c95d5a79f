package io.segmentbatch.destination;

import io.segmentbatch.store.Deliveries.DueEvent;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Publishes events to a RabbitMQ topic exchange (declared durable if missing): routing key = event type, body = the
 * line of {@code events.ndjson}, persistent, message ID = event ID. The events count as delivered only once the
 * broker confirmed every one of them (publisher confirms, {@code spring.rabbitmq.publisher-confirm-type=simple}).
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

    @Override
    public void send(List<DueEvent> events) throws CallFailure {
        try {
            template.invoke(operations -> {
                operations.execute(channel -> channel.exchangeDeclare(exchange, "topic", true));
                for (DueEvent event : events) {
                    MessageProperties properties = new MessageProperties();
                    properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
                    properties.setContentEncoding("UTF-8");
                    properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
                    properties.setMessageId(event.eventId());
                    properties.setType(event.eventType());
                    operations.send(
                            exchange,
                            event.eventType(),
                            new Message(event.payload().getBytes(StandardCharsets.UTF_8), properties));
                }
                operations.waitForConfirmsOrDie(confirmTimeout.toMillis());
                return Boolean.TRUE; // invoke wants a (non-null) result; nothing reads it
            });
        } catch (AmqpException e) {
            throw new CallFailure(CallFailure.Kind.TRANSIENT, "exchange " + exchange + ": " + rootMessage(e), null);
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
