package io.segmentbatch.job;

import io.segmentbatch.report.ReportFiles;
import io.segmentbatch.store.Rejects;
import io.segmentbatch.store.RunRecord;

/** Files of a run folder that come from the database. */
final class RunFiles {
    private RunFiles() {}

    /** {@code rejects.csv} from the rows the run rejected, in file and line order. */
    static void writeRejects(Rejects rejects, RunRecord run) {
        ReportFiles.writeRejects(
                run.runFolder(),
                sink -> rejects.forEach(
                        run.runNo(),
                        reject -> sink.accept(
                                new String[] {reject.file(), Long.toString(reject.line()), reject.reason(), reject.raw()
                                })));
    }
}
