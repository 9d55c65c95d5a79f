package io.segmentbatch.trigger;

import io.segmentbatch.destination.Destinations;
import io.segmentbatch.store.Deliveries;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code deliveries list|redeliver}: the event deliveries of webhook and rabbitmq destinations. */
@Command(
        name = "deliveries",
        mixinStandardHelpOptions = true,
        description = "Lists event deliveries (pending, delivered, dead) and redelivers dead ones.",
        subcommands = {DeliveriesCommand.ListDeliveries.class, DeliveriesCommand.Redeliver.class})
final class DeliveriesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed: list or redeliver");
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Lists deliveries, newest event first.",
            footer = {"", "Exit codes: 0 listed, 2 bad usage."})
    static final class ListDeliveries implements Callable<Integer> {
        @Option(
                names = "--state",
                paramLabel = "<state>",
                defaultValue = "dead",
                description = "pending, delivered, dead or all (default: ${DEFAULT-VALUE}).")
        String state;

        @Option(
                names = "--destination",
                paramLabel = "<name>",
                description = "Only this destination (its name as listed).")
        @Nullable
        String destination;

        @Option(
                names = "--limit",
                paramLabel = "<n>",
                defaultValue = "100",
                description = "At most this many (default: ${DEFAULT-VALUE}).")
        int limit;

        @CommandLine.Unmatched
        List<String> springArguments = new ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            SpringArguments.check(spec, springArguments);
            if (!List.of("pending", "delivered", "dead", "all").contains(state)) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--state: expected pending, delivered, dead or all, found '" + state + "'");
            }
            if (limit < 1) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--limit: expected a whole number of at least 1, found " + limit);
            }
            String filter = state.equals("all") ? null : state;
            try (ConfigurableApplicationContext context = SpringArguments.start(springArguments)) {
                Destinations destinations = context.getBean(Destinations.class);
                List<Deliveries.DeliveryRow> rows = destinations.deliveries(filter, destination, limit, 0);
                // columns as wide as their longest value: event IDs are 30 characters, destination names any length
                int names = Math.max(
                        "destination".length(),
                        rows.stream()
                                .mapToInt(row -> row.destKey().length())
                                .max()
                                .orElse(0));
                int events = Math.max(
                        "event".length(),
                        rows.stream()
                                .mapToInt(row -> row.eventId().length())
                                .max()
                                .orElse(0));
                String format = "%-" + names + "s %-" + events + "s %-10s %5s  %-24s %s%n";
                System.out.printf(format, "destination", "event", "state", "tries", "next try", "last error");
                for (Deliveries.DeliveryRow row : rows) {
                    System.out.printf(
                            format,
                            row.destKey(),
                            row.eventId(),
                            row.state().toLowerCase(java.util.Locale.ROOT),
                            row.tries(),
                            row.state().equals("PENDING") ? row.nextAttemptAt() : "",
                            row.lastError() == null ? "" : row.lastError());
                }
                System.out.printf(
                        "%d of %d %s deliveries%n",
                        rows.size(), destinations.countDeliveries(filter, destination), state);
                return Cli.COMPLETED;
            }
        }
    }

    @Command(
            name = "redeliver",
            mixinStandardHelpOptions = true,
            description = "Makes dead deliveries pending again with a fresh count of tries; the next run, push or "
                    + "serve sends them.",
            footer = {"", "Exit codes: 0 done, 2 bad usage."})
    static final class Redeliver implements Callable<Integer> {
        @Parameters(
                paramLabel = "<event id>",
                arity = "0..*",
                description = "Only these events (default: every dead one).")
        List<String> eventIds = new ArrayList<>();

        @Option(names = "--destination", paramLabel = "<name>", description = "Only this destination.")
        @Nullable
        String destination;

        @Option(names = "--send", description = "Also send them now, instead of leaving them to serve.")
        boolean send;

        @CommandLine.Unmatched
        List<String> springArguments = new ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            SpringArguments.check(spec, springArguments);
            try (ConfigurableApplicationContext context = SpringArguments.start(springArguments)) {
                Destinations destinations = context.getBean(Destinations.class);
                int count = destinations.redeliver(destination, eventIds);
                System.out.println(count + " dead deliveries are pending again");
                if (send) {
                    destinations.drainEvents();
                    System.out.println(destinations.countDeliveries("pending", destination) + " still pending, "
                            + destinations.countDeliveries("dead", destination) + " dead");
                }
                return Cli.COMPLETED;
            }
        }
    }
}
