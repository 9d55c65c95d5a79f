package io.segmentbatch.segment;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Looks up what an event says about customers (name, e-mail) in the customers a run stored, by batches of keys. */
final class CustomerDetails {
    private final KeyLookups lookups;

    CustomerDetails(JdbcTemplate jdbc) {
        this.lookups = new KeyLookups(jdbc);
    }

    Map<String, MemberInfo> find(long runNo, List<String> keys) {
        Map<String, MemberInfo> found = new HashMap<>(keys.size() * 2);
        lookups.query("SELECT customer_key, customer_id, source_id, name, email FROM sb_run_customer", runNo, keys, rs -> {
            found.put(rs.getString(1), new MemberInfo(rs.getString(1), rs.getString(2), rs.getString(3),
                    rs.getString(4), rs.getString(5)));
        });
        return found;
    }
}
