package io.segmentbatch.job;

import io.segmentbatch.report.JobReport;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Checks a published run against its job's {@link Guards}: what would make committing it look like a broken export. */
final class GuardCheck {
    private GuardCheck() {}

    /**
     * @param previousCustomers the customers of the job's last completed run, or null when there is none
     * @return the guards the run trips; empty when it may be committed
     */
    static List<JobReport.GuardTrip> check(Guards guards, JobReport report, @Nullable Long previousCustomers) {
        List<JobReport.GuardTrip> trips = new ArrayList<>();
        long customers = report.input().customers();
        if (guards.minCustomers() != null && customers < guards.minCustomers()) {
            trips.add(new JobReport.GuardTrip(
                    "min_customers",
                    null,
                    guards.minCustomers(),
                    customers,
                    String.format(
                            Locale.ROOT,
                            "the input has %,d customers, fewer than min_customers (%,d)",
                            customers,
                            guards.minCustomers())));
        }
        if (guards.maxCustomersDropRatio() != null && previousCustomers != null && previousCustomers > 0) {
            double drop = (previousCustomers - customers) / (double) previousCustomers;
            if (drop > guards.maxCustomersDropRatio()) {
                trips.add(new JobReport.GuardTrip(
                        "max_customers_drop_ratio",
                        null,
                        guards.maxCustomersDropRatio(),
                        drop,
                        String.format(
                                Locale.ROOT,
                                "the input has %,d customers, %.1f%% fewer than the %,d of the last completed run"
                                        + " (max_customers_drop_ratio %.2f)",
                                customers,
                                100 * drop,
                                previousCustomers,
                                guards.maxCustomersDropRatio())));
            }
        }
        if (guards.maxLeftRatio() != null) {
            for (JobReport.SegmentEntry entry : report.segments()) {
                if (!"auto-update".equals(entry.segment().type())
                        || entry.left() == null
                        || entry.left() == 0
                        || entry.entered() == null) {
                    continue;
                }
                long before = entry.customersCount() - entry.entered() + entry.left();
                double share = entry.left() / (double) before;
                if (share > guards.maxLeftRatio()) {
                    trips.add(new JobReport.GuardTrip(
                            "max_left_ratio",
                            entry.segment().name(),
                            guards.maxLeftRatio(),
                            share,
                            String.format(
                                    Locale.ROOT,
                                    "%,d of the %,d current members of '%s' (%.1f%%) would leave (max_left_ratio %.2f)",
                                    entry.left(),
                                    before,
                                    entry.segment().name(),
                                    100 * share,
                                    guards.maxLeftRatio())));
                }
            }
        }
        return trips;
    }
}
