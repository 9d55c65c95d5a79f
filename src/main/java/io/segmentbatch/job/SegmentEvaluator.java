package io.segmentbatch.job;

import io.segmentbatch.customer.Customer;
import io.segmentbatch.customer.CustomerFields;
import io.segmentbatch.filter.CompiledFilter;
import io.segmentbatch.filter.EvaluationContext;
import io.segmentbatch.segment.EvaluatedCustomer;
import io.segmentbatch.segment.SegmentDefinition;

import java.util.List;

/**
 * Evaluates every filter segment of the job against a customer, giving the bitmap of the segments it matched (bit
 * i: the job's i-th filter segment). The filters are compiled once, when it is built; one evaluator per partition.
 */
class SegmentEvaluator {
    private final CompiledFilter<Customer>[] filters;
    private final int fileNo;

    SegmentEvaluator(RunContext run, int fileNo) {
        this(run.definition().filterSegments(), run.evaluationContext(), fileNo);
    }

    @SuppressWarnings("unchecked")
    SegmentEvaluator(List<SegmentDefinition> segments, EvaluationContext context, int fileNo) {
        if (segments.size() > 128) {
            throw new IllegalStateException(
                    "a run evaluates at most 128 filter segments, this one has " + segments.size());
        }
        CustomerFields fields = new CustomerFields();
        filters = new CompiledFilter[segments.size()];
        for (int i = 0; i < segments.size(); i++) {
            filters[i] = java.util.Objects.requireNonNull(segments.get(i).filter(), "a filter segment")
                    .compile(fields, context);
        }
        this.fileNo = fileNo;
    }

    EvaluatedCustomer evaluate(Customer customer) {
        long m0 = 0;
        long m1 = 0;
        for (int i = 0; i < filters.length; i++) {
            if (filters[i].matches(customer)) {
                if (i < 64) {
                    m0 |= 1L << i;
                } else {
                    m1 |= 1L << (i - 64);
                }
            }
        }
        return new EvaluatedCustomer(
                customer.key(),
                customer.id(),
                customer.sourceId(),
                customer.name(),
                customer.email(),
                m0,
                m1,
                fileNo,
                customer.source().line(),
                customer.lines());
    }
}
