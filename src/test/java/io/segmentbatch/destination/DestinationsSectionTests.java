package io.segmentbatch.destination;

import io.segmentbatch.job.DefinitionError;
import io.segmentbatch.job.InvalidDefinitionException;
import io.segmentbatch.job.JobDefinitionLoader;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The job key {@code destinations}: what is accepted, and every mistake reported with its JSON path. */
class DestinationsSectionTests {
    private static final String SEGMENTS = "\"segments\": [{\"name\": \"Warsaw\", \"type\": \"auto-update\","
            + " \"filter\": {\"address.city\": {\"conditions\": {\"$is\": [\"Warsaw\"]}}}}]";

    private static List<String> errors(String destinations) {
        String json = "{\"name\": \"nightly\", " + SEGMENTS + ", \"destinations\": " + destinations + "}";
        try {
            new JobDefinitionLoader().parse("jobs/nightly.json", json);
            return List.of();
        } catch (InvalidDefinitionException e) {
            return e.errors().stream()
                    .map(error -> error.path() + ": " + error.message())
                    .toList();
        }
    }

    @Test
    void validDeclarationsOfEveryTypeAreAcceptedWithTheirDefaults() {
        List<String> problems = new ArrayList<>();
        List<DestinationSpec> specs = DestinationsSection.read(
                JsonMapper.builder().build().readTree("""
                [{"type": "voucherify", "api_url": "https://api.voucherify.io", "app_id_env": "VOUCHERIFY_APP_ID",
                  "app_token_env": "VOUCHERIFY_APP_TOKEN", "segments": ["Warsaw"]},
                 {"type": "webhook", "url": "https://hooks.example.com/segments", "secret_env": "HOOK_SECRET",
                  "events": ["customer.segment.entered"], "batch_size": 50},
                 {"type": "rabbitmq", "exchange": "segments", "name": "events-bus"}]"""),
                "nightly",
                List.of("Warsaw"),
                (path, message) -> problems.add(path + ": " + message));
        assertThat(problems).isEmpty();
        var voucherify = (DestinationSpec.Voucherify) specs.get(0);
        assertThat(voucherify.key()).isEqualTo("nightly:voucherify:https://api.voucherify.io");
        assertThat(voucherify.requestsPerMinute())
                .as("Voucherify's Business plan")
                .isEqualTo(100);
        assertThat(voucherify.segments()).containsExactly("Warsaw");
        var webhook = (DestinationSpec.Webhook) specs.get(1);
        assertThat(webhook.retry())
                .isEqualTo(new DestinationSpec.Retry(12, Duration.ofMinutes(1), Duration.ofHours(24)));
        assertThat(webhook.events()).containsExactly("customer.segment.entered");
        assertThat(specs.get(2).key()).isEqualTo("events-bus");
    }

