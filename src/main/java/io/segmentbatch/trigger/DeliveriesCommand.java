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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

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
            footer = {"", "Exit codes: 0 listed, 2 bad usage (or no delivery has the --destination named)."})
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
                checkDestination(spec, destinations, destination);
                List<Deliveries.DeliveryRow> rows = destinations.deliveries(filter, destination, limit, 0);
                // columns as wide as their longest value: event IDs are 30 characters, destination names any length
                int names = width("destination", rows, Deliveries.DeliveryRow::destKey);
                int events = width("event", rows, Deliveries.DeliveryRow::eventId);
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
            footer = {
                "",
                "Exit codes: 0 done (with --send: every delivery made pending was delivered), 1 an event named has no"
                        + " dead delivery, or with --send some are still pending or dead, 2 bad usage (or no delivery"
                        + " has the --destination named)."
            })
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
                checkDestination(spec, destinations, destination);
                List<Deliveries.DeliveryKey> redelivered = destinations.redeliver(destination, eventIds);
                System.out.println(redelivered.size() + " dead deliveries are pending again");
                int exit = Cli.COMPLETED;
                Set<String> pendingAgain = redelivered.stream()
                        .map(Deliveries.DeliveryKey::eventId)
                        .collect(Collectors.toSet());
                Map<String, List<String>> states = destinations.deliveryStates(destination, eventIds);
                for (String eventId : new LinkedHashSet<>(eventIds)) {
                    List<String> left = states.getOrDefault(eventId, List.of());
                    if (left.isEmpty()) {
                        System.err.println("error: event " + eventId + " has no delivery"
                                + (destination == null ? "" : " to " + destination));
                        exit = Cli.FAILED;
                    } else if (!pendingAgain.contains(eventId)) {
                        System.err.println("error: event " + eventId + " has no dead delivery"
                                + (destination == null ? "" : " to " + destination) + " ("
                                + String.join(", ", left).toLowerCase(Locale.ROOT) + ")");
                        exit = Cli.FAILED;
                    }
                }
                if (send) {
                    destinations.drainEvents();
                    Map<String, Long> now = destinations.states(redelivered);
                    long pending = now.getOrDefault("PENDING", 0L);
                    long dead = now.getOrDefault("DEAD", 0L);
                    System.out.println(now.getOrDefault("DELIVERED", 0L) + " delivered, " + pending + " still pending, "
                            + dead + " dead");
                    if (pending + dead > 0) {
                        System.err.println("error: " + (pending + dead) + " of the " + redelivered.size()
                                + " deliveries made pending were not delivered (deliveries list --state all"
                                + " shows their last error)");
                        exit = Cli.FAILED;
                    }
                }
                return exit;
            }
        }
    }

    /** A column as wide as its header and its longest value. */
    private static int width(
            String header, List<Deliveries.DeliveryRow> rows, Function<Deliveries.DeliveryRow, String> value) {
        return Math.max(
                header.length(),
                rows.stream().mapToInt(row -> value.apply(row).length()).max().orElse(0));
    }

    /** A destination named on the command line must have deliveries: a typo would otherwise list or redeliver none. */
    private static void checkDestination(
            CommandLine.Model.CommandSpec spec, Destinations destinations, @Nullable String destination) {
        if (destination != null && destinations.countDeliveries(null, destination) == 0) {
            List<String> known = destinations.deliveryDestinations();
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--destination: no delivery has the destination '" + destination + "'"
                            + (known.isEmpty()
                                    ? " (there are no deliveries)"
                                    : "; destinations with deliveries: "
                                            + String.join(", ", known.subList(0, Math.min(known.size(), 20)))
                                            + (known.size() > 20 ? " and " + (known.size() - 20) + " more" : "")));
        }
    }
}
