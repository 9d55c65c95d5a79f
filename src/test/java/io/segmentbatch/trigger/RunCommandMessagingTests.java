package io.segmentbatch.trigger;

import io.segmentbatch.job.JobDefinition;
import io.segmentbatch.job.JobDefinitionLoader;
import io.segmentbatch.job.JobFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Which jobs keep RabbitMQ and Spring Integration in the run command's application. */
class RunCommandMessagingTests {

    @TempDir
    Path folder;

    @Test
    void aJobWithARabbitMqDestinationKeepsTheMessaging() {
        assertThat(RunCommand.deliversToRabbitMq(job(
                        "{\"type\": \"webhook\", \"url\": \"https://hooks.example.com/segments\", \"secret_env\": \"HOOK_SECRET\"}",
                        "{\"type\": \"rabbitmq\", \"exchange\": \"segments\"}")))
                .isTrue();
    }

    @Test
    void aJobWithoutOneLeavesItOut() {
        assertThat(
                        RunCommand.deliversToRabbitMq(
                                job(
                                        "{\"type\": \"webhook\", \"url\": \"https://hooks.example.com/segments\", \"secret_env\": \"HOOK_SECRET\"}")))
                .isFalse();
        assertThat(RunCommand.deliversToRabbitMq(job())).isFalse();
    }

    private JobDefinition job(String... destinations) {
        JobFile file = JobFile.of("job-segments.json").name("messaging").set("guards", null);
        if (destinations.length > 0) {
            file.setJson("destinations", "[" + String.join(", ", destinations) + "]");
        }
        return new JobDefinitionLoader().load(file.writeTo(folder));
    }
}
