package io.segmentbatch.trigger;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CliHelpTests {

    private static final CommandLine CLI = new CommandLine(new Cli());

    @Test
    void everyExitCodeStatementIsOneFooterLineSoThatHelpWrapsItAsASentence() {
        // picocli prints each footer element on a line of its own: a statement cut into two elements printed as a
        // line ending in "an invalid" and one of "job definition,"
        Map<String, CommandLine> commands = CLI.getSubcommands();
        assertThat(commands).isNotEmpty();
        commands.forEach((name, command) -> assertThat(
                        command.getCommandSpec().usageMessage().footer())
                .as(name)
                .noneMatch(line -> !line.isEmpty() && Character.isDigit(line.charAt(0))));
        assertThat(CLI.getCommandSpec().usageMessage().footer())
                .noneMatch(line -> !line.isEmpty() && Character.isDigit(line.charAt(0)));
    }

    @Test
    void theCommandsThatLaunchARunNameTheHeldAndBusyExitCodes() {
        // run and restart return Cli.HELD when the run trips a guard and Cli.BUSY when a run of the job is going
        for (String name : new String[] {"run", "restart"}) {
            String footer = String.join(
                    " ",
                    CLI.getSubcommands()
                            .get(name)
                            .getCommandSpec()
                            .usageMessage()
                            .footer());
            assertThat(footer)
                    .as(name)
                    .contains(Cli.HELD + " ", "held (approve or discard it)", Cli.BUSY + " a run of the job is");
        }
        assertThat(String.join(" ", CLI.getCommandSpec().usageMessage().footer()))
                .contains(Cli.HELD + " the run tripped a guard", Cli.BUSY + " a run of the job is already going");
    }

    @Test
    void noCommandNamesEveryCommand() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Cli.execute();
        } finally {
            System.setErr(err);
        }

        assertThat(code).isEqualTo(Cli.USAGE);
        String message =
                captured.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
        String[] expected = CLI.getSubcommands().keySet().stream()
                .filter(name -> !name.equals("help"))
                .toArray(String[]::new);
        assertThat(Arrays.asList(expected)).contains("preview", "approve", "discard", "worker");
        assertThat(message).startsWith("error: a command is needed: ").contains(expected);
    }
}
