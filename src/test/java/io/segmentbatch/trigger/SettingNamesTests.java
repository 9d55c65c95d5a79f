package io.segmentbatch.trigger;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SettingNamesTests {

    @Test
    void aNearMissOfACommonSpringSettingIsATypo() {
        assertThat(SettingNames.problem("--spring.profile.active=postgres"))
                .contains("unknown setting --spring.profile.active; did you mean --spring.profiles.active?");
        assertThat(SettingNames.problem("--spring.datasource.ur=jdbc:postgresql://db/segments"))
                .contains("unknown setting --spring.datasource.ur; did you mean --spring.datasource.url?");
    }

    @Test
    void otherSpringSettingsPass() {
        assertThat(SettingNames.problem("--spring.profiles.active=postgres")).isEmpty();
        assertThat(SettingNames.problem("--spring.main.banner-mode=off")).isEmpty();
        assertThat(SettingNames.problem("--logging.level.io.segmentbatch=DEBUG"))
                .isEmpty();
        assertThat(SettingNames.problem("--management.endpoints.web.exposure.include=health"))
                .isEmpty();
    }

    @Test
    void segmentBatchsOwnSettingsAreAllKnown() {
        assertThat(SettingNames.problem("--segment-batch.chunk-size=10")).isEmpty();
        assertThat(SettingNames.problem("--segment-batch.chunksize=10"))
                .contains("unknown setting --segment-batch.chunksize; did you mean --segment-batch.chunk-size?"
                        + " (segment-batch's settings are listed in the README, \"Command line\")");
        assertThat(SettingNames.problem("--segment-batch.colour=blue"))
                .contains("unknown setting --segment-batch.colour (segment-batch's settings are listed in the README,"
                        + " \"Command line\")");
    }

    /** Every segment-batch setting the sources read is in the list, so that none is refused as unknown. */
    @Test
    void theListHoldsEverySettingTheSourcesRead() throws IOException {
        Pattern key = Pattern.compile("\"\\$?\\{?(segment-batch\\.[a-z0-9.-]*[a-z0-9])");
        Set<String> read = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Matcher found = key.matcher(Files.readString(file));
                while (found.find()) {
                    read.add(found.group(1));
                }
            }
        }
        assertThat(read).hasSizeGreaterThan(20);
        for (String name : read) {
            assertThat(SettingNames.OWN)
                    .as("%s is read by the sources (as a setting or the prefix of some)", name)
                    .anyMatch(own -> own.equals(name) || own.startsWith(name + "."));
        }
    }
}
