package io.segmentbatch.trigger;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.file.filters.ResettableFileListFilter;
import org.springframework.integration.metadata.ConcurrentMetadataStore;

import java.io.File;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which inbox files are taken, in Spring Integration's metadata store (one entry per job and absolute path), so
 * that a file is launched once across restarts. A file is known by its content's identity, name + size +
 * modification time, not by its name alone: exporters write the same name every day.
 * <ul>
 * <li>A file with no entry, or whose size or modification time differ from its entry, is a new drop: taken.</li>
 * <li>When its run is about to start, the entry records the identity again with that moment ({@code since}),
 *     so that at the next start a run created since then is known to be this file's run.</li>
 * <li>Once the file has moved to {@code processed/} or {@code failed/}, its entry is removed: the same name
 *     dropped again, even byte for byte and with the same modification time ({@code cp -p}), is a new drop.</li>
 * </ul>
 * An entry that stays while its file is still in the inbox is a file taken by a process that stopped; the
 * watcher settles it at start.
 */
final class InboxLedger implements ResettableFileListFilter<File> {
    private static final Logger log = LoggerFactory.getLogger(InboxLedger.class);

    /**
     * What a ledger entry says about a file.
     *
     * @param size     bytes
     * @param modified last-modified time, in milliseconds
     * @param since    when the file was taken, or when its run was about to start
     */
    record Entry(long size, long modified, Instant since) {
        static Entry of(File file, Instant since) {
            return new Entry(file.length(), file.lastModified(), since.truncatedTo(ChronoUnit.MILLIS));
        }

        boolean sameContentAs(File file) {
            return size == file.length() && modified == file.lastModified();
        }

        String value() {
            return "size=" + size + ";modified=" + modified + ";since=" + since.toEpochMilli();
        }

        /** Null for a value this class did not write (e.g. the last-modified time alone, as stored before). */
        static @Nullable Entry parse(String value) {
            String[] parts = value.split(";");
            if (parts.length != 3
                    || !parts[0].startsWith("size=")
                    || !parts[1].startsWith("modified=")
                    || !parts[2].startsWith("since=")) {
                return null;
            }
            try {
                return new Entry(
                        Long.parseLong(parts[0].substring(5)),
                        Long.parseLong(parts[1].substring(9)),
                        Instant.ofEpochMilli(Long.parseLong(parts[2].substring(6))));
            } catch (NumberFormatException e) {
                return null;
            }
        }

        @Override
        public String toString() {
            return size + " bytes, modified " + Instant.ofEpochMilli(modified);
        }
    }

    private final ConcurrentMetadataStore store;
    private final String prefix;

    InboxLedger(ConcurrentMetadataStore store, String prefix) {
        this.store = store;
        this.prefix = prefix;
    }

    @Override
    public List<File> filterFiles(File @Nullable [] files) {
        List<File> accepted = new ArrayList<>();
        if (files == null) {
            return accepted;
        }
        for (File file : files) {
            if (accept(file)) {
                accepted.add(file);
            }
        }
        return accepted;
    }

    @Override
    public boolean supportsSingleFileFiltering() {
        return true;
    }

    /** Takes the file if it is a new drop, and records it as taken. */
    @Override
    public boolean accept(File file) {
        String key = key(file);
        Entry now = Entry.of(file, Instant.now());
        String old = store.putIfAbsent(key, now.value());
        if (old == null) {
            return stillThere(file, key);
        }
        Entry before = Entry.parse(old);
        if (before != null && before.sameContentAs(file)) {
            return false;
        }
        if (!store.replace(key, old, now.value())) {
            return false;
        }
        log.info(
                "{}: a new file under the name of one taken before ({} then, {} now); taking it",
                file,
                before == null ? "another content" : before,
                now);
        return stillThere(file, key);
    }

    /** A file gone between the listing and now leaves no entry behind. */
    private boolean stillThere(File file, String key) {
        if (file.isFile()) {
            return true;
        }
        store.remove(key);
        return false;
    }

    /** Records, just before the file's run is launched, what the run is about to read and when; returns that. */
    Entry runStarting(File file, Instant since) {
        Entry entry = Entry.of(file, since);
        store.put(key(file), entry.value());
        return entry;
    }

    /** The entry of a file, if it has one this class can read. */
    Optional<Entry> entry(File file) {
        String value = store.get(key(file));
        return value == null ? Optional.empty() : Optional.ofNullable(Entry.parse(value));
    }

    /** Whether the file has an entry at all (also one in an older format). */
    boolean taken(File file) {
        return store.get(key(file)) != null;
    }

    /** Forgets the file: the same name in the inbox is then a new drop. */
    @Override
    public boolean remove(File file) {
        return store.remove(key(file)) != null;
    }

    private String key(File file) {
        return prefix + file.getAbsolutePath();
    }
}