    @Test
    void unknownTypesMissingEnvironmentNamesAndBadUrlsAreErrorsWithTheirJsonPath() {
        assertThat(errors("""
                [{"type": "mailchimp"},
                 {"type": "voucherify", "api_url": "api.voucherify.io", "app_id_env": "VOUCHERIFY_APP_ID"},
                 {"type": "webhook", "url": "ftp://example.com/x", "secret_env": "my secret!", "events": ["customer.created"]},
                 {"type": "rabbitmq"},
                 {"type": "voucherify", "api_url": "https://api.voucherify.io", "app_id_env": "A", "app_token_env": "B",
                  "segments": ["Krakow"], "requests_per_minute": 0, "retry": {"max_tries": 3, "first_delay": "1 minute"},
                  "app_token": "secret"}]"""))
                .containsExactlyInAnyOrder(
                        "$.destinations[0].type: unknown destination type 'mailchimp' (expected voucherify, webhook or rabbitmq)",
                        "$.destinations[1].api_url: expected an http or https URL such as https://api.voucherify.io, found 'api.voucherify.io'",
                        "$.destinations[1].app_token_env: a destination needs \"app_token_env\"",
                        "$.destinations[2].url: expected an http or https URL such as https://api.voucherify.io, found 'ftp://example.com/x'",
                        "$.destinations[2].secret_env: expected the name of an environment variable such as VOUCHERIFY_APP_TOKEN"
                                + " (credentials never go in the job file), found 'my secret!'",
                        "$.destinations[2].events[0]: expected customer.segment.entered or customer.segment.left, found \"customer.created\"",
                        "$.destinations[3].exchange: a destination needs \"exchange\"",
                        "$.destinations[4].app_token: unknown key 'app_token' for a voucherify destination (expected one of api_url, app_id_env,"
                                + " app_token_env, concurrency, name, requests_per_minute, retry, segments, timeout, type)",
                        "$.destinations[4].segments[0]: the job has no segment named 'Krakow'",
                        "$.destinations[4].requests_per_minute: expected a whole number from 1 to 100000, found 0",
                        "$.destinations[4].retry.first_delay: expected an ISO 8601 duration such as \"PT30S\" or \"PT1M\", found '1 minute'");
    }

    @Test
    void aTimeoutOfZeroIsAnErrorWhereTheHttpClientWouldRefuseEveryCall() {
        assertThat(errors("""
                [{"type": "webhook", "url": "https://example.com/hook", "secret_env": "HOOK_SECRET", "timeout": "PT0S"},
                 {"type": "voucherify", "api_url": "https://api.voucherify.io", "app_id_env": "A", "app_token_env": "B",
                  "timeout": "PT0.5S"}]"""))
                .containsExactly("$.destinations[0].timeout: expected a timeout longer than zero, found 'PT0S'");
    }

    @Test
    void twoDestinationsOfOneNameAndANonArrayAreErrors() {
        assertThat(errors("{\"type\": \"webhook\"}"))
                .containsExactly("$.destinations: expected an array of destinations, found object");
        assertThat(errors("""
                [{"type": "rabbitmq", "exchange": "x"}, {"type": "rabbitmq", "exchange": "x"}]"""))
                .containsExactly(
                        "$.destinations[1]: a second destination named 'nightly:rabbitmq:x'; give one of them a different \"name\"");
    }

    @Test
    void theLoaderReportsDestinationErrorsWithTheFile() {
        assertThatThrownBy(() -> new JobDefinitionLoader()
                        .parse(
                                "jobs/nightly.json",
                                "{\"name\": \"nightly\", " + SEGMENTS + ", \"destinations\": [{\"type\": \"sms\"}]}"))
                .isInstanceOfSatisfying(
                        InvalidDefinitionException.class,
                        e -> assertThat(e.errors())
                                .extracting(DefinitionError::toString)
                                .containsExactly(
                                        "jobs/nightly.json: $.destinations[0].type: unknown destination type 'sms' (expected voucherify, webhook or rabbitmq)"));
    }

    @Test
    void backoffDoublesFromTheFirstDelayUpToTheMaximum() {
        DestinationSpec.Retry voucherifys = new DestinationSpec.Retry(12, Duration.ofMinutes(1), Duration.ofHours(24));
        assertThat(voucherifys.delayAfter(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(voucherifys.delayAfter(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(voucherifys.delayAfter(11)).isEqualTo(Duration.ofHours(17).plusMinutes(4));
        assertThat(voucherifys.delayAfter(12)).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        assertThat(HttpCalls.retryAfter("3")).isEqualTo(Duration.ofSeconds(3));
        assertThat(HttpCalls.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(HttpCalls.retryAfter("soon")).isNull();
    }

    @Test
    void theSignatureIsTheHexHmacSha256OfTheRawBody() {
        // RFC 4231 test case 2
        assertThat(Signatures.sign(
                        "what do ya want for nothing?".getBytes(java.nio.charset.StandardCharsets.UTF_8), "Jefe"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
