package io.segmentbatch.job;

import io.segmentbatch.customer.RecordText;
import io.segmentbatch.store.Rejects;
import io.segmentbatch.store.RunCustomers;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.skip.SkipLimitExceededException;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rejects every customer ID seen earlier in the run: once all partitions are stored, the first occurrence in input
 * order stays and the later ones go to the rejects with their text, read again from the file. They count against
 * the job's {@code skip_limit} like any rejected row.
 *
 * <p>The removals and their rejects commit together, in a transaction of their own, before the limit is checked:
 * a run that fails there keeps one row per customer beside its rejects (its report counts each row once), and its
 * restart finds no duplicate to reject a second time, checks the same limit again and fails the same way.
 */
class DedupeTasklet implements Tasklet {
    private final RunContext run;
    private final RunCustomers customers;
    private final Rejects rejects;
    private final TransactionTemplate ownTransaction;

    DedupeTasklet(RunContext run, RunCustomers customers, Rejects rejects, PlatformTransactionManager transactions) {
        this.run = run;
        this.customers = customers;
        this.rejects = rejects;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long runNo = run.run().runNo();
        List<RunCustomers.Duplicate> duplicates = ownTransaction.execute(status -> removeDuplicates(runNo));
        long limit = run.definition().skipLimit();
        if (rejects.count(runNo) > limit) {
            List<Path> files = run.inputFiles();
            throw new SkipLimitExceededException(
                    limit,
                    new IllegalStateException(
                            duplicates == null || duplicates.isEmpty()
                                    ? rejects.count(runNo) + " rows of this run were rejected"
                                    : duplicates.size()
                                            + (duplicates.size() == 1
                                                    ? " duplicate customer ID"
                                                    : " duplicate customer IDs")
                                            + ", the first on line "
                                            + duplicates.get(0).line() + " of "
                                            + files.get(duplicates.get(0).fileNo())));
        }
        return RepeatStatus.FINISHED;
    }

    private List<RunCustomers.Duplicate> removeDuplicates(long runNo) {
        List<RunCustomers.Duplicate> duplicates = customers.removeDuplicates(runNo);
        if (duplicates.isEmpty()) {
            return duplicates;
        }
        List<Path> files = run.inputFiles();
        Map<Integer, Map<Long, Integer>> wanted = new HashMap<>();
        duplicates.forEach(
                d -> wanted.computeIfAbsent(d.fileNo(), f -> new HashMap<>()).put(d.line(), d.lines()));
        Map<Integer, Map<Long, String>> texts = new HashMap<>();
        wanted.forEach((fileNo, records) -> texts.put(
                fileNo,
                RecordText.read(files.get(fileNo), run.definition().format().encoding(), records)));
        for (RunCustomers.Duplicate d : duplicates) {
            String where = " (first on line " + d.firstLine() + " of " + files.get(d.firstFileNo()) + ")";
            rejects.record(
                    runNo,
                    new Rejects.Reject(
                            files.get(d.fileNo()).toString(),
                            d.line(),
                            "duplicate customer ID '" + d.key() + "': already seen earlier in this run" + where,
                            texts.getOrDefault(d.fileNo(), Map.of()).getOrDefault(d.line(), "")));
        }
        return duplicates;
    }
}
