package io.segmentbatch.job;

import io.segmentbatch.customer.Customer;
import io.segmentbatch.customer.CustomerFields;
import io.segmentbatch.filter.CompiledFilter;
import io.segmentbatch.filter.EvaluationContext;
import io.segmentbatch.segment.EvaluatedCustomer;
import io.segmentbatch.segment.SegmentDefinition;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import java.util.Arrays;
import java.util.List;

/** Evaluates every filter segment of the job against a customer; the filters are compiled once, when it is built. */
class SegmentEvaluator implements ItemProcessor<Customer, EvaluatedCustomer> {
    private final CompiledFilter<Customer>[] filters;
    private final long[] segNos;

    @SuppressWarnings("unchecked")
    SegmentEvaluator(RunContext run) {
        List<SegmentDefinition> segments = run.definition().filterSegments();
        EvaluationContext context = run.evaluationContext();
        CustomerFields fields = new CustomerFields();
        filters = new CompiledFilter[segments.size()];
        segNos = new long[segments.size()];
        for (int i = 0; i < segments.size(); i++) {
            filters[i] = segments.get(i).filter().compile(fields, context);
            segNos[i] = run.catalog(segments.get(i)).segNo();
        }
    }

    @Override
    public EvaluatedCustomer process(Customer customer) {
        long[] matches = new long[filters.length];
        int count = 0;
        for (int i = 0; i < filters.length; i++) {
            if (filters[i].matches(customer)) {
                matches[count++] = segNos[i];
            }
        }
        return new EvaluatedCustomer(customer.key(), customer.id(), customer.sourceId(), customer.name(),
                customer.email(), count == matches.length ? matches : Arrays.copyOf(matches, count));
    }
}
