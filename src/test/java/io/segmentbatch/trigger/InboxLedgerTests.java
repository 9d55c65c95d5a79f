package io.segmentbatch.trigger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.integration.metadata.SimpleMetadataStore;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class InboxLedgerTests {
    @TempDir
    Path folder;

    private final SimpleMetadataStore store = new SimpleMetadataStore();
    private final InboxLedger ledger = new InboxLedger(store, "inbox:job:");

    @Test
    void aFileIsTakenOnceUntilItsSizeOrModificationTimeChange() throws IOException {
        File file = Files.writeString(folder.resolve("customers.csv"), "id\ncust_1\n")
                .toFile();
        assertThat(ledger.accept(file)).isTrue();
        assertThat(ledger.accept(file)).as("taken already").isFalse();

        long modified = file.lastModified();
        Files.writeString(file.toPath(), "id\ncust_2\n");
        file.setLastModified(modified);
        assertThat(ledger.accept(file))
                .as("same size, same modification time: the same file")
                .isFalse();

        file.setLastModified(modified + 1000);
        assertThat(ledger.accept(file))
                .as("a new modification time: a new file")
                .isTrue();

        Files.writeString(file.toPath(), "id\ncust_22\n");
        file.setLastModified(modified + 1000);
        assertThat(ledger.accept(file)).as("a new size: a new file").isTrue();
    }

    @Test
    void aFileForgottenAfterItsRunIsANewDropEvenAsAnExactCopy() throws IOException {
        File file = Files.writeString(folder.resolve("customers.csv"), "id\ncust_1\n")
                .toFile();
        assertThat(ledger.accept(file)).isTrue();
        ledger.remove(file);
        assertThat(ledger.accept(file)).isTrue();
    }

    @Test
    void theEntryRecordsWhatTheRunIsAboutToReadAndWhen() throws IOException {
        File file = Files.writeString(folder.resolve("customers.csv"), "id\ncust_1\n")
                .toFile();
        Instant since = Instant.parse("2026-11-28T02:30:00.123456Z");
        ledger.runStarting(file, since);
        InboxLedger.Entry entry = ledger.entry(file).orElseThrow();
        assertThat(entry.size()).isEqualTo(10);
        assertThat(entry.modified()).isEqualTo(file.lastModified());
        assertThat(entry.since()).isEqualTo(Instant.parse("2026-11-28T02:30:00.123Z"));
        assertThat(entry.sameContentAs(file)).isTrue();
        assertThat(store.get("inbox:job:" + file.getAbsolutePath())).isEqualTo(entry.value());
    }

    @Test
    void anEntryOfTheOlderFormatIsTakenAsAnotherFile() throws IOException {
        File file = Files.writeString(folder.resolve("customers.csv"), "id\ncust_1\n")
                .toFile();
        store.put("inbox:job:" + file.getAbsolutePath(), Long.toString(file.lastModified()));
        assertThat(ledger.taken(file)).isTrue();
        assertThat(ledger.entry(file)).isEmpty();
        assertThat(ledger.accept(file)).isTrue();
        assertThat(ledger.entry(file)).isPresent();
    }

    @Test
    void theInboxWaitsFiveSecondsForAFileToStopChangingByDefault() {
        assertThat(new ServeSettings(null, null, null, null).minFileAge()).isEqualTo(Duration.ofSeconds(5));
    }
}
