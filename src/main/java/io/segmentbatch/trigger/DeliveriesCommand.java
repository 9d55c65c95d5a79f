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
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

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
            footer = {
                "",
                "Exit codes: 0 listed, 2 bad usage (or a --destination that no delivery has and no job declared)."
            })
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
                long total = destinations.countDeliveries(filter, destination);
                System.out.printf(
                        "%d of %d %s%n",
                        rows.size(),
                        total,
                        (state.equals("all") ? "" : state + " ") + (total == 1 ? "delivery" : "deliveries"));
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
                "With --send, every due delivery is sent: those made pending here and any others due.",
                "Both are counted, on lines of their own.",
                "",
                "Exit codes: 0 done (with --send: every delivery sent was delivered), 1 an event named has no dead"
                        + " delivery, or with --send some are still pending or dead, 2 bad usage (or a --destination that"
                        + " no delivery has and no job declared)."
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
                int exit = Cli.COMPLETED;
                for (String problem : destinations.notRedeliverable(destination, eventIds)) {
                    System.err.println("error: " + problem);
                    exit = Cli.FAILED;
                }
                // the dispatcher sends every delivery due, not only these: the others are counted apart
                long othersDue = send ? destinations.countDueDeliveries() : 0;
                long deliveredBefore = destinations.countDeliveries("delivered", null);
                long deadBefore = destinations.countDeliveries("dead", null);
                List<Deliveries.DeliveryKey> redelivered = destinations.redeliver(destination, eventIds);
                System.out.println(redelivered.size()
                        + (redelivered.size() == 1 ? " dead delivery is" : " dead deliveries are")
                        + " pending again");
                if (send) {
                    destinations.drainEvents();
                    Map<String, Long> now = destinations.states(redelivered);
                    long delivered = now.getOrDefault("DELIVERED", 0L);
                    long dead = now.getOrDefault("DEAD", 0L);
                    System.out.println(delivered + " delivered, " + now.getOrDefault("PENDING", 0L) + " still pending, "
                            + dead + " dead");
                    long othersDelivered =
                            destinations.countDeliveries("delivered", null) - deliveredBefore - delivered;
                    // the redelivered ones were dead before: the count of dead ones went down by them first
                    long othersDead =
                            destinations.countDeliveries("dead", null) - (deadBefore - redelivered.size()) - dead;
                    if (othersDue > 0) {
                        System.out.println("and the " + othersDue + " other deliveries that were due: "
                                + othersDelivered + " delivered, "
                                + Math.max(0, othersDue - othersDelivered - othersDead) + " still pending, "
                                + othersDead + " dead");
                    }
                    long sent = redelivered.size() + othersDue;
                    long notDelivered = sent - delivered - othersDelivered;
                    if (notDelivered > 0) {
                        System.err.println("error: " + notDelivered + " of the " + sent + " deliveries sent were not"
                                + " delivered (deliveries list --state all shows their last error)");
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
        destinations.unknownDeliveryDestination(destination).ifPresent(problem -> {
            throw new CommandLine.ParameterException(spec.commandLine(), "--destination: " + problem);
        });
    }
}
